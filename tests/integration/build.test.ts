// The whole build against the real CMS: pages of both locales, their alternates and
// switchers, the sitemap and the report; then what happens when content or the CMS changes.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { HtmlValidate, type ConfigData } from 'html-validate';
import sharp from 'sharp';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { sampleContent } from '../../cms/src/seed/content.js';
import { runBuild, type BuildOptions } from '../../scripts/pipeline.js';
import { reportPathFor, type BuildReport } from '../../scripts/publish/report.js';
import { loadCmsInstances } from '../support/cms-instances.js';
import { listFiles } from '../../scripts/lib/files.js';
import { projectRoot } from '../../scripts/paths.js';
import { fingerprint, isAtFormerAddress, readPage, sectionPath } from '../support/site-files.js';
import { nuErrors } from '../support/nu-checker.js';
import { headersFile } from '../../scripts/lib/site-headers.js';
import { startSiteServer } from '../../scripts/server/server.js';
import { documentIdOf, signInEditor, type Editor } from '../support/strapi-http.js';
import { searchIndexAt } from '../../scripts/search/query-index.js';
import { citySlug, cityListUrl, cityUrl, documentUrl, sdgListUrl, sdgUrl, sectionUrl, yearArchiveUrl } from '../../scripts/normalise/urls.js';

const SITE_URL = 'https://cities.example.org';
const NOW = new Date('2026-11-27T12:00:00Z');
const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];
const cm = (uid: string) => `/content-manager/collection-types/${uid}`;

