// The build history beside build-report.json: the newest builds kept, each with what set it
// off; a corrupt or missing file starts a new history and never fails a build; the triggers
// the server's builds get from the scheduler's reasons.
import { jest } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runBuild } from '../../scripts/pipeline.js';
import { appendHistory, historyPathFor, HISTORY_LISTED, readHistory, type BuildTrigger } from '../../scripts/publish/build-history.js';
import { reportPathFor, type BuildReport } from '../../scripts/publish/report.js';
import { createTriggerTracker, triggerOf } from '../../scripts/server/build-triggers.js';
import { SEARCH_INDEX_REASON } from '../../scripts/server/search-index-later.js';

const reportAt = (minute: number, overrides: Partial<BuildReport> = {}): BuildReport => ({
  status: 'ok', trigger: { kind: 'webhook', reasons: ['entry.publish'] }, startedAt: `2026-12-04T10:${String(minute).padStart(2, '0')}:00.000Z`, finishedAt: `2026-12-04T10:${String(minute).padStart(2, '0')}:05.000Z`,
  durationMs: 5000, cmsUrl: 'http://cms', siteUrl: 'https://site', outDir: '/x/dist', release: `r${minute}`, requests: 3, counts: {}, pages: 10, files: 20,
  media: { downloaded: 0, reused: 0, encoded: 0, reusedVariants: 0 }, pdfs: { generated: 0, reused: 0, renderMs: [] },
  changed: { pages: ['/en/'], feeds: [], calendars: [], pdfs: [], images: 0, other: 0 }, leftOut: [], missingTranslations: [], warnings: [], stages: {}, error: null,
  ...overrides,
});

/** Captures what the history logs on stderr (it must say so when it starts over). */
const captureStderr = () => {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return { lines, restore: () => spy.mockRestore() };
};

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'history-'));
  file = path.join(dir, 'build-history.json');
});

describe('the history file', () => {
  test('lives beside build-report.json', () => {
    expect(historyPathFor('/srv/site/dist')).toBe(path.join(path.dirname(reportPathFor('/srv/site/dist')), 'build-history.json'));
  });

  test('keeps the newest N builds, newest first, each with its trigger, times, status and changes', () => {
    for (let minute = 0; minute < 7; minute += 1) appendHistory(file, reportAt(minute), 5);
    const { builds, problem } = readHistory(file);
    expect(problem).toBeNull();
    expect(builds.map((b) => b.release)).toEqual(['r6', 'r5', 'r4', 'r3', 'r2']);
    expect(builds[0]).toMatchObject({ status: 'ok', durationMs: 5000, trigger: { kind: 'webhook', reasons: ['entry.publish'] }, changed: { pages: { count: 1, files: ['/en/'] } } });
  });

  test('a build that changed every page keeps their count and the first of them only', () => {
    const pages = Array.from({ length: HISTORY_LISTED + 25 }, (_, i) => `/en/p${String(i).padStart(3, '0')}/`);
    const [entry] = appendHistory(file, reportAt(1, { changed: { pages, feeds: [], calendars: [], pdfs: [], images: 3, other: 1 } }));
    expect(entry?.changed?.pages.count).toBe(HISTORY_LISTED + 25);
    expect(entry?.changed?.pages.files).toEqual(pages.slice(0, HISTORY_LISTED));
  });

  test('a failed build keeps its error, and a report without a trigger is a manual build', () => {
    const error = { name: 'CmsUnreachableError', message: 'The CMS at http://cms could not be reached.', context: { url: 'http://cms' } };
    const { trigger, ...withoutTrigger } = reportAt(2, { status: 'failed', changed: null, release: null, error });
    expect(trigger).toBeDefined();
    const [entry] = appendHistory(file, withoutTrigger);
    expect(entry).toMatchObject({ status: 'failed', changed: null, error, trigger: { kind: 'manual', reasons: [] } });
  });

  test('a corrupt file is set aside and a new history started, with a line in the log', () => {
    writeFileSync(file, '{"version":1,"builds":[{"status":"ok"');
    const log = captureStderr();
    try {
      expect(appendHistory(file, reportAt(3)).map((b) => b.release)).toEqual(['r3']);
    } finally {
      log.restore();
    }
    expect(readHistory(file).builds.map((b) => b.release)).toEqual(['r3']);
    expect(readFileSync(`${file}.corrupt`, 'utf8')).toContain('"builds"');
    expect(log.lines.join('')).toMatch(/build history could not be read/);
  });

  test('entries it cannot use are dropped, the rest kept', () => {
    appendHistory(file, reportAt(1));
    const data = JSON.parse(readFileSync(file, 'utf8')) as { version: 1; builds: unknown[] };
    writeFileSync(file, JSON.stringify({ version: 1, builds: [{ status: 'maybe' }, ...data.builds] }));
    const log = captureStderr();
    try {
      expect(appendHistory(file, reportAt(2)).map((b) => b.release)).toEqual(['r2', 'r1']);
    } finally {
      log.restore();
    }
    expect(existsSync(`${file}.corrupt`)).toBe(false);
  });

  test('a history that cannot be written is logged, not thrown', () => {
    // Its folder is a file: no directory can be made there, no file written.
    writeFileSync(path.join(dir, 'not-a-folder'), '');
    const log = captureStderr();
    try {
      expect(appendHistory(path.join(dir, 'not-a-folder', 'build-history.json'), reportAt(1))).toEqual([]);
    } finally {
      log.restore();
    }
    expect(log.lines.join('')).toMatch(/Writing the build history/);
  });

  test('a build with a corrupt history beside it still writes its report, and starts a new history with its trigger', async () => {
    // A port nobody listens on: the build fails fast at fetch, as when the CMS is down.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const outDir = path.join(dir, 'dist');
    writeFileSync(historyPathFor(outDir), 'not json at all');
    const trigger: BuildTrigger = { kind: 'schedule', reasons: ['schedule:event-ended'] };
    const log = captureStderr();
    let report: BuildReport;
    try {
      report = await runBuild({ strapiUrl: `http://127.0.0.1:${port}`, strapiToken: 't', outDir, siteUrl: 'https://site.example', cacheDir: path.join(dir, 'cache'), retries: 0, trigger });
    } finally {
      log.restore();
    }
    expect(report.status).toBe('failed');
    expect(report.trigger).toEqual(trigger);
    expect(JSON.parse(readFileSync(reportPathFor(outDir), 'utf8'))).toMatchObject({ status: 'failed', trigger });
    const { builds } = readHistory(historyPathFor(outDir));
    expect(builds).toHaveLength(1);
    expect(builds[0]).toMatchObject({ status: 'failed', trigger, error: { name: 'CmsUnreachableError' } });
  });
});

