// Copies every media file the site shows from the CMS into the site, once: upload names
// are content hashes, so a file already in the cache is reused, never downloaded again.
// A file that cannot be fetched is reported and named in the result; the pages drop it (see
// render/published-model).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { linkOrCopySync, type Ledger } from '../lib/link-or-copy.js';
import { writeFileAtomicSync } from '../lib/write-atomic.js';
import type { ContentIssue, ContentModel } from '../../domain/model.js';
import { mapWithConcurrency } from '../lib/concurrency.js';

export interface MediaResult {
  downloaded: number;
  reused: number;
  failed: ContentIssue[];
  /** Site paths of the files that could not be copied. */
  missing: Set<string>;
}

export interface MediaOptions {
  cacheDir: string;
  /** Records what is placed in a recycled release (see lib/link-or-copy). */
  ledger: Ledger | null;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const download = async (sourceUrl: string, target: string, options: MediaOptions): Promise<void> => {
  const response = await (options.fetch ?? fetch)(sourceUrl, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  writeFileAtomicSync(target, Buffer.from(await response.arrayBuffer()));
};

/** Where the downloaded original of a site media path sits in the cache. */
export const cachedMediaFile = (cacheDir: string, sitePath: string): string => path.join(cacheDir, path.basename(sitePath));

export const copyMedia = async (media: ContentModel['media'], outDir: string, options: MediaOptions): Promise<MediaResult> => {
  mkdirSync(options.cacheDir, { recursive: true });
  const result: MediaResult = { downloaded: 0, reused: 0, failed: [], missing: new Set() };
  await mapWithConcurrency([...media], 4, async ([sitePath, { sourceUrl, inSite }]) => {
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
        linkOrCopySync(cached, target, options.ledger);
      }
    } catch (error) {
      result.missing.add(sitePath);
      result.failed.push({ kind: 'image-dropped', type: 'media', documentId: sitePath, locale: null, field: null, message: `The media file ${sourceUrl} could not be copied (${(error as Error).message}); pages show the document without it.` });
    }
  });
  return result;
};
