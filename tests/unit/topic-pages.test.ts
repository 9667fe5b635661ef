// Topic pages, built from the normalised sample snapshot with a pinned `now`: a page per city
// (slugged from its name and country, two spellings that slug alike being one city), per SDG,
// per year of news and of events, and the axes' pages, each listing what the content model
// links to it newest first, paged like the section lists; and which pages an added news item
// changes (only those it enters).
import { readFileSync } from 'node:fs';
import type { RawSnapshot } from '../../scripts/fetch/snapshot.js';
import type { Article, ContentModel, Event, GoodPractice, Study } from '../../domain/model.js';
import type { PageView, SiteView } from '../../domain/site-view.js';
import { normalise } from '../../scripts/normalise/normalise.js';
import { citySlug, cityUrl, sectionUrl, yearArchiveUrl } from '../../scripts/normalise/urls.js';
import { buildSiteView } from '../../scripts/render/pages.js';
import { hashPageViews } from '../../scripts/render/page-hash.js';

const FIXTURE: RawSnapshot = JSON.parse(readFileSync(new URL('../fixtures/sample-snapshot.json', import.meta.url), 'utf8'));
const NOW = new Date('2023-11-08T12:00:00Z');
const STUDY_2023 = 'lmu1f1poi5nvnomszawgggjs';
const STUDY_2021 = 'eb4rvh1erayk9rsce7a6bmzy';
const SCEWC_2023 = 'ykb5img2loyderwign5la2l8';
const UNDATED_EVENT = 'tgc15ae6g7qm1bogqjp8e3ai';

const modelOf = (): ContentModel => normalise(structuredClone(FIXTURE), { cmsUrl: 'http://cms.test:1337' });
const pageAt = (site: SiteView, url: string): PageView => {
  const page = site.pages.find((p) => p.url === url);
  if (!page) throw new Error(`no page at ${url}; topic pages: ${site.pages.filter((p) => p.kind === 'topic').map((p) => p.url).join(' ')}`);
  return page;
};
const urlsOf = (items: { url: string }[] | undefined): string[] => (items ?? []).map((item) => item.url);
const studyOf = (model: ContentModel, documentId: string, locale: 'en' | 'es'): Study => model.studies.find((s) => s.documentId === documentId && s.locale === locale)!;

/** A news item in English, linked to these studies. */
const article = (model: ContentModel, slug: string, date: string, studies: string[]): Article => {
  const template = model.articles.find((a) => a.locale === 'en')!;
  return { ...template, documentId: `news-${slug}`, slug, title: `News ${slug}`, url: `${sectionUrl('article', 'en')}${slug}/`, date, studies: studies.map((documentId) => ({ documentId, title: studyOf(model, documentId, 'en').title, url: studyOf(model, documentId, 'en').url })), events: [] };
};

describe('city slugs', () => {
  test('name and country code, lowercased, accents and punctuation dropped, other scripts kept', () => {
    expect(citySlug({ name: 'Barcelona', countryCode: 'ES' })).toBe('barcelona-es');
    expect(citySlug({ name: 'São Paulo', countryCode: 'BR' })).toBe('sao-paulo-br');
    expect(citySlug({ name: ' Hanói ', countryCode: 'VN' })).toBe('hanoi-vn');
    expect(citySlug({ name: "L'Hospitalet de Llobregat", countryCode: 'ES' })).toBe('l-hospitalet-de-llobregat-es');
    expect(citySlug({ name: 'الرباط', countryCode: 'MA' })).toBe('الرباط-ma');
    expect(cityUrl('en', citySlug({ name: 'الرباط', countryCode: 'MA' }))).toBe('/en/cities/%D8%A7%D9%84%D8%B1%D8%A8%D8%A7%D8%B7-ma/');
    expect(cityUrl('es', 'barcelona-es')).toBe('/es/ciudades/barcelona-es/');
  });
});

