// The search index after a publish, with the real scheduler: builds set off by webhooks keep
// the live index for later, and one build makes it once editors pause. Fake timers stand in
// for the clock.
import { jest } from '@jest/globals';
import { readEnv } from '../../scripts/config.js';
import type { BuildReport } from '../../scripts/publish/report.js';
import { createRebuildScheduler, type BuildKind } from '../../scripts/server/rebuild-scheduler.js';
import { createSearchIndexLater, SEARCH_INDEX_REASON } from '../../scripts/server/search-index-later.js';
import { reportWith } from '../support/reports.js';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

/** The scheduler as npm start wires it; each build reports its index as deferred when it was allowed to. */
const harness = (delayMs: number) => {
  const builds: { kind: BuildKind; reasons: string[]; deferred: boolean }[] = [];
  const later = createSearchIndexLater(delayMs, (reason) => scheduler.notify(reason));
  const scheduler = createRebuildScheduler({
    debounceMs: 100,
    fullRebuildEveryMs: 0,
    build: async (kind, reasons) => {
      const deferred = later.mayDefer(kind, reasons);
      builds.push({ kind, reasons, deferred });
      return reportWith('ok', { search: deferred ? 'deferred' : 'made' } satisfies Partial<BuildReport>);
    },
    onBuilt: (report) => later.onBuilt(report),
  });
  return { builds, scheduler, later };
};

test('a publish defers the index; once no publish came for the delay, one build makes it', async () => {
  const { builds, scheduler } = harness(30_000);
  scheduler.notify('entry.publish');
  await jest.advanceTimersByTimeAsync(100);
  expect(builds).toEqual([{ kind: 'incremental', reasons: ['entry.publish'], deferred: true }]);
  // Another publish 20 s later defers again and restarts the wait.
  await jest.advanceTimersByTimeAsync(20_000);
  scheduler.notify('entry.update');
  await jest.advanceTimersByTimeAsync(100);
  await jest.advanceTimersByTimeAsync(29_000);
  expect(builds.map((b) => b.reasons)).toEqual([['entry.publish'], ['entry.update']]);
  await jest.advanceTimersByTimeAsync(1_200);
  expect(builds.at(-1)).toEqual({ kind: 'incremental', reasons: [SEARCH_INDEX_REASON], deferred: false });
  // That build made the index: nothing more is asked for.
  await jest.advanceTimersByTimeAsync(120_000);
  expect(builds).toHaveLength(3);
  scheduler.stop();
});

test('a full build never defers, a delay of 0 never defers, and a failed build asks for nothing', async () => {
  const { later } = harness(30_000);
  expect(later.mayDefer('full', ['periodic'])).toBe(false);
  expect(later.mayDefer('incremental', ['entry.publish', SEARCH_INDEX_REASON])).toBe(false);
  expect(harness(0).later.mayDefer('incremental', ['entry.publish'])).toBe(false);
  const asked: string[] = [];
  const alone = createSearchIndexLater(1_000, (reason) => asked.push(reason));
  alone.onBuilt(reportWith('failed', { search: 'deferred' }));
  alone.onBuilt(reportWith('ok', { search: 'kept' }));
  await jest.advanceTimersByTimeAsync(5_000);
  expect(asked).toEqual([]);
  alone.onBuilt(reportWith('ok', { search: 'deferred' }));
  alone.stop();
  await jest.advanceTimersByTimeAsync(5_000);
  expect(asked).toEqual([]);
});

test('SEARCH_INDEX_DELAY_MS is 30 s unless given; a negative one is refused', () => {
  expect(readEnv({}).SEARCH_INDEX_DELAY_MS).toBe(30_000);
  expect(readEnv({ SEARCH_INDEX_DELAY_MS: '0' }).SEARCH_INDEX_DELAY_MS).toBe(0);
  expect(() => readEnv({ SEARCH_INDEX_DELAY_MS: '-1' })).toThrow();
});
