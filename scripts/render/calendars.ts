// Writes the iCalendar files of the site: one per locale with all its events, and one per
// event beside its page. Events without a date are left out (the feeds stage reports them).
// A file whose inputs hash as in the live release is linked from it instead of made again:
// after one edit, a thousand unchanged events cost a thousand links, not a thousand renders.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LABELS } from '../../site/labels.js';
import { LOCALES, type Locale } from '../locales.js';
import { writeNewFileSync } from '../publish/link-or-copy.js';
import { linkFromLive, liveHasFile } from '../publish/link-unchanged.js';
import type { ScannedTree } from '../publish/tree-scan.js';
import { KeptHashes } from './kept-hashes.js';
import { settingsOf, type ContentModel, type Event } from '../normalise/model.js';
import { renderCalendar, renderEventFile } from './ical.js';

export const calendarPath = (locale: Locale): string => `/${locale}/events.ics`;
export const eventCalendarPath = (event: Pick<Event, 'url'>): string => `${event.url}event.ics`;

export interface CalendarReuse {
  /** The live release, where unchanged calendars are linked from. */
  liveDir: string | null;
  /** Site path → input hash of the live release's calendars. */
  previous: Record<string, string> | undefined;
  /** What the release being built already holds, when known (see linkFromLive). */
  held?: ScannedTree | null;
}

// The code that writes the files is part of their inputs: a fix to it makes them again.
const thisFile = fileURLToPath(import.meta.url);
let codeHash: string | null = null;
const rendererHash = (): string =>
  (codeHash ??= createHash('sha256')
    .update(readFileSync(thisFile))
    .update(readFileSync(path.join(path.dirname(thisFile), 'ical.ts')))
    .digest('hex'));

const hashOf = (value: unknown): string => createHash('sha256').update(rendererHash()).update(JSON.stringify(value)).digest('hex');

/** Calendar inputs by site path, kept for the next build (see kept-hashes). */
const calendarHashes = new KeptHashes();

/** Writes (or links) every calendar; returns the input hash of each, by site path. */
export const writeCalendars = (model: ContentModel, outDir: string, siteUrl: string, reuse: CalendarReuse = { liveDir: null, previous: undefined }): Record<string, string> => {
  const hashes: Record<string, string> = {};
  const round = calendarHashes.round();
  const write = (sitePath: string, inputs: unknown, render: () => string | null): void => {
    const hash = round.hash(sitePath, inputs, () => hashOf(inputs));
    if (reuse.liveDir && reuse.previous?.[sitePath] === hash && liveHasFile(reuse.liveDir, sitePath)) {
      linkFromLive(reuse.liveDir, outDir, sitePath, reuse.held ?? null);
      hashes[sitePath] = hash;
      return;
    }
    const ics = render();
    if (ics === null) return;
    writeNewFileSync(path.join(outDir, sitePath), ics);
    hashes[sitePath] = hash;
  };
  for (const locale of model.locales) {
    const options = { siteUrl, locale, calendarName: `${LABELS[locale].events} · ${settingsOf(model, locale).siteName}` };
    const events = model.events.filter((event) => event.locale === locale);
    write(calendarPath(locale), { events, options }, () => renderCalendar(events, options).ics);
    for (const event of events) write(eventCalendarPath(event), { event, options }, () => renderEventFile(event, options));
  }
  round.commit();
  return hashes;
};
