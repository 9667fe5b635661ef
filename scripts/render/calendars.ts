// Writes the iCalendar files of the site: one per locale with all its events, and one per
// event beside its page. Events without a date are left out (the feeds stage reports them).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LABELS } from '../../site/labels.js';
import { LOCALES, type Locale } from '../locales.js';
import type { ContentModel, Event } from '../normalise/model.js';
import { renderCalendar, renderEventFile } from './ical.js';

export const calendarPath = (locale: Locale): string => `/${locale}/events.ics`;
export const eventCalendarPath = (event: Pick<Event, 'url'>): string => `${event.url}event.ics`;

export const writeCalendars = (model: ContentModel, outDir: string, siteUrl: string): number => {
  let written = 0;
  const write = (sitePath: string, ics: string): void => {
    const file = path.join(outDir, sitePath);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, ics);
    written += 1;
  };
  for (const locale of LOCALES) {
    const options = { siteUrl, locale, calendarName: `${LABELS[locale].events} · ${model.settings[locale].siteName}` };
    const events = model.events.filter((event) => event.locale === locale);
    write(calendarPath(locale), renderCalendar(events, options).ics);
    for (const event of events) {
      const ics = renderEventFile(event, options);
      if (ics) write(eventCalendarPath(event), ics);
    }
  }
  return written;
};
