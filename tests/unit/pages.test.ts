// The page list of the site, built from the normalised sample snapshot with a pinned `now`:
// how many pages, reciprocal alternates, x-default, the language switcher, a missing
// translation, and which events count as upcoming.
import { readFileSync } from 'node:fs';
import type { RawSnapshot } from '../../scripts/fetch/snapshot.js';
import type { Locale } from '../../domain/locales.js';
import type { ContentModel } from '../../domain/model.js';
import { normalise } from '../../scripts/normalise/normalise.js';
import { buildSiteView } from '../../scripts/render/pages.js';
import type { PageView, SiteView } from '../../domain/site-view.js';
import { sectionPath } from '../support/site-files.js';

const FIXTURE: RawSnapshot = JSON.parse(readFileSync(new URL('../fixtures/sample-snapshot.json', import.meta.url), 'utf8'));
const CMS_URL = 'http://cms.test:1337';
const NOW = new Date('2023-11-08T12:00:00Z');

const STUDY_2023 = 'lmu1f1poi5nvnomszawgggjs';
const SCEWC_2023 = 'ykb5img2loyderwign5la2l8';
const INNOVATE4CITIES = 'tgc15ae6g7qm1bogqjp8e3ai';

const modelOf = (snap: RawSnapshot = structuredClone(FIXTURE)): ContentModel => normalise(snap, { cmsUrl: CMS_URL });
const pageAt = (site: SiteView, url: string): PageView => {
  const page = site.pages.find((p) => p.url === url);
  if (!page) throw new Error(`no page at ${url}`);
  return page;
};
const ids = (events: { documentId: string }[] | undefined): string[] => (events ?? []).map((e) => e.documentId);

