// verifySite on tiny hand-made sites in a temp dir: a good pair of translated pages passes
// and its links are counted; each single fault (a broken link, a non-reciprocal alternate, a
// missing image, a sitemap entry to nowhere) fails with a message naming the page and link.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VerificationError } from '../../scripts/errors.js';
import { verifySite } from '../../scripts/publish/verify.js';

const SITE_URL = 'https://cities.example.org';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'verify-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const write = (file: string, content: string | Buffer): void => {
  const full = path.join(dir, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
};

interface PageSpec {
  lang: string;
  alternates: Record<string, string>;
  body?: string;
}

const html = ({ lang, alternates, body = '' }: PageSpec): string =>
  [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head><meta charset="utf-8"><title>t</title>',
    ...Object.entries(alternates).map(([hreflang, href]) => `<link rel="alternate" hreflang="${hreflang}" href="${href}">`),
    '</head>',
    `<body>${body}</body>`,
    '</html>',
  ].join('\n');

const EN_ALTERNATES = { en: '/en/a/', es: '/es/a/', 'x-default': '/en/a/' };
const ES_ALTERNATES = { en: '/en/a/', es: '/es/a/', 'x-default': '/en/a/' };

/** The good site: /en/a/ and /es/a/, each linking to the other; 4 internal links a page. */
const goodSite = (extra: { enBody?: string; esBody?: string } = {}): void => {
  write('en/a/index.html', html({ lang: 'en', alternates: EN_ALTERNATES, body: `<a href="/es/a/">Español</a>${extra.enBody ?? ''}` }));
  write('es/a/index.html', html({ lang: 'es', alternates: ES_ALTERNATES, body: `<a href="/en/a/">English</a>${extra.esBody ?? ''}` }));
};

const failureOf = (): VerificationError => {
  try {
    verifySite(dir, SITE_URL);
  } catch (error) {
    if (error instanceof VerificationError) return error;
    throw new Error(`expected a VerificationError, got ${String(error)}`);
  }
  throw new Error('verifySite passed, but it should have failed');
};

describe('verifySite: a good site', () => {
  test('passes and counts pages, files and internal links', () => {
    goodSite();
    // Per page: 3 <link rel=alternate> + 1 <a>.
    expect(verifySite(dir, SITE_URL)).toEqual({ files: 2, pages: 2, linksChecked: 8 });
  });

  test('a trailing slash on the site URL changes nothing', () => {
    goodSite({ enBody: `<a href="${SITE_URL}/es/a/">abs</a>` });
    expect(verifySite(dir, `${SITE_URL}/`)).toEqual({ files: 2, pages: 2, linksChecked: 9 });
  });

  test('query strings and fragments on internal links are ignored for the file lookup', () => {
    goodSite({ enBody: '<a href="/es/a/?utm=x">q</a><a href="/es/a/#top">f</a>', esBody: '<h2 id="top">Top</h2>' });
    expect(verifySite(dir, SITE_URL).linksChecked).toBe(10);
  });
});

