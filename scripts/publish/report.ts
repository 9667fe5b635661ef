// build-report.json: what the last build did, for the editor and for the next build.
import path from 'node:path';
import { writeFileAtomicSync } from '../lib/write-atomic.js';
import type { PipelineError } from '../errors.js';
import { LOCALES, type Locale } from '../../domain/locales.js';
import type { ContentIssue, ContentModel } from '../../domain/model.js';
import type { BuildTrigger } from './build-history.js';

export interface BuildReport {
  status: 'ok' | 'failed';
  /** What set the build off (reports written before triggers were recorded have none). */
  trigger?: BuildTrigger;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  cmsUrl: string;
  siteUrl: string;
  outDir: string;
  release: string | null;
  requests: number;
  /** Published documents per type and locale. */
  counts: Record<string, Record<Locale, number>>;
  pages: number;
  files: number;
  /** Originals downloaded or reused from the cache; image variants and cards encoded or reused. */
  media: { downloaded: number; reused: number; encoded: number; reusedVariants: number };
  /** Summary PDFs rendered or taken from the cache, with each rendering's time in ms. */
  pdfs: { generated: number; reused: number; renderMs: number[] };
  /** Files this build wrote (the rest are shared with the previous release), by kind. */
  changed: { pages: string[]; feeds: string[]; calendars: string[]; pdfs: string[]; images: number; other: number } | null;
  /** Documents that did not publish, and why. */
  leftOut: ContentIssue[];
  missingTranslations: ContentIssue[];
  /** Everything else the editor should fix: unsafe links, images without alt text, control characters removed from text, … */
  warnings: ContentIssue[];
  stages: Record<string, number>;
  /** The search index: made by this build, kept as it was, or kept although pages changed (made later; see search/index-pages). */
  search?: 'made' | 'kept' | 'deferred';
  error: { name: string; message: string; context: Record<string, unknown> } | null;
  /**
   * When the build failed after reading the CMS: the pages of documents no longer published
   * that were taken off the live site anyway (see publish/takedowns), and the release that did it.
   */
  takedown?: { release: string; pages: string[] } | null;
  /**
   * The next moment an event on this release turns from upcoming to past (ISO 8601), which
   * changes the lists with no edit to tell of it: the server rebuilds just after it (event-clock).
   */
  nextEventEnd?: string | null;
  /** The deploy of this build's release to an object store (scripts/deploy), once one ran. */
  deploy?: DeployReport;
}

/** What a deploy to an object store did. */
export interface DeployReport {
  status: 'ok' | 'failed';
  /** s3://bucket/prefix */
  target: string;
  release: string | null;
  startedAt: string;
  durationMs: number;
  /** Objects uploaded (redirect objects included), left as they were, and deleted. */
  uploaded: number;
  unchanged: number;
  deleted: number;
  /** Of the uploads, how many bytes. */
  bytes: number;
  /** Exact redirect rules written as object redirects. */
  redirects: number;
  /** The names uploaded and deleted, the first 200 of each. */
  uploadedFiles: string[];
  deletedFiles: string[];
  error: string | null;
}

export const reportPathFor = (outDir: string): string => path.join(path.dirname(outDir), 'build-report.json');

export const countDocuments = (model: ContentModel): BuildReport['counts'] => {
  const counts: BuildReport['counts'] = {};
  for (const [type, docs] of [['study', model.studies], ['event', model.events], ['article', model.articles], ['axis', model.axes]] as const) {
    counts[type] = Object.fromEntries(LOCALES.map((locale) => [locale, docs.filter((doc) => doc.locale === locale).length])) as Record<Locale, number>;
  }
  return counts;
};

/** Issues that keep a document (or a version of it) off the site, as opposed to warnings about one that is on it. */
const LEFT_OUT = new Set<ContentIssue['kind']>(['invalid-document', 'duplicate-slug', 'unusable-slug', 'schedule-failed']);

export const splitIssues = (issues: ContentIssue[]): Pick<BuildReport, 'leftOut' | 'missingTranslations' | 'warnings'> => ({
  leftOut: issues.filter((issue) => LEFT_OUT.has(issue.kind)),
  missingTranslations: issues.filter((issue) => issue.kind === 'missing-translation'),
  warnings: issues.filter((issue) => !LEFT_OUT.has(issue.kind) && issue.kind !== 'missing-translation'),
});

export const summariseChanges = (written: string[]): NonNullable<BuildReport['changed']> => {
  const changed: NonNullable<BuildReport['changed']> = { pages: [], feeds: [], calendars: [], pdfs: [], images: 0, other: 0 };
  for (const file of [...written].sort()) {
    if (file.endsWith('.html')) changed.pages.push(`/${file.replace(/index\.html$/, '')}`);
    else if (/(feed\.xml|atom\.xml|feed\.json)$/.test(file)) changed.feeds.push(`/${file}`);
    else if (file.endsWith('.ics')) changed.calendars.push(`/${file}`);
    else if (file.endsWith('.pdf')) changed.pdfs.push(`/${file}`);
    else if (/\.(png|jpe?g|webp|avif|gif|svg)$/.test(file)) changed.images += 1;
    else changed.other += 1;
  }
  return changed;
};

const describeError = (error: unknown): string => {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Partial<Error>;
  return `${e.name ?? 'Error'}: ${e.message ?? String(error)}`;
};

/** "Name: message" of every cause under an error, an AggregateError's errors included. */
const causesOf = (error: unknown, depth = 0): string[] => {
  if (typeof error !== 'object' || error === null || depth > 8) return [];
  const { errors, cause } = error as { errors?: unknown; cause?: unknown };
  // By shape, not instanceof: errors may come from another realm (node's own, under jest).
  const inner = [...(Array.isArray(errors) ? (errors as unknown[]) : []), ...(cause === undefined ? [] : [cause])];
  return inner.flatMap((each) => [describeError(each), ...causesOf(each, depth + 1)]);
};

/**
 * The report's account of what failed. A failure while cleaning up after it (`cleanup`) is
 * added beside the build's own error, never instead of it: a sentence in the message, and its
 * name, message and causes in the context.
 */
export const errorOf = (error: unknown, cleanup?: unknown): BuildReport['error'] => {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Partial<PipelineError> & Partial<Error> & { status?: unknown };
  const message = e.message ?? String(error);
  const context: Record<string, unknown> = { ...(e.context ?? {}) };
  if (typeof e.status === 'number') context.status = e.status;
  // A PipelineError says what failed and what to do; anything else (a TypeError in a stage) is
  // a bug, whose stack and causes are what a developer needs (by shape: it may come from
  // another realm).
  if (e.context === undefined && e.stack) context.stack = e.stack;
  const causes = causesOf(error);
  if (causes.length > 0) context.causes = causes;
  if (cleanup === undefined) return { name: e.name ?? 'Error', message, context };
  const c = (typeof cleanup === 'object' && cleanup !== null ? cleanup : {}) as Partial<Error>;
  const note = c.message ?? String(cleanup);
  context.cleanup = { name: c.name ?? 'Error', message: note, causes: causesOf(cleanup) };
  return { name: e.name ?? 'Error', message: `${message.replace(/\.?$/, '.')} Cleaning up also failed: ${note}`, context };
};

export const writeReport = (file: string, report: BuildReport): void => writeFileAtomicSync(file, `${JSON.stringify(report, null, 2)}\n`);
