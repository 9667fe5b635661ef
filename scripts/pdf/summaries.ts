// The PDF stage: a summary of every published study in each of its locales, beside its page,
// returned by study and locale for the site's model to join (see render/published-model).
// A PDF whose inputs hash the same as before is copied from the cache, not rendered again.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { linkOrCopySync, type Ledger } from '../lib/link-or-copy.js';
import { mapWithConcurrency } from '../lib/concurrency.js';
import { writeFileAtomicSync } from '../lib/write-atomic.js';
import { cachedMediaFile } from '../media/copy-media.js';
import { documentKey, settingsOf, type ContentIssue, type ContentModel, type Study, type SummaryPdf } from '../../domain/model.js';
import { absoluteUrl, summaryPath } from '../normalise/urls.js';
import { renderStudySummary } from './study-summary.js';
import { keptSummaryInputHash, type SummaryInput } from './summary-input.js';
import { renderInWorkers } from './worker-pool.js';
import { KeptHashes } from '../lib/kept-hashes.js';

/** PDF inputs by study and locale, kept for the next build (see kept-hashes). */
const inputHashes = new KeptHashes();

export interface SummariesResult {
  generated: number;
  reused: number;
  /** Rendering time of each generated PDF, in milliseconds. */
  renderMs: number[];
  failed: ContentIssue[];
  /** The summaries made or reused, by documentKey. */
  pdfs: Map<string, SummaryPdf>;
}

export interface SummariesOptions {
  siteUrl: string;
  mediaCacheDir: string;
  imagesCacheDir: string;
  pdfCacheDir: string;
  /** The cover as the PDF embeds it (images/print-cover), from the copied original. */
  printCover: (sourceFile: string, cacheDir: string) => Promise<Buffer>;
  /** Records what is placed in a recycled release (see lib/link-or-copy). */
  ledger: Ledger | null;
}

/** What the renderer needs for one study: exported for the throughput benchmark, which renders the same inputs. */
export const inputOf = async (study: Study, model: ContentModel, options: SummariesOptions): Promise<SummaryInput> => {
  // The cover goes in as a print-resolution JPEG from the image pipeline; no alt text in this
  // language means it is drawn as decoration.
  const coverImage = study.cover ? { data: await options.printCover(cachedMediaFile(options.mediaCacheDir, study.cover.file.sitePath), options.imagesCacheDir), alt: study.cover.alt } : null;
  return { study, settings: settingsOf(model, study.locale), siteUrl: options.siteUrl, coverImage, pageUrl: absoluteUrl(options.siteUrl, study.url) };
};

/**
 * Below this many PDFs to render, starting worker threads costs more than it saves: each
 * worker needs about 0.7 s to load pdfkit and the fonts. Measured on 2 cores: 48 PDFs went at
 * 27/s in-process and 15/s on 2 workers; 192 at 36/s in-process and 43/s on workers.
 */
const WORKER_THRESHOLD = 128;

interface Job {
  study: Study;
  input: SummaryInput;
  cached: string;
}

const store = (cached: string, bytes: Buffer): void => writeFileAtomicSync(cached, bytes);

export const generateSummaries = async (model: ContentModel, outDir: string, options: SummariesOptions & { workerThreshold?: number }): Promise<SummariesResult> => {
  mkdirSync(options.pdfCacheDir, { recursive: true });
  const result: SummariesResult = { generated: 0, reused: 0, renderMs: [], failed: [], pdfs: new Map() };
  const fail = (study: Study, error: unknown): void => {
    result.failed.push({ kind: 'invalid-document', type: 'study', documentId: study.documentId, locale: study.locale, field: null, message: `The summary PDF of study "${study.title}" (${study.documentId}, ${study.locale}) could not be made: ${(error as Error).message}. The study page is published without it.` });
  };

  const round = inputHashes.round();
  const jobs = (
    await mapWithConcurrency(model.studies, 4, async (study): Promise<Job | null> => {
      try {
        const input = await inputOf(study, model, options);
        return { study, input, cached: path.join(options.pdfCacheDir, `${keptSummaryInputHash(input, round)}.pdf`) };
      } catch (error) {
        fail(study, error);
        return null;
      }
    })
  ).filter((job): job is Job => job !== null);
  round.commit();

  const toRender = jobs.filter((job) => !existsSync(job.cached));
  result.reused = jobs.length - toRender.length;
  const rendered = new Set<Job>();
  if (toRender.length >= (options.workerThreshold ?? WORKER_THRESHOLD)) {
    const started = performance.now();
    try {
      // Each PDF goes to the cache as it arrives.
      await renderInWorkers(
        toRender.map((job) => job.input),
        undefined,
        (index, pdf) => {
          const job = toRender[index] as Job;
          store(job.cached, pdf);
          rendered.add(job);
        },
      );
    } catch {
      // A worker that failed leaves the PDFs not made yet to the loop below, which names the document.
    }
    const each = Math.round((performance.now() - started) / Math.max(1, rendered.size));
    for (let i = 0; i < rendered.size; i += 1) result.renderMs.push(each);
  }
  for (const job of toRender.filter((j) => !rendered.has(j))) {
    try {
      const started = performance.now();
      store(job.cached, await renderStudySummary(job.input));
      result.renderMs.push(Math.round(performance.now() - started));
      rendered.add(job);
    } catch (error) {
      fail(job.study, error);
    }
  }
  result.generated = rendered.size;

  for (const job of jobs.filter((j) => existsSync(j.cached))) {
    const sitePath = summaryPath(job.study);
    const target = path.join(outDir, sitePath);
    mkdirSync(path.dirname(target), { recursive: true });
    linkOrCopySync(job.cached, target, options.ledger);
    result.pdfs.set(documentKey(job.study), { sitePath, sizeBytes: statSync(target).size });
  }
  return result;
};
