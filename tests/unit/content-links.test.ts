// Links editors write are checked against what the build publishes before anything is
// rendered: a link to nothing becomes plain text and a report entry for its document, and
// verification (which fails the build) only ever sees links that resolve.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RawSnapshot } from '../../scripts/fetch/snapshot.js';
import type { ContentModel } from '../../domain/model.js';
import { normalise } from '../../scripts/normalise/normalise.js';
import { verifySite } from '../../scripts/publish/verify.js';
import { listFiles } from '../../scripts/lib/files.js';
import { checkContentLinks, sitePathsOf } from '../../scripts/render/content-links.js';
import { buildFeedViews } from '../../scripts/render/feeds.js';
import { buildSiteView } from '../../scripts/render/pages.js';
import { renderSite, siteDir } from '../../scripts/render/render.js';

const FIXTURE: RawSnapshot = JSON.parse(readFileSync(new URL('../fixtures/sample-snapshot.json', import.meta.url), 'utf8'));
const SITE_URL = 'https://cities.example.org';
const NOW = new Date('2023-11-08T12:00:00Z');
const ARTICLE = 'h7yb2vmvk1lklnkeo9p2b76b';
const ASSETS = path.join(siteDir, 'assets');

const link = (url: string, text: string) => ({ type: 'link', url, children: [{ type: 'text', text }] });

/** The sample content with the English article's body replaced by paragraphs of the given links. */
const withArticleLinks = (links: ReturnType<typeof link>[]): ContentModel => {
  const snapshot = structuredClone(FIXTURE);
  const article = (snapshot.collections.article as Record<'en' | 'es', { documentId: string; body: unknown }[]>).en.find((doc) => doc.documentId === ARTICLE)!;
  article.body = links.map((node) => ({ type: 'paragraph', children: [{ type: 'text', text: 'See ' }, node] }));
  return normalise(snapshot, { cmsUrl: 'http://cms.test:1337' });
};

const check = async (model: ContentModel) => {
  const feeds = await buildFeedViews(model, SITE_URL);
  const view = buildSiteView(model, NOW, feeds.feeds);
  return checkContentLinks(model, sitePathsOf(view, model, ASSETS), SITE_URL);
};
const bodyOf = (model: ContentModel): string => model.articles.find((a) => a.documentId === ARTICLE && a.locale === 'en')!.bodyHtml;

test('links to what the site publishes stay as they are, and nothing is reported', async () => {
  const model = withArticleLinks([link('/en/studies/', 'studies'), link('/es/', 'inicio'), link(`${SITE_URL}/en/feed.xml`, 'feed'), link('https://example.org/x', 'elsewhere'), link('mailto:a@example.org', 'mail')]);
  const checked = await check(model);
  expect(checked.issues).toEqual([]);
  expect(checked.changed).toBe(false);
  expect(checked.model).toBe(model);
});

test('a link to a page that is not published becomes its words, reported on the linking document', async () => {
  const checked = await check(withArticleLinks([link('/en/studies/unpublished-study/', 'the old study'), link(`${SITE_URL}/en/news/gone/`, 'gone'), link('/en/studies/', 'kept')]));
  const body = bodyOf(checked.model);
  expect(body).toContain('See the old study');
  expect(body).toContain('See gone');
  expect(body).not.toContain('unpublished-study');
  expect(body).toContain('<a href="/en/studies/">kept</a>');
  expect(checked.issues).toEqual([
    expect.objectContaining({ kind: 'broken-link', type: 'article', documentId: ARTICLE, locale: 'en', field: 'body', message: expect.stringContaining('/en/studies/unpublished-study/') }),
    expect.objectContaining({ kind: 'broken-link', documentId: ARTICLE, message: expect.stringContaining(`${SITE_URL}/en/news/gone/`) }),
  ]);
  // The Spanish article, which links nowhere missing, is the very object it was.
  const before = withArticleLinks([]);
  expect(checked.model.articles.find((a) => a.locale === 'es')?.bodyHtml).toBe(before.articles.find((a) => a.locale === 'es')?.bodyHtml);
});

test('a page link without its trailing slash gets it; an #anchor, which pages do not have, is dropped', async () => {
  const checked = await check(withArticleLinks([link('/en/studies', 'list'), link('#contact', 'contact'), link('/en/studies/#top', 'top')]));
  const body = bodyOf(checked.model);
  expect(body).toContain('<a href="/en/studies/">list</a>');
  expect(body).toContain('See contact');
  expect(body).toContain('<a href="/en/studies/">top</a>');
  expect(checked.issues.map((issue) => issue.message)).toEqual([expect.stringContaining('#contact'), expect.stringContaining('#top')]);
});

test('a link to an address that moved (the Spanish sections once had English words) gets the new address, silently; a page that is not there still does not', async () => {
  const study = '/es/studies/estudio-ciudades-inteligentes-2023/';
  const checked = await check(withArticleLinks([link(study, 'estudio'), link(`${SITE_URL}/es/news`, 'noticias'), link('/es/axes/nueva-movilidad/?a=1', 'eje'), link('/es/studies/no-existe/', 'nada')]));
  const body = bodyOf(checked.model);
  expect(body).toContain('<a href="/es/estudios/estudio-ciudades-inteligentes-2023/">estudio</a>');
  expect(body).toContain(`<a href="${SITE_URL}/es/noticias/" rel="noopener noreferrer">noticias</a>`);
  expect(body).toContain('<a href="/es/ejes/nueva-movilidad/?a=1">eje</a>');
  expect(body).toContain('See nada');
  expect(checked.issues.map((issue) => issue.message)).toEqual([expect.stringContaining('/es/studies/no-existe/')]);
});

test('the corrected site passes verification, which the uncorrected one fails', async () => {
  const model = withArticleLinks([link('/en/studies/unpublished-study/', 'old'), link('#nowhere', 'anchor')]);
  // Covers come from the media stage, which this test does not run: without them the site is whole.
  for (const doc of [...model.studies, ...model.events, ...model.articles]) doc.cover = null;
  const render = async (m: ContentModel): Promise<string> => {
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'content-links-'));
    const feeds = await buildFeedViews(m, SITE_URL);
    await renderSite(m, buildSiteView(m, NOW, feeds.feeds), outDir, SITE_URL);
    return outDir;
  };
  const broken = await render(model);
  expect(() => verifySite(broken, SITE_URL)).toThrow(/unpublished-study|nowhere/);
  const fixed = await render((await check(model)).model);
  expect(verifySite(fixed, SITE_URL).files).toBeGreaterThan(50);
});

test('every file the render stage writes is among the paths links are checked against', async () => {
  const model = normalise(structuredClone(FIXTURE), { cmsUrl: 'http://cms.test:1337' });
  const feeds = await buildFeedViews(model, SITE_URL);
  const view = buildSiteView(model, NOW, feeds.feeds);
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'content-links-all-'));
  await renderSite(model, view, outDir, SITE_URL);
  const known = sitePathsOf(view, model, ASSETS);
  const written = listFiles(outDir).map((file) => `/${file}`);
  expect(written.filter((file) => !known.has(file))).toEqual([]);
  expect(written.length).toBeGreaterThan(60);
});
