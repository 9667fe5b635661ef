// Dates, numbers, lists and sizes as each language writes them: the site's templates (through
// their filters, site/_config/filters.ts), the feeds and the PDF summaries all say them alike.
import type { Locale } from './locales.js';
import type { Event, ResponsiveVariant } from './model.js';
import { LABELS } from './labels.js';

const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', es: 'es-ES' };

// Building an Intl formatter costs far more than using one, and a build formats dates and
// numbers on every page: one formatter per locale and style, made on first use.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>();
const memo = <T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>(key: string, make: () => T): T => {
  const known = formatters.get(key);
  if (known) return known as T;
  const made = make();
  formatters.set(key, made);
  return made;
};
const longDates = (locale: Locale): Intl.DateTimeFormat => memo(`date ${locale}`, () => new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'long', timeZone: 'UTC' }));

/** A calendar date (YYYY-MM-DD) as words: "7 November 2023", "7 de noviembre de 2023". */
export const formatDate = (isoDate: string, locale: Locale): string => longDates(locale).format(new Date(`${isoDate}T00:00:00Z`));

const utcDate = (isoDate: string): Date => new Date(`${isoDate}T00:00:00Z`);

/** When an event happens, in its own time zone: a date, a range, or a date with times. */
export const formatEventWhen = (event: Pick<Event, 'startDate' | 'endDate' | 'startTime' | 'endTime'>, locale: Locale): string | null => {
  if (!event.startDate) return null;
  const dates = longDates(locale);
  const day = event.endDate && event.endDate !== event.startDate ? dates.formatRange(utcDate(event.startDate), utcDate(event.endDate)) : dates.format(utcDate(event.startDate));
  if (!event.startTime) return day;
  return event.endTime ? `${day}, ${event.startTime}–${event.endTime}` : `${day}, ${event.startTime}`;
};

export const formatNumber = (value: number, locale: Locale): string => memo(`number ${locale}`, () => new Intl.NumberFormat(INTL_LOCALE[locale])).format(value);

/** "{cities} cities from {countries} countries" with the numbers filled in. */
export const fill = (template: string, values: Record<string, string | number>): string => template.replace(/\{(\w+)\}/g, (match, key: string) => String(values[key] ?? match));

/** Language codes as a list in words: "Spanish and English", "español e inglés". */
export const languageList = (codes: string[], locale: Locale): string =>
  memo(`list ${locale}`, () => new Intl.ListFormat(INTL_LOCALE[locale], { type: 'conjunction' })).format(codes.map((code) => LABELS[locale].languageNames[code] ?? code));

/** "a-400.avif 400w, a-800.avif 800w" for one format of a cover's variants. */
export const srcset = (sources: ResponsiveVariant[], format: ResponsiveVariant['format']): string =>
  sources.filter((source) => source.format === format).map((source) => `${source.sitePath} ${source.width}w`).join(', ');

/** A file size as people read it: "98 kB", "1,2 MB". */
export const fileSize = (bytes: number, locale: Locale): string => {
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, 'megabyte'] : [Math.max(1, Math.round(bytes / 1000)), 'kilobyte'];
  return memo(`${unit} ${locale}`, () => new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 })).format(value);
};

export const ogLocale = (locale: Locale): string => INTL_LOCALE[locale].replace('-', '_');

/**
 * JSON for the inside of a <script type="application/ld+json"> element. The HTML parser ends
 * the element at the first `</script` whatever the JSON means, and `<!--` changes how it reads
 * on; so `<`, `>` and `&` are written as JSON escapes (the same string to a JSON reader), and
 * so are U+2028 and U+2029 for readers that take the text as JavaScript.
 */
export const scriptJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
