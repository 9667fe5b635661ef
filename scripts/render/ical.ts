// iCalendar (RFC 5545) for events: one calendar per locale and one file per event. Written by
// hand with node built-ins only, so every byte is ours to pin: DTSTAMP comes from the event's
// own updatedAt (never the clock), events are sorted, and the VTIMEZONEs are computed from the
// platform's time zone data (Intl) for exactly the years the calendar needs. Two runs over the
// same content give the same file.
import type { Locale } from '../locales.js';
import type { Event } from '../normalise/model.js';
import { absoluteUrl } from '../normalise/urls.js';
import { LABELS } from '../../site/labels.js';

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

/**
 * A calendar with just this event, for an "add to calendar" link; null when it has no date.
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

// ---------------------------------------------------------------------------------------------
// Time zones, from Intl: the offset at an instant is the zone's wall clock minus UTC.

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (zone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      numberingSystem: 'latn',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
};

const isValidZone = (zone: string): boolean => {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
};

/** UTC and its aliases (Etc/UTC, GMT, Etc/GMT, Zulu…): Intl resolves them all to "UTC". */
const isUtc = (zone: string): boolean => formatterFor(zone).resolvedOptions().timeZone === 'UTC';

/** The wall clock of a zone at an instant, as pseudo-UTC milliseconds (whole seconds). */
const instantToWall = (zone: string, instant: number): number => {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  // Date.UTC reads years 0–99 as 1900s; setUTCFullYear undoes that for the rare ancient date.
  return parts.year !== undefined && parts.year < 100 ? new Date(wall).setUTCFullYear(parts.year) : wall;
};

/** UTC offset in milliseconds at an instant. */
const offsetAt = (zone: string, instant: number): number => instantToWall(zone, instant) - Math.floor(instant / 1000) * 1000;

/** The instant a wall time names (in a DST gap or overlap, one of the two nearby readings). */
const wallToInstant = (zone: string, wall: number): number => {
  const first = wall - offsetAt(zone, wall);
  const offset = offsetAt(zone, first);
  return wall - offset;
};

interface Transition {
  /** Local wall time of the change, read on the clock before it (RFC 5545's rule for DTSTART). */
  onset: number;
  from: number;
  to: number;
}

const scannedYears = new Map<string, Transition[]>();

/**
 * The offset changes of a zone whose onset falls in a local calendar year: scan day by day
 * from two days before the year to two days after it, and binary-search each change found
 * down to the minute.
 */
const transitionsIn = (zone: string, year: number): Transition[] => {
  // Every event's calendar asks again for the same zone and year: scanning a year costs
  // about 400 Intl calls, so each is scanned once per process.
  const key = `${zone} ${year}`;
  const known = scannedYears.get(key);
  if (known) return known;
  const transitions: Transition[] = [];
  const end = Date.UTC(year + 1, 0, 1) + 2 * DAY;
  let lo = Date.UTC(year, 0, 1) - 2 * DAY;
  let loOffset = offsetAt(zone, lo);
  while (lo < end) {
    const next = Math.min(lo + DAY, end);
    if (offsetAt(zone, next) === loOffset) {
      lo = next;
      continue;
    }
    // The offset changes in (lo, next]: narrow it to the first minute with the new offset.
    let [a, b] = [lo, next];
    while (b - a > MINUTE) {
      const mid = a + Math.floor((b - a) / MINUTE / 2) * MINUTE;
      if (offsetAt(zone, mid) === loOffset) a = mid;
      else b = mid;
    }
    const to = offsetAt(zone, b);
    const onset = b + loOffset;
    if (new Date(onset).getUTCFullYear() === year) transitions.push({ onset, from: loOffset, to });
    lo = b;
    loOffset = to;
  }
  scannedYears.set(key, transitions);
  return transitions;
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

// ---------------------------------------------------------------------------------------------
// Text: HTML to plain text, RFC 5545 escaping and folding.

// Elements that separate words when the tags are gone; all others (strong, a, em…) join.
const BREAKING = new Set(
  'address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr img li main nav ol p pre section table tbody td tfoot th thead tr ul'.split(' '),
);

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

const decodeEntities = (text: string): string =>
  // One pass, so "&amp;lt;" becomes the text "&lt;" and is not decoded twice.
  text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));/g, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name] ?? whole;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : '\ufffd';
  });

/**
 * The text of our rendered HTML (blocks-html.ts): comments, scripts and styles dropped, tags
 * removed (block-level ones leave a space so words do not run together), entities decoded
 * after the tags are gone (so an escaped "&lt;b&gt;" stays text), whitespace collapsed.
 */
export const htmlToText = (html: string): string =>
  decodeEntities(
    html
      .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
      .replace(/<(script|style)\b(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
      .replace(/<\/?([a-zA-Z][a-zA-Z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g, (_tag, name: string) => (BREAKING.has(name.toLowerCase()) ? ' ' : ''))
      .replace(/<[!?][^>]*>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();

/**
 * A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, every line break as
 * \n; control characters, which TEXT may not hold, dropped (tab is allowed and kept).
 */
export const escapeText = (value: string): string =>
  value
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,\n]/g, (char) => (char === '\n' ? '\\n' : `\\${char}`));

/** A parameter value, quoted when it holds a character that would end it. */
const paramValue = (value: string): string => (/[;:,]/.test(value) ? `"${value.replace(/"/g, '')}"` : value);

const property = (name: string, value: string): string => `${name}:${value}`;

/**
 * Folds a content line (RFC 5545 §3.1): no physical line longer than 75 octets of UTF-8, not
 * counting the CRLF; a continuation starts with one space, which counts. Splits fall between
 * code points, never inside a multi-byte character or a surrogate pair.
 */
export const fold = (line: string): string => {
  const limit = 75;
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > limit) {
      out.push(current);
      current = ' ';
      bytes = 1;
    }
    current += char;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n');
};

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
