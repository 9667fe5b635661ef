// What each topic gathers, in one language: every axis, city and SDG lists the studies, events,
// news and good practices the content model already links to it, newest first, and every year
// the news dated in it and the events starting in it. A news item has no topics of its own: it
// belongs to those of the studies and events it links to. A good practice has no page, so it
// is listed as a link to where it is shown (its study's page, or its axis's). pages.ts makes
// the pages of these groups; a topic has pages only in the languages where something names it.
import { fill } from '../../domain/format.js';
import { LABELS } from '../../domain/labels.js';
import { compareText, type Locale } from '../../domain/locales.js';
import type { ContentModel, Document, Event, GoodPractice, Place, Sdg, Study } from '../../domain/model.js';
import type { ListItem, PracticeItem, TopicView } from '../../domain/site-view.js';
import { citySlug, cityListUrl, cityUrl, sdgListUrl, sdgUrl, sectionUrl, yearArchiveUrl } from '../normalise/urls.js';

export interface TopicGroup {
  /** The same topic in every language: its pages there are each other's alternates. */
  pairKey: string;
  /** Its first page. */
  url: string;
  topic: TopicView;
  /** What a link to it says in a list of them: its name, or a year's number. */
  linkName: string;
  /** Newest first. */
  items: ListItem[];
}

export interface LocaleTopics {
  /** By name. */
  cities: TopicGroup[];
  /** By number. */
  sdgs: TopicGroup[];
  /** Newest year first. */
  newsYears: TopicGroup[];
  eventYears: TopicGroup[];
  /** Each axis's list by the axis's documentId: its studies and the news linked to them (events link to no axis). */
  axes: Map<string, ListItem[]>;
}

/** An item and the date it is ordered by: ISO dates compare as text. */
interface Dated {
  item: ListItem;
  date: string;
}

// An event without a date is still to be announced: it goes with the newest. A study without a
// publication date counts from its year; a practice from its study (an axis's practice has no date).
const UNDATED_EVENT = '9999';
const studyDate = (study: Study): string => study.publicationDate ?? String(study.year);
const eventDate = (event: Event): string => event.startDate ?? UNDATED_EVENT;

const newestFirst = (entries: Iterable<Dated>): ListItem[] =>
  [...entries].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || compareText(a.item.title, b.item.title) || compareText(a.item.url, b.item.url)).map((entry) => entry.item);

/** What names a topic: the spelling of its newest document. */
interface Naming {
  name: string;
  pairKey: string;
  sdg: Sdg | null;
}

/** Topics as they are gathered: their entries (one per URL) and the newest naming seen. */
class Buckets {
  readonly byKey = new Map<string, { entries: Map<string, Dated>; naming: Naming | null; namedAt: string }>();

  add(key: string, entry: Dated, naming: Naming | null): void {
    let bucket = this.byKey.get(key);
    if (!bucket) this.byKey.set(key, (bucket = { entries: new Map(), naming: null, namedAt: '' }));
    bucket.entries.set(entry.item.url, entry);
    if (naming && (bucket.naming === null || entry.date > bucket.namedAt)) {
      bucket.naming = naming;
      bucket.namedAt = entry.date;
    }
  }
}

export const practiceItem = (practice: GoodPractice, parent: Pick<Document, 'title' | 'url'>): PracticeItem => ({
  type: 'practice',
  documentId: practice.documentId,
  title: practice.title,
  url: `${parent.url}#${practiceAnchor(practice.documentId)}`,
  parent: { title: parent.title, url: parent.url },
  city: practice.city,
});

/** The id of a good practice on the page that shows it (partials/good-practices.njk). */
export const practiceAnchor = (documentId: string): string => `practice-${documentId}`;

const yearGroups = (docs: Document[], yearOf: (doc: Document) => string | null, make: (year: number) => Omit<TopicGroup, 'items' | 'linkName'>): TopicGroup[] => {
  const byYear = new Map<number, Document[]>();
  for (const doc of docs) {
    const date = yearOf(doc);
    if (date === null) continue;
    const year = Number(date.slice(0, 4));
    const group = byYear.get(year);
    if (group) group.push(doc);
    else byYear.set(year, [doc]);
  }
  return [...byYear].sort(([a], [b]) => b - a).map(([year, items]) => ({ ...make(year), linkName: String(year), items }));
};

