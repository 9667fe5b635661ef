// /_report/ on the pipeline's server: REPORT_SECRET for scripts (bearer or Basic), and for
// editors the admin's signed link, swapped for an HttpOnly, SameSite=Strict cookie with its
// own signed expiry and a 303 to the address without the signature. Expired links, tampered
// or foreign cookies and no credential at all get 401 with what to do.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { signPreviewLink, signReportLink } from '../../cms/src/preview/signed-link.js';
import { appendHistory } from '../../scripts/publish/build-history.js';
import type { BuildReport } from '../../scripts/publish/report.js';
import { checkReportSession, cookieValue, REPORT_COOKIE, signReportSession } from '../../scripts/server/report-access.js';
import { startPipelineServer, type SiteServer } from '../../scripts/server/server.js';

const REPORT_SECRET = 'report-secret-for-tests-0123456789';
const LINK_SECRET = 'preview-secret-shared-with-the-cms';
/** The server's clock, in ms; tests move it. */
let nowMs = Date.parse('2026-12-04T10:00:00Z');
const nowSeconds = () => Math.floor(nowMs / 1000);

const dir = mkdtempSync(path.join(os.tmpdir(), 'report-server-'));
const file = path.join(dir, 'build-report.json');
const report: BuildReport = {
  status: 'ok', trigger: { kind: 'webhook', reasons: ['entry.publish'] }, startedAt: '2026-12-04T09:59:00.000Z', finishedAt: '2026-12-04T09:59:10.000Z', durationMs: 10_000, cmsUrl: 'http://cms', siteUrl: 'https://site', outDir: path.join(dir, 'dist'),
  release: 'r1', requests: 3, counts: {}, pages: 10, files: 20, media: { downloaded: 0, reused: 0, encoded: 0, reusedVariants: 0 }, pdfs: { generated: 0, reused: 0, renderMs: [] },
  changed: { pages: ['/en/'], feeds: [], calendars: [], pdfs: [], images: 0, other: 0 }, leftOut: [], missingTranslations: [], warnings: [], stages: {}, error: null,
};
let server: SiteServer;

beforeAll(async () => {
  writeFileSync(file, JSON.stringify(report));
  appendHistory(path.join(dir, 'build-history.json'), report);
  server = await startPipelineServer({ outDir: path.join(dir, 'dist'), port: 0, report: { file, secret: REPORT_SECRET, linkSecret: LINK_SECRET, now: () => nowMs } });
});
afterAll(() => server.close());
afterEach(() => {
  nowMs = Date.parse('2026-12-04T10:00:00Z');
});

const get = (target: string, headers: Record<string, string> = {}) => fetch(`${server.url}${target}`, { headers, redirect: 'manual' });
const basic = (password: string) => ({ Authorization: `Basic ${Buffer.from(`editor:${password}`).toString('base64')}` });
const link = (expires: number, extra = '') => `/_report/?${signReportLink(LINK_SECRET, expires).toString()}${extra}`;

/** Follows a signed link as a browser would: the cookie it sets, and where it sends us. */
const openLink = async (target: string) => {
  const response = await get(target);
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { response, setCookie, cookie: setCookie.split(';')[0] ?? '', location: response.headers.get('location') };
};

test('without a credential: 401, a Basic challenge for scripts, and a message that sends editors to the admin', async () => {
  for (const target of ['/_report/', '/_report/build-report.json', '/_report/build-history.json']) {
    const response = await get(target);
    expect([target, response.status]).toEqual([target, 401]);
    expect(response.headers.get('www-authenticate')).toContain('Basic');
    expect(await response.text()).toContain('opens from the admin');
  }
  const spanish = await get('/_report/', { 'Accept-Language': 'es-ES,es;q=0.9' });
  expect(await spanish.text()).toContain('se abre desde el panel de administración');
  expect((await get('/_report/', basic('wrong-password'))).status).toBe(401);
  expect((await get('/_report/', { Authorization: `Bearer ${LINK_SECRET}` })).status).toBe(401);
});

