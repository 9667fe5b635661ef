// Events move from upcoming to past with no edit to say so: after each build the server waits
// for the next moment an event ends and rebuilds just after it. Jest's fake timers stand in
// for the clock; the moments are checked against eventTiming, the rule the lists use.
import { jest } from '@jest/globals';
import { eventEndsAt, eventTiming, nextEventEnd } from '../../scripts/render/event-time.js';
import { EVENT_ENDED, MAX_TIMER_MS, createEventClock } from '../../scripts/server/event-clock.js';

type Timed = Parameters<typeof eventTiming>[0];
const event = (fields: Partial<Timed> & Pick<Timed, 'timeZone'>): Timed => ({ startDate: null, endDate: null, endTime: null, ...fields });

describe('the moment an event ends', () => {
  test.each([
    // Madrid in winter is UTC+1: 18:30 local is 17:30Z.
    [event({ startDate: '2026-12-10', endTime: '18:30', timeZone: 'Europe/Madrid' }), '2026-12-10T17:30:00.000Z'],
    // Without an end time, at the midnight that ends its last day in its own zone (UTC+7).
    [event({ startDate: '2026-12-09', endDate: '2026-12-11', timeZone: 'Asia/Ho_Chi_Minh' }), '2026-12-11T17:00:00.000Z'],
    // Summer time in Madrid (UTC+2).
    [event({ startDate: '2026-07-01', endTime: '09:00', timeZone: 'Europe/Madrid' }), '2026-07-01T07:00:00.000Z'],
  ])('%j ends at %s, the first moment eventTiming calls it past', (timed, iso) => {
    expect(new Date(eventEndsAt(timed)!).toISOString()).toBe(iso);
    expect(eventTiming(timed, new Date(new Date(iso).getTime() - 60_000))).toBe('upcoming');
    expect(eventTiming(timed, new Date(iso))).toBe('past');
  });

  test('an undated event never ends', () => {
    expect(eventEndsAt(event({ timeZone: 'UTC' }))).toBeNull();
  });

  test('the next end is the soonest still to come; none when every event is over or undated', () => {
    const now = new Date('2026-12-05T12:00:00Z');
    const events = [
      event({ startDate: '2026-11-01', timeZone: 'UTC' }),
      event({ startDate: '2027-01-15', timeZone: 'UTC' }),
      event({ startDate: '2026-12-05', endTime: '15:00', timeZone: 'Europe/Madrid' }),
      event({ timeZone: 'UTC' }),
    ];
    expect(nextEventEnd(events, now)?.toISOString()).toBe('2026-12-05T14:00:00.000Z');
    expect(nextEventEnd([events[0]!, events[3]!], now)).toBeNull();
    // An event ending this very moment is already past: the next one is later.
    expect(nextEventEnd(events, new Date('2026-12-05T14:00:00Z'))?.toISOString()).toBe('2027-01-16T00:00:00.000Z');
  });
});

describe('the event clock', () => {
  const T0 = new Date('2026-12-05T12:00:00Z').getTime();
  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  const clock = (marginMs = 1_000) => {
    const due: { at: number; reason: string }[] = [];
    const eventClock = createEventClock({ onDue: (reason) => due.push({ at: Date.now(), reason }), marginMs });
    return { due, eventClock };
  };

  test('asks for one rebuild just after the next end, with the schedule trigger as its reason', () => {
    const { due, eventClock } = clock();
    eventClock.arm('2026-12-05T14:00:00.000Z');
    jest.advanceTimersByTime(2 * 3_600_000);
    expect(due).toEqual([]);
    jest.advanceTimersByTime(1_000);
    expect(due).toEqual([{ at: T0 + 2 * 3_600_000 + 1_000, reason: EVENT_ENDED }]);
    expect(EVENT_ENDED.startsWith('schedule:')).toBe(true);
    expect(eventClock.armedFor).toBeNull();
    jest.advanceTimersByTime(24 * 3_600_000);
    expect(due).toHaveLength(1);
  });

  test('each build re-arms it for its own next end, replacing the last', () => {
    const { due, eventClock } = clock();
    eventClock.arm(new Date(T0 + 60_000));
    // A build (an editor's edit) before then: an earlier event now ends first.
    eventClock.arm(new Date(T0 + 30_000));
    jest.advanceTimersByTime(31_000);
    expect(due.map((d) => d.at)).toEqual([T0 + 31_000]);
    // The rebuild it set off re-arms it for the next end.
    eventClock.arm(new Date(T0 + 120_000));
    expect(eventClock.armedFor?.getTime()).toBe(T0 + 120_000);
    jest.advanceTimersByTime(90_000);
    expect(due.map((d) => d.at)).toEqual([T0 + 31_000, T0 + 121_000]);
  });

  test('no future event: nothing armed, nothing asked', () => {
    const { due, eventClock } = clock();
    eventClock.arm(new Date(T0 + 60_000));
    eventClock.arm(null);
    expect(eventClock.armedFor).toBeNull();
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(365 * 24 * 3_600_000);
    expect(due).toEqual([]);
  });

  test('a moment already past (the build ran late) asks at once', () => {
    const { due, eventClock } = clock();
    eventClock.arm(new Date(T0 - 5_000));
    expect(due.map((d) => d.at)).toEqual([T0]);
  });

  test('a far future end is waited for in timers no longer than 2^31-1 ms, re-armed until it comes', () => {
    const { due, eventClock } = clock();
    const spy = jest.spyOn(globalThis, 'setTimeout');
    const farEnd = T0 + 100 * 24 * 3_600_000; // 100 days: four capped waits
    eventClock.arm(new Date(farEnd));
    const delays = (): number[] => spy.mock.calls.map((call) => call[1] as number);
    expect(delays()).toEqual([MAX_TIMER_MS]);
    jest.advanceTimersByTime(99 * 24 * 3_600_000);
    expect(due).toEqual([]);
    expect(Math.max(...delays())).toBe(MAX_TIMER_MS);
    expect(delays().length).toBeGreaterThanOrEqual(4);
    jest.advanceTimersByTime(24 * 3_600_000 + 1_000);
    expect(due.map((d) => d.at)).toEqual([farEnd + 1_000]);
    spy.mockRestore();
  });

  test('stop cancels what is armed', () => {
    const { due, eventClock } = clock();
    eventClock.arm(new Date(T0 + 1_000));
    eventClock.stop();
    jest.advanceTimersByTime(10_000);
    expect(due).toEqual([]);
  });
});
