// The images stage: every cover becomes responsive variants (AVIF, WebP, JPEG at the widths
// the source allows) and every page gets its Open Graph card. Work a content hash says is
// done is reused; an image that cannot be read is reported and dropped, never fatal.
import path from 'node:path';
import { cachedMediaFile } from '../media/copy-media.js';
import { mapWithConcurrency } from '../fetch/snapshot.js';
import type { ContentIssue, ContentModel, Image } from '../normalise/model.js';
import type { PageView } from '../render/pages.js';
import { processImage, renderOgImage } from './variants.js';

export interface ImagesResult {
  encoded: number;
  reused: number;
  ogCards: number;
  failed: ContentIssue[];
}

export interface ImagesOptions {
  mediaCacheDir: string;
  imagesCacheDir: string;
}

export const ogImagePath = (pageUrl: string): string => `${pageUrl}og.png`;

export const processCovers = async (model: ContentModel, outDir: string, options: ImagesOptions): Promise<ImagesResult> => {
  const result: ImagesResult = { encoded: 0, reused: 0, ogCards: 0, failed: [] };
  const covers = new Map<string, Image[]>();
  for (const doc of [...model.studies, ...model.events, ...model.articles]) {
    if (!doc.cover) continue;
    // Thousands of documents share a dozen covers: add to the list, never copy it.
    const sharing = covers.get(doc.cover.file.sitePath);
    if (sharing) sharing.push(doc.cover);
    else covers.set(doc.cover.file.sitePath, [doc.cover]);
  }
  const broken = new Set<string>();
  // Two at a time: each image already encodes its formats in parallel.
  await mapWithConcurrency([...covers], 2, async ([sitePath, images]) => {
    try {
      const base = sitePath.replace(/\.[^./]+$/, '');
      const { image, encoded, reused } = await processImage(cachedMediaFile(options.mediaCacheDir, sitePath), base, outDir, options.imagesCacheDir);
      result.encoded += encoded;
      result.reused += reused;
      const variants = {
        width: image.width,
        height: image.height,
        sources: image.variants.map(({ format, width, height, sitePath: variantPath }) => ({ format, width, height, sitePath: variantPath })),
        fallback: { format: image.fallback.format, width: image.fallback.width, height: image.fallback.height, sitePath: image.fallback.sitePath },
      };
      for (const cover of images) cover.variants = variants;
    } catch (error) {
      broken.add(sitePath);
      result.failed.push({ kind: 'image-dropped', type: 'media', documentId: sitePath, locale: null, field: null, message: `The image ${sitePath} cannot be read (${(error as Error).message}); pages show their documents without it.` });
    }
  });
  for (const doc of [...model.studies, ...model.events, ...model.articles]) {
    if (doc.cover && broken.has(doc.cover.file.sitePath)) doc.cover = null;
  }
  return result;
};

/** One 1200×630 card per page, with its title in its language, beside the page. */
export const renderOgCards = async (pages: PageView[], outDir: string, options: ImagesOptions, result: ImagesResult): Promise<void> => {
  await mapWithConcurrency(pages, 2, async (page) => {
    const outcome = await renderOgImage({ title: page.title, siteName: page.settings.siteName, locale: page.locale }, path.join(outDir, ogImagePath(page.url)), options.imagesCacheDir);
    result.ogCards += 1;
    if (outcome === 'encoded') result.encoded += 1;
    else result.reused += 1;
  });
};
