// The JSON-LD of a document's page: what search engines read as a record of it (schema.org).
// A study is a Report, a news item a NewsArticle, an event (webinars included) an Event with
// where it happens: a Place with its address in person, a VirtualLocation with its address
// online, both for a hybrid one. The network is the author and publisher of what it publishes.
// Made here as a plain object from the model; the layout only serialises it (see the jsonLd
// filter in site/_config/filters.ts).
//
// Every date carries its offset. Editors type dates, not instants; a date alone is read in the
// reader's time zone, which can move it to the day before. So an event's dates and times are
// read on its own zone's clock, and a study's or a news item's date is midnight in Madrid, where
// the network's editors work.
import type { Locale } from '../../domain/locales.js';
import type { Article, Event, EventFormat, SiteSettings, Study } from '../../domain/model.js';
import { absoluteUrl } from '../normalise/urls.js';
import { offsetAt, wallToInstant } from './time-zones.js';

/** The zone of the dates editors type for studies and news (not events: each has its own). */
export const EDITORS_TIME_ZONE = 'Europe/Madrid';
/** Search engines show at most this much of a headline. */
export const HEADLINE_MAX = 110;
/** The network's logo, among the site's own assets. */
const LOGO_PATH = '/assets/apple-touch-icon.png';

export type JsonLd = Record<string, unknown>;

/** What a page shows of its document that the JSON-LD repeats. */
export interface StructuredDataInput {
  doc: Study | Event | Article;
  locale: Locale;
  settings: SiteSettings;
  /** Site-relative: the page, and the image it is shared with (its card or the editor's). */
  url: string;
  ogImage: string;
  /** The description the page's head carries (the editor's, or the document's own). */
  description: string;
}

const pad = (value: number): string => String(Math.trunc(Math.abs(value))).padStart(2, '0');

/** ±hh:mm of a zone at the instant its wall clock reads `wall` (pseudo-UTC milliseconds). */
const offsetOf = (zone: string, wall: number): string => {
  const minutes = Math.round(offsetAt(zone, wallToInstant(zone, wall)) / 60_000);
  return `${minutes < 0 ? '-' : '+'}${pad(minutes / 60)}:${pad(minutes % 60)}`;
};

/** A local date (YYYY-MM-DD) and time (HH:MM) in a zone, as ISO 8601 with that zone's offset then. */
export const localDateTime = (date: string, time: string, zone: string): string => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute, second = 0] = time.split(':').map(Number) as [number, number, number?];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  return `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}${offsetOf(zone, wall)}`;
};

/** A headline as long as search engines show, cut at a word where there is one. */
const headlineOf = (title: string): string => {
  const chars = Array.from(title);
  if (chars.length <= HEADLINE_MAX) return title;
  const cut = chars.slice(0, HEADLINE_MAX - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > HEADLINE_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/u, '')}…`;
};

const networkOf = (settings: SiteSettings, locale: Locale, siteUrl: string): JsonLd => ({
  '@type': 'Organization',
  name: settings.communityName,
  url: absoluteUrl(siteUrl, `/${locale}/`),
  logo: { '@type': 'ImageObject', url: absoluteUrl(siteUrl, LOGO_PATH) },
});

/** The images a search engine may show: the one the page is shared with, then the cover. */
const imagesOf = (input: StructuredDataInput, siteUrl: string): string[] => {
  const cover = input.doc.cover?.variants?.fallback.sitePath;
  return [...new Set([input.ogImage, ...(cover ? [cover] : [])])].map((sitePath) => absoluteUrl(siteUrl, sitePath));
};

const ATTENDANCE: Record<EventFormat, string> = {
  in_person: 'https://schema.org/OfflineEventAttendanceMode',
  online: 'https://schema.org/OnlineEventAttendanceMode',
  hybrid: 'https://schema.org/MixedEventAttendanceMode',
};

/** How an event is attended: as the editor set it, or a webinar online; unknown otherwise. */
const formatOf = (event: Event): EventFormat | null => event.format ?? (event.kind === 'webinar' ? 'online' : event.city || event.venue ? 'in_person' : null);

const placeOf = (event: Event): JsonLd | null => {
  const name = event.venue ?? event.city?.name;
  if (!name) return null;
  return {
    '@type': 'Place',
    name,
    ...(event.city ? { address: { '@type': 'PostalAddress', addressLocality: event.city.name, addressCountry: event.city.countryCode } } : {}),
  };
};

/** Start and end on the event's own clock; an all-day event runs from midnight to the end of its last day. */
const eventDates = (event: Event & { startDate: string }): { startDate: string; endDate?: string } => {
  const zone = event.timeZone;
  const startDate = localDateTime(event.startDate, event.startTime ?? '00:00', zone);
  const lastDay = event.endDate ?? event.startDate;
  if (event.endTime) return { startDate, endDate: localDateTime(lastDay, event.endTime, zone) };
  // A timed start with no end time says nothing of when it ends.
  if (event.startTime && !event.endDate) return { startDate };
  return { startDate, endDate: localDateTime(lastDay, '23:59:59', zone) };
};

const eventData = (event: Event, input: StructuredDataInput, siteUrl: string, network: JsonLd): JsonLd | null => {
  const format = formatOf(event);
  const { startDate } = event;
  // Without a date or a place an Event is not valid, and neither is made up.
  if (!startDate || !format) return null;
  const pageUrl = absoluteUrl(siteUrl, input.url);
  const place = format === 'online' ? null : placeOf(event);
  if (format !== 'online' && !place) return null;
  const virtual = format === 'in_person' ? null : { '@type': 'VirtualLocation', url: event.registrationUrl ?? event.infoUrl ?? pageUrl };
  const locations = [place, virtual].filter((location) => location !== null);
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title,
    description: input.description,
    url: pageUrl,
    inLanguage: input.locale,
    image: imagesOf(input, siteUrl),
    ...eventDates({ ...event, startDate }),
    eventStatus: 'https://schema.org/EventScheduled',
    eventAttendanceMode: ATTENDANCE[format],
    location: locations.length === 1 ? locations[0] : locations,
    organizer: event.organisers.length > 0 ? event.organisers.map((name) => ({ '@type': 'Organization', name })) : network,
  };
};

/** The JSON-LD of a document's page, or null when its document cannot make a valid one. */
export const structuredDataOf = (input: StructuredDataInput, siteUrl: string): JsonLd | null => {
  const { doc, locale } = input;
  const network = networkOf(input.settings, locale, siteUrl);
  if (doc.type === 'event') return eventData(doc, input, siteUrl, network);
  const pageUrl = absoluteUrl(siteUrl, input.url);
  const datePublished = doc.type === 'study' ? (doc.publicationDate ? localDateTime(doc.publicationDate, '00:00', EDITORS_TIME_ZONE) : doc.publishedAt) : localDateTime(doc.date, '00:00', EDITORS_TIME_ZONE);
  return {
    '@context': 'https://schema.org',
    '@type': doc.type === 'study' ? 'Report' : 'NewsArticle',
    headline: headlineOf(doc.title),
    ...(doc.type === 'study' ? { name: doc.title, abstract: doc.theme } : {}),
    description: input.description,
    url: pageUrl,
    mainEntityOfPage: pageUrl,
    inLanguage: locale,
    image: imagesOf(input, siteUrl),
    datePublished,
    dateModified: doc.updatedAt,
    author: network,
    publisher: network,
  };
};
