// Feed views: per locale, one feed of everything and one per type, each item with a stable
// id, dates, categories and its full HTML with absolute URLs. Templates only print them.
import { createHash } from 'node:crypto';
import { convertHtmlToAbsoluteUrls } from '@11ty/eleventy-plugin-rss';
import { LABELS } from '../../domain/labels.js';
import { formatEventWhen } from '../../domain/format.js';
import { compareText, LOCALES, type Locale } from '../../domain/locales.js';
import { documentKey, settingsOf, type Article, type DocumentType, type ContentIssue, type ContentModel, type Event, type Study } from '../../domain/model.js';
import { absoluteUrl, homeUrl, sectionUrl } from '../normalise/urls.js';
import type { FeedEnclosure, FeedItem, FeedLinks, FeedScope, FeedView } from '../../domain/site-view.js';
import { escapeMarkup } from '../lib/escape.js';

export const FEED_SIZE = 50;

const SCOPE_TYPE: Record<Exclude<FeedScope, 'all'>, DocumentType> = { studies: 'study', news: 'article', events: 'event' };

/** Where a feed lives: /en/feed.xml for everything, beside its section's list for one type (/en/studies/feed.xml). */
export const feedPaths = (locale: Locale, scope: FeedScope): FeedLinks => {
  const base = scope === 'all' ? homeUrl(locale) : sectionUrl(SCOPE_TYPE[scope], locale);
  return { rss: `${base}feed.xml`, atom: `${base}atom.xml`, json: `${base}feed.json` };
};

/**
 * A feed id that survives edits of title and slug: a name-based UUID of the document and
 * locale (not of the URL), so feed readers never show an edited item twice.
 */
const itemIds = new Map<string, string>();
export const feedItemId = (documentId: string, locale: Locale): string => {
  // A pure function asked for every document on every build: remembered.
  const key = `${documentId}:${locale}`;
  const known = itemIds.get(key);
  if (known !== undefined) return known;
  const id = uuidOf(documentId, locale);
  itemIds.set(key, id);
  return id;
};

