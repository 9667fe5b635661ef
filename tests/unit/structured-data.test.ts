// The JSON-LD of every page of the built sample, read back out of the HTML and held against a
// table of what schema.org (and the search engines that read it) ask of each type: required
// and recommended properties, the schema.org context, dates in ISO 8601 with their offset,
// absolute URLs, and the types of the nested things (where an event happens). An editor's text
// that closes the script element stays text inside the JSON.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { RawSnapshot } from '../../scripts/fetch/snapshot.js';
import type { Event, EventFormat } from '../../domain/model.js';
import { normalise } from '../../scripts/normalise/normalise.js';
import { renderSite } from '../../scripts/render/render.js';
import { siteOf } from '../../scripts/render/site.js';
import { HEADLINE_MAX, localDateTime, structuredDataOf, type JsonLd } from '../../scripts/render/structured-data.js';
import { settingsOf } from '../../domain/model.js';
import type { PageView } from '../../domain/site-view.js';

const FIXTURE: RawSnapshot = JSON.parse(readFileSync(new URL('../fixtures/sample-snapshot.json', import.meta.url), 'utf8'));
const SITE_URL = 'https://cities.example.org';
const NOW = new Date('2023-11-08T12:00:00Z');
const STUDY_2021 = 'eb4rvh1erayk9rsce7a6bmzy';
// Closes the script element, opens a comment, and holds the characters JavaScript reads as line ends.
const HOSTILE_TITLE = 'Study 2021 </script><script>alert(1)</script> <!-- & \u2028\u2029 "quoted"';

/** What schema.org and the search engines ask of each type the site publishes. */
const REQUIREMENTS: Record<string, { required: string[]; recommended: string[] }> = {
  Report: { required: ['headline', 'name', 'url', 'datePublished', 'author', 'publisher'], recommended: ['image', 'dateModified', 'description', 'inLanguage', 'mainEntityOfPage'] },
  NewsArticle: { required: ['headline', 'datePublished', 'image', 'author', 'publisher'], recommended: ['dateModified', 'description', 'inLanguage', 'mainEntityOfPage', 'url'] },
  Event: { required: ['name', 'startDate', 'location', 'eventStatus', 'eventAttendanceMode'], recommended: ['endDate', 'image', 'description', 'organizer', 'url', 'inLanguage'] },
};
const EXPECTED_TYPE: Record<string, string> = { study: 'Report', article: 'NewsArticle', event: 'Event' };
const DATE_PROPERTIES = ['datePublished', 'dateModified', 'startDate', 'endDate'];
const URL_PROPERTIES = new Set(['url', 'image', 'mainEntityOfPage', 'logo', '@id']);
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const ATTENDANCE: Record<EventFormat, string> = {
  in_person: 'https://schema.org/OfflineEventAttendanceMode',
  online: 'https://schema.org/OnlineEventAttendanceMode',
  hybrid: 'https://schema.org/MixedEventAttendanceMode',
};

/** Every string under a URL-valued property, however deep: each must be an absolute http(s) URL. */
const urlsIn = (value: unknown, key = ''): string[] => {
  if (typeof value === 'string') return URL_PROPERTIES.has(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => urlsIn(item, key));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => urlsIn(v, k));
  return [];
};

