// Turns the content model into the list of pages the site has, each with everything its
// template shows: title, description, alternates, switcher targets and its own data.
// Templates read only these views.
import { LABELS, type Labels } from '../../domain/labels.js';
import { compareText, DEFAULT_LOCALE, LOCALES, type Locale } from '../../domain/locales.js';
import { settingsOf, type Axis, type ContentModel, type Document, type Event, type Study } from '../../domain/model.js';
import { fill } from '../../domain/format.js';
import { calendarPath, citySlug, cityListUrl, cityUrl, eventCalendarPath, homeUrl, listPageUrl, notFoundUrl, ogImagePath, SEARCH_INDEX_PATH, searchUrl, sdgListUrl, sdgUrl, sectionUrl } from '../normalise/urls.js';
import { topicsOf, type TopicGroup } from './topics.js';
import { LIST_PAGE_SIZE, pagerOf, splitIntoPages } from './list-pages.js';
import { eventTiming } from './event-time.js';
import { hasEventFile } from './ical.js';
import { feedPaths, renderJsonFeed } from './feeds.js';
import { structuredDataOf } from './structured-data.js';
import type { Alternate, FeedView, ListItem, PageKind, PageView, SiteView, SitemapFile, TopicLink, TopicUrls, TopicView } from '../../domain/site-view.js';

/** The sitemap protocol's limit of URLs in one file (sitemaps.org). */
export const SITEMAP_MAX_URLS = 50_000;
const HOME_NEWS = 3;
const HOME_EVENTS = 3;

const alternatesOf = (urls: Partial<Record<Locale, string>>): Alternate[] => LOCALES.flatMap((locale) => (urls[locale] ? [{ locale, url: urls[locale] as string }] : []));

/** An event a calendar can hold has a calendar file of its own; the events list offers the locale's. */
const calendarOf = (view: Pick<PageView, 'kind' | 'locale' | 'doc'>): string | null => {
  if (view.kind === 'events') return calendarPath(view.locale);
  return view.doc?.type === 'event' && hasEventFile(view.doc) ? eventCalendarPath(view.doc) : null;
};

/** The sitemap's files for these pages and the root (see SiteView.sitemaps). */
export const sitemapFilesOf = (pages: PageView[], limit: number): SitemapFile[] => {
  if (pages.length + 1 <= limit) return [{ path: '/sitemap.xml', withRoot: true, pages }];
  const files: SitemapFile[] = [{ path: '/sitemap-1.xml', withRoot: true, pages: pages.slice(0, limit - 1) }];
  for (let start = limit - 1; start < pages.length; start += limit) files.push({ path: `/sitemap-${files.length + 1}.xml`, withRoot: false, pages: pages.slice(start, start + limit) });
  return files;
};

/** The section each type of document belongs to, in navigation and in the search index. */
const SECTION_OF: Record<Document['type'], 'studies' | 'events' | 'news' | 'axes'> = { study: 'studies', event: 'events', article: 'news', axis: 'axes' };

/**
 * What the search index files a document page under, in its language: its type (the name of
 * its section) and the axes it belongs to (a study's axes; an axis is its own).
 */
export const searchFiltersOf = (doc: Document, labels: Labels): Record<string, string[]> => {
  const axes = doc.type === 'study' ? doc.axes.map((axis) => axis.title) : doc.type === 'axis' ? [doc.name] : [];
  return { type: [labels[SECTION_OF[doc.type]]], ...(axes.length > 0 ? { axis: axes } : {}) };
};

/** What a page of a list shows of it. */
type ListChunk = NonNullable<PageView['list']>;
/** What only some pages have. */
type OptionalView = 'pager' | 'topic' | 'topicLinks' | 'topicUrls' | 'searchIndex' | 'searchTitle' | 'shareImage' | 'structuredData';

/** A list in one language: a section, a topic, the list of cities or SDGs (no chunks: one page of links). */
interface PagedList {
  locale: Locale;
  firstUrl: string;
  /** Its first page's; the later ones are "title, page n of total". */
  title: string;
  /** Its first page's; the later ones (and a section's first) are "title · site". */
  description?: string;
  chunks: ListChunk[];
  view: Pick<PageView, 'kind' | 'section'> & Partial<Pick<PageView, 'topic' | 'topicLinks'>>;
  /** Its first page, when that is a document's page (an axis's). */
  firstPage?: Pick<PageView, 'kind' | 'doc' | 'topicUrls'>;
}

