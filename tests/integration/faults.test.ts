/// <reference lib="dom" />
// Faults of issue 7, against the real CMS: the CMS down before the build (the real CLI), killed
// mid-fetch, or answering a burst of 503s; hostile text in every field; drafts carrying a
// sentinel; an output directory that cannot be written; and builds that must be
// byte-for-byte reproducible. A failed build must always leave the previous output as it was.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Browser } from 'playwright-core';
import { sampleContent } from '../../cms/src/seed/content.js';
import type { RawSnapshot } from '../../scripts/fetch/snapshot.js';
import { startEmbeddedCms, type EmbeddedCms } from '../../scripts/embedded-cms.js';
import { normalise } from '../../scripts/normalise/normalise.js';
import { projectRoot } from '../../scripts/paths.js';
import { runBuild, type BuildOptions } from '../../scripts/pipeline.js';
import { pendingRemovals, releasesDirOf } from '../../scripts/publish/release.js';
import { reportPathFor, type BuildReport } from '../../scripts/publish/report.js';
import { flushState } from '../../scripts/publish/state.js';
import { listFiles } from '../../scripts/lib/files.js';
import { buildFeedViews } from '../../scripts/render/feeds.js';
import { buildSiteView } from '../../scripts/render/pages.js';
import { renderSite } from '../../scripts/render/render.js';
import { startSiteServer, type SiteServer } from '../../scripts/server/server.js';
import { launchChromium } from '../support/browser.js';
import { loadCmsInstances, type CmsInstance } from '../support/cms-instances.js';
import { secretEnv } from '../support/cms-under-test.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { closedPort, hashTree, pdfText, pidListeningOn, runNode, waitUntilRefused } from '../support/fault-tools.js';
import { fingerprint, isAtFormerAddress, readPage, sectionPath } from '../support/site-files.js';
import { contentApi, documentIdOf, signInEditor, type Editor } from '../support/strapi-http.js';
import { searchIndexAt } from '../../scripts/search/query-index.js';

const SITE_URL = 'https://cities.example.org';
const NOW = new Date('2026-11-27T12:00:00Z');
const cm = (uid: string) => `/content-manager/collection-types/${uid}`;
const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

const instances = loadCmsInstances();
const sqlite = instances.find((instance) => instance.database === 'sqlite')!;

// Builds that do not test the cache share one, so images and PDFs are encoded once per file.
const fileRoot = mkdtempSync(path.join(os.tmpdir(), 'site-faults-'));
const sharedCache = path.join(fileRoot, 'cache');
let dirCount = 0;
/** A fresh directory for one build: `<tmp>/<n>-<name>/dist` is the out dir. */
const freshOutDir = (name: string): string => {
  dirCount += 1;
  const dir = path.join(fileRoot, `${dirCount}-${name}`);
  mkdirSync(dir, { recursive: true });
  return path.join(dir, 'dist');
};
const optionsFor = (cms: { url: string; buildToken: string }, outDir: string, cacheDir = sharedCache): BuildOptions => ({
  strapiUrl: cms.url, strapiToken: cms.buildToken, outDir, siteUrl: SITE_URL, now: NOW, cacheDir,
});
/**
 * A build that went live, with its state on disk and its background work on releases done (the
 * spare for the next build among it): the tests below compare the files beside it.
 */
const buildOk = async (options: BuildOptions): Promise<BuildReport> => {
  const report = await runBuild(options);
  if (report.status !== 'ok') throw new Error(`The build into ${options.outDir} failed: ${report.error?.name}: ${report.error?.message}`);
  await flushState();
  await pendingRemovals();
  return report;
};
afterAll(() => rmSync(fileRoot, { recursive: true, force: true }));
const readReport = (outDir: string): BuildReport => JSON.parse(readFileSync(reportPathFor(outDir), 'utf8')) as BuildReport;

// Strapi allows 5 admin logins per 5 minutes per account and IP, and the whole suite shares
// the CMS: one login per instance for this file.
const editors = new Map<string, Promise<Editor>>();
const editorFor = (cms: CmsInstance): Promise<Editor> => {
  if (!editors.has(cms.url)) editors.set(cms.url, signInEditor(cms));
  return editors.get(cms.url)!;
};

