// The PDF stage: a summary of every published study in each of its locales, beside its page.
// A PDF whose inputs hash the same as before is copied from the cache, not rendered again.
import { copyFileSync, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mapWithConcurrency } from '../fetch/snapshot.js';
import { printCover } from '../images/variants.js';
import { cachedMediaFile } from '../media/copy-media.js';
import type { ContentIssue, ContentModel, Study } from '../normalise/model.js';
import { absoluteUrl } from '../normalise/urls.js';
import type { Locale } from '../locales.js';
import { renderStudySummary, summaryInputHash, type SummaryInput } from './study-summary.js';

export interface SummaryFile {
  sitePath: string;
  sizeBytes: number;
}

export interface SummariesResult {
  generated: number;
  reused: number;
  /** Rendering time of each generated PDF, in milliseconds. */
  renderMs: number[];
  failed: ContentIssue[];
}

export interface SummariesOptions {
  siteUrl: string;
  mediaCacheDir: string;
  imagesCacheDir: string;
  pdfCacheDir: string;
}

/** The word for "summary" in the file name readers download, in their language. */
const FILE_WORD: Record<Locale, string> = { en: 'summary', es: 'resumen' };

/** /en/studies/smart-cities-study-2023/smart-cities-study-2023-summary.pdf (…-resumen.pdf in Spanish) */
export const summaryPath = (study: Pick<Study, 'url' | 'slug' | 'locale'>): string => `${study.url}${study.slug}-${FILE_WORD[study.locale]}.pdf`;

const inputOf = async (study: Study, model: ContentModel, options: SummariesOptions): Promise<SummaryInput> => {
  // The cover goes in as a print-resolution JPEG from the image pipeline; no alt text in this
  // language means it is drawn as decoration.
  const coverImage = study.cover ? { data: await printCover(cachedMediaFile(options.mediaCacheDir, study.cover.file.sitePath), options.imagesCacheDir), alt: study.cover.alt } : null;
  return { study, settings: model.settings[study.locale], siteUrl: options.siteUrl, coverImage, pageUrl: absoluteUrl(options.siteUrl, study.url) };
};

export const generateSummaries = async (model: ContentModel, outDir: string, options: SummariesOptions): Promise<SummariesResult> => {
  mkdirSync(options.pdfCacheDir, { recursive: true });
  const result: SummariesResult = { generated: 0, reused: 0, renderMs: [], failed: [] };
  await mapWithConcurrency(model.studies, 2, async (study) => {
    try {
      const input = await inputOf(study, model, options);
      const cached = path.join(options.pdfCacheDir, `${summaryInputHash(input)}.pdf`);
      if (existsSync(cached)) result.reused += 1;
      else {
        const started = performance.now();
        const bytes = await renderStudySummary(input);
        result.renderMs.push(Math.round(performance.now() - started));
        writeFileSync(`${cached}.partial`, bytes);
        renameSync(`${cached}.partial`, cached);
        result.generated += 1;
      }
      const sitePath = summaryPath(study);
      const target = path.join(outDir, sitePath);
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(cached, target);
      study.summaryPdf = { sitePath, sizeBytes: statSync(target).size };
    } catch (error) {
      result.failed.push({ kind: 'invalid-document', type: 'study', documentId: study.documentId, locale: study.locale, field: null, message: `The summary PDF of study "${study.title}" (${study.documentId}, ${study.locale}) could not be made: ${(error as Error).message}. The study page is published without it.` });
    }
  });
  return result;
};
