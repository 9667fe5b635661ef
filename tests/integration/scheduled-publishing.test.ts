// Scheduled publishing against the real CMS (SQLite, and PostgreSQL when configured): an
// editor sets a moment on one language of a document; the CMS's cron task publishes or
// unpublishes that language only, through the document service, so Strapi's webhook reaches
// the pipeline's server and an incremental build puts it live. A past moment is refused
// naming the field; a publish the CMS refuses fails loudly in its log and leaves the site as
// it was. And events turn from upcoming to past in an incremental build by the clock alone.
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBuild, type BuildOptions } from '../../scripts/pipeline.js';
import { reportPathFor, type BuildReport } from '../../scripts/publish/report.js';
import { createRebuildScheduler, type RebuildScheduler } from '../../scripts/server/rebuild-scheduler.js';
import { startPipelineServer, type SiteServer } from '../../scripts/server/server.js';
import { loadCmsInstances, type CmsInstance } from '../support/cms-instances.js';
import { sectionPath } from '../support/site-files.js';
import { documentIdOf, listDocuments, signInEditor, type Editor } from '../support/strapi-http.js';

const ARTICLE = 'api::article.article';
const EVENT = 'api::event.event';
const cm = (uid: string) => `/content-manager/collection-types/${uid}`;
const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The CMS checks its schedule every 10 s: a moment is acted on within that, plus the publish. */
const CHECK_MS = 10_000;

const waitFor = async <T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = CHECK_MS + 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(100);
  }
};