const htmlValidator = new HtmlValidate(JSON.parse(readFileSync(path.join(projectRoot, '.htmlvalidate.json'), 'utf8')) as ConfigData);
const validationErrors = async (html: string, name: string): Promise<string[]> => {
  const result = await htmlValidator.validateString(html, name);
  return result.results.flatMap((r) => r.messages).map((m) => `${name}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
};

type Element = ReturnType<typeof DomUtils.getElementsByTagName>[number];
const elementsOf = (html: string): Element[] => DomUtils.getElementsByTagName(() => true, parseDocument(html).children, true);

/**
 * The page without its JSON-LD (search engines' data, which runs nothing), provided that holds
 * no `<` at all: an editor's `</script>` escaped inside it cannot close it.
 */
const withoutStructuredData = (html: string): string => html.replace(/<script type="application\/ld\+json">[^<]*<\/script>/g, '');

/** Markup that would run or load something, found by parsing (escaped text is not markup; JSON-LD is data). */
const activeMarkup = (html: string): string[] =>
  elementsOf(withoutStructuredData(html)).flatMap((el) => {
    const found: string[] = [];
    if (el.name === 'script') found.push('<script>');
    if (el.name === 'img' && el.attribs.src === 'x') found.push('<img src=x>');
    for (const [name, value] of Object.entries(el.attribs)) {
      if (/^on/i.test(name)) found.push(`<${el.name} ${name}="${value}">`);
      if ((name === 'href' || name === 'src') && /^\s*(javascript|data|vbscript):/i.test(value)) found.push(`<${el.name} ${name}="${value}">`);
      if (name === 'href' && /evil\.example/.test(value)) found.push(`<${el.name} href="${value}">`);
    }
    return found;
  });

// ---------------------------------------------------------------------------------------------
// 1, 2, 3, 6: faults of the process, the network and the file system, once, on SQLite.

describe('process-level faults (CMS on sqlite)', () => {
  let dedicated: Promise<EmbeddedCms>;
  const dedicatedRoot = mkdtempSync(path.join(os.tmpdir(), 'cms-faults-'));
  const proxies: FaultProxy[] = [];

  beforeAll(() => {
    // The CMS that gets killed is our own; it boots while the other tests run.
    dedicated = startEmbeddedCms({
      stateDir: path.join(dedicatedRoot, 'state'),
      env: { ...secretEnv(), DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dedicatedRoot, 'data.db') },
      startTimeoutMs: 150_000,
    });
    dedicated.catch(() => {
      // reported by the test that awaits it
    });
  });

  afterAll(async () => {
    for (const proxy of proxies) await proxy.close();
    await dedicated.then((cms) => cms.stop(), () => undefined);
    rmSync(dedicatedRoot, { recursive: true, force: true });
  }, 30_000);

  test('the CMS down before the build: the CLI exits non-zero, names the URL, says the CMS is unreachable, and the previous output is byte-identical', async () => {
    const outDir = freshOutDir('cms-down');
    await buildOk(optionsFor(sqlite, outDir));
    const before = fingerprint(outDir);
    const releasesBefore = readdirSync(releasesDirOf(outDir)).sort();
    const cmsUrl = `http://127.0.0.1:${await closedPort()}`;

    const result = await runNode([path.join('node_modules', 'tsx', 'dist', 'cli.mjs'), path.join('scripts', 'cli', 'build.ts'), '--out', outDir], {
      cwd: projectRoot,
      env: { ...process.env, STRAPI_URL: cmsUrl, STRAPI_TOKEN: 'x' },
      timeoutMs: 60_000,
    });
    const output = `${result.stdout}\n${result.stderr}`;

    expect({ code: result.code, signal: result.signal }).toEqual({ code: 1, signal: null });
    expect(output).toContain(`Building from ${cmsUrl} (environment CMS)`);
    expect(output).toMatch(new RegExp(`Could not reach the CMS at ${cmsUrl.replace(/[.:/]/g, '\\$&')}/api/[^ ]+ \\(connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+; 4 attempts\\)\\. Check STRAPI_URL and that the CMS is running\\.`));
    expect(output).toContain('the previous site is untouched');
    expect(output).not.toContain('Built ');
    // Byte for byte, and still the same release behind the link.
    expect(fingerprint(outDir)).toEqual(before);
    expect(readdirSync(releasesDirOf(outDir)).sort()).toEqual(releasesBefore);
    const report = readReport(outDir);
    expect([report.status, report.error?.name, report.cmsUrl, report.release]).toEqual(['failed', 'CmsUnreachableError', cmsUrl, null]);
  }, 90_000);

  test('a burst of 503s is retried: the build succeeds and its output equals a build without faults', async () => {
    const cleanOut = freshOutDir('no-faults');
    const clean = await buildOk(optionsFor(sqlite, cleanOut));
    // The change feed, 8 types × 2 locales, and the history of addresses and translations.
    expect(clean.requests).toBe(18);

    const proxy = await startFaultProxy(sqlite.url, { failFirst: 3, status: 503 });
    proxies.push(proxy);
    const faultOut = freshOutDir('503-burst');
    const report = await runBuild(optionsFor({ url: proxy.url, buildToken: sqlite.buildToken }, faultOut));

    expect([report.status, report.error]).toEqual(['ok', null]);
    expect(report.requests).toBeGreaterThan(18);
    // The change feed, 16 pages of content and the history, plus one retry for each of the three refused requests.
    expect(report.requests).toBe(21);
    expect(proxy.count).toBeGreaterThanOrEqual(21);
    expect(report.counts).toEqual(clean.counts);
    const faulty = fingerprint(faultOut);
    const reference = fingerprint(cleanOut);
    expect(Object.keys(faulty.files).length).toBe(clean.files);
    expect(faulty.files).toEqual(reference.files);
  });

  test('an unwritable releases directory: the build fails with a PublishError and the hand-made previous output is byte-identical', async () => {
    const outDir = freshOutDir('unwritable');
    // The previous output: a plain directory made by hand, never a release.
    mkdirSync(path.join(outDir, 'en'), { recursive: true });
    writeFileSync(path.join(outDir, 'index.html'), '<!doctype html><title>Hand-made</title><p>The site as it was.</p>\n');
    writeFileSync(path.join(outDir, 'en', 'notes.txt'), 'previous output\n');
    // A regular file where the build wants its releases directory.
    const releasesDir = releasesDirOf(outDir);
    writeFileSync(releasesDir, 'not a directory\n');
    const before = hashTree(outDir);

    const report = await runBuild(optionsFor(sqlite, outDir));

    expect(report.status).toBe('failed');
    expect(report.error?.name).toBe('PublishError');
    expect(report.error?.message).toContain(`Cannot write the site next to ${outDir}`);
    expect(report.error?.message).toContain('The previous output is untouched.');
    // It names the release directory it could not make, inside the blocked releases path.
    expect(Object.keys(report.error?.context ?? {})).toEqual(['file', 'causes']);
    // The system's own error rides along as the cause.
    expect(report.error?.context.causes).toEqual([expect.stringMatching(/E(ACCES|NOTDIR|PERM|EXIST)/)]);
    expect(path.dirname(String(report.error?.context.file))).toBe(releasesDir);
    expect(report.release).toBeNull();
    expect(hashTree(outDir)).toEqual(before);
    expect(readFileSync(releasesDir, 'utf8')).toBe('not a directory\n');
    expect(readReport(outDir).status).toBe('failed');
  });

  test('the CMS killed mid-fetch: the build fails with CmsUnreachableError and the previous output is byte-identical', async () => {
    const cms = await dedicated;
    const cmsPort = Number(new URL(cms.url).port);
    const outDir = freshOutDir('killed-mid-fetch');
    await buildOk(optionsFor(cms, outDir));
    const before = fingerprint(outDir);
    const releasesBefore = readdirSync(releasesDirOf(outDir)).sort();

    const kill: { pid: number | null; refused: boolean; error: unknown } = { pid: null, refused: false, error: null };
    const proxy = await startFaultProxy(cms.url, {
      onRequest: async (n) => {
        if (n !== 5) return;
        try {
          kill.pid = pidListeningOn(cmsPort);
          if (kill.pid === null) throw new Error(`nothing listens on ${cmsPort}`);
          process.kill(kill.pid, 'SIGKILL');
          kill.refused = await waitUntilRefused(cms.url);
        } catch (error) {
          kill.error = error;
        }
      },
    });
    proxies.push(proxy);
    const report = await runBuild({ ...optionsFor({ url: proxy.url, buildToken: cms.buildToken }, outDir), retries: 1, requestTimeoutMs: 2_000 });

    expect(kill).toEqual({ pid: expect.any(Number), refused: true, error: null });
    expect(report.status).toBe('failed');
    expect(report.error?.name).toBe('CmsUnreachableError');
    expect(report.error?.message).toContain(`Could not reach the CMS at ${proxy.url}/api/`);
    expect(report.error?.message).toContain('2 attempts');
    expect(report.release).toBeNull();
    expect(report.stages).toEqual({ fetch: expect.any(Number) });
    expect(proxy.count).toBeGreaterThanOrEqual(5);
    expect(fingerprint(outDir)).toEqual(before);
    expect(readdirSync(releasesDirOf(outDir)).sort()).toEqual(releasesBefore);
  }, 180_000);
});

