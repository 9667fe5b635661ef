// Whether an event is still to come is judged in the event's own time zone: a congress in
// Hanoi that ends today is still "upcoming" for a reader in Madrid until midnight in Hanoi.
import type { Event } from '../../domain/model.js';
import { localNow } from './time-zones.js';

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
