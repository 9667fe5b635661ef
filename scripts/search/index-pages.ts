// The search stage: Pagefind indexes the staged document pages into /pagefind/, one index per
// language (it splits them by <html lang>, with English and Spanish stemming). Only the pages
// the site view marks for search (a document's own page, whose main content carries
// data-pagefind-body) are given to it, read from the staged release: never a file the
// release held from an older build. Pagefind cannot add to an index, so the index is made
// whole, or kept whole from the live release when no indexed page changed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { Locale } from '../../domain/locales.js';
import type { PageView } from '../../domain/site-view.js';
import { SearchIndexError } from '../errors.js';
import { writeNewFileSync } from '../lib/link-or-copy.js';
import type { Reuse } from '../lib/reuse.js';
import { SEARCH_INDEX_PATH } from '../normalise/urls.js';
import { projectRoot } from '../paths.js';

export interface SearchIndex {
  /** The hash of what the index was made from: Pagefind's version and every indexed page's input hash. */
  hash: string;
  /** Its files, as site paths (/pagefind/…). */
  files: string[];
  /** The URLs of the pages it holds. */
  urls: string[];
  /** Whether this build made it (false: kept from the live release). */
  made: boolean;
  /**
   * Whether it was kept although pages changed: it then lags behind the site until a build
   * made with `defer` off (see indexSearch).
   */
  deferred: boolean;
  /** Pages the site has for the index, by language (what a made index must hold). */
  pages: Partial<Record<Locale, number>>;
}

/** What the search stage reads of a page's view. */
export type SearchablePage = Pick<PageView, 'url' | 'locale' | 'title' | 'searchFilters'>;

/** Pagefind's own options; part of the index's inputs. */
const INDEX_OPTIONS: pagefind.PagefindServiceConfig = {};

/** Pages read and handed to Pagefind at once: enough to keep it busy, few enough to bound memory. */
const PAGES_IN_FLIGHT = 32;

/**
 * Pagefind's interface bundles (its default UI and its web component): the search page uses a
 * script of its own over pagefind.js, so they are not published.
 */
const UNUSED_BUNDLE = /^pagefind-(ui|modular-ui|component-ui|highlight)\./;

let pagefindVersion: string | null = null;
const versionOfPagefind = (): string =>
  (pagefindVersion ??= (JSON.parse(readFileSync(path.join(projectRoot, 'node_modules', 'pagefind', 'package.json'), 'utf8')) as { version: string }).version);

/** The pages the index holds. */
export const indexedPages = <T extends SearchablePage>(pages: T[]): T[] => pages.filter((page) => page.searchFilters !== null);

/** The hash of the index's inputs: a page's input hash covers its templates and the site URL too. */
export const searchIndexHash = (pages: SearchablePage[], pageHashes: Record<string, string>): string =>
  createHash('sha256')
    .update(JSON.stringify({ pagefind: versionOfPagefind(), options: INDEX_OPTIONS, pages: indexedPages(pages).map((page) => [page.url, pageHashes[page.url] ?? null]) }))
    .digest('hex');

const countByLocale = (pages: SearchablePage[]): Partial<Record<Locale, number>> => {
  const counts: Partial<Record<Locale, number>> = {};
  for (const page of pages) counts[page.locale] = (counts[page.locale] ?? 0) + 1;
  return counts;
};

const failIf = (errors: string[], what: string): void => {
  if (errors.length > 0) throw new SearchIndexError(`Pagefind could not ${what}: ${errors.join('; ')}. The live site is unchanged; the next build indexes again.`);
};

/** Indexes `pages` from `staging` and writes the index there; returns its files. */
const makeIndex = async (pages: SearchablePage[], staging: string, reuse: Reuse): Promise<string[]> => {
  const { index, errors } = await pagefind.createIndex(INDEX_OPTIONS);
  try {
    failIf(errors, 'start');
    if (!index) throw new SearchIndexError('Pagefind started without an index to add pages to.');
    for (let start = 0; start < pages.length; start += PAGES_IN_FLIGHT) {
      const batch = pages.slice(start, start + PAGES_IN_FLIGHT);
      const contents = await Promise.all(batch.map((page) => readFile(path.join(staging, page.url, 'index.html'), 'utf8')));
      // Handed over in the pages' order, all before any answer is awaited: Pagefind numbers
      // pages as they arrive, and the same site must give the same index, byte for byte.
      const added = batch.map((page, i) => index.addHTMLFile({ url: page.url, content: contents[i] as string }));
      for (const [i, result] of (await Promise.all(added)).entries()) failIf(result.errors, `index ${batch[i]?.url}`);
    }
    const built = await index.getFiles();
    failIf(built.errors, 'write the index');
    // Each file is written under a new name and renamed: a recycled release may hold the
    // live one's files as hard links.
    return built.files
      .filter((file) => !UNUSED_BUNDLE.test(file.path))
      .map((file) => {
        const sitePath = path.posix.join(SEARCH_INDEX_PATH, file.path);
        writeNewFileSync(path.join(staging, sitePath), file.content, reuse.ledger);
        return sitePath;
      })
      .sort();
  } finally {
    // The service is a process of its own; a build leaves none behind.
    await pagefind.close();
  }
};

/**
 * The search stage. When every indexed page hashes as it did for the live release (and none was
 * added or removed), the live index is kept; otherwise the whole index is made again, so a page
 * taken off the site is off the index too.
 *
 * With `defer` (the server's builds after a publish), the live index is also kept when pages
 * were only added or edited: making it costs about 2 s a thousand pages (40 s at 10,000
 * documents), far more than the rest of such a build, so it is made by a build of its own once
 * the editors pause (see server/search-index-later.ts), and new text is searchable a little
 * later. A page gone from the site is never deferred: the index holds its text, and an
 * unpublish must leave no trace to find.
 */
export const indexSearch = async (pages: SearchablePage[], pageHashes: Record<string, string>, target: { staging: string; reuse: Reuse; defer?: boolean }): Promise<SearchIndex> => {
  const indexed = indexedPages(pages);
  const hash = searchIndexHash(pages, pageHashes);
  const urls = indexed.map((page) => page.url);
  const counts = countByLocale(indexed);
  const live = target.reuse.liveSearchIndex();
  const current = new Set(urls);
  const keep = live !== null && (live.hash === hash || (target.defer === true && live.pages.every((url) => current.has(url))));
  if (live && keep) {
    for (const file of live.files) target.reuse.keep(file);
    return { hash: live.hash, files: live.files, urls: live.pages, made: false, deferred: live.hash !== hash, pages: counts };
  }
  return { hash, files: await makeIndex(indexed, target.staging, target.reuse), urls, made: true, deferred: false, pages: counts };
};
