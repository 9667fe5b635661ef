// The pipeline's server as a static host: content types, caching and security headers, and
// nothing outside the live release.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startSiteServer, type SiteServer } from '../../scripts/server/server.js';
import { serveStatic } from '../../scripts/server/static-files.js';
import { headersFile } from '../../scripts/lib/site-headers.js';

let server: SiteServer;
/** serveStatic alone, without the pipeline server's routing in front of it. */
let direct: Server;
let directUrl: string;
const root = mkdtempSync(path.join(os.tmpdir(), 'static-'));

beforeAll(async () => {
  const release = path.join(root, 'release-1');
  const files: Record<string, string> = {
    'en/index.html': '<!doctype html><title>en</title>',
    'en/feed.xml': '<rss/>',
    'en/atom.xml': '<feed/>',
    'en/feed.json': '{}',
    'en/events.ics': 'BEGIN:VCALENDAR',
    'en/studies/a/a-summary.pdf': '%PDF-1.7',
    'media/cover-400.avif': 'a',
    'media/cover-400.webp': 'w',
    'assets/site.css': 'body{}',
    'es/estudios/ñu/index.html': '<!doctype html><title>ñu</title>',
    'en/404.html': '<!doctype html><title>Page not found</title>',
    '404.html': '<!doctype html><title>Not found · No encontrada</title>',
    // A page left at a moved address for hosts that cannot redirect: this server redirects.
    'es/studies/ñu/index.html': '<!doctype html><title>moved</title>',
    // What the build writes, and lines no rule may come from: targets off the site, unknown statuses.
    _redirects: [
      '# moved sections',
      '/es/studies/* /es/estudios/:splat 301!',
      '/off/* //evil.example/:splat 301',
      '/away https://evil.example/ 301',
      '/odd /en/ 200',
      '/en/gone/ /en/ 308',
    ].join('\n'),
  };
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(release, file)), { recursive: true });
    writeFileSync(path.join(release, file), content);
  }
  writeFileSync(path.join(root, 'secret.txt'), 'outside the site');
  mkdirSync(path.join(root, 'outside-dir'));
  writeFileSync(path.join(root, 'outside-dir', 'inside.txt'), 'outside the site too');
  // Links a build should never make, but that must not open the server to the machine.
  symlinkSync(path.join(root, 'secret.txt'), path.join(release, 'leak.txt'));
  symlinkSync('/etc/passwd', path.join(release, 'passwd'));
  symlinkSync(path.join(root, 'outside-dir'), path.join(release, 'outside-dir'));
  symlinkSync('..', path.join(release, 'en', 'up'));
  symlinkSync('../assets/site.css', path.join(release, 'en', 'alias.css'));
  // A language's 404 page that leads out of the release must not be served as one.
  mkdirSync(path.join(release, 'xx'));
  symlinkSync(path.join(root, 'secret.txt'), path.join(release, 'xx', '404.html'));
  symlinkSync(release, path.join(root, 'dist'));
  server = await startSiteServer(path.join(root, 'dist'), 0);
  direct = createServer((request, response) => {
    if (!serveStatic(path.join(root, 'dist'), request, response)) response.writeHead(405).end();
  });
  await new Promise<void>((resolve) => direct.listen(0, '127.0.0.1', resolve));
  directUrl = `http://127.0.0.1:${(direct.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await server.close();
  await new Promise((resolve) => direct.close(resolve));
});

test.each([
  ['/en/', 'text/html; charset=utf-8', 'no-cache'],
  ['/en/feed.xml', 'application/rss+xml; charset=utf-8', 'public, max-age=300'],
  ['/en/atom.xml', 'application/atom+xml; charset=utf-8', 'public, max-age=300'],
  ['/en/feed.json', 'application/feed+json; charset=utf-8', 'public, max-age=300'],
  ['/en/events.ics', 'text/calendar; charset=utf-8', 'public, max-age=300'],
  ['/en/studies/a/a-summary.pdf', 'application/pdf', 'public, max-age=300'],
  ['/media/cover-400.avif', 'image/avif', 'public, max-age=31536000, immutable'],
  ['/media/cover-400.webp', 'image/webp', 'public, max-age=31536000, immutable'],
  ['/assets/site.css', 'text/css; charset=utf-8', 'public, max-age=300'],
])('%s is served as %s with %s', async (url, type, cache) => {
  const response = await fetch(`${server.url}${url}`);
  expect([response.status, response.headers.get('content-type'), response.headers.get('cache-control')]).toEqual([200, type, cache]);
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
});

test('nothing outside the live release is reachable, however the path is written', async () => {
  for (const raw of ['/../secret.txt', '/%2e%2e/secret.txt', '/en/..%2f..%2fsecret.txt', '/en/%00']) {
    const response = await fetch(`${server.url}${raw}`);
    expect([raw, response.status]).toEqual([raw, 404]);
  }
});

test('a directory without its slash redirects; other methods are refused', async () => {
  const redirect = await fetch(`${server.url}/en`, { redirect: 'manual' });
  expect([redirect.status, redirect.headers.get('location')]).toEqual([301, '/en/']);
  expect((await fetch(`${server.url}/en/`, { method: 'POST' })).status).toBe(405);
});

test('a moved address answers 301 to where it went, keeping the rest of the path and the query, even where a page is left at it', async () => {
  for (const [target, location] of [
    ['/es/studies/%C3%B1u/?utm=feed', '/es/estudios/%C3%B1u/?utm=feed'],
    ['/es/studies/a/a-resumen.pdf', '/es/estudios/a/a-resumen.pdf'],
    ['/es/studies/', '/es/estudios/'],
    ['/es/studies', '/es/estudios/'],
    ['/en/gone/', '/en/'],
  ]) {
    const response = await fetch(`${server.url}${target}`, { redirect: 'manual' });
    expect([target, response.status, response.headers.get('location')]).toEqual([target, target === '/en/gone/' ? 308 : 301, location]);
  }
});

test('no _redirects line sends readers off the site or answers with a status that is not a redirect', async () => {
  for (const target of ['/off/x', '/away', '/odd']) {
    const response = await fetch(`${server.url}${target}`, { redirect: 'manual' });
    expect([target, response.status, response.headers.get('location')]).toEqual([target, 404, null]);
  }
});

test('the next release\'s _redirects is read when it goes live', async () => {
  const dist = path.join(root, 'dist');
  const next = path.join(root, 'release-2');
  mkdirSync(next);
  writeFileSync(path.join(next, '_redirects'), '/es/studies/* /es/otros/:splat 301\n');
  try {
    rmSync(dist);
    symlinkSync(next, dist);
    const response = await fetch(`${server.url}/es/studies/x/`, { redirect: 'manual' });
    expect([response.status, response.headers.get('location')]).toEqual([301, '/es/otros/x/']);
  } finally {
    rmSync(dist);
    symlinkSync(path.join(root, 'release-1'), dist);
  }
});

/** Sends the request line exactly as written (fetch and URL would normalise it) and returns status and headers. */
const rawGet = (target: string, base = server.url): Promise<{ status: number; headers: Record<string, string> }> =>
  new Promise((resolve, reject) => {
    const { port } = new URL(base);
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    // A handler that throws leaves the socket open: fail in seconds, not at the test timeout.
    socket.setTimeout(5_000, () => socket.destroy(new Error(`No answer to GET ${target}`)));
    socket.on('end', () => {
      const [head = ''] = received.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers });
    });
    socket.write(`GET ${target} HTTP/1.1\r\nHost: site.test\r\nConnection: close\r\n\r\n`);
  });

test.each([
  ['the pipeline server', () => server.url],
  ['serveStatic alone', () => directUrl],
])('a redirect never leaves the site, however the request path is written (%s)', async (_name, baseOf) => {
  const tricky = [
    '/.//evil.example/%2F..%2F..%2Fen',
    '//evil.example/%2F..%2F..%2Fen',
    '//evil.example/..%2Fen',
    '/%2F%2Fevil.example/..%2F..%2Fen',
    '/%2F/evil.example%2F..%2F..%2Fen',
    '/./%2F%2Fevil.example%2F..%2F..%2Fen',
    '/%5Cevil.example/..%2F..%2Fen',
    '/%5C%5Cevil.example/..%2F..%2Fen',
    '/\\evil.example/..%2F..%2Fen',
    '/\\/evil.example/..%2F..%2Fen',
    '/%09/evil.example/..%2F..%2Fen',
    '/en/..//evil.example/..%2F..%2Fen',
    '///evil.example/../en',
    '/.%2F%2Fevil.example%2F..%2F..%2Fen',
    'http://evil.example/en',
    '/en?next=//evil.example/',
  ];
  for (const target of tricky) {
    const { status, headers } = await rawGet(target, baseOf());
    expect([target, status]).toEqual([target, 301]);
    const location = headers.location ?? '';
    // One leading slash, then a path on this site: never //host, /\host or a scheme.
    expect([target, /^\/(?![/\\])/.test(location)]).toEqual([target, true]);
    expect([target, new URL(location, 'http://site.test/').host]).toEqual([target, 'site.test']);
    expect([target, new URL(location, 'http://site.test/').pathname]).toEqual([target, '/en/']);
  }
  // A path that resolves to the release itself redirects to '/', never to '//'.
  for (const target of ['/en%2F..', '/.//evil.example%2F..', '/%5C%5Cevil.example%2F..']) {
    expect([target, await rawGet(target, baseOf())]).toMatchObject([target, { status: 301, headers: { location: '/' } }]);
  }
});

test('serveStatic reads an origin-form target as a path, even one that starts with //', async () => {
  // The pipeline server's router parses the target first; serveStatic must be safe on its own.
  expect(await rawGet('//evil.example%2F..', directUrl)).toMatchObject({ status: 301, headers: { location: '/' } });
  expect(await rawGet('//evil.example/en/', directUrl)).toMatchObject({ status: 404 });
  expect(await rawGet('//en/', directUrl)).toMatchObject({ status: 200 });
});

test('a file asked for as a directory is not found, and neither is a directory without index.html', async () => {
  expect((await rawGet('/en/feed.xml/')).status).toBe(404);
  expect((await rawGet('/media/')).status).toBe(404);
});

test('caching follows the resolved path, not how the request spelt it', async () => {
  const { status, headers } = await rawGet('/en/..%2Fmedia/cover-400.avif');
  expect([status, headers['cache-control']]).toEqual([200, 'public, max-age=31536000, immutable']);
  expect((await rawGet('/media/..%2Fassets/site.css')).headers['cache-control']).toBe('public, max-age=300');
});

test('a redirect names the directory as it is in the release, encoded, and keeps the query', async () => {
  expect(await rawGet('/en/studies/a')).toMatchObject({ status: 301, headers: { location: '/en/studies/a/' } });
  expect(await rawGet('/en/studies/../studies/a?page=2')).toMatchObject({ status: 301, headers: { location: '/en/studies/a/?page=2' } });
  expect(await rawGet('/es/estudios/%C3%B1u')).toMatchObject({ status: 301, headers: { location: '/es/estudios/%C3%B1u/' } });
});

test('symlinks that lead out of the release are not followed, for files or directories', async () => {
  for (const target of ['/leak.txt', '/passwd', '/outside-dir/inside.txt', '/outside-dir/', '/outside-dir', '/en/up/secret.txt']) {
    const { status } = await rawGet(target);
    expect([target, status]).toEqual([target, 404]);
  }
  // A symlink that stays inside the release is still served.
  const inside = await fetch(`${server.url}/en/alias.css`);
  expect([inside.status, await inside.text()]).toEqual([200, 'body{}']);
});

test('a request target no URL parser takes gets a 400, not an internal error', async () => {
  for (const target of ['//evil.example%2F..', '//[bad', 'http://']) {
    const { status } = await rawGet(target);
    expect([target, status]).toEqual([target, 400]);
  }
});

test('an unknown path gets its language\'s 404 page with status 404, else the root one', async () => {
  for (const [target, title] of [
    ['/en/nothing/here/', 'Page not found'],
    ['/en/feed.xml/', 'Page not found'],
    ['/es/nada/', 'Not found · No encontrada'],
    ['/nothing', 'Not found · No encontrada'],
    ['/xx/nothing', 'Not found · No encontrada'],
    ['/../secret.txt', 'Not found · No encontrada'],
  ]) {
    const response = await fetch(`${server.url}${target}`);
    expect([target, response.status, response.headers.get('content-type'), response.headers.get('cache-control')]).toEqual([target, 404, 'text/html; charset=utf-8', 'no-cache']);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.text()).toContain(`<title>${title}</title>`);
  }
  const head = await fetch(`${server.url}/en/nothing`, { method: 'HEAD' });
  expect([head.status, await head.text()]).toEqual([404, '']);
});

test('a release without 404 pages still answers 404, in plain text', async () => {
  const bare = mkdtempSync(path.join(os.tmpdir(), 'static-bare-'));
  writeFileSync(path.join(bare, 'index.html'), '<!doctype html><title>root</title>');
  const bareServer = createServer((request, response) => void serveStatic(bare, request, response));
  await new Promise<void>((resolve) => bareServer.listen(0, '127.0.0.1', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/en/nothing`);
    expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([404, 'text/plain; charset=utf-8', 'Not found\n']);
  } finally {
    await new Promise((resolve) => bareServer.close(resolve));
  }
});

