// Serves the built site the way a good static host would: right content types, caching
// that matches how each file is named, security headers, and nothing outside the site.
import { createReadStream, realpathSync, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { cacheControlOf, contentTypeOf, SECURITY_HEADERS } from '../lib/site-headers.js';
import { GONE, redirectOf, redirectRulesOf } from './redirect-rules.js';

/** Whether an absolute path is root itself or below it. */
const isWithin = (root: string, target: string): boolean => target === root || target.startsWith(`${root}${path.sep}`);

/** The file a request path names inside root, or null when it would leave root. */
const resolveInside = (root: string, requestPath: string): string | null => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const target = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  return isWithin(root, target) ? target : null;
};

/** The real file behind a path inside root, or null when it is missing or a symlink on its way leads out of root. */
const realInside = (root: string, target: string): string | null => {
  let real: string;
  try {
    real = realpathSync(target);
  } catch {
    return null;
  }
  return isWithin(root, real) ? real : null;
};

/** A path inside root as this site's URL path: one leading slash, each segment encoded. Built
 * from the resolved path, never from the request, so a Location made from it stays on the site. */
const sitePathOf = (root: string, target: string): string =>
  `/${path.relative(root, target).split(path.sep).filter((segment) => segment !== '').map(encodeURIComponent).join('/')}`;

/** What stat says of a path, or undefined when it cannot say (gone, unreadable). */
const statOf = (file: string): Stats | undefined => {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
};

/** The site's own 404 page for a path: its language's (/en/404.html for anything under /en/),
 * else the root one; null when the release has neither (a site built before they existed). */
const notFoundPageOf = (root: string, pathname: string): string | null => {
  const language = /^\/([a-z]{2})(?:\/|$)/.exec(pathname)?.[1];
  for (const candidate of [language ? path.join(root, language, '404.html') : null, path.join(root, '404.html')]) {
    const real = candidate ? realInside(root, candidate) : null;
    if (real && statOf(real)?.isFile()) return real;
  }
  return null;
};

/** 404, or 410 for an address whose document was unpublished: the language's not-found page either way. */
const notFound = (request: IncomingMessage, response: ServerResponse, root: string, pathname: string, status: 404 | typeof GONE = 404): void => {
  const page = notFoundPageOf(root, pathname);
  if (!page) {
    response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end(status === GONE ? 'Gone\n' : 'Not found\n');
    return;
  }
  response.writeHead(status, { 'Content-Type': contentTypeOf(page), 'Cache-Control': 'no-cache', ...SECURITY_HEADERS });
  if (request.method === 'HEAD') response.end();
  else createReadStream(page).pipe(response);
};

/** The URL of a request target. An origin-form target is a path even when it starts with '//':
 * resolved against a base, URL would read '//evil.example/x' as a host and drop it from the path. */
const targetUrlOf = (target: string): URL | null => {
  try {
    return new URL(target.startsWith('/') ? `http://site.invalid${target}` : target, 'http://site.invalid');
  } catch {
    return null;
  }
};

/** A file's validators. A build links unchanged files into the next release, so size and
 * modification time only change when the content does. */