describe.each(loadCmsInstances().map((cms) => [cms.database, cms] as [string, CmsInstance]))('scheduled publishing on %s', (_database, cms) => {
  let editor: Editor;
  let server: SiteServer;
  let scheduler: RebuildScheduler;
  let restoreWebhook: () => Promise<void>;
  const hooks: { event: string; at: number; model?: string; locale?: string; documentId?: string }[] = [];
  const outDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'site-scheduled-')), 'dist');
  const options: BuildOptions = { strapiUrl: cms.url, strapiToken: cms.buildToken, outDir, siteUrl: 'https://cities.example.org', cacheDir: path.join(path.dirname(outDir), 'cache') };
  const run = `${Date.now().toString(36)}${cms.database}`;
  /** What this file made in the CMS, deleted after it. */
  const made: [string, string][] = [];

  const get = async (url: string) => {
    const response = await fetch(`${server.url}${url}`);
    return { status: response.status, text: await response.text() };
  };
  const draft = async (uid: string, documentId: string, locale: string) =>
    ((await editor.get(`${cm(uid)}/${documentId}?locale=${locale}`)).json as { data: Record<string, unknown> }).data;
  const published = async (pluralName: string, locale: string, slug: string) =>
    (await listDocuments<{ documentId: string; title: string }>(cms, pluralName, locale, `&filters[slug][$eq]=${slug}`))[0] ?? null;
  /** A new article, its draft in English and Spanish. */
  const newArticle = async (name: string): Promise<{ documentId: string; slug: Record<'en' | 'es', string> }> => {
    const slug = { en: `scheduled-${name}-${run}`, es: `programada-${name}-${run}` };
    const created = await editor.send('POST', `${cm(ARTICLE)}?locale=en`, { title: `Scheduled ${name}`, slug: slug.en, date: '2026-11-20', body: paragraph('English text') });
    const documentId = documentIdOf(created);
    made.push([ARTICLE, documentId]);
    const es = await editor.send('PUT', `${cm(ARTICLE)}/${documentId}?locale=es`, { title: `Programada ${name}`, slug: slug.es, date: '2026-11-20', body: paragraph('Texto') });
    expect(es.status).toBe(200);
    return { documentId, slug };
  };
  const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

  beforeAll(async () => {
    editor = await signInEditor(cms);
    const first = await runBuild(options);
    if (first.status !== 'ok') throw new Error(first.error?.message);
    scheduler = createRebuildScheduler({ debounceMs: 300, fullRebuildEveryMs: 0, build: (kind) => runBuild({ ...options, incremental: kind === 'incremental' }) });
    const webhooks = (await editor.get('/admin/webhooks')).json as { data: { id: string; name: string; url: string; headers: Record<string, string>; events: string[] }[] };
    const hook = webhooks.data.find((h) => h.name === 'pipeline-rebuild')!;
    server = await startPipelineServer({
      outDir,
      port: 0,
      webhook: {
        token: hook.headers.Authorization!.replace('Bearer ', ''),
        onEvent: (payload) => {
          const entry = (payload as { entry?: { locale?: string; documentId?: string } }).entry;
          hooks.push({ event: payload.event, at: Date.now(), model: (payload as { model?: string }).model, locale: entry?.locale, documentId: entry?.documentId });
          scheduler.notify(payload.event);
        },
      },
      report: { file: reportPathFor(outDir), secret: 'report-secret-for-tests-0123456789' },
    });
    const update = (url: string) => editor.send('PUT', `/admin/webhooks/${hook.id}`, { name: hook.name, url, headers: hook.headers, events: hook.events, isEnabled: true });
    expect((await update(`${server.url}/hooks/strapi`)).status).toBe(200);
    restoreWebhook = async () => {
      expect((await update(hook.url)).status).toBe(200);
    };
  });

  afterAll(async () => {
    scheduler?.stop();
    await scheduler?.idle();
    await server?.close();
    await restoreWebhook?.();
    // The CMS is shared with the other files, which count the sample's documents.
    for (const [uid, documentId] of made) await editor.send('DELETE', `${cm(uid)}/${documentId}?locale=*`);
  });

  test('a publish scheduled for Spanish publishes Spanish only, at its moment, and the site follows', async () => {
    const { documentId, slug } = await newArticle('publish');
    const due = inSeconds(4);
    const saved = await editor.send('PUT', `${cm(ARTICLE)}/${documentId}?locale=es`, { scheduledPublishAt: due });
    expect(saved.status).toBe(200);
    // Nothing happens before the moment: the draft only holds it.
    expect(await published('articles', 'es', slug.es)).toBeNull();
    const esPage = `${sectionPath('es', 'news')}${slug.es}/`;
    const enPage = `${sectionPath('en', 'news')}${slug.en}/`;
    const live = await waitFor('the Spanish article to be live', async () => (await get(esPage)).status === 200 && Date.now());
    const publishToLive = live - new Date(due).getTime();
    const hook = hooks.find((h) => h.event === 'entry.publish' && h.documentId === documentId);
    expect(hook).toMatchObject({ model: 'article', locale: 'es' });
    expect(hook!.at).toBeGreaterThanOrEqual(new Date(due).getTime());
    expect(await published('articles', 'es', slug.es)).toMatchObject({ documentId, title: 'Programada publish' });
    expect(await published('articles', 'en', slug.en)).toBeNull();
    expect((await get(enPage)).status).toBe(404);
    // Done: the schedule is emptied, and the Spanish draft is not "modified" by it.
    const after = await draft(ARTICLE, documentId, 'es');
    expect(after.scheduledPublishAt).toBeNull();
    expect(after.status).toBe('published');
    // Within a minute of the moment: at most one check interval, the webhook and one build.
    expect(publishToLive).toBeLessThan(60_000);
    process.stdout.write(`[${cms.database}] scheduled publish: moment to webhook ${hook!.at - new Date(due).getTime()} ms, moment to live ${publishToLive} ms\n`);
  });

  test('an unpublish scheduled for Spanish takes Spanish off the site and leaves English', async () => {
    const { documentId, slug } = await newArticle('unpublish');
    for (const locale of ['en', 'es']) expect((await editor.send('POST', `${cm(ARTICLE)}/${documentId}/actions/publish?locale=${locale}`, {})).status).toBe(200);
    const esPage = `${sectionPath('es', 'news')}${slug.es}/`;
    const enPage = `${sectionPath('en', 'news')}${slug.en}/`;
    await waitFor('both languages live', async () => (await get(esPage)).status === 200 && (await get(enPage)).status === 200);
    const due = inSeconds(4);
    expect((await editor.send('PUT', `${cm(ARTICLE)}/${documentId}?locale=es`, { scheduledUnpublishAt: due })).status).toBe(200);
    // 404 today; 410 once the server answers unpublished pages as Gone.
    const gone = await waitFor('the Spanish page to go', async () => ([404, 410].includes((await get(esPage)).status) ? Date.now() : null));
    expect(hooks.find((h) => h.event === 'entry.unpublish' && h.documentId === documentId)).toMatchObject({ model: 'article', locale: 'es' });
    expect(await published('articles', 'es', slug.es)).toBeNull();
    expect(await published('articles', 'en', slug.en)).toMatchObject({ documentId });
    expect((await get(enPage)).status).toBe(200);
    expect((await draft(ARTICLE, documentId, 'es')).scheduledUnpublishAt).toBeNull();
    process.stdout.write(`[${cms.database}] scheduled unpublish: moment to gone ${gone - new Date(due).getTime()} ms\n`);
  });

  test('a moment in the past, or an unpublish before the publish, is refused naming the field', async () => {
    const { documentId } = await newArticle('past');
    const past = await editor.send('PUT', `${cm(ARTICLE)}/${documentId}?locale=es`, { scheduledPublishAt: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(400);
    const error = (past.json as { error: { message: string; details: { errors: { path: string[]; message: string }[] } } }).error;
    expect(error.message).toMatch(/^scheduledPublishAt \(es\): .* is in the past/);
    expect(error.details.errors[0]!.path).toEqual(['scheduledPublishAt']);
    const inverted = await editor.send('PUT', `${cm(ARTICLE)}/${documentId}?locale=en`, { scheduledPublishAt: inSeconds(3600), scheduledUnpublishAt: inSeconds(1800) });
    expect(inverted.status).toBe(400);
    expect((inverted.json as { error: { message: string } }).error.message).toMatch(/^scheduledUnpublishAt \(en\): .* must come after the publish moment/);
    // Nothing was stored by either.
    expect((await draft(ARTICLE, documentId, 'es')).scheduledPublishAt).toBeNull();
    expect((await draft(ARTICLE, documentId, 'en')).scheduledUnpublishAt).toBeNull();
  });

  test('09:00 typed in Madrid is stored as the instant it names, in UTC', async () => {
    const { documentId } = await newArticle('madrid');
    // What the admin's picker sends is the browser's Date as UTC (toISOString); an offset
    // spelled out names the same instant: 09:00 in Madrid in January is 08:00 UTC, in July 07:00.
    for (const [typed, stored] of [['2030-01-15T09:00:00.000+01:00', '2030-01-15T08:00:00.000Z'], ['2030-07-15T09:00:00+02:00', '2030-07-15T07:00:00.000Z']]) {
      expect((await editor.send('PUT', `${cm(ARTICLE)}/${documentId}?locale=es`, { scheduledPublishAt: typed })).status).toBe(200);
      expect(new Date((await draft(ARTICLE, documentId, 'es')).scheduledPublishAt as string).toISOString()).toBe(stored);
    }
    expect((await editor.send('PUT', `${cm(ARTICLE)}/${documentId}?locale=es`, { scheduledPublishAt: null })).status).toBe(200);
  });

  test('a scheduled publish of a draft the CMS refuses fails loudly: logged with document, locale and reason, kept, and the site keeps its version', async () => {
    const { documentId, slug } = await newArticle('invalid');
    expect((await editor.send('POST', `${cm(ARTICLE)}/${documentId}/actions/publish?locale=en`, {})).status).toBe(200);
    const enPage = `${sectionPath('en', 'news')}${slug.en}/`;
    await waitFor('the English article live', async () => (await get(enPage)).status === 200);
    // The draft loses its required title (a draft may), and is scheduled.
    const due = inSeconds(3);
    expect((await editor.send('PUT', `${cm(ARTICLE)}/${documentId}?locale=en`, { title: null, excerpt: 'Edited, not to be seen', scheduledPublishAt: due })).status).toBe(200);
    const logged = await waitFor('the failure in the CMS log', async () =>
      readFileSync(cms.logFile, 'utf8').split('\n').find((line) => line.includes(`Scheduled publish of ${ARTICLE} ${documentId} (en)`) && line.includes('failed')),
    );
    expect(logged).toMatch(/error/i);
    process.stdout.write(`[${cms.database}] CMS log: ${logged}\n`);
    expect(logged).toContain(`due ${due}`);
    expect(logged).toMatch(/title/);
    expect(logged).toContain('The site keeps its current version');
    // Kept, not dropped: the field still holds the moment; the published version is the old one.
    expect(new Date((await draft(ARTICLE, documentId, 'en')).scheduledPublishAt as string).toISOString()).toBe(due);
    expect(await published('articles', 'en', slug.en)).toMatchObject({ title: 'Scheduled invalid', excerpt: null });
    await scheduler.idle();
    expect((await get(enPage)).text).not.toContain('Edited, not to be seen');
    expect((await get(enPage)).text).toContain('Scheduled invalid');
    // Logged once, not on every check.
    await sleep(CHECK_MS + 1_000);
    const lines = readFileSync(cms.logFile, 'utf8').split('\n').filter((line) => line.includes(`Scheduled publish of ${ARTICLE} ${documentId} (en)`));
    expect(lines).toHaveLength(1);
    // The build report says so too, with the reason and the document's language.
    const report = await runBuild({ ...options, incremental: true });
    const entry = report.leftOut.find((issue) => issue.kind === 'schedule-failed' && issue.documentId === documentId);
    expect(entry).toMatchObject({ type: 'article', locale: 'en', field: 'scheduledPublishAt' });
    expect(entry?.message).toContain(`due ${due}, was not carried out: `);
    expect(entry?.message).toMatch(/title/);
    // Emptying the field ends it.
    expect((await editor.send('PUT', `${cm(ARTICLE)}/${documentId}?locale=en`, { scheduledPublishAt: null })).status).toBe(200);
    expect((await runBuild({ ...options, incremental: true })).leftOut.filter((issue) => issue.documentId === documentId)).toEqual([]);
  });

  test('an incremental build moves an event from upcoming to past once its end has passed, with no edit', async () => {
    await scheduler.idle();
    const slug = `ends-this-afternoon-${run}`;
    const created = await editor.send('POST', `${cm(EVENT)}?locale=en`, {
      title: 'Ends this afternoon', slug, kind: 'workshop', startDate: '2030-03-14', startTime: '10:00:00.000', endTime: '18:00:00.000', timeZone: 'Europe/Madrid', description: paragraph('A workshop'),
    });
    const documentId = documentIdOf(created);
    made.push([EVENT, documentId]);
    expect((await editor.send('POST', `${cm(EVENT)}/${documentId}/actions/publish?locale=en`, {})).status).toBe(200);
    await waitFor('the event page', async () => (await get(`${sectionPath('en', 'events')}${slug}/`)).status === 200);
    await scheduler.idle();
    const partOf = async (): Promise<string> => {
      const html = (await get(sectionPath('en', 'events'))).text;
      const upcoming = html.slice(html.indexOf('id="upcoming"'), html.indexOf('id="past"'));
      return upcoming.includes(slug) ? 'upcoming' : html.includes(slug) ? 'past' : 'absent';
    };
    // 18:00 in Madrid on 14 March 2030 (UTC+1) is 17:00Z.
    const before: BuildReport = await runBuild({ ...options, incremental: true, now: new Date('2030-03-14T16:59:00Z') });
    expect(before.status).toBe('ok');
    expect(before.nextEventEnd).toBe('2030-03-14T17:00:00.000Z');
    expect(await partOf()).toBe('upcoming');
    const after = await runBuild({ ...options, incremental: true, now: new Date('2030-03-14T17:00:01Z') });
    expect(after.status).toBe('ok');
    expect(after.changed!.pages).toContain(sectionPath('en', 'events'));
    expect(await partOf()).toBe('past');
    expect(after.nextEventEnd === null || after.nextEventEnd! > '2030-03-14T17:00:01Z').toBe(true);
  });
});