/** The city and SDG pages a document's page links to: its own, and those of its good practices. */
const topicUrlsOf = (doc: Study | Event | Axis): TopicUrls => {
  const places = doc.type === 'event' ? (doc.city ? [doc.city] : []) : [...(doc.type === 'study' ? doc.cities : []), ...doc.goodPractices.flatMap((p) => (p.city ? [p.city] : []))];
  const sdgs = doc.type === 'event' ? [] : [...(doc.type === 'study' ? doc.sdgs : []), ...doc.goodPractices.flatMap((p) => p.sdgs)];
  return {
    cities: Object.fromEntries(places.map((place) => [place.documentId, cityUrl(doc.locale, citySlug(place))])),
    sdgs: Object.fromEntries(sdgs.map((sdg) => [String(sdg.number), sdgUrl(doc.locale, sdg.number)])),
    cityList: cityListUrl(doc.locale),
    sdgList: sdgListUrl(doc.locale),
  };
};

export interface SiteViewOptions {
  /** URLs a sitemap file may hold (the protocol's limit unless a test sets a small one). */
  sitemapLimit?: number;
  /** Cards on a page of a list. */
  listPageSize?: number;
  /** The site's root URL, for the absolute URLs of a document page's JSON-LD (without it, none is made). */
  siteUrl?: string;
}

