// Publish and see it live: Strapi's own webhooks reach the pipeline's server, which rebuilds
// incrementally; previews render drafts without ever writing them to the site.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBuild, type BuildOptions } from '../../scripts/pipeline.js';
import { historyPathFor, readHistory } from '../../scripts/publish/build-history.js';
import { reportPathFor, type BuildReport } from '../../scripts/publish/report.js';
import { createTriggerTracker } from '../../scripts/server/build-triggers.js';
import { signReportLink } from '../../cms/src/preview/signed-link.js';
import { listFiles } from '../../scripts/lib/files.js';
import { createRebuildScheduler, type RebuildScheduler } from '../../scripts/server/rebuild-scheduler.js';
import { startPipelineServer, type SiteServer } from '../../scripts/server/server.js';
import { sampleContent } from '../../cms/src/seed/content.js';
import { loadCmsInstances } from '../support/cms-instances.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { fingerprint, sectionPath } from '../support/site-files.js';
import { documentIdOf, signInEditor, type Editor } from '../support/strapi-http.js';

const cms = loadCmsInstances().find((instance) => instance.database === 'sqlite')!;
const REPORT_SECRET = 'report-secret-for-tests-0123456789';
const DEBOUNCE_MS = 400;
const cm = (uid: string) => `/content-manager/collection-types/${uid}`;
const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let editor: Editor;
let server: SiteServer;
let scheduler: RebuildScheduler;
let webhookToken = '';
let restoreWebhook: () => Promise<void>;
const outDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'site-live-')), 'dist');
const cacheDir = path.join(path.dirname(outDir), 'cache');
const options: BuildOptions = { strapiUrl: cms.url, strapiToken: cms.buildToken, outDir, siteUrl: 'https://cities.example.org', now: new Date('2026-11-27T12:00:00Z'), cacheDir };
const reports: BuildReport[] = [];
/** What set each build off, as `npm start` records it (scripts/cli/start.ts). */
const triggers = createTriggerTracker();

const get = async (url: string) => {
  const response = await fetch(`${server.url}${url}`);
  return { status: response.status, text: await response.text(), bytes: response.status === 200 ? Buffer.from(await (await fetch(`${server.url}${url}`)).arrayBuffer()) : Buffer.alloc(0) };
};

/** Waits for the build(s) that a change through Strapi sets off, and returns the last report. */
const nextBuild = async (buildsBefore: number, timeoutMs = 30_000): Promise<BuildReport> => {
  const deadline = Date.now() + timeoutMs;
  while (scheduler.builds === buildsBefore) {
    if (Date.now() > deadline) throw new Error('No build started: did the webhook reach the pipeline?');
    await sleep(50);
  }
  await scheduler.idle();
  return scheduler.lastReport!;
};

beforeAll(async () => {
  editor = await signInEditor(cms);
  const first = await runBuild(options);
  if (first.status !== 'ok') throw new Error(first.error?.message);
  scheduler = createRebuildScheduler({
    debounceMs: DEBOUNCE_MS,
    fullRebuildEveryMs: 0,
    build: (kind, reasons) => runBuild({ ...options, incremental: kind === 'incremental', trigger: triggers.triggerFor(reasons) }),
    onBuilt: (r) => {
      triggers.built(r);
      reports.push(r);
    },
  });

  // Point the CMS's own webhook at this server, with the token the CMS was configured with.
  const hooks = (await editor.get('/admin/webhooks')).json as { data: { id: string; name: string; url: string; headers: Record<string, string>; events: string[] }[] };
  const hook = hooks.data.find((h) => h.name === 'pipeline-rebuild')!;
  webhookToken = hook.headers.Authorization!.replace('Bearer ', '');
  server = await startPipelineServer({
    outDir,
    port: 0,
    webhook: {
      token: webhookToken,
      onEvent: (payload) => {
        triggers.noteWebhook(payload);
        scheduler.notify(payload.event);
      },
    },
    preview: { secret: cms.previewSecret, cmsUrl: cms.url, previewToken: cms.previewToken, siteUrl: options.siteUrl },
    report: { file: reportPathFor(outDir), secret: REPORT_SECRET, linkSecret: cms.previewSecret },
  });
  const update = (url: string) => editor.send('PUT', `/admin/webhooks/${hook.id}`, { name: hook.name, url, headers: hook.headers, events: hook.events, isEnabled: true });
  expect((await update(`${server.url}/hooks/strapi`)).status).toBe(200);
  restoreWebhook = async () => {
    const restored = await update(hook.url);
    if (restored.status !== 200) throw new Error(`Could not restore the CMS webhook: ${restored.status} ${restored.text.slice(0, 300)}`);
  };
});

