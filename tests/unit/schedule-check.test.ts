// How often the CMS looks for due schedules: a cron step of seconds that divides the minute,
// so checks fall at the same seconds of every minute; anything else stops the CMS at start.
import { cronTasks, scheduleCheckSeconds } from '../../cms/src/scheduling/cron-task.js';
import { instantOf } from '../../cms/src/scheduling/schedule-fields.js';

test.each([
  [undefined, 10],
  ['', 10],
  ['5', 5],
  ['30', 30],
  ['60', 60],
])('SCHEDULE_CHECK_SECONDS=%j checks every %i s', (value, seconds) => {
  expect(scheduleCheckSeconds(value)).toBe(seconds);
});

test.each(['0', '7', '90', '1.5', 'ten', '-10'])('SCHEDULE_CHECK_SECONDS=%j is refused, naming the variable', (value) => {
  expect(() => scheduleCheckSeconds(value)).toThrow(/SCHEDULE_CHECK_SECONDS must divide 60/);
});

test('the cron rule counts seconds in UTC', () => {
  expect(cronTasks(10).publishingSchedule.options).toEqual({ rule: '*/10 * * * * *', tz: 'Etc/UTC' });
  expect(cronTasks(60).publishingSchedule.options.rule).toBe('0 * * * * *');
});

test('stored and sent datetimes are read as instants, whatever their spelling', () => {
  expect(instantOf('2030-01-15T09:00:00+01:00')).toBe(Date.UTC(2030, 0, 15, 8));
  expect(instantOf('2030-01-15T08:00:00.000Z')).toBe(Date.UTC(2030, 0, 15, 8));
  expect(instantOf(new Date(Date.UTC(2030, 0, 15, 8)))).toBe(Date.UTC(2030, 0, 15, 8));
  // SQLite may hand back epoch milliseconds.
  expect(instantOf(Date.UTC(2030, 0, 15, 8))).toBe(Date.UTC(2030, 0, 15, 8));
  expect(instantOf(null)).toBeNull();
  expect(instantOf('')).toBeNull();
  expect(instantOf('not a date')).toBeNaN();
});
