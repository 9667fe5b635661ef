// Copies every media file the site shows from the CMS into the site, once: upload names
// are content hashes, so a file already in the cache is reused, never downloaded again.
// A file that cannot be fetched is reported and left out; the pages drop it.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { linkOrCopySync } from '../publish/link-or-copy.js';
import type { ContentIssue, ContentModel } from '../normalise/model.js';
import { mapWithConcurrency } from '../fetch/snapshot.js';

export interface MediaResult {
  downloaded: number;
  reused: number;
  failed: ContentIssue[];
}

export interface MediaOptions {
  cacheDir: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const download = async (sourceUrl: string, target: string, options: MediaOptions): Promise<void> => {
  const response = await (options.fetch ?? fetch)(sourceUrl, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const partial = `${target}.partial`;
  writeFileSync(partial, Buffer.from(await response.arrayBuffer()));
  renameSync(partial, target);
};

/** Where the downloaded original of a site media path sits in the cache. */
export const cachedMediaFile = (cacheDir: string, sitePath: string): string => path.join(cacheDir, path.basename(sitePath));

export const copyMedia = async (model: ContentModel, outDir: string, options: MediaOptions): Promise<MediaResult> => {
  mkdirSync(options.cacheDir, { recursive: true });
  const result: MediaResult = { downloaded: 0, reused: 0, failed: [] };
  await mapWithConcurrency([...model.media], 4, async ([sitePath, { sourceUrl, inSite }]) => {
    const cached = cachedMediaFile(options.cacheDir, sitePath);
    try {
      if (existsSync(cached)) result.reused += 1;
      else {
        await download(sourceUrl, cached, options);
        result.downloaded += 1;
      }
      if (inSite) {
        const target = path.join(outDir, sitePath);
        mkdirSync(path.dirname(target), { recursive: true });
        linkOrCopySync(cached, target);
      }
    } catch (error) {
      result.failed.push({ kind: 'image-dropped', type: 'media', documentId: sitePath, locale: null, field: null, message: `The media file ${sourceUrl} could not be copied (${(error as Error).message}); pages show the document without it.` });
    }
  });
  if (result.failed.length > 0) dropMissingMedia(model, new Set(result.failed.map((issue) => issue.documentId)));
  return result;
};

/** Covers and full-study files that could not be copied are removed from the model. */
const dropMissingMedia = (model: ContentModel, missing: Set<string>): void => {
  for (const doc of [...model.studies, ...model.events, ...model.articles]) {
    if (doc.cover && missing.has(doc.cover.file.sitePath)) doc.cover = null;
  }
  for (const study of model.studies) {
    if (study.fullStudy && missing.has(study.fullStudy.sitePath)) study.fullStudy = null;
  }
  for (const sitePath of missing) model.media.delete(sitePath);
};
