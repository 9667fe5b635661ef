// The view model: what the render stage hands the site's templates, page by page and feed by
// feed. The pipeline builds it (scripts/render/pages.ts, feeds.ts); the templates (site/) only
// read it. Types only: both sides import them, neither imports the other.
import type { Labels } from './labels.js';
import type { Locale } from './locales.js';
import type { Article, Document, Event, Place, Sdg, SiteSettings, Study } from './model.js';

export type FeedScope = 'all' | 'studies' | 'news' | 'events';

export interface FeedEnclosure {
  url: string;
  length: number;
  type: string;
}

export interface FeedItem {
  id: string;
  url: string;
  title: string;
  summary: string;
  contentHtml: string;
  /** ISO 8601 timestamps. */
  published: string;
  updated: string;
  categories: string[];
  enclosure: FeedEnclosure | null;
}

export interface FeedLinks {
  rss: string;
  atom: string;
  json: string;
}

export interface FeedView {
  locale: Locale;
  scope: FeedScope;
  title: string;
  description: string;
  homeUrl: string;
  /** Site-relative paths of this feed in its three formats. */
  paths: FeedLinks;
  /** The same, absolute (self links). */
  urls: FeedLinks;
  author: string;
  updated: string;
  items: FeedItem[];
}

/** 'topic': a city's, an SDG's or a year's page, or an axis's past its first; 'topics': the list of the cities or of the SDGs. */
export type PageKind = 'home' | 'studies' | 'study' | 'events' | 'event' | 'news' | 'article' | 'axes' | 'axis' | 'topics' | 'topic' | 'notFound' | 'search';

/**
 * A good practice in a topic's list. It has no page of its own, so it links to where it is
 * shown: its study's page (or its axis's, for one without a study), at the practice itself.
 */
export interface PracticeItem {
  type: 'practice';
  documentId: string;
  title: string;
  /** /en/studies/some-study/#practice-abc123 */
  url: string;
  /** The page that shows it. */
  parent: { title: string; url: string };
  city: Place | null;
}

/** What a list shows as cards: documents, and on topic pages good practices too. */
export type ListItem = Document | PracticeItem;

/** What a topic page is about: an axis, a city, an SDG, or a year of a section. */
export interface TopicView {
  kind: 'axis' | 'city' | 'sdg' | 'year';
  /** The heading of its first page ("Barcelona", "SDG 11: Sustainable cities and communities", "News of 2024"). */
  name: string;
  intro: string;
  sdg: Sdg | null;
  /** The list it belongs to: every city, every SDG, the section (for a year), the axes. */
  index: { name: string; url: string };
}

/** A link to a topic page, in a list of them. */
export interface TopicLink {
  name: string;
  url: string;
  /** An SDG's colour swatch. */
  sdg: Sdg | null;
}

/** The topic pages a document's page links to, by what its template has at hand: a place's CMS documentId, an SDG's number. */
export interface TopicUrls {
  cities: Record<string, string>;
  sdgs: Record<string, string>;
  /** The lists of every city and every SDG. */
  cityList: string;
  sdgList: string;
}

export interface Alternate {
  locale: Locale;
  url: string;
}

export interface SwitcherEntry {
  locale: Locale;
  /** Name of the language in that language ("Español"). */
  name: string;
  /** The same page in that language, or null when there is no translation. */
  url: string | null;
}

/** Where a page of a list stands among the list's pages, and the links its navigation shows. */
export interface Pager {
  /** 1 for the list's first page. */
  number: number;
  total: number;
  previous: string | null;
  next: string | null;
  /** The numbered links: the first and last pages and those next to this one; null where numbers are left out. */
  links: ({ number: number; url: string } | null)[];
}

export interface PageView {
  kind: PageKind;
  url: string;
  locale: Locale;
  title: string;
  description: string;
  ogType: 'website' | 'article';
  alternates: Alternate[];
  /** What hreflang="x-default" points at. */
  xDefault: string;
  switcher: SwitcherEntry[];
  /** Its Open Graph image (1200×630): its card beside the page, or the editor's share image. */
  ogImage: string;
  /**
   * The whole <title> and og:title, when the editor gave the document one for search engines;
   * null: the page's title and the site's name, as on every other page.
   */
  searchTitle: string | null;
  /** The editor's share image, when ogImage is one, with what it shows; null for the generated card. */
  shareImage: { type: string; alt: string } | null;
  /** A document page's JSON-LD (scripts/render/structured-data), serialised by the layout; null elsewhere. */
  structuredData: Record<string, unknown> | null;
  /** The calendar the page offers: an event's own .ics, or every event of the locale on the events list. */
  calendar: string | null;
  /** The address of each section's list in the page's language (the navigation's links). */
  sectionUrls: Record<'studies' | 'events' | 'news' | 'axes', string>;
  /** The navigation section this page belongs to ('none' for a 404 page, which belongs to none). */
  section: 'home' | 'studies' | 'events' | 'news' | 'axes' | 'topics' | 'search' | 'none';
  labels: Labels;
  settings: SiteSettings;
  /** Feeds the page advertises: its locale's feed of everything, and its section's own. */
  feeds: { all: FeedLinks; section: FeedLinks | null };
  doc: Document | null;
  home: { latestStudy: Study | null; upcoming: Event[]; news: Article[] } | null;
  list: { items: ListItem[]; upcoming: Event[]; past: Event[]; undated: Event[] } | null;
  /** For a list: which of its pages this is. */
  pager: Pager | null;
  /** Its language's search page (the header links to it; a 404 page's search box submits to it). */
  searchUrl: string;
  /**
   * What the search index files a document page under (Pagefind filters: its type, its axes);
   * null for every other page, which the index leaves out.
   */
  searchFilters: Record<string, string[]> | null;
  /** For the search page: where the index it queries lives. */
  searchIndex: string | null;
  /** For a topic's page: what it is about. */
  topic: TopicView | null;
  /** For the list of cities or of SDGs: their pages; for the news and events lists: their years' archives. */
  topicLinks: TopicLink[] | null;
  /** For a study's, an event's or an axis's page: the pages of the cities and SDGs it names. */
  topicUrls: TopicUrls | null;
}

export interface SitemapFile {
  path: string;
  withRoot: boolean;
  pages: PageView[];
}

export interface SiteView {
  pages: PageView[];
  feeds: (FeedView & { json: string })[];
  /**
   * Each language's 404 page (/en/404.html): not a page of the site (no sitemap entry, card or
   * alternates); the server answers unknown paths with it, and static hosts can too.
   */
  notFound: PageView[];
  /**
   * The sitemap's files: sitemap.xml alone up to the protocol's 50,000 URLs; past that,
   * sitemap-1.xml, sitemap-2.xml … each within the limit, and sitemap.xml their index. The
   * root chooser is the first URL of the first file.
   */
  sitemaps: SitemapFile[];
  /** The root language chooser: each published language, its settings and labels. */
  chooser: { alternates: (Alternate & { settings: SiteSettings; labels: Labels })[] };
}
