// Addresses that moved keep answering. Spanish sections once lived under English words
// (/es/studies/), and documents change their slugs or stop being published (normalise/history);
// links to them live on in feeds readers hold, PDFs already downloaded and mail. Three ways to follow them, one per kind of host: the pipeline's own server answers 301
// from the _redirects file, Netlify and Cloudflare Pages read the same file, and a host that
// reads neither serves a small page at each old page address that sends the reader on.
import { LABELS } from '../../domain/labels.js';
import type { Locale } from '../../domain/locales.js';
import type { FormerAddress } from '../../domain/model.js';
import type { PageView } from '../../domain/site-view.js';
import { escapeMarkup } from '../lib/escape.js';
import { absoluteUrl, formerAddressOf, movedSections, notFoundUrl, summaryPath, type MovedSection } from '../normalise/urls.js';

/** An old page address and the page now at its place. */
export interface RedirectPage {
  from: string;
  to: string;
  locale: Locale;
}

/** Every section that moved, in the languages this build publishes. */
export const movedSectionsOf = (locales: readonly Locale[]): MovedSection[] => locales.flatMap(movedSections);

/** A former address and, in Spanish, the same address under its section's old word. */
const bothForms = (from: string, moved: readonly MovedSection[]): string[] => [from, ...[formerAddressOf(from, moved)].filter((old): old is string => old !== null)];

/**
 * The rules of the addresses documents gave up: everything under the old folder goes to the
 * document's folder now (a study's summary PDF, whose file name holds the slug, by name), or
 * answers 410 Gone with the language's not-found page when the document is published nowhere.
 */
const formerAddressRules = (addresses: readonly FormerAddress[], moved: readonly MovedSection[]): string[] =>
  addresses.flatMap((address) =>
    bothForms(address.from, moved).flatMap((from) => {
      if (address.to === null) return [`${from}* ${notFoundUrl(address.locale)} 410`];
      const summary =
        address.type === 'study' && address.currentSlug !== null
          ? [`${summaryPath({ url: from, slug: address.slug, locale: address.locale })} ${summaryPath({ url: address.to, slug: address.currentSlug, locale: address.locale })} 301!`]
          : [];
      return [...summary, `${from}* ${address.to}:splat 301!`];
    }),
  );

/**
 * The _redirects file (Netlify and Cloudflare Pages format; the pipeline's server reads it too).
 * `301!` forces the redirect where a file exists at the old address: the redirect pages below
 * are only for hosts that cannot redirect. The first rule that matches wins, so a document's
 * own rules come before its section's.
 */
export const redirectsFile = (moved: readonly MovedSection[], addresses: readonly FormerAddress[] = []): string =>
  [
    '# Written by the build (scripts/render/redirects.ts): addresses that moved, and where they went.',
    ...formerAddressRules(addresses, moved),
    ...moved.map(({ from, to }) => `${from}* ${to}:splat 301!`),
    '',
  ].join('\n');

/** A page at each address a document gave up while still published, for hosts that cannot redirect. */
export const formerAddressPagesOf = (addresses: readonly FormerAddress[], moved: readonly MovedSection[]): RedirectPage[] =>
  addresses.flatMap(({ from, to, locale }) => (to === null ? [] : bothForms(from, moved).map((old) => ({ from: old, to, locale }))));

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
