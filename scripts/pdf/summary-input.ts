// What a study's summary PDF is made from, and the hash of it that names the cached file: equal
// inputs give equal bytes (study-summary.ts draws them), so a hash equal to the last build's
// means the last build's PDF.
import { createHash } from 'node:crypto';
import { LABELS } from '../../domain/labels.js';
import { documentKey, type SiteSettings, type Study } from '../../domain/model.js';
import { PipelineError } from '../errors.js';
import type { HashRound } from '../lib/kept-hashes.js';
import { RENDERER_VERSIONS } from './fonts.js';
import { PDF_LABELS } from './pdf-labels.js';

export interface SummaryInput {
  study: Study;
  settings: SiteSettings;
  /** Site root, e.g. https://example.org: makes site-relative links absolute. */
  siteUrl: string;
  /**
   * JPEG or PNG from the image pipeline, with its alternative text in the study's language.
   * A Uint8Array does too: that is what a Buffer becomes on its way into a worker thread.
   */
  coverImage: { data: Buffer | Uint8Array; alt: string } | null;
  /** Absolute URL of the study page. */
  pageUrl: string;
}

/** Bump when the layout changes: cached PDFs made by an older layout are then made again. */
const SUMMARY_LAYOUT_VERSION = 1;

/** A summary could not be made; says which study, in which language, and what to do. */
export class PdfRenderError extends PipelineError {
  override readonly name = 'PdfRenderError';
}


/** JSON with sorted keys, so equal data always hashes the same. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, nested]) => nested !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, nested]) => `${JSON.stringify(key)}:${canonical(nested)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

const sha256 = (data: string | Uint8Array): Buffer => createHash('sha256').update(data).digest();

// Covers are shared between studies and builds (printCover hands out one Buffer per file).
const coverHashes = new WeakMap<Uint8Array, string>();
const coverHash = (data: Uint8Array): string => {
  let hash = coverHashes.get(data);
  if (hash === undefined) {
    hash = sha256(data).toString('hex');
    coverHashes.set(data, hash);
  }
  return hash;
};

/** Everything that shapes the PDF's bytes, as one plain value. */
const hashedInputs = (input: SummaryInput) => ({
  layout: SUMMARY_LAYOUT_VERSION,
  renderer: RENDERER_VERSIONS,
  labels: LABELS[input.study.locale],
  pdfLabels: PDF_LABELS[input.study.locale],
  // The study's own cover record is not drawn (coverImage is, and is hashed below); leaving it
  // out keeps what later stages add to it (responsive variants) from invalidating PDFs.
  // Nor are its search and social fields, which the PDF does not show.
  study: { ...input.study, cover: null, seo: null },
  settings: input.settings,
  siteUrl: input.siteUrl,
  pageUrl: input.pageUrl,
  cover: input.coverImage && { sha256: coverHash(input.coverImage.data), alt: input.coverImage.alt },
});

/** Hex sha256 of everything that shapes the PDF's bytes: equal hashes, equal files. */
export const summaryInputHash = (input: SummaryInput): string => sha256(canonical(hashedInputs(input))).toString('hex');

/** The same hash, taken from the last build when the study's inputs are as they were then. */
export const keptSummaryInputHash = (input: SummaryInput, round: HashRound): string => {
  const inputs = hashedInputs(input);
  return round.hash(documentKey(input.study), inputs, () => sha256(canonical(inputs)).toString('hex'));
};
