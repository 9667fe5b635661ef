// When to build. Webhooks arrive in bursts (an editor saving, publishing, uploading): they
// are debounced into one build, but never for longer than maxWaitMs after the first event of a
// burst, so a steady stream of webhooks cannot hold the site back. Builds never overlap, and
// whatever arrives during a build queues exactly one follow-up. A build that fails (the CMS is
// down, say) is retried with a doubling delay until one succeeds, so the site catches up by
// itself. A periodic full rebuild catches what Strapi failed to deliver, since it never
// retries a webhook.
import type { BuildReport } from '../publish/report.js';

export type BuildKind = 'incremental' | 'full';

/** Where the scheduler reports what it cannot hand back to anyone: failed and throwing builds. */
export interface SchedulerLogger {
  error(message: string, cause?: unknown): void;
}

export interface RetryOptions {
  /** The wait before the first retry; each failure in a row doubles it. */
  firstDelayMs: number;
  /** The longest wait between two retries. */
  maxDelayMs: number;
}

export interface SchedulerOptions {
  debounceMs: number;
  /** A burst builds at most this long after its first event, however long it goes on. */
  maxWaitMs?: number;
  /** 0 turns the periodic full rebuild off. */
  fullRebuildEveryMs: number;
  /** `reasons`: what set the build off (webhook events, 'retry', 'periodic'), for the log. */
  build: (kind: BuildKind, reasons: string[]) => Promise<BuildReport>;
  onBuilt?: (report: BuildReport, kind: BuildKind) => void;
  retry?: RetryOptions;
  logger?: SchedulerLogger;
}

export interface RebuildScheduler {
  /** A change happened (`reason`: the webhook's event, say): build soon, once. */
  notify(reason: string): void;
  /** Builds run so far. */
  readonly builds: number;
  readonly lastReport: BuildReport | null;
  /** True while a failed build waits for its retry. */
  readonly retryPending: boolean;
  /**
   * Resolves when no build is running, queued or waiting for its debounce. It does not wait
   * for a retry: while the CMS is down a retry may be minutes away and may fail again, and a
   * caller waiting for the build a change set off wants its outcome (lastReport says
   * 'failed'), not to hang. retryPending tells whether one is coming; stop() cancels it.
   */
  idle(): Promise<void>;
  /** Cancels everything waiting (debounce, retry, periodic rebuild); a running build finishes. */
  stop(): void;
}

const DEFAULT_MAX_WAIT_MS = 10_000;
const DEFAULT_RETRY: RetryOptions = { firstDelayMs: 5_000, maxDelayMs: 5 * 60_000 };

/** A full build covers everything an incremental one would, so it wins when two are merged. */
const merge = (a: BuildKind | null, b: BuildKind): BuildKind => (a === 'full' || b === 'full' ? 'full' : 'incremental');

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