const validatorsOf = (stat: Stats): { ETag: string; 'Last-Modified': string } => ({
  ETag: `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
  'Last-Modified': stat.mtime.toUTCString(),
});

/** Whether the client's copy is current (RFC 9110 §13.1.2/13.1.3: If-None-Match wins over If-Modified-Since). */
const isNotModified = (request: IncomingMessage, validators: { ETag: string }, stat: Stats): boolean => {
  const noneMatch = request.headers['if-none-match'];
  if (noneMatch !== undefined) return noneMatch.trim() === '*' || noneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === validators.ETag);
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  // HTTP dates have whole seconds.
  return Number.isFinite(since) && Math.floor(stat.mtimeMs / 1000) * 1000 <= since;
};

/**
 * The one byte range asked for, as offsets into the file (PDF viewers read large files this
 * way); null to send the whole file: no Range, a stale If-Range, several ranges or a unit other
 * than bytes (a server may always answer those with the whole file).
 */
const rangeOf = (request: IncomingMessage, validators: { ETag: string; 'Last-Modified': string }, stat: Stats): { start: number; end: number } | null | 'unsatisfiable' => {
  const header = request.headers.range;
  if (!header) return null;
  const ifRange = request.headers['if-range'];
  if (ifRange !== undefined && ifRange !== validators.ETag && ifRange !== validators['Last-Modified']) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const last = stat.size - 1;
  if (match[1] === '') {
    // A suffix: the last n bytes.
    const suffix = Number(match[2]);
    return suffix === 0 || stat.size === 0 ? 'unsatisfiable' : { start: Math.max(0, stat.size - suffix), end: last };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? last : Math.min(Number(match[2]), last);
  if (match[2] !== '' && Number(match[2]) < start) return null;
  return start > last ? 'unsatisfiable' : { start, end };
};

/** Handles GET/HEAD for the site in outDir; returns false when the request is not for it. */
export const serveStatic = (outDir: string, request: IncomingMessage, response: ServerResponse): boolean => {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  // The output is a symlink swapped by each build: resolve it once per request so a page
  // and its parts come from one release.
  let root: string;
  try {
    root = realpathSync(outDir);
  } catch {
    response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('The site has not been built yet.\n');
    return true;
  }
  const url = targetUrlOf(request.url ?? '/');
  // A moved address redirects even where the release keeps a page for hosts that cannot.
  const moved = url ? redirectOf(redirectRulesOf(root), url.pathname) : null;
  if (moved?.status === GONE) {
    notFound(request, response, root, url?.pathname ?? '/', GONE);
    return true;
  }
  if (moved) {
    response.writeHead(moved.status, { Location: `${moved.location}${url?.search ?? ''}`, ...SECURITY_HEADERS }).end();
    return true;
  }
  const requested = url ? resolveInside(root, url.pathname) : null;
  // The lexical check above cannot see symlinks: the real path must be inside the release too.
  const real = requested ? realInside(root, requested) : null;
  const pathname = url?.pathname ?? '/';
  if (!url || !requested || !real) {
    notFound(request, response, root, pathname);
    return true;
  }
  const sitePath = sitePathOf(root, requested);
  let file = real;
  let stat = statOf(real);
  if (stat?.isDirectory()) {
    if (!url.pathname.endsWith('/')) {
      // Location comes from the resolved path: a request for /.//evil.example/%2F..%2Fen must
      // not become a protocol-relative redirect to another host.
      response.writeHead(301, { Location: `${sitePath === '/' ? '' : sitePath}/${url.search}`, ...SECURITY_HEADERS }).end();
      return true;
    }
    const index = realInside(root, path.join(real, 'index.html'));
    if (!index) {
      notFound(request, response, root, pathname);
      return true;
    }
    file = index;
    stat = statOf(index);
  } else if (url.pathname.endsWith('/')) {
    // A file is not a directory: /en/feed.xml/ would be a second URL for it, with broken relative links.
    notFound(request, response, root, pathname);
    return true;
  }
  // Only regular files: a FIFO or a device would hang or stream forever.
  if (!stat?.isFile()) {
    notFound(request, response, root, pathname);
    return true;
  }
  const named = file === real ? requested : path.join(requested, 'index.html');
  const validators = validatorsOf(stat);
  const common = { 'Cache-Control': cacheControlOf(sitePath, named), ...validators, 'Accept-Ranges': 'bytes', ...SECURITY_HEADERS };
  if (isNotModified(request, validators, stat)) {
    response.writeHead(304, common).end();
    return true;
  }
  const headers = { 'Content-Type': contentTypeOf(named), ...common };
  const range = rangeOf(request, validators, stat);
  if (range === 'unsatisfiable') {
    response.writeHead(416, { ...headers, 'Content-Range': `bytes */${stat.size}` }).end();
    return true;
  }
  const { start, end } = range ?? { start: 0, end: stat.size - 1 };
  const length = stat.size === 0 ? 0 : end - start + 1;
  response.writeHead(range ? 206 : 200, { ...headers, 'Content-Length': length, ...(range ? { 'Content-Range': `bytes ${start}-${end}/${stat.size}` } : {}) });
  if (request.method === 'HEAD' || length === 0) response.end();
  else createReadStream(file, { start, end }).pipe(response);
  return true;
};
