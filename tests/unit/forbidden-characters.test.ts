// Characters that XML 1.0 forbids (and the other controls no reader can be shown), pasted into
// every kind of text field of the recorded sample snapshot, then the build's own stages with
// no CMS: normalise, the feed and page views, Eleventy (pages, RSS, Atom, JSON Feed, sitemap),
// the iCalendar writer and the summary PDFs. Every output is read back by a strict parser
// that would refuse the characters: saxes (XML 1.0) for RSS, Atom, the sitemap and the PDFs'
// XMP metadata, ical.js for the calendars, JSON.parse for JSON Feed, pdfjs for the PDFs; and
// none of the characters may be left in any file, page or PDF text.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { sectionPath } from '../support/site-files.js';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import type { RawSnapshot } from '../../scripts/fetch/snapshot.js';
import { LOCALES, type Locale } from '../../domain/locales.js';
import type { ContentModel } from '../../domain/model.js';
import { normalise } from '../../scripts/normalise/normalise.js';
import { renderStudySummary } from '../../scripts/pdf/study-summary.js';
import { splitIssues, type BuildReport } from '../../scripts/publish/report.js';
import { listFiles } from '../../scripts/lib/files.js';
import { buildFeedViews, renderJsonFeed } from '../../scripts/render/feeds.js';
import { renderCalendar, renderEventFile, type CalendarOptions } from '../../scripts/render/ical.js';
import { buildSiteView } from '../../scripts/render/pages.js';
import { renderSite } from '../../scripts/render/render.js';
import { renderReportPage } from '../../scripts/server/report-page.js';
import { allText, readPdf } from '../support/pdf-read.js';
import { xmlError } from '../support/xml.js';

const FIXTURE: RawSnapshot = JSON.parse(readFileSync(new URL('../fixtures/sample-snapshot.json', import.meta.url), 'utf8'));
const CMS_URL = 'http://cms.test:1337';
const SITE_URL = 'https://cities.example.org';
const NOW = new Date('2023-11-08T12:00:00Z');

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const name = (char: string): string => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Every C0 control but TAB, LF and CR; DEL; a few C1 controls; the two BMP noncharacters XML forbids. */
const SINGLES = [...range(0x00, 0x08), 0x0b, 0x0c, ...range(0x0e, 0x1f), 0x7f, 0x80, 0x85, 0x93, 0x9f, 0xfffe, 0xffff].map((code) => String.fromCharCode(code));
/** Lone surrogates, kept apart by a control so that removing it cannot make them a pair. */
const LONE_SURROGATES = '\ud800\u0001\udc00';
const EVERY = SINGLES.join('') + LONE_SURROGATES;

/**
 * Independent of the code under test: any of the injected characters, or a lone surrogate
 * (which a UTF-8 file holds as U+FFFD, so in files that is looked for too).
 */
const LEFT_OVER = new RegExp(`[${SINGLES.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]|\\ufffd`);
const leftOver = (text: string): string | null => {
  const match = LEFT_OVER.exec(text);
  return match ? `${name(match[0])} at ${match.index}: ${JSON.stringify(text.slice(Math.max(0, match.index - 30), match.index + 30))}` : null;
};

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type RawDoc = { [key: string]: Json };

const docs = (snap: RawSnapshot, type: string, locale: Locale): RawDoc[] => (snap.collections[type] as Record<Locale, RawDoc[]>)[locale];
const settingsOf = (snap: RawSnapshot, locale: Locale): RawDoc => (snap.singles['site-setting'] as Record<Locale, RawDoc>)[locale];

/** The text with `poison` inside it, a few characters in, where it splits a word. */
const inject = (value: Json | undefined, poison: string, fallback = 'Text'): string => {
  const text = typeof value === 'string' && value !== '' ? value : fallback;
  const at = Math.min(4, text.length);
  return `${text.slice(0, at)}${poison}${text.slice(at)}`;
};

/** Every text-bearing field of every rich text node. */
const poisonBlocks = (blocks: Json | undefined, poison: string): void => {
  const visit = (node: Json): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      if (typeof node.text === 'string' && node.text !== '') node.text = inject(node.text, poison);
      if (typeof node.url === 'string') node.url = inject(node.url, poison);
      if (node.children) visit(node.children);
    }
  };
  visit(blocks ?? null);
};