test('a copy the client already has is not sent again: ETag and Last-Modified give 304', async () => {
  const first = await fetch(`${server.url}/en/feed.xml`);
  const etag = first.headers.get('etag');
  const lastModified = first.headers.get('last-modified');
  expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
  expect(Date.parse(lastModified ?? '')).not.toBeNaN();
  const conditions: Record<string, string>[] = [{ 'If-None-Match': etag! }, { 'If-None-Match': `"other", W/${etag!}` }, { 'If-None-Match': '*' }, { 'If-Modified-Since': lastModified! }];
  for (const headers of conditions) {
    const again = await fetch(`${server.url}/en/feed.xml`, { headers });
    expect([again.status, again.headers.get('etag'), again.headers.get('cache-control'), await again.text()]).toEqual([304, etag, 'public, max-age=300', '']);
  }
  // A different tag is a changed file, even when the date says otherwise: If-None-Match wins.
  const changed = await fetch(`${server.url}/en/feed.xml`, { headers: { 'If-None-Match': '"0-0"', 'If-Modified-Since': lastModified! } });
  expect([changed.status, await changed.text()]).toEqual([200, '<rss/>']);
  const older = await fetch(`${server.url}/en/feed.xml`, { headers: { 'If-Modified-Since': new Date(Date.parse(lastModified!) - 1000).toUTCString() } });
  expect(older.status).toBe(200);
});

