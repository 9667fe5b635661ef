// The iCalendar writer, checked by reading its output back with an independent parser (ical.js):
// times are compared as UTC instants after ical.js applies our own VTIMEZONEs. Known offsets:
// Europe/Madrid is UTC+1 in winter (CET) and UTC+2 in summer (CEST), changing on the last
// Sundays of March and October at 01:00Z; Asia/Ho_Chi_Minh is UTC+7 all year; Australia/Sydney
// is on daylight time (UTC+11) in January. Fixtures are written by hand, after the sample
// content (the Smart City Expo, Barcelona, 7–9 November 2023).
import ICAL from 'ical.js';
import type { Event } from '../../domain/model.js';
import { eventUid, renderCalendar, renderEventFile, type CalendarOptions } from '../../scripts/render/ical.js';
import { fold, htmlToText } from '../../scripts/render/ical-text.js';

const SITE = 'https://cities.example.org';
const en: CalendarOptions = { siteUrl: SITE, locale: 'en', calendarName: 'City Network events' };
const es: CalendarOptions = { siteUrl: SITE, locale: 'es', calendarName: 'Eventos de la Red de Ciudades' };

const barcelona = { documentId: 'city-barcelona', name: 'Barcelona', country: 'Spain', countryCode: 'ES' };

const makeEvent = (fields: Partial<Event> & Pick<Event, 'documentId'>): Event => ({
  type: 'event',
  kind: 'conference',
  locale: 'en',
  slug: fields.documentId,
  title: `Event ${fields.documentId}`,
  url: `/${fields.locale ?? 'en'}/events/${fields.slug ?? fields.documentId}/`,
  description: '',
  updatedAt: '2023-10-01T08:30:15.123Z',
  publishedAt: '2023-09-15T10:00:00.000Z',
  cover: null,
  seo: null,
  startDate: '2023-11-07',
  endDate: null,
  startTime: null,
  endTime: null,
  timeZone: 'Europe/Madrid',
  format: 'in_person',
  venue: null,
  city: null,
  descriptionHtml: '',
  highlights: [],
  organisers: [],
  infoUrl: null,
  registrationUrl: null,
  accessibility: null,
  ...fields,
});

const expo = makeEvent({
  documentId: 'expo2023aaaaaaaaaaaaaaaa',
  kind: 'trade_show',
  title: 'Smart City Expo World Congress 2023',
  slug: 'smart-city-expo-2023',
  url: '/en/events/smart-city-expo-2023/',
  startDate: '2023-11-07',
  endDate: '2023-11-09',
  venue: 'Fira Gran Via',
  city: barcelona,
  descriptionHtml: '<p>The world&#39;s <strong>leading</strong> event on smart cities.</p>\n<ul><li>Talks</li><li>Exhibition</li></ul>',
});

const focusGroup = makeEvent({
  documentId: 'focus2023bbbbbbbbbbbbbbb',
  kind: 'focus_group',
  title: 'Focus group on city data',
  startDate: '2023-11-07',
  startTime: '10:00',
  endTime: '12:00',
  venue: 'Fira Gran Via, room 3',
  city: barcelona,
});

const summer = makeEvent({ documentId: 'summer2023cccccccccccccc', startDate: '2023-07-10', startTime: '10:00', endTime: '11:30' });

const hanoi = makeEvent({
  documentId: 'hanoi2024ddddddddddddddd',
  startDate: '2024-03-13',
  startTime: '10:00',
  endTime: '17:00',
  timeZone: 'Asia/Ho_Chi_Minh',
  city: { documentId: 'city-hcmc', name: 'Ho Chi Minh City', country: 'Viet Nam', countryCode: 'VN' },
});

const webinarEs = makeEvent({
  documentId: 'webinar2021eeeeeeeeeeeee',
  locale: 'es',
  kind: 'webinar',
  title: 'Seminario web: datos abiertos',
  url: '/es/eventos/seminario-web/',
  startDate: '2021-06-17',
  startTime: '16:00',
  endTime: '17:30',
  format: 'online',
});

