// The languages of the site. English is the default (x-default points at it).
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);

/**
 * The order of String.prototype.localeCompare (the runtime's default collation), from one
 * collator: localeCompare sets one up on every call, which made sorting thousands of titles,
 * dates and URLs a noticeable part of a rebuild.
 */
export const compareText: (a: string, b: string) => number = new Intl.Collator().compare;