test('byte ranges: one range is a 206 with its Content-Range; past the end is a 416', async () => {
  const pdf = `${server.url}/en/studies/a/a-summary.pdf`; // '%PDF-1.7', 8 bytes
  const whole = await fetch(pdf);
  expect(whole.headers.get('accept-ranges')).toBe('bytes');
  for (const [range, body, contentRange] of [
    ['bytes=0-3', '%PDF', 'bytes 0-3/8'],
    ['bytes=5-', '1.7', 'bytes 5-7/8'],
    ['bytes=-3', '1.7', 'bytes 5-7/8'],
    ['bytes=-100', '%PDF-1.7', 'bytes 0-7/8'],
    ['bytes=6-100', '.7', 'bytes 6-7/8'],
  ]) {
    const response = await fetch(pdf, { headers: { Range: range! } });
    expect([range, response.status, response.headers.get('content-range'), response.headers.get('content-length'), await response.text()]).toEqual([range, 206, contentRange, String(body!.length), body]);
  }
  for (const range of ['bytes=8-', 'bytes=100-200', 'bytes=-0']) {
    const response = await fetch(pdf, { headers: { Range: range } });
    expect([range, response.status, response.headers.get('content-range')]).toEqual([range, 416, 'bytes */8']);
  }
  // What a server may answer with the whole file: several ranges, another unit, a malformed or stale If-Range.
  const wholeFile: Record<string, string>[] = [{ Range: 'bytes=0-1,4-5' }, { Range: 'lines=1-2' }, { Range: 'bytes=5-2' }, { Range: 'bytes=0-3', 'If-Range': '"stale"' }];
  for (const headers of wholeFile) {
    const response = await fetch(pdf, { headers });
    expect([headers, response.status, await response.text()]).toEqual([headers, 200, '%PDF-1.7']);
  }
  const current = await fetch(pdf, { headers: { Range: 'bytes=0-3', 'If-Range': whole.headers.get('etag')! } });
  expect([current.status, await current.text()]).toEqual([206, '%PDF']);
});