/** What is wrong with one page's JSON-LD against the table; empty when nothing is. */
const problemsOf = (data: JsonLd, page: PageView): string[] => {
  const problems: string[] = [];
  const type = String(data['@type']);
  if (data['@context'] !== 'https://schema.org') problems.push(`@context is ${JSON.stringify(data['@context'])}`);
  if (type !== EXPECTED_TYPE[page.kind]) problems.push(`@type ${type} on a ${page.kind} page`);
  const table = REQUIREMENTS[type];
  if (!table) return [...problems, `no requirements for ${type}`];
  const present = (name: string): boolean => data[name] !== undefined && data[name] !== null && data[name] !== '' && !(Array.isArray(data[name]) && (data[name] as unknown[]).length === 0);
  for (const name of table.required) if (!present(name)) problems.push(`required ${name} missing`);
  for (const name of table.recommended) {
    // A one-day event with a start time and no end time says nothing of when it ends.
    if (name === 'endDate' && page.doc?.type === 'event' && page.doc.startTime && !page.doc.endTime && !page.doc.endDate) continue;
    if (!present(name)) problems.push(`recommended ${name} missing`);
  }
  for (const name of DATE_PROPERTIES) {
    const value = data[name];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !ISO_WITH_ZONE.test(value) || Number.isNaN(Date.parse(value))) problems.push(`${name} ${JSON.stringify(value)} is not ISO 8601 with a time zone`);
  }
  if (typeof data.startDate === 'string' && typeof data.endDate === 'string' && Date.parse(data.endDate) < Date.parse(data.startDate)) problems.push('endDate before startDate');
  for (const url of urlsIn(data)) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      // reported below
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol)) problems.push(`${url} is not an absolute URL`);
  }
  if (data.url !== undefined && data.url !== `${SITE_URL}${page.url}`) problems.push(`url ${String(data.url)} is not the page's`);
  if (data.inLanguage !== undefined && data.inLanguage !== page.locale) problems.push(`inLanguage ${String(data.inLanguage)} on a ${page.locale} page`);
  if (typeof data.headline === 'string' && Array.from(data.headline).length > HEADLINE_MAX) problems.push(`headline longer than ${HEADLINE_MAX}`);
  for (const role of ['author', 'publisher']) {
    const org = data[role] as JsonLd | undefined;
    if (org && (org['@type'] !== 'Organization' || org.name !== page.settings.communityName)) problems.push(`${role} is not the network`);
  }
  if (type === 'Event' && page.doc?.type === 'event') {
    const event = page.doc;
    const format = event.format ?? (event.kind === 'webinar' ? 'online' : 'in_person');
    if (data.eventStatus !== 'https://schema.org/EventScheduled') problems.push(`eventStatus ${String(data.eventStatus)}`);
    if (data.eventAttendanceMode !== ATTENDANCE[format]) problems.push(`eventAttendanceMode ${String(data.eventAttendanceMode)} for a ${format} event`);
    const locations = (Array.isArray(data.location) ? data.location : [data.location]) as JsonLd[];
    const types = locations.map((location) => location['@type']).sort();
    const expected = { in_person: ['Place'], online: ['VirtualLocation'], hybrid: ['Place', 'VirtualLocation'] }[format];
    if (JSON.stringify(types) !== JSON.stringify(expected)) problems.push(`location ${JSON.stringify(types)} for a ${format} event`);
    for (const location of locations) {
      if (location['@type'] === 'VirtualLocation' && typeof location.url !== 'string') problems.push('a VirtualLocation without url');
      if (location['@type'] === 'Place' && (typeof location.name !== 'string' || (event.city && (location.address as JsonLd | undefined)?.['@type'] !== 'PostalAddress'))) problems.push('a Place without name or address');
    }
  }
  return problems;
};

/** The JSON-LD script elements of a built page, each parsed. */
const jsonLdOf = (html: string): { scripts: number; data: JsonLd[] } => {
  const doc = parseDocument(html);
  const scripts = DomUtils.getElementsByTagName('script', doc.children, true);
  const data = scripts.filter((script) => script.attribs.type === 'application/ld+json').map((script) => JSON.parse(DomUtils.textContent(script)) as JsonLd);
  return { scripts: scripts.length, data };
};

