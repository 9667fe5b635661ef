/// <reference lib="dom" />
// The site as readers meet it: every page of both locales in a real browser, served by the
// project's own server, built from the real CMS.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { signReportLink } from '../../cms/src/preview/signed-link.js';
import { runBuild } from '../../scripts/pipeline.js';
import { reportPathFor } from '../../scripts/publish/report.js';
import { renderReloadPage } from '../../scripts/server/report-page.js';
import { startPipelineServer, type SiteServer } from '../../scripts/server/server.js';
import { projectRoot } from '../../scripts/paths.js';
import { launchChromium } from '../support/browser.js';
import { loadCmsInstances } from '../support/cms-instances.js';
import { nuErrors } from '../support/nu-checker.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const SCREENSHOTS = path.join(projectRoot, 'test-output', 'screenshots');

// The browser checks need one build; the SQLite CMS is enough (PostgreSQL serves the same JSON).
const cms = loadCmsInstances().find((instance) => instance.database === 'sqlite')!;

/** The report's two keys: the secret scripts send, and the one the admin signs editors' links with. */
const REPORT_SECRET = 'report-secret-for-browser-tests-0123';
const LINK_SECRET = 'preview-secret-for-browser-tests-0123';

let server: SiteServer;
let outDir: string;
let browser: Browser;
let context: BrowserContext;
let pageUrls: string[] = [];
/**
 * The tests that open every page of the sample site (about 100 with the topic pages of its
 * cities, SDGs and years) take a couple of seconds a page on a busy 2-core machine: more than
 * the default test time.
 */
const EVERY_PAGE_TIMEOUT_MS = 600_000;

