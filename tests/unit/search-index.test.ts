// When the search stage makes the index, keeps the live one, or keeps it although pages
// changed (deferred to a build of its own), and that the same pages make the same index; with
// a real Pagefind over pages written to disk.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NOTHING_TO_REUSE, type LiveSearchIndex, type Reuse } from '../../scripts/lib/reuse.js';
import { indexSearch, searchIndexHash, type SearchablePage } from '../../scripts/search/index-pages.js';

const page = (slug: string): SearchablePage => ({ url: `/en/news/${slug}/`, locale: 'en', title: `News ${slug}`, searchFilters: { type: ['News'] } });
const writePages = (staging: string, pages: SearchablePage[]): void => {
  for (const p of pages) {
    mkdirSync(path.join(staging, p.url), { recursive: true });
    writeFileSync(path.join(staging, p.url, 'index.html'), `<!doctype html><html lang="en"><head><title>${p.title}</title></head><body><main data-pagefind-body><h1>${p.title}</h1><p>Words about ${p.title}.</p></main></body></html>`);
  }
};

/** A live release whose index holds `pages` as hashed by `hashes`: what the stage is offered, and what it kept. */
const liveWith = (pages: SearchablePage[], hashes: Record<string, string>): { reuse: Reuse; kept: string[] } => {
  const kept: string[] = [];
  const index: LiveSearchIndex = { hash: searchIndexHash(pages, hashes), files: ['/pagefind/pagefind.js'], pages: pages.map((p) => p.url) };
  return { kept, reuse: { ledger: null, same: () => false, keep: (file) => void kept.push(file), liveSearchIndex: () => index } };
};

const [a, b, c] = [page('a'), page('b'), page('c')];
const hashes = { [a.url]: 'ha', [b.url]: 'hb', [c.url]: 'hc' };

test('an index made from the same pages is kept, deferred or not', async () => {
  for (const defer of [false, true]) {
    const live = liveWith([a, b], hashes);
    const index = await indexSearch([a, b], hashes, { staging: '/nonexistent', reuse: live.reuse, defer });
    expect([index.made, index.deferred, live.kept]).toEqual([false, false, ['/pagefind/pagefind.js']]);
  }
});

test('pages added or edited: deferred, the live index is kept with its old hash and pages, so the next build without deferral makes it', async () => {
  const live = liveWith([a, b], hashes);
  const index = await indexSearch([a, b, c], { ...hashes, [a.url]: 'edited' }, { staging: '/nonexistent', reuse: live.reuse, defer: true });
  expect([index.made, index.deferred, index.hash, index.urls, live.kept]).toEqual([false, true, searchIndexHash([a, b], hashes), [a.url, b.url], ['/pagefind/pagefind.js']]);
});

test('a page gone from the site is never deferred: the index is made again without it', async () => {
  const staging = mkdtempSync(path.join(os.tmpdir(), 'search-defer-'));
  writePages(staging, [a, c]);
  const live = liveWith([a, b], hashes);
  const index = await indexSearch([a, c], hashes, { staging, reuse: live.reuse, defer: true });
  expect([index.made, index.deferred, index.urls, live.kept]).toEqual([true, false, [a.url, c.url], []]);
  expect(index.files).toContain('/pagefind/pagefind-entry.json');
}, 60_000);

test('without deferral, an edit makes the index again', async () => {
  const staging = mkdtempSync(path.join(os.tmpdir(), 'search-defer-'));
  writePages(staging, [a, b]);
  const live = liveWith([a, b], hashes);
  const index = await indexSearch([a, b], { ...hashes, [b.url]: 'edited' }, { staging, reuse: live.reuse });
  expect([index.made, index.deferred, live.kept]).toEqual([true, false, []]);
}, 60_000);

test('the same pages make the same index, byte for byte, however Pagefind answers', async () => {
  // Enough pages for several batches in flight; Pagefind numbers pages in the order they reach it.
  const many = Array.from({ length: 120 }, (_, i) => ({ ...page(`n${i}`), locale: i % 2 === 0 ? ('en' as const) : ('es' as const), url: `/${i % 2 === 0 ? 'en' : 'es'}/news/n${i}/` }));
  const made: Record<string, string>[] = [];
  for (let run = 0; run < 3; run += 1) {
    const staging = mkdtempSync(path.join(os.tmpdir(), 'search-same-'));
    writePages(staging, many);
    const index = await indexSearch(many, Object.fromEntries(many.map((p) => [p.url, 'h'])), { staging, reuse: NOTHING_TO_REUSE });
    made.push(Object.fromEntries(index.files.map((file) => [file, readFileSync(path.join(staging, file), 'base64')])));
  }
  expect(Object.keys(made[0]!).length).toBeGreaterThan(5);
  expect(made[1]).toEqual(made[0]);
  expect(made[2]).toEqual(made[0]);
}, 120_000);
