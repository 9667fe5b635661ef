// Shapes of the sample content, written once per language. The seeder turns them into
// Strapi documents; keeping the text apart from the mechanics keeps both readable.

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export type Localized<T> = Record<Locale, T>;

/** Rich text as the seed writes it: a paragraph, a heading, or a bulleted list. */
export type SeedBlock = string | { heading: string } | { list: string[] };

/** A cover drawn at seed time: language-neutral artwork, described by coverAlt. */
export interface CoverSpec {
  /** Short label drawn large on the artwork, e.g. "2023" (digits or names that need no translation). */
  label: string;
  /** Two hex colours for the gradient. */
  palette: [string, string];
}

/** What search engines and shared links show of a document, where the sample sets it. */
export interface SeedSeo {
  metaTitle: Localized<string>;
  metaDescription: Localized<string>;
  /** Drawn at seed time like a cover; shared by both languages, described in each by imageAlt. */
  image: CoverSpec;
  imageAlt: Localized<string>;
}

export interface SeedAxis {
  key: string;
  position: number;
  name: Localized<string>;
  slug: Localized<string>;
  description: Localized<string>;
}

export interface SeedSdg {
  number: number;
  /** The official UN colour of the goal. */
  color: string;
  name: Localized<string>;
}

export interface SeedCity {
  key: string;
  countryCode: string;
  name: Localized<string>;
  country: Localized<string>;
}

export type LanguageCode = 'en' | 'es' | 'fr' | 'pt' | 'ar' | 'ca' | 'eu';

export interface SeedStudy {
  key: string;
  edition: number;
  year: number;
  /** ISO date, or null where the sources give none. */
  publicationDate: string | null;
  cityCount: number;
  countryCount: number;
  axisKeys: string[];
  sdgNumbers: number[];
  cityKeys: string[];
  availableLanguages: LanguageCode[];
  cover: CoverSpec;
  title: Localized<string>;
  slug: Localized<string>;
  theme: Localized<string>;
  regions: Localized<string> | null;
  summary: Localized<SeedBlock[]>;
  objectives: Localized<string[]>;
  barriers: Localized<string[]>;
  enablers: Localized<string[]>;
  coverAlt: Localized<string>;
  seo?: SeedSeo;
}

export type EventKind = 'conference' | 'webinar' | 'focus_group' | 'trade_show' | 'workshop';
export type EventFormat = 'in_person' | 'online' | 'hybrid';

export interface SeedEvent {
  key: string;
  kind: EventKind;
  /** Local dates (YYYY-MM-DD) in timeZone; null where the sources give none. */
  startDate: string | null;
  endDate: string | null;
  /** Local times (HH:MM); null for all-day events. */
  startTime: string | null;
  endTime: string | null;
  timeZone: string;
  format: EventFormat | null;
  cityKey: string | null;
  venue: Localized<string> | null;
  accessibility: {
    signLanguage: 'international_sign' | null;
    captions: { language: LanguageCode; automated: boolean }[];
  } | null;
  cover: CoverSpec;
  title: Localized<string>;
  slug: Localized<string>;
  description: Localized<SeedBlock[]>;
  highlights: Localized<string[]>;
  organisers: Localized<string[]>;
  coverAlt: Localized<string>;
  seo?: SeedSeo;
}

export interface SeedArticle {
  key: string;
  date: string;
  studyKeys: string[];
  eventKeys: string[];
  cover: CoverSpec;
  title: Localized<string>;
  slug: Localized<string>;
  excerpt: Localized<string>;
  body: Localized<SeedBlock[]>;
  coverAlt: Localized<string>;
  seo?: SeedSeo;
}

export interface SeedSettings {
  chairCityKey: string;
  siteName: Localized<string>;
  communityName: Localized<string>;
  description: Localized<string>;
  footer: Localized<string>;
}

export interface SampleContent {
  axes: SeedAxis[];
  sdgs: SeedSdg[];
  cities: SeedCity[];
  studies: SeedStudy[];
  events: SeedEvent[];
  articles: SeedArticle[];
  settings: SeedSettings;
}
