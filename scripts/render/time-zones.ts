// Time zones, from the platform's data (Intl): the offset of a zone at an instant is its wall
// clock minus UTC. Wall-clock times are "pseudo-UTC" milliseconds (Date.UTC of the local
// fields). The calendars (ical.ts) compute their VTIMEZONEs from it, and the pages judge an
// event upcoming or past by the wall clock of the event's own zone (event-time.ts).

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;


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

export const isValidZone = (zone: string): boolean => {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
};

/** UTC and its aliases (Etc/UTC, GMT, Etc/GMT, Zulu…): Intl resolves them all to "UTC". */
export const isUtc = (zone: string): boolean => formatterFor(zone).resolvedOptions().timeZone === 'UTC';

/** The wall clock of a zone at an instant, as pseudo-UTC milliseconds (whole seconds). */
export const instantToWall = (zone: string, instant: number): number => {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  // Date.UTC reads years 0–99 as 1900s; setUTCFullYear undoes that for the rare ancient date.
  return parts.year !== undefined && parts.year < 100 ? new Date(wall).setUTCFullYear(parts.year) : wall;
};

/** UTC offset in milliseconds at an instant. */
export const offsetAt = (zone: string, instant: number): number => instantToWall(zone, instant) - Math.floor(instant / 1000) * 1000;

/** The instant a wall time names (in a DST gap or overlap, one of the two nearby readings). */
export const wallToInstant = (zone: string, wall: number): number => {
  const first = wall - offsetAt(zone, wall);
  const offset = offsetAt(zone, first);
  return wall - offset;
};

export interface Transition {
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
export const transitionsIn = (zone: string, year: number): Transition[] => {
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

const pad = (value: number): string => String(value).padStart(2, '0');

/** Today's date (YYYY-MM-DD) and time (HH:MM) on the wall clock of a zone. */
export const localNow = (now: Date, zone: string): { date: string; time: string } => {
  const wall = new Date(instantToWall(zone, now.getTime()));
  return { date: `${String(wall.getUTCFullYear()).padStart(4, '0')}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`, time: `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}` };
};
