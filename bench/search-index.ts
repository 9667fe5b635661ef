// `npx tsx bench/search-index.ts [--sizes 500,2000,10000]`
//
// What the search stage costs at the benchmark's sizes, without a CMS: the benchmark's
// synthetic documents (cms/scripts/bench/synthetic-content.ts, the same text the full
// benchmark loads) written as document pages with the site's chrome around a
// data-pagefind-body, then indexed by the search stage as a build does, and checked as the
// publish step checks it. Prints the time to index and to check, the index's size per
// language, and what a reader's first query downloads.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { syntheticDocument, type SyntheticDocument } from '../cms/scripts/bench/synthetic-content.js';
import type { SeedBlock } from '../cms/src/seed/types.js';
import { LOCALES, type Locale } from '../domain/locales.js';
import { escapeMarkup } from '../scripts/lib/escape.js';
import { listFiles } from '../scripts/lib/files.js';
import { NOTHING_TO_REUSE } from '../scripts/lib/reuse.js';
import { verifySearchIndex } from '../scripts/publish/verify-search.js';
import { indexSearch, type SearchablePage } from '../scripts/search/index-pages.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '500,2000,10000' } } });
const sizes = (values.sizes ?? '').split(',').map(Number).filter((n) => n > 0);

const blockHtml = (block: SeedBlock): string =>
  typeof block === 'string' ? `<p>${escapeMarkup(block)}</p>` : 'heading' in block ? `<h2>${escapeMarkup(block.heading)}</h2>` : `<ul>${block.list.map((item) => `<li>${escapeMarkup(item)}</li>`).join('')}</ul>`;

/** The text of a document's page in one language, as its template lays it out. */
const bodyOf = (doc: SyntheticDocument, locale: Locale): string => {
  if (doc.kind === 'study') {
    const l = doc.localized[locale];
    return [`<p class="lead">${escapeMarkup(l.theme)}</p>`, ...l.summary.map(blockHtml), blockHtml({ list: l.objectives }), blockHtml({ list: l.barriers }), blockHtml({ list: l.enablers })].join('');
  }
  if (doc.kind === 'event') {
    const l = doc.localized[locale];
    return [`<p>${escapeMarkup(l.venue)}</p>`, ...l.description.map(blockHtml), blockHtml({ list: l.highlights })].join('');
  }
  return doc.localized[locale].body.map(blockHtml).join('');
};

const SECTION = { study: 'studies', event: 'events', article: 'news' } as const;

/** Writes N documents' pages in both languages; returns the views the search stage reads. */
const writePages = (dir: string, count: number): SearchablePage[] => {
  const pages: SearchablePage[] = [];
  for (let i = 0; i < count; i += 1) {
    const doc = syntheticDocument(i);
    for (const locale of LOCALES) {
      const title = doc.localized[locale].title;
      const url = `/${locale}/${SECTION[doc.kind]}/${doc.localized[locale].slug}/`;
      const nav = ['Home', 'Studies', 'Events', 'News', 'Smart city axes', 'Search'].map((item) => `<li><a href="/${locale}/">${item}</a></li>`).join('');
      const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeMarkup(title)}</title></head><body><header><nav><ul>${nav}</ul></nav></header><main data-pagefind-body><article><h1>${escapeMarkup(title)}</h1>${bodyOf(doc, locale)}</article><span hidden data-pagefind-filter="type[data-value]" data-value="${SECTION[doc.kind]}"></span></main><footer>Subscribe</footer></body></html>`;
      mkdirSync(path.join(dir, url), { recursive: true });
      writeFileSync(path.join(dir, url, 'index.html'), html);
      pages.push({ url, locale, title, searchFilters: { type: [SECTION[doc.kind]] } });
    }
  }
  return pages.sort((a, b) => (a.url < b.url ? -1 : 1));
};

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;

for (const size of sizes) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `search-bench-${size}-`));
  try {
    const pages = writePages(dir, size);
    const hashes = Object.fromEntries(pages.map((page) => [page.url, page.url]));
    let began = performance.now();
    const index = await indexSearch(pages, hashes, { staging: dir, reuse: NOTHING_TO_REUSE });
    const indexMs = performance.now() - began;
    began = performance.now();
    await verifySearchIndex(dir, pages, index);
    const checkMs = performance.now() - began;
    const sizeOf = (file: string): number => statSync(path.join(dir, 'pagefind', file)).size;
    const files = listFiles(path.join(dir, 'pagefind'));
    const perLanguage = LOCALES.map((locale) => {
      const own = files.filter((file) => path.basename(file).startsWith(`${locale}_`) || path.basename(file).startsWith(`pagefind.${locale}_`) || file === `wasm.${locale}.pagefind`);
      const chunks = (folder: string): number[] => own.filter((file) => file.startsWith(`${folder}/`)).map(sizeOf);
      const mean = (list: number[]): number => (list.length ? list.reduce((a, b) => a + b, 0) / list.length : 0);
      // A first query: the script, the entry, the language's WebAssembly and metadata, one index
      // chunk and the fragments of the first five results.
      const meta = own.filter((file) => file.endsWith('.pf_meta')).map(sizeOf).reduce((a, b) => a + b, 0);
      const firstQuery = sizeOf('pagefind.js') + sizeOf('pagefind-entry.json') + sizeOf(`wasm.${locale}.pagefind`) + meta + mean(chunks('index')) + 5 * mean(chunks('fragment'));
      return `${locale}: ${own.length} files, ${kib(own.map(sizeOf).reduce((a, b) => a + b, 0))} (metadata ${kib(meta)}), first query about ${kib(firstQuery)}`;
    });
    console.log(`${size} documents (${pages.length} pages): indexed in ${(indexMs / 1000).toFixed(2)} s, checked in ${(checkMs / 1000).toFixed(2)} s; ${perLanguage.join('; ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
