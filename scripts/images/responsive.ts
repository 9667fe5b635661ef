// The images stage: every cover becomes responsive variants (AVIF, WebP, JPEG at the widths
// the source allows), and every share image an editor chose its 1200×630 card, returned by the
// upload's site path for the site's model to join (see render/published-model); and every page
// that changed and has no share image gets its Open Graph card (drawn once the pages are known,
// in the render stage). Work a content hash says is done is reused; an
// image that cannot be read is reported and left out, never fatal.
import path from 'node:path';
import { cachedMediaFile } from '../media/copy-media.js';
import { mapWithConcurrency } from '../lib/concurrency.js';
import type { ContentIssue, ContentModel, MediaFile, ResponsiveImage, ResponsiveVariant } from '../../domain/model.js';
import type { Ledger } from '../lib/link-or-copy.js';
import type { PageView } from '../../domain/site-view.js';
import { renderOgImage } from './og-card.js';
import { processImage } from './variants.js';
import { processSocialImage } from './social-image.js';
import { ogImagePath, ownsCard } from '../normalise/urls.js';

export interface ImagesResult {
  encoded: number;
  reused: number;
  ogCards: number;
  failed: ContentIssue[];
}

export interface CoversResult extends ImagesResult {
  /** Each cover's responsive copies by its site path; null for one that cannot be read. */
  covers: Map<string, ResponsiveImage | null>;
  /** Each share image's 1200×630 card by the upload's site path; null for one that cannot be read. */
  socialCards: Map<string, ResponsiveVariant | null>;
}

export interface ImagesOptions {
  mediaCacheDir: string;
  imagesCacheDir: string;
  /** Records what is placed in a recycled release (see lib/link-or-copy). */
  ledger: Ledger | null;
}

export const processCovers = async (model: ContentModel, missingMedia: ReadonlySet<string>, outDir: string, options: ImagesOptions): Promise<CoversResult> => {
  const result: CoversResult = { encoded: 0, reused: 0, ogCards: 0, failed: [], covers: new Map(), socialCards: new Map() };
  // Thousands of documents share a dozen covers: each file is made once.
  const files = new Map<string, MediaFile>();
  for (const doc of [...model.studies, ...model.events, ...model.articles]) {
    if (doc.cover && !missingMedia.has(doc.cover.file.sitePath)) files.set(doc.cover.file.sitePath, doc.cover.file);
  }
  // Two at a time: each image already encodes its formats in parallel.
  await mapWithConcurrency([...files.keys()], 2, async (sitePath) => {
    try {
      const base = sitePath.replace(/\.[^./]+$/, '');
      const { image, encoded, reused } = await processImage(cachedMediaFile(options.mediaCacheDir, sitePath), base, outDir, options.imagesCacheDir, options.ledger);
      result.encoded += encoded;
      result.reused += reused;
      result.covers.set(sitePath, {
        width: image.width,
        height: image.height,
        sources: image.variants.map(({ format, width, height, sitePath: variantPath }) => ({ format, width, height, sitePath: variantPath })),
        fallback: { format: image.fallback.format, width: image.fallback.width, height: image.fallback.height, sitePath: image.fallback.sitePath },
      });
    } catch (error) {
      result.covers.set(sitePath, null);
      result.failed.push({ kind: 'image-dropped', type: 'media', documentId: sitePath, locale: null, field: null, message: `The image ${sitePath} cannot be read (${(error as Error).message}); pages show their documents without it.` });
    }
  });
  // Share images, by the documents and languages that chose them (a report entry names them).
  const shared = new Map<string, string[]>();
  for (const doc of [...model.studies, ...model.events, ...model.articles]) {
    const image = doc.seo?.image;
    if (image && !missingMedia.has(image.file.sitePath)) shared.set(image.file.sitePath, [...(shared.get(image.file.sitePath) ?? []), `${doc.type} ${doc.documentId} (${doc.locale})`]);
  }
  await mapWithConcurrency([...shared.keys()], 2, async (sitePath) => {
    try {
      const { card, encoded } = await processSocialImage(cachedMediaFile(options.mediaCacheDir, sitePath), sitePath.replace(/\.[^./]+$/, ''), outDir, options.imagesCacheDir, options.ledger);
      result.socialCards.set(sitePath, card);
      if (encoded) result.encoded += 1;
      else result.reused += 1;
    } catch (error) {
      result.socialCards.set(sitePath, null);
      const users = shared.get(sitePath) ?? [];
      result.failed.push({ kind: 'image-dropped', type: 'media', documentId: sitePath, locale: null, field: 'seo.shareImage', message: `The share image ${sitePath} of ${users.join(', ')} cannot be read (${(error as Error).message}); those pages are shared with their generated card.` });
    }
  });
  return result;
};

/** One 1200×630 card per page, with its title in its language, beside the page. */
export const renderOgCards = async (pages: PageView[], outDir: string, options: ImagesOptions, result: ImagesResult): Promise<void> => {
  await mapWithConcurrency(pages.filter(ownsCard), 2, async (page) => {
    const outcome = await renderOgImage({ title: page.title, siteName: page.settings.siteName, locale: page.locale }, path.join(outDir, ogImagePath(page.url)), options.imagesCacheDir, options.ledger);
    result.ogCards += 1;
    if (outcome === 'encoded') result.encoded += 1;
    else result.reused += 1;
  });
};
