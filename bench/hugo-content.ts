// One Hugo content file per page of our site view: JSON front matter (Hugo reads it natively,
// and JSON.stringify cannot produce a broken one) and the document's rich text as Markdown.
//
// Front matter keys are snake_case on purpose: Hugo lowercases every param key, nested ones
// included, so `.Params.countryCode` would find nothing while `.Params.country_code` works.
//
// Texts our templates format with Intl (dates, event times, language lists, file sizes) are
// formatted here with the same functions, so both sites print the same words and can be
// compared line by line. Hugo's own `time.Format ":date_long"` writes "November 7, 2023" for
// English, not our "7 November 2023"; the cost of formatting is a few microseconds a page
// either way.
import { fileSize, fill, formatDate, formatEventWhen, formatNumber, languageList } from '../domain/format.js';
import type { Labels } from '../domain/labels.js';
import type { Article, Axis, Document, DocumentRef, Event, GoodPractice, Image, Place, Study } from '../domain/model.js';
import { absoluteUrl } from '../scripts/normalise/urls.js';
import { feedItemId } from '../scripts/render/feeds.js';
import type { ListItem, PageView } from '../domain/site-view.js';
import { htmlToMarkdown } from './html-to-markdown.js';

export type FrontMatter = Record<string, unknown>;

export interface ContentFile {
  /** Path under content/, e.g. "en/studies/my-study.md". */
  path: string;
  text: string;
}

/** Where each document sits in the lists: Hugo sorts a section's pages by weight first. */
export interface ListPlacement {
  weight: number;
  /** Which page of its list shows it (1 for the first). */
  listPage: number;
  /** Events only: which part of the events page lists it. */
  timing?: 'upcoming' | 'past' | 'undated';
}

/** The output formats of a page that has feeds: its HTML and one file per feed format. */
const FEED_OUTPUTS = ['HTML', 'RSS', 'Atom', 'JSONFeed'];

export interface ContentFileOptions {
  /** The name of a document's file in its section folder (without .md). */
  fileName: string;
  /** Whether our site has feeds at this page's URL (feed.xml, atom.xml, feed.json beside it). */
  hasFeeds: boolean;
}

const SECTION_LISTS = new Set<PageView['kind']>(['studies', 'events', 'news', 'axes']);

/** Where topic pages go: a folder of their own, whose section page is not rendered (see topicsSectionFile). */
const TOPICS_FOLDER = 'topics';

const isTopicPage = (page: PageView): boolean => page.kind === 'topic' || page.kind === 'topics';

/** The folder under content/ that holds a page's file: its section's, or the topics folder. */
export const contentFolderOf = (page: PageView): string => `${page.locale}/${isTopicPage(page) ? TOPICS_FOLDER : page.section}`;

/** The position of every document in its section list, from the list pages of the view. */
export const listPlacements = (pages: PageView[]): Map<string, ListPlacement> => {
  const placements = new Map<string, ListPlacement>();
  // A section list's pages in their order (the view sorts pages by URL, which puts page 10 before
  // page 2). Topic pages (and the axes' own lists) carry their cards in their front matter instead.
  const lists = pages.filter((page) => page.list && page.pager && SECTION_LISTS.has(page.kind)).sort((a, b) => a.pager!.number - b.pager!.number);
  const weights = new Map<string, number>();
  for (const page of lists) {
    const list = page.list!;
    const listPage = page.pager!.number;
    const key = `${page.locale} ${page.kind}`;
    let weight = weights.get(key) ?? 0;
    if (page.kind === 'events') {
      // The events pages show upcoming, then undated, then past: one weight order keeps all three.
      const parts = [['upcoming', list.upcoming], ['undated', list.undated], ['past', list.past]] as const;
      for (const [timing, events] of parts) for (const event of events) placements.set(event.url, { weight: (weight += 1), timing, listPage });
    } else {
      for (const doc of list.items) placements.set(doc.url, { weight: (weight += 1), listPage });
    }
    weights.set(key, weight);
  }
  return placements;
};

