// Long lists in pages of a fixed size. Pages are counted from the oldest end of a list, so
// that a new item at the top changes the first page only: the first page holds the newest
// items down to where the full pages begin (a list shorter than two pages is all on it), and every later
// page keeps its items until the number of pages changes, once in LIST_PAGE_SIZE new items.
import type { Locale } from '../../domain/locales.js';
import type { Pager } from '../../domain/site-view.js';
import { listPageUrl } from '../normalise/urls.js';

/** Cards on a page of a list (the first page may hold up to twice as many less one). */
export const LIST_PAGE_SIZE = 24;

/** The items of each page, newest first; a list with no items still has its first page. */
export const splitIntoPages = <T>(items: T[], size: number): T[][] => {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`a page holds at least one item, got ${size}`);
  const count = Math.max(1, Math.floor(items.length / size));
  const first = items.length - (count - 1) * size;
  const pages = [items.slice(0, first)];
  for (let start = first; start < items.length; start += size) pages.push(items.slice(start, start + size));
  return pages;
};

/** How many numbers either side of the current page its navigation shows. */
const NEIGHBOURS = 2;

export const pagerOf = (listUrl: string, locale: Locale, number: number, total: number): Pager => {
  const url = (n: number): string => listPageUrl(listUrl, locale, n);
  const shown = [...new Set([1, ...Array.from({ length: 2 * NEIGHBOURS + 1 }, (_, i) => number - NEIGHBOURS + i), total])].filter((n) => n >= 1 && n <= total).sort((a, b) => a - b);
  const links: Pager['links'] = [];
  for (const [i, n] of shown.entries()) {
    if (i > 0 && n > shown[i - 1]! + 1) links.push(null);
    links.push({ number: n, url: url(n) });
  }
  return { number, total, previous: number > 1 ? url(number - 1) : null, next: number < total ? url(number + 1) : null, links };
};
