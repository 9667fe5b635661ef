// build-history.json, beside build-report.json: the last builds, newest first, each with what
// set it off, when, how long, how it ended, what it changed and why it failed. The report
// page shows it to editors; build-report.json keeps the whole account of the last build only.
// The history is a convenience: a missing or unreadable file starts a new one (and says so in
// the log), and failing to write it never fails the build.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { logFailure } from '../lib/log.js';
import { writeFileAtomicSync } from '../lib/write-atomic.js';
import type { ContentIssue } from '../../domain/model.js';
import type { BuildReport } from './report.js';

/**
 * What set a build off. `manual`: `npm run build`, or the first build of `npm start`.
 * `webhook`: the CMS said something changed. `schedule`: a moment the site must follow (an
 * event ending, a scheduled publication). `periodic`: the full rebuild that catches what a
 * lost webhook missed. `search-index`: the build that makes the search index a pause after
 * publishing. `retry`: a failed build tried again (`retryOf` says which).
 */
export type TriggerKind = 'manual' | 'webhook' | 'schedule' | 'periodic' | 'search-index' | 'retry';

/** A document a webhook named. */
export interface TriggerDocument {
  /** Strapi's uid or model, as the webhook gave it (api::study.study, study). */
  model: string;
  documentId: string;
  locale: string | null;
}

export interface BuildTrigger {
  kind: TriggerKind;
  /** What the scheduler was told: webhook events (entry.publish), `schedule:event-ended`, … */
  reasons: string[];
  /** The documents the webhooks named, when they named them. */
  documents?: TriggerDocument[];
  /** A retry: what set off the build that failed. */
  retryOf?: BuildTrigger;
}

export const MANUAL_TRIGGER: BuildTrigger = { kind: 'manual', reasons: [] };

/** At most this many files of each kind, and documents left out, are kept per build: a first build changes every page. */
export const HISTORY_LISTED = 50;
/** Builds kept unless the caller says otherwise. */
export const HISTORY_LENGTH = 30;

interface Listed {
  count: number;
  /** The first HISTORY_LISTED, sorted. */
  files: string[];
}

export interface BuildHistoryEntry {
  status: BuildReport['status'];
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  trigger: BuildTrigger;
  release: string | null;
  changed: { pages: Listed; feeds: Listed; calendars: Listed; pdfs: Listed; images: number; other: number } | null;
  /** How many documents were left out, translations missing, warnings given. */
  issues: { leftOut: number; missingTranslations: number; warnings: number };
  /** The first HISTORY_LISTED documents left out, with their reason. */
  leftOut: ContentIssue[];
  /** The build's failure, as the report gives it (name, technical message, context). */
  error: BuildReport['error'];
  /** Pages of unpublished documents taken off the site although the build failed. */
  takenDown: number;
}

export const historyPathFor = (outDir: string): string => path.join(path.dirname(outDir), 'build-history.json');

const listed = (files: string[]): Listed => ({ count: files.length, files: files.slice(0, HISTORY_LISTED) });

export const historyEntryOf = (report: BuildReport): BuildHistoryEntry => ({
  status: report.status,
  startedAt: report.startedAt,
  finishedAt: report.finishedAt,
  durationMs: report.durationMs,
  trigger: report.trigger ?? MANUAL_TRIGGER,
  release: report.release,
  changed: report.changed && {
    pages: listed(report.changed.pages),
    feeds: listed(report.changed.feeds),
    calendars: listed(report.changed.calendars),
    pdfs: listed(report.changed.pdfs),
    images: report.changed.images,
    other: report.changed.other,
  },
  issues: { leftOut: report.leftOut.length, missingTranslations: report.missingTranslations.length, warnings: report.warnings.length },
  leftOut: report.leftOut.slice(0, HISTORY_LISTED),
  error: report.error,
  takenDown: report.takedown?.pages.length ?? 0,
});

// The file is the pipeline's own, but it is read back across versions and after crashes: an
// entry is checked for what the page relies on, and one that fails is dropped, not trusted.
const triggerSchema: z.ZodType<BuildTrigger> = z.lazy(() =>
  z.object({
    kind: z.enum(['manual', 'webhook', 'schedule', 'periodic', 'search-index', 'retry']),
    reasons: z.array(z.string()),
    documents: z.array(z.object({ model: z.string(), documentId: z.string(), locale: z.string().nullable() })).optional(),
    retryOf: triggerSchema.optional(),
  }),
);
const listedSchema = z.object({ count: z.number(), files: z.array(z.string()) });
const entrySchema = z.object({
  status: z.enum(['ok', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  trigger: triggerSchema,
  release: z.string().nullable(),
  changed: z.object({ pages: listedSchema, feeds: listedSchema, calendars: listedSchema, pdfs: listedSchema, images: z.number(), other: z.number() }).nullable(),
  issues: z.object({ leftOut: z.number(), missingTranslations: z.number(), warnings: z.number() }),
  leftOut: z.array(z.object({ kind: z.string(), type: z.string(), documentId: z.string(), locale: z.string().nullable(), field: z.string().nullable(), message: z.string() })),
  error: z.object({ name: z.string(), message: z.string(), context: z.record(z.string(), z.unknown()) }).nullable(),
  takenDown: z.number(),
});
const fileSchema = z.object({ version: z.literal(1), builds: z.array(z.unknown()) });

export type HistoryRead = { builds: BuildHistoryEntry[]; problem: string | null };

/** The history in `file`, newest first; what is wrong with the file, if anything, beside it. Never throws. */
export const readHistory = (file: string): HistoryRead => {
  if (!existsSync(file)) return { builds: [], problem: null };
  let parsed: z.infer<typeof fileSchema>;
  try {
    parsed = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    return { builds: [], problem: `${file} is not a build history (${error instanceof z.ZodError ? 'unexpected shape' : (error as Error).message})` };
  }
  const builds: BuildHistoryEntry[] = [];
  let dropped = 0;
  for (const entry of parsed.builds) {
    const checked = entrySchema.safeParse(entry);
    // ContentIssue's kind is a closed union in the model, but a newer pipeline may add kinds:
    // the page lists unknown ones under "Other warnings".
    if (checked.success) builds.push(checked.data as BuildHistoryEntry);
    else dropped += 1;
  }
  return { builds, problem: dropped > 0 ? `${dropped} unreadable build(s) in ${file} were left out` : null };
};

/**
 * Adds the build of `report` to the history in `file`, keeping the newest `keep`. An unreadable
 * file is set aside (as `….corrupt`, for whoever wants to know what happened) and a new one
 * started; a failure to write is logged. Neither fails the build.
 */
export const appendHistory = (file: string, report: BuildReport, keep = HISTORY_LENGTH): BuildHistoryEntry[] => {
  try {
    const { builds, problem } = readHistory(file);
    if (problem) {
      logFailure('The build history could not be read whole; starting from what could', new Error(problem));
      if (builds.length === 0) renameSync(file, `${file}.corrupt`);
    }
    const next = [historyEntryOf(report), ...builds].slice(0, Math.max(1, keep));
    writeFileAtomicSync(file, `${JSON.stringify({ version: 1, builds: next }, null, 2)}\n`);
    return next;
  } catch (error) {
    logFailure(`Writing the build history to ${file} failed (the build itself is not affected)`, error);
    return [];
  }
};