const undated = makeEvent({ documentId: 'undated0000fffffffffffff', startDate: null });

const all = [expo, focusGroup, summer, hanoi, webinarEs, undated];

// ---------------------------------------------------------------------------------------------
// Reading back

interface Parsed {
  calendar: ICAL.Component;
  events: ICAL.Event[];
  timezones: ICAL.Component[];
}

const parse = (ics: string): Parsed => {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const timezones = calendar.getAllSubcomponents('vtimezone');
  for (const timezone of timezones) ICAL.TimezoneService.register(timezone);
  return { calendar, timezones, events: calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent)) };
};

const byUid = (parsed: Parsed, uid: string): ICAL.Event => {
  const found = parsed.events.find((event) => event.uid === uid);
  if (!found) throw new Error(`no VEVENT with UID ${uid}`);
  return found;
};

const iso = (time: ICAL.Time): string => new Date(time.toUnixTime() * 1000).toISOString().replace('.000', '');

/** Unfolded content lines. */
const contentLines = (ics: string): string[] => ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter((line) => line !== '');

/** Unfolded lines of a property inside the VEVENTs (not the VTIMEZONEs' own DTSTARTs). */
const propertyLines = (ics: string, name: string): string[] => {
  let inEvent = false;
  return contentLines(ics).filter((line) => {
    if (line === 'BEGIN:VEVENT' || line === 'END:VEVENT') inEvent = line === 'BEGIN:VEVENT';
    return inEvent && (line.startsWith(`${name}:`) || line.startsWith(`${name};`));
  });
};

afterEach(() => ICAL.TimezoneService.reset());

// ---------------------------------------------------------------------------------------------