beforeAll(async () => {
  outDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'site-browser-')), 'dist');
  // The site, and the build report beside it as editors reach it.
  server = await startPipelineServer({ outDir, port: 0, report: { file: reportPathFor(outDir), secret: REPORT_SECRET, linkSecret: LINK_SECRET } });
  // Two cards a page, so that the sample's lists run to several pages in both languages.
  const report = await runBuild({ strapiUrl: cms.url, strapiToken: cms.buildToken, outDir, siteUrl: server.url, now: new Date('2026-11-27T12:00:00Z'), cacheDir: path.join(path.dirname(outDir), 'cache'), listPageSize: 2 });
  if (report.status !== 'ok') throw new Error(`build failed: ${report.error?.message}`);
  const sitemap = readFileSync(path.join(outDir, 'sitemap.xml'), 'utf8');
  pageUrls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  browser = await launchChromium();
  // The axe script is injected by the test, which the site's CSP would rightly refuse.
  context = await browser.newContext({ bypassCSP: true, acceptDownloads: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** What the browser logged as an error, by the page that logged it. */
const consoleErrors: string[] = [];

const open = async (url: string, width = 1280, status = 200): Promise<Page> => {
  const page = await context.newPage();
  page.on('console', (message) => {
    // A 404 page's own status is logged as a failed load: that one is what was asked for.
    if (message.type() === 'error' && !(status === 404 && message.location().url === `${server.url}${url}`)) consoleErrors.push(`${url}: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${url}: ${error.message}`));
  await page.setViewportSize({ width, height: 900 });
  const response = await page.goto(`${server.url}${url}`, { waitUntil: 'load' });
  expect([url, response?.status()]).toEqual([url, status]);
  return page;
};

/** What axe finds against WCAG 2.2 A and AA on the page as it stands, one line per rule. */
const axeViolations = async (page: Page, url: string): Promise<string[]> => {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: tags } });
  }, AXE_TAGS);
  return result.violations.map((v) => `${url}: axe ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
};

/** Addresses with no page: under each language, and outside both. */
const NOT_FOUND = ['/en/no-such-page/', '/es/no-existe/', '/no-such-page'];

test('the sitemap lists pages of both locales', () => {
  expect(pageUrls.filter((u) => u.startsWith('/en/')).length).toBeGreaterThan(20);
  expect(pageUrls.filter((u) => u.startsWith('/es/')).length).toBe(pageUrls.filter((u) => u.startsWith('/en/')).length);
});

// One visit per page for the checks that need no navigation, so the whole site stays cheap.
test('every page and the 404 pages: zero axe violations for WCAG 2.2 A and AA, its feeds in the head, no sideways scrolling at 320 px, nothing in the console', async () => {
  const problems: string[] = [];
  consoleErrors.length = 0;
  for (const [url, status] of [...pageUrls.map((u) => [u, 200] as const), ...NOT_FOUND.map((u) => [u, 404] as const)]) {
    const page = await open(url, 1280, status);
    problems.push(...(await axeViolations(page, url)));

    if (url !== '/' && url !== '/no-such-page') {
      const locale = url.split('/')[1];
      const feeds = await page.$$eval('link[rel="alternate"][type]', (links) => links.map((l) => `${l.getAttribute('type')} ${l.getAttribute('href')}`));
      for (const expected of [`application/rss+xml /${locale}/feed.xml`, `application/atom+xml /${locale}/atom.xml`, `application/feed+json /${locale}/feed.json`]) {
        if (!feeds.includes(expected)) problems.push(`${url}: the head does not advertise ${expected}`);
      }
    }

    await page.setViewportSize({ width: 320, height: 800 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 320) problems.push(`${url}: ${width}px wide at a 320px viewport`);
    await page.close();
  }
  expect(problems).toEqual([]);
  // No missing favicon, script error or refused resource anywhere.
  expect(consoleErrors).toEqual([]);
}, EVERY_PAGE_TIMEOUT_MS);

test('a list runs to several pages: numbered navigation, the current page marked, and nothing past the last', async () => {
  for (const [first, second, third, fourth, title] of [
    ['/en/axes/', '/en/axes/page/2/', '/en/axes/page/3/', '/en/axes/page/4/', 'Smart city axes, page 2 of 3'],
    ['/es/ejes/', '/es/ejes/pagina/2/', '/es/ejes/pagina/3/', '/es/ejes/pagina/4/', 'Ejes de la ciudad inteligente, página 2 de 3'],
  ] as const) {
    expect(pageUrls).toEqual(expect.arrayContaining([first, second, third]));
    const page = await open(first);
    await Promise.all([page.waitForURL((u) => u.pathname === second), page.locator('nav.pager a[rel="next"]').click()]);
    expect((await page.locator('h1').textContent())?.trim()).toBe(title);
    expect(await page.title()).toContain(title);
    expect(await page.locator('nav.pager a[aria-current="page"]').textContent()).toBe('2');
    expect(await page.getAttribute('link[rel="canonical"]', 'href')).toBe(`${server.url}${second}`);
    await Promise.all([page.waitForURL((u) => u.pathname === third), page.locator('nav.pager a', { hasText: /^3$/ }).click()]);
    expect(await page.locator('nav.pager a[rel="next"]').count()).toBe(0);
    await page.close();
    await (await open(fourth, 1280, 404)).close();
  }
});

test('an unknown address shows its language\'s 404 page, whose links lead back into the site', async () => {
  for (const [url, lang, heading, home] of [
    ['/en/no-such-page/', 'en', 'Page not found', '/en/'],
    ['/es/no-existe/', 'es', 'Página no encontrada', '/es/'],
  ] as const) {
    const page = await open(url, 1280, 404);
    expect([await page.getAttribute('html', 'lang'), (await page.locator('h1').textContent())?.trim()]).toEqual([lang, heading]);
    await Promise.all([page.waitForURL((u) => u.pathname === home), page.locator('main a').first().click()]);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    await page.close();
  }
  const other = await open('/es/no-existe/', 1280, 404);
  await Promise.all([other.waitForURL((u) => u.pathname === '/en/'), other.locator('nav.language a[hreflang="en"]').click()]);
  await other.close();
});

test('the language switcher leads to the translated page, in its language', async () => {
  for (const url of pageUrls.filter((u) => u !== '/')) {
    const page = await open(url);
    const lang = await page.getAttribute('html', 'lang');
    const switcher = page.locator('nav.language a[hreflang]');
    if ((await switcher.count()) === 1) {
      const target = await switcher.getAttribute('hreflang');
      await Promise.all([page.waitForURL((u) => u.pathname !== url), switcher.click()]);
      expect([url, await page.getAttribute('html', 'lang')]).toEqual([url, target]);
      expect(target).not.toBe(lang);
      // And back again: the translation's switcher returns to the page we came from.
      await Promise.all([page.waitForURL((u) => u.pathname === url), page.locator('nav.language a[hreflang]').click()]);
    }
    await page.close();
  }
}, EVERY_PAGE_TIMEOUT_MS);

test('search with results showing: the words from the address, a count announced, results as links, zero axe violations, no sideways scrolling at 320 px, nothing in the console', async () => {
  consoleErrors.length = 0;
  const page = await open('/es/buscar/?q=movilidad');
  const results = page.locator('.search-results li');
  await results.first().waitFor({ timeout: 15_000 });
  expect(await page.inputValue('#search-words')).toBe('movilidad');
  const count = await results.count();
  expect(count).toBeGreaterThan(2);
  expect(await page.locator('.search-status[role="status"]').textContent()).toBe(`${count} resultados para «movilidad»`);
  expect(await page.locator('.search-needs-js').isVisible()).toBe(false);
  const links = await page.$$eval('.search-results h2 a', (anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
  expect(links.every((href) => href.startsWith('/es/'))).toBe(true);
  expect(links).toContain('/es/ejes/nueva-movilidad/');
  expect(await page.locator('.search-results mark').count()).toBeGreaterThan(0);
  expect(await axeViolations(page, '/es/buscar/?q=movilidad')).toEqual([]);
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

  // New words through the form: the address follows, focus stays in the box, a word with no page says so.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.fill('#search-words', 'zzzxqv');
  await page.keyboard.press('Enter');
  await page.locator('.search-status', { hasText: 'No hay resultados' }).waitFor();
  expect(await results.count()).toBe(0);
  expect(new URL(page.url()).searchParams.get('q')).toBe('zzzxqv');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-words');
  await page.close();
  expect(consoleErrors).toEqual([]);
});

test('a 404 page\'s search box leads to the search page of its language, with results', async () => {
  const page = await open('/en/no-such-page/', 1280, 404);
  await page.fill('#not-found-search', 'mobility');
  await Promise.all([page.waitForURL((u) => u.pathname === '/en/search/'), page.keyboard.press('Enter')]);
  await page.locator('.search-results a[href="/en/axes/new-mobility/"]').waitFor({ timeout: 15_000 });
  expect(await page.inputValue('#search-words')).toBe('mobility');
  await page.close();
});

test('without JavaScript the search page says that search needs it, and leads to the sections', async () => {
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const page = await noScript.newPage();
  await page.goto(`${server.url}/en/search/?q=mobility`);
  expect(await page.locator('.search-needs-js').textContent()).toContain('Search needs JavaScript');
  expect(await page.locator('form.search-form').isVisible()).toBe(false);
  expect(await page.$$eval('.search-fallback a', (anchors) => anchors.map((a) => a.getAttribute('href')))).toEqual(['/en/', '/en/studies/', '/en/events/', '/en/news/', '/en/axes/']);
  await noScript.close();
});

test('the skip link moves focus to the main content, and focus is visible', async () => {
  for (const url of ['/en/', '/es/estudios/', pageUrls.find((u) => u.startsWith('/es/estudios/') && u.split('/').length > 4)!]) {
    const page = await open(url);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { className: el.className, outline: style.outlineStyle, outlineWidth: style.outlineWidth, visible: el.getBoundingClientRect().top >= 0 };
    });
    expect(first).toMatchObject({ className: 'skip-link', outline: 'solid', visible: true });
    expect(first.outlineWidth).not.toBe('0px');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // The next Tab goes on from the main content (its first link, or the footer when it has
    // none), never back into the header the reader skipped.
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => ({ inHeader: Boolean(document.activeElement?.closest('.site-header')), html: document.activeElement?.outerHTML.slice(0, 80) }));
    expect([url, next]).toEqual([url, expect.objectContaining({ inHeader: false })]);
    await page.close();
  }
});

test("a study's summary link downloads a PDF in the page's language", async () => {
  for (const url of pageUrls.filter((u) => /^\/(en|es)\/studies\/[^/]+\/$/.test(u))) {
    const page = await open(url);
    const link = page.locator('a[type="application/pdf"][download]');
    // The same PDF, offered to read in the browser too.
    expect(await page.locator('a[type="application/pdf"]:not([download])').getAttribute('href')).toBe(await link.getAttribute('href'));
    expect(await link.getAttribute('hreflang')).toBe(url.split('/')[1]);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/-(summary|resumen)\.pdf$/);
    await page.close();
  }
});

test('screenshots of the home and a study page in each locale', async () => {
  for (const url of ['/en/', '/es/', pageUrls.find((u) => u.startsWith('/en/studies/') && u.split('/').length > 4)!, pageUrls.find((u) => u.startsWith('/es/estudios/') && u.split('/').length > 4)!]) {
    const page = await open(url);
    const file = path.join(SCREENSHOTS, `${url.replace(/\//g, '_').replace(/^_|_$/g, '') || 'root'}.png`);
    await page.screenshot({ path: file, fullPage: true });
    expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
    await page.close();
  }
});

