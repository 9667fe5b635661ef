// Control characters pasted into the CMS (a vertical tab from Word, an escape sequence, C1
// controls from a mis-decoded copy, U+FFFE/U+FFFF) in a study, an event and an article
// published through the admin as an editor would, then a real build: the build publishes,
// every file it wrote parses with a strict reader (saxes for XML 1.0, ical.js for calendars,
// JSON.parse for JSON Feed, pdfjs for the PDFs) and holds none of the characters, the pages
// show the text with them taken out, and the report names each document, locale and field.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { runBuild, type BuildOptions } from '../../scripts/pipeline.js';
import type { BuildReport } from '../../scripts/publish/report.js';
import { listFiles } from '../../scripts/lib/files.js';
import { renderReportPage } from '../../scripts/server/report-page.js';
import { loadCmsInstances, type CmsInstance } from '../support/cms-instances.js';
import { allText, readPdf } from '../support/pdf-read.js';
import { readPage, sectionPath } from '../support/site-files.js';
import { contentApi, documentIdOf, signInEditor, type Editor, type HttpResult } from '../support/strapi-http.js';
import { xmlError } from '../support/xml.js';

const SITE_URL = 'https://cities.example.org';
const NOW = new Date('2026-11-27T12:00:00Z');
const cm = (uid: string) => `/content-manager/collection-types/${uid}`;
const LOCALES = ['en', 'es'] as const;
type Locale = (typeof LOCALES)[number];

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const name = (char: string): string => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * What both databases store as sent: every C0 control but NUL, TAB, LF and CR; DEL; C1
 * controls (NEL and the two Windows-1252 quotes among them); U+FFFE and U+FFFF.
 */
const STORED_EVERYWHERE = [...range(0x01, 0x08), 0x0b, 0x0c, ...range(0x0e, 0x1f), 0x7f, 0x80, 0x85, 0x93, 0x94, 0x9f, 0xfffe, 0xffff].map((code) => String.fromCharCode(code));
/**
 * PostgreSQL's text and jsonb cannot hold U+0000 at all, and its jsonb refuses a lone
 * surrogate: the CMS could never hand them to a build from PostgreSQL. SQLite keeps U+0000,
 * and lone surrogates in rich text (stored as JSON text); on SQLite they go in too. The
 * surrogates are kept apart by a control so that removing it cannot make them a pair.
 */
const SQLITE_ONLY = { text: '\u0000', blocks: '\u0000\ud800\u0001\udc00' };

/**
 * Any of the characters, independent of the code under test. (A lone surrogate written to a
 * file becomes U+FFFD, which content may hold too: the exact texts checked below catch that.)
 */
const LEFT_OVER = new RegExp(`[\\u0000${STORED_EVERYWHERE.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]`);
const leftOver = (text: string): string | null => {
  const match = LEFT_OVER.exec(text);
  return match ? `${name(match[0])} in ${JSON.stringify(text.slice(Math.max(0, match.index - 40), match.index + 40))}` : null;
};

/**
 * What the site should show of a text as the CMS stored it: vertical tab, form feed and NEL as
 * a space, every other control, U+FFFE, U+FFFF and lone surrogates gone. Worked out from what
 * the CMS answers, not from what was sent: a database may have turned a lone surrogate into
 * U+FFFD already, which is text like any other.
 */
const REMOVED = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const cleanedFrom = (stored: string): string => stored.replace(REMOVED, '').replace(/[\u000b\u000c\u0085]/g, ' ');


/** Every value of every property of a calendar, as ical.js reads them. */
const calendarTexts = (ics: string): { events: number; texts: string[] } => {
  const texts: string[] = [];
  const root = new ICAL.Component(ICAL.parse(ics));
  const visit = (component: ICAL.Component): void => {
    for (const property of component.getAllProperties()) for (const value of property.getValues()) texts.push(String(value));
    component.getAllSubcomponents().forEach(visit);
  };
  visit(root);
  return { events: root.getAllSubcomponents('vevent').length, texts };
};