test('REPORT_SECRET opens the page (Basic or bearer) and both JSON files', async () => {
  const page = await get('/_report/', basic(REPORT_SECRET));
  expect([page.status, page.headers.get('content-type'), page.headers.get('cache-control')]).toEqual([200, 'text/html; charset=utf-8', 'no-store']);
  expect(await page.text()).toContain('Last build: <strong>published</strong>');
  const bearer = { Authorization: `Bearer ${REPORT_SECRET}` };
  expect(((await (await get('/_report/build-report.json', bearer)).json()) as BuildReport).release).toBe('r1');
  const history = (await (await get('/_report/build-history.json', bearer)).json()) as { builds: { trigger: { kind: string } }[] };
  expect(history.builds.map((b) => b.trigger.kind)).toEqual(['webhook']);
});

test('the page speaks the browser\'s language, and ?lang wins over it', async () => {
  const auth = basic(REPORT_SECRET);
  const spanish = await get('/_report/', { ...auth, 'Accept-Language': 'fr;q=0.9, es;q=0.8, en;q=0.1' });
  expect([spanish.headers.get('content-language'), await spanish.text()]).toEqual(['es', expect.stringContaining('<html lang="es">')]);
  expect(await (await get('/_report/?lang=en', { ...auth, 'Accept-Language': 'es' })).text()).toContain('<html lang="en">');
  expect(await (await get('/_report/?lang=es', auth)).text()).toContain('<html lang="es">');
});

test('a signed link from the admin: a cookie of its own for the link\'s lifetime, a 303 without the signature, then the page, reloads and the switch', async () => {
  const expires = nowSeconds() + 600;
  const { response, setCookie, cookie, location } = await openLink(link(expires, '&lang=es'));
  expect(response.status).toBe(303);
  expect(location).toBe('/_report/?lang=es');
  expect(setCookie).toMatch(new RegExp(`^${REPORT_COOKIE}=\\d+\\.[\\w-]+; Path=/_report/; Max-Age=600; HttpOnly; SameSite=Strict$`));
  // The cookie holds a signature of its own, not the link's.
  expect(setCookie).not.toContain(new URLSearchParams(link(expires).split('?')[1]).get('signature')!);
  const page = await get(location!, { Cookie: cookie });
  expect([page.status, await page.text()]).toEqual([200, expect.stringContaining('<html lang="es">')]);
  expect((await get('/_report/?lang=en', { Cookie: `theme=dark; ${cookie}` })).status).toBe(200);
  expect((await get('/_report/build-history.json', { Cookie: cookie })).status).toBe(200);
  // A minute before the link's expiry the cookie still opens the page; at it, no more.
  nowMs += 540_000;
  expect((await get('/_report/', { Cookie: cookie })).status).toBe(200);
  nowMs += 60_000;
  const late = await get('/_report/', { Cookie: cookie });
  expect([late.status, await late.text()]).toEqual([401, expect.stringContaining('open the report again from the admin')]);
});

test('an expired, tampered or foreign link gets 401 telling the editor to open the report again from the admin, without a password prompt', async () => {
  const expired = await get(link(nowSeconds() - 1));
  expect([expired.status, await expired.text()]).toEqual([401, expect.stringContaining('has expired: open the report again from the admin')]);
  expect(expired.headers.get('www-authenticate')).not.toContain('Basic');
  expect(expired.headers.get('set-cookie')).toBeNull();
  const query = signReportLink(LINK_SECRET, nowSeconds() + 600);
  query.set('expires', String(nowSeconds() + 1200));
  const tampered = await get(`/_report/?${query.toString()}`);
  expect([tampered.status, await tampered.text()]).toEqual([401, expect.stringContaining('is not valid: open the report again from the admin')]);
  // A preview link's signature, or a link signed with another secret, opens nothing here.
  const preview = signPreviewLink(LINK_SECRET, { type: 'study', documentId: 'abc', locale: 'en' }, nowSeconds() + 600);
  expect((await get(`/_report/?${preview.toString()}`)).status).toBe(401);
  expect((await get(`/_report/?${signReportLink('another-secret-of-the-same-length', nowSeconds() + 600).toString()}`)).status).toBe(401);
  expect((await get('/_report/?expires=1&lang=es', { 'Accept-Language': 'en' })).status).toBe(401);
});

