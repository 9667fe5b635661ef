// Whether an event is upcoming is judged in the event's own time zone, with `now` pinned.
// Asia/Ho_Chi_Minh is UTC+7 all year (no DST); Europe/Madrid is UTC+1 in winter, UTC+2 in
// summer. Midnight of 16 March 2024 in Ho Chi Minh City is 2024-03-15T17:00:00Z; in Madrid
// it is 2024-03-15T23:00:00Z.
import { eventTiming } from '../../scripts/render/event-time.js';
import { localNow } from '../../scripts/render/time-zones.js';

type Timed = Parameters<typeof eventTiming>[0];

const event = (fields: Partial<Timed> & Pick<Timed, 'timeZone'>): Timed => ({ startDate: null, endDate: null, endTime: null, ...fields });
const at = (iso: string): Date => new Date(iso);

describe('localNow', () => {
  test.each([
    ['2024-03-15T16:59:59Z', 'Asia/Ho_Chi_Minh', { date: '2024-03-15', time: '23:59' }],
    ['2024-03-15T17:00:00Z', 'Asia/Ho_Chi_Minh', { date: '2024-03-16', time: '00:00' }],
    ['2024-03-15T17:00:00Z', 'Europe/Madrid', { date: '2024-03-15', time: '18:00' }],
    ['2024-03-15T22:59:59Z', 'Europe/Madrid', { date: '2024-03-15', time: '23:59' }],
    ['2024-03-15T23:00:00Z', 'Europe/Madrid', { date: '2024-03-16', time: '00:00' }],
    // Summer time in Madrid (UTC+2): 22:30Z is already 00:30 the next day.
    ['2024-07-01T22:30:00Z', 'Europe/Madrid', { date: '2024-07-02', time: '00:30' }],
    ['2024-07-01T22:30:00Z', 'Asia/Ho_Chi_Minh', { date: '2024-07-02', time: '05:30' }],
    // New year in Ho Chi Minh City while it is still the old year in Madrid.
    ['2023-12-31T17:05:00Z', 'Asia/Ho_Chi_Minh', { date: '2024-01-01', time: '00:05' }],
    ['2023-12-31T17:05:00Z', 'Europe/Madrid', { date: '2023-12-31', time: '18:05' }],
    ['2024-03-15T12:00:00Z', 'UTC', { date: '2024-03-15', time: '12:00' }],
  ])('%s in %s', (iso, timeZone, expected) => {
    expect(localNow(at(iso), timeZone)).toEqual(expected);
  });

  test('midnight is 00:00, never 24:00', () => {
    expect(localNow(at('2024-03-15T17:00:30Z'), 'Asia/Ho_Chi_Minh').time).toBe('00:00');
    expect(localNow(at('2024-01-15T23:00:00Z'), 'Europe/Madrid')).toEqual({ date: '2024-01-16', time: '00:00' });
  });
});

describe('eventTiming', () => {
  const hanoi = event({ startDate: '2024-03-13', endDate: '2024-03-15', timeZone: 'Asia/Ho_Chi_Minh' });

  test('an event ending today in Ho Chi Minh City is upcoming until local midnight, and past from it', () => {
    expect(eventTiming(hanoi, at('2024-03-15T16:59:59Z'))).toBe('upcoming'); // 23:59:59 on the 15th there
    expect(eventTiming(hanoi, at('2024-03-15T17:00:00Z'))).toBe('past'); // 00:00 on the 16th there
  });

  test("the flip follows the event's zone, not the reader's or UTC", () => {
    // At 18:00Z it is still the 15th in Madrid and in UTC, but already the 16th in Ho Chi Minh City.
    const now = at('2024-03-15T18:00:00Z');
    expect(eventTiming(hanoi, now)).toBe('past');
    expect(eventTiming({ ...hanoi, timeZone: 'Europe/Madrid' }, now)).toBe('upcoming');
    expect(eventTiming({ ...hanoi, timeZone: 'UTC' }, now)).toBe('upcoming');
    // West of UTC it is the reverse: the 16th in UTC, still the 15th in New York.
    const later = at('2024-03-16T02:00:00Z');
    expect(eventTiming({ ...hanoi, timeZone: 'UTC' }, later)).toBe('past');
    expect(eventTiming({ ...hanoi, timeZone: 'America/New_York' }, later)).toBe('upcoming');
  });

  test('an all-day event is upcoming on its last day until local midnight (Madrid)', () => {
    const madrid = event({ startDate: '2024-03-15', timeZone: 'Europe/Madrid' });
    expect(eventTiming(madrid, at('2024-03-14T23:00:00Z'))).toBe('upcoming'); // 00:00 on the 15th
    expect(eventTiming(madrid, at('2024-03-15T22:59:00Z'))).toBe('upcoming'); // 23:59 on the 15th
    expect(eventTiming(madrid, at('2024-03-15T23:00:00Z'))).toBe('past'); // 00:00 on the 16th
  });

  test('a start date alone counts as the last day', () => {
    const oneDay = event({ startDate: '2024-03-15', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(eventTiming(oneDay, at('2024-03-15T16:59:00Z'))).toBe('upcoming');
    expect(eventTiming(oneDay, at('2024-03-15T17:00:00Z'))).toBe('past');
  });

  test('on its last day an event is past once its end time has passed, in its own zone', () => {
    const webinar = event({ startDate: '2024-03-15', endTime: '18:30', timeZone: 'Europe/Madrid' });
    expect(eventTiming(webinar, at('2024-03-15T17:29:00Z'))).toBe('upcoming'); // 18:29 in Madrid
    expect(eventTiming(webinar, at('2024-03-15T17:30:00Z'))).toBe('past'); // 18:30 in Madrid
    expect(eventTiming(webinar, at('2024-03-15T20:00:00Z'))).toBe('past');
    // The same end time in Ho Chi Minh City passed hours earlier (11:30Z).
    const inHcmc = { ...webinar, timeZone: 'Asia/Ho_Chi_Minh' };
    expect(eventTiming(inHcmc, at('2024-03-15T11:29:00Z'))).toBe('upcoming');
    expect(eventTiming(inHcmc, at('2024-03-15T11:30:00Z'))).toBe('past');
  });

  test('days before the last day are upcoming and days after are past, whatever the end time', () => {
    const multiDay = event({ startDate: '2024-03-13', endDate: '2024-03-15', endTime: '09:00', timeZone: 'Europe/Madrid' });
    expect(eventTiming(multiDay, at('2024-03-14T12:00:00Z'))).toBe('upcoming'); // 14th, after 09:00
    expect(eventTiming(multiDay, at('2024-03-10T12:00:00Z'))).toBe('upcoming');
    expect(eventTiming(multiDay, at('2024-03-16T07:00:00Z'))).toBe('past'); // 16th, before 09:00
    expect(eventTiming(multiDay, at('2025-01-01T00:00:00Z'))).toBe('past');
  });

  test('an event without dates is undated, even with a time', () => {
    expect(eventTiming(event({ timeZone: 'UTC' }), at('2024-03-15T12:00:00Z'))).toBe('undated');
    expect(eventTiming(event({ endTime: '10:00', timeZone: 'Asia/Ho_Chi_Minh' }), at('2024-03-15T12:00:00Z'))).toBe('undated');
  });
});