export const contentFileOf = (page: PageView, placements: Map<string, ListPlacement>, siteUrl: string, { fileName, hasFeeds }: ContentFileOptions): ContentFile => {
  const common: FrontMatter = {
    title: page.title,
    description: page.description,
    url: page.url,
    translationKey: page.doc ? page.doc.documentId : `${page.kind}-page`,
    og_type: page.ogType,
    og_image: page.ogImage,
    ...(hasFeeds ? { outputs: FEED_OUTPUTS } : {}),
  };
  if (page.kind === 'home') return { path: `${page.locale}/_index.md`, text: fileText(common, '') };
  if (isTopicPage(page)) {
    // A topic's page shows cards of documents from several sections (and good practices): Hugo
    // would have to look them up across the site, so each page carries its cards, as it carries
    // its pager. Pages of the same topic in each language share their translation key.
    return { path: `${contentFolderOf(page)}/${fileName}.md`, text: fileText({ ...common, ...topicParams(page), translationKey: page.alternates[0]?.url ?? page.url, type: 'topicpage', _build: { list: 'never' } }, '') };
  }
  if (!page.doc) {
    // A list: its first page is the section's own; each later one a page of the section that
    // no list includes, showing the documents placed on it (list_page) and the same navigation.
    const pager = page.pager ? { pager: page.pager, page_number: page.pager.number } : {};
    if (!page.pager || page.pager.number === 1) return { path: `${contentFolderOf(page)}/_index.md`, text: fileText({ ...common, ...pager }, '') };
    // Its own type, so its layout is looked up before the section's single-page one.
    const type = page.kind === 'events' ? 'event-listpage' : 'listpage';
    return { path: `${contentFolderOf(page)}/${fileName}.md`, text: fileText({ ...common, ...pager, type, build: { list: 'never' } }, '') };
  }
  const placement = placements.get(page.url);
  if (!placement) throw new Error(`${page.url} is in no section list of the view; Hugo would not list it either.`);
  const { params, html } = documentFields(page.doc, page.labels, siteUrl);
  // An axis's page is also the first page of its list of studies and news.
  if (page.doc.type === 'axis') Object.assign(params, topicParams(page));
  const frontMatter: FrontMatter = {
    ...common,
    weight: placement.weight,
    list_page: placement.listPage,
    ...(placement.timing ? { timing: placement.timing } : {}),
    date: page.doc.publishedAt,
    lastmod: page.doc.updatedAt,
    ...params,
  };
  return { path: `${contentFolderOf(page)}/${fileName}.md`, text: fileText(frontMatter, htmlToMarkdown(html)) };
};

const fileText = (frontMatter: FrontMatter, body: string): string => `${JSON.stringify(frontMatter, null, 1)}\n\n${body}\n`;

/**
 * The section page of the topics folder, never rendered: our site has no page there. Hugo
 * 0.111 (Debian's) reads these options as `_build` only (it renders the page with `build`);
 * later versions read both.
 */
export const topicsSectionFile = (locale: string): ContentFile => ({ path: `${locale}/${TOPICS_FOLDER}/_index.md`, text: fileText({ title: TOPICS_FOLDER, _build: { render: 'never', list: 'never' } }, '') });

/** What a topic page (kinds/list.njk with pv.topic, kinds/topics.njk, the list of an axis page) shows. */
const topicParams = (page: PageView): FrontMatter => ({
  intro: page.topic?.intro ?? (page.kind === 'topics' ? page.description : null),
  index: page.topic?.index ?? null,
  cards: (page.list?.items ?? []).map((item) => cardOf(item, page.labels)),
  links: page.topicLinks,
  ...(page.pager ? { pager: page.pager, pager_title: page.topic?.name ?? page.title } : {}),
});

/** A card as partials/card.njk draws it: its line of context written out here. */
const cardOf = (item: ListItem, labels: Labels): FrontMatter => {
  const meta =
    item.type === 'event' ? `${labels.kinds[item.kind]} · ${formatEventWhen(item, item.locale) || labels.dateToBeAnnounced}${item.city ? ` · ${item.city.name}` : ''}`
    : item.type === 'article' ? formatDate(item.date, item.locale)
    : item.type === 'study' ? `${labels.edition} ${item.edition} · ${item.year}`
    : item.type === 'practice' ? `${labels.goodPractice} · ${item.parent.title}${item.city ? ` · ${item.city.name}` : ''}`
    : null;
  return { title: item.title, url: item.url, meta, description: item.type === 'practice' ? null : item.description };
};

/** What the template of the document's kind shows, and the rich text that becomes the body. */
const documentFields = (doc: Document, labels: Labels, siteUrl: string): { params: FrontMatter; html: string } => {
  switch (doc.type) {
    case 'study':
      return { params: { ...studyParams(doc, labels), ...feedFields(doc, labels, siteUrl) }, html: doc.summaryHtml };
    case 'event':
      return { params: { ...eventParams(doc), ...feedFields(doc, labels, siteUrl) }, html: doc.descriptionHtml };
    case 'article':
      return { params: { ...articleParams(doc), ...feedFields(doc, labels, siteUrl) }, html: doc.bodyHtml };
    case 'axis':
      return { params: axisParams(doc), html: '' };
  }
};

const studyParams = (study: Study, labels: Labels): FrontMatter => ({
  edition: study.edition,
  year: study.year,
  publication_date: study.publicationDate,
  publication_date_text: study.publicationDate ? formatDate(study.publicationDate, study.locale) : null,
  theme: study.theme,
  cover: coverOf(study.cover),
  objectives: study.objectives,
  axes: study.axes.map(refOf),
  city_count: study.cityCount,
  cities_and_countries:
    study.cityCount && study.countryCount ? fill(labels.citiesAndCountries, { cities: formatNumber(study.cityCount, study.locale), countries: formatNumber(study.countryCount, study.locale) }) : null,
  regions: study.regions,
  cities: study.cities.map(placeOf),
  sdgs: study.sdgs.map(({ number, name, color }) => ({ number, name, color })),
  good_practices: study.goodPractices.map(practiceOf),
  barriers: study.barriers,
  enablers: study.enablers,
  summary_pdf: study.summaryPdf ? { url: study.summaryPdf.sitePath, size_text: fileSize(study.summaryPdf.sizeBytes, study.locale) } : null,
  available_languages_text: study.availableLanguages.length ? languageList(study.availableLanguages, study.locale) : null,
  // An uploaded file is ours; an external link gets rel="noopener", as in study.njk.
  full_study_url: study.fullStudy?.sitePath ?? study.fullStudyUrl,
  full_study_external: !study.fullStudy && study.fullStudyUrl !== null,
});