afterAll(async () => {
  scheduler?.stop();
  await scheduler?.idle();
  await server?.close();
  await restoreWebhook?.();
});

const studyPage = (locale: 'en' | 'es', index = 1) => `${sectionPath(locale, 'studies')}${sampleContent.studies[index]!.slug[locale]}/`;
const studyPdf = (index = 1) => `${studyPage('es', index)}${sampleContent.studies[index]!.slug.es}-resumen.pdf`;
const studyId = async (index = 1) => {
  const list = (await editor.get(`${cm('api::study.study')}?locale=es&filters[slug][$eq]=${sampleContent.studies[index]!.slug.es}`)).json as { results: { documentId: string }[] };
  return list.results[0]!.documentId;
};

test('publishing an edit in the admin changes the page, its feed item and its PDF, live, within the debounce window plus one build', async () => {
  const documentId = await studyId();
  const original = sampleContent.studies[1]!.theme.es;
  const pdfBefore = (await get(studyPdf())).bytes;
  const marker = `Resiliencia urbana revisada ${Date.now()}`;
  const before = scheduler.builds;
  const started = Date.now();
  const published = await editor.send('POST', `${cm('api::study.study')}/${documentId}/actions/publish?locale=es`, { theme: marker });
  expect(published.status).toBe(200);
  const report = await nextBuild(before);
  const publishToLive = Date.now() - started;
  expect(report.status).toBe('ok');
  expect((await get(studyPage('es'))).text).toContain(marker);
  expect((await get('/es/estudios/feed.xml')).text).toContain(marker);
  const pdfAfter = (await get(studyPdf())).bytes;
  expect(pdfAfter.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdfAfter.equals(pdfBefore)).toBe(false);
  // What one edit of one study rewrites: its page, the lists and feeds that show it, its PDF.
  expect(report.changed!.pages).toContain(studyPage('es'));
  expect(report.changed!.pages.every((page) => page.startsWith('/es/'))).toBe(true);
  expect(report.changed!.pdfs).toEqual([studyPdf()]);
  expect(report.changed!.images).toBeLessThanOrEqual(1); // at most that page's Open Graph card
  // The build history names the webhook that set the build off, and the document it named.
  const [latest] = readHistory(historyPathFor(outDir)).builds;
  expect(latest).toMatchObject({ status: 'ok', startedAt: report.startedAt, trigger: { kind: 'webhook', reasons: expect.arrayContaining(['entry.publish']) } });
  expect(latest!.trigger.documents).toEqual(expect.arrayContaining([{ model: 'api::study.study', documentId, locale: 'es' }]));
  expect(latest!.changed!.pdfs.files).toEqual([studyPdf()]);
  process.stdout.write(`publish-to-live ${publishToLive} ms; files written: ${JSON.stringify(report.changed)}\n`);

  const restoreBefore = scheduler.builds;
  await editor.send('POST', `${cm('api::study.study')}/${documentId}/actions/publish?locale=es`, { theme: original });
  await nextBuild(restoreBefore);
  expect((await get(studyPage('es'))).text).not.toContain(marker);
});

