// Lists in pages: how items split (counted from the oldest end, so a new item changes the first
// page only), the navigation each page shows, and the page views of the sample content with a
// small page size: titles, alternates to the same page number where it exists, one card.
import { readFileSync } from 'node:fs';
import type { RawSnapshot } from '../../scripts/fetch/snapshot.js';
import type { Article, ContentModel } from '../../domain/model.js';
import { normalise } from '../../scripts/normalise/normalise.js';
import { pagerOf, splitIntoPages } from '../../scripts/render/list-pages.js';
import { hashPageViews } from '../../scripts/render/page-hash.js';
import { buildSiteView } from '../../scripts/render/pages.js';
import type { PageView } from '../../domain/site-view.js';

const FIXTURE: RawSnapshot = JSON.parse(readFileSync(new URL('../fixtures/sample-snapshot.json', import.meta.url), 'utf8'));
const NOW = new Date('2023-11-08T12:00:00Z');
const modelOf = (): ContentModel => normalise(structuredClone(FIXTURE), { cmsUrl: 'http://cms.test:1337' });
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('splitIntoPages', () => {
  test.each([
    [0, 24, [0]],
    [1, 24, [1]],
    [23, 24, [23]],
    [24, 24, [24]],
    [47, 24, [47]],
    [48, 24, [24, 24]],
    [49, 24, [25, 24]],
    [100, 24, [28, 24, 24, 24]],
  ])('%i items in pages of %i: %j', (count, size, sizes) => {
    const pages = splitIntoPages(range(count), size);
    expect(pages.map((page) => page.length)).toEqual(sizes);
    expect(pages.flat()).toEqual(range(count)); // every item once, in order
  });

  test('a new item at the top changes the first page only, until the count of pages grows', () => {
    let before = splitIntoPages(range(100).map((i) => `item ${i}`), 10);
    for (let newest = 1; newest <= 15; newest += 1) {
      const items = [...range(newest).map((i) => `new ${newest - i}`), ...range(100).map((i) => `item ${i}`)];
      const after = splitIntoPages(items, 10);
      if (after.length === before.length) expect(after.slice(1)).toEqual(before.slice(1));
      else expect([newest, after.length]).toEqual([10, 11]); // 110 items: one more page, once in ten items
      before = after;
    }
  });

  test('a page holds at least one item', () => {
    expect(() => splitIntoPages([1], 0)).toThrow(RangeError);
  });
});

