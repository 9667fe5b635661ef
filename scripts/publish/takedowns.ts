// An unpublish or a delete always goes live, even when the build that should publish it
// fails (a bug in a template, a full disk, a stage that throws): a takedown may be a legal
// or safety matter, and must not wait for whatever broke to be fixed. When a build fails after
// it read the CMS, the pages of the documents that the CMS no longer publishes are taken off
// the live site: a new release is made of hard links to every file of the live one but those
// pages' folders (their HTML, Open Graph card, PDF and calendar, and the page left at their
// former address, which would send readers on to nothing) and the search index, which holds
// their text and cannot be edited, only made again (search says it failed until then), and
// swapped in. It is not
// verified (lists, feeds and the sitemap of the old release may still link to those pages
// until a build succeeds), and the next build is a full one, as the state no longer describes
// the live release.
import { linkSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { RawSnapshot } from '../fetch/snapshot.js';
import { localesOf } from '../fetch/snapshot.js';
import type { Locale } from '../../domain/locales.js';
import type { DocumentType } from '../../domain/model.js';
import { documentUrl, formerAddressOf, movedSections, SEARCH_INDEX_PATH } from '../normalise/urls.js';
import { goLive, startRelease } from './release.js';
import { scanTree } from '../lib/tree-scan.js';

/** Types with pages of their own: the ones a takedown removes pages of. */
const PAGE_TYPES: DocumentType[] = ['study', 'event', 'article', 'axis'];

export interface TakenDown {
  type: DocumentType;
  documentId: string;
  locale: Locale;
  /** The page's URL on the live site. */
  url: string;
}

type RawDoc = { documentId?: unknown; slug?: unknown };

/** Documents the live site shows (by the snapshot it was built from) that the CMS no longer publishes. */
export const takenDown = (live: RawSnapshot, now: RawSnapshot): TakenDown[] => {
  const nowLocales = new Set(localesOf(now));
  return PAGE_TYPES.flatMap((type) =>
    localesOf(live).flatMap((locale) => {
      const still = new Set(nowLocales.has(locale) ? ((now.collections[type]?.[locale] ?? []) as RawDoc[]).map((doc) => doc.documentId) : []);
      return ((live.collections[type]?.[locale] ?? []) as RawDoc[]).flatMap((doc): TakenDown[] =>
        typeof doc.documentId === 'string' && typeof doc.slug === 'string' && !still.has(doc.documentId) ? [{ type, documentId: doc.documentId, locale, url: documentUrl(type, locale, doc.slug) }] : [],
      );
    }),
  );
};

/**
 * Puts live a copy of `liveDir` without the folders of `pages`, under release `id`; returns the
 * files it left out. Nothing is removed from the live release itself, which stays as the
 * previous one for readers mid-download.
 */
export const publishTakedowns = (outDir: string, liveDir: string, pages: TakenDown[], id: string): string[] => {
  const folders = [
    ...pages.flatMap((page) => {
      const former = formerAddressOf(page.url, movedSections(page.locale));
      return former === null ? [page.url] : [page.url, former];
    }),
    SEARCH_INDEX_PATH,
  ].map((url) => url.replace(/^\//, ''));
  const release = startRelease(outDir, id);
  const removed: string[] = [];
  const made = new Set<string>();
  for (const file of scanTree(liveDir).keys()) {
    if (folders.some((folder) => file.startsWith(folder))) {
      removed.push(`/${file}`);
      continue;
    }
    const target = path.join(release.dir, file);
    const dir = path.dirname(target);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    linkSync(path.join(liveDir, file), target);
  }
  goLive(release, outDir);
  return removed;
};