test('a burst of 20 webhooks gives at most 2 builds', async () => {
  await scheduler.idle();
  const before = scheduler.builds;
  const answers = await Promise.all(
    Array.from({ length: 20 }, () => fetch(`${server.url}/hooks/strapi`, { method: 'POST', headers: { Authorization: `Bearer ${webhookToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ event: 'entry.update', model: 'study' }) })),
  );
  expect(answers.map((a) => a.status)).toEqual(Array(20).fill(202));
  await sleep(DEBOUNCE_MS + 100);
  await scheduler.idle();
  expect(scheduler.builds - before).toBeGreaterThanOrEqual(1);
  expect(scheduler.builds - before).toBeLessThanOrEqual(2);
});

test('a webhook without the token gets 401 and triggers nothing; malformed and oversized bodies get 4xx', async () => {
  await scheduler.idle();
  const before = scheduler.builds;
  const post = (headers: Record<string, string>, body: string) => fetch(`${server.url}/hooks/strapi`, { method: 'POST', headers, body });
  expect((await post({ 'Content-Type': 'application/json' }, '{"event":"entry.publish"}')).status).toBe(401);
  expect((await post({ Authorization: 'Bearer wrong-token', 'Content-Type': 'application/json' }, '{"event":"entry.publish"}')).status).toBe(401);
  expect((await post({ Authorization: `Bearer ${webhookToken}` }, 'not json')).status).toBe(400);
  expect((await post({ Authorization: `Bearer ${webhookToken}` }, '{"model":"study"}')).status).toBe(400);
  expect((await post({ Authorization: `Bearer ${webhookToken}` }, `{"event":"${'x'.repeat(300 * 1024)}"}`)).status).toBe(413);
  await sleep(DEBOUNCE_MS * 2);
  expect(scheduler.builds).toBe(before);
});

test('a long study (a webhook body near a megabyte) publishes like a short one', async () => {
  const slug = `long-study-${Date.now()}`;
  // Many paragraphs of prose: Strapi's webhook carries the whole entry, over 900 KB here (the
  // server used to refuse anything over 256 KB with a 413, which Strapi never retries).
  const words = 'La resiliencia urbana depende de datos abiertos, participación ciudadana y servicios digitales accesibles. ';
  const summary = Array.from({ length: 1_000 }, (_, i) => ({ type: 'paragraph', children: [{ type: 'text', text: `${i + 1}. ${words.repeat(8)}` }] }));
  expect(Buffer.byteLength(JSON.stringify(summary))).toBeGreaterThan(900 * 1024);
  await scheduler.idle();
  const before = scheduler.builds;
  const documentId = documentIdOf(
    await editor.send('POST', `${cm('api::study.study')}/actions/publish?locale=en`, { title: 'A very long study', slug, edition: 8, year: 2026, theme: 'Length', summary }),
  );
  try {
    await nextBuild(before);
    const page = await get(`/en/studies/${slug}/`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('1000. La resiliencia urbana');
  } finally {
    const cleanup = scheduler.builds;
    await editor.send('DELETE', `${cm('api::study.study')}/${documentId}?locale=*`);
    await nextBuild(cleanup).catch(() => undefined);
  }
});

test('unpublishing removes the page and its PDFs', async () => {
  const slug = `temporary-study-${Date.now()}`;
  const before = scheduler.builds;
  const documentId = documentIdOf(
    await editor.send('POST', `${cm('api::study.study')}/actions/publish?locale=en`, { title: 'Temporary study', slug, edition: 9, year: 2026, theme: 'A study that comes and goes', summary: paragraph('Short-lived.') }),
  );
  try {
    await nextBuild(before);
    const page = `/en/studies/${slug}/`;
    expect((await get(page)).status).toBe(200);
    expect((await get(`${page}${slug}-summary.pdf`)).status).toBe(200);
    const unpublishBuilds = scheduler.builds;
    expect((await editor.send('POST', `${cm('api::study.study')}/${documentId}/actions/unpublish?locale=en`, {})).status).toBe(200);
    await nextBuild(unpublishBuilds);
    // Gone, not merely not found: the document was published here (slug history).
    expect((await get(page)).status).toBe(410);
    expect((await get(`${page}${slug}-summary.pdf`)).status).toBe(410);
    expect((await get('/en/studies/feed.xml')).text).not.toContain(slug);
  } finally {
    const cleanup = scheduler.builds;
    await editor.send('DELETE', `${cm('api::study.study')}/${documentId}?locale=*`);
    await nextBuild(cleanup).catch(() => undefined);
  }
});

test('a build that fails (the CMS answers errors mid-build) leaves the served site unchanged', async () => {
  await scheduler.idle();
  const served = fingerprint(outDir);
  const page = (await get(studyPage('en', 0))).text;
  const proxy = await startFaultProxy(cms.url, { onRequest: () => undefined, failFirst: 1_000, status: 500 });
  try {
    const failed = await runBuild({ ...options, strapiUrl: proxy.url, retries: 1, incremental: true });
    expect(failed.status).toBe('failed');
  } finally {
    await proxy.close();
  }
  expect(fingerprint(outDir)).toEqual(served);
  expect((await get(studyPage('en', 0))).text).toBe(page);
});

test('the preview renders a draft from the link the CMS signed, with a banner and noindex, and never writes it to the site', async () => {
  const list = (await editor.get(`${cm('api::article.article')}?locale=es`)).json as { results: { documentId: string }[] };
  const [documentId = '', otherId = ''] = list.results.map((r) => r.documentId);
  const sentinel = `BORRADOR-${Date.now()}`;
  expect((await editor.send('PUT', `${cm('api::article.article')}/${documentId}?locale=es`, { excerpt: sentinel, body: paragraph(sentinel) })).status).toBe(200);
  try {
    // The link the admin's Preview button gets, pointed at this server.
    const made = await editor.get(`/content-manager/preview/url/api::article.article?documentId=${documentId}&locale=es&status=draft`);
    const link = new URL((made.json as { data: { url: string } }).data.url);
    const signed = `${link.pathname}${link.search}`;
    const preview = await fetch(`${server.url}${signed}`);
    const html = await preview.text();
    expect(preview.status).toBe(200);
    expect(preview.headers.get('x-robots-tag')).toContain('noindex');
    expect(html).toContain(sentinel);
    expect(html).toContain('<p class="preview-banner" role="status">Vista previa, sin publicar</p>');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');

    // One document, one locale, a few minutes: any other use of the link is refused.
    const refused = [
      `/preview/es/article/${documentId}`,
      `/preview/es/article/${documentId}?secret=${cms.previewSecret}`,
      `/preview/es/article/${otherId}${link.search}`,
      `/preview/en/article/${documentId}${link.search}`,
      `/preview/es/study/${documentId}${link.search}`,
      `${link.pathname}?expires=${Number(link.searchParams.get('expires')) + 60}&signature=${link.searchParams.get('signature')}`,
      // A changed signature: its first character, which (unlike the last) always carries whole bits.
      `${link.pathname}?expires=${link.searchParams.get('expires')}&signature=${((signature) => (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1))(link.searchParams.get('signature')!)}`,
    ];
    for (const url of refused) expect([url, (await get(url)).status]).toEqual([url, 401]);
    // Past its expiry (the server's clock moved on) and after the secret is rotated.
    const later = await startPipelineServer({ outDir, port: 0, preview: { secret: cms.previewSecret, cmsUrl: cms.url, previewToken: cms.previewToken, siteUrl: options.siteUrl, now: () => Date.now() + 11 * 60_000 } });
    const rotated = await startPipelineServer({ outDir, port: 0, preview: { secret: 'a-new-preview-secret-0123456789', cmsUrl: cms.url, previewToken: cms.previewToken, siteUrl: options.siteUrl } });
    try {
      const expired = await fetch(`${later.url}${signed}`);
      expect([expired.status, await expired.text()]).toEqual([401, expect.stringContaining('expired')]);
      expect((await fetch(`${rotated.url}${signed}`)).status).toBe(401);
    } finally {
      await later.close();
      await rotated.close();
    }

    await scheduler.idle();
    const before = scheduler.builds;
    scheduler.notify('test');
    await nextBuild(before);
    const leaks = listFiles(outDir).filter((file) => readFileSync(path.join(outDir, file)).includes(sentinel));
    expect(leaks).toEqual([]);
  } finally {
    await editor.send('POST', `${cm('api::article.article')}/${documentId}/actions/discard?locale=es`, {});
  }
});

test('the editor report shows the last build, behind its own credential and not the preview secret', async () => {
  expect((await get('/_report/')).status).toBe(401);
  expect((await get(`/_report/?secret=${cms.previewSecret}`)).status).toBe(401);
  const asked = await fetch(`${server.url}/_report/`);
  expect(asked.headers.get('www-authenticate')).toContain('Basic');
  const basic = { Authorization: `Basic ${Buffer.from(`editor:${REPORT_SECRET}`).toString('base64')}` };
  expect((await fetch(`${server.url}/_report/`, { headers: { Authorization: `Basic ${Buffer.from('editor:wrong').toString('base64')}` } })).status).toBe(401);
  const page = await fetch(`${server.url}/_report/`, { headers: basic });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Last build: <strong>published</strong>');
  const json = (await (await fetch(`${server.url}/_report/build-report.json`, { headers: { Authorization: `Bearer ${REPORT_SECRET}` } })).json()) as BuildReport;
  expect(json.status).toBe('ok');
  expect(json.changed).not.toBeNull();

  // Editors come with a link signed with the CMS's preview secret, swapped for a cookie.
  const signed = await fetch(`${server.url}/_report/?${signReportLink(cms.previewSecret, Math.floor(Date.now() / 1000) + 300).toString()}`, { redirect: 'manual' });
  expect([signed.status, signed.headers.get('location')]).toEqual([303, '/_report/']);
  const cookie = signed.headers.get('set-cookie')!.split(';')[0]!;
  const history = (await (await fetch(`${server.url}/_report/build-history.json`, { headers: { Cookie: cookie } })).json()) as { builds: { trigger: { kind: string } }[] };
  expect(history.builds.map((build) => build.trigger.kind)).toContain('webhook');
  expect(await (await fetch(`${server.url}/_report/?lang=es`, { headers: { Cookie: cookie } })).text()).toContain('Cambios en el CMS');
});

test('after all these edits, an incremental build and a full build give the same bytes', async () => {
  await scheduler.idle();
  const incremental = await runBuild({ ...options, incremental: true });
  expect(incremental.status).toBe('ok');
  const fullDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'site-full-')), 'dist');
  const full = await runBuild({ ...options, outDir: fullDir });
  expect(full.status).toBe('ok');
  expect(fingerprint(fullDir).files).toEqual(fingerprint(outDir).files);
});