describe('every page of the built sample', () => {
  let outDir: string;
  let pages: PageView[];

  beforeAll(async () => {
    const snap = structuredClone(FIXTURE);
    const study = (snap.collections.study as Record<string, { documentId: string; title: string }[]>).en?.find((doc) => doc.documentId === STUDY_2021);
    if (!study) throw new Error('fixture has no 2021 study');
    study.title = HOSTILE_TITLE;
    const site = await siteOf(normalise(snap, { cmsUrl: 'http://cms.test:1337' }), NOW, SITE_URL);
    pages = site.view.pages;
    outDir = mkdtempSync(path.join(os.tmpdir(), 'json-ld-'));
    await renderSite(site.model, site.view, outDir, SITE_URL);
  }, 120_000);

  test('a document page carries one JSON-LD record that meets its type’s requirements; no other page has one', () => {
    const problems: string[] = [];
    const typed: Record<string, number> = {};
    let documentPages = 0;
    for (const page of pages) {
      const { data } = jsonLdOf(readFileSync(path.join(outDir, page.url, 'index.html'), 'utf8'));
      const isDocument = page.kind === 'study' || page.kind === 'event' || page.kind === 'article';
      if (!isDocument) {
        if (data.length > 0) problems.push(`${page.url}: a ${page.kind} page with JSON-LD`);
        continue;
      }
      documentPages += 1;
      const event = page.doc?.type === 'event' ? page.doc : null;
      // An event without a date, or with no place and no format, cannot be a valid Event: it has none.
      const valid = !event || (event.startDate !== null && (event.format !== null || event.kind === 'webinar' || event.city !== null || event.venue !== null));
      if (!valid) {
        if (data.length > 0) problems.push(`${page.url}: JSON-LD for an event without a date or a place`);
        continue;
      }
      if (data.length !== 1) {
        problems.push(`${page.url}: ${data.length} JSON-LD records`);
        continue;
      }
      const [record] = data as [JsonLd];
      typed[String(record['@type'])] = (typed[String(record['@type'])] ?? 0) + 1;
      problems.push(...problemsOf(record, page).map((problem) => `${page.url}: ${problem}`));
    }
    expect(problems).toEqual([]);
    // 2 studies, 1 news item and 5 of the 7 events, in two languages (the focus group has no
    // place, one online conference no date).
    expect(documentPages).toBe(20);
    expect(typed).toEqual({ Report: 4, NewsArticle: 2, Event: 10 });
  });

  test('an editor’s title that closes the script element stays text inside the JSON', () => {
    const html = readFileSync(path.join(outDir, 'en/studies/smart-cities-study-2021/index.html'), 'utf8');
    expect(html).not.toContain('</script><script>alert');
    const { scripts, data } = jsonLdOf(html);
    // The page's own scripts and the JSON-LD: no element was opened by the title.
    expect(scripts).toBe(1);
    expect(data[0]?.name).toBe(HOSTILE_TITLE);
    expect(data[0]?.headline).toBe(HOSTILE_TITLE);
  });
});

describe('dates and places, one module', () => {
  test('a local date and time carries the offset of its zone on that day', () => {
    expect(localDateTime('2023-11-07', '09:30', 'Europe/Madrid')).toBe('2023-11-07T09:30:00+01:00');
    expect(localDateTime('2023-07-07', '09:30', 'Europe/Madrid')).toBe('2023-07-07T09:30:00+02:00');
    expect(localDateTime('2021-10-12', '00:00', 'Asia/Ho_Chi_Minh')).toBe('2021-10-12T00:00:00+07:00');
    expect(localDateTime('2024-01-15', '18:00', 'America/New_York')).toBe('2024-01-15T18:00:00-05:00');
    expect(localDateTime('2024-03-31', '03:00', 'Europe/Madrid')).toBe('2024-03-31T03:00:00+02:00');
    expect(localDateTime('2022-05-19', '23:59:59', 'UTC')).toBe('2022-05-19T23:59:59+00:00');
    expect(localDateTime('2023-03-01', '10:00', 'Asia/Kolkata')).toBe('2023-03-01T10:00:00+05:30');
  });

  test('a hybrid event is at its Place and at its VirtualLocation, on its own clock', async () => {
    const site = await siteOf(normalise(structuredClone(FIXTURE), { cmsUrl: 'http://cms.test:1337' }), NOW, SITE_URL);
    const scewc = site.model.events.find((e) => e.locale === 'en' && e.slug === 'smart-city-expo-world-congress-2023') as Event;
    const hybrid: Event = { ...scewc, format: 'hybrid', venue: 'Fira Gran Via', startTime: '09:30', endTime: '18:00', registrationUrl: 'https://register.example.org/scewc' };
    const data = structuredDataOf({ doc: hybrid, locale: 'en', settings: settingsOf(site.model, 'en'), url: hybrid.url, ogImage: `${hybrid.url}og.png`, description: hybrid.description }, SITE_URL);
    expect(data).toEqual(
      expect.objectContaining({
        startDate: '2023-11-07T09:30:00+01:00',
        endDate: '2023-11-09T18:00:00+01:00',
        eventAttendanceMode: 'https://schema.org/MixedEventAttendanceMode',
        location: [
          { '@type': 'Place', name: 'Fira Gran Via', address: { '@type': 'PostalAddress', addressLocality: 'Barcelona', addressCountry: 'ES' } },
          { '@type': 'VirtualLocation', url: 'https://register.example.org/scewc' },
        ],
      }),
    );
    // An online event without links is at its own page.
    const online = structuredDataOf({ doc: { ...hybrid, format: 'online', registrationUrl: null, infoUrl: null }, locale: 'en', settings: settingsOf(site.model, 'en'), url: hybrid.url, ogImage: `${hybrid.url}og.png`, description: '' }, SITE_URL);
    expect(online?.location).toEqual({ '@type': 'VirtualLocation', url: `${SITE_URL}${hybrid.url}` });
  });
});
