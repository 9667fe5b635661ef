// When the server rebuilds: a burst of webhooks makes one build, but a steady stream cannot
// postpone it forever; a failed build is retried with backoff until the CMS answers again;
// builds never overlap. Jest's fake timers stand in for the clock, so no test waits for real.
import { jest } from '@jest/globals';
import { readEnv } from '../../scripts/config.js';
import { reportWith } from '../support/reports.js';
import { createRebuildScheduler, type BuildKind, type RebuildScheduler, type SchedulerOptions } from '../../scripts/server/rebuild-scheduler.js';


/** What one build does: fail (a report saying so), throw, or succeed, after a while. */
type Outcome = 'ok' | 'failed' | 'throws';

interface Harness {
  scheduler: RebuildScheduler;
  /** When each build started (ms since the test began), of what kind, and what set it off. */
  starts: { at: number; kind: BuildKind; reasons: string[] }[];
  logged: string[];
  /** Most builds running at once. */
  maxConcurrent: () => number;
}

const T0 = new Date('2026-01-01T00:00:00Z').getTime();
const now = (): number => Date.now() - T0;

/** A scheduler whose builds follow `outcomes` in turn (then succeed), each taking durationMs. */
const harness = (outcomes: Outcome[], durationMs = 0, options: Partial<SchedulerOptions> = {}): Harness => {
  const starts: Harness['starts'] = [];
  const logged: string[] = [];
  let running = 0;
  let maxConcurrent = 0;
  const scheduler = createRebuildScheduler({
    debounceMs: 1500,
    maxWaitMs: 10_000,
    fullRebuildEveryMs: 0,
    logger: { error: (message: string, cause?: unknown) => logged.push(`${message}${cause instanceof Error ? ` ${cause.message}` : ''}`) },
    build: async (kind, reasons) => {
      starts.push({ at: now(), kind, reasons });
      running += 1;
      maxConcurrent = Math.max(maxConcurrent, running);
      const outcome = outcomes.shift() ?? 'ok';
      try {
        if (durationMs > 0) await new Promise((resolve) => setTimeout(resolve, durationMs));
        if (outcome === 'throws') throw new Error('CMS unreachable');
        return reportWith(outcome);
      } finally {
        running -= 1;
      }
    },
    ...options,
  });
  return { scheduler, starts, logged, maxConcurrent: () => maxConcurrent };
};

const advance = (ms: number): Promise<void> => jest.advanceTimersByTimeAsync(ms);
/** The gaps between the starts of consecutive builds. */
const gaps = (starts: Harness['starts']): number[] => starts.slice(1).map((start, i) => start.at - starts[i]!.at);

let active: RebuildScheduler | null = null;

beforeEach(() => {
  jest.useFakeTimers({ now: T0 });
});

afterEach(() => {
  active?.stop();
  active = null;
  jest.useRealTimers();
});

const start = (...args: Parameters<typeof harness>): Harness => {
  const made = harness(...args);
  active = made.scheduler;
  return made;
};

test('a burst of events makes one build, debounceMs after the last of them', async () => {
  const { scheduler, starts } = start([]);
  for (let i = 0; i < 5; i += 1) {
    scheduler.notify(i === 2 ? 'locale.delete' : 'entry.update');
    await advance(500);
  }
  await advance(10_000);
  // The build is told what set it off, each event once.
  expect(starts).toEqual([{ at: 2000 + 1500, kind: 'incremental', reasons: ['entry.update', 'locale.delete'] }]);
});

test('a steady stream of events cannot postpone the build past maxWaitMs after the first event', async () => {
  const { scheduler, starts } = start([]);
  // One webhook a second for 15 s: each comes before the 1.5 s debounce ends.
  for (let i = 0; i < 15; i += 1) {
    scheduler.notify('entry.update');
    await advance(1000);
  }
  await advance(10_000);
  // At 10 s the first burst is built; the events from 10 s on are a new burst, built 1.5 s after the last.
  expect(starts.map((s) => s.at)).toEqual([10_000, 14_000 + 1500]);
});

