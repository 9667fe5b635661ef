/// <reference lib="dom" />
// The admin as an editor meets it, in Chromium: a study's edit view in English, then in
// Spanish (the editor's profile language), with the field labels and descriptions of
// cms/src/admin-texts, and the "Build report" menu link that opens the pipeline's report with
// a link the CMS signed for the editor's admin session; and the media library showing the
// thumbnails of images kept in an S3 bucket (s3rver here), which the admin's Content Security
// Policy must let it load.
//
// The CMS the other integration tests share serves no admin (building it takes a minute or
// more), so this test starts one of its own that does, on a fresh SQLite database; the admin
// is built on its first start, and again only when its customisation changes.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { componentTexts, contentTypeTexts } from '../../cms/src/admin-texts/texts.js';
import { checkReportLink } from '../../cms/src/preview/signed-link.js';
import { freePort, startEmbeddedCms, type EmbeddedCms } from '../../scripts/embedded-cms.js';
import { projectRoot } from '../../scripts/paths.js';
import { launchChromium } from '../support/browser.js';
import { secretEnv } from '../support/cms-under-test.js';
import { mediaStoreEnv, startObjectStore, type ObjectStore } from '../support/object-store.js';
import { adminLogin } from '../support/strapi-http.js';

const SCREENSHOTS = path.join(projectRoot, 'test-output');
/** The admin's first build, then Strapi's start, on a busy 2-core machine. */
const START_TIMEOUT_MS = 900_000;

const study = contentTypeTexts['api::study.study']!.fields;
const textItem = componentTexts['shared.text-item']!.fields.text!;

let cms: EmbeddedCms;
let browser: Browser;
let page: Page;
let secret: string;
let pipelineUrl: string;
let apiToken: string;
/** Stands in for the pipeline's server: records what the report tab asked for. */
let pipeline: Server;
/** The media bucket: the sample covers the CMS seeds go there. */
let store: ObjectStore;
const pipelineRequests: string[] = [];
const editor = { adminEmail: 'admin-e2e@example.test', adminPassword: 'Admin-E2e-Pass-1234' };

