// Writes the iCalendar files of the site: one per locale with all its events, and one per
// event beside its page. Events without a date are left out (the feeds stage reports them).
// A file whose inputs hash as in the live release is linked from it instead of made again:
// after one edit, a thousand unchanged events cost a thousand links, not a thousand renders.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LABELS } from '../../domain/labels.js';
import { LOCALES, type Locale } from '../../domain/locales.js';
import { writeNewFileSync } from '../lib/link-or-copy.js';
import type { Reuse } from '../lib/reuse.js';
import { KeptHashes } from '../lib/kept-hashes.js';
import { settingsOf, type ContentModel, type Event } from '../../domain/model.js';
import { renderCalendar, renderEventFile } from './ical.js';
import { calendarPath, eventCalendarPath } from '../normalise/urls.js';

// The code that writes the files is part of their inputs: a fix to it makes them again.
const thisFile = fileURLToPath(import.meta.url);
let codeHash: string | null = null;
const rendererHash = (): string =>
  (codeHash ??= createHash('sha256')
    .update(readFileSync(thisFile))
    .update(readFileSync(path.join(path.dirname(thisFile), 'ical.ts')))
    .update(readFileSync(path.join(path.dirname(thisFile), 'ical-text.ts')))
    .update(readFileSync(path.join(path.dirname(thisFile), 'time-zones.ts')))
    .digest('hex'));

const hashOf = (value: unknown): string => createHash('sha256').update(rendererHash()).update(JSON.stringify(value)).digest('hex');

/** Calendar inputs by site path, kept for the next build (see kept-hashes). */
const calendarHashes = new KeptHashes();

/** Writes (or links) every calendar; returns the input hash of each, by site path. */
export const writeCalendars = (model: ContentModel, outDir: string, siteUrl: string, reuse: Reuse): Record<string, string> => {
  const hashes: Record<string, string> = {};
  const round = calendarHashes.round();
  const write = (sitePath: string, inputs: unknown, render: () => string | null): void => {
    const hash = round.hash(sitePath, inputs, () => hashOf(inputs));
    if (reuse.same('calendar', sitePath, hash, [sitePath])) {
      reuse.keep(sitePath);
      hashes[sitePath] = hash;
      return;
    }
    const ics = render();
    if (ics === null) return;
    writeNewFileSync(path.join(outDir, sitePath), ics, reuse.ledger);
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