describe('buildSiteView on the sample content', () => {
  const model = modelOf();
  const site = buildSiteView(model, NOW);
  const byUrl = new Map(site.pages.map((page) => [page.url, page]));

  test('1 home + 4 sections + a search page per locale, one page per document and locale, and the topic pages', () => {
    // Topics per locale: the lists of cities and of SDGs, 4 cities (Bilbao, Barcelona, Hanoi,
    // London), the 17 SDGs of the 2023 study, and 4 years (news of 2023; events of 2023, 2022, 2021).
    expect(site.pages).toHaveLength(2 * 6 + 2 * (2 + 7 + 1 + 6) + 2 * (2 + 4 + 17 + 4));
    expect(byUrl.size).toBe(site.pages.length); // no two pages share a URL
    for (const locale of ['en', 'es'] as const) {
      const kinds = site.pages.filter((p) => p.locale === locale).map((p) => p.kind);
      expect(kinds.filter((k) => k === 'home')).toHaveLength(1);
      expect(['studies', 'events', 'news', 'axes', 'search'].map((k) => kinds.filter((x) => x === k).length)).toEqual([1, 1, 1, 1, 1]);
      expect(['study', 'event', 'article', 'axis'].map((k) => kinds.filter((x) => x === k).length)).toEqual([2, 7, 1, 6]);
      expect(['topics', 'topic'].map((k) => kinds.filter((x) => x === k).length)).toEqual([2, 4 + 17 + 4]);
    }
    expect(site.pages.every((p) => p.url.startsWith(`/${p.locale}/`))).toBe(true);
  });

  test('a 404 page per language, outside the pages: no alternates, no card, its switcher leads home', () => {
    expect(site.notFound.map((page) => [page.kind, page.url, page.locale, page.title, page.section])).toEqual([
      ['notFound', '/en/404.html', 'en', 'Page not found', 'none'],
      ['notFound', '/es/404.html', 'es', 'Página no encontrada', 'none'],
    ]);
    for (const page of site.notFound) {
      expect([page.alternates, page.ogImage, page.calendar, page.doc, page.list, page.feeds.section]).toEqual([[], '', null, null, null, null]);
      expect(page.switcher).toEqual([{ locale: page.locale === 'en' ? 'es' : 'en', name: page.locale === 'en' ? 'Español' : 'English', url: page.locale === 'en' ? '/es/' : '/en/' }]);
      expect(byUrl.has(page.url)).toBe(false);
    }
  });

  test('every page lists itself among its alternates, and every alternate is a page', () => {
    for (const page of site.pages) {
      expect(page.alternates).toContainEqual({ locale: page.locale, url: page.url });
      for (const alternate of page.alternates) expect(byUrl.get(alternate.url)?.locale).toBe(alternate.locale);
    }
  });

  test('alternates are reciprocal: A lists B for B.locale iff B lists A for A.locale', () => {
    let pairs = 0;
    for (const a of site.pages) {
      for (const b of site.pages) {
        if (a === b || a.locale === b.locale) continue;
        const aListsB = a.alternates.some((alt) => alt.locale === b.locale && alt.url === b.url);
        const bListsA = b.alternates.some((alt) => alt.locale === a.locale && alt.url === a.url);
        expect({ a: a.url, b: b.url, reciprocal: aListsB === bListsA }).toEqual({ a: a.url, b: b.url, reciprocal: true });
        if (aListsB) pairs += 1;
      }
    }
    // Every page has its translation here: 49 en pages ↔ 49 es pages, counted from both sides
    // (a city's pages are paired by the city, whatever its name: London ↔ Londres).
    expect(pairs).toBe(2 * 49);
  });

  test('x-default of document pages is the en URL; of home and sections too', () => {
    for (const page of site.pages) {
      if (page.doc) expect(page.xDefault).toBe(model.translations.get(page.doc.documentId)?.en);
    }
    expect(pageAt(site, '/es/estudios/estudio-ciudades-inteligentes-2023/').xDefault).toBe('/en/studies/smart-cities-study-2023/');
    expect(pageAt(site, '/es/').xDefault).toBe('/en/');
    expect(pageAt(site, '/es/eventos/').xDefault).toBe('/en/events/');
  });

  test('the switcher of an en page points to the same page in es', () => {
    expect(pageAt(site, '/en/studies/smart-cities-study-2023/').switcher).toEqual([
      { locale: 'es', name: 'Español', url: '/es/estudios/estudio-ciudades-inteligentes-2023/' },
    ]);
    expect(pageAt(site, '/es/ejes/ciudadania-digital/').switcher).toEqual([{ locale: 'en', name: 'English', url: '/en/axes/digital-citizenship/' }]);
    expect(pageAt(site, '/en/news/').switcher).toEqual([{ locale: 'es', name: 'Español', url: '/es/noticias/' }]);
    for (const page of site.pages.filter((p) => p.locale === 'en')) {
      const target = page.switcher[0]?.url;
      expect(page.switcher).toHaveLength(1);
      expect(target && byUrl.get(target)?.locale).toBe('es');
    }
  });

  test('pages carry their own language: labels, settings, title', () => {
    const es = pageAt(site, '/es/estudios/estudio-ciudades-inteligentes-2023/');
    expect(es.title).toBe('Estudio de Ciudades Inteligentes 2023');
    expect(es.settings.siteName).toBe('Ciudades Digitales');
    expect(es.labels.languageName).toBe('Español');
    expect(es.doc?.documentId).toBe(STUDY_2023);
    expect(es.ogType).toBe('article');
    expect(es.section).toBe('studies');
    expect(pageAt(site, '/es/').title).toBe('Ciudades Digitales');
  });

  test('a search page per language, each the other\'s alternate, with the index it queries; every page links to its language\'s', () => {
    const en = pageAt(site, '/en/search/');
    const es = pageAt(site, '/es/buscar/');
    expect([en.kind, en.title, en.section, en.searchIndex, en.doc, en.searchFilters]).toEqual(['search', 'Search', 'search', '/pagefind/', null, null]);
    expect([es.title, es.description]).toEqual(['Buscar', 'Busca en los estudios, eventos, noticias y ejes de la ciudad inteligente del sitio.']);
    expect(en.alternates).toEqual([{ locale: 'en', url: '/en/search/' }, { locale: 'es', url: '/es/buscar/' }]);
    expect(es.switcher).toEqual([{ locale: 'en', name: 'English', url: '/en/search/' }]);
    for (const page of [...site.pages, ...site.notFound]) expect([page.url, page.searchUrl]).toEqual([page.url, page.locale === 'en' ? '/en/search/' : '/es/buscar/']);
  });

  test('only document pages are filed in the search index: by their section in their language, and a study by its axes', () => {
    const filed = site.pages.filter((page) => page.searchFilters !== null);
    expect(filed.map((page) => page.url)).toEqual(site.pages.filter((page) => page.doc !== null).map((page) => page.url));
    expect(filed).toHaveLength(2 * (2 + 7 + 1 + 6));
    const study = pageAt(site, '/es/estudios/estudio-ciudades-inteligentes-2023/');
    expect(study.searchFilters?.type).toEqual(['Estudios']);
    expect(study.searchFilters?.axis).toEqual(expect.arrayContaining(['Nueva movilidad']));
    expect(study.searchFilters?.axis).toHaveLength(6);
    const axis = pageAt(site, '/en/axes/new-mobility/');
    expect(axis.searchFilters).toEqual({ type: ['Smart city axes'], axis: ['New Mobility'] });
    const event = site.pages.find((page) => page.kind === 'event' && page.locale === 'en')!;
    expect(event.searchFilters).toEqual({ type: ['Events'] });
    const article = site.pages.find((page) => page.kind === 'article' && page.locale === 'es')!;
    expect(article.searchFilters).toEqual({ type: ['Noticias'] });
  });

  test('on 8 Nov 2023 the Smart City Expo (7–9 Nov, Madrid) is upcoming, on the events pages and home', () => {
    for (const locale of ['en', 'es'] as const) {
      const events = pageAt(site, sectionPath(locale, 'events'));
      expect(ids(events.list?.upcoming)).toEqual([SCEWC_2023]);
      expect(ids(events.list?.undated)).toEqual([INNOVATE4CITIES]);
      expect(events.list?.past).toHaveLength(5);
      expect(ids(events.list?.past)).not.toContain(SCEWC_2023);
      // Most recent first for what is over.
      const pastDates = (events.list?.past ?? []).map((e) => e.startDate ?? '');
      expect([...pastDates].sort().reverse()).toEqual(pastDates);
      expect(events.list?.items).toHaveLength(7);

      const home = pageAt(site, `/${locale}/`);
      expect(ids(home.home?.upcoming)).toEqual([SCEWC_2023]);
      expect(home.home?.latestStudy?.documentId).toBe(STUDY_2023);
      expect(home.home?.news).toHaveLength(1);
    }
    expect(pageAt(site, '/es/').home?.upcoming[0]?.url).toBe('/es/eventos/smart-city-expo-world-congress-2023/');
  });

  test('the Expo turns past at midnight in Madrid after its last day, not at midnight UTC', () => {
    const before = buildSiteView(model, new Date('2023-11-09T22:59:00Z')); // 23:59 on 9 Nov in Madrid
    const after = buildSiteView(model, new Date('2023-11-09T23:00:00Z')); // 00:00 on 10 Nov in Madrid
    expect(ids(pageAt(before, '/en/events/').list?.upcoming)).toEqual([SCEWC_2023]);
    expect(ids(pageAt(after, '/en/events/').list?.upcoming)).toEqual([]);
    expect(ids(pageAt(after, '/en/events/').list?.past)[0]).toBe(SCEWC_2023);
    expect(pageAt(after, '/en/').home?.upcoming).toEqual([]);
  });

  test('upcoming events are listed soonest first, at most 3 on the home page', () => {
    const early = buildSiteView(model, new Date('2021-01-01T00:00:00Z'));
    const upcoming = pageAt(early, '/en/events/').list?.upcoming ?? [];
    expect(upcoming).toHaveLength(6);
    const dates = upcoming.map((e) => e.startDate ?? '');
    expect([...dates].sort()).toEqual(dates);
    expect(dates[0]).toBe('2021-10-06');
    expect(dates[5]).toBe('2023-11-07');
    expect(pageAt(early, '/en/').home?.upcoming.map((e) => e.startDate)).toEqual(dates.slice(0, 3));
  });
});