const closedPort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe.each(loadCmsInstances())('build from the CMS on $database', (cms) => {
  const outDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'site-build-')), 'dist');
  const options: BuildOptions = { strapiUrl: cms.url, strapiToken: cms.buildToken, outDir, siteUrl: SITE_URL, now: NOW, cacheDir: path.join(path.dirname(outDir), 'cache') };
  let report: BuildReport;

  beforeAll(async () => {
    report = await runBuild(options);
    if (report.status !== 'ok') throw new Error(`The first build failed: ${report.error?.message}`);
  });

  test('every sample document has a page in English and in Spanish, in its language', () => {
    const pages = [
      ...sampleContent.studies.map((d) => ['studies', d.slug, d.title] as const),
      ...sampleContent.events.map((d) => ['events', d.slug, d.title] as const),
      ...sampleContent.articles.map((d) => ['news', d.slug, d.title] as const),
      ...sampleContent.axes.map((d) => ['axes', d.slug, d.name] as const),
    ];
    for (const [section, slug, title] of pages) {
      for (const locale of ['en', 'es'] as const) {
        const page = readPage(outDir, `${sectionPath(locale, section)}${slug[locale]}/`);
        expect([page.lang, page.h1]).toEqual([locale, title[locale]]);
        expect(page.canonical).toBe(`${SITE_URL}${sectionPath(locale, section)}${slug[locale]}/`);
      }
    }
    expect(report.counts).toEqual({
      study: { en: 2, es: 2 },
      event: { en: 7, es: 7 },
      article: { en: 1, es: 1 },
      axis: { en: 6, es: 6 },
    });
  });

  test('topic pages: every city, SDG and year of the sample, linking to their documents; study and event pages link to them', () => {
    const hrefs = (url: string): string[] => DomUtils.getElementsByTagName('a', parseDocument(readPage(outDir, url).html).children, true).map((a) => a.attribs.href as string);
    const sitemap = readFileSync(path.join(outDir, 'sitemap.xml'), 'utf8');
    for (const locale of ['en', 'es'] as const) {
      const cityUrls = sampleContent.cities.map((city) => cityUrl(locale, citySlug({ name: city.name[locale], countryCode: city.countryCode })));
      expect(hrefs(cityListUrl(locale))).toEqual(expect.arrayContaining(cityUrls));
      for (const [i, city] of sampleContent.cities.entries()) {
        const page = readPage(outDir, cityUrls[i]!);
        expect([page.lang, page.h1, page.canonical]).toEqual([locale, city.name[locale], `${SITE_URL}${cityUrls[i]}`]);
        expect(sitemap).toContain(`<loc>${SITE_URL}${cityUrls[i]}</loc>`);
      }
      // London is Londres in Spanish: its two pages are each other's alternates.
      const london = sampleContent.cities.findIndex((city) => city.key === 'london');
      expect(readPage(outDir, cityUrls[london]!).alternates).toMatchObject({ en: `${SITE_URL}${cityUrl('en', 'london-gb')}`, es: `${SITE_URL}${cityUrl('es', 'londres-gb')}` });
      for (const study of sampleContent.studies) {
        const studyUrl = documentUrl('study', locale, study.slug[locale]);
        const studyLinks = hrefs(studyUrl);
        for (const key of study.cityKeys) {
          const url = cityUrls[sampleContent.cities.findIndex((city) => city.key === key)]!;
          expect(studyLinks).toContain(url);
          expect(hrefs(url)).toContain(studyUrl);
        }
        for (const number of study.sdgNumbers) {
          expect(studyLinks).toContain(sdgUrl(locale, number));
          expect(hrefs(sdgUrl(locale, number))).toContain(studyUrl);
          expect(hrefs(sdgListUrl(locale))).toContain(sdgUrl(locale, number));
        }
      }
      // Every dated event is in its year's archive, linked from the events list; the news likewise.
      for (const event of sampleContent.events) {
        if (event.cityKey) expect(hrefs(documentUrl('event', locale, event.slug[locale]))).toContain(cityUrls[sampleContent.cities.findIndex((city) => city.key === event.cityKey)]);
        if (!event.startDate) continue;
        const archive = yearArchiveUrl('event', locale, Number(event.startDate.slice(0, 4)));
        expect(hrefs(sectionUrl('event', locale))).toContain(archive);
        expect(hrefs(archive)).toContain(documentUrl('event', locale, event.slug[locale]));
      }
      for (const article of sampleContent.articles) {
        const archive = yearArchiveUrl('article', locale, Number(article.date.slice(0, 4)));
        expect(hrefs(sectionUrl('article', locale))).toContain(archive);
        expect(hrefs(archive)).toContain(documentUrl('article', locale, article.slug[locale]));
      }
    }
  });

  test('alternates are reciprocal and the switcher leads to the translated page', () => {
    const study = sampleContent.studies[0]!;
    const en = readPage(outDir, `/en/studies/${study.slug.en}/`);
    const es = readPage(outDir, `/es/estudios/${study.slug.es}/`);
    expect(en.alternates).toEqual({ en: `${SITE_URL}/en/studies/${study.slug.en}/`, es: `${SITE_URL}/es/estudios/${study.slug.es}/`, 'x-default': `${SITE_URL}/en/studies/${study.slug.en}/` });
    expect(es.alternates).toEqual(en.alternates);
    expect(en.switcherLinks).toEqual([{ hreflang: 'es', href: `/es/estudios/${study.slug.es}/` }]);
    expect(es.switcherLinks).toEqual([{ hreflang: 'en', href: `/en/studies/${study.slug.en}/` }]);
    const root = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    expect(root).toContain('hreflang="x-default"');
    expect(root).toMatch(/<a href="\/en\/" hreflang="en">English<\/a>/);
    expect(root).toMatch(/<a href="\/es\/" hreflang="es">Español<\/a>/);
  });

  test('the sitemap lists every page with its alternates', () => {
    const sitemap = parseDocument(readFileSync(path.join(outDir, 'sitemap.xml'), 'utf8'), { xmlMode: true });
    const urls = DomUtils.getElementsByTagName('url', sitemap.children, true);
    expect(urls).toHaveLength(report.pages);
    for (const url of urls) {
      const loc = DomUtils.textContent(DomUtils.getElementsByTagName('loc', url.children, true)[0]!);
      expect(loc.startsWith(`${SITE_URL}/`)).toBe(true);
      const langs = DomUtils.getElementsByTagName('xhtml:link', url.children, true).map((link) => link.attribs.hreflang).sort();
      expect(langs).toEqual(['en', 'es', 'x-default']);
    }
  });

  test('the report counts, times every stage and sits beside the site', () => {
    const written = JSON.parse(readFileSync(reportPathFor(outDir), 'utf8')) as BuildReport;
    expect(written.status).toBe('ok');
    expect(Object.keys(written.stages)).toEqual(['fetch', 'normalise', 'media', 'images', 'pdf', 'render', 'search', 'verify', 'publish']);
    // The change feed (which languages the CMS has), then 8 types × 2 locales, one page each,
    // and the history of addresses and translations: requests grow with pages, not documents.
    expect(written.requests).toBe(18);
    expect(written.leftOut).toEqual([]);
    expect(written.missingTranslations).toEqual([]);
  });

  /**
   * Every HTML file: the pages of the sitemap and the root chooser, the 404 pages (one per
   * language and the root's), and the pages left at the Spanish sections' old addresses.
   */
  const htmlFiles = (): string[] => listFiles(outDir).filter((file) => file.endsWith('.html'));
  /** The same without the pages at old addresses, which only send readers on. */
  const pageFiles = (): string[] => htmlFiles().filter((file) => !isAtFormerAddress(file));

  test('every page passes the HTML validator with no errors', async () => {
    const config = JSON.parse(readFileSync(path.join(projectRoot, '.htmlvalidate.json'), 'utf8')) as ConfigData;
    const validator = new HtmlValidate(config);
    const pages = htmlFiles();
    expect(pageFiles().filter((file) => !file.endsWith('404.html')).length).toBe(report.pages);
    expect(pages.filter((file) => file.endsWith('404.html')).sort()).toEqual(['404.html', 'en/404.html', 'es/404.html']);
    const errors: string[] = [];
    for (const file of pages) {
      const result = await validator.validateString(readFileSync(path.join(outDir, file), 'utf8'), file);
      for (const message of result.results.flatMap((r) => r.messages)) errors.push(`${file}:${message.line}:${message.column} ${message.ruleId} ${message.message}`);
    }
    expect(errors).toEqual([]);
  });

  test('every page passes the W3C Nu HTML Checker with no errors', async () => {
    const pages = htmlFiles();
    expect(pageFiles().length).toBe(report.pages + 3);
    expect(await nuErrors(pages.map((file) => path.join(outDir, file)))).toEqual([]);
    // And the checker does find errors: a page with a misnested element fails it.
    const broken = path.join(path.dirname(outDir), 'broken.html');
    writeFileSync(broken, '<!doctype html><html lang="en"><title>x</title><p><div>x</p>');
    expect(await nuErrors([broken])).toEqual(expect.arrayContaining([expect.stringContaining('broken.html')]));
  }, 120_000);

  test('heading levels never skip: each page starts at its h1 and goes down one level at a time', () => {
    const skips: string[] = [];
    for (const file of pageFiles()) {
      const levels = DomUtils.getElementsByTagName((name) => /^h[1-6]$/.test(name), parseDocument(readFileSync(path.join(outDir, file), 'utf8')).children, true).map((el) => Number(el.name[1]));
      if (levels[0] !== 1) skips.push(`${file} starts at h${levels[0] ?? '(none)'}`);
      for (const [i, level] of levels.entries()) if (i > 0 && level > levels[i - 1]! + 1) skips.push(`${file}: h${levels[i - 1]} then h${level}`);
    }
    expect(skips).toEqual([]);
  });

  test('the pages every site has: 404 pages per language and at the root, robots.txt, icons, headers for static hosts', async () => {
    for (const locale of ['en', 'es'] as const) {
      const html = readFileSync(path.join(outDir, locale, '404.html'), 'utf8');
      const doc = parseDocument(html);
      const all = DomUtils.getElementsByTagName(() => true, doc.children, true);
      expect(all.find((el) => el.name === 'html')?.attribs.lang).toBe(locale);
      expect(DomUtils.textContent(all.find((el) => el.name === 'h1')!)).toBe(locale === 'en' ? 'Page not found' : 'Página no encontrada');
      expect(all.find((el) => el.name === 'meta' && el.attribs.name === 'robots')?.attribs.content).toBe('noindex');
      // Served at addresses that have no page: it names none of its own, and every link is
      // absolute (or to a place in the page itself, like the skip link).
      expect(all.filter((el) => el.name === 'link' && (el.attribs.rel === 'canonical' || el.attribs.hreflang))).toEqual([]);
      const hrefs = all.filter((el) => el.name === 'a' || el.name === 'link').map((a) => a.attribs.href ?? '');
      expect(hrefs.filter((href) => !href.startsWith('/') && !href.startsWith('#'))).toEqual([]);
      expect(hrefs).toEqual(expect.arrayContaining([`/${locale}/`, sectionPath(locale, 'studies'), sectionPath(locale, 'news'), locale === 'en' ? '/es/' : '/en/']));
    }
    const root = readFileSync(path.join(outDir, '404.html'), 'utf8');
    expect(root).toContain('Page not found');
    expect(root).toContain('<span lang="es">· Página no encontrada</span>');
    expect(readFileSync(path.join(outDir, 'robots.txt'), 'utf8')).toMatch(new RegExp(`^User-agent: \\*$[\\s\\S]*^Sitemap: ${SITE_URL}/sitemap\\.xml$`, 'm'));
    expect(readFileSync(path.join(outDir, '_headers'), 'utf8')).toBe(headersFile());
    const touch = await sharp(path.join(outDir, 'assets', 'apple-touch-icon.png')).metadata();
    expect([touch.format, touch.width, touch.height]).toEqual(['png', 180, 180]);
    expect((await sharp(path.join(outDir, 'assets', 'icon.svg')).metadata()).format).toBe('svg');
    for (const file of pageFiles()) {
      const html = readFileSync(path.join(outDir, file), 'utf8');
      expect([file, html.includes('<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">'), html.includes('<link rel="apple-touch-icon" href="/assets/apple-touch-icon.png">')]).toEqual([file, true, true]);
    }
  });

  test('Spanish sections have Spanish addresses, and every old one keeps answering: a 301 from the server, a page for static hosts, a _redirects file', async () => {
    const rules = readFileSync(path.join(outDir, '_redirects'), 'utf8').split('\n').filter((line) => line.startsWith('/'));
    // The sections' rules come last: a document's own rules (an old slug, one unpublished; other
    // files of this run make some in the shared CMS) come first, so they win.
    expect(rules.slice(-4)).toEqual([
      '/es/studies/* /es/estudios/:splat 301!',
      '/es/events/* /es/eventos/:splat 301!',
      '/es/news/* /es/noticias/:splat 301!',
      '/es/axes/* /es/ejes/:splat 301!',
    ]);
    for (const rule of rules.slice(0, -4)) expect(rule).toMatch(/^\/(en|es)\/[a-z]+\/[a-z0-9-]+\/(\S+-(summary|resumen)\.pdf \S+ 301!|\* \/(en|es)\/404\.html 410|\* \S+:splat 301!)$/);
    // Every Spanish page of a section has a page at its old address that sends readers on to it.
    const spanish = pageFiles().filter((file) => /^es\/(estudios|eventos|noticias|ejes)\//.test(file));
    const old = htmlFiles().filter((file) => isAtFormerAddress(file));
    expect(spanish.length).toBeGreaterThan(10);
    // Besides, the old-word address of a Spanish document's former slug (slug history) may have one.
    expect(old.length).toBeGreaterThanOrEqual(spanish.length);
    for (const file of spanish) {
      const url = `/${file.replace(/index\.html$/, '')}`;
      const from = url.replace(/^\/es\/(estudios|eventos|noticias|ejes)\//, (_, word: string) => `/es/${{ estudios: 'studies', eventos: 'events', noticias: 'news', ejes: 'axes' }[word]}/`);
      const moved = readPage(outDir, from);
      expect([from, moved.canonical]).toEqual([from, `${SITE_URL}${url}`]);
    }
    // The server answers the old addresses readers hold (a page, a summary PDF, a feed) with a 301 to where they went.
    const study = sampleContent.studies[0]!;
    const server = await startSiteServer(outDir, 0);
    try {
      for (const [from, to, type] of [
        [`/es/studies/${study.slug.es}/`, `${sectionPath('es', 'studies')}${study.slug.es}/`, 'text/html; charset=utf-8'],
        [`/es/studies/${study.slug.es}/${study.slug.es}-resumen.pdf`, `${sectionPath('es', 'studies')}${study.slug.es}/${study.slug.es}-resumen.pdf`, 'application/pdf'],
        ['/es/news/feed.xml', `${sectionPath('es', 'news')}feed.xml`, 'application/rss+xml; charset=utf-8'],
      ] as const) {
        const redirect = await fetch(`${server.url}${from}`, { redirect: 'manual' });
        expect([from, redirect.status, redirect.headers.get('location')]).toEqual([from, 301, to]);
        const followed = await fetch(`${server.url}${from}`);
        expect([from, followed.status, followed.headers.get('content-type')]).toEqual([from, 200, type]);
      }
      expect((await fetch(`${server.url}/en/studies/${study.slug.en}/`, { redirect: 'manual' })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  /** The URLs a search of the built index finds, in one language. */
  const found = async (locale: 'en' | 'es', term: string): Promise<string[]> => (await searchIndexAt(path.join(outDir, 'pagefind'), [{ locale, term }]))[0]!.results.map((hit) => hit.url);
  const axis = (key: string) => sampleContent.axes.find((a) => a.key === key)!;
  const study2023 = sampleContent.studies.find((s) => s.slug.en === 'smart-cities-study-2023')!;

  test('search: each language has its own index, with its stemming and without its accents; only document pages are in it', async () => {
    const entry = JSON.parse(readFileSync(path.join(outDir, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    // Two studies, seven events, one news item and six axes in each language.
    expect(Object.fromEntries(Object.entries(entry.languages).map(([lang, index]) => [lang, index.page_count]))).toEqual({ en: 16, es: 16 });
    const mobility = `${sectionPath('es', 'axes')}${axis('new-mobility').slug.es}/`;
    const movilidad = await found('es', 'movilidad');
    expect(movilidad).toEqual(expect.arrayContaining([mobility, `${sectionPath('es', 'studies')}${study2023.slug.es}/`]));
    expect(movilidad.every((url) => url.startsWith('/es/') && !url.startsWith('/es/buscar/'))).toBe(true);
    // Without the accent of "Economía", and the plural "movilidades" stemmed to its singular.
    expect(await found('es', 'economia')).toContain(`${sectionPath('es', 'axes')}${axis('smart-economy').slug.es}/`);
    expect(await found('es', 'movilidades')).toContain(mobility);
    // English words are in the English index only.
    const english = await found('en', 'mobility');
    expect(english).toEqual(expect.arrayContaining([`/en/axes/${axis('new-mobility').slug.en}/`]));
    expect(english.every((url) => url.startsWith('/en/'))).toBe(true);
    expect(await found('en', 'movilidad')).toEqual([]);
    // Only a document page's main content is indexed: the search page's own words find nothing.
    expect(await found('en', 'JavaScript')).toEqual([]);
    const [answer] = await searchIndexAt(path.join(outDir, 'pagefind'), [{ locale: 'en', term: 'mobility' }]);
    expect(answer!.results.find((hit) => hit.url === `/en/axes/${axis('new-mobility').slug.en}/`)).toMatchObject({ title: axis('new-mobility').name.en, filters: { type: ['Smart city axes'], axis: [axis('new-mobility').name.en] } });
  });

  test('search: the page in each language, the header\'s link to it and the 404 pages\' search box', () => {
    for (const [locale, url, other] of [['en', '/en/search/', '/es/buscar/'], ['es', '/es/buscar/', '/en/search/']] as const) {
      const page = readPage(outDir, url);
      expect([page.lang, page.h1, page.alternates[locale === 'en' ? 'es' : 'en']]).toEqual([locale, locale === 'en' ? 'Search' : 'Buscar', `${SITE_URL}${other}`]);
      expect(page.html).toContain('<script type="module" src="/assets/search.js"></script>');
      expect(page.html).toContain(locale === 'en' ? 'Search needs JavaScript' : 'La búsqueda necesita JavaScript');
      const study = readPage(outDir, `${sectionPath(locale, 'studies')}${study2023.slug[locale]}/`).html;
      expect(study).toContain(`<li><a href="${url}">${locale === 'en' ? 'Search' : 'Buscar'}</a></li>`);
      const notFound = parseDocument(readFileSync(path.join(outDir, locale, '404.html'), 'utf8'));
      const form = DomUtils.getElementsByTagName('form', notFound.children, true)[0]!;
      expect([form.attribs.action, form.attribs.method]).toEqual([url, 'get']);
      expect(DomUtils.getElementsByTagName('input', form.children, true).map((input) => input.attribs.name)).toEqual(['q']);
    }
  });

  test('a study page offers its summary to download and to read in the browser', () => {
    const study = sampleContent.studies[0]!;
    for (const locale of ['en', 'es'] as const) {
      const links = DomUtils.getElementsByTagName('a', parseDocument(readPage(outDir, `${sectionPath(locale, 'studies')}${study.slug[locale]}/`).html).children, true).filter((a) => a.attribs.type === 'application/pdf');
      const pdf = `${sectionPath(locale, 'studies')}${study.slug[locale]}/${study.slug[locale]}-${locale === 'en' ? 'summary' : 'resumen'}.pdf`;
      expect(links.map((a) => [a.attribs.href, 'download' in a.attribs])).toEqual([[pdf, true], [pdf, false]]);
      expect(existsSync(path.join(outDir, pdf))).toBe(true);
    }
  });

  test('covers come in AVIF, WebP and JPEG at 400, 800 and 1200 px; a second build encodes none', async () => {
    const study = readPage(outDir, `/en/studies/${sampleContent.studies[0]!.slug.en}/`).html;
    const avif = /<source type="image\/avif" srcset="([^"]+)"/.exec(study)![1]!;
    const files = avif.split(', ').map((entry) => entry.split(' ')[0]!);
    expect(avif.split(', ').map((entry) => entry.split(' ')[1])).toEqual(['400w', '800w', '1200w']);
    for (const [ext, format] of [['avif', 'heif'], ['webp', 'webp'], ['jpg', 'jpeg']] as const) {
      for (const [i, width] of [400, 800, 1200].entries()) {
        const meta = await sharp(path.join(outDir, files[i]!.replace(/\.avif$/, `.${ext}`))).metadata();
        expect([ext, meta.format, meta.width, meta.height]).toEqual([ext, format, width, Math.round((width * 1000) / 1600)]);
      }
    }
    // The 2021 study is shared with its generated card; the 2023 one with its share image, as a
    // 1200×630 JPEG card (the sample sets one: see tests/integration/seo.test.ts).
    const og = await sharp(path.join(outDir, 'es', 'estudios', sampleContent.studies[1]!.slug.es, 'og.png')).metadata();
    expect([og.width, og.height]).toEqual([1200, 630]);
    const shared = /<meta property="og:image" content="[^"]+(\/media\/[^"]+-og\.jpg)">/.exec(readPage(outDir, `/es/estudios/${sampleContent.studies[0]!.slug.es}/`).html)?.[1];
    expect(await sharp(path.join(outDir, shared ?? 'missing')).metadata()).toMatchObject({ format: 'jpeg', width: 1200, height: 630 });
    const indexBefore = fingerprint(outDir).files['pagefind/pagefind-entry.json'];
    const stages: string[] = [];
    const again = await runBuild({ ...options, onStage: (event) => void (event.stage === 'search' && event.state === 'done' && stages.push(event.detail)) });
    expect(again.status).toBe('ok');
    // Nothing changed: the search index is kept from the live release, not made again.
    expect(stages).toEqual(['16 en, 16 es pages kept in the live index (none changed)']);
    expect(fingerprint(outDir).files['pagefind/pagefind-entry.json']).toBe(indexBefore);
    expect(again.media).toMatchObject({ downloaded: 0, encoded: 0 });
    expect(again.media.reusedVariants).toBeGreaterThan(0);
  });

  test('a build that fails leaves the previous output byte-identical', async () => {
    const before = fingerprint(outDir);
    const failed = await runBuild({ ...options, strapiUrl: `http://127.0.0.1:${await closedPort()}`, retries: 0 });
    expect(failed.status).toBe('failed');
    expect(failed.error?.name).toBe('CmsUnreachableError');
    expect(fingerprint(outDir)).toEqual(before);
    const written = JSON.parse(readFileSync(reportPathFor(outDir), 'utf8')) as BuildReport;
    expect(written.status).toBe('failed');
  });

  describe('after editors change content', () => {
    let editor: Editor;
    const created: { uid: string; documentId: string }[] = [];

    beforeAll(async () => {
      editor = await signInEditor(cms);
    });
    afterAll(async () => {
      for (const { uid, documentId } of created) await editor.send('DELETE', `${cm(uid)}/${documentId}?locale=*`);
    });

    test('a document in one language only gets no empty page, and unpublishing removes its page', async () => {
      const slug = `only-in-english-${Date.now()}`;
      const documentId = documentIdOf(
        await editor.send('POST', `${cm('api::article.article')}/actions/publish?locale=en`, { title: 'Only in English', slug, date: '2026-11-01', body: paragraph('An English-only note.') }),
      );
      created.push({ uid: 'api::article.article', documentId });

      const withArticle = await runBuild(options);
      expect(withArticle.status).toBe('ok');
      const page = readPage(outDir, `/en/news/${slug}/`);
      expect(await found('en', 'English-only note')).toContain(`/en/news/${slug}/`);
      expect(page.switcherLinks).toEqual([]);
      expect(page.switcherText).toBe('Not available in Spanish');
      expect(Object.keys(page.alternates).sort()).toEqual(['en', 'x-default']);
      expect(withArticle.missingTranslations).toEqual([expect.objectContaining({ documentId, locale: 'es', type: 'article' })]);
      expect(existsSync(path.join(outDir, 'es', 'noticias', slug))).toBe(false);

      const unpublished = await editor.send('POST', `${cm('api::article.article')}/${documentId}/actions/unpublish?locale=en`, {});
      expect(unpublished.status).toBe(200);
      const withoutArticle = await runBuild(options);
      expect(withoutArticle.status).toBe('ok');
      expect(existsSync(path.join(outDir, 'en', 'news', slug))).toBe(false);
      expect(readFileSync(path.join(outDir, 'en', 'news', 'index.html'), 'utf8')).not.toContain(slug);
      // Gone from the search index too.
      expect(await found('en', 'English-only note')).not.toContain(`/en/news/${slug}/`);
    });

    test('a list that shrinks loses its later pages: from the output, the sitemap and the other language\'s alternates', async () => {
      // Two cards a page (the first page holds two or three), so three more articles make at least a page more, and deleting them takes it away.
      const small: BuildOptions = { ...options, listPageSize: 2 };
      const newsPages = (locale: 'en' | 'es'): string[] => listFiles(outDir).filter((file) => file.startsWith(sectionPath(locale, 'news').slice(1)) && /\/(page|pagina)\/\d+\/index\.html$/.test(file)).sort();
      expect((await runBuild(small)).status).toBe('ok');
      const before = { en: newsPages('en'), es: newsPages('es') };
      const added: string[] = [];
      for (const n of [1, 2, 3]) {
        const stamp = `${Date.now()}-${n}`;
        const documentId = documentIdOf(await editor.send('POST', `${cm('api::article.article')}/actions/publish?locale=en`, { title: `Shrinking ${stamp}`, slug: `shrinking-${stamp}`, date: '2026-11-02', body: paragraph('Soon deleted.') }));
        created.push({ uid: 'api::article.article', documentId });
        added.push(documentId);
      }
      expect((await runBuild(small)).status).toBe('ok');
      const grown = newsPages('en');
      expect(grown.length).toBeGreaterThan(before.en.length);
      const lastUrl = `/${grown.at(-1)!.replace(/index\.html$/, '')}`;
      expect(readFileSync(path.join(outDir, 'sitemap.xml'), 'utf8')).toContain(`${SITE_URL}${lastUrl}`);

      for (const documentId of added) expect((await editor.send('DELETE', `${cm('api::article.article')}/${documentId}?locale=*`)).status).toBe(200);
      created.splice(created.findIndex((c) => c.documentId === added[0]), added.length);
      expect((await runBuild(small)).status).toBe('ok');
      expect(newsPages('en')).toEqual(before.en);
      expect(existsSync(path.join(outDir, lastUrl))).toBe(false);
      expect(readFileSync(path.join(outDir, 'sitemap.xml'), 'utf8')).not.toContain(`${SITE_URL}${lastUrl}`);
      // No page names the gone page as its translation.
      for (const file of newsPages('es')) expect(Object.values(readPage(outDir, `/${file.replace(/index\.html$/, '')}`).alternates)).not.toContain(`${SITE_URL}${lastUrl}`);
      // Back to the page size every other test builds with.
      expect((await runBuild(options)).status).toBe('ok');
    });

    test('editing one study changes only that study\'s PDF in that language', async () => {
      const pdfs = () => Object.entries(fingerprint(outDir).files).filter(([file]) => file.endsWith('.pdf'));
      const before = Object.fromEntries(pdfs());
      expect(Object.keys(before)).toHaveLength(4);
      const study = sampleContent.studies[1]!;
      const list = (await editor.get(`${cm('api::study.study')}?locale=es&filters[slug][$eq]=${study.slug.es}`)).json as { results: { documentId: string }[] };
      const documentId = list.results[0]!.documentId;
      const publish = (theme: string) => editor.send('POST', `${cm('api::study.study')}/${documentId}/actions/publish?locale=es`, { theme });
      expect((await publish(`${study.theme.es} (revisado)`)).status).toBe(200);
      try {
        const result = await runBuild(options);
        expect(result.pdfs).toMatchObject({ generated: 1, reused: 3 });
        const after = Object.fromEntries(pdfs());
        const changed = Object.keys(after).filter((file) => after[file] !== before[file]);
        expect(changed).toEqual([`es/estudios/${study.slug.es}/${study.slug.es}-resumen.pdf`]);
      } finally {
        expect((await publish(study.theme.es)).status).toBe(200);
      }
    });

    test('one broken document is reported and left out; the others publish', async () => {
      const slug = `broken-time-zone-${Date.now()}`;
      const documentId = documentIdOf(
        await editor.send('POST', `${cm('api::event.event')}/actions/publish?locale=en`, {
          title: 'Event on Mars', slug, kind: 'conference', startDate: '2027-01-10', timeZone: 'Mars/Olympus', description: paragraph('Far away.'),
        }),
      );
      created.push({ uid: 'api::event.event', documentId });

      const result = await runBuild(options);
      expect(result.status).toBe('ok');
      expect(result.leftOut).toEqual([expect.objectContaining({ kind: 'invalid-document', type: 'event', documentId, locale: 'en', field: 'timeZone' })]);
      expect(result.leftOut[0]!.message).toContain(documentId);
      expect(existsSync(path.join(outDir, 'en', 'events', slug))).toBe(false);
      expect(result.counts.event).toEqual({ en: 7, es: 7 });
    });
  });
});
