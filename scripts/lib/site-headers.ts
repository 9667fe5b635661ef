// The HTTP headers the site is served with, in one place: the pipeline's server sends them, the
// build writes them as a _headers file (Netlify and Cloudflare Pages format) so that a static
// host sends the same, and a deploy to an object store stores them on each object.
import path from 'node:path';

export const SECURITY_HEADERS: Record<string, string> = {
  // 'wasm-unsafe-eval' lets the search page compile Pagefind's WebAssembly (served from the
  // site itself); it allows no eval() of JavaScript and no script from anywhere else.
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** What the server's private answers (previews, the build report) add: no cache, search engine or Referer keeps them. */
export const PRIVATE_HEADERS: Record<string, string> = { 'X-Robots-Tag': 'noindex, nofollow', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };

/** Media file names carry their content hash, so they never change under the same name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages are asked again every time (a publish must show at once); a 304 makes that cheap. */
const REVALIDATE = 'no-cache';
/** Feeds, calendars, PDFs, styles: a few minutes old at most. */
const SHORT = 'public, max-age=300';

export const cacheControlOf = (sitePath: string, fileName: string): string => (sitePath.startsWith('/media/') ? IMMUTABLE : fileName.endsWith('.html') ? REVALIDATE : SHORT);

/**
 * The _headers file. Both hosts add every matching rule's headers, joining repeated ones with
 * commas, so no two rules here set the same header for one path. Pages and the other files
 * outside /media/ and /assets/ cannot be told apart by a path pattern, so they keep the host's
 * own default (on both, revalidation on every request).
 */
export const headersFile = (): string =>
  [
    '# Written by the build (scripts/lib/site-headers.ts): the headers the pipeline\'s own server sends.',
    '/*',
    ...Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`),
    '/media/*',
    `  Cache-Control: ${IMMUTABLE}`,
    '/assets/*',
    `  Cache-Control: ${SHORT}`,
    '',
  ].join('\n');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Feeds by name: readers and browsers treat RSS, Atom and JSON Feed by their own types. */
const FEED_TYPES: Record<string, string> = {
  'feed.xml': 'application/rss+xml; charset=utf-8',
  'atom.xml': 'application/atom+xml; charset=utf-8',
  'feed.json': 'application/feed+json; charset=utf-8',
};

/** The Content-Type of a site file, by its name. */
export const contentTypeOf = (file: string): string => FEED_TYPES[path.basename(file)] ?? CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
