// When to build. Webhooks arrive in bursts (an editor saving, publishing, uploading): they
// are debounced into one build; builds never overlap, and whatever arrives during a build
// queues exactly one follow-up. A periodic full rebuild catches what Strapi failed to
// deliver, since it never retries a webhook.
import type { BuildReport } from '../publish/report.js';

export type BuildKind = 'incremental' | 'full';

export interface SchedulerOptions {
  debounceMs: number;
  /** 0 turns the periodic full rebuild off. */
  fullRebuildEveryMs: number;
  build: (kind: BuildKind) => Promise<BuildReport>;
  onBuilt?: (report: BuildReport, kind: BuildKind) => void;
}

export interface RebuildScheduler {
  /** A change happened: build soon, once. */
  notify(reason: string): void;
  /** Builds run so far. */
  readonly builds: number;
  readonly lastReport: BuildReport | null;
  /** Resolves when no build is running, queued or waiting for its debounce. */
  idle(): Promise<void>;
  stop(): void;
}

export const createRebuildScheduler = (options: SchedulerOptions): RebuildScheduler => {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let followUp: BuildKind | null = null;
  let builds = 0;
  let lastReport: BuildReport | null = null;
  let waiters: (() => void)[] = [];

  const settle = (): void => {
    if (timer || running || followUp) return;
    for (const resolve of waiters) resolve();
    waiters = [];
  };

  const run = (kind: BuildKind): void => {
    if (running) {
      // A full rebuild asked for during a build wins over an incremental one.
      followUp = followUp === 'full' || kind === 'full' ? 'full' : 'incremental';
      return;
    }
    running = (async () => {
      builds += 1;
      try {
        lastReport = await options.build(kind);
        options.onBuilt?.(lastReport, kind);
      } catch {
        // runBuild reports its own failures; a throw here must not stop later builds.
      } finally {
        running = null;
        const next = followUp;
        followUp = null;
        if (next) run(next);
        else settle();
      }
    })();
  };

  const schedule = (kind: BuildKind): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      run(kind);
    }, options.debounceMs);
  };

  const periodic = options.fullRebuildEveryMs > 0 ? setInterval(() => run('full'), options.fullRebuildEveryMs) : null;
  periodic?.unref();

  return {
    notify: () => schedule('incremental'),
    get builds() {
      return builds;
    },
    get lastReport() {
      return lastReport;
    },
    idle: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      }),
    stop: () => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (periodic) clearInterval(periodic);
    },
  };
};
