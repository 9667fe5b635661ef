// What the site shows, before anything is written: its feeds and its pages (the views the
// templates read), from the published model, with every link of its rich text checked against
// what those pages and feeds publish. A link to nothing becomes plain text and a report entry
// for its document (see content-links), and the views are made again from the corrected model.
import { documentKey, type ContentIssue, type ContentModel } from '../../domain/model.js';
import type { SiteView } from '../../domain/site-view.js';
import { absoluteUrl } from '../normalise/urls.js';
import { checkContentLinks, sitePathsOf } from './content-links.js';
import { buildFeedViews } from './feeds.js';
import { buildSiteView, type SiteViewOptions } from './pages.js';
import { siteDir } from './render.js';
import path from 'node:path';

export interface Site {
  model: ContentModel;
  view: SiteView;
  /** Broken links made plain text, items no feed could carry. */
  issues: ContentIssue[];
}

const viewsOf = async (model: ContentModel, now: Date, siteUrl: string, options: SiteViewOptions): Promise<{ view: SiteView; skipped: ContentIssue[] }> => {
  // Each study's summary PDF rides along in its feed items as an enclosure.
  const pdfs = new Map(model.studies.flatMap((s) => (s.summaryPdf ? [[documentKey(s), { url: absoluteUrl(siteUrl, s.summaryPdf.sitePath), length: s.summaryPdf.sizeBytes, type: 'application/pdf' }] as const] : [])));
  const feeds = await buildFeedViews(model, siteUrl, { pdfs });
  return { view: buildSiteView(model, now, feeds.feeds, { ...options, siteUrl }), skipped: feeds.skipped };
};

export const siteOf = async (published: ContentModel, now: Date, siteUrl: string, options: SiteViewOptions = {}): Promise<Site> => {
  const first = await viewsOf(published, now, siteUrl, options);
  const links = checkContentLinks(published, sitePathsOf(first.view, published, path.join(siteDir, 'assets')), siteUrl);
  if (!links.changed) return { model: published, view: first.view, issues: [...links.issues, ...first.skipped] };
  const corrected = await viewsOf(links.model, now, siteUrl, options);
  return { model: links.model, view: corrected.view, issues: [...links.issues, ...corrected.skipped] };
};