export const buildSiteView = (model: ContentModel, now: Date, feeds: FeedView[] = [], { sitemapLimit = SITEMAP_MAX_URLS, listPageSize = LIST_PAGE_SIZE, siteUrl }: SiteViewOptions = {}): SiteView => {
  const pages: PageView[] = [];
  // x-default names the default language's page, or the first published one's when the CMS has no default-language version.
  const defaultLocale = model.locales.includes(DEFAULT_LOCALE) ? DEFAULT_LOCALE : (model.locales[0] as Locale);
  const sectionFeed: Partial<Record<PageView['section'], 'studies' | 'news' | 'events'>> = { studies: 'studies', news: 'news', events: 'events' };
  const viewOf = (view: Omit<PageView, 'labels' | 'settings' | 'switcher' | 'xDefault' | 'alternates' | 'feeds' | 'ogImage' | 'calendar' | 'sectionUrls' | 'searchUrl' | 'searchFilters' | OptionalView> & Partial<Pick<PageView, OptionalView | 'ogImage'>>, urls: Partial<Record<Locale, string>>): PageView => {
    const alternates = alternatesOf(urls);
    const scope = sectionFeed[view.section];
    return {
      ...view,
      pager: view.pager ?? null,
      searchUrl: searchUrl(view.locale),
      searchFilters: view.doc ? searchFiltersOf(view.doc, LABELS[view.locale]) : null,
      searchIndex: view.searchIndex ?? null,
      topic: view.topic ?? null,
      topicLinks: view.topicLinks ?? null,
      topicUrls: view.topicUrls ?? null,
      ogImage: view.ogImage ?? ogImagePath(view.url),
      searchTitle: view.searchTitle ?? null,
      shareImage: view.shareImage ?? null,
      structuredData: view.structuredData ?? null,
      feeds: { all: feedPaths(view.locale, 'all'), section: scope ? feedPaths(view.locale, scope) : null },
      calendar: calendarOf(view),
      sectionUrls: { studies: sectionUrl('study', view.locale), events: sectionUrl('event', view.locale), news: sectionUrl('article', view.locale), axes: sectionUrl('axis', view.locale) },
      alternates,
      xDefault: urls[defaultLocale] ?? view.url,
      switcher: model.locales.filter((locale) => locale !== view.locale).map((locale) => ({ locale, name: LABELS[locale].languageName, url: urls[locale] ?? null })),
      labels: LABELS[view.locale],
      settings: settingsOf(model, view.locale),
    };
  };
  const add = (...args: Parameters<typeof viewOf>): void => void pages.push(viewOf(...args));
  const everyLocale = (make: (locale: Locale) => string): Partial<Record<Locale, string>> => Object.fromEntries(model.locales.map((l) => [l, make(l)]));
  const sections: [PageKind, PageView['section'], Document['type']][] = [['studies', 'studies', 'study'], ['events', 'events', 'event'], ['news', 'news', 'article'], ['axes', 'axes', 'axis']];

  const documentsOf: Record<Document['type'], Document[]> = { study: model.studies, event: model.events, article: model.articles, axis: model.axes };
  // Lists by what pairs them across languages: a section, a topic. Page n of a list names page n
  // of the other languages' list as its alternate, where there is one.
  const families = new Map<string, PagedList[]>();
  const addList = (pairKey: string, list: PagedList): void => {
    // Two lists of one language never pair with each other (two cities merged differently in each language could share a key).
    const key = families.get(pairKey)?.some((other) => other.locale === list.locale) ? `${pairKey} ${list.firstUrl}` : pairKey;
    families.set(key, [...(families.get(key) ?? []), list]);
  };
  const links = (groups: TopicGroup[]): TopicLink[] => groups.map((group) => ({ name: group.linkName, url: group.url, sdg: group.topic.sdg }));
  const itemsOnly = (items: ListItem[]): ListChunk[] => splitIntoPages(items, listPageSize).map((chunk) => ({ items: chunk, upcoming: [], past: [], undated: [] }));
  for (const locale of model.locales) {
    const labels = LABELS[locale];
    const settings = settingsOf(model, locale);
    const events = model.events.filter((e) => e.locale === locale);
    const timed = { upcoming: [] as Event[], past: [] as Event[], undated: [] as Event[] };
    const timingOf = new Map(events.map((event) => [event, eventTiming(event, now)]));
    for (const event of events) timed[timingOf.get(event)!].push(event);
    // Soonest first for what is coming; most recent first for what is over.
    timed.upcoming.reverse();
    const topics = topicsOf(model, locale);

    add(
      {
        kind: 'home', url: homeUrl(locale), locale, title: settings.siteName, description: settings.description, ogType: 'website', section: 'home', doc: null, list: null,
        home: {
          latestStudy: model.studies.find((s) => s.locale === locale) ?? null,
          upcoming: timed.upcoming.slice(0, HOME_EVENTS),
          news: model.articles.filter((a) => a.locale === locale).slice(0, HOME_NEWS),
        },
      },
      everyLocale(homeUrl),
    );
    // The search page: a form and a script over the index; no document of its own.
    add({ kind: 'search', url: searchUrl(locale), locale, title: labels.search, description: labels.searchDescription, ogType: 'website', section: 'search', doc: null, home: null, list: null, searchIndex: SEARCH_INDEX_PATH }, everyLocale(searchUrl));

    for (const [kind, section, type] of sections) {
      if (type === 'axis') {
        addList(type, { locale, firstUrl: sectionUrl(type, locale), title: labels.axes, chunks: itemsOnly(model.axes.filter((d) => d.locale === locale)), view: { kind, section } });
        continue;
      }
      // Events are one list: what is coming (soonest first), what has no date yet, then what is
      // over (most recent first); each page shows the parts of it that fall on it.
      const chunks: ListChunk[] =
        type === 'event'
          ? splitIntoPages([...timed.upcoming, ...timed.undated, ...timed.past], listPageSize).map((items) => {
              const part = (timing: ReturnType<typeof eventTiming>): Event[] => items.filter((event) => timingOf.get(event) === timing);
              return { items, upcoming: part('upcoming'), undated: part('undated'), past: part('past') };
            })
          : itemsOnly(documentsOf[type].filter((d) => d.locale === locale));
      // The news and events lists link to their years' archives.
      const years = type === 'article' ? topics.newsYears : type === 'event' ? topics.eventYears : null;
      addList(type, { locale, firstUrl: sectionUrl(type, locale), title: labels[section as 'studies' | 'events' | 'news'], chunks, view: { kind, section, topicLinks: years && links(years) } });
    }

    // Topics: each year of news and events, city and SDG, and their lists; each axis's page lists its studies and their news.
    for (const [groups, section] of [[topics.newsYears, 'news'], [topics.eventYears, 'events'], [topics.cities, 'topics'], [topics.sdgs, 'topics']] as const) {
      for (const group of groups) addList(group.pairKey, { locale, firstUrl: group.url, title: group.topic.name, description: group.topic.intro, chunks: itemsOnly(group.items), view: { kind: 'topic', section, topic: group.topic } });
    }
    for (const [pairKey, firstUrl, title, intro, groups] of [['cities', cityListUrl(locale), labels.cities, labels.citiesIntro, topics.cities], ['sdgs', sdgListUrl(locale), labels.sdgs, labels.sdgsIntro, topics.sdgs]] as const) {
      addList(pairKey, { locale, firstUrl, title, description: intro, chunks: [], view: { kind: 'topics', section: 'topics', topicLinks: links(groups) } });
    }
    for (const axis of model.axes) {
      if (axis.locale !== locale) continue;
      const topic: TopicView = { kind: 'axis', name: axis.name, intro: axis.axisDescription ?? labels.studiesOnThisAxis, sdg: null, index: { name: labels.axes, url: sectionUrl('axis', locale) } };
      // Its first page is the axis's own page; the later ones list the rest.
      addList(axis.documentId, { locale, firstUrl: axis.url, title: axis.name, description: axis.description, chunks: itemsOnly(topics.axes.get(axis.documentId) ?? []), view: { kind: 'topic', section: 'axes', topic }, firstPage: { kind: 'axis', doc: axis, topicUrls: topicUrlsOf(axis) } });
    }
  }

  for (const family of families.values()) {
    for (const list of family) {
      const labels = LABELS[list.locale];
      const settings = settingsOf(model, list.locale);
      // A list of links (cities, SDGs) is one page.
      const chunks = list.chunks.length > 0 ? list.chunks : [null];
      for (const [i, chunk] of chunks.entries()) {
        const number = i + 1;
        const title = number === 1 ? list.title : fill(labels.pageOf, { title: list.title, n: number, total: chunks.length });
        const urls = Object.fromEntries(family.filter((other) => Math.max(1, other.chunks.length) >= number).map((other) => [other.locale, listPageUrl(other.firstUrl, other.locale, number)]));
        add(
          // Later pages share the first page's card: a card per page would be redrawn whenever the count of pages changes.
          {
            ...list.view,
            url: listPageUrl(list.firstUrl, list.locale, number), locale: list.locale, title, description: number === 1 && list.description ? list.description : `${title} · ${settings.siteName}`, ogType: 'website', doc: null, home: null,
            list: chunk, pager: chunk && pagerOf(list.firstUrl, list.locale, number, chunks.length), ogImage: ogImagePath(list.firstUrl),
            // Links to the years' archives are on the first page only: a new year must not rewrite every later page.
            ...(number === 1 ? list.firstPage : { topicLinks: null }),
          },
          urls,
        );
      }
    }
  }

  // Axes have their pages with the topics above.
  // The editor's search and social fields, each where it is set: the rest is as on any page.
  for (const doc of [...model.studies, ...model.events, ...model.articles]) {
    const card = doc.seo?.image?.card;
    const description = doc.seo?.description ?? doc.description;
    const ogImage = card?.sitePath ?? ogImagePath(doc.url);
    const structuredData = siteUrl === undefined ? null : structuredDataOf({ doc, locale: doc.locale, settings: settingsOf(model, doc.locale), url: doc.url, ogImage, description }, siteUrl);
    add(
      {
        kind: doc.type, url: doc.url, locale: doc.locale, title: doc.title, description, ogType: 'article', section: SECTION_OF[doc.type], doc, home: null, list: null, topicUrls: doc.type === 'article' ? null : topicUrlsOf(doc),
        ogImage, searchTitle: doc.seo?.title ?? null, shareImage: card && doc.seo?.image ? { type: 'image/jpeg', alt: doc.seo.image.alt } : null, structuredData,
      },
      model.translations.get(doc.documentId) ?? { [doc.locale]: doc.url },
    );
  }

  pages.sort((a, b) => compareText(a.url, b.url));
  // A 404 page is served at whatever address was asked for: it has no alternates or card, and
  // its switcher leads to the other languages' home pages.
  const notFound = model.locales.map((locale): PageView => {
    const labels = LABELS[locale];
    const view = viewOf({ kind: 'notFound', url: notFoundUrl(locale), locale, title: labels.pageNotFound, description: labels.pageNotFoundText, ogType: 'website', section: 'none', doc: null, home: null, list: null, ogImage: '' }, {});
    return { ...view, switcher: view.switcher.map((entry) => ({ ...entry, url: homeUrl(entry.locale) })) };
  });
  return {
    pages,
    notFound,
    sitemaps: sitemapFilesOf(pages, sitemapLimit),
    feeds: feeds.map((feed) => ({ ...feed, json: renderJsonFeed(feed) })),
    chooser: { alternates: model.locales.map((locale) => ({ locale, url: homeUrl(locale), settings: settingsOf(model, locale), labels: LABELS[locale] })) },
  };
};

