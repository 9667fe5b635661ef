// The pipeline's server as a static host: content types, caching and security headers, and
// nothing outside the live release.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSiteServer, type SiteServer } from '../../scripts/server/server.js';

let server: SiteServer;
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
  };
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(release, file)), { recursive: true });
    writeFileSync(path.join(release, file), content);
  }
  writeFileSync(path.join(root, 'secret.txt'), 'outside the site');
  symlinkSync(release, path.join(root, 'dist'));
  server = await startSiteServer(path.join(root, 'dist'), 0);
});

afterAll(() => server.close());

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