describe('topic pages of the sample content', () => {
  const model = modelOf();
  const site = buildSiteView(model, NOW);

  test('a page per city in each language, named in it and paired by the city: London ↔ Londres', () => {
    expect(pageAt(site, '/en/cities/').topicLinks?.map((link) => [link.name, link.url])).toEqual([
      ['Barcelona', '/en/cities/barcelona-es/'],
      ['Bilbao', '/en/cities/bilbao-es/'],
      ['Hanoi', '/en/cities/hanoi-vn/'],
      ['London', '/en/cities/london-gb/'],
    ]);
    const london = pageAt(site, '/en/cities/london-gb/');
    expect([london.kind, london.title, london.section, london.topic?.kind]).toEqual(['topic', 'London', 'topics', 'city']);
    expect(london.alternates).toEqual([{ locale: 'en', url: '/en/cities/london-gb/' }, { locale: 'es', url: '/es/ciudades/londres-gb/' }]);
    expect(pageAt(site, '/es/ciudades/hanoi-vn/').title).toBe('Hanói');
    expect(pageAt(site, '/es/ciudades/').alternates.map((a) => a.url)).toEqual(['/en/cities/', '/es/ciudades/']);
  });

  test('a city lists its studies, events and the news linked to them, newest first', () => {
    const bilbao = pageAt(site, '/en/cities/bilbao-es/');
    const newsItem = model.articles.find((a) => a.locale === 'en')!;
    // The 2023 study has no publication date: it counts from its year, after what is dated in it.
    expect(urlsOf(bilbao.list?.items)).toEqual([newsItem.url, studyOf(model, STUDY_2023, 'en').url, studyOf(model, STUDY_2021, 'en').url]);
    expect(urlsOf(pageAt(site, '/en/cities/barcelona-es/').list?.items)).toEqual([model.events.find((e) => e.documentId === SCEWC_2023 && e.locale === 'en')!.url]);
  });

  test('a page per SDG, its list of all, and study pages link to their cities and SDGs', () => {
    const sdgs = pageAt(site, '/en/sdgs/');
    expect(sdgs.topicLinks).toHaveLength(17);
    expect(sdgs.topicLinks?.map((link) => link.sdg?.number)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    const eleven = pageAt(site, '/en/sdgs/11/');
    expect([eleven.title, eleven.topic?.sdg?.color]).toEqual(['SDG 11: Sustainable Cities and Communities', '#FD9D24']);
    expect(pageAt(site, '/es/ods/11/').alternates.map((a) => a.url)).toEqual(['/en/sdgs/11/', '/es/ods/11/']);
    const study = pageAt(site, studyOf(model, STUDY_2023, 'es').url);
    expect(study.topicUrls?.cities).toEqual({ i22t0mf8ykmfu6npapo9nsay: '/es/ciudades/bilbao-es/' });
    expect(study.topicUrls?.sdgs['11']).toBe('/es/ods/11/');
    for (const url of [...Object.values(study.topicUrls!.cities), ...Object.values(study.topicUrls!.sdgs), study.topicUrls!.cityList, study.topicUrls!.sdgList]) expect(pageAt(site, url).locale).toBe('es');
  });

  test('years: news by date, events by start date, undated events in none; the section lists link to them', () => {
    const eventYears = pageAt(site, sectionUrl('event', 'en')).topicLinks;
    expect(eventYears?.map((link) => [link.name, link.url])).toEqual([2023, 2022, 2021].map((year) => [String(year), yearArchiveUrl('event', 'en', year)]));
    expect(yearArchiveUrl('event', 'es', 2021)).toBe(`${sectionUrl('event', 'es')}archivo/2021/`);
    const y2021 = pageAt(site, yearArchiveUrl('event', 'en', 2021));
    expect([y2021.title, y2021.section]).toEqual(['Events of 2021', 'events']);
    const expected2021 = model.events.filter((e) => e.locale === 'en' && e.startDate?.startsWith('2021'));
    expect(urlsOf(y2021.list?.items)).toEqual(expected2021.map((e) => e.url));
    expect(expected2021.length).toBe(3);
    const undated = model.events.find((e) => e.documentId === UNDATED_EVENT && e.locale === 'en')!;
    expect(site.pages.filter((p) => p.topic?.kind === 'year' && urlsOf(p.list?.items).includes(undated.url))).toEqual([]);
    expect(pageAt(site, sectionUrl('article', 'es')).topicLinks).toEqual([{ name: '2023', url: yearArchiveUrl('article', 'es', 2023), sdg: null }]);
    expect(pageAt(site, yearArchiveUrl('article', 'es', 2023)).title).toBe('Noticias de 2023');
  });

  test('an axis page lists its studies and the news linked to them', () => {
    const axis = model.axes.find((a) => a.locale === 'en' && a.documentId === studyOf(model, STUDY_2023, 'en').axes[0]!.documentId)!;
    const page = pageAt(site, axis.url);
    expect([page.kind, page.doc, page.pager?.total]).toEqual(['axis', axis, 1]);
    expect(urlsOf(page.list?.items)).toEqual([model.articles.find((a) => a.locale === 'en')!.url, studyOf(model, STUDY_2023, 'en').url]);
  });
});

describe('topic pages beyond the sample', () => {
  test('a news item in a new year adds its year to the first page of the news list only: the later pages stay as they were', () => {
    const model = modelOf();
    model.articles = [...Array.from({ length: 5 }, (_, i) => article(model, `old-${i}`, `2022-0${i + 1}-01`, [])), ...model.articles];
    const before = buildSiteView(model, NOW, [], { listPageSize: 2 });
    model.articles = [article(model, 'new-year', '2031-01-01', []), ...model.articles];
    const after = buildSiteView(model, NOW, [], { listPageSize: 2 });
    const news = (site: SiteView): PageView[] => site.pages.filter((p) => p.kind === 'news' && p.locale === 'en');
    expect(news(after).length).toBeGreaterThan(1);
    expect(news(after)[0]?.topicLinks?.map((link) => link.name)).toEqual(['2031', '2023', '2022']);
    // Page 2 and beyond: no year links, and the same view as before the new item (the pager's count of pages aside).
    const later = (site: SiteView) => news(site).filter((p) => (p.pager?.number ?? 1) > 1).map(({ topicLinks, list, url }) => ({ topicLinks, list: urlsOf(list?.items), url }));
    expect(later(after).every((p) => p.topicLinks === null)).toBe(true);
    expect(later(after)).toEqual(later(before));
  });

  test('two spellings that slug alike are one city, named as its newest document spells it', () => {
    const model = modelOf();
    const scewc = model.events.find((e) => e.documentId === SCEWC_2023 && e.locale === 'en')!;
    const later: Event = { ...scewc, documentId: 'later-expo', slug: 'later-expo', url: `${sectionUrl('event', 'en')}later-expo/`, startDate: '2024-11-05', endDate: '2024-11-07', city: { ...scewc.city!, documentId: 'another-city-document', name: 'BARCELONA' } };
    model.events = [later, ...model.events];
    const site = buildSiteView(model, NOW);
    const barcelona = pageAt(site, '/en/cities/barcelona-es/');
    expect(barcelona.title).toBe('BARCELONA');
    expect(urlsOf(barcelona.list?.items)).toEqual([later.url, scewc.url]);
    expect(site.pages.filter((p) => p.topic?.kind === 'city' && p.locale === 'en')).toHaveLength(4);
  });

  test('good practices are listed on their city and SDG pages, linking to their place on the study page', () => {
    const model = modelOf();
    const study = studyOf(model, STUDY_2021, 'en');
    const hanoi = model.events.find((e) => e.locale === 'en' && e.city?.countryCode === 'VN')!.city!;
    const practice: GoodPractice = { documentId: 'practice-one', title: 'Open data portal', descriptionHtml: '<p>Data.</p>', city: hanoi, axis: null, sdgs: [{ number: 9, name: 'Industry, innovation and infrastructure', color: '#FD6925' }] };
    model.studies = model.studies.map((s) => (s === study ? { ...s, goodPractices: [practice] } : s));
    const site = buildSiteView(model, NOW);
    const entry = { type: 'practice', documentId: 'practice-one', title: 'Open data portal', url: `${study.url}#practice-practice-one`, parent: { title: study.title, url: study.url }, city: hanoi };
    expect(pageAt(site, '/en/cities/hanoi-vn/').list?.items).toContainEqual(entry);
    expect(pageAt(site, '/en/sdgs/9/').list?.items).toContainEqual(entry);
    // The study page links the practice's city and SDG.
    expect(pageAt(site, study.url).topicUrls).toMatchObject({ cities: { [hanoi.documentId]: '/en/cities/hanoi-vn/' }, sdgs: { 9: '/en/sdgs/9/' } });
  });

  test('topic pages are paged like lists: stable later pages, numbered titles, the first page\'s card, alternates only where the page exists', () => {
    const model = modelOf();
    const extra = Array.from({ length: 7 }, (_, i) => article(model, `extra-${i}`, `2022-0${i + 1}-15`, [STUDY_2021]));
    model.articles = [...model.articles, ...[...extra].reverse()];
    const site = buildSiteView(model, NOW, [], { listPageSize: 3 });
    // Bilbao in English: the 2023 news item, the two studies and the 7 items: 10, in pages of 4, 3 and 3.
    const pages = site.pages.filter((p) => p.url.startsWith('/en/cities/bilbao-es/')).sort((a, b) => a.pager!.number - b.pager!.number);
    expect(pages.map((p) => [p.url, p.title, p.list?.items.length, p.ogImage])).toEqual([
      ['/en/cities/bilbao-es/', 'Bilbao', 4, '/en/cities/bilbao-es/og.png'],
      ['/en/cities/bilbao-es/page/2/', 'Bilbao, page 2 of 3', 3, '/en/cities/bilbao-es/og.png'],
      ['/en/cities/bilbao-es/page/3/', 'Bilbao, page 3 of 3', 3, '/en/cities/bilbao-es/og.png'],
    ]);
    // The oldest are on the last page.
    expect(urlsOf(pages[2]!.list?.items)).toEqual([extra[1]!.url, extra[0]!.url, studyOf(model, STUDY_2021, 'en').url]);
    // In Spanish Bilbao has three items: one page, the alternate of the first page only.
    expect(pages.map((p) => p.alternates.map((a) => a.url))).toEqual([['/en/cities/bilbao-es/', '/es/ciudades/bilbao-es/'], ['/en/cities/bilbao-es/page/2/'], ['/en/cities/bilbao-es/page/3/']]);
    expect(pageAt(site, '/es/ciudades/bilbao-es/').pager?.total).toBe(1);
    // One more, newest: only the first page changes.
    model.articles = [article(model, 'newest', '2023-12-01', [STUDY_2021]), ...model.articles];
    const after = buildSiteView(model, NOW, [], { listPageSize: 3 });
    expect(pageAt(after, '/en/cities/bilbao-es/').list?.items.length).toBe(5);
    for (const n of [2, 3]) expect(urlsOf(pageAt(after, `/en/cities/bilbao-es/page/${n}/`).list?.items)).toEqual(urlsOf(pages[n - 1]!.list?.items));
  });

  test('an axis nothing links to still has its page, with an empty list', () => {
    const model = modelOf();
    model.studies = model.studies.filter((s) => s.documentId !== STUDY_2023);
    model.articles = [];
    const site = buildSiteView(model, NOW);
    for (const axis of model.axes) expect([axis.url, pageAt(site, axis.url).list?.items]).toEqual([axis.url, []]);
  });

  test('publishing a news item changes only the pages it enters', () => {
    const context = { templates: 'templates', siteUrl: 'http://site.test' };
    const model = modelOf();
    const before = hashPageViews(buildSiteView(model, NOW).pages, context);
    const added = article(model, 'bilbao-update', '2023-10-20', [STUDY_2021]);
    const site = buildSiteView({ ...model, articles: [added, ...model.articles] }, NOW);
    const after = hashPageViews(site.pages, context);
    const changed = Object.keys(after).filter((url) => before[url] !== after[url]);
    // Its page, the first page of the news list, the home page, its year's archive and its study's city.
    expect(changed.sort()).toEqual([added.url, sectionUrl('article', 'en'), '/en/', yearArchiveUrl('article', 'en', 2023), '/en/cities/bilbao-es/'].sort());
    // Linked to the 2023 study instead, it enters that study's SDGs and axes too, and still nothing in Spanish.
    const wide = article(model, 'study-update', '2023-10-20', [STUDY_2023]);
    const wideHashes = hashPageViews(buildSiteView({ ...model, articles: [wide, ...model.articles] }, NOW).pages, context);
    const wideChanged = Object.keys(wideHashes).filter((url) => before[url] !== wideHashes[url]);
    expect(wideChanged.filter((url) => url.startsWith('/en/sdgs/'))).toHaveLength(17);
    expect(wideChanged.filter((url) => url.startsWith(sectionUrl('axis', 'en')))).toHaveLength(6);
    expect(wideChanged.filter((url) => url.startsWith('/es/'))).toEqual([]);
    expect(wideChanged).not.toContain('/en/cities/london-gb/');
  });
});

test('a relation to a topic not published in a language: shown without a link, named in the report, and no page is made for it', () => {
  const snap = structuredClone(FIXTURE);
  const axes = snap.collections.axis as Record<'en' | 'es', { documentId: string }[]>;
  const gone = axes.es[0]!.documentId;
  axes.es = axes.es.slice(1);
  const model = normalise(snap, { cmsUrl: 'http://cms.test:1337' });
  const study = studyOf(model, STUDY_2023, 'es');
  expect(study.axes.find((ref) => ref.documentId === gone)).toMatchObject({ url: null });
  expect(model.issues.filter((issue) => issue.kind === 'broken-link')).toEqual([
    expect.objectContaining({ type: 'study', documentId: STUDY_2023, locale: 'es', field: 'axes', message: expect.stringContaining(`(${gone}) is not published in es, so it is shown without a link`) }),
  ]);
  const site = buildSiteView(model, NOW);
  // The study is still listed on its other topics' pages; the axis has no Spanish page.
  expect(site.pages.filter((p) => p.locale === 'es' && p.kind === 'axis')).toHaveLength(5);
  expect(urlsOf(pageAt(site, '/es/ods/11/').list?.items)).toContain(study.url);
});

test('one city document spelled two ways that slug apart in one language: two pages, each its own alternate in that language', () => {
  const model = modelOf();
  const scewc = model.events.find((e) => e.documentId === SCEWC_2023 && e.locale === 'en')!;
  const other: Event = { ...scewc, documentId: 'other-expo', slug: 'other-expo', url: `${sectionUrl('event', 'en')}other-expo/`, city: { ...scewc.city!, name: 'Barna' } };
  model.events = [other, ...model.events];
  const site = buildSiteView(model, NOW);
  expect(pageAt(site, '/en/cities/barna-es/').alternates.filter((a) => a.locale === 'en')).toEqual([{ locale: 'en', url: '/en/cities/barna-es/' }]);
  expect(pageAt(site, '/en/cities/barcelona-es/').alternates.filter((a) => a.locale === 'en')).toEqual([{ locale: 'en', url: '/en/cities/barcelona-es/' }]);
});
