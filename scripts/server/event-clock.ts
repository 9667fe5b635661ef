// Events move from upcoming to past by the clock, with no edit and so no webhook to say so.
// After each build the server arms one timer for the next moment an event on the live site
// ends (the build report's nextEventEnd), and asks for a rebuild just after it; that build
// judges the lists against its own, later, clock, so the event changes part and the list
// pages' hashes change with it (render/page-hash.ts).
//
// Node fires a setTimeout longer than 2^31-1 ms (24.8 days) at once, so a far moment is
// waited for in steps of at most that long, re-armed each time.

export const MAX_TIMER_MS = 2 ** 31 - 1;
/** The reason the scheduler gets: `schedule:` marks the schedule trigger in the build report. */
export const EVENT_ENDED = 'schedule:event-ended';

export interface EventClockOptions {
  /** Asks for the rebuild (scheduler.notify). */
  onDue: (reason: string) => void;
  /** How long after the end to rebuild, so the build's clock is surely past it. */
  marginMs?: number;
  maxTimerMs?: number;
  now?: () => number;
}

export interface EventClock {
  /** Waits for `at` (a moment, an ISO string, or null for none), replacing what was armed. */
  arm(at: Date | string | null | undefined): void;
  /** The moment armed, or null. */
  readonly armedFor: Date | null;
  stop(): void;
}

export const createEventClock = ({ onDue, marginMs = 1_000, maxTimerMs = MAX_TIMER_MS, now = Date.now }: EventClockOptions): EventClock => {
  let timer: NodeJS.Timeout | null = null;
  let armedFor: number | null = null;

  const clear = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  const wait = (): void => {
    clear();
    if (armedFor === null) return;
    const fireAt = armedFor + marginMs;
    const remaining = fireAt - now();
    if (remaining <= 0) {
      armedFor = null;
      onDue(EVENT_ENDED);
      return;
    }
    timer = setTimeout(wait, Math.min(remaining, maxTimerMs));
    // Background work, like the periodic rebuild: it alone keeps no process alive.
    timer.unref();
  };

  return {
    arm(at) {
      const instant = at === null || at === undefined ? null : new Date(at).getTime();
      armedFor = instant === null || Number.isNaN(instant) ? null : instant;
      wait();
    },
    get armedFor() {
      return armedFor === null ? null : new Date(armedFor);
    },
    stop() {
      armedFor = null;
      clear();
    },
  };
};