test('maxWaitMs comes from the options: a shorter one builds sooner', async () => {
  const { scheduler, starts } = start([], 0, { maxWaitMs: 3000 });
  for (let i = 0; i < 6; i += 1) {
    scheduler.notify('entry.update');
    await advance(1000);
  }
  // The events from 3 s on are the next burst, capped in turn 3 s after its first.
  expect(starts.map((s) => s.at)).toEqual([3000, 6000]);
});

test('builds never overlap, and events during a build queue exactly one follow-up', async () => {
  const { scheduler, starts, maxConcurrent } = start([], 5000);
  scheduler.notify('entry.publish');
  await advance(1500);
  expect(starts).toHaveLength(1);
  for (let i = 0; i < 3; i += 1) {
    scheduler.notify('entry.update');
    await advance(1600);
  }
  await advance(60_000);
  expect(starts.map((s) => s.at)).toEqual([1500, 6500]);
  expect(maxConcurrent()).toBe(1);
});

test('a failed build is retried with exponential backoff until one succeeds', async () => {
  const { scheduler, starts } = start(['failed', 'failed', 'failed', 'failed']);
  scheduler.notify('entry.publish');
  await advance(30 * 60_000);
  expect(starts.map((s) => s.at)).toEqual([1500, 6500, 16_500, 36_500, 76_500]);
  expect(starts.map((s) => s.reasons)).toEqual([['entry.publish'], ['retry'], ['retry'], ['retry'], ['retry']]);
  expect(scheduler.lastReport?.status).toBe('ok');
  expect(scheduler.retryPending).toBe(false);
});

