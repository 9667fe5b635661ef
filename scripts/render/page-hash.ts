// The hash of everything a page's template reads, to tell which pages an edit touched. A
// document appears on its own page, in its section's list, on the home page and on the pages
// of its topics (axes, cities, SDGs, its year); it is serialised once per build and stands in for itself by its hash elsewhere, and
// the labels and settings every page of a language shares are hashed once. Serialising every
// document is most of the cost (tens of megabytes of JSON at a few thousand documents), so
// documents equal to the last build's keep their hash (see kept-hashes).
import { createHash } from 'node:crypto';
import { KeptHashes } from '../lib/kept-hashes.js';
import type { PageView, SiteView } from '../../domain/site-view.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Documents by their page URL, which is unique to a document in a locale. */
const documentHashes = new KeptHashes();

export const hashPageViews = (pages: PageView[], context: { templates: string; siteUrl: string }): Record<string, string> => {
  const round = documentHashes.round();
  const shared = new Map<object, string>();
  const tokenOf = (value: object): string => {
    let token = shared.get(value);
    if (token === undefined) {
      const url = (value as { url?: unknown }).url;
      const compute = (): string => `#${sha256(JSON.stringify(value))}`;
      token = typeof url === 'string' ? round.hash(url, value, compute) : compute();
      shared.set(value, token);
    }
    return token;
  };
  const tokens = (docs: object[]): string => docs.map(tokenOf).join(',');
  const contextJson = JSON.stringify(context);
  const hashes: Record<string, string> = {};
  for (const page of pages) {
    // The page's own fields as JSON, and every document, the labels and the settings it shows
    // by their tokens (a field added to the view later is serialised with the rest).
    const { doc, home, list, labels, settings, ...own } = page;
    const parts = [contextJson, JSON.stringify(own), tokenOf(labels), tokenOf(settings), doc ? tokenOf(doc) : '-'];
    if (home) parts.push(home.latestStudy ? tokenOf(home.latestStudy) : '-', tokens(home.upcoming), tokens(home.news));
    else parts.push('-');
    if (list) parts.push(tokens(list.items), tokens(list.upcoming), tokens(list.past), tokens(list.undated));
    else parts.push('-');
    hashes[page.url] = sha256(parts.join('\n'));
  }
  round.commit();
  return hashes;
};

/** Feeds by their RSS path; their items carry documents' text and links, not the documents. */
const feedViewHashes = new KeptHashes();

/** The hash of everything a feed's three files show, by the feed's RSS path. */
export const hashFeedViews = (feeds: SiteView['feeds'], context: { templates: string; siteUrl: string }): Record<string, string> => {
  const round = feedViewHashes.round();
  const contextJson = JSON.stringify(context);
  const hashes = Object.fromEntries(feeds.map((feed) => [feed.paths.rss, round.hash(feed.paths.rss, feed, () => sha256(`${contextJson}\n${JSON.stringify(feed)}`))]));
  round.commit();
  return hashes;
};
