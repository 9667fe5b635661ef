// The sitemap past the protocol's 50,000 URLs a file: an index of files within the limit,
// tried with a small limit on the sample content, written by the render stage and verified.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { RawSnapshot } from '../../scripts/fetch/snapshot.js';
import { normalise } from '../../scripts/normalise/normalise.js';
import { listFiles } from '../../scripts/lib/files.js';
import { buildFeedViews } from '../../scripts/render/feeds.js';
import { buildSiteView, sitemapFilesOf } from '../../scripts/render/pages.js';
import { renderSite } from '../../scripts/render/render.js';
import type { PageView } from '../../domain/site-view.js';
import { xmlError } from '../support/xml.js';

const FIXTURE: RawSnapshot = JSON.parse(readFileSync(new URL('../fixtures/sample-snapshot.json', import.meta.url), 'utf8'));
const SITE_URL = 'https://cities.example.org';
const NOW = new Date('2023-11-08T12:00:00Z');

const render = async (sitemapLimit?: number): Promise<{ outDir: string; pageCount: number }> => {
  const model = normalise(structuredClone(FIXTURE), { cmsUrl: 'http://cms.test:1337' });
  const feeds = await buildFeedViews(model, SITE_URL);
  const view = buildSiteView(model, NOW, feeds.feeds, { sitemapLimit });
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'sitemap-'));
  await renderSite(model, view, outDir, SITE_URL);
  return { outDir, pageCount: view.pages.length };
};

const locsOf = (outDir: string, file: string, element: 'url' | 'sitemap'): string[] => {
  const xml = readFileSync(path.join(outDir, file), 'utf8');
  expect([file, xmlError(xml)]).toEqual([file, null]);
  const doc = parseDocument(xml, { xmlMode: true });
  return DomUtils.getElementsByTagName(element, doc.children, true).map((entry) => DomUtils.textContent(DomUtils.getElementsByTagName('loc', entry.children, true)[0]!).trim());
};

test('within the limit, sitemap.xml lists the root and every page itself', async () => {
  const { outDir, pageCount } = await render();
  expect(listFiles(outDir).filter((file) => file.startsWith('sitemap'))).toEqual(['sitemap.xml']);
  const urls = locsOf(outDir, 'sitemap.xml', 'url');
  expect(urls).toHaveLength(pageCount + 1);
  expect(urls[0]).toBe(`${SITE_URL}/`);
});

test('past the limit, sitemap.xml is an index of files that each stay within it, and together list every URL once', async () => {
  const { outDir, pageCount } = await render(10);
  const files = Math.ceil((pageCount + 1) / 10);
  expect(locsOf(outDir, 'sitemap.xml', 'sitemap')).toEqual(Array.from({ length: files }, (_, i) => `${SITE_URL}/sitemap-${i + 1}.xml`));
  expect(locsOf(outDir, 'sitemap.xml', 'url')).toEqual([]);
  const all: string[] = [];
  for (let i = 1; i <= files; i += 1) {
    const urls = locsOf(outDir, `sitemap-${i}.xml`, 'url');
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.length).toBeLessThanOrEqual(10);
    all.push(...urls);
  }
  expect(all).toHaveLength(pageCount + 1);
  expect(new Set(all).size).toBe(all.length);
  expect(all[0]).toBe(`${SITE_URL}/`);
  // Every loc of the index and of its files leads to a file of the site.
  const written = new Set(listFiles(outDir));
  const missing = [...locsOf(outDir, 'sitemap.xml', 'sitemap'), ...all].map((loc) => loc.slice(SITE_URL.length + 1)).map((file) => (file === '' || file.endsWith('/') ? `${file}index.html` : file)).filter((file) => !written.has(file));
  expect(missing).toEqual([]);
});

test('the split: exactly at the limit one file; one more URL, two', () => {
  const pages = (n: number) => Array.from({ length: n }, (_, i) => ({ url: `/en/${i}/` }) as PageView);
  expect(sitemapFilesOf(pages(9), 10).map((f) => [f.path, f.withRoot, f.pages.length])).toEqual([['/sitemap.xml', true, 9]]);
  expect(sitemapFilesOf(pages(10), 10).map((f) => [f.path, f.withRoot, f.pages.length])).toEqual([['/sitemap-1.xml', true, 9], ['/sitemap-2.xml', false, 1]]);
  expect(sitemapFilesOf(pages(29), 10).map((f) => [f.path, f.pages.length])).toEqual([['/sitemap-1.xml', 9], ['/sitemap-2.xml', 10], ['/sitemap-3.xml', 10]]);
});