describe('pagerOf', () => {
  const numbers = (links: ReturnType<typeof pagerOf>['links']) => links.map((link) => link?.number ?? '…');

  test('the first, the last and two either side of the current page, with gaps marked', () => {
    expect(numbers(pagerOf('/en/news/', 'en', 1, 1).links)).toEqual([1]);
    expect(numbers(pagerOf('/en/news/', 'en', 1, 300).links)).toEqual([1, 2, 3, '…', 300]);
    expect(numbers(pagerOf('/en/news/', 'en', 150, 300).links)).toEqual([1, '…', 148, 149, 150, 151, 152, '…', 300]);
    expect(numbers(pagerOf('/en/news/', 'en', 4, 6).links)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(numbers(pagerOf('/en/news/', 'en', 300, 300).links)).toEqual([1, '…', 298, 299, 300]);
  });

  test('previous and next, and the addresses in each language', () => {
    expect(pagerOf('/en/news/', 'en', 1, 3)).toMatchObject({ previous: null, next: '/en/news/page/2/' });
    expect(pagerOf('/en/news/', 'en', 2, 3)).toMatchObject({ previous: '/en/news/', next: '/en/news/page/3/' });
    expect(pagerOf('/es/noticias/', 'es', 3, 3)).toMatchObject({ previous: '/es/noticias/pagina/2/', next: null });
    expect(pagerOf('/es/noticias/', 'es', 3, 3).links[0]).toEqual({ number: 1, url: '/es/noticias/' });
  });
});

describe('list pages of the sample content, two cards a page', () => {
  const model = modelOf();
  const site = buildSiteView(model, NOW, [], { listPageSize: 2 });
  // A section's own pages (its years' archives and the axes' pages are lists of their own, with topic-pages.test.ts).
  const listPages = (prefix: string): PageView[] => site.pages.filter((page) => page.pager && page.url.startsWith(prefix) && (prefix === '/' || ['studies', 'events', 'news', 'axes'].includes(page.kind)));

  test('each list has its pages at stable addresses, titled with their number, and nothing past the last', () => {
    const axes = listPages('/en/axes/');
    expect(axes.map((page) => [page.url, page.title, page.pager?.number, page.pager?.total, page.list?.items.length])).toEqual([
      ['/en/axes/', 'Smart city axes', 1, 3, 2],
      ['/en/axes/page/2/', 'Smart city axes, page 2 of 3', 2, 3, 2],
      ['/en/axes/page/3/', 'Smart city axes, page 3 of 3', 3, 3, 2],
    ]);
    expect(listPages('/es/ejes/').map((page) => [page.url, page.title])).toEqual([
      ['/es/ejes/', 'Ejes de la ciudad inteligente'],
      ['/es/ejes/pagina/2/', 'Ejes de la ciudad inteligente, página 2 de 3'],
      ['/es/ejes/pagina/3/', 'Ejes de la ciudad inteligente, página 3 de 3'],
    ]);
    expect(site.pages.some((page) => page.url === '/en/axes/page/4/')).toBe(false);
    // Every axis once, newest first as the model lists them.
    expect(axes.flatMap((page) => page.list!.items.map((item) => item.url))).toEqual(model.axes.filter((axis) => axis.locale === 'en').map((axis) => axis.url));
  });

  test('page n names page n of the other language as its alternate, and x-default the English one', () => {
    const page2 = site.pages.find((page) => page.url === '/es/ejes/pagina/2/')!;
    expect(page2.alternates).toEqual([{ locale: 'en', url: '/en/axes/page/2/' }, { locale: 'es', url: '/es/ejes/pagina/2/' }]);
    expect(page2.xDefault).toBe('/en/axes/page/2/');
    expect(page2.switcher).toEqual([{ locale: 'en', name: 'English', url: '/en/axes/page/2/' }]);
  });

  test('a page that exists in one language only names no alternate in the other', () => {
    const fewer = modelOf();
    fewer.axes = fewer.axes.filter((axis) => axis.locale === 'en' || fewer.axes.filter((a) => a.locale === 'es').indexOf(axis) < 2);
    const view = buildSiteView(fewer, NOW, [], { listPageSize: 2 });
    const en3 = view.pages.find((page) => page.url === '/en/axes/page/3/')!;
    expect(en3.alternates).toEqual([{ locale: 'en', url: '/en/axes/page/3/' }]);
    expect(en3.switcher).toEqual([{ locale: 'es', name: 'Español', url: null }]);
    expect(view.pages.filter((page) => page.kind === 'axes' && page.locale === 'es').map((page) => page.url)).toEqual(['/es/ejes/']);
  });

  test('events: one list of what is coming, what has no date and what is over, each page showing its parts', () => {
    const events = listPages('/en/events/');
    const whole = model.events.filter((event) => event.locale === 'en');
    expect(events.flatMap((page) => page.list!.items).sort((a, b) => a.url.localeCompare(b.url))).toEqual([...whole].sort((a, b) => a.url.localeCompare(b.url)));
    expect(events.length).toBe(Math.max(1, Math.floor(whole.length / 2)));
    const sequence = events.flatMap((page) => [...page.list!.upcoming, ...page.list!.undated, ...page.list!.past]);
    expect(sequence).toEqual(events.flatMap((page) => page.list!.items));
    // What is coming comes first, soonest first; what is over last, most recent first.
    const first = events[0]!.list!;
    expect(first.upcoming.length).toBeGreaterThan(0);
    expect(events.at(-1)!.list!.past.length).toBeGreaterThan(0);
  });

  test('later pages show the first page\'s card; the first page has its own', () => {
    for (const page of listPages('/')) expect([page.url, page.ogImage]).toEqual([page.url, `${page.url.replace(/(page|pagina)\/\d+\/$/, '')}og.png`]);
  });

  test('a new news item changes the first page of the news list only', () => {
    const withNews = (count: number): ContentModel => {
      const next = modelOf();
      const [sample] = next.articles.filter((article) => article.locale === 'en') as [Article];
      // Newest first, as the model orders them.
      next.articles = range(count).map((i): Article => ({ ...sample, documentId: `news${count - i}`, slug: `news-${count - i}`, url: `/en/news/news-${count - i}/`, title: `News ${count - i}` }));
      return next;
    };
    const hashes = (model: ContentModel) => hashPageViews(buildSiteView(model, NOW, [], { listPageSize: 2 }).pages, { templates: 't', siteUrl: 'https://x.test' });
    const before = hashes(withNews(8));
    const after = hashes(withNews(9));
    const newsLists = Object.keys(after).filter((url) => /^\/en\/news\/(page\/\d+\/)?$/.test(url));
    expect(newsLists).toEqual(['/en/news/', '/en/news/page/2/', '/en/news/page/3/', '/en/news/page/4/']);
    expect(newsLists.filter((url) => before[url] !== after[url])).toEqual(['/en/news/']);
  });
});