describe('renderCalendar', () => {
  const { ics, skipped } = renderCalendar(all, en);
  const parsed = parse(ics);

  test('is a publishable VCALENDAR that ical.js reads, with one VEVENT per dated event', () => {
    expect(parsed.calendar.name).toBe('vcalendar');
    expect(parsed.calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(parsed.calendar.getFirstPropertyValue('prodid')).toBe('-//City Network//Publishing pipeline//EN');
    expect(parsed.calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(parsed.calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(parsed.calendar.getFirstPropertyValue('x-wr-calname')).toBe('City Network events');
    expect(parsed.events).toHaveLength(5);
  });

  test('an event without a date is left out and listed', () => {
    expect(skipped).toEqual([{ documentId: undated.documentId, reason: 'no date' }]);
    expect(ics).not.toContain(undated.documentId);
  });

  test('events come sorted by start date, then documentId', () => {
    expect(parsed.events.map((event) => event.uid)).toEqual([webinarEs, summer, expo, focusGroup, hanoi].map(eventUid));
  });

  test('every VEVENT carries the required and promised properties', () => {
    for (const event of parsed.events) {
      const vevent = event.component;
      for (const name of ['uid', 'dtstamp', 'dtstart', 'summary', 'description', 'url', 'status', 'transp', 'last-modified']) {
        expect([event.uid, name, vevent.hasProperty(name)]).toEqual([event.uid, name, true]);
      }
      expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    }
  });

  test('DTSTAMP and LAST-MODIFIED are the event’s updatedAt in UTC, not the clock', () => {
    const vevent = byUid(parsed, eventUid(expo)).component;
    expect(iso(vevent.getFirstPropertyValue('dtstamp') as ICAL.Time)).toBe('2023-10-01T08:30:15Z');
    expect(iso(vevent.getFirstPropertyValue('last-modified') as ICAL.Time)).toBe('2023-10-01T08:30:15Z');
    expect(propertyLines(ics, 'DTSTAMP')).toContain('DTSTAMP:20231001T083015Z');
  });

  test('URL and the end of DESCRIPTION are the absolute page URL', () => {
    const event = byUid(parsed, eventUid(expo));
    expect(event.component.getFirstPropertyValue('url')).toBe('https://cities.example.org/en/events/smart-city-expo-2023/');
    expect(event.description.endsWith('\n\nhttps://cities.example.org/en/events/smart-city-expo-2023/')).toBe(true);
  });

  test('DESCRIPTION is the plain text of the HTML: no tags, entities decoded, words kept apart', () => {
    const event = byUid(parsed, eventUid(expo));
    expect(event.description).toBe("The world's leading event on smart cities. Talks Exhibition\n\nhttps://cities.example.org/en/events/smart-city-expo-2023/");
    expect(event.description).not.toMatch(/<[a-z/]/i);
    expect(event.description).not.toMatch(/&[a-z#0-9]+;/i);
  });

  test('an event without a description has just its URL as DESCRIPTION', () => {
    expect(byUid(parsed, eventUid(summer)).description).toBe('https://cities.example.org/en/events/summer2023cccccccccccccc/');
  });

  test('LOCATION joins venue, city and country', () => {
    expect(byUid(parsed, eventUid(expo)).location).toBe('Fira Gran Via, Barcelona, Spain');
    // A comma inside the venue survives escaping.
    expect(byUid(parsed, eventUid(focusGroup)).location).toBe('Fira Gran Via, room 3, Barcelona, Spain');
    // Nothing known about the place: no LOCATION at all.
    expect(byUid(parsed, eventUid(summer)).component.hasProperty('location')).toBe(false);
  });

  test('is identical on two runs, whatever the order of the input', () => {
    expect(renderCalendar(all, en).ics).toBe(ics);
    expect(renderCalendar([...all].reverse(), en).ics).toBe(ics);
  });

  test('every line ends with CRLF, and there is no bare CR or LF', () => {
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});

describe('UID', () => {
  test('is documentId and locale, the same in the calendar and from eventUid', () => {
    expect(eventUid(expo)).toBe('expo2023aaaaaaaaaaaaaaaa-en@city-network');
    expect(eventUid({ documentId: expo.documentId, locale: 'es' })).toBe('expo2023aaaaaaaaaaaaaaaa-es@city-network');
    const parsed = parse(renderCalendar([expo], en).ics);
    expect(parsed.events[0]?.uid).toBe(eventUid(expo));
  });

  test('stays the same when the editor renames the event and changes its slug', () => {
    const renamed = { ...expo, title: 'SCEWC 2023', slug: 'scewc-2023', url: '/en/events/scewc-2023/' };
    const before = parse(renderCalendar([expo], en).ics).events[0];
    const after = parse(renderCalendar([renamed], en).ics).events[0];
    expect(after?.summary).toBe('SCEWC 2023');
    expect(after?.uid).toBe(before?.uid);
    expect(after?.uid).toBe(eventUid(renamed));
  });

  test('a second event with the same UID is skipped and listed', () => {
    const { ics, skipped } = renderCalendar([expo, { ...expo, title: 'Copy' }], en);
    expect(parse(ics).events).toHaveLength(1);
    expect(skipped).toEqual([{ documentId: expo.documentId, reason: 'duplicate UID' }]);
  });
});

describe('all-day events', () => {
  test('Smart City Expo, 7–9 November 2023: DATE values, DTEND the day after the last day', () => {
    const { ics } = renderCalendar([expo], en);
    const event = parse(ics).events[0]!;
    expect(event.startDate.isDate).toBe(true);
    expect(event.endDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2023-11-07');
    expect(event.endDate.toString()).toBe('2023-11-10');
    expect(propertyLines(ics, 'DTSTART')).toEqual(['DTSTART;VALUE=DATE:20231107']);
    expect(propertyLines(ics, 'DTEND')).toEqual(['DTEND;VALUE=DATE:20231110']);
    expect(event.component.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
  });

  test('a one-day event ends (exclusively) the next day, across month and year ends', () => {
    const newYear = makeEvent({ documentId: 'nye', startDate: '2023-12-31' });
    const event = parse(renderCalendar([newYear], en).ics).events[0]!;
    expect(event.startDate.toString()).toBe('2023-12-31');
    expect(event.endDate.toString()).toBe('2024-01-01');
    const leap = parse(renderCalendar([makeEvent({ documentId: 'leap', startDate: '2024-02-28', endDate: '2024-02-29' })], en).ics).events[0]!;
    expect(leap.endDate.toString()).toBe('2024-03-01');
  });

  test('need no VTIMEZONE', () => {
    expect(parse(renderCalendar([expo], en).ics).timezones).toHaveLength(0);
  });
});

describe('timed events', () => {
  test('10:00–12:00 on 7 November 2023 in Madrid is 09:00–11:00Z (CET, UTC+1)', () => {
    const { ics } = renderCalendar([focusGroup], en);
    const event = parse(ics).events[0]!;
    expect(event.startDate.isDate).toBe(false);
    expect(iso(event.startDate)).toBe('2023-11-07T09:00:00Z');
    expect(iso(event.endDate)).toBe('2023-11-07T11:00:00Z');
    expect(propertyLines(ics, 'DTSTART')).toEqual(['DTSTART;TZID=Europe/Madrid:20231107T100000']);
    expect(propertyLines(ics, 'DTEND')).toEqual(['DTEND;TZID=Europe/Madrid:20231107T120000']);
    expect(event.component.getFirstPropertyValue('transp')).toBe('OPAQUE');
  });

  test('10:00 on 10 July 2023 in Madrid is 08:00Z (CEST, UTC+2)', () => {
    const event = parse(renderCalendar([summer], en).ics).events[0]!;
    expect(iso(event.startDate)).toBe('2023-07-10T08:00:00Z');
    expect(iso(event.endDate)).toBe('2023-07-10T09:30:00Z');
  });

  test('10:00 in Ho Chi Minh City is 03:00Z (UTC+7, no DST)', () => {
    const event = parse(renderCalendar([hanoi], en).ics).events[0]!;
    expect(iso(event.startDate)).toBe('2024-03-13T03:00:00Z');
    expect(iso(event.endDate)).toBe('2024-03-13T10:00:00Z');
  });

  test('a timed event over several days ends at endTime on endDate', () => {
    const congress = makeEvent({ documentId: 'congress', startDate: '2023-10-27', endDate: '2023-10-30', startTime: '09:00', endTime: '14:00' });
    const event = parse(renderCalendar([congress], en).ics).events[0]!;
    expect(iso(event.startDate)).toBe('2023-10-27T07:00:00Z'); // CEST
    expect(iso(event.endDate)).toBe('2023-10-30T13:00:00Z'); // CET, after the change on the 29th
  });

  test('without an end time, DTEND is one hour later (in real time, even across the DST change)', () => {
    const event = parse(renderCalendar([makeEvent({ documentId: 'short', startDate: '2023-11-07', startTime: '23:30' })], en).ics).events[0]!;
    expect(iso(event.startDate)).toBe('2023-11-07T22:30:00Z');
    expect(iso(event.endDate)).toBe('2023-11-07T23:30:00Z');
    expect(event.endDate.toString()).toBe('2023-11-08T00:30:00');
    // 01:30 on the night clocks go forward (02:00 → 03:00): an hour later reads 03:30.
    const spring = renderCalendar([makeEvent({ documentId: 'spring', startDate: '2023-03-26', startTime: '01:30' })], en).ics;
    expect(propertyLines(spring, 'DTEND')).toEqual(['DTEND;TZID=Europe/Madrid:20230326T033000']);
    const springEvent = parse(spring).events[0]!;
    expect(springEvent.endDate.toUnixTime() - springEvent.startDate.toUnixTime()).toBe(3600);
  });

  test('without an end time but with a later end date, the event runs to the end of that day', () => {
    const event = parse(
      renderCalendar([makeEvent({ documentId: 'open', startDate: '2023-11-07', endDate: '2023-11-08', startTime: '18:00' })], en).ics,
    ).events[0]!;
    expect(iso(event.startDate)).toBe('2023-11-07T17:00:00Z');
    expect(iso(event.endDate)).toBe('2023-11-08T23:00:00Z'); // 00:00 on the 9th in Madrid
  });

  test('an end equal to the start leaves DTEND out; an end before the start is skipped and listed', () => {
    const point = renderCalendar([makeEvent({ documentId: 'point', startTime: '10:00', endTime: '10:00' })], en);
    expect(propertyLines(point.ics, 'DTEND')).toEqual([]);
    expect(parse(point.ics).events).toHaveLength(1);
    const backwards = renderCalendar(
      [
        makeEvent({ documentId: 'back1', startTime: '10:00', endTime: '09:00' }),
        makeEvent({ documentId: 'back2', startDate: '2023-11-09', endDate: '2023-11-07' }),
        makeEvent({ documentId: 'bad', startDate: '2023-02-30' }),
      ],
      en,
    );
    expect(parse(backwards.ics).events).toHaveLength(0);
    expect(backwards.skipped).toEqual([
      { documentId: 'back1', reason: 'ends before it starts' },
      { documentId: 'back2', reason: 'ends before it starts' },
      { documentId: 'bad', reason: 'invalid date' },
    ]);
  });

  test('in UTC, times are written with Z and need no VTIMEZONE', () => {
    const { ics } = renderCalendar([makeEvent({ documentId: 'utc', startTime: '10:00', endTime: '11:00', timeZone: 'UTC' })], en);
    expect(propertyLines(ics, 'DTSTART')).toEqual(['DTSTART:20231107T100000Z']);
    expect(propertyLines(ics, 'DTEND')).toEqual(['DTEND:20231107T110000Z']);
    const parsed = parse(ics);
    expect(parsed.timezones).toHaveLength(0);
    expect(iso(parsed.events[0]!.startDate)).toBe('2023-11-07T10:00:00Z');
  });
});

describe('VTIMEZONE', () => {
  const offsetOf = (component: ICAL.Component, name: string): string => String(component.getFirstProperty(name)?.toICALString()).split(':')[1] ?? '';

  test('one per TZID in use, with the TZID the events name', () => {
    const parsed = parse(renderCalendar(all, en).ics);
    expect(parsed.timezones.map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual(['Asia/Ho_Chi_Minh', 'Europe/Madrid']);
  });

  test('Madrid 2023: CET on 1 January, CEST from 02:00 on 26 March, CET from 03:00 on 29 October', () => {
    const [madrid] = parse(renderCalendar([focusGroup], en).ics).timezones;
    const observances = madrid!.getAllSubcomponents().map((observance) => [
      observance.name,
      (observance.getFirstPropertyValue('dtstart') as ICAL.Time).toString(),
      offsetOf(observance, 'tzoffsetfrom'),
      offsetOf(observance, 'tzoffsetto'),
    ]);
    expect(observances).toEqual([
      ['standard', '2023-01-01T00:00:00', '+0100', '+0100'],
      ['daylight', '2023-03-26T02:00:00', '+0100', '+0200'],
      ['standard', '2023-10-29T03:00:00', '+0200', '+0100'],
    ]);
  });

  test('Ho Chi Minh City, without DST, is a single STANDARD observance at +0700, even over several years', () => {
    const later = { ...hanoi, documentId: 'hanoi2026', startDate: '2026-05-04' };
    const [zone] = parse(renderCalendar([hanoi, later], en).ics).timezones;
    const observances = zone!.getAllSubcomponents();
    expect(observances.map((observance) => observance.name)).toEqual(['standard']);
    expect(offsetOf(observances[0]!, 'tzoffsetto')).toBe('+0700');
    expect(offsetOf(observances[0]!, 'tzoffsetfrom')).toBe('+0700');
  });

  // Every local hour of the years in use, read through our VTIMEZONE by ical.js, must name the
  // same instant as the platform's own zone data says; Sydney covers the southern hemisphere,
  // and the gap year 2022 checks that years not in use do not break the ones that are.
  test.each([
    ['Europe/Madrid', ['2021-06-17', '2023-11-07']],
    ['America/New_York', ['2023-01-15', '2024-12-31']],
    ['Australia/Sydney', ['2023-01-15', '2023-12-15']],
    ['Asia/Ho_Chi_Minh', ['2024-03-13']],
    ['Asia/Kolkata', ['2023-05-05']],
  ])('%s agrees with Intl at every hour of the years in use', (timeZone, dates) => {
    const events = dates.map((date, index) => makeEvent({ documentId: `z${index}`, startDate: date, startTime: '10:00', endTime: '11:00', timeZone }));
    parse(renderCalendar(events, en).ics);
    const zone = ICAL.TimezoneService.get(timeZone)!;
    const intl = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    const wall = (instant: number): string => {
      const p = Object.fromEntries(intl.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
      return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
    };
    const years = [...new Set(dates.map((date) => Number(date.slice(0, 4))))];
    let checked = 0;
    let ambiguous = 0;
    for (const year of years) {
      for (let instant = Date.UTC(year, 0, 1, 12); instant < Date.UTC(year + 1, 0, 1) - 86_400_000; instant += 3_600_000) {
        // The wall time Intl gives for the instant must map back to that same instant.
        const local = wall(instant);
        const [date, time] = local.split('T') as [string, string];
        const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
        const [h, mi] = time.split(':').map(Number) as [number, number];
        const reading = new ICAL.Time({ year: y, month: mo, day: d, hour: h, minute: mi, second: 0, isDate: false }, zone);
        const got = reading.toUnixTime() * 1000;
        // In the hour repeated when clocks go back, the other reading of the same wall time is
        // as right; anywhere else the instants must be equal.
        if (got !== instant) {
          ambiguous += 1;
          expect([local, wall(got)]).toEqual([local, local]);
        }
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(8000 * years.length);
    // At most the repeated hour of each autumn change.
    expect(ambiguous).toBeLessThanOrEqual(years.length);
  });
});

describe('text', () => {
  test('Spanish accents, commas, semicolons, colons, backslashes and newlines survive the round trip', () => {
    const title = 'Congreso: ciudades, innovación; ñandú';
    const venue = 'Palacio de Congresos; sala "A", planta 2\\3\nentrada norte';
    const event = makeEvent({ documentId: 'esc', locale: 'es', title, venue, url: '/es/eventos/congreso/' });
    const { ics } = renderCalendar([event], es);
    expect(propertyLines(ics, 'SUMMARY')).toEqual(['SUMMARY:Congreso: ciudades\\, innovación\\; ñandú']);
    const parsed = parse(ics).events[0]!;
    expect(parsed.summary).toBe(title);
    expect(parsed.location).toBe(venue);
    expect(parse(ics).calendar.getFirstPropertyValue('x-wr-calname')).toBe('Eventos de la Red de Ciudades');
  });

  test('a long description is folded at 75 octets, never inside a character, and unfolds to the original', () => {
    const sentence = 'La innovación urbana —con ñandúes, cigüeñas y 🏙️ rascacielos— llega a las ciudades, ¿verdad? ';
    const html = `<p>${sentence.repeat(12).trim()}</p>`;
    const event = makeEvent({ documentId: 'long', locale: 'es', descriptionHtml: html, url: '/es/eventos/largo/' });
    const { ics } = renderCalendar([event], es);
    const bytes = Buffer.from(ics, 'utf8');
    // Split the bytes, not the string: each physical line must be valid UTF-8 on its own.
    const physical: Buffer[] = [];
    let from = 0;
    for (let at = bytes.indexOf('\r\n'); at !== -1; at = bytes.indexOf('\r\n', from)) {
      physical.push(bytes.subarray(from, at));
      from = at + 2;
    }
    expect(from).toBe(bytes.length);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (const line of physical) {
      expect(line.length).toBeLessThanOrEqual(75);
      expect(() => decoder.decode(line)).not.toThrow();
    }
    const description = propertyLines(ics, 'DESCRIPTION');
    expect(description).toHaveLength(1);
    expect(Buffer.byteLength(description[0]!)).toBeGreaterThan(75 * 10);
    // Some lines are exactly full or stop short of a multi-byte character: both are fine.
    expect(physical.some((line) => line.length === 75)).toBe(true);
    const expected = `${sentence.repeat(12).trim()}\n\nhttps://cities.example.org/es/eventos/largo/`;
    expect(parse(ics).events[0]!.description).toBe(expected);
  });

  test('fold keeps short lines, and continuation lines count their leading space', () => {
    expect(fold('SUMMARY:short')).toBe('SUMMARY:short');
    const line = `X:${'a'.repeat(200)}`;
    const folded = fold(line).split('\r\n');
    // 202 characters: 75, then 1 space + 74, then 1 space + 53.
    expect(folded.map((part) => part.length)).toEqual([75, 75, 54]);
    expect(folded.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(folded.join('\r\n').replace(/\r\n /g, '')).toBe(line);
    // A 4-byte emoji that would straddle the limit moves whole to the next line.
    const emoji = fold(`${'b'.repeat(73)}😀c`).split('\r\n');
    expect(emoji).toEqual(['b'.repeat(73), ' 😀c']);
  });

  test('htmlToText strips tags and decodes entities once', () => {
    expect(htmlToText('<h2>Agenda</h2>\n<p>Smart&nbsp;cities &amp; <a href="https://x.example/?a=1&amp;b=2" title="a > b">data</a></p>')).toBe('Agenda Smart cities & data');
    expect(htmlToText('<p>&lt;b&gt;not bold&lt;/b&gt; &quot;quoted&quot; &#39;single&#39; &#x00F1;and&#250; &amp;lt;</p>')).toBe('<b>not bold</b> "quoted" \'single\' ñandú &lt;');
    expect(htmlToText('<ol><li>one</li><li>two<br>three</li></ol><!-- note --><p>four<em>teen</em></p>')).toBe('one two three fourteen');
    expect(htmlToText('<p>&#0; &#xD800; &unknown;</p>')).toBe('\ufffd \ufffd &unknown;');
  });
});

describe('LOCATION for online events', () => {
  test('an online event without a venue is "En línea" in Spanish and "Online" in English', () => {
    const parsedEs = parse(renderCalendar([webinarEs], es).ics).events[0]!;
    expect(parsedEs.location).toBe('En línea');
    const webinarEn = { ...webinarEs, locale: 'en' as const, url: '/en/events/webinar/' };
    expect(parse(renderCalendar([webinarEn], en).ics).events[0]!.location).toBe('Online');
  });

  test('an online event with a venue names the venue', () => {
    const withVenue = { ...webinarEs, venue: 'Zoom' };
    expect(parse(renderCalendar([withVenue], es).ics).events[0]!.location).toBe('Zoom');
  });
});

describe('renderEventFile', () => {
  test('is a calendar with just that event and its time zone', () => {
    const ics = renderEventFile(focusGroup, en);
    expect(ics).not.toBeNull();
    const parsed = parse(ics!);
    expect(parsed.events).toHaveLength(1);
    expect(parsed.events[0]!.uid).toBe(eventUid(focusGroup));
    expect(iso(parsed.events[0]!.startDate)).toBe('2023-11-07T09:00:00Z');
    expect(parsed.timezones.map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual(['Europe/Madrid']);
    // No calendar name: Outlook would import the file as a new calendar.
    expect(parsed.calendar.hasProperty('x-wr-calname')).toBe(false);
    expect(renderEventFile(focusGroup, en)).toBe(ics);
  });

  test('is null for an event without a date', () => {
    expect(renderEventFile(undated, en)).toBeNull();
  });
});
