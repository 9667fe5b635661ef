// Serves the built site the way a good static host would: right content types, caching
// that matches how each file is named, security headers, and nothing outside the site.
import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

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

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Feeds by name: readers and browsers treat RSS, Atom and JSON Feed by their own types. */
const FEED_TYPES: Record<string, string> = {
  'feed.xml': 'application/rss+xml; charset=utf-8',
  'atom.xml': 'application/atom+xml; charset=utf-8',
  'feed.json': 'application/feed+json; charset=utf-8',
};

export const contentTypeOf = (file: string): string => FEED_TYPES[path.basename(file)] ?? CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/** Media file names carry their content hash, so they never change under the same name. */
const cacheControlOf = (sitePath: string, file: string): string => (sitePath.startsWith('/media/') ? 'public, max-age=31536000, immutable' : file.endsWith('.html') ? 'no-cache' : 'public, max-age=300');

/** The file a request path names inside root, or null when it would leave root. */
export const resolveInside = (root: string, requestPath: string): string | null => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const target = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  return target === root || target.startsWith(`${root}${path.sep}`) ? target : null;
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
  const url = new URL(request.url ?? '/', 'http://site.invalid');
  let file = resolveInside(root, url.pathname);
  if (file && url.pathname.endsWith('/')) file = path.join(file, 'index.html');
  let size = -1;
  try {
    if (file) {
      const stat = statSync(file);
      if (stat.isDirectory()) {
        response.writeHead(301, { Location: `${url.pathname}/`, ...SECURITY_HEADERS }).end();
        return true;
      }
      size = stat.size;
    }
  } catch {
    size = -1;
  }
  if (!file || size < 0) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Not found\n');
    return true;
  }
  response.writeHead(200, { 'Content-Type': contentTypeOf(file), 'Content-Length': size, 'Cache-Control': cacheControlOf(url.pathname, file), ...SECURITY_HEADERS });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file).pipe(response);
  return true;
};