const eventParams = (event: Event): FrontMatter => ({
  event_kind: event.kind,
  format: event.format,
  when: formatEventWhen(event, event.locale),
  start_date: event.startDate,
  start_time: event.startTime,
  time_zone: event.timeZone,
  venue: event.venue,
  city: event.city ? placeOf(event.city) : null,
  organisers: event.organisers,
  highlights: event.highlights,
  info_url: event.infoUrl,
  registration_url: event.registrationUrl,
  accessibility: event.accessibility ? { sign_language: event.accessibility.signLanguage, captions: event.accessibility.captions } : null,
  cover: coverOf(event.cover),
});

const articleParams = (article: Article): FrontMatter => ({
  article_date: article.date,
  article_date_text: formatDate(article.date, article.locale),
  cover: coverOf(article.cover),
  studies: article.studies.map(refOf),
  events: article.events.map(refOf),
});

const axisParams = (axis: Axis): FrontMatter => ({
  name: axis.name,
  axis_description: axis.axisDescription,
  good_practices: axis.goodPractices.map(practiceOf),
});

// ---------------------------------------------------------------------------------------------
// Feeds. Hugo picks, sorts and cuts the items itself (templates range over the section's
// pages); these are the per-document facts it needs, by the rules of itemOf in
// scripts/render/feeds.ts, which does not export them: a study is published on its
// publication date, an article on its date, an event when it has a date at all.
// The keys are prefixed: Hugo reads `published` as its own publishDate and leaves out pages
// whose publishDate is null.

const midnight = (isoDate: string): string => `${isoDate}T00:00:00.000Z`;

const feedFields = (doc: Study | Event | Article, labels: Labels, siteUrl: string): FrontMatter => {
  const published = doc.type === 'study' ? (doc.publicationDate ? midnight(doc.publicationDate) : doc.publishedAt) : doc.type === 'article' ? midnight(doc.date) : formatEventWhen(doc, doc.locale) ? doc.publishedAt : null;
  if (!published || Number.isNaN(Date.parse(published)) || !doc.url) return { feed_published: null };
  const id = feedItemId(doc.documentId, doc.locale);
  const publishedIso = new Date(published).toISOString();
  return {
    feed_id: id,
    feed_published: publishedIso,
    feed_updated: new Date(doc.updatedAt > published ? doc.updatedAt : published).toISOString(),
    feed_order: feedOrder(publishedIso, id),
    feed_categories:
      doc.type === 'study' ? [...doc.axes.map((axis) => axis.title), ...doc.sdgs.map((sdg) => `${labels.sdg} ${sdg.number}: ${sdg.name}`)] : doc.type === 'article' ? [labels.news] : [labels.kinds[doc.kind]],
    enclosure: doc.type === 'study' && doc.summaryPdf ? { url: absoluteUrl(siteUrl, doc.summaryPdf.sitePath), length: doc.summaryPdf.sizeBytes, type: 'application/pdf' } : null,
  };
};

/**
 * One string that sorts like our feeds (newest first, then by id ascending) under Hugo's
 * single-key `sort … "desc"`: the timestamp, then the id with every hex digit inverted.
 * Both parts have a fixed length, so comparing the whole string compares them in turn.
 */
const feedOrder = (publishedIso: string, id: string): string => `${publishedIso}${id.replace(/[0-9a-f]/g, (digit) => (15 - parseInt(digit, 16)).toString(16))}`;

// ---------------------------------------------------------------------------------------------
// Pieces

const refOf = (ref: DocumentRef): FrontMatter => ({ title: ref.title, url: ref.url });

const placeOf = (place: Place): FrontMatter => ({ name: place.name, country: place.country });

const practiceOf = (practice: GoodPractice): FrontMatter => ({
  title: practice.title,
  // Markdown too; the templates render it with markdownify.
  description: htmlToMarkdown(practice.descriptionHtml),
  city: practice.city ? placeOf(practice.city) : null,
  axis: practice.axis ? refOf(practice.axis) : null,
  sdgs: practice.sdgs.map(({ number }) => ({ number })),
});

/** A cover as the cover partial draws it: the largest JPEG as src, and srcset sources when there are variants. */
const coverOf = (image: Image | null): FrontMatter | null => {
  if (!image) return null;
  const variants = image.variants;
  if (!variants) return { alt: image.alt, src: image.file.sitePath, width: image.file.width, height: image.file.height, sources: null };
  const { fallback } = variants;
  return { alt: image.alt, src: fallback.sitePath, width: fallback.width, height: fallback.height, sources: variants.sources.map((source) => ({ format: source.format, width: source.width, path: source.sitePath })) };
};
