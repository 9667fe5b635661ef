// URLs of the site, made in one place so pages, links, feeds and the sitemap agree.
import { createHash } from 'node:crypto';
import type { Locale } from '../../domain/locales.js';
import { DOCUMENT_TYPES, type DocumentType, type Event, type Place, type Study } from '../../domain/model.js';

/** A section's word in the address, in the reader's language: /en/news/, /es/noticias/. */
const SECTION: Record<Locale, Record<DocumentType, string>> = {
  en: { study: 'studies', event: 'events', article: 'news', axis: 'axes' },
  es: { study: 'estudios', event: 'eventos', article: 'noticias', axis: 'ejes' },
};
/**
 * The words every language used before sections had addresses in their own language. Links
 * to them live on in feeds readers hold, PDFs already downloaded and mail: they redirect.
 */
const FORMER_SECTION: Record<DocumentType, string> = SECTION.en;

export const documentUrl = (type: DocumentType, locale: Locale, slug: string): string => `${sectionUrl(type, locale)}${encodeURIComponent(slug)}/`;
export const sectionUrl = (type: DocumentType, locale: Locale): string => `/${locale}/${SECTION[locale][type]}/`;

/** A section whose address changed: everything under `from` now lives under `to`. */
export interface MovedSection {
  from: string;
  to: string;
}

/** The sections of a locale that once had another address (none in English). */
export const movedSections = (locale: Locale): MovedSection[] =>
  DOCUMENT_TYPES.flatMap((type) => {
    const from = `/${locale}/${FORMER_SECTION[type]}/`;
    const to = sectionUrl(type, locale);
    return from === to ? [] : [{ from, to }];
  });

/** Where an address is now: the same, unless its section moved. */
export const currentAddressOf = (pathname: string, moved: readonly MovedSection[]): string => {
  const section = moved.find(({ from }) => pathname.startsWith(from) || `${pathname}/` === from);
  return section ? `${section.to}${pathname.slice(section.from.length)}` : pathname;
};

/** The address a page had before its section moved, or null when it has always been where it is. */
export const formerAddressOf = (url: string, moved: readonly MovedSection[]): string | null => {
  const section = moved.find(({ to }) => url.startsWith(to));
  return section ? `${section.from}${url.slice(section.to.length)}` : null;
};
export const homeUrl = (locale: Locale): string => `/${locale}/`;
/** The word in the address of a list's later pages, in the reader's language. */
const PAGE_WORD: Record<Locale, string> = { en: 'page', es: 'pagina' };
/** Page n of a list: its first page is the list's own address, /en/news/; then /en/news/page/2/. */
export const listPageUrl = (listUrl: string, locale: Locale, n: number): string => (n === 1 ? listUrl : `${listUrl}${PAGE_WORD[locale]}/${n}/`);
/** The word in the address of the search page, in the reader's language. */
const SEARCH_WORD: Record<Locale, string> = { en: 'search', es: 'buscar' };
/** A language's search page: /en/search/, /es/buscar/. */
export const searchUrl = (locale: Locale): string => `/${locale}/${SEARCH_WORD[locale]}/`;
/** Where the build writes the search index (Pagefind's bundle, one index per language inside it). */
export const SEARCH_INDEX_PATH = '/pagefind/';

// Topic pages. Cities and SDGs have no section of their own among the documents, so their
// words are here, per language; a year's archive sits under its section (sectionUrl).
const CITIES_WORD: Record<Locale, string> = { en: 'cities', es: 'ciudades' };
const SDGS_WORD: Record<Locale, string> = { en: 'sdgs', es: 'ods' };
const ARCHIVE_WORD: Record<Locale, string> = { en: 'archive', es: 'archivo' };

/**
 * A city's slug: its name and country code, lowercased, accents and punctuation dropped
 * ("São Paulo", BR → sao-paulo-br). The CMS gives cities no slug; two spellings that come out
 * alike ("Barcelona", "barcelona ") are one city. Letters of other scripts are kept.
 */
export const citySlug = (place: Pick<Place, 'name' | 'countryCode'>): string =>
  `${place.name} ${place.countryCode}`
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
/** The list of every city: /en/cities/, /es/ciudades/. */
export const cityListUrl = (locale: Locale): string => `/${locale}/${CITIES_WORD[locale]}/`;
/** A city's page: /en/cities/barcelona-es/. */
export const cityUrl = (locale: Locale, slug: string): string => `${cityListUrl(locale)}${encodeURIComponent(slug)}/`;
/** The list of the SDGs: /en/sdgs/, /es/ods/. */
export const sdgListUrl = (locale: Locale): string => `/${locale}/${SDGS_WORD[locale]}/`;
/** An SDG's page, by its number: /en/sdgs/11/. */
export const sdgUrl = (locale: Locale, number: number): string => `${sdgListUrl(locale)}${number}/`;
/** A year's archive of a section: /en/news/archive/2024/, /en/events/archive/2024/. */
export const yearArchiveUrl = (type: 'article' | 'event', locale: Locale, year: number): string => `${sectionUrl(type, locale)}${ARCHIVE_WORD[locale]}/${year}/`;

/** A language's 404 page; the server (and a static host) answers unknown paths under /{locale}/ with it. */
export const notFoundUrl = (locale: Locale): string => `/${locale}/404.html`;

/** A page's Open Graph card, beside the page. */
export const ogImagePath = (pageUrl: string): string => `${pageUrl}og.png`;
/** Whether a page's card is its own (a list's later pages show the first page's; a 404 page none). */
export const ownsCard = (page: { url: string; ogImage: string }): boolean => page.ogImage === ogImagePath(page.url);

/** Every event of a locale, in one calendar to subscribe to. */
export const calendarPath = (locale: Locale): string => `/${locale}/events.ics`;

/** One event's calendar file, beside its page. */
export const eventCalendarPath = (event: Pick<Event, 'url'>): string => `${event.url}event.ics`;

/** The word for "summary" in the file name readers download, in their language. */
const SUMMARY_WORD: Record<Locale, string> = { en: 'summary', es: 'resumen' };

/** /en/studies/smart-cities-study-2023/smart-cities-study-2023-summary.pdf (…-resumen.pdf in Spanish) */
export const summaryPath = (study: Pick<Study, 'url' | 'slug' | 'locale'>): string => `${study.url}${study.slug}-${SUMMARY_WORD[study.locale]}.pdf`;

/**
 * Where a CMS upload lives on the site: /media/ and its file name, which is already a content
 * hash, wherever the file is kept (/uploads/x_1a2b.jpg on the CMS, https://bucket…/x_1a2b.jpg),
 * so moving media to a bucket changes no site path. The name is made safe to be a file: other
 * characters become _, and a name that would still mean something to a file system ("..", a
 * dot file, nothing at all) is replaced by a digest of the URL.
 */
export const mediaSitePath = (uploadUrl: string): string => {
  const last = new URL(uploadUrl, 'http://cms.invalid').pathname.split('/').pop() ?? '';
  let name: string;
  try {
    name = decodeURIComponent(last);
  } catch {
    name = last;
  }
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return `/media/${/^[A-Za-z0-9_-]/.test(safe) ? safe : `file-${createHash('sha256').update(uploadUrl).digest('hex').slice(0, 16)}`}`;
};

/** SITE_URL is the root of a host (https://cities.example.org); paths are site-relative. */
export const absoluteUrl = (siteUrl: string, path: string): string => `${siteUrl.replace(/\/+$/, '')}${path}`;
