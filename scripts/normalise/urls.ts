// URLs of the site, made in one place so pages, links, feeds and the sitemap agree.
import type { Locale } from '../locales.js';
import type { DocumentType } from './model.js';

export const SECTION: Record<DocumentType, string> = {
  study: 'studies',
  event: 'events',
  article: 'news',
  axis: 'axes',
};

export const documentUrl = (type: DocumentType, locale: Locale, slug: string): string => `/${locale}/${SECTION[type]}/${encodeURIComponent(slug)}/`;
export const sectionUrl = (type: DocumentType, locale: Locale): string => `/${locale}/${SECTION[type]}/`;
export const homeUrl = (locale: Locale): string => `/${locale}/`;

/** Where a CMS upload lives on the site: its file name is already a content hash. */
export const mediaSitePath = (uploadUrl: string): string => {
  const name = decodeURIComponent(new URL(uploadUrl, 'http://cms.invalid').pathname.split('/').pop() ?? '');
  return `/media/${encodeURIComponent(name.replace(/[^A-Za-z0-9._-]/g, '_'))}`;
};

/** SITE_URL is the root of a host (https://cities.example.org); paths are site-relative. */
export const absoluteUrl = (siteUrl: string, path: string): string => `${siteUrl.replace(/\/+$/, '')}${path}`;
