// PDF throughput in summaries per second, three ways side by side on the same machine:
// - ours: renderStudySummary on every core through the worker pool, fonts parsed once per thread
//   and each word shaped once per thread;
// - naive: the same renderer in one sequential loop, the fonts parsed again for every document,
//   which is what a plain pdfkit loop calling registerFont(path) per document does;
// - Chromium: Debian's headless Chromium printing each study page (with its print stylesheet)
//   to PDF, as many pages at a time as there are cores.
// Every method's outputs are checked to be PDFs and counted, so a method that fails fast
// cannot pass for a fast one.
import { chromium, type Browser, type Page } from 'playwright-core';
import { mapWithConcurrency } from '../scripts/lib/concurrency.js';
import type { ContentModel } from '../domain/model.js';
import { forgetParsedFonts } from '../scripts/pdf/fonts.js';
import { renderStudySummary } from '../scripts/pdf/study-summary.js';
import type { SummaryInput } from '../scripts/pdf/summary-input.js';
import { inputOf, type SummariesOptions } from '../scripts/pdf/summaries.js';
import { coreCount, renderInWorkers } from '../scripts/pdf/worker-pool.js';
import { startSiteServer } from '../scripts/server/server.js';

export interface ThroughputRun {
  label: string;
  /** PDFs made and checked (each starts with %PDF-). */
  documents: number;
  wallMs: number;
  perSecond: number;
  threads: number;
  /** Mean size of the PDFs, in bytes: the methods do not make the same file. */
  meanBytes?: number;
}

/** The inputs generateSummaries would render for every study of the model, in model order. */
export const summaryInputsOf = (model: ContentModel, options: SummariesOptions): Promise<SummaryInput[]> =>
  // Four at a time, as generateSummaries does: print covers may be encoded on a cache miss.
  mapWithConcurrency(model.studies, 4, (study) => inputOf(study, model, options));

// ---------------------------------------------------------------------------------------------
// Timing and checking

const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; wallMs: number }> => {
  const started = performance.now();
  const value = await work();
  return { value, wallMs: performance.now() - started };
};

const PDF_MAGIC = Buffer.from('%PDF-');

const isPdf = (bytes: Uint8Array | undefined): bytes is Uint8Array => bytes !== undefined && bytes.length > PDF_MAGIC.length && PDF_MAGIC.equals(bytes.subarray(0, PDF_MAGIC.length));

/** The run's figures from the PDFs it made; throws when fewer than `asked` are real PDFs. */
const runOf = (label: string, threads: number, asked: number, outputs: (Uint8Array | undefined)[], wallMs: number): ThroughputRun => {
  const pdfs = outputs.filter(isPdf);
  if (pdfs.length < asked) throw new Error(`${label}: ${pdfs.length} of the ${asked} documents asked for came out as PDFs`);
  const totalBytes = pdfs.reduce((sum, pdf) => sum + pdf.length, 0);
  return { label, documents: pdfs.length, wallMs, perSecond: pdfs.length / (wallMs / 1000), threads, meanBytes: Math.round(totalBytes / pdfs.length) };
};

// ---------------------------------------------------------------------------------------------
// Ours and naive

/** The pipeline's way: worker threads on every core. The pool outlives a call: the first call in a process times its start-up (bundle, pdfkit, fonts), later ones find it warm. */
export const measureOurs = async (inputs: SummaryInput[]): Promise<ThroughputRun> => {
  const threads = Math.min(coreCount(), inputs.length);
  const { value, wallMs } = await timed(() => renderInWorkers(inputs, threads));
  return runOf('ours (worker pool, fonts parsed and words shaped once per thread)', threads, inputs.length, value, wallMs);
};

const renderEachWithFreshFonts = async (inputs: SummaryInput[]): Promise<Buffer[]> => {
  const outputs: Buffer[] = [];
  for (const input of inputs) {
    // Emptying the cache before each document makes the renderer read and parse every face it
    // uses again, and shape every word again, as registerFont(path) does in a plain pdfkit
    // loop; the rest is the same code.
    forgetParsedFonts();
    outputs.push(await renderStudySummary(input));
  }
  return outputs;
};

/** A naive pdfkit loop: one thread, one document after another, the fonts parsed for each. */
export const measureNaive = async (inputs: SummaryInput[]): Promise<ThroughputRun> => {
  const { value, wallMs } = await timed(() => renderEachWithFreshFonts(inputs));
  return runOf('naive pdfkit loop (fonts parsed per document)', 1, inputs.length, value, wallMs);
};

// ---------------------------------------------------------------------------------------------
// Chromium

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

/** The path and query of a study page URL, absolute (https://example.org/en/…) or site-relative. */
const sitePathOf = (url: string): string => {
  const parsed = new URL(url, 'http://site.invalid');
  return `${parsed.pathname}${parsed.search}`;
};

const printPage = async (page: Page, url: string): Promise<Buffer> => {
  const response = await page.goto(url, { waitUntil: 'load' });
  // A 404 page prints to a PDF as well: only a page that was served counts.
  if (!response?.ok()) throw new Error(`Chromium got HTTP ${response?.status() ?? 'no response'} for ${url}`);
  return page.pdf({ format: 'A4', printBackground: true });
};

/** Each page takes the next URL until none is left, as each worker of our pool does. */
const printAll = async (pages: Page[], urls: string[]): Promise<Buffer[]> => {
  const outputs: Buffer[] = new Array(urls.length);
  let next = 0;
  const drain = async (page: Page): Promise<void> => {
    while (next < urls.length) {
      const i = next;
      next += 1;
      outputs[i] = await printPage(page, urls[i]!);
    }
  };
  await Promise.all(pages.map(drain));
  return outputs;
};

/**
 * One page in its own browser context per core: tabs of one context on one site may share a
 * renderer process, and so a core; separate contexts get their own. Made before the clock
 * starts, like the launch, so Chromium is timed from a ready browser.
 */
const openPages = (browser: Browser, count: number): Promise<Page[]> => Promise.all(Array.from({ length: count }, async () => (await browser.newContext()).newPage()));

/**
 * Debian's Chromium printing each study page to PDF, the site served on 127.0.0.1 by the
 * pipeline's own static server so its stylesheets and images load as for a reader.
 * studyPageUrls are the pages' URLs, site-relative (/en/studies/x/) or on any origin: only
 * their path is kept.
 */
export const measureChromium = async (siteDir: string, studyPageUrls: string[]): Promise<ThroughputRun> => {
  const server = await startSiteServer(siteDir, 0);
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const threads = Math.min(coreCount(), studyPageUrls.length);
      const pages = await openPages(browser, threads);
      const urls = studyPageUrls.map((url) => new URL(sitePathOf(url), server.url).toString());
      const { value, wallMs } = await timed(() => printAll(pages, urls));
      return runOf('headless Chromium (page.pdf of the study page)', threads, urls.length, value, wallMs);
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
};