// ---------------------------------------------------------------------------------------------
// 4b: a 100 KB title, which the CMS refuses, from a CMS that would send one anyway.

describe('a 100 000-character title straight through normalise, page view and render', () => {
  const STUDY_2023 = 'lmu1f1poi5nvnomszawgggjs';
  const chunk = '<script>alert(1)</script>\u202E"><img src=x onerror=alert(1)>\u200B ';
  const longTitle = chunk.repeat(Math.ceil(100_000 / chunk.length)).slice(0, 100_000);
  const outDir = path.join(fileRoot, 'long-title');

  test('the page is written, escaped, and valid; the javascript: link is reported and not linked', async () => {
    expect(longTitle.length).toBe(100_000);
    const snapshot = JSON.parse(readFileSync(path.join(projectRoot, 'tests', 'fixtures', 'sample-snapshot.json'), 'utf8')) as RawSnapshot;
    const raw = (snapshot.collections.study!.en as { documentId: string; slug: string; title: string; summary: unknown[] }[]).find((s) => s.documentId === STUDY_2023)!;
    raw.title = longTitle;
    // Without search and social fields, whose title would stand in the page's <title> instead.
    (raw as { seo?: unknown }).seo = null;
    raw.summary.push({ type: 'paragraph', children: [{ type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'click' }] }] });
    const linkField = `summary.${raw.summary.length - 1}.children.0`;

    const model = normalise(snapshot, { cmsUrl: 'http://cms.test' });
    expect(model.issues.filter((issue) => issue.kind === 'invalid-document')).toEqual([]);
    expect(model.studies.find((s) => s.documentId === STUDY_2023 && s.locale === 'en')?.title).toBe(longTitle);
    expect(model.issues.filter((issue) => issue.kind === 'unsafe-link')).toEqual([
      expect.objectContaining({ kind: 'unsafe-link', type: 'study', documentId: STUDY_2023, locale: 'en', field: linkField }),
    ]);
    const feeds = await buildFeedViews(model, SITE_URL);
    const view = buildSiteView(model, NOW, feeds.feeds);
    await renderSite(model, view, outDir, SITE_URL);

    const page = readPage(outDir, `/en/studies/${raw.slug}/`);
    expect(page.h1).toBe(longTitle.trim());
    expect(page.title.startsWith(longTitle)).toBe(true);
    expect(withoutStructuredData(page.html)).not.toContain('<script');
    expect(page.html).not.toContain('<img src=x');
    expect(page.html).not.toContain('href="javascript:');
    expect(activeMarkup(page.html)).toEqual([]);
    expect(await validationErrors(page.html, `en/studies/${raw.slug}/index.html`)).toEqual([]);
    // The list pages and the home show the title too.
    for (const file of ['en/index.html', 'en/studies/index.html']) {
      const html = readFileSync(path.join(outDir, file), 'utf8');
      expect(html).toContain(longTitle.slice(0, 60).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
      expect([file, activeMarkup(html)]).toEqual([file, []]);
      expect(await validationErrors(html, file)).toEqual([]);
    }
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// 4, 5, 7 on every CMS instance.

describe.each(instances)('hostile content from the CMS on $database', (cms: CmsInstance) => {
  const HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)> \u202Egnp.exe \u200Bzero\u200Bwidth';
  const stamp = `${Date.now()}-${randomBytes(3).toString('hex')}`;
  const slugs = { en: `hostile-study-${stamp}`, es: `estudio-hostil-${stamp}` };
  const words = { en: { title: 'Study', theme: 'Theme', para: 'Paragraph', goal: 'Objective', alt: 'Cover' }, es: { title: 'Estudio', theme: 'Tema', para: 'Párrafo', goal: 'Objetivo', alt: 'Portada' } };
  const fieldsFor = (locale: 'en' | 'es', linkUrl: string) => ({
    title: `${words[locale].title} ${HOSTILE}`,
    slug: slugs[locale],
    edition: 97,
    year: 2097,
    theme: `${words[locale].theme} ${HOSTILE}`,
    summary: [
      { type: 'paragraph', children: [{ type: 'text', text: `${words[locale].para} ${HOSTILE}` }] },
      { type: 'paragraph', children: [{ type: 'link', url: linkUrl, children: [{ type: 'text', text: 'click' }] }] },
    ],
    objectives: [{ text: `${words[locale].goal} ${HOSTILE}` }],
    coverAlt: `${words[locale].alt} ${HOSTILE}`,
  });
  // Strapi refuses javascript: links (see the first test); a protocol-relative link is one it
  // accepts and the pipeline must not publish.
  const SNEAKY_LINK = '//evil.example/steal';
  const outDir = freshOutDir(`hostile-${cms.database}`);
  let editor: Editor;
  let documentId = '';
  let report: BuildReport;

  beforeAll(async () => {
    editor = await editorFor(cms);
    const files = (await editor.get('/upload/files?pageSize=100')).json as { results: { id: number; name: string }[] };
    const cover = files.results.find((file) => file.name === 'cover-study-2023.png');
    if (!cover) throw new Error('the sample cover cover-study-2023.png is not in the media library');
    documentId = documentIdOf(await editor.send('POST', `${cm('api::study.study')}/actions/publish?locale=en`, { ...fieldsFor('en', SNEAKY_LINK), cover: cover.id }));
    const es = await editor.send('POST', `${cm('api::study.study')}/${documentId}/actions/publish?locale=es`, fieldsFor('es', SNEAKY_LINK));
    if (es.status !== 200) throw new Error(`publishing the Spanish version gave ${es.status}: ${es.text.slice(0, 300)}`);
    report = await buildOk(optionsFor(cms, outDir));
  }, 120_000);

  const leftovers: { status: number; json: unknown }[] = [];

  afterAll(async () => {
    // The hostile study, and anything the CMS should have refused but stored.
    const ids = [documentId, ...leftovers.map((r) => (r.json as { data?: { documentId?: string } } | null)?.data?.documentId)];
    for (const id of ids) if (id) await editor.send('DELETE', `${cm('api::study.study')}/${id}?locale=*`);
  });

  test('the CMS itself refuses a javascript: link and a 100 KB title with a 400', async () => {
    const js = await editor.send('POST', `${cm('api::study.study')}/actions/publish?locale=en`, { ...fieldsFor('en', 'javascript:alert(1)'), slug: `refused-js-${stamp}` });
    leftovers.push(js);
    expect(js.status).toBe(400);
    expect((js.json as { error: { details: { errors: { path: string[] }[] } } }).error.details.errors.map((e) => e.path.join('.'))).toEqual(['summary.1.children.0.url']);
    const long = await editor.send('POST', `${cm('api::study.study')}/actions/publish?locale=en`, { ...fieldsFor('en', SNEAKY_LINK), slug: `refused-long-${stamp}`, title: `<script>\u202E${'x'.repeat(100_000)}` });
    leftovers.push(long);
    expect(long.status).toBe(400);
    expect((long.json as { error: { message: string } }).error.message).toBe('title must be at most 200 characters');
    // Neither left a document behind.
    const found = (await editor.get(`${cm('api::study.study')}?locale=en&filters[slug][$startsWith]=refused-`)).json as { results: unknown[] };
    expect(found.results).toEqual([]);
  });

  test.each(['en', 'es'] as const)('the %s study page shows every hostile string as text and has no markup from it', (locale) => {
    const page = readPage(outDir, `${sectionPath(locale, 'studies')}${slugs[locale]}/`);
    const w = words[locale];
    expect(page.h1).toBe(`${w.title} ${HOSTILE}`);
    expect(page.title.startsWith(`${w.title} ${HOSTILE} · `)).toBe(true);
    expect(withoutStructuredData(page.html)).not.toContain('<script');
    expect(page.html).not.toContain('<img src=x');
    expect(page.html).not.toContain('href="javascript:');
    expect(page.html).not.toContain('evil.example');
    expect(activeMarkup(page.html)).toEqual([]);
    const all = elementsOf(page.html);
    const text = (el: Element | undefined) => (el ? DomUtils.textContent(el) : '');
    const main = all.find((el) => el.name === 'main');
    expect(text(all.find((el) => el.name === 'p' && (el.attribs.class ?? '') === 'lead'))).toBe(`${w.theme} ${HOSTILE}`);
    expect(text(main)).toContain(`${w.para} ${HOSTILE}`);
    expect(all.filter((el) => el.name === 'li').map(text)).toContain(`${w.goal} ${HOSTILE}`);
    expect(all.find((el) => el.name === 'img' && (el.attribs.class ?? '').includes('cover'))?.attribs.alt).toBe(`${w.alt} ${HOSTILE}`);
    expect(all.find((el) => el.name === 'meta' && el.attribs.property === 'og:title')?.attribs.content).toBe(`${w.title} ${HOSTILE}`);
    // The words of the refused link stay, as text.
    expect(text(main)).toContain('click');
    expect(all.filter((el) => el.name === 'a').map(text)).not.toContain('click');
  });

  test('every page of the site passes html-validate (standard)', async () => {
    const pages = listFiles(outDir).filter((file) => file.endsWith('.html'));
    // The pages of the sitemap and the root, and a 404 page per language and at the root;
    // beside them (and validated too), the pages at the Spanish sections' former addresses.
    expect(pages.filter((file) => !isAtFormerAddress(file)).length).toBe(report.pages + 3);
    const errors: string[] = [];
    for (const file of pages) errors.push(...(await validationErrors(readFileSync(path.join(outDir, file), 'utf8'), file)));
    expect(errors).toEqual([]);
  });

  test('the report warns about the unsafe link in each language, and nothing was left out', () => {
    const unsafe = report.warnings.filter((issue) => issue.kind === 'unsafe-link').sort((a, b) => String(a.locale).localeCompare(String(b.locale)));
    expect(unsafe).toEqual([
      expect.objectContaining({ type: 'study', documentId, locale: 'en', field: 'summary.1.children.0' }),
      expect.objectContaining({ type: 'study', documentId, locale: 'es', field: 'summary.1.children.0' }),
    ]);
    for (const issue of unsafe) expect(issue.message).toContain(JSON.stringify(SNEAKY_LINK));
    expect(report.leftOut).toEqual([]);
    expect(report.counts.study).toEqual({ en: 3, es: 3 });
    expect(existsSync(path.join(outDir, 'en', 'studies', slugs.en, `${slugs.en}-summary.pdf`))).toBe(true);
  });

  test('feeds carry the hostile strings as text, never as markup', () => {
    const read = (file: string) => readFileSync(path.join(outDir, file), 'utf8');
    for (const locale of ['en', 'es'] as const) {
      const base = `${sectionPath(locale, 'studies').slice(1)}`;
      const link = `${SITE_URL}${sectionPath(locale, 'studies')}${slugs[locale]}/`;
      const rss = parseRssFeed(read(`${base}feed.xml`)).items?.find((i) => i.link === link);
      const atom = parseAtomFeed(read(`${base}atom.xml`)).entries?.find((e) => e.links?.some((l) => l.href === link));
      const json = parseJsonFeed(JSON.parse(read(`${base}feed.json`))).items?.find((i) => i.url === link);
      const contents = { rss: rss?.description, atom: atom?.content?.value, json: json?.content_html };
      for (const [format, html] of Object.entries(contents)) {
        expect([locale, format, typeof html]).toEqual([locale, format, 'string']);
        expect([locale, format, activeMarkup(html!)]).toEqual([locale, format, []]);
        const text = DomUtils.textContent(parseDocument(html!));
        expect([locale, format, text.includes(`${words[locale].para} ${HOSTILE}`)]).toEqual([locale, format, true]);
      }
      expect(rss?.title).toBe(`${words[locale].title} ${HOSTILE}`);
    }
  });

  test('the search index holds the hostile strings as text: the title as it was typed, excerpts with no element but <mark>', async () => {
    const answers = await searchIndexAt(path.join(outDir, 'pagefind'), [{ locale: 'en', term: 'onerror alert' }, { locale: 'es', term: 'onerror alert' }]);
    for (const [i, locale] of (['en', 'es'] as const).entries()) {
      const hit = answers[i]!.results.find((result) => result.url === `${sectionPath(locale, 'studies')}${slugs[locale]}/`);
      expect([locale, typeof hit?.title]).toEqual([locale, 'string']);
      // Pagefind stores the h1's text: the search page puts it into a link with textContent.
      expect(hit!.title).toContain('<script>alert(1)</script> "><img src=x onerror=alert(1)>');
      // Pagefind escapes < and > in excerpts (not &): parsed, they hold text and its own <mark>s only.
      expect(elementsOf(hit!.excerpt).map((el) => el.name).filter((name) => name !== 'mark')).toEqual([]);
      expect(elementsOf(hit!.excerpt).length).toBeGreaterThan(0);
      expect(DomUtils.textContent(parseDocument(hit!.excerpt))).toContain(`${words[locale].para} <script>alert(1)</script>`);
    }
  });

  test('in Chromium no dialog opens and no script runs, with and without the site\'s CSP', async () => {
    let server: SiteServer | undefined;
    let browser: Browser | undefined;
    try {
      server = await startSiteServer(outDir, 0);
      browser = await launchChromium();
      for (const bypassCSP of [false, true]) {
        const context = await browser.newContext({ bypassCSP });
        const page = await context.newPage();
        const dialogs: string[] = [];
        page.on('dialog', (dialog) => {
          dialogs.push(`${dialog.type()}: ${dialog.message()}`);
          void dialog.dismiss();
        });
        // The probe: any call of alert, or any script that sets it, leaves a mark.
        await page.addInitScript(() => {
          const w = window as unknown as { __xss: number; alert: (message?: unknown) => void };
          w.__xss = 0;
          const original = window.alert.bind(window);
          w.alert = (message?: unknown) => {
            w.__xss += 1;
            original(String(message));
          };
        });
        const url = `/en/studies/${slugs.en}/`;
        const response = await page.goto(`${server.url}${url}`, { waitUntil: 'load' });
        expect(response?.status()).toBe(200);
        // An <img src=x onerror> fires after the failed load; give it time.
        await page.waitForTimeout(500);
        const facts = await page.evaluate(() => ({
          xss: (window as unknown as { __xss: number }).__xss,
          // JSON-LD is data, not a script; its headline is the hostile title, as text.
          scripts: document.querySelectorAll('script:not([type="application/ld+json"])').length,
          structured: (JSON.parse(document.querySelector('script[type="application/ld+json"]')?.textContent ?? '{}') as { headline?: string }).headline,
          injectedImages: document.querySelectorAll('img[src="x"], [onerror]').length,
          h1: document.querySelector('h1')?.textContent,
          clickLinks: Array.from(document.querySelectorAll('main a')).filter((a) => a.textContent === 'click').length,
        }));
        expect({ bypassCSP, dialogs, ...facts }).toEqual({ bypassCSP, dialogs: [], xss: 0, scripts: 0, structured: `Study ${HOSTILE}`, injectedImages: 0, h1: `Study ${HOSTILE}`, clickLinks: 0 });

        // The search page lists the study among its results, its title and excerpt as text.
        const search = await page.goto(`${server.url}/en/search/?q=${encodeURIComponent('onerror alert')}`, { waitUntil: 'load' });
        expect(search?.status()).toBe(200);
        await page.locator(`.search-results a[href="${url}"]`).waitFor({ timeout: 15_000 });
        await page.waitForTimeout(500);
        const results = await page.evaluate((studyUrl) => ({
          xss: (window as unknown as { __xss: number }).__xss,
          injectedImages: document.querySelectorAll('img[src="x"], [onerror]').length,
          // Only the page's own module script.
          scripts: Array.from(document.querySelectorAll('script'), (script) => script.getAttribute('src')),
          elements: [...new Set(Array.from(document.querySelectorAll('.search-results *'), (el) => el.localName))].sort(),
          title: document.querySelector(`.search-results a[href="${studyUrl}"]`)?.textContent,
        }), url);
        expect({ bypassCSP, dialogs, ...results }).toEqual({ bypassCSP, dialogs: [], xss: 0, injectedImages: 0, scripts: ['/assets/search.js'], elements: ['a', 'h2', 'li', 'mark', 'p'], title: expect.stringContaining('<script>alert(1)</script> "><img src=x onerror=alert(1)>') });
        await context.close();
      }
    } finally {
      await browser?.close();
      await server?.close();
    }
  }, 60_000);
});

describe.each(instances)('drafts never reach the output, from the CMS on $database', (cms: CmsInstance) => {
  const SENTINEL = `draftsentinel${randomBytes(6).toString('hex')}`;
  const outDir = freshOutDir(`drafts-${cms.database}`);
  let editor: Editor;
  let articleId = '';
  let event: { documentId: string; slug: string; title: string } | undefined;
  let report: BuildReport;

  beforeAll(async () => {
    editor = await editorFor(cms);
    // A draft-only article (never published), in both languages.
    articleId = documentIdOf(
      await editor.send('POST', `${cm('api::article.article')}?locale=en`, { title: `Draft ${SENTINEL}`, slug: `draft-${SENTINEL}`, date: '2026-11-20', excerpt: SENTINEL, body: paragraph(`Body ${SENTINEL}`) }),
    );
    const es = await editor.send('PUT', `${cm('api::article.article')}/${articleId}?locale=es`, { title: `Borrador ${SENTINEL}`, slug: `borrador-${SENTINEL}`, date: '2026-11-20', body: paragraph(`Cuerpo ${SENTINEL}`) });
    if (es.status !== 200) throw new Error(`the Spanish draft gave ${es.status}: ${es.text.slice(0, 300)}`);
    // Unpublished edits of a published, dated event, in Spanish: title, venue and description.
    const events = (await contentApi(cms, 'events?locale=es&fields[0]=title&fields[1]=slug&filters[startDate][$notNull]=true&sort=startDate:desc&pagination[pageSize]=1', cms.buildToken)).json as { data: { documentId: string; slug: string; title: string }[] };
    event = events.data[0];
    if (!event) throw new Error('no published Spanish event with a date');
    const edit = await editor.send('PUT', `${cm('api::event.event')}/${event.documentId}?locale=es`, { title: `Editado ${SENTINEL}`, venue: SENTINEL, description: paragraph(`Descripción ${SENTINEL}`) });
    if (edit.status !== 200) throw new Error(`the draft edit gave ${edit.status}: ${edit.text.slice(0, 300)}`);
    report = await buildOk(optionsFor(cms, outDir));
  }, 120_000);

  afterAll(async () => {
    if (articleId) await editor.send('DELETE', `${cm('api::article.article')}/${articleId}?locale=*`);
    if (event) await editor.send('POST', `${cm('api::event.event')}/${event.documentId}/actions/discard?locale=es`, {});
  });

  test('the drafts exist in the CMS (so the checks below can fail)', async () => {
    const article = await contentApi(cms, `articles/${articleId}?status=draft&locale=es`, cms.previewToken);
    expect(article.text).toContain(SENTINEL);
    const draftEvent = await contentApi(cms, `events/${event!.documentId}?status=draft&locale=es`, cms.previewToken);
    expect(draftEvent.text).toContain(`Editado ${SENTINEL}`);
    // And the build did publish the event, as it was published.
    expect(readPage(outDir, `/es/eventos/${event!.slug}/`).h1).toBe(event!.title);
    expect(report.counts.article).toEqual({ en: 1, es: 1 });
  });

  test('no file of the output, nor the report, contains the sentinel, in its name or in its bytes', () => {
    const files = listFiles(outDir);
    expect(files.length).toBe(report.files);
    const needle = Buffer.from(SENTINEL, 'utf8');
    // The same scan does find what was published (the event's slug, in its page and the lists).
    const control = Buffer.from(event!.slug, 'utf8');
    expect(files.filter((file) => readFileSync(path.join(outDir, file)).includes(control)).length).toBeGreaterThan(3);
    const leaks = files.filter((file) => file.includes(SENTINEL) || readFileSync(path.join(outDir, file)).includes(needle));
    if (readFileSync(reportPathFor(outDir)).includes(needle)) leaks.push('build-report.json');
    expect(leaks).toEqual([]);
  });

  test('no PDF carries the sentinel in its text', async () => {
    const pdfs = listFiles(outDir).filter((file) => file.endsWith('.pdf'));
    expect(pdfs.length).toBe(4);
    for (const file of pdfs) {
      const text = await pdfText(readFileSync(path.join(outDir, file)));
      // The text really was extracted: the PDF names its own study.
      const [locale, , slug] = file.split('/') as ['en' | 'es', string, string];
      const study = sampleContent.studies.find((s) => s.slug[locale] === slug);
      expect([file, text.replace(/\s+/g, ' ').includes(study?.title[locale] ?? '(no such sample study)')]).toEqual([file, true]);
      expect([file, text.includes(SENTINEL)]).toEqual([file, false]);
    }
  });
});

describe.each(instances)('reproducible builds from the CMS on $database', (cms: CmsInstance) => {
  test('the same content gives the same bytes: with the same cache, and with a fresh one', async () => {
    const cacheA = path.join(fileRoot, `repro-cache-a-${cms.database}`);
    const cacheB = path.join(fileRoot, `repro-cache-b-${cms.database}`);
    const [outFirst, outSecond, outFresh] = [freshOutDir('repro-first'), freshOutDir('repro-second'), freshOutDir('repro-fresh')];

    const first = await buildOk(optionsFor(cms, outFirst, cacheA));
    const second = await buildOk(optionsFor(cms, outSecond, cacheA));
    const fresh = await buildOk(optionsFor(cms, outFresh, cacheB));

    // The second build really took everything from the cache; the fresh one made everything anew.
    expect(first.pdfs).toMatchObject({ generated: 4, reused: 0 });
    expect(second.pdfs).toMatchObject({ generated: 0, reused: 4 });
    expect(second.media).toMatchObject({ downloaded: 0, encoded: 0 });
    expect(fresh.pdfs).toMatchObject({ generated: 4, reused: 0 });
    expect(fresh.media.encoded).toBe(first.media.encoded);
    expect(fresh.media.encoded).toBeGreaterThan(0);

    const [a, b, c] = [fingerprint(outFirst).files, fingerprint(outSecond).files, fingerprint(outFresh).files];
    expect(Object.keys(a).length).toBe(first.files);
    const differing = (x: Record<string, string>, y: Record<string, string>) => [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((file) => x[file] !== y[file]).sort();
    expect({ sameCache: differing(a, b), freshCache: differing(a, c) }).toEqual({ sameCache: [], freshCache: [] });
  }, 120_000);
});