describe('verifySite: faults', () => {
  test('(a) a link to a missing page names the page and the link', () => {
    goodSite({ enBody: '<a href="/en/missing/">gone</a>' });
    const error = failureOf();
    expect(error.message).toContain('/en/a/ links to /en/missing/, which is not in the site');
    expect(error.message).toContain('(1 problem)');
    expect(error.message).toContain('nothing was published');
  });

  test('(b) an alternate that is not reciprocal', () => {
    goodSite();
    // The es page forgets its en alternate; the en page still names the es one.
    write('es/a/index.html', html({ lang: 'es', alternates: { es: '/es/a/', 'x-default': '/en/a/' } }));
    const error = failureOf();
    expect(error.message).toContain('/en/a/ and its es version /es/a/ do not name each other (hreflang is not reciprocal)');
    expect(error.message).toMatch(/reciprocal/);
  });

  test('(b2) an alternate pointing at a page that names another translation', () => {
    goodSite();
    write('en/b/index.html', html({ lang: 'en', alternates: { en: '/en/b/', 'x-default': '/en/b/' } }));
    write('es/a/index.html', html({ lang: 'es', alternates: { en: '/en/b/', es: '/es/a/', 'x-default': '/en/b/' } }));
    const error = failureOf();
    expect(error.message).toContain('/en/a/ and its es version /es/a/ do not name each other (hreflang is not reciprocal)');
    expect(error.message).toContain('/es/a/ and its en version /en/b/ do not name each other (hreflang is not reciprocal)');
  });

  test('(b3) a page without x-default, without <html lang>, or not naming itself', () => {
    write('en/a/index.html', html({ lang: 'en', alternates: { en: '/en/a/' } }));
    write('es/a/index.html', '<!doctype html><html><head></head><body></body></html>');
    write('fr/a/index.html', html({ lang: 'fr', alternates: { fr: '/fr/other/', 'x-default': '/fr/a/' } }));
    const error = failureOf();
    expect(error.message).toContain('/en/a/ has no x-default alternate');
    expect(error.message).toContain('/es/a/ has no <html lang>');
    expect(error.message).toContain('/fr/a/ does not list itself as its fr alternate');
  });

  test('(c) an absolute link with the site URL to a missing page', () => {
    goodSite({ enBody: `<a href="${SITE_URL}/es/nowhere/">abs</a>` });
    const error = failureOf();
    expect(error.message).toContain(`/en/a/ links to ${SITE_URL}/es/nowhere/, which is not in the site`);
  });

  test('(d) external https links, mailto and other hosts are not checked; a fragment of the page is', () => {
    goodSite({
      enBody: [
        '<a href="https://example.com/not/here/">ext</a>',
        '<a href="http://example.com/">ext</a>',
        '<a href="mailto:chair@example.org">mail</a>',
        '<a href="#main">top</a><main id="main"></main>',
        '<a href="//cdn.example.com/x.js">proto-relative</a>',
        '<img src="https://images.example.com/x.png" alt="">',
      ].join(''),
    });
    expect(verifySite(dir, SITE_URL)).toEqual({ files: 2, pages: 2, linksChecked: 9 });
  });

  test('(e) an <img src> to a missing file fails; to an existing one it is counted', () => {
    goodSite({ enBody: '<img src="/media/cover.png" alt="cover">' });
    write('media/cover.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(verifySite(dir, SITE_URL)).toEqual({ files: 3, pages: 2, linksChecked: 9 });

    rmSync(path.join(dir, 'media/cover.png'));
    const error = failureOf();
    expect(error.message).toContain('/en/a/ links to /media/cover.png, which is not in the site');
  });

  test('(e2) every srcset candidate is checked', () => {
    write('media/a-400.webp', 'x');
    goodSite({ esBody: '<img src="/media/a-400.webp" srcset="/media/a-400.webp 400w, /media/a-800.webp 800w" alt="">' });
    const error = failureOf();
    expect(error.message).toContain('/es/a/ links to /media/a-800.webp, which is not in the site');
    expect(error.message).toContain('(1 problem)');
  });

  test('(f) a sitemap <loc> to a missing page fails; to existing pages it passes', () => {
    goodSite();
    const sitemap = (locs: string[]): string =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${locs
        .map((loc) => `  <url>\n    <loc>${loc}</loc>\n    <xhtml:link rel="alternate" hreflang="es" href="${SITE_URL}/es/a/"/>\n  </url>`)
        .join('\n')}\n</urlset>\n`;
    write('sitemap.xml', sitemap([`${SITE_URL}/en/a/`, `${SITE_URL}/es/a/`]));
    // 8 page links + 2 <loc> + 2 <xhtml:link>; the sitemap is a file, not a page.
    expect(verifySite(dir, SITE_URL)).toEqual({ files: 3, pages: 2, linksChecked: 12 });

    write('sitemap.xml', sitemap([`${SITE_URL}/en/a/`, `${SITE_URL}/es/gone/`]));
    const error = failureOf();
    expect(error.message).toContain(`/sitemap.xml links to ${SITE_URL}/es/gone/, which is not in the site`);
    expect(error.message).toContain('(1 problem)');
  });

  test('(f2) a <loc> wrapped in whitespace is still checked', () => {
    goodSite();
    write('sitemap.xml', `<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>\n  ${SITE_URL}/es/gone/\n</loc></url></urlset>`);
    const error = failureOf();
    expect(error.message).toContain(`${SITE_URL}/es/gone/`);
    expect(error.message).toContain('/sitemap.xml links to');
  });

  test('all problems are listed, at most 20, with a count of the rest', () => {
    goodSite({ enBody: Array.from({ length: 25 }, (_, i) => `<a href="/en/missing-${i}/">x</a>`).join('') });
    const error = failureOf();
    expect(error.message).toContain('(25 problems)');
    expect(error.message).toContain('/en/missing-19/');
    expect(error.message).not.toContain('/en/missing-20/');
    expect(error.message).toContain('… and 5 more');
  });

  // Editor content can carry such a link (blocks-html lets "/%E0%A4%A/" through as site-relative).
  test('a malformed percent-escape in a link fails as a VerificationError naming the link', () => {
    goodSite({ enBody: '<a href="/es/a/%E0%A4%A/">bad escape</a>' });
    let caught: unknown;
    try {
      verifySite(dir, SITE_URL);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(VerificationError);
    expect((caught as Error).message).toContain('/en/a/');
    expect((caught as Error).message).toContain('%E0%A4%A');
  });
});

describe('verifySite: anchors and feeds', () => {
  test('a #fragment must name an id on its target page, on the same page too', () => {
    goodSite({ enBody: '<a href="#main">skip</a><main id="main"></main><a href="/es/a/#resumen">r</a>', esBody: '<h2 id="resumen">R</h2>' });
    expect(verifySite(dir, SITE_URL).linksChecked).toBe(10);
    goodSite({ enBody: '<a href="#nowhere">skip</a>' });
    expect(failureOf().message).toContain('/en/a/ links to #nowhere, but /en/a/ has no element with id "nowhere"');
  });

  test('RSS links written as text, enclosures and the HTML inside items must resolve', () => {
    goodSite();
    write('en/feed.xml', `<?xml version="1.0"?><rss version="2.0"><channel><link>${SITE_URL}/en/a/</link><item><link>${SITE_URL}/en/a/</link><description>&lt;a href="${SITE_URL}/en/gone/"&gt;x&lt;/a&gt;</description><enclosure url="${SITE_URL}/en/a/x.pdf" length="1" type="application/pdf"/></item></channel></rss>`);
    const message = failureOf().message;
    expect(message).toContain(`/en/feed.xml links to ${SITE_URL}/en/gone/, which is not in the site`);
    expect(message).toContain(`/en/feed.xml links to ${SITE_URL}/en/a/x.pdf, which is not in the site`);
  });

  test('JSON Feed item URLs and attachments must resolve', () => {
    goodSite();
    write('es/feed.json', JSON.stringify({ home_page_url: `${SITE_URL}/es/a/`, feed_url: `${SITE_URL}/es/feed.json`, items: [{ url: `${SITE_URL}/es/b/`, content_html: '<p>x</p>', attachments: [{ url: `${SITE_URL}/es/a/` }] }] }));
    expect(failureOf().message).toContain(`/es/feed.json links to ${SITE_URL}/es/b/, which is not in the site`);
  });
});

describe('verifySite: every XML, JSON and iCalendar file parses, and no page holds a forbidden character', () => {
  const rss = (title: string): string =>
    `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n<title>Feed</title>\n<link>${SITE_URL}/en/a/</link>\n<atom:link href="${SITE_URL}/en/feed.xml" rel="self" type="application/rss+xml"/>\n<item>\n<title>${title}</title>\n<link>${SITE_URL}/en/a/</link>\n<description>&lt;p&gt;x&lt;/p&gt;</description>\n</item>\n</channel>\n</rss>\n`;
  const atom = (title: string): string =>
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n<title>${title}</title>\n<link href="${SITE_URL}/en/a/"/>\n<entry><title>${title}</title><link rel="alternate" href="${SITE_URL}/en/a/"/><content type="html">&lt;a href="${SITE_URL}/es/a/"&gt;x&lt;/a&gt;</content></entry>\n</feed>\n`;
  const sitemap = (loc: string): string =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n<url><loc>${loc}</loc><xhtml:link rel="alternate" hreflang="es" href="${SITE_URL}/es/a/"/></url>\n</urlset>\n`;
  const ics = (summary: string, lineEnd = '\r\n'): string =>
    ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//City Network//Publishing pipeline//EN', 'BEGIN:VEVENT', 'UID:abc-en@city-network', 'DTSTAMP:20231001T083015Z', 'DTSTART;VALUE=DATE:20231107', `SUMMARY:${summary}`, 'END:VEVENT', 'END:VCALENDAR', ''].join(lineEnd);
  const jsonFeed = (title: string): string => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Feed', home_page_url: `${SITE_URL}/en/a/`, items: [{ id: '1', url: `${SITE_URL}/en/a/`, title, content_html: '<p>x</p>' }] });

  /** The good site with a clean feed in every format, a sitemap and a calendar. */
  const cleanSite = (): void => {
    goodSite();
    write('en/feed.xml', rss('Smart Cities Study 2023'));
    write('en/atom.xml', atom('Smart Cities Study 2023'));
    write('en/feed.json', jsonFeed('Smart Cities Study 2023'));
    write('sitemap.xml', sitemap(`${SITE_URL}/en/a/`));
    write('en/events.ics', ics('Smart City Expo'));
  };

  test('a clean site with feeds, a sitemap and a calendar passes', () => {
    cleanSite();
    // Pages 8; RSS 2 (<link> as text; atom:link is not a link of the site); Atom 3; JSON 2; sitemap 2.
    expect(verifySite(dir, SITE_URL)).toEqual({ files: 7, pages: 2, linksChecked: 8 + 2 + 3 + 2 + 2 });
  });

  test('an RSS feed with a vertical tab in a title fails, naming the file, line and column', () => {
    cleanSite();
    write('en/feed.xml', rss('Smart Cities\u000bStudy'));
    const message = failureOf().message;
    expect(message).toContain('(1 problem)');
    expect(message).toContain('/en/feed.xml is not well-formed XML (line 8, column 20: disallowed character');
    expect(message).toContain('nothing was published');
  });

  test.each([
    ['\\b', '\u0008'],
    ['\\f', '\u000c'],
    ['ESC', '\u001b'],
    ['NUL', '\u0000'],
    ['U+FFFE', '\ufffe'],
    ['U+FFFF', '\uffff'],
  ])('an Atom feed with %s fails', (_name, char) => {
    cleanSite();
    write('en/atom.xml', atom(`Title${char}`));
    expect(failureOf().message).toMatch(/\/en\/atom\.xml is not well-formed XML \(line 3, column 13: disallowed character/);
  });

  test('malformed markup, an undefined entity, an unbound prefix and bytes that are not UTF-8 fail too', () => {
    cleanSite();
    write('en/atom.xml', atom('<b>unclosed'));
    write('en/feed.xml', rss('Caf&eacute;'));
    write('sitemap.xml', sitemap(`${SITE_URL}/en/a/`).replace(' xmlns:xhtml="http://www.w3.org/1999/xhtml"', ''));
    const message = failureOf().message;
    expect(message).toContain('(3 problems)');
    expect(message).toMatch(/\/en\/atom\.xml is not well-formed XML \(line \d+, column \d+: unexpected close tag/);
    expect(message).toMatch(/\/en\/feed\.xml is not well-formed XML \(line 8, column \d+: undefined entity/);
    expect(message).toMatch(/\/sitemap\.xml is not well-formed XML \(line 3, column \d+: unbound namespace prefix: "xhtml"/);

    cleanSite();
    write('sitemap.xml', Buffer.concat([Buffer.from(sitemap(`${SITE_URL}/en/a/`).slice(0, 60)), Buffer.from([0xc3, 0x28]), Buffer.from(sitemap(`${SITE_URL}/en/a/`).slice(60))]));
    expect(failureOf().message).toContain('/sitemap.xml is not UTF-8');
  });

  test('a JSON Feed that does not parse, or whose text holds a control character, fails', () => {
    cleanSite();
    write('en/feed.json', jsonFeed('Title\u000b'));
    expect(failureOf().message).toContain('/en/feed.json holds U+000B at items.0.title');
    write('en/feed.json', `${jsonFeed('Title')}}`);
    expect(failureOf().message).toMatch(/\/en\/feed\.json is not valid JSON \(.+\)/);
  });

  test('a calendar with a control character, a bare line feed, a broken line or nesting, or no end fails', () => {
    const calendarFault = (content: string): string => {
      cleanSite();
      write('en/events.ics', content);
      const message = failureOf().message;
      expect(message).toContain('(1 problem)');
      return message;
    };
    expect(calendarFault(ics('Smart\u000bCity Expo'))).toContain('/en/events.ics is not a valid iCalendar file (line 8: U+000B, a control character');
    expect(calendarFault(ics('Smart\u0085City Expo'))).toContain('/en/events.ics is not a valid iCalendar file (line 8: U+0085');
    expect(calendarFault(ics('Smart City Expo', '\n'))).toContain('/en/events.ics is not a valid iCalendar file (line 1: a line that does not end in CRLF)');
    expect(calendarFault(ics('Smart City Expo').replace('SUMMARY', 'SUMMARY\r'))).toContain('(line 8: a line that does not end in CRLF)');
    expect(calendarFault(ics('Smart City Expo').slice(0, -2))).toContain('(line 10: the last line does not end in CRLF)');
    expect(calendarFault(ics('Smart City Expo').replace('END:VCALENDAR\r\n', ''))).toContain('(line 1: BEGIN:VCALENDAR is never ended (no END:VCALENDAR))');
    expect(calendarFault(ics('Smart City Expo').replace('END:VEVENT', 'END:VTODO'))).toContain('(line 9: END:VTODO closes BEGIN:VEVENT of line 4)');
    expect(calendarFault(ics('a') + ics('b'))).toContain('(line 11: something after END:VCALENDAR, where the file should end)');
    expect(calendarFault(ics('Smart City Expo').replace('SUMMARY:', 'SUMMARY;broken'))).toContain('(line 8: not a content line');
    expect(calendarFault(ics('Smart City Expo').replace('SUMMARY:Smart City Expo\r\n', '\r\n'))).toContain('(line 8: not a content line');
    expect(calendarFault(`X${ics('x')}`)).toContain('(line 1: it does not begin with BEGIN:VCALENDAR)');
  });

  test('a calendar may hold folded lines, quoted parameters and U+2028 in a text', () => {
    cleanSite();
    const folded = ics('x').replace(
      'SUMMARY:x',
      'SUMMARY;LANGUAGE=es:Una línea\u2028END:VEVENT\u2028y otra\r\n  que sigue\r\nLOCATION;ALTREP="https://example.org/a;b:c":Sede',
    );
    write('en/events.ics', folded);
    expect(verifySite(dir, SITE_URL).files).toBe(7);
  });

  test('an HTML page with a control character or a noncharacter fails, naming the page and the line', () => {
    goodSite({ enBody: '<p>Smart\u000bCities</p>', esBody: '<p>\n\u0093Ciudades\ufdd0</p>' });
    const message = failureOf().message;
    expect(message).toContain('(2 problems)');
    expect(message).toContain('/en/a/ holds U+000B (line 8), which no reader can be shown');
    expect(message).toContain('/es/a/ holds U+0093 (line 9), which no reader can be shown');
  });

  test('a file that passed is not read again while its inode, size and time stay the same; once it changes, it is', () => {
    cleanSite();
    const feed = path.join(dir, 'en/feed.xml');
    utimesSync(feed, 1_000_000, 1_000_000);
    expect(verifySite(dir, SITE_URL).files).toBe(7);
    // The same size and time, on the same inode: taken as the file that passed.
    writeFileSync(feed, rss('Smart Cities Study 2023').replace('Smart Cities Study', 'Smart Cities\u000bStudy'));
    utimesSync(feed, 1_000_000, 1_000_000);
    expect(verifySite(dir, SITE_URL).files).toBe(7);
    utimesSync(feed, 1_000_001, 1_000_001);
    expect(failureOf().message).toContain('/en/feed.xml is not well-formed XML');
  });
});
