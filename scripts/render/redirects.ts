// Addresses that moved keep answering. Spanish sections once lived under English words
// (/es/studies/); links to them live on in feeds readers hold, PDFs already downloaded and
// mail. Three ways to follow them, one per kind of host: the pipeline's own server answers 301
// from the _redirects file, Netlify and Cloudflare Pages read the same file, and a host that
// reads neither serves a small page at each old page address that sends the reader on.
import { LABELS } from '../../domain/labels.js';
import type { Locale } from '../../domain/locales.js';
import type { PageView } from '../../domain/site-view.js';
import { escapeMarkup } from '../lib/escape.js';
import { absoluteUrl, formerAddressOf, movedSections, type MovedSection } from '../normalise/urls.js';

/** An old page address and the page now at its place. */
export interface RedirectPage {
  from: string;
  to: string;
  locale: Locale;
}

/** Every section that moved, in the languages this build publishes. */
export const movedSectionsOf = (locales: readonly Locale[]): MovedSection[] => locales.flatMap(movedSections);

/**
 * The _redirects file (Netlify and Cloudflare Pages format; the pipeline's server reads it too).
 * `301!` forces the redirect where a file exists at the old address: the redirect pages below
 * are only for hosts that cannot redirect.
 */
export const redirectsFile = (moved: readonly MovedSection[]): string =>
  ['# Written by the build (scripts/render/redirects.ts): addresses that moved, and where they went.', ...moved.map(({ from, to }) => `${from}* ${to}:splat 301!`), ''].join('\n');

/** The old address of each page whose section moved. */
export const redirectPagesOf = (pages: readonly PageView[], moved: readonly MovedSection[]): RedirectPage[] =>
  pages.flatMap((page) => {
    const from = formerAddressOf(page.url, moved);
    return from === null ? [] : [{ from, to: page.url, locale: page.locale }];
  });

/** A page that sends the reader on at once, says where, and tells search engines the new address. */
export const redirectPageHtml = ({ to, locale }: RedirectPage, siteUrl: string): string => {
  const labels = LABELS[locale];
  const target = escapeMarkup(to);
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<title>${escapeMarkup(labels.pageMoved)}</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=${target}">
<link rel="canonical" href="${escapeMarkup(absoluteUrl(siteUrl, to))}">
</head>
<body>
<p><a href="${target}">${escapeMarkup(labels.pageMovedTo)}</a></p>
</body>
</html>
`;
};