/**
 * An admin page on another site (localhost, where the pipeline is 127.0.0.1) whose link to the
 * report is signed as the CMS signs it for a signed-in admin.
 */
const startAdminStub = async (): Promise<{ url: string; close: () => Promise<void> }> => {
  const stub: Server = createServer((_request, response) => {
    const link = `${server.url}/_report/?${signReportLink(LINK_SECRET, Math.floor(Date.now() / 1000) + 600).toString()}`;
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><title>Admin</title><a id="report" href="${link.replace(/&/g, '&amp;')}">Build report</a></html>`);
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  return { url: `http://localhost:${(stub.address() as AddressInfo).port}/`, close: () => new Promise((resolve) => stub.close(() => resolve())) };
};

test('the build report, reached from the admin, in both languages: its signed link swapped for a cookie, zero axe violations, the Nu checker and html-validate pass, the switch works', async () => {
  // A failed build after the good one, so the page shows a failure and its reason too.
  const failed = await runBuild({ strapiUrl: 'http://127.0.0.1:9', strapiToken: 'x', outDir, siteUrl: server.url, cacheDir: path.join(path.dirname(outDir), 'cache'), retries: 0, trigger: { kind: 'schedule', reasons: ['schedule:event-ended'] } });
  expect(failed.status).toBe('failed');
  const admin = await startAdminStub();
  const saved: string[] = [];
  const problems: string[] = [];
  const dir = path.join(path.dirname(outDir), 'report-pages');
  mkdirSync(dir, { recursive: true });
  try {
    for (const [browserLocale, first, second] of [
      ['en-GB', 'en', 'es'],
      ['es-ES', 'es', 'en'],
    ] as const) {
      const editor = await browser.newContext({ bypassCSP: true, locale: browserLocale });
      const page = await editor.newPage();
      // The one refusal expected: the answer that has the page reload itself with its cookie.
      const expected = (message: ConsoleMessage) => message.text().includes('status of 401') && message.location().url.startsWith(`${server.url}/_report/`);
      page.on('console', (message) => message.type() === 'error' && !expected(message) && problems.push(`${browserLocale}: ${message.text()} (${message.location().url})`));
      const answers: number[] = [];
      page.on('response', (response) => response.url().startsWith(`${server.url}/_report/`) && answers.push(response.status()));
      await page.goto(admin.url);
      await Promise.all([page.waitForURL((u) => u.origin === server.url && u.pathname === '/_report/' && !u.searchParams.has('signature')), page.click('#report')]);
      await page.locator('h1', { hasText: browserLocale === 'es-ES' ? 'Informe de publicación' : 'Build report' }).waitFor();
      // The signature is gone from the address; the cookie that replaced it is HttpOnly and Strict.
      expect(new URL(page.url()).search).toBe('');
      // Chromium withholds the Strict cookie after a redirect another site started (303 → 401,
      // the page that reloads itself → 200); a browser that sends it goes 303 → 200.
      expect([answers[0], answers.at(-1)]).toEqual([303, 200]);
      const cookies = await editor.cookies(`${server.url}/_report/`);
      expect(cookies.map((c) => [c.name, c.path, c.httpOnly, c.sameSite])).toEqual([['report_access', '/_report/', true, 'Strict']]);
      for (const locale of [first, second]) {
        expect(await page.getAttribute('html', 'lang')).toBe(locale);
        expect(await page.locator('table caption').count()).toBe(2);
        // Each build's start, in its caption and its row.
        expect(await page.locator('table time[datetime]').count()).toBe(4);
        expect(await page.locator('text=' + (locale === 'es' ? 'fallida' : 'failed')).count()).toBeGreaterThan(0);
        problems.push(...(await axeViolations(page, `/_report/ (${locale})`)));
        const levels = await page.$$eval('h1, h2, h3, h4, h5, h6', (headings) => headings.map((h) => Number(h.tagName[1])));
        if (levels.some((level, i) => (i === 0 ? level !== 1 : level > levels[i - 1]! + 1))) problems.push(`/_report/ (${locale}): headings ${levels.join(' ')}`);
        const html = await page.evaluate(async () => (await fetch(location.href)).text());
        const file = path.join(dir, `report-${browserLocale}-${locale}.html`);
        writeFileSync(file, html);
        saved.push(file);
        await page.screenshot({ path: path.join(SCREENSHOTS, `report-${locale}.png`), fullPage: true });
        if (locale === first) await Promise.all([page.waitForURL((u) => u.searchParams.get('lang') === second), page.click(`nav.language a[hreflang="${second}"]`)]);
      }
      await editor.close();
    }
    // The page that reloads the report when a browser withheld its cookie.
    const reload = path.join(dir, 'reload.html');
    writeFileSync(reload, renderReloadPage('es', '/_report/?lang=es'));
    const validator = new HtmlValidate(JSON.parse(readFileSync(path.join(projectRoot, '.htmlvalidate.json'), 'utf8')) as ConfigData);
    for (const file of [...saved, reload]) {
      const result = await validator.validateString(readFileSync(file, 'utf8'), file);
      problems.push(...result.results.flatMap((r) => r.messages.map((m) => `${file}:${m.line} ${m.ruleId} ${m.message}`)));
    }
    problems.push(...(await nuErrors([...saved, reload])));
  } finally {
    await admin.close();
  }
  expect(problems).toEqual([]);
}, 120_000);