test('a tampered, foreign or overlong cookie gets 401', async () => {
  const expires = nowSeconds() + 600;
  const { cookie } = await openLink(link(expires));
  const [name, value] = cookie.split('=') as [string, string];
  const [, signature] = value.split('.');
  for (const bad of [
    `${name}=${expires + 3000}.${signature}`,
    `${name}=${value.slice(0, -2)}${value.endsWith('AA') ? 'BB' : 'AA'}`,
    `${name}=${signReportSession('another-secret-of-the-same-length', expires)}`,
    `${name}=${signReportSession(LINK_SECRET, nowSeconds() + 61 * 60)}`,
    `${name}=not-a-session`,
  ]) {
    const response = await get('/_report/', { Cookie: bad });
    expect([bad, response.status]).toEqual([bad, 401]);
    expect(await response.text()).toContain('open the report again from the admin');
  }
});

/** A GET through node:http: fetch() drops the Sec-Fetch-* headers a browser sends. */
const rawGet = (target: string, headers: Record<string, string>) =>
  new Promise<{ status: number; challenge: string; body: string }>((resolve, reject) => {
    request(`${server.url}${target}`, { headers }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, challenge: String(response.headers['www-authenticate']), body }));
    })
      .on('error', reject)
      .end();
  });

test('a navigation from another site whose cookie the browser withheld reloads itself from this site, showing nothing of the report', async () => {
  const crossSite = await rawGet('/_report/?lang=es', { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' });
  expect([crossSite.status, crossSite.challenge]).toEqual([401, 'Bearer realm="Build report"']);
  expect(crossSite.body).toContain('<meta http-equiv="refresh" content="0; url=/_report/?lang=es">');
  expect(crossSite.body).not.toContain('Last build');
  // From this site itself, the same request is an ordinary refusal: no loop.
  expect((await rawGet('/_report/', { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'navigate' })).challenge).toContain('Basic');
});

test('a session cookie: its own signature over its expiry, valid for at most an hour', () => {
  const now = 1_800_000_000;
  const value = signReportSession(LINK_SECRET, now + 600);
  expect(checkReportSession(LINK_SECRET, value, now)).toBe('ok');
  expect(checkReportSession(LINK_SECRET, value, now + 600)).toBe('expired');
  expect(checkReportSession('other', value, now)).toBe('invalid');
  expect(checkReportSession(LINK_SECRET, signReportSession(LINK_SECRET, now + 3601), now)).toBe('expired');
  expect(cookieValue('a=1; report_access=x.y; b=2', REPORT_COOKIE)).toBe('x.y');
  expect(cookieValue('report_accessx=1', REPORT_COOKIE)).toBeNull();
});

test('a server without PREVIEW_SECRET for the report refuses links but keeps REPORT_SECRET', async () => {
  const bare = await startPipelineServer({ outDir: path.join(dir, 'dist'), port: 0, report: { file, secret: REPORT_SECRET } });
  try {
    expect((await fetch(`${bare.url}${link(nowSeconds() + 600)}`, { redirect: 'manual' })).status).toBe(401);
    expect((await fetch(`${bare.url}/_report/`, { headers: { Cookie: `${REPORT_COOKIE}=${signReportSession(LINK_SECRET, Math.floor(Date.now() / 1000) + 600)}` } })).status).toBe(401);
    expect((await fetch(`${bare.url}/_report/`, { headers: basic(REPORT_SECRET) })).status).toBe(200);
  } finally {
    await bare.close();
  }
});