describe.each(loadCmsInstances())('control characters from the CMS on $database', (cms: CmsInstance) => {
  const stamp = `${Date.now()}-${randomBytes(3).toString('hex')}`;
  const sqlite = cms.database === 'sqlite';
  const POISON = STORED_EVERYWHERE.join('');
  const TEXT_POISON = POISON + (sqlite ? SQLITE_ONLY.text : '');
  const BLOCKS_POISON = POISON + (sqlite ? SQLITE_ONLY.blocks : '');
  /** The words with the characters inside the first one, where they split it. */
  const dirty = (words: string, poison = TEXT_POISON): string => `${words.slice(0, 3)}${poison}${words.slice(3)}`;
  const richText = (words: string, linkText: string) => [
    { type: 'paragraph', children: [{ type: 'text', text: dirty(words, BLOCKS_POISON) }] },
    { type: 'paragraph', children: [{ type: 'text', text: 'See ' }, { type: 'link', url: `https://example.org/rep${POISON}ort`, children: [{ type: 'text', text: dirty(linkText, BLOCKS_POISON) }] }] },
  ];

  const words = {
    en: { study: 'Pasted study', theme: 'Pasted theme', summary: 'Pasted summary', goal: 'Pasted objective', alt: 'Pasted cover', event: 'Pasted event', venue: 'Pasted venue', description: 'Pasted description', highlight: 'Pasted highlight', article: 'Pasted news', excerpt: 'Pasted excerpt', body: 'Pasted body', link: 'the report' },
    es: { study: 'Estudio pegado', theme: 'Tema pegado', summary: 'Resumen pegado', goal: 'Objetivo pegado', alt: 'Portada pegada', event: 'Evento pegado', venue: 'Sede pegada', description: 'Descripción pegada', highlight: 'Destacado pegado', article: 'Noticia pegada', excerpt: 'Extracto pegado', body: 'Cuerpo pegado', link: 'el informe' },
  };
  const slugs = {
    study: { en: `pasted-study-${stamp}`, es: `estudio-pegado-${stamp}` },
    event: { en: `pasted-event-${stamp}`, es: `evento-pegado-${stamp}` },
    article: { en: `pasted-news-${stamp}`, es: `noticia-pegada-${stamp}` },
  };

  const study = (locale: Locale) => ({
    title: dirty(words[locale].study),
    slug: slugs.study[locale],
    edition: 95,
    year: 2095,
    publicationDate: '2026-11-26',
    theme: dirty(words[locale].theme),
    summary: richText(words[locale].summary, words[locale].link),
    objectives: [{ text: dirty(words[locale].goal) }],
    coverAlt: dirty(words[locale].alt),
  });
  const event = (locale: Locale) => ({
    title: dirty(words[locale].event),
    slug: slugs.event[locale],
    kind: 'conference',
    startDate: '2026-12-03',
    startTime: '10:00:00.000',
    endTime: '12:30:00.000',
    timeZone: 'Europe/Madrid',
    format: 'hybrid',
    venue: dirty(words[locale].venue),
    description: richText(words[locale].description, words[locale].link),
    highlights: [{ text: dirty(words[locale].highlight) }],
  });
  const article = (locale: Locale, studyId: string, eventId: string) => ({
    title: dirty(words[locale].article),
    slug: slugs.article[locale],
    date: '2026-11-26',
    excerpt: dirty(words[locale].excerpt),
    body: richText(words[locale].body, words[locale].link),
    // Relations: the article shows the study's and the event's (dirty) titles.
    studies: { connect: [{ documentId: studyId, locale }] },
    events: { connect: [{ documentId: eventId, locale }] },
  });

  const outDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'site-control-characters-')), 'dist');
  const options: BuildOptions = { strapiUrl: cms.url, strapiToken: cms.buildToken, outDir, siteUrl: SITE_URL, now: NOW, cacheDir: path.join(path.dirname(outDir), 'cache') };
  let editor: Editor;
  const ids = { study: '', event: '', article: '' };
  const created: [uid: string, documentId: string][] = [];
  let report: BuildReport;
  let files: string[];
  /** Each document in each language as the content API answers it (what the build reads). */
  const stored: Record<'study' | 'event' | 'article', Partial<Record<Locale, Record<string, unknown>>>> = { study: {}, event: {}, article: {} };
  const field = (type: keyof typeof stored, locale: Locale, name: string): string => String(stored[type][locale]?.[name]);
  /** The text of the first paragraph of a rich text field. */
  const firstParagraph = (type: keyof typeof stored, locale: Locale, name: string): string =>
    String((stored[type][locale]?.[name] as { children: { text?: string }[] }[] | undefined)?.[0]?.children[0]?.text);

  const publish = async (uid: string, make: (locale: Locale) => Record<string, unknown>): Promise<string> => {
    const first: HttpResult = await editor.send('POST', `${cm(uid)}/actions/publish?locale=en`, make('en'));
    const documentId = documentIdOf(first);
    created.push([uid, documentId]);
    const es = await editor.send('POST', `${cm(uid)}/${documentId}/actions/publish?locale=es`, make('es'));
    if (es.status !== 200) throw new Error(`publishing the Spanish ${uid} gave ${es.status}: ${es.text.slice(0, 300)}`);
    return documentId;
  };

  beforeAll(async () => {
    editor = await signInEditor(cms);
    ids.study = await publish('api::study.study', study);
    ids.event = await publish('api::event.event', event);
    ids.article = await publish('api::article.article', (locale) => article(locale, ids.study, ids.event));
    for (const [type, plural] of [['study', 'studies'], ['event', 'events'], ['article', 'articles']] as const) {
      for (const locale of LOCALES) {
        const answer = await contentApi(cms, `${plural}/${ids[type]}?locale=${locale}`, cms.buildToken);
        if (answer.status !== 200) throw new Error(`reading the ${locale} ${type} back gave ${answer.status}: ${answer.text.slice(0, 300)}`);
        stored[type][locale] = (answer.json as { data: Record<string, unknown> }).data;
      }
    }
    report = await runBuild(options);
    files = report.status === 'ok' ? listFiles(outDir) : [];
  }, 180_000);

  afterAll(async () => {
    for (const [uid, documentId] of created.reverse()) await editor.send('DELETE', `${cm(uid)}/${documentId}?locale=*`);
  });

  test('the CMS kept every character as the editor pasted it (or this test would prove nothing)', () => {
    for (const locale of LOCALES) {
      for (const [type, key] of [['study', 'title'], ['study', 'theme'], ['event', 'venue'], ['article', 'excerpt']] as const) {
        const text = field(type, locale, key);
        expect([type, key, locale, STORED_EVERYWHERE.filter((char) => !text.includes(char)).map(name)]).toEqual([type, key, locale, []]);
      }
      const paragraph = firstParagraph('study', locale, 'summary');
      expect([locale, STORED_EVERYWHERE.filter((char) => !paragraph.includes(char)).length]).toEqual([locale, 0]);
    }
  });

  test('the build publishes: verification parsed every feed, sitemap and calendar strictly', () => {
    expect([report.status, report.error?.message ?? null]).toEqual(['ok', null]);
    expect(report.leftOut.filter((issue) => Object.values(ids).includes(issue.documentId))).toEqual([]);
    expect(files.length).toBeGreaterThan(0);
  });

  test('every XML file of the build is well-formed XML 1.0, and holds none of the characters', () => {
    const xml = files.filter((file) => file.endsWith('.xml'));
    expect(xml).toEqual(expect.arrayContaining(['sitemap.xml', 'en/feed.xml', 'es/atom.xml', 'en/studies/feed.xml', 'es/eventos/atom.xml', 'en/news/feed.xml']));
    for (const file of xml) {
      const text = readFileSync(path.join(outDir, file), 'utf8');
      expect([file, xmlError(text), leftOver(text)]).toEqual([file, null, null]);
    }
    // The pasted study is in its feed, with its title cleaned.
    const rss = readFileSync(path.join(outDir, 'en/studies/feed.xml'), 'utf8');
    expect(rss).toContain(`<title>${cleanedFrom(field('study', 'en', 'title'))}</title>`);
    expect(cleanedFrom(field('study', 'en', 'title'))).toBe('Pas   ted study');
  });

  test('every JSON Feed parses, and no text in it holds any of the characters', () => {
    const feeds = files.filter((file) => file.endsWith('feed.json'));
    expect(feeds).toHaveLength(8);
    for (const file of feeds) {
      const feed = JSON.parse(readFileSync(path.join(outDir, file), 'utf8')) as { title: string; items: { title: string; summary?: string; content_html: string }[] };
      for (const value of [feed.title, ...feed.items.flatMap((item) => [item.title, item.summary ?? '', item.content_html])]) expect([file, leftOver(value)]).toEqual([file, null]);
    }
    const news = JSON.parse(readFileSync(path.join(outDir, 'es/noticias/feed.json'), 'utf8')) as { items: { title: string }[] };
    expect(news.items.map((item) => item.title)).toContain(cleanedFrom(field('article', 'es', 'title')));
  });

  test('every calendar parses with ical.js, and no value holds any of the characters', () => {
    const calendars = files.filter((file) => file.endsWith('.ics'));
    expect(calendars).toEqual(expect.arrayContaining(['en/events.ics', 'es/events.ics', `en/events/${slugs.event.en}/event.ics`, `es/eventos/${slugs.event.es}/event.ics`]));
    for (const file of calendars) {
      const ics = readFileSync(path.join(outDir, file), 'utf8');
      const { events, texts } = calendarTexts(ics);
      expect([file, events > 0, leftOver(ics)]).toEqual([file, true, null]);
      for (const text of texts) expect([file, leftOver(text)]).toEqual([file, null]);
    }
    for (const locale of LOCALES) {
      const { texts } = calendarTexts(readFileSync(path.join(outDir, `${sectionPath(locale, 'events').slice(1)}${slugs.event[locale]}/event.ics`), 'utf8'));
      expect(texts).toContain(cleanedFrom(field('event', locale, 'title')));
      expect(texts.some((text) => text.startsWith(cleanedFrom(field('event', locale, 'venue'))))).toBe(true);
    }
  });

  test('no page holds any of them, and the pages show the text with them taken out', () => {
    for (const file of files.filter((f) => f.endsWith('.html'))) expect([file, leftOver(readFileSync(path.join(outDir, file), 'utf8'))]).toEqual([file, null]);
    for (const locale of LOCALES) {
      const studyPage = readPage(outDir, `${sectionPath(locale, 'studies')}${slugs.study[locale]}/`);
      expect(studyPage.h1).toBe(cleanedFrom(field('study', locale, 'title')));
      expect(studyPage.html).toContain(cleanedFrom(firstParagraph('study', locale, 'summary')));
      expect(studyPage.html).toContain('href="https://example.org/report"');
      const eventPage = readPage(outDir, `${sectionPath(locale, 'events')}${slugs.event[locale]}/`);
      expect(eventPage.h1).toBe(cleanedFrom(field('event', locale, 'title')));
      expect(eventPage.html).toContain(cleanedFrom(field('event', locale, 'venue')));
      expect(eventPage.html).toContain(cleanedFrom(firstParagraph('event', locale, 'description')));
      const articlePage = readPage(outDir, `${sectionPath(locale, 'news')}${slugs.article[locale]}/`);
      expect(articlePage.h1).toBe(cleanedFrom(field('article', locale, 'title')));
      expect(articlePage.html).toContain(cleanedFrom(firstParagraph('article', locale, 'body')));
      // The related study, named by its (cleaned) title.
      expect(articlePage.html).toContain(cleanedFrom(field('study', locale, 'title')));
    }
  });

  test('the summary PDFs: metadata, XMP and text hold none of them', async () => {
    for (const locale of LOCALES) {
      const file = files.find((f) => f.startsWith(`${sectionPath(locale, 'studies').slice(1)}${slugs.study[locale]}/`) && f.endsWith('.pdf'));
      expect([locale, file !== undefined]).toEqual([locale, true]);
      const bytes = readFileSync(path.join(outDir, file as string));
      const read = await readPdf(bytes);
      const { info } = (await read.pdf.getMetadata()) as unknown as { info: Record<string, unknown> };
      expect(info.Title).toBe(cleanedFrom(field('study', locale, 'title')));
      for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator']) expect([key, leftOver(String(info[key] ?? ''))]).toEqual([key, null]);
      const start = bytes.indexOf('<x:xmpmeta');
      const end = bytes.indexOf('</x:xmpmeta>');
      expect(start).toBeGreaterThan(0);
      expect(xmlError(bytes.subarray(start, end + '</x:xmpmeta>'.length).toString('utf8'))).toBeNull();
      expect(leftOver(allText(read))).toBeNull();
    }
  });

  test('the report warns about each document and locale, naming the fields, and the report page lists them', () => {
    const warnings = report.warnings.filter((issue) => issue.kind === 'control-characters' && Object.values(ids).includes(issue.documentId));
    const fieldsOf = (type: string, documentId: string, locale: Locale): string[] => (warnings.find((w) => w.type === type && w.documentId === documentId && w.locale === locale)?.field ?? '').split(', ');
    for (const locale of LOCALES) {
      expect(fieldsOf('study', ids.study, locale)).toEqual(expect.arrayContaining(['title', 'theme', 'summary.0.children.0.text', 'summary.1.children.1.url', 'summary.1.children.1.children.0.text', 'objectives.0.text', 'coverAlt']));
      expect(fieldsOf('event', ids.event, locale)).toEqual(expect.arrayContaining(['title', 'venue', 'description.0.children.0.text', 'highlights.0.text']));
      expect(fieldsOf('article', ids.article, locale)).toEqual(expect.arrayContaining(['title', 'excerpt', 'body.0.children.0.text', 'studies.0.title', 'events.0.title']));
    }
    expect(warnings).toHaveLength(6);
    for (const warning of warnings) {
      expect(warning.message).toContain(`${warning.type} ${warning.documentId} (${warning.locale})`);
      expect(warning.message).toContain('U+000B');
      expect(warning.message).toMatch(/were removed/);
      expect(leftOver(warning.message)).toBeNull();
    }
    const page = renderReportPage(report);
    expect(page).toContain('Invisible control characters removed from text');
    for (const warning of warnings) expect(page).toContain(warning.message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`));
  });
});