describe('triggers', () => {
  test.each([
    [['entry.publish', 'entry.update'], 'webhook'],
    [['schedule:event-ended'], 'schedule'],
    [['schedule:publish', 'periodic'], 'schedule'],
    [['periodic'], 'periodic'],
    [[SEARCH_INDEX_REASON], 'search-index'],
    [['retry'], 'retry'],
    [['periodic', 'entry.update'], 'webhook'],
    [[], 'manual'],
  ])('reasons %j make a %s trigger, keeping every reason', (reasons, kind) => {
    expect(triggerOf(reasons)).toEqual({ kind, reasons });
  });

  test('a webhook build names the documents of the webhooks before it; the next takes only newer ones', () => {
    const tracker = createTriggerTracker();
    tracker.noteWebhook({ event: 'entry.publish', uid: 'api::study.study', entry: { documentId: 'abc', locale: 'es' } });
    tracker.noteWebhook({ event: 'entry.publish', uid: 'api::study.study', entry: { documentId: 'abc', locale: 'es' } });
    tracker.noteWebhook({ event: 'media.create', model: 'file' });
    // A periodic build in between leaves them to the webhooks' own build.
    expect(tracker.triggerFor(['periodic'])).toEqual({ kind: 'periodic', reasons: ['periodic'] });
    expect(tracker.triggerFor(['entry.publish', 'media.create'])).toEqual({
      kind: 'webhook',
      reasons: ['entry.publish', 'media.create'],
      documents: [{ model: 'api::study.study', documentId: 'abc', locale: 'es' }],
    });
    tracker.noteWebhook({ event: 'entry.unpublish', model: 'article', entry: { documentId: 'n1', locale: null } });
    expect(tracker.triggerFor(['entry.unpublish']).documents).toEqual([{ model: 'article', documentId: 'n1', locale: null }]);
  });

  test('a retry names the trigger of the build that failed, through retries of retries, until one succeeds', () => {
    const tracker = createTriggerTracker();
    const scheduled = tracker.triggerFor(['schedule:event-ended']);
    tracker.built(reportAt(1, { status: 'failed', trigger: scheduled }));
    const retry = tracker.triggerFor(['retry']);
    expect(retry).toEqual({ kind: 'retry', reasons: ['retry'], retryOf: { kind: 'schedule', reasons: ['schedule:event-ended'] } });
    tracker.built(reportAt(2, { status: 'failed', trigger: retry }));
    expect(tracker.triggerFor(['retry']).retryOf).toEqual(scheduled);
    tracker.built(reportAt(3, { status: 'ok', trigger: retry }));
    expect(tracker.triggerFor(['retry'])).toEqual({ kind: 'retry', reasons: ['retry'] });
  });
});
