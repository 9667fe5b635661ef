// The build report's language: `?lang=en|es` when the editor chose one with the page's
// switch, else the browser's Accept-Language (q-values honoured), else English.
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '../../domain/locales.js';

export interface LanguageRange {
  /** Lower-cased language range: "es-419", "en", "*". */
  range: string;
  q: number;
}

// RFC 9110 §12.4.2: a weight is 0 to 1 with at most three decimals.
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;
const RANGE = /^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$/;

/** The ranges of an Accept-Language header, highest weight first (ties keep their order). Malformed entries are skipped. */
export const parseAcceptLanguage = (header: string | undefined): LanguageRange[] => {
  const ranges: LanguageRange[] = [];
  for (const part of (header ?? '').split(',')) {
    const [rawRange = '', ...params] = part.split(';').map((piece) => piece.trim());
    const range = rawRange.toLowerCase();
    if (!RANGE.test(range)) continue;
    let q = 1;
    let valid = true;
    for (const param of params) {
      const [name = '', value = ''] = param.split('=').map((piece) => piece.trim());
      if (name.toLowerCase() !== 'q') continue;
      if (QVALUE.test(value)) q = Number(value);
      else valid = false;
    }
    if (valid) ranges.push({ range, q });
  }
  // Array.prototype.sort is stable: equal weights keep the order the browser gave.
  return ranges.sort((a, b) => b.q - a.q);
};

/** The first of our locales the header accepts: `es-MX` matches es, `*` the first not refused with q=0. */
export const localeFromAcceptLanguage = (header: string | undefined): Locale => {
  const ranges = parseAcceptLanguage(header);
  const refused = new Set(ranges.filter((r) => r.q === 0).map((r) => r.range));
  for (const { range, q } of ranges) {
    if (q === 0) break;
    if (range === '*') return LOCALES.find((locale) => !refused.has(locale)) ?? DEFAULT_LOCALE;
    const primary = range.split('-')[0] ?? '';
    if (isLocale(primary) && !refused.has(primary)) return primary;
  }
  return DEFAULT_LOCALE;
};

/** The page's language: the switch's `lang` wins over the header. */
export const chooseReportLocale = (lang: string | null, acceptLanguage: string | undefined): Locale =>
  lang !== null && isLocale(lang) ? lang : localeFromAcceptLanguage(acceptLanguage);