const uuidOf = (documentId: string, locale: Locale): string => {
  const hex = createHash('sha1').update(`city-network:${documentId}:${locale}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
};

const midnight = (isoDate: string): string => `${isoDate}T00:00:00.000Z`;
const iso = (value: string): string => new Date(value).toISOString();

type FeedDocument = Study | Article | Event;

export interface FeedInputs {
  /** A study's summary PDF per locale, when PDFs exist: offered as an enclosure. */
  pdfs?: Map<string, FeedEnclosure>;
}

/**
 * Item bodies with their links made absolute, by base URL and body, kept from the last build
 * in this process: after one edit the feeds carry the same items, and rewriting each body's
 * HTML was most of the feeds' cost.
 */
let absoluteBodies = new Map<string, string>();

export const buildFeedViews = async (model: ContentModel, siteUrl: string, inputs: FeedInputs = {}): Promise<{ feeds: FeedView[]; skipped: ContentIssue[] }> => {
  const skipped: ContentIssue[] = [];
  const abs = (path: string): string => absoluteUrl(siteUrl, path);

  // Only the items a feed keeps need a body (making its links absolute parses its HTML, and an
  // event's date is formatted for it); thousands of documents give each feed its FEED_SIZE
  // newest, so the body is written when the item is kept.
  const bodies = new Map<FeedItem, { body: () => string; base: string }>();
  const itemOf = (doc: FeedDocument): FeedItem | null => {
    const labels = LABELS[doc.locale];
    let published: string | null;
    let content: () => string;
    let categories: string[];
    if (doc.type === 'study') {
      published = doc.publicationDate ? midnight(doc.publicationDate) : doc.publishedAt;
      content = () => `<p>${escapeMarkup(doc.theme)}</p>\n${doc.summaryHtml}`;
      categories = [...doc.axes.map((axis) => axis.title), ...doc.sdgs.map((sdg) => `${labels.sdg} ${sdg.number}: ${sdg.name}`)];
    } else if (doc.type === 'article') {
      published = midnight(doc.date);
      content = () => doc.bodyHtml;
      categories = [labels.news];
    } else {
      // An event without a date says nothing a reader can act on; it waits for one.
      published = doc.startDate ? doc.publishedAt : null;
      content = () => {
        const place = [doc.venue, doc.city && `${doc.city.name} (${doc.city.country})`, doc.format === 'online' ? labels.formats.online : null].filter(Boolean).join(', ');
        return `<p>${escapeMarkup([formatEventWhen(doc, doc.locale), place].filter(Boolean).join(' · '))}</p>\n${doc.descriptionHtml}`;
      };
      categories = [labels.kinds[doc.kind]];
    }
    if (!published || Number.isNaN(Date.parse(published)) || !doc.url) {
      skipped.push({ kind: 'not-in-feeds', type: doc.type, documentId: doc.documentId, locale: doc.locale, field: doc.type === 'event' ? 'startDate' : null, message: `${doc.type} "${doc.title}" (${doc.documentId}, ${doc.locale}) is left out of the feeds and the calendar: it has no date yet.` });
      return null;
    }
    // Feed readers get the cover's largest JPEG: every reader can show it.
    const coverImage = doc.cover?.variants?.fallback;
    const cover = doc.cover && coverImage ? `<p><img src="${escapeMarkup(coverImage.sitePath)}" alt="${escapeMarkup(doc.cover.alt)}" width="${coverImage.width}" height="${coverImage.height}"></p>\n` : '';
    const url = abs(doc.url);
    const item: FeedItem = {
      id: feedItemId(doc.documentId, doc.locale),
      url,
      title: doc.title,
      summary: doc.description,
      contentHtml: '',
      published: iso(published),
      updated: iso(doc.updatedAt > published ? doc.updatedAt : published),
      categories,
      enclosure: doc.type === 'study' ? inputs.pdfs?.get(documentKey(doc)) ?? null : null,
    };
    bodies.set(item, { body: () => `${cover}${content()}`, base: url });
    return item;
  };
  const usedBodies = new Map<string, string>();
  const withContent = async (list: FeedItem[]): Promise<FeedItem[]> => {
    for (const item of list) {
      const pending = bodies.get(item);
      if (!pending) continue;
      const body = pending.body();
      const key = `${pending.base}\n${body}`;
      const html = absoluteBodies.get(key) ?? usedBodies.get(key) ?? (await convertHtmlToAbsoluteUrls(body, pending.base));
      usedBodies.set(key, html);
      item.contentHtml = html;
      bodies.delete(item);
    }
    return list;
  };

  const feeds: FeedView[] = [];
  for (const locale of model.locales) {
    const labels = LABELS[locale];
    const settings = settingsOf(model, locale);
    const docs: Record<Exclude<FeedScope, 'all'>, FeedDocument[]> = {
      studies: model.studies.filter((d) => d.locale === locale),
      news: model.articles.filter((d) => d.locale === locale),
      events: model.events.filter((d) => d.locale === locale),
    };
    const items: Record<Exclude<FeedScope, 'all'>, FeedItem[]> = { studies: [], news: [], events: [] };
    for (const scope of ['studies', 'news', 'events'] as const) {
      for (const doc of docs[scope]) {
        const item = itemOf(doc);
        if (item) items[scope].push(item);
      }
    }
    // Newest first by publication date; ties broken by id so the order never flickers.
    const newestFirst = (list: FeedItem[]): FeedItem[] => [...list].sort((a, b) => compareText(b.published, a.published) || compareText(a.id, b.id)).slice(0, FEED_SIZE);
    const scopes: [FeedScope, FeedItem[], string, string][] = [
      ['all', [...items.studies, ...items.news, ...items.events], settings.siteName, `/${locale}/`],
      ['studies', items.studies, `${labels.studies} · ${settings.siteName}`, sectionUrl('study', locale)],
      ['news', items.news, `${labels.news} · ${settings.siteName}`, sectionUrl('article', locale)],
      ['events', items.events, `${labels.events} · ${settings.siteName}`, sectionUrl('event', locale)],
    ];
    for (const [scope, list, title, home] of scopes) {
      const sorted = await withContent(newestFirst(list));
      const paths = feedPaths(locale, scope);
      feeds.push({
        locale,
        scope,
        title,
        description: settings.description,
        homeUrl: abs(home),
        paths,
        urls: { rss: abs(paths.rss), atom: abs(paths.atom), json: abs(paths.json) },
        author: settings.communityName,
        // The newest change among the items, not the build time: same content, same bytes.
        updated: sorted.reduce((latest, item) => (item.updated > latest ? item.updated : latest), '1970-01-01T00:00:00.000Z'),
        items: sorted,
      });
    }
  }
  // One report line per document, not one per feed it was left out of.
  const unique = new Map(skipped.map((issue) => [`${issue.documentId}:${issue.locale}`, issue]));
  absoluteBodies = usedBodies;
  return { feeds, skipped: [...unique.values()] };
};

/** JSON Feed 1.1, serialised here: JSON is data, not a template. */
export const renderJsonFeed = (feed: FeedView): string =>
  `${JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: feed.title,
      home_page_url: feed.homeUrl,
      feed_url: feed.urls.json,
      description: feed.description,
      language: feed.locale,
      authors: [{ name: feed.author }],
      items: feed.items.map((item) => ({
        id: item.id,
        url: item.url,
        title: item.title,
        summary: item.summary,
        content_html: item.contentHtml,
        date_published: item.published,
        date_modified: item.updated,
        tags: item.categories,
        language: feed.locale,
        ...(item.enclosure ? { attachments: [{ url: item.enclosure.url, mime_type: item.enclosure.type, size_in_bytes: item.enclosure.length }] } : {}),
      })),
    },
    null,
    2,
  )}\n`;
