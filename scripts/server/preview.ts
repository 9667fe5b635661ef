// Renders one page (or a study's summary PDF) from a draft, for the admin's Preview button.
// The draft is read with the preview token, which only this server knows; the page is
// rendered into a temporary directory, marked "Preview, not published" and noindex, served
// once and thrown away: nothing of it ever reaches dist/.
//
// Previews have a state of their own, apart from the builds that run in the same process: the
// published content the draft is shown among (read in full once, then brought up to date with
// the change feed, one request when nothing changed) and normalise's memory of texts. They
// place nothing in a build's release and keep nothing from the live one.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COLLECTION_QUERIES, localeQuery } from '../fetch/queries.js';
import { fetchChanges } from '../fetch/incremental.js';
import { fetchSite, type RawSnapshot } from '../fetch/snapshot.js';
import { createStrapiClient } from '../fetch/strapi-client.js';
import { isLocale, type Locale } from '../../domain/locales.js';
import { settingsOf, type ContentModel, type Document, type DocumentType } from '../../domain/model.js';
import { newNormaliseMemo, normalise } from '../normalise/normalise.js';
import { mediaBaseUrlsFrom } from '../normalise/media-source.js';
import { absoluteUrl } from '../normalise/urls.js';
import { renderStudySummary } from '../pdf/study-summary.js';
import { buildSiteView } from '../render/pages.js';
import { renderPagesOnly } from '../render/render.js';

export interface PreviewOptions {
  cmsUrl: string;
  previewToken: string;
  siteUrl: string;
}

export type PreviewResult = { status: 200; contentType: string; body: Buffer } | { status: 400 | 404; message: string };

const PREVIEWABLE: Record<string, DocumentType> = { study: 'study', event: 'event', article: 'article', axis: 'axis' };

const BANNER_TEXT: Record<Locale, string> = { en: 'Preview, not published', es: 'Vista previa, sin publicar' };

/** What previews remember between two clicks: the published content (null until read, or
 * after a read failed), and normalise's memo. */
export interface PreviewState {
  published: Promise<RawSnapshot | null>;
  memo: ReturnType<typeof newNormaliseMemo>;
}

export const newPreviewState = (): PreviewState => ({ published: Promise.resolve(null), memo: newNormaliseMemo() });

/** The published content as it is now: read in full the first time, then only what changed. */
export const publishedNow = (state: PreviewState, client: ReturnType<typeof createStrapiClient>): Promise<RawSnapshot> => {
  const next = state.published.then((last) => (last === null ? fetchSite(client) : fetchChanges(client, last, new Date()).then((changes) => changes.snapshot)));
  // A read that failed is not kept, and nothing is read until the next click, which then reads
  // everything again. The kept promise never rejects: no one would be there to handle it.
  state.published = next.catch(() => null);
  return next;
};

/** The published site's content with the one draft put in place of (or beside) its published version. */
const draftModel = async (options: PreviewOptions, state: PreviewState, type: DocumentType, locale: Locale, documentId: string): Promise<{ model: ContentModel; doc: Document } | null> => {
  const client = createStrapiClient({ baseUrl: options.cmsUrl, token: options.previewToken, retries: 1 });
  const query = COLLECTION_QUERIES.find((q) => q.type === type);
  if (!query) return null;
  const params = localeQuery(query, locale);
  params.set('status', 'draft');
  params.set('filters[documentId][$eq]', documentId);
  const [draft] = await client.getAllPages(query.path, params);
  if (!draft) return null;
  const published = await publishedNow(state, client);
  const others = (published.collections[type]?.[locale] ?? []).filter((doc) => (doc as { documentId: string }).documentId !== documentId);
  // A draft has no publication date yet; the page shows it as if published now. The kept
  // snapshot is not changed: the draft goes into a copy of its one list.
  const withDraft: RawSnapshot = {
    ...published,
    collections: { ...published.collections, [type]: { ...(published.collections[type] as Record<Locale, unknown[]>), [locale]: [...others, { ...(draft as object), publishedAt: new Date().toISOString() }] } },
  };
  const normalised = normalise(withDraft, { cmsUrl: options.cmsUrl, memo: state.memo, mediaBaseUrls: mediaBaseUrlsFrom(process.env) });
  // Images of a draft may not be in the site yet: show them straight from the CMS.
  const fromCms = <T extends Document>(d: T): T => (d.cover ? { ...d, cover: { ...d.cover, variants: undefined, file: { ...d.cover.file, sitePath: d.cover.file.sourceUrl } } } : d);
  const model: ContentModel = { ...normalised, studies: normalised.studies.map(fromCms), events: normalised.events.map(fromCms), articles: normalised.articles.map(fromCms) };
  const doc = [...model.studies, ...model.events, ...model.articles, ...model.axes].find((d) => d.documentId === documentId && d.locale === locale);
  return doc ? { model, doc } : null;
};

const markAsPreview = (html: string, locale: Locale): string =>
  html
    .replace('<head>', '<head>\n<meta name="robots" content="noindex, nofollow">')
    .replace(/<body>/, `<body>\n<p class="preview-banner" role="status">${BANNER_TEXT[locale]}</p>`);

export const renderPreview = async (options: PreviewOptions, state: PreviewState, localeParam: string, typeParam: string, documentId: string, wantsPdf: boolean): Promise<PreviewResult> => {
  const type = PREVIEWABLE[typeParam];
  if (!isLocale(localeParam) || !type || !/^[a-z0-9]{10,40}$/i.test(documentId)) return { status: 400, message: 'Preview URLs look like /preview/{en|es}/{study|event|article|axis}/{documentId}' };
  const found = await draftModel(options, state, type, localeParam, documentId);
  if (!found) return { status: 404, message: `No ${type} ${documentId} in ${localeParam}` };
  const { model, doc } = found;
  if (wantsPdf) {
    if (doc.type !== 'study') return { status: 404, message: 'Only studies have a summary PDF' };
    const body = await renderStudySummary({ study: doc, settings: settingsOf(model, doc.locale), siteUrl: options.siteUrl, coverImage: null, pageUrl: absoluteUrl(options.siteUrl, doc.url) });
    return { status: 200, contentType: 'application/pdf', body };
  }
  const view = buildSiteView(model, new Date(), [], { siteUrl: options.siteUrl });
  const page = view.pages.find((p) => p.url === doc.url);
  if (!page) return { status: 404, message: `No page for ${type} ${documentId} in ${localeParam}` };
  page.title = `${page.title} · ${BANNER_TEXT[doc.locale]}`;
  if (page.searchTitle) page.searchTitle = `${page.searchTitle} · ${BANNER_TEXT[doc.locale]}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'preview-'));
  try {
    await renderPagesOnly(view, dir, options.siteUrl, [page]);
    const html = readFileSync(path.join(dir, page.url, 'index.html'), 'utf8');
    return { status: 200, contentType: 'text/html; charset=utf-8', body: Buffer.from(markAsPreview(html, doc.locale)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