const api = async (method: 'GET' | 'PUT', pathname: string, body?: unknown): Promise<unknown> => {
  const response = await fetch(`${cms.url}${pathname}`, {
    method,
    headers: { Authorization: `Bearer ${apiToken}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${pathname} gave ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return response.json();
};

beforeAll(async () => {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'admin-browser-'));
  const secrets = secretEnv();
  secret = secrets.PREVIEW_SECRET!;
  pipeline = createServer((request, response) => {
    pipelineRequests.push(request.url ?? '');
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Build report</title><p>report');
  });
  const pipelinePort = await freePort();
  await new Promise<void>((resolve) => pipeline.listen(pipelinePort, '127.0.0.1', resolve));
  pipelineUrl = `http://127.0.0.1:${pipelinePort}`;
  store = await startObjectStore('admin-media');
  cms = await startEmbeddedCms({
    stateDir,
    serveAdmin: true,
    startTimeoutMs: START_TIMEOUT_MS,
    env: {
      ...secrets,
      STRAPI_ADMIN_EMAIL: editor.adminEmail,
      STRAPI_ADMIN_PASSWORD: editor.adminPassword,
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: path.join(stateDir, 'data.db'),
      PIPELINE_URL: pipelineUrl,
      ...mediaStoreEnv(store),
    },
  });
  apiToken = await adminLogin({ url: cms.url, ...editor });
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 1300 } });
  page = await context.newPage();
  await page.goto(`${cms.url}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(editor.adminEmail);
  await page.locator('input[name="password"]').fill(editor.adminPassword);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60_000 });
}, START_TIMEOUT_MS + 120_000);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
  await store?.dispose();
  await new Promise((resolve) => (pipeline ? pipeline.close(resolve) : resolve(undefined)));
});

/** The 2023 study's documentId, as the admin's own API lists it. */
const studyDocumentId = async (): Promise<string> => {
  const list = (await api('GET', '/content-manager/collection-types/api::study.study?locale=en&pageSize=10')) as { results: { documentId: string; year: number }[] };
  const found = list.results.find((entry) => entry.year === 2023) ?? list.results[0];
  if (!found) throw new Error('no study in the CMS');
  return found.documentId;
};

/** Opens the study's edit view with the editor's interface in `language`, as their profile sets it. */
const openStudyIn = async (language: 'en' | 'es'): Promise<void> => {
  await api('PUT', '/admin/users/me', { preferedLanguage: language });
  const documentId = await studyDocumentId();
  await page.goto(`${cms.url}/admin/content-manager/collection-types/api::study.study/${documentId}?plugins[i18n][locale]=${language}`);
  await page.getByText(study.coverAlt!.label[language], { exact: true }).first().waitFor({ timeout: 60_000 });
};

/** A text on the page; a description may follow Strapi's note of a field's length limits. */
const shown = (text: string) => page.getByText(text);
const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A field's label: its text, and the asterisk of a required field. */
const labelled = (label: string) => page.getByText(new RegExp(`^${escaped(label)}\\*?$`));

test.each([
  ['en', { publish: 'Publish', save: 'Save', draft: 'draft', published: 'published', back: 'Back', home: 'Home', study: 'Study', menu: 'Build report' }],
  ['es', { publish: 'Publicar', save: 'Guardar', draft: 'borrador', published: 'publicado', back: 'Volver', home: 'Inicio', study: 'Estudio', menu: 'Informe de publicación' }],
] as const)("a study's edit view in %s: the interface, the labels and descriptions, the report link", async (language, words) => {
  await openStudyIn(language);
  // Strapi's own words, in that language.
  // The document's actions come last, once its permissions are read.
  await page.getByRole('button', { name: words.publish, exact: true }).waitFor({ timeout: 60_000 });
  expect(await page.getByRole('button', { name: words.save, exact: true }).count()).toBe(1);
  for (const tab of [words.draft, words.published]) expect([tab, await page.getByRole('tab', { name: tab, exact: true }).count()]).toEqual([tab, 1]);
  for (const link of [words.back, words.home, words.study]) expect([link, await page.getByRole('link', { name: link, exact: true }).count()]).toEqual([link, 1]);
  // The labels and descriptions, in that language.
  for (const field of ['title', 'slug', 'coverAlt', 'publicationDate'] as const) {
    expect([field, await labelled(study[field]!.label[language]).count()]).toEqual([field, 1]);
    expect([field, await shown(study[field]!.description[language]).count()]).toEqual([field, 1]);
  }
  // The other language's description is nowhere.
  const other = language === 'en' ? 'es' : 'en';
  expect(await page.getByText(study.coverAlt!.description[other]).count()).toBe(0);
  // The menu link to the build report.
  expect(await page.getByRole('link', { name: words.menu, exact: true }).count()).toBe(1);

  // Strapi's announcement banner would cover the top of the picture.
  const banner = page.getByRole('button', { name: /^Close the banner/ });
  if (await banner.count()) await banner.first().click();
  await page.screenshot({ path: path.join(SCREENSHOTS, `admin-study-edit-${language}.png`) });

  // A component's field, described in that language too: the first objective, opened (the
  // study's first list of entries, each a closed accordion until clicked).
  await page.locator('h3[data-state="closed"] button').first().click();
  await shown(textItem.description[language]).first().waitFor({ timeout: 10_000 });
});

test('the menu link opens the build report through a link the CMS signed for the editor', async () => {
  await api('PUT', '/admin/users/me', { preferedLanguage: 'en' });
  await page.goto(`${cms.url}/admin`);
  await page.getByRole('link', { name: 'Build report' }).click();
  const open = page.getByRole('button', { name: 'Open the build report' });
  await open.waitFor({ timeout: 30_000 });
  const [report] = await Promise.all([page.context().waitForEvent('page', { timeout: 30_000 }), open.click()]);
  await report.waitForURL((url) => url.pathname === '/_report/', { timeout: 30_000 });
  // The new tab asked the pipeline for its report, with a link signed for minutes.
  const url = new URL(report.url());
  expect(`${url.origin}${url.pathname}`).toBe(`${pipelineUrl}/_report/`);
  expect(checkReportLink(secret, url.searchParams, Math.floor(Date.now() / 1000))).toEqual({ ok: true });
  expect(pipelineRequests.filter((request) => request !== '/favicon.ico')).toEqual([`/_report/${url.search}`]);
  // The page keeps the same link, should the browser have blocked the tab.
  expect(await page.getByRole('link', { name: 'Open the report here' }).getAttribute('href')).toBe(report.url());
  await report.close();
});

test('the media library shows the thumbnails of images kept in the bucket, which the admin\'s CSP lets it load', async () => {
  await api('PUT', '/admin/users/me', { preferedLanguage: 'en' });
  const refused: string[] = [];
  const onConsole = (message: { type: () => string; text: () => string }): void => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) refused.push(message.text());
  };
  page.on('console', onConsole);
  try {
    await page.goto(`${cms.url}/admin/plugins/upload`);
    const fromBucket = page.locator(`img[src^="${store.endpoint}/${store.bucket}/"]`);
    await fromBucket.first().waitFor({ timeout: 60_000 });
    // Every thumbnail shown, each loaded from the bucket (a blocked or broken image has no width).
    await page.waitForFunction((prefix) => Array.from(document.querySelectorAll<HTMLImageElement>(`img[src^="${prefix}"]`)).every((img) => img.complete && img.naturalWidth > 0), `${store.endpoint}/${store.bucket}/`, { timeout: 30_000 });
    expect(await fromBucket.count()).toBeGreaterThanOrEqual(3);
    expect(store.requests.filter((request) => request.startsWith(`GET /${store.bucket}/`)).length).toBeGreaterThanOrEqual(3);
    expect(refused).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-media-library.png') });
  } finally {
    page.off('console', onConsole);
  }
});
