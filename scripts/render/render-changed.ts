// The render stage: only what changed is made. A page, a feed or a calendar whose inputs hash
// as they did for the live release is kept from it (see publish/last-release); the rest is
// rendered, each changed page with its Open Graph card.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { writeNewFileSync } from '../lib/link-or-copy.js';
import type { Reuse } from '../lib/reuse.js';
import { renderOgCards, type ImagesOptions, type ImagesResult } from '../images/responsive.js';
import { ogImagePath, ownsCard } from '../normalise/urls.js';
import type { FeedView, PageView } from '../../domain/site-view.js';
import { hashFeedViews, hashPageViews } from './page-hash.js';
import { formerAddressPagesOf, movedSectionsOf, redirectPageHtml, redirectPagesOf } from './redirects.js';
import { hashSiteSources, renderSite } from './render.js';
import type { Site } from './site.js';

export interface RenderPlan {
  staging: string;
  /** An empty directory to render into when the staging release already holds files (a recycled one). */
  scratchDir: string | null;
  siteUrl: string;
  reuse: Reuse;
  caches: Omit<ImagesOptions, 'ledger'>;
  /** The images stage's tally, which the Open Graph cards add to. */
  images: ImagesResult;
}

export interface Rendered {
  /** How many pages, feeds and pages left at moved addresses were written (the others were kept). */
  pages: number;
  feeds: number;
  redirectPages: number;
  /** What the next build compares against (pages and pages at moved addresses, by their URLs). */
  pageHashes: Record<string, string>;
  feedHashes: Record<string, string>;
  calendarHashes: Record<string, string>;
}

const pageFiles = (page: PageView): string[] => [path.join(page.url, 'index.html'), ...(ownsCard(page) ? [ogImagePath(page.url)] : [])];
const feedFiles = (feed: FeedView): string[] => [feed.paths.rss, feed.paths.atom, feed.paths.json];

/**
 * Writes a page at each moved address (a section's old word, a document's old slug), for hosts that cannot redirect; one whose text is as in
 * the live release is kept. Returns how many were written, and each one's hash by its address.
 */
const writeRedirectPages = ({ model, view }: Pick<Site, 'model' | 'view'>, { staging, siteUrl, reuse }: RenderPlan): { written: number; hashes: Record<string, string> } => {
  const hashes: Record<string, string> = {};
  let written = 0;
  const moved = movedSectionsOf(model.locales);
  for (const redirect of [...redirectPagesOf(view.pages, moved), ...formerAddressPagesOf(model.formerAddresses, moved)]) {
    // A few hundred bytes each: making the text is cheaper than deciding from inputs.
    const html = redirectPageHtml(redirect, siteUrl);
    const file = path.join(redirect.from, 'index.html');
    const hash = createHash('sha256').update(html).digest('hex');
    hashes[redirect.from] = hash;
    if (reuse.same('page', redirect.from, hash, [file])) reuse.keep(file);
    else {
      writeNewFileSync(path.join(staging, file), html, reuse.ledger);
      written += 1;
    }
  }
  return { written, hashes };
};

export const renderChanged = async ({ model, view }: Site, plan: RenderPlan): Promise<Rendered> => {
  const { reuse, siteUrl } = plan;
  // The templates, labels and site URL are part of every page's and feed's inputs.
  const context = { templates: hashSiteSources(), siteUrl };
  const pageHashes = hashPageViews(view.pages, context);
  const feedHashes = hashFeedViews(view.feeds, context);
  const dirtyPages = view.pages.filter((page) => !reuse.same('page', page.url, pageHashes[page.url] as string, pageFiles(page)));
  const dirtyFeeds = view.feeds.filter((feed) => !reuse.same('feed', feed.paths.rss, feedHashes[feed.paths.rss] as string, feedFiles(feed)));
  // What did not change is kept (a recycled release mostly holds it already).
  const dirtyUrls = new Set(dirtyPages.map((page) => page.url));
  for (const page of view.pages) if (!dirtyUrls.has(page.url)) for (const file of pageFiles(page)) reuse.keep(file);
  for (const feed of view.feeds) if (!dirtyFeeds.includes(feed)) for (const file of feedFiles(feed)) reuse.keep(file);
  await renderOgCards(dirtyPages, plan.staging, { ...plan.caches, ledger: reuse.ledger }, plan.images);
  const target = plan.scratchDir ? { outDir: plan.staging, scratchDir: plan.scratchDir } : plan.staging;
  const calendarHashes = await renderSite(model, view, target, siteUrl, dirtyPages, reuse, dirtyFeeds);
  const redirectPages = writeRedirectPages({ model, view }, plan);
  return { pages: dirtyPages.length, feeds: dirtyFeeds.length, redirectPages: redirectPages.written, pageHashes: { ...pageHashes, ...redirectPages.hashes }, feedHashes, calendarHashes };
};
