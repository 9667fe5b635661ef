// The languages of the site. English is the default (x-default points at it).
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);
export const otherLocales = (locale: Locale): Locale[] => LOCALES.filter((l) => l !== locale);