/** The headers a static host would send for a path from a _headers file: every matching rule's, repeated names joined with commas (as Netlify and Cloudflare Pages do). */
const hostHeaders = (file: string, sitePath: string): Record<string, string> => {
  const headers: Record<string, string> = {};
  let matches = false;
  for (const line of file.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (!line.startsWith(' ')) {
      matches = new RegExp(`^${line.split('*').map((part) => part.replace(/[.?+^$()[\]{}|\\]/g, '\\$&')).join('.*')}$`).test(sitePath);
      continue;
    }
    if (!matches) continue;
    const [name, ...value] = line.trim().split(': ');
    const key = name!.toLowerCase();
    headers[key] = headers[key] === undefined ? value.join(': ') : `${headers[key]}, ${value.join(': ')}`;
  }
  return headers;
};

test('the _headers file for static hosts gives the security headers everywhere, and the caching of media and assets, as this server does', async () => {
  const file = headersFile();
  for (const sitePath of ['/en/', '/en/feed.xml', '/en/studies/a/a-summary.pdf', '/media/cover-400.avif', '/assets/site.css']) {
    const response = await fetch(`${server.url}${sitePath}`);
    const sent = Object.fromEntries(['content-security-policy', 'x-content-type-options', 'referrer-policy', 'cross-origin-opener-policy', 'cache-control'].map((name) => [name, response.headers.get(name)]));
    const host = hostHeaders(file, sitePath);
    // Pages, feeds and PDFs keep the host's own caching (revalidate each time); the rest must match exactly.
    if (!sitePath.startsWith('/media/') && !sitePath.startsWith('/assets/')) delete sent['cache-control'];
    expect([sitePath, host]).toEqual([sitePath, sent]);
  }
});