test('the backoff doubles from 5 s and stops growing at 5 minutes', async () => {
  const { scheduler, starts } = start(Array<Outcome>(12).fill('failed'));
  scheduler.notify('entry.publish');
  await advance(60 * 60_000);
  expect(gaps(starts).slice(0, 9)).toEqual([5000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
});

test('the retry delays come from the options', async () => {
  const { scheduler, starts } = start(['failed', 'failed', 'failed'], 0, { retry: { firstDelayMs: 100, maxDelayMs: 250 } });
  scheduler.notify('entry.publish');
  await advance(10_000);
  expect(gaps(starts)).toEqual([100, 200, 250]);
});

test('a build that throws is logged, not swallowed, and retried', async () => {
  const { scheduler, starts, logged } = start(['throws']);
  scheduler.notify('entry.publish');
  await advance(1500);
  expect(logged.join('\n')).toContain('CMS unreachable');
  expect(scheduler.retryPending).toBe(true);
  await advance(5000);
  expect(starts.map((s) => s.at)).toEqual([1500, 6500]);
  expect(scheduler.lastReport?.status).toBe('ok');
});

test('a report that says failed is logged too, with when the retry comes', async () => {
  const { scheduler, logged } = start(['failed']);
  scheduler.notify('entry.publish');
  await advance(1500);
  expect(logged.join('\n')).toMatch(/failed.*The CMS did not answer.*5 s/s);
});

test('a new event resets the backoff', async () => {
  const { scheduler, starts } = start(['failed', 'failed', 'failed', 'failed']);
  scheduler.notify('entry.publish');
  await advance(1500 + 5000 + 10_000); // three failures: the next retry would wait 20 s
  expect(starts).toHaveLength(3);
  scheduler.notify('entry.update');
  await advance(1500); // the event's own build, which fails again
  expect(starts).toHaveLength(4);
  await advance(5000); // retried after 5 s again, not 40 s
  expect(starts.map((s) => s.at)).toEqual([1500, 6500, 16_500, 18_000, 23_000]);
});

test('a successful build resets the backoff', async () => {
  const { scheduler, starts } = start(['failed', 'failed', 'ok', 'failed']);
  scheduler.notify('entry.publish');
  await advance(1500 + 5000 + 10_000); // failed, failed, ok
  expect(starts).toHaveLength(3);
  scheduler.notify('entry.update');
  await advance(1500 + 5000);
  expect(gaps(starts)).toEqual([5000, 10_000, 1500, 5000]);
});

test('a retry rebuilds the same kind as the build that failed', async () => {
  const { starts } = start(['failed', 'failed'], 0, { fullRebuildEveryMs: 60_000 });
  await advance(60_000 + 5000);
  expect(starts).toEqual([
    { at: 60_000, kind: 'full', reasons: ['periodic'] },
    { at: 65_000, kind: 'full', reasons: ['retry'] },
  ]);
});

test('a failed full rebuild is not lost to events that come while it runs: their build is full', async () => {
  const { scheduler, starts } = start(['failed'], 2000, { fullRebuildEveryMs: 60_000 });
  await advance(61_000);
  scheduler.notify('entry.update'); // still debouncing when the full build fails at 62 s
  await advance(1500 + 1000);
  expect(starts.map(({ at, kind }) => ({ at, kind }))).toEqual([
    { at: 60_000, kind: 'full' },
    { at: 62_500, kind: 'full' },
  ]);
  expect(scheduler.retryPending).toBe(false);
});

test('an event while a failed full rebuild waits for its retry folds the retry into its own, full, build', async () => {
  const { scheduler, starts } = start(['failed'], 0, { fullRebuildEveryMs: 60_000 });
  await advance(61_000);
  expect(scheduler.retryPending).toBe(true);
  scheduler.notify('entry.update');
  expect(scheduler.retryPending).toBe(false);
  await advance(1500 + 5000);
  expect(starts).toEqual([
    { at: 60_000, kind: 'full', reasons: ['periodic'] },
    { at: 62_500, kind: 'full', reasons: ['entry.update'] },
  ]);
});

test('events during a failed build make its follow-up run at once, without waiting for a retry', async () => {
  const { scheduler, starts } = start(['failed'], 4000);
  scheduler.notify('entry.publish');
  await advance(1500);
  scheduler.notify('entry.update');
  await advance(1500); // debounced at 3 s while the build runs: queued as its follow-up
  await advance(2500); // the build fails at 5.5 s; the follow-up starts then
  expect(starts.map((s) => s.at)).toEqual([1500, 5500]);
  await advance(60_000);
  expect(starts).toHaveLength(2);
});

test('idle() resolves once nothing is running or waiting, without waiting for a scheduled retry', async () => {
  const { scheduler, starts } = start(['failed'], 2000);
  scheduler.notify('entry.publish');
  let idle = false;
  void scheduler.idle().then(() => (idle = true));
  await advance(1500 + 1000);
  expect(idle).toBe(false); // debounced, then building
  await advance(1000);
  expect(idle).toBe(true);
  expect(scheduler.lastReport?.status).toBe('failed');
  expect(scheduler.retryPending).toBe(true);
  await advance(5000 + 2000);
  expect(starts).toHaveLength(2);
  expect(scheduler.retryPending).toBe(false);
});

test('stop() cancels the debounce, the periodic rebuild and any retry', async () => {
  const { scheduler, starts } = start(['failed'], 0, { fullRebuildEveryMs: 60_000 });
  scheduler.notify('entry.publish');
  await advance(1500);
  expect(scheduler.retryPending).toBe(true);
  scheduler.stop();
  scheduler.notify('entry.update');
  await advance(30 * 60_000);
  expect(starts).toHaveLength(1);
  await expect(scheduler.idle()).resolves.toBeUndefined();
});

test('a throw from onBuilt is logged and does not count as a failed build', async () => {
  const { scheduler, starts, logged } = start([], 0, {
    onBuilt: () => {
      throw new Error('printing the summary failed');
    },
  });
  scheduler.notify('entry.publish');
  await advance(60_000);
  expect(starts).toHaveLength(1);
  expect(scheduler.retryPending).toBe(false);
  expect(logged.join('\n')).toContain('printing the summary failed');
});

test('REBUILD_MAX_WAIT_MS sets the cap, 10 s unless given; a negative one is refused', () => {
  expect(readEnv({}).REBUILD_MAX_WAIT_MS).toBe(10_000);
  expect(readEnv({ REBUILD_MAX_WAIT_MS: '2500' }).REBUILD_MAX_WAIT_MS).toBe(2500);
  expect(() => readEnv({ REBUILD_MAX_WAIT_MS: '-1' })).toThrow(/REBUILD_MAX_WAIT_MS/);
});