export const topicsOf = (model: ContentModel, locale: Locale): LocaleTopics => {
  const labels = LABELS[locale];
  const studies = model.studies.filter((study) => study.locale === locale);
  const events = model.events.filter((event) => event.locale === locale);
  const articles = model.articles.filter((article) => article.locale === locale);
  const studyById = new Map(studies.map((study) => [study.documentId, study]));
  const eventById = new Map(events.map((event) => [event.documentId, event]));
  const cities = new Buckets();
  const sdgs = new Buckets();
  const axes = new Buckets();

  // A document's own topics name them; a news item only enters the topics of what it links to.
  const inCity = (place: Place, entry: Dated, names: boolean): void => cities.add(citySlug(place), entry, names ? { name: place.name, pairKey: `city ${place.documentId}`, sdg: null } : null);
  const inSdg = (sdg: Sdg, entry: Dated, names: boolean): void => sdgs.add(String(sdg.number), entry, names ? { name: `${labels.sdg} ${sdg.number}: ${sdg.name}`, pairKey: `sdg ${sdg.number}`, sdg } : null);
  const studyTopics = (study: Study, entry: Dated, names: boolean): void => {
    for (const place of study.cities) inCity(place, entry, names);
    for (const sdg of study.sdgs) inSdg(sdg, entry, names);
    for (const axis of study.axes) axes.add(axis.documentId, entry, null);
  };
  const eventTopics = (event: Event, entry: Dated, names: boolean): void => {
    if (event.city) inCity(event.city, entry, names);
  };
  const practiceTopics = (practice: GoodPractice, entry: Dated): void => {
    if (practice.city) inCity(practice.city, entry, true);
    for (const sdg of practice.sdgs) inSdg(sdg, entry, true);
  };

  // A practice of a study is shown on the study's page, and on its axis's; it links to the study's.
  const listedPractices = new Set<string>();
  for (const study of studies) {
    const date = studyDate(study);
    studyTopics(study, { item: study, date }, true);
    for (const practice of study.goodPractices) {
      listedPractices.add(practice.documentId);
      practiceTopics(practice, { item: practiceItem(practice, study), date });
    }
  }
  for (const axis of model.axes) {
    if (axis.locale !== locale) continue;
    for (const practice of axis.goodPractices) if (!listedPractices.has(practice.documentId)) practiceTopics(practice, { item: practiceItem(practice, axis), date: '' });
  }
  for (const event of events) eventTopics(event, { item: event, date: eventDate(event) }, true);
  for (const article of articles) {
    const entry = { item: article, date: article.date };
    for (const ref of article.studies) {
      const study = studyById.get(ref.documentId);
      if (study) studyTopics(study, entry, false);
    }
    for (const ref of article.events) {
      const event = eventById.get(ref.documentId);
      if (event) eventTopics(event, entry, false);
    }
  }

  const groupsOf = (buckets: Buckets, urlOf: (key: string) => string, introOf: (name: string) => string, kind: 'city' | 'sdg'): TopicGroup[] => {
    const index = kind === 'city' ? { name: labels.cities, url: cityListUrl(locale) } : { name: labels.sdgs, url: sdgListUrl(locale) };
    return [...buckets.byKey].map(([key, { entries, naming }]) => {
      // Every bucket of cities and SDGs has a document's own naming: news only reach topics their studies and events named.
      const { name, pairKey, sdg } = naming as Naming;
      return { pairKey, url: urlOf(key), topic: { kind, name, intro: introOf(name), sdg, index }, linkName: name, items: newestFirst(entries.values()) };
    });
  };

  return {
    cities: groupsOf(cities, (slug) => cityUrl(locale, slug), (name) => fill(labels.cityIntro, { name }), 'city').sort((a, b) => compareText(a.topic.name, b.topic.name) || compareText(a.url, b.url)),
    sdgs: groupsOf(sdgs, (number) => sdgUrl(locale, Number(number)), () => labels.sdgIntro, 'sdg').sort((a, b) => (a.topic.sdg?.number ?? 0) - (b.topic.sdg?.number ?? 0)),
    // The model keeps news newest first and events by start date, latest first: each year's list keeps that order.
    newsYears: yearGroups(articles, (doc) => (doc.type === 'article' ? doc.date : null), (year) => ({
      pairKey: `news ${year}`,
      url: yearArchiveUrl('article', locale, year),
      topic: { kind: 'year', name: fill(labels.newsOfYear, { year }), intro: fill(labels.newsYearIntro, { year }), sdg: null, index: { name: labels.allNews, url: sectionUrl('article', locale) } },
    })),
    eventYears: yearGroups(events, (doc) => (doc.type === 'event' ? doc.startDate : null), (year) => ({
      pairKey: `events ${year}`,
      url: yearArchiveUrl('event', locale, year),
      topic: { kind: 'year', name: fill(labels.eventsOfYear, { year }), intro: fill(labels.eventsYearIntro, { year }), sdg: null, index: { name: labels.allEvents, url: sectionUrl('event', locale) } },
    })),
    axes: new Map([...axes.byKey].map(([documentId, { entries }]) => [documentId, newestFirst(entries.values())])),
  };
};
