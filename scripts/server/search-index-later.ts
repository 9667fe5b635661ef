// The search index after a publish: the server's builds keep the live index when pages were
// only added or edited (making it takes far longer than the rest of such a build; see
// search/index-pages), and once editors pause for `delayMs` one build makes it. Each deferred
// build restarts the wait, so a busy afternoon of publishing costs one index, not one a click.
import type { BuildReport } from '../publish/report.js';
import type { BuildKind } from './rebuild-scheduler.js';

/** The reason the scheduler is given for the build that makes the index. */
export const SEARCH_INDEX_REASON = 'search index';

export interface SearchIndexLater {
  /** Whether a build (its kind, and what set it off) may keep the live index for later. */
  mayDefer(kind: BuildKind, reasons: string[]): boolean;
  /** After each build: a deferred index asks for its build once the wait is over. */
  onBuilt(report: BuildReport): void;
  /** Cancels a waiting index build. */
  stop(): void;
}

/** `delayMs` 0 never defers: every build makes its index. */
export const createSearchIndexLater = (delayMs: number, requestBuild: (reason: string) => void): SearchIndexLater => {
  let timer: NodeJS.Timeout | null = null;
  const stop = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return {
    // A full build (the first, the periodic one) makes what it needs; only incremental ones wait.
    mayDefer: (kind, reasons) => delayMs > 0 && kind === 'incremental' && !reasons.includes(SEARCH_INDEX_REASON),
    onBuilt: (report) => {
      if (report.status !== 'ok' || report.search !== 'deferred') return;
      stop();
      timer = setTimeout(() => {
        timer = null;
        requestBuild(SEARCH_INDEX_REASON);
      }, delayMs);
    },
    stop,
  };
};