/** A paragraph with a link whose URL and text carry the characters, added to a rich text field. */
const linkParagraph = (poison: string): Json => ({
  type: 'paragraph',
  children: [{ type: 'text', text: 'See ' }, { type: 'link', url: inject('https://example.org/report', poison), children: [{ type: 'text', text: inject('the report', poison) }] }],
});

/**
 * The sample snapshot with `poison` in titles, themes, rich text (text, link URLs), alt texts,
 * venues, excerpts, list components, relation names and the site settings, in both languages.
 */
const poisoned = (poison: string): RawSnapshot => {
  const snap = structuredClone(FIXTURE);
  for (const locale of LOCALES) {
    for (const study of docs(snap, 'study', locale)) {
      study.title = inject(study.title, poison);
      study.theme = inject(study.theme, poison);
      poisonBlocks(study.summary, poison);
      (study.summary as Json[]).push(linkParagraph(poison));
      study.coverAlt = inject(study.coverAlt, poison, 'Cover');
      study.regions = inject(study.regions, poison, 'Europe');
      for (const list of ['objectives', 'barriers', 'enablers']) study[list] = [...((study[list] as RawDoc[] | null) ?? []), { text: 'Item' }].map((item) => ({ ...item, text: inject(item.text, poison) }));
      for (const axis of study.axes as RawDoc[]) axis.name = inject(axis.name, poison);
      for (const city of study.cities as RawDoc[]) {
        city.name = inject(city.name, poison);
        city.country = inject(city.country, poison);
      }
      for (const sdg of study.sdgs as RawDoc[]) sdg.name = inject(sdg.name, poison);
      if (study.cover && typeof study.cover === 'object' && !Array.isArray(study.cover)) study.cover.alternativeText = inject(study.cover.alternativeText, poison);
    }
    for (const event of docs(snap, 'event', locale)) {
      event.title = inject(event.title, poison);
      event.venue = inject(event.venue, poison, 'Venue');
      poisonBlocks(event.description, poison);
      (event.description as Json[]).push(linkParagraph(poison));
      event.coverAlt = inject(event.coverAlt, poison, 'Cover');
      for (const list of ['highlights', 'organisers']) event[list] = [...((event[list] as RawDoc[] | null) ?? []), { text: 'Item' }].map((item) => ({ ...item, text: inject(item.text, poison) }));
      if (event.city && typeof event.city === 'object' && !Array.isArray(event.city)) event.city.name = inject(event.city.name, poison);
    }
    for (const article of docs(snap, 'article', locale)) {
      article.title = inject(article.title, poison);
      article.excerpt = inject(article.excerpt, poison);
      poisonBlocks(article.body, poison);
      (article.body as Json[]).push(linkParagraph(poison));
      article.coverAlt = inject(article.coverAlt, poison, 'Cover');
      for (const ref of [...(article.studies as RawDoc[]), ...(article.events as RawDoc[])]) ref.title = inject(ref.title, poison);
    }
    for (const axis of docs(snap, 'axis', locale)) {
      axis.name = inject(axis.name, poison);
      axis.description = inject(axis.description, poison, 'About');
    }
    const settings = settingsOf(snap, locale);
    for (const field of ['siteName', 'communityName', 'description', 'footer']) settings[field] = inject(settings[field], poison);
    const chair = settings.chairCity;
    if (chair && typeof chair === 'object' && !Array.isArray(chair)) chair.name = inject(chair.name, poison);
  }
  return snap;
};


/** Every text of a parsed calendar: each property's values, each parameter. */
const calendarTexts = (ics: string): string[] => {
  const texts: string[] = [];
  const visit = (component: ICAL.Component): void => {
    for (const property of component.getAllProperties()) {
      for (const value of property.getValues()) texts.push(String(value));
    }
    component.getAllSubcomponents().forEach(visit);
  };
  visit(new ICAL.Component(ICAL.parse(ics)));
  return texts;
};

const CALENDAR: Record<Locale, CalendarOptions> = {
  en: { siteUrl: SITE_URL, locale: 'en', calendarName: 'Events' },
  es: { siteUrl: SITE_URL, locale: 'es', calendarName: 'Eventos' },
};