export const createRebuildScheduler = (options: SchedulerOptions): RebuildScheduler => {
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const retry = options.retry ?? DEFAULT_RETRY;
  const logger = options.logger ?? console;

  /** The burst being debounced: its two timers and the kind of build it asks for. */
  let debounceTimer: NodeJS.Timeout | null = null;
  let maxWaitTimer: NodeJS.Timeout | null = null;
  let burstKind: BuildKind | null = null;
  /** The events of the burst waiting for its debounce, and of the build queued behind a running one. */
  const burstReasons = new Set<string>();
  const followUpReasons = new Set<string>();
  /** A failed build waiting to be tried again, and the kind it was. */
  let retryTimer: NodeJS.Timeout | null = null;
  let retryKind: BuildKind | null = null;
  /** Failed builds in a row since the last success or event: sets the next retry's delay. */
  let failuresInARow = 0;
  let running: Promise<void> | null = null;
  let followUp: BuildKind | null = null;
  let stopped = false;
  let builds = 0;
  let lastReport: BuildReport | null = null;
  let waiters: (() => void)[] = [];

  const settle = (): void => {
    if (debounceTimer || running || followUp) return;
    for (const resolve of waiters) resolve();
    waiters = [];
  };

  const clearBurst = (): void => {
    if (debounceTimer) clearTimeout(debounceTimer);
    if (maxWaitTimer) clearTimeout(maxWaitTimer);
    debounceTimer = null;
    maxWaitTimer = null;
  };

  /** Cancels a waiting retry and hands back its kind, for the build that replaces it. */
  const takeRetry = (): BuildKind | null => {
    if (retryTimer) clearTimeout(retryTimer);
    const kind = retryKind;
    retryTimer = null;
    retryKind = null;
    return kind;
  };

  const scheduleRetry = (kind: BuildKind): void => {
    const delayMs = Math.min(retry.firstDelayMs * 2 ** (failuresInARow - 1), retry.maxDelayMs);
    retryKind = kind;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      retryKind = null;
      run(kind, ['retry']);
    }, delayMs);
    // Like the periodic rebuild, a retry is background catch-up: it alone keeps no process alive.
    retryTimer.unref();
    logger.error(`Retrying the ${kind} rebuild in ${seconds(delayMs)} (${failuresInARow} failed in a row).`);
  };

  /** Builds once; true when the build published (its report says ok). */
  const buildOnce = async (kind: BuildKind, reasons: string[]): Promise<boolean> => {
    let report: BuildReport;
    try {
      report = await options.build(kind, reasons);
    } catch (error) {
      // runBuild reports its own failures; a throw means something beyond them broke.
      logger.error(`The ${kind} rebuild threw:`, error);
      return false;
    }
    lastReport = report;
    if (report.status === 'failed') logger.error(`The ${kind} rebuild failed: ${report.error?.message ?? 'no reason given'}`);
    try {
      options.onBuilt?.(report, kind);
    } catch (error) {
      // A fault in showing the report is not a fault of the build: no retry for it.
      logger.error('Handling the build report failed:', error);
    }
    return report.status === 'ok';
  };

  const run = (kind: BuildKind, reasons: string[]): void => {
    if (running) {
      followUp = merge(followUp, kind);
      for (const reason of reasons) followUpReasons.add(reason);
      return;
    }
    // This build replaces a waiting retry, and must cover what that retry would have built.
    const buildKind = merge(takeRetry(), kind);
    builds += 1;
    running = (async () => {
      const ok = await buildOnce(buildKind, reasons);
      running = null;
      failuresInARow = ok ? 0 : failuresInARow + 1;
      const next = followUp;
      const nextReasons = [...followUpReasons];
      followUp = null;
      followUpReasons.clear();
      if (stopped) return settle();
      // An event during the build (or a burst still debouncing) builds anyway: no retry is needed,
      // but a failed full build's work is carried into it.
      if (next) return run(ok ? next : merge(next, buildKind), nextReasons);
      if (!ok && debounceTimer) burstKind = merge(burstKind, buildKind);
      else if (!ok) scheduleRetry(buildKind);
      return settle();
    })();
  };

  const fireBurst = (): void => {
    const kind = burstKind ?? 'incremental';
    const reasons = [...burstReasons];
    clearBurst();
    burstKind = null;
    burstReasons.clear();
    run(kind, reasons);
  };

  const notify = (reason: string): void => {
    if (stopped) return;
    burstReasons.add(reason);
    // A new event is a fresh start: the next failure waits the shortest delay again.
    failuresInARow = 0;
    const waitingRetry = takeRetry();
    burstKind = merge(burstKind, waitingRetry ?? 'incremental');
    if (debounceTimer) clearTimeout(debounceTimer);
    debounceTimer = setTimeout(fireBurst, options.debounceMs);
    maxWaitTimer ??= setTimeout(fireBurst, maxWaitMs);
  };

  const periodic = options.fullRebuildEveryMs > 0 ? setInterval(() => run('full', ['periodic']), options.fullRebuildEveryMs) : null;
  periodic?.unref();

  return {
    notify,
    get builds() {
      return builds;
    },
    get lastReport() {
      return lastReport;
    },
    get retryPending() {
      return retryTimer !== null;
    },
    idle: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      }),
    stop: () => {
      stopped = true;
      clearBurst();
      burstKind = null;
      takeRetry();
      if (periodic) clearInterval(periodic);
      settle();
    },
  };
};
