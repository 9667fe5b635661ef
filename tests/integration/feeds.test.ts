// Feeds of both locales, read back with a maintained feed parser the way a reader's app
// would, from a build of the real CMS.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { DomUtils, parseDocument } from 'htmlparser2';
import { runBuild, type BuildOptions } from '../../scripts/pipeline.js';
import { feedItemId } from '../../scripts/render/feeds.js';
import { eventUid } from '../../scripts/render/ical.js';
import ICAL from 'ical.js';
import { loadCmsInstances } from '../support/cms-instances.js';
import { readPage, sectionPath } from '../support/site-files.js';
import { contentApi, documentIdOf, signInEditor, type Editor } from '../support/strapi-http.js';

const SITE_URL = 'https://cities.example.org';
const cm = (uid: string) => `/content-manager/collection-types/${uid}`;
const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];
const read = (outDir: string, file: string) => readFileSync(path.join(outDir, file), 'utf8');

/** The three formats of one feed, parsed, as (id, title, link, content) rows. */
const parseAll = (outDir: string, base: string) => {
  const rss = parseRssFeed(read(outDir, `${base}feed.xml`));
  const atom = parseAtomFeed(read(outDir, `${base}atom.xml`));
  const json = parseJsonFeed(JSON.parse(read(outDir, `${base}feed.json`)));
  return {
    rss,
    atom,
    json,
    rows: {
      rss: (rss.items ?? []).map((i) => ({ id: i.guid?.value, title: i.title, link: i.link, content: i.description ?? '' })),
      atom: (atom.entries ?? []).map((e) => ({ id: e.id, title: typeof e.title === 'string' ? e.title : (e.title as { value?: string } | undefined)?.value, link: e.links?.find((l) => l.rel === 'alternate')?.href, content: e.content?.value ?? '' })),
      json: (json.items ?? []).map((i) => ({ id: i.id, title: i.title, link: i.url, content: i.content_html ?? '' })),
    },
  };
};

/** Each feed (its section, or null for everything) and how many items it has. */
const FEEDS: ['studies' | 'news' | 'events' | null, number][] = [
  [null, 9], // 2 studies, 1 news item and the 6 events that have a date
  ['studies', 2],
  ['news', 1],
  ['events', 6],
];
/** The folder of a feed's three files, as a path in the output: en/, es/noticias/ … */
const feedBase = (locale: 'en' | 'es', section: (typeof FEEDS)[number][0]): string => (section ? sectionPath(locale, section) : `/${locale}/`).slice(1);