describe('every character no output may hold, in every field, through normalise to every output', () => {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'forbidden-characters-'));
  let model: ContentModel;
  let files: string[];
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  beforeAll(async () => {
    model = normalise(poisoned(EVERY), { cmsUrl: CMS_URL });
    const feeds = await buildFeedViews(model, SITE_URL);
    const view = buildSiteView(model, NOW, feeds.feeds);
    await renderSite(model, view, outDir, SITE_URL);
    files = listFiles(outDir);
  }, 120_000);

  test('every document publishes, and every one is reported as having had them removed', () => {
    expect(model.issues.filter((issue) => issue.kind !== 'control-characters')).toEqual([]);
    const reported = new Set(model.issues.map((issue) => `${issue.type} ${issue.documentId} ${issue.locale}`));
    for (const doc of [...model.studies, ...model.events, ...model.articles, ...model.axes]) expect(reported).toContain(`${doc.type} ${doc.documentId} ${doc.locale}`);
    for (const locale of LOCALES) expect(reported).toContain(`site-setting ${String(settingsOf(FIXTURE, locale).documentId)} ${locale}`);
    expect([model.studies.length, model.events.length, model.articles.length, model.axes.length]).toEqual([4, 14, 2, 12]);
  });

  test('the build report counts them as warnings, and the report page lists them in a section of their own', () => {
    const split = splitIssues(model.issues);
    expect(split.leftOut).toEqual([]);
    expect(split.warnings).toEqual(model.issues);
    const report: BuildReport = {
      status: 'ok', startedAt: NOW.toISOString(), finishedAt: NOW.toISOString(), durationMs: 1000, cmsUrl: CMS_URL, siteUrl: SITE_URL, outDir, release: 'r1', requests: 16,
      counts: {}, pages: 0, files: 0, media: { downloaded: 0, reused: 0, encoded: 0, reusedVariants: 0 }, pdfs: { generated: 0, reused: 0, renderMs: [] }, changed: null, stages: {}, error: null, ...split,
    };
    const page = renderReportPage(report);
    const section = /<section><h2>Invisible control characters removed from text \((\d+)\)<\/h2>(.*?)<\/section>/.exec(page);
    expect(section?.[1]).toBe(String(model.issues.length));
    expect(section?.[2]).toContain(`study ${model.studies[0]?.documentId}`);
    expect(page).toContain('<h2>Other warnings (0)</h2>');
    expect(leftOver(page)).toBeNull();
  });

  test('nothing of them is left in the content model', () => {
    const text = JSON.stringify({ ...model, translations: [...model.translations], media: [...model.media] });
    // JSON.stringify writes controls and lone surrogates as \u escapes; the rest stand as they are.
    expect(text).not.toMatch(/\\u00(0[0-8bcef]|1[0-9a-f])|\\ud[89a-f][0-9a-f]{2}/i);
    expect(leftOver(text)).toBeNull();
  });

  test('the site has its feeds, sitemap, calendars and pages', () => {
    for (const locale of LOCALES) {
      for (const base of [`/${locale}/`, sectionPath(locale, 'studies'), sectionPath(locale, 'news'), sectionPath(locale, 'events')].map((url) => url.slice(1))) {
        for (const feed of ['feed.xml', 'atom.xml', 'feed.json']) expect(files).toContain(`${base}${feed}`);
      }
      expect(files).toContain(`${locale}/events.ics`);
    }
    expect(files).toContain('sitemap.xml');
    expect(files.filter((file) => file.endsWith('/event.ics'))).toHaveLength(12);
    expect(files.filter((file) => file.endsWith('.html')).length).toBeGreaterThan(40);
  });

  test('RSS, Atom and the sitemap are well-formed XML 1.0', () => {
    const xml = files.filter((file) => file.endsWith('.xml'));
    expect(xml.length).toBe(2 * 4 * 2 + 1);
    expect(xml.map((file) => [file, xmlError(readFileSync(path.join(outDir, file), 'utf8'))])).toEqual(xml.map((file) => [file, null]));
  });

  test('each JSON Feed parses, and its texts hold none of the characters', () => {
    for (const file of files.filter((f) => f.endsWith('.json'))) {
      const text = readFileSync(path.join(outDir, file), 'utf8');
      const feed = JSON.parse(text) as { title: string; items: { title: string; summary: string; content_html: string }[] };
      expect(feed.items.length).toBeGreaterThan(0);
      for (const value of [feed.title, ...feed.items.flatMap((item) => [item.title, item.summary, item.content_html])]) expect([file, leftOver(value)]).toEqual([file, null]);
      expect([file, text.match(/\\u00(0[0-8bcef]|1[0-9a-f])|\\ud[89a-f]/i)]).toEqual([file, null]);
    }
  });

  test('every calendar parses with ical.js, and no value holds any of the characters', () => {
    const calendars = files.filter((file) => file.endsWith('.ics'));
    expect(calendars).toHaveLength(14);
    // The place of an event (its venue, city and country) went through too, cleaned.
    const venueCalendar = calendars.filter((file) => file.includes('smart-buildings-show'));
    expect(venueCalendar.length).toBeGreaterThan(0);
    for (const file of venueCalendar) expect(calendarTexts(readFileSync(path.join(outDir, file), 'utf8'))).toContainEqual(expect.stringMatching(/^ExCe +L London, [^,]+, [^,]+$/));
    for (const file of calendars) {
      const ics = readFileSync(path.join(outDir, file), 'utf8');
      const texts = calendarTexts(ics);
      expect([file, new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').length > 0]).toEqual([file, true]);
      for (const text of texts) expect([file, leftOver(text)]).toEqual([file, null]);
      expect([file, leftOver(ics)]).toEqual([file, null]);
    }
  });

  test('no file of the site holds any of them: pages, feeds, calendars', () => {
    for (const file of files.filter((f) => /\.(html|xml|json|ics)$/.test(f))) {
      expect([file, leftOver(readFileSync(path.join(outDir, file), 'utf8'))]).toEqual([file, null]);
    }
  });

  test('the summary PDFs: metadata, XMP and text hold none of them', async () => {
    for (const study of model.studies) {
      const settings = model.settings[study.locale];
      if (!settings) throw new Error(`no site settings in ${study.locale}`);
      const read = await readPdf(await renderStudySummary({ study, settings, siteUrl: SITE_URL, coverImage: null, pageUrl: `${SITE_URL}${study.url}` }));
      const { info } = (await read.pdf.getMetadata()) as unknown as { info: Record<string, unknown> };
      expect(info.Title).toBe(study.title);
      for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator']) expect([study.url, key, leftOver(String(info[key] ?? ''))]).toEqual([study.url, key, null]);
      // The XMP packet is XML, stored uncompressed: it must parse.
      const start = read.bytes.indexOf('<x:xmpmeta');
      const end = read.bytes.indexOf('</x:xmpmeta>');
      expect(start).toBeGreaterThan(0);
      expect([study.url, xmlError(read.bytes.subarray(start, end + '</x:xmpmeta>'.length).toString('utf8'))]).toEqual([study.url, null]);
      const text = allText(read);
      expect(text).toContain(study.title.slice(0, 4));
      expect([study.url, leftOver(text)]).toEqual([study.url, null]);
    }
  }, 60_000);
});

