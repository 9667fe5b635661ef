// iCalendar (RFC 5545) for events: one calendar per locale and one file per event. Written by
// hand with node built-ins only, so every byte is ours to pin: DTSTAMP comes from the event's
// own updatedAt (never the clock), events are sorted, and the VTIMEZONEs are computed from the
// platform's time zone data (Intl) for exactly the years the calendar needs. Two runs over the
// same content give the same file.
import type { Locale } from '../../domain/locales.js';
import type { Event } from '../../domain/model.js';
import { absoluteUrl } from '../normalise/urls.js';
import { LABELS } from '../../domain/labels.js';
import { escapeText, fold, htmlToText, paramValue, property } from './ical-text.js';
import { instantToWall, isUtc, isValidZone, offsetAt, transitionsIn, wallToInstant } from './time-zones.js';

/**
 * What a calendar needs besides its events. There is deliberately no clock here: DTSTAMP is
 * pinned to each event's updatedAt (in UTC), so the output depends on the content alone.
 */
export interface CalendarOptions {
  /** Root of the public site, e.g. https://cities.example.org; event URLs are made absolute with it. */
  siteUrl: string;
  /** Language of the calendar: PRODID's language tag. Each event's own text follows event.locale. */
  locale: Locale;
  /** X-WR-CALNAME and NAME of the feed (the single-event file leaves it out; see renderEventFile). */
  calendarName: string;
}

export interface SkippedEvent {
  documentId: string;
  reason: string;
}

export interface CalendarResult {
  ics: string;
  skipped: SkippedEvent[];
}

/**
 * The UID of an event: one per document and locale, `${documentId}-${locale}@city-network`.
 * Strapi's documentId never changes, whatever the editor does to the title or slug, so a
 * calendar that subscribed keeps updating the same entry instead of growing a duplicate. The
 * locale is part of it because the English and Spanish entries are different texts, and a
 * reader subscribed to both calendars should not see one overwrite the other.
 */
export const eventUid = (event: Pick<Event, 'documentId' | 'locale'>): string => `${event.documentId}-${event.locale}@city-network`;

const PRODID_BASE = '-//City Network//Publishing pipeline//';

/**
 * The calendar of a locale's events, sorted by start date and then documentId. Events without a
 * start date (or with dates no calendar can hold) are left out and listed in `skipped`.
 */
export const renderCalendar = (events: Event[], options: CalendarOptions): CalendarResult => {
  const { vevents, zones, skipped } = prepare(events, options);
  return { ics: calendar(vevents, zones, options, true), skipped };
};

/** Whether renderEventFile makes a file for this event: the same checks prepare makes of one event. */
export const hasEventFile = (event: Event): boolean => !('reason' in eventTiming(event)) && (utcStamp(event.updatedAt) ?? utcStamp(event.publishedAt)) !== null;

/**
 * A calendar with just this event, for an "add to calendar" link; null when it cannot have one
 * (see hasEventFile).
 * It carries no X-WR-CALNAME: Outlook imports a file with one as a whole new calendar instead of
 * adding the event to the reader's own.
 */
export const renderEventFile = (event: Event, options: CalendarOptions): string | null => {
  const { vevents, zones } = prepare([event], options);
  return vevents.length === 0 ? null : calendar(vevents, zones, options, false);
};

// ---------------------------------------------------------------------------------------------
// Assembly

interface Prepared {
  vevents: string[][];
  /** TZID → the local years its VTIMEZONE must cover. */
  zones: Map<string, Set<number>>;
  skipped: SkippedEvent[];
}

const prepare = (events: Event[], options: CalendarOptions): Prepared => {
  const sorted = [...events].sort(
    (a, b) =>
      compare(a.startDate ?? '', b.startDate ?? '') || compare(a.documentId, b.documentId) || compare(a.locale, b.locale),
  );
  const vevents: string[][] = [];
  const zones = new Map<string, Set<number>>();
  const skipped: SkippedEvent[] = [];
  const uids = new Set<string>();
  for (const event of sorted) {
    const timing = eventTiming(event);
    if ('reason' in timing) {
      skipped.push({ documentId: event.documentId, reason: timing.reason });
      continue;
    }
    const stamp = utcStamp(event.updatedAt) ?? utcStamp(event.publishedAt);
    if (!stamp) {
      skipped.push({ documentId: event.documentId, reason: 'no valid updatedAt' });
      continue;
    }
    const uid = eventUid(event);
    // Two entries with one UID would make a client keep either at random.
    if (uids.has(uid)) {
      skipped.push({ documentId: event.documentId, reason: 'duplicate UID' });
      continue;
    }
    uids.add(uid);
    if (timing.kind === 'zoned') {
      const years = zones.get(timing.zone) ?? new Set<number>();
      years.add(new Date(timing.start).getUTCFullYear());
      if (timing.end !== null) years.add(new Date(timing.end).getUTCFullYear());
      zones.set(timing.zone, years);
    }
    vevents.push(vevent(event, timing, stamp, options));
  }
  skipped.sort((a, b) => compare(a.documentId, b.documentId) || compare(a.reason, b.reason));
  return { vevents, zones, skipped };
};