describe('buildSiteView with a missing translation', () => {
  const snap = structuredClone(FIXTURE);
  const studies = snap.collections.study as Record<Locale, { documentId: string }[]>;
  studies.es = studies.es.filter((s) => s.documentId !== STUDY_2023);
  const model = modelOf(snap);
  const site = buildSiteView(model, NOW);

  test('the en page remains; its switcher has no es URL and its alternates name only itself', () => {
    const en = pageAt(site, '/en/studies/smart-cities-study-2023/');
    expect(en.switcher).toEqual([{ locale: 'es', name: 'Español', url: null }]);
    expect(en.alternates).toEqual([{ locale: 'en', url: '/en/studies/smart-cities-study-2023/' }]);
    expect(en.xDefault).toBe('/en/studies/smart-cities-study-2023/');
  });

  test('there is no es page for it, nor for the SDGs only it names in Spanish', () => {
    expect(site.pages.filter((p) => p.doc?.documentId === STUDY_2023).map((p) => p.url)).toEqual(['/en/studies/smart-cities-study-2023/']);
    expect(site.pages.some((p) => p.url === '/es/estudios/estudio-ciudades-inteligentes-2023/')).toBe(false);
    expect(site.pages).toHaveLength(2 * 6 + 2 * (2 + 7 + 1 + 6) + 2 * (2 + 4 + 17 + 4) - 1 - 17);
    expect(site.pages.filter((p) => p.kind === 'topic' && p.topic?.kind === 'sdg').map((p) => p.locale)).toEqual(Array(17).fill('en'));
    expect(pageAt(site, '/en/sdgs/11/').alternates).toEqual([{ locale: 'en', url: '/en/sdgs/11/' }]);
    // The list of SDGs is still there in Spanish, and says it is empty.
    expect(pageAt(site, '/es/ods/').topicLinks).toEqual([]);
  });

  test('the Spanish home shows the other study as the latest, and alternates stay reciprocal', () => {
    expect(pageAt(site, '/es/').home?.latestStudy?.title).toBe('Estudio de Ciudades Inteligentes 2021');
    for (const a of site.pages) {
      for (const alt of a.alternates) {
        const b = pageAt(site, alt.url);
        expect(b.alternates).toContainEqual({ locale: a.locale, url: a.url });
      }
    }
  });

  test('an es-only document has its own URL as x-default', () => {
    const onlyEs = structuredClone(FIXTURE);
    const st = onlyEs.collections.study as Record<Locale, { documentId: string }[]>;
    st.en = st.en.filter((s) => s.documentId !== STUDY_2023);
    const view = buildSiteView(modelOf(onlyEs), NOW);
    const es = pageAt(view, '/es/estudios/estudio-ciudades-inteligentes-2023/');
    expect(es.xDefault).toBe('/es/estudios/estudio-ciudades-inteligentes-2023/');
    expect(es.switcher).toEqual([{ locale: 'en', name: 'English', url: null }]);
  });
});

test('an event no calendar can hold (it ends before it starts) offers no calendar file; the others do', () => {
  const model = modelOf();
  const [broken, ...rest] = model.events.filter((event) => event.locale === 'en' && event.startDate);
  const backwards = { ...broken!, endDate: '2000-01-01' };
  model.events = model.events.map((event) => (event === broken ? backwards : event));
  const site = buildSiteView(model, NOW);
  expect(pageAt(site, backwards.url).calendar).toBeNull();
  for (const event of rest) expect([event.url, pageAt(site, event.url).calendar]).toEqual([event.url, `${event.url}event.ics`]);
  expect(rest.length).toBeGreaterThan(3);
});
