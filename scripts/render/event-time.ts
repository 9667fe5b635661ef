// Whether an event is still to come is judged in the event's own time zone: a congress in
// Hanoi that ends today is still "upcoming" for a reader in Madrid until midnight in Hanoi.
import type { Event } from '../../domain/model.js';
import { localNow, wallToInstant } from './time-zones.js';

export type EventTiming = 'upcoming' | 'past' | 'undated';

// Today in each zone for the moment last asked about: a build judges thousands of events
// against one moment, and formatting it is the costly part.
let todayAt: { time: number; byZone: Map<string, { date: string; time: string }> } = { time: Number.NaN, byZone: new Map() };
const todayIn = (now: Date, timeZone: string): { date: string; time: string } => {
  if (todayAt.time !== now.getTime()) todayAt = { time: now.getTime(), byZone: new Map() };
  let today = todayAt.byZone.get(timeZone);
  if (!today) {
    today = localNow(now, timeZone);
    todayAt.byZone.set(timeZone, today);
  }
  return today;
};

export const eventTiming = (event: Pick<Event, 'startDate' | 'endDate' | 'endTime' | 'timeZone'>, now: Date): EventTiming => {
  const lastDay = event.endDate ?? event.startDate;
  if (!lastDay) return 'undated';
  const today = todayIn(now, event.timeZone);
  if (lastDay > today.date) return 'upcoming';
  if (lastDay < today.date) return 'past';
  // On its last day an event is over once its end time has passed; without one, at midnight.
  return event.endTime && event.endTime <= today.time ? 'past' : 'upcoming';
};

const DAY_MS = 24 * 60 * 60_000;

/**
 * The instant an event turns past by eventTiming's rule: its end time on its last day in its
 * own zone, or the midnight that ends that day; null when it has no date.
 */
export const eventEndsAt = (event: Pick<Event, 'startDate' | 'endDate' | 'endTime' | 'timeZone'>): number | null => {
  const lastDay = event.endDate ?? event.startDate;
  const day = lastDay ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(lastDay) : null;
  if (!day) return null;
  const midnight = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
  const time = event.endTime ? /^(\d{2}):(\d{2})/.exec(event.endTime) : null;
  const wall = time ? midnight + (Number(time[1]) * 60 + Number(time[2])) * 60_000 : midnight + DAY_MS;
  return wallToInstant(event.timeZone, wall);
};

/**
 * The next moment after `now` at which an event of the site turns from upcoming to past, which
 * changes the lists by the clock alone (no edit, no webhook); null when none is still to end.
 */
export const nextEventEnd = (events: Pick<Event, 'startDate' | 'endDate' | 'endTime' | 'timeZone'>[], now: Date): Date | null => {
  let next: number | null = null;
  for (const event of events) {
    const endsAt = eventEndsAt(event);
    if (endsAt !== null && endsAt > now.getTime() && (next === null || endsAt < next)) next = endsAt;
  }
  return next === null ? null : new Date(next);
};