const calendar = (vevents: string[][], zones: Map<string, Set<number>>, options: CalendarOptions, named: boolean): string => {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    property('PRODID', PRODID_BASE + options.locale.toUpperCase()),
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  if (named) {
    // X-WR-CALNAME is what clients read today; NAME is its standard form (RFC 7986).
    lines.push(property('X-WR-CALNAME', escapeText(options.calendarName)), property('NAME', escapeText(options.calendarName)));
  }
  // Time zones first, as clients that read top to bottom expect.
  for (const zone of [...zones.keys()].sort()) lines.push(...vtimezone(zone, zones.get(zone) ?? new Set()));
  for (const event of vevents) lines.push(...event);
  lines.push('END:VCALENDAR');
  return lines.map((line) => `${fold(line)}\r\n`).join('');
};

const vevent = (event: Event, timing: Timing, stamp: string, options: CalendarOptions): string[] => {
  const url = absoluteUrl(options.siteUrl, event.url);
  const text = htmlToText(event.descriptionHtml);
  const location = eventLocation(event);
  const lines = ['BEGIN:VEVENT', property('UID', escapeText(eventUid(event))), `DTSTAMP:${stamp}`, ...timingLines(timing)];
  lines.push(property('SUMMARY', escapeText(event.title)));
  lines.push(property('DESCRIPTION', escapeText(text === '' ? url : `${text}\n\n${url}`)));
  if (location) lines.push(property('LOCATION', escapeText(location)));
  lines.push(property('URL', url));
  lines.push('STATUS:CONFIRMED');
  // An all-day entry (a trade show, a three-day congress) should not mark the reader busy.
  lines.push(timing.kind === 'date' ? 'TRANSP:TRANSPARENT' : 'TRANSP:OPAQUE');
  lines.push(`LAST-MODIFIED:${stamp}`);
  lines.push('END:VEVENT');
  return lines;
};

/** Venue, city and country; for an online event without a venue, the word "Online" in the event's language. */
const eventLocation = (event: Event): string | null => {
  const venue = event.venue?.trim() || null;
  if (event.format === 'online' && !venue) return LABELS[event.locale].formats.online;
  const parts: string[] = [];
  for (const part of [venue, event.city?.name, event.city?.country]) {
    const value = part?.trim();
    if (value && !parts.includes(value)) parts.push(value);
  }
  return parts.length > 0 ? parts.join(', ') : null;
};

// ---------------------------------------------------------------------------------------------
// Dates and times. Wall-clock times are kept as "pseudo-UTC" milliseconds (Date.UTC of the
// local fields), which makes day arithmetic and formatting trivial and zone-free.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Timing =
  /** All day: DATE values, the end exclusive (the day after the last day). */
  | { kind: 'date'; start: number; endExclusive: number }
  /** Timed in UTC: written with the Z suffix, no VTIMEZONE. start/end are instants. */
  | { kind: 'utc'; start: number; end: number | null }
  /** Timed in a zone: local wall times with TZID; end null means no DTEND (zero length). */
  | { kind: 'zoned'; zone: string; start: number; end: number | null };

/**
 * When the event happens, as calendar values, or why it cannot be written.
 * - No startTime: an all-day event from startDate to endDate ?? startDate, DTEND exclusive.
 * - startTime with endTime: from startDate startTime to (endDate ?? startDate) endTime.
 * - startTime without endTime: one hour, measured in real time (so across a DST change too);
 *   but when endDate is a later day, the event runs to the end of that day (00:00 after it).
 *   We write a DTEND rather than none because clients show an event without one as zero
 *   minutes long, which an editor who typed only a start time does not mean.
 * - An end equal to the start leaves DTEND out (RFC 5545 requires DTEND to be later); an end
 *   before the start is an editing mistake and the event is skipped, so it gets reported.
 */