describe.each([...SINGLES, '\ud800', '\udc00'].map((char) => [name(char), char]))('%s alone, in every field', (_name, char) => {
  // A lone surrogate next to the surrogate-free text of the fixture stays lone.
  const model = normalise(poisoned(char), { cmsUrl: CMS_URL });

  test('normalise reports it for every document and keeps every document', () => {
    expect(model.issues.filter((issue) => issue.kind !== 'control-characters')).toEqual([]);
    expect(model.issues.length).toBe(model.studies.length + model.events.length + model.articles.length + model.axes.length + 2);
  });

  test('JSON Feed and the calendars parse, and hold none of it', async () => {
    const { feeds } = await buildFeedViews(model, SITE_URL);
    expect(feeds).toHaveLength(8);
    for (const feed of feeds) {
      const json = renderJsonFeed(feed);
      const parsed = JSON.parse(json) as { title: string; items: { title: string; content_html: string }[] };
      for (const value of [parsed.title, ...parsed.items.flatMap((item) => [item.title, item.content_html])]) expect(leftOver(value)).toBeNull();
    }
    for (const locale of LOCALES) {
      const events = model.events.filter((event) => event.locale === locale);
      const calendars = [renderCalendar(events, CALENDAR[locale]).ics, ...events.map((event) => renderEventFile(event, CALENDAR[locale]) ?? '').filter((ics) => ics !== '')];
      for (const ics of calendars) {
        for (const text of calendarTexts(ics)) expect(leftOver(text)).toBeNull();
        expect(leftOver(ics)).toBeNull();
      }
    }
  });
});