describe.each(loadCmsInstances())('feeds from the CMS on $database', (cms) => {
  const outDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'site-feeds-')), 'dist');
  const options: BuildOptions = { strapiUrl: cms.url, strapiToken: cms.buildToken, outDir, siteUrl: SITE_URL, now: new Date('2026-11-27T12:00:00Z'), cacheDir: path.join(path.dirname(outDir), 'cache') };
  const build = async () => {
    const report = await runBuild(options);
    if (report.status !== 'ok') throw new Error(`build failed: ${report.error?.message}`);
    return report;
  };

  beforeAll(build);

  test.each((['en', 'es'] as const).flatMap((locale) => FEEDS.map(([section, count]) => [feedBase(locale, section), locale, count] as const)))(
    '/%sfeed.xml, atom.xml and feed.json parse, in their language (%s), with %i items',
    (base, locale, count) => {
      const { rss, atom, json, rows } = parseAll(outDir, base);
      expect(rss.language).toBe(locale);
      expect(json.language).toBe(locale);
      expect(read(outDir, `${base}atom.xml`)).toContain(`xml:lang="${locale}"`);
      for (const format of ['rss', 'atom', 'json'] as const) {
        expect([format, rows[format].length]).toEqual([format, count]);
        const ids = rows[format].map((row) => row.id);
        expect(new Set(ids).size).toBe(count);
        for (const row of rows[format]) {
          expect(row.link?.startsWith(`${SITE_URL}/${locale}/`)).toBe(true);
          // Relative URLs inside the content would break in a feed reader.
          for (const match of row.content.matchAll(/(?:href|src)="([^"]*)"/g)) expect(match[1]).toMatch(/^(https?:|mailto:)/);
        }
      }
      // The three formats describe the same items, in the same order, with the same ids.
      expect(rows.atom.map((r) => r.id)).toEqual(rows.rss.map((r) => r.id));
      expect(rows.json.map((r) => r.id)).toEqual(rows.rss.map((r) => r.id));
      // Self links.
      expect(rss.atom?.links?.[0]?.href).toBe(`${SITE_URL}/${base}feed.xml`);
      expect(atom.links?.find((l) => l.rel === 'self')?.href).toBe(`${SITE_URL}/${base}atom.xml`);
      expect(json.feed_url).toBe(`${SITE_URL}/${base}feed.json`);
    },
  );

  test('Atom feeds carry every element RFC 4287 requires', () => {
    for (const locale of ['en', 'es']) {
      const doc = parseDocument(read(outDir, `${locale}/atom.xml`), { xmlMode: true });
      const feed = DomUtils.findOne((el) => el.name === 'feed', doc.children)!;
      const childNames = (el: typeof feed) => el.children.filter((c) => c.type === 'tag').map((c) => (c as typeof feed).name);
      expect(childNames(feed)).toEqual(expect.arrayContaining(['id', 'title', 'updated', 'author', 'link']));
      for (const entry of DomUtils.getElementsByTagName('entry', feed.children)) {
        expect(childNames(entry)).toEqual(expect.arrayContaining(['id', 'title', 'updated', 'link', 'published', 'content']));
        for (const stamp of ['updated', 'published']) {
          const value = DomUtils.textContent(DomUtils.getElementsByTagName(stamp, entry.children)[0]!);
          expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
        }
      }
    }
  });

  test('RSS dates are RFC 822 and never impossible', () => {
    const rss = read(outDir, 'es/feed.xml');
    const dates = [...rss.matchAll(/<pubDate>([^<]+)<\/pubDate>/g)].map((m) => m[1]!);
    expect(dates.length).toBe(9);
    for (const date of dates) {
      expect(date).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/);
      expect(Number.isNaN(Date.parse(date))).toBe(false);
    }
  });

  test('every page advertises its locale feeds and shows a Subscribe link', () => {
    const page = readPage(outDir, '/es/estudios/');
    const advertised: [string, string][] = [['application/rss+xml', '/es/feed.xml'], ['application/atom+xml', '/es/atom.xml'], ['application/feed+json', '/es/feed.json'], ['application/rss+xml', '/es/estudios/feed.xml']];
    for (const [type, href] of advertised) {
      expect(page.html).toMatch(new RegExp(`<link rel="alternate" type="${type.replace('+', '\\+')}" title="[^"]+" href="${href}">`));
    }
    expect(page.html).toMatch(/Suscríbete:[\s\S]*<a href="\/es\/feed.xml">/);
  });

  test.each(['en', 'es'] as const)('the %s calendar parses: every dated event, stable UIDs, dates in their own zone', async (locale) => {
    const calendar = new ICAL.Component(ICAL.parse(read(outDir, `${locale}/events.ics`)));
    const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
    expect(events).toHaveLength(6);
    const api = await contentApi(cms, `events?locale=${locale}&fields[0]=title&fields[1]=slug&fields[2]=startDate&pagination[pageSize]=100`, cms.buildToken);
    const published = (api.json as { data: { documentId: string; title: string; slug: string; startDate: string | null }[] }).data;
    const dated = published.filter((event) => event.startDate);
    expect(events.map((event) => event.uid).sort()).toEqual(dated.map((event) => eventUid({ documentId: event.documentId, locale })).sort());
    const expo = events.find((event) => event.summary.startsWith('Smart City Expo'))!;
    expect(expo.startDate.isDate).toBe(true);
    expect(expo.startDate.toString()).toBe('2023-11-07');
    expect(expo.endDate.toString()).toBe('2023-11-10');
    // Each event page offers its own calendar file with the same UID.
    for (const event of dated) {
      const single = new ICAL.Component(ICAL.parse(read(outDir, `${sectionPath(locale, 'events').slice(1)}${event.slug}/event.ics`)));
      expect(single.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).uid)).toEqual([eventUid({ documentId: event.documentId, locale })]);
      expect(readPage(outDir, `${sectionPath(locale, 'events')}${event.slug}/`).html).toContain(`href="${sectionPath(locale, 'events')}${event.slug}/event.ics"`);
    }
  });

  test('each study offers its summary PDF as an enclosure of its exact size, in all three formats', () => {
    for (const locale of ['en', 'es'] as const) {
      const { rss, atom, json } = parseAll(outDir, `${sectionPath(locale, 'studies').slice(1)}`);
      expect(rss.items).toHaveLength(2);
      for (const [i, item] of (rss.items ?? []).entries()) {
        const enclosure = item.enclosures?.[0] ?? (item as { enclosure?: { url: string; length: number; type: string } }).enclosure;
        expect(enclosure?.type).toBe('application/pdf');
        const sitePath = new URL(String(enclosure?.url)).pathname;
        const bytes = readFileSync(path.join(outDir, sitePath));
        expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
        expect(Number(enclosure!.length)).toBe(bytes.length);
        const atomLink = atom.entries?.[i]?.links?.find((l) => l.rel === 'enclosure');
        expect([atomLink?.href, Number(atomLink?.length)]).toEqual([enclosure!.url, bytes.length]);
        expect(json.items?.[i]?.attachments?.[0]).toMatchObject({ url: enclosure!.url, mime_type: 'application/pdf', size_in_bytes: bytes.length });
      }
    }
  });

  describe('after editors change content', () => {
    let editor: Editor;
    const created: string[] = [];
    beforeAll(async () => {
      editor = await signInEditor(cms);
    });
    afterAll(async () => {
      for (const documentId of created) await editor.send('DELETE', `${cm('api::article.article')}/${documentId}?locale=*`);
    });

    test('ids survive a title and slug edit; accents, & and <script> come through as text', async () => {
      const hostile = 'Niños & ciudades: <script>alert(1)</script> año';
      const documentId = documentIdOf(
        await editor.send('POST', `${cm('api::article.article')}/actions/publish?locale=es`, {
          title: 'Niños & ciudades: ñandú', slug: `ninos-ciudades-${Date.now()}`, date: '2026-11-20', body: paragraph(hostile),
        }),
      );
      created.push(documentId);
      await build();
      const before = parseAll(outDir, 'es/noticias/').rows;
      const item = before.rss.find((row) => row.id === feedItemId(documentId, 'es'));
      expect(item?.title).toBe('Niños & ciudades: ñandú');
      for (const format of ['rss', 'atom', 'json'] as const) {
        const row = before[format].find((r) => r.id === feedItemId(documentId, 'es'))!;
        expect(row.title).toBe('Niños & ciudades: ñandú');
        expect(row.content).toContain('Niños &amp; ciudades: &lt;script&gt;alert(1)&lt;/script&gt; año');
        expect(row.content).not.toContain('<script');
      }

      const newSlug = `ciudades-renombradas-${Date.now()}`;
      const edit = await editor.send('POST', `${cm('api::article.article')}/${documentId}/actions/publish?locale=es`, { title: 'Título nuevo', slug: newSlug, date: '2026-11-20', body: paragraph('Texto nuevo') });
      expect(edit.status).toBe(200);
      await build();
      const after = parseAll(outDir, 'es/noticias/').rows;
      const edited = after.rss.find((row) => row.id === feedItemId(documentId, 'es'));
      expect(edited).toMatchObject({ title: 'Título nuevo', link: `${SITE_URL}/es/noticias/${newSlug}/` });
      expect(after.rss).toHaveLength(before.rss.length);
      const published = await contentApi(cms, `articles/${documentId}?locale=es`, cms.buildToken);
      expect(published.status).toBe(200);
    });
  });
});