const eventTiming = (event: Event): Timing | { reason: string } => {
  if (!event.startDate) return { reason: 'no date' };
  const startDay = parseDate(event.startDate);
  const endDay = event.endDate ? parseDate(event.endDate) : startDay;
  if (startDay === null || endDay === null) return { reason: 'invalid date' };
  if (endDay < startDay) return { reason: 'ends before it starts' };
  if (!event.startTime) return { kind: 'date', start: startDay, endExclusive: endDay + DAY };

  const startTime = parseTime(event.startTime);
  const endTime = event.endTime ? parseTime(event.endTime) : null;
  if (startTime === null || (event.endTime && endTime === null)) return { reason: 'invalid time' };
  if (!isValidZone(event.timeZone)) return { reason: 'unknown time zone' };
  const utc = isUtc(event.timeZone);
  const start = startDay + startTime;
  let end: number | null;
  if (endTime !== null) {
    end = endDay + endTime;
    if (end < start) return { reason: 'ends before it starts' };
    if (end === start) end = null;
  } else if (endDay > startDay) {
    end = endDay + DAY;
  } else {
    end = utc ? start + HOUR : instantToWall(event.timeZone, wallToInstant(event.timeZone, start) + HOUR);
  }
  return utc ? { kind: 'utc', start, end } : { kind: 'zoned', zone: event.timeZone, start, end };
};

const timingLines = (timing: Timing): string[] => {
  switch (timing.kind) {
    case 'date':
      return [`DTSTART;VALUE=DATE:${formatDate(timing.start)}`, `DTEND;VALUE=DATE:${formatDate(timing.endExclusive)}`];
    case 'utc':
      return [`DTSTART:${formatDateTime(timing.start)}Z`, ...(timing.end === null ? [] : [`DTEND:${formatDateTime(timing.end)}Z`])];
    case 'zoned': {
      const tzid = paramValue(timing.zone);
      return [
        `DTSTART;TZID=${tzid}:${formatDateTime(timing.start)}`,
        ...(timing.end === null ? [] : [`DTEND;TZID=${tzid}:${formatDateTime(timing.end)}`]),
      ];
    }
  }
};

/** 'YYYY-MM-DD' → pseudo-UTC midnight, or null when it is no real date (2023-02-30). */
const parseDate = (value: string): number | null => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  // Date.UTC maps years 0–99 to 1900–1999; such a year also fails this check.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? ms : null;
};

/** 'HH:MM' (seconds, if any, ignored) → milliseconds since midnight, or null. */
const parseTime = (value: string): number | null => {
  const match = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value);
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  return hours < 24 && minutes < 60 ? hours * HOUR + minutes * MINUTE : null;
};

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

const formatDate = (ms: number): string => {
  const date = new Date(ms);
  return `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}`;
};

const formatDateTime = (ms: number): string => {
  const date = new Date(ms);
  return `${formatDate(ms)}T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;
};

/** An ISO timestamp as a UTC DATE-TIME (YYYYMMDDTHHMMSSZ), or null when it is not one. */
const utcStamp = (iso: string): string | null => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : `${formatDateTime(Math.floor(ms / 1000) * 1000)}Z`;
};

interface Observance {
  kind: 'STANDARD' | 'DAYLIGHT';
  onset: number;
  from: number;
  to: number;
}

/**
 * A VTIMEZONE that is right for the given years: for each year, the offset in force on 1 January
 * (unless the previous observance already says so) and every change during the year, each as an
 * observance of its own. A change to a larger offset is taken as DAYLIGHT and one to a smaller
 * offset as STANDARD; Intl does not say which is which, and clients use only the offsets. A zone
 * without DST (Asia/Ho_Chi_Minh) is one STANDARD observance.
 */
const vtimezone = (zone: string, years: Set<number>): string[] => {
  const observances: Observance[] = [];
  for (const year of [...years].sort((a, b) => a - b)) {
    const transitions = transitionsIn(zone, year);
    const newYear = Date.UTC(year, 0, 1);
    const offset = offsetAt(zone, wallToInstant(zone, newYear));
    const previous = observances.at(-1);
    const first = transitions[0];
    if (!previous || previous.to !== offset) {
      // Before a change to a smaller offset, the clock was on daylight time (southern summer).
      const kind = first && first.to < first.from ? 'DAYLIGHT' : 'STANDARD';
      observances.push({ kind, onset: newYear, from: previous?.to ?? offset, to: offset });
    }
    for (const change of transitions) {
      observances.push({ kind: change.to > change.from ? 'DAYLIGHT' : 'STANDARD', ...change });
    }
  }
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  for (const observance of observances) {
    lines.push(
      `BEGIN:${observance.kind}`,
      `DTSTART:${formatDateTime(observance.onset)}`,
      `TZOFFSETFROM:${formatOffset(observance.from)}`,
      `TZOFFSETTO:${formatOffset(observance.to)}`,
      `END:${observance.kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  return lines;
};

/** ±HHMM, or ±HHMMSS for the odd historical offset with seconds; zero is +0000 (never -0000). */
const formatOffset = (ms: number): string => {
  const sign = ms < 0 ? '-' : '+';
  const total = Math.round(Math.abs(ms) / 1000);
  const [hours, minutes, seconds] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return `${sign}${pad(hours)}${pad(minutes)}${seconds ? pad(seconds) : ''}`;
};

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
