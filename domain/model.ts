// The content model every later stage reads: one object per document and locale, with
// rich text already rendered to safe HTML and URLs already made. Nothing here knows HTTP
// or page layout.
import type { Locale } from './locales.js';

export const DOCUMENT_TYPES = ['study', 'event', 'article', 'axis'] as const;
/** Types that have pages of their own. */
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface MediaFile {
  /** Absolute URL on the CMS, where the pipeline downloads it from. */
  sourceUrl: string;
  /** Site-relative URL of the original once copied into the site, e.g. /media/cover_ab12.png. */
  sitePath: string;
  /** Stable content key from the CMS (hash + extension). */
  hash: string;
  ext: string;
  mime: string;
  width: number | null;
  height: number | null;
  sizeBytes: number | null;
  /** The media library's own alternative text (one language only). */
  alternativeText: string | null;
  name: string | null;
}

export interface ResponsiveVariant {
  format: 'avif' | 'webp' | 'jpeg';
  width: number;
  height: number;
  sitePath: string;
}

export interface Image {
  file: MediaFile;
  /** Alternative text in the document's language; empty when the editor left it out. */
  alt: string;
  /** Resized copies for <picture>, made by the images stage and joined in by publishedModel. */
  variants?: ResponsiveImage;
}

/** A cover's responsive copies: its size, every variant, and the JPEG fallback. */
export interface ResponsiveImage {
  width: number;
  height: number;
  sources: ResponsiveVariant[];
  fallback: ResponsiveVariant;
}

/** The picture a document's page is shared with, chosen by the editor in place of the generated card. */
export interface SocialImage {
  file: MediaFile;
  /** Its alternative text in the document's language; empty when the editor left it out. */
  alt: string;
  /** Its 1200×630 crop (JPEG), made by the images stage and joined in by publishedModel. */
  card?: ResponsiveVariant;
}

/**
 * How a document appears in search results and shared links, in one language, as the editor
 * set it. Each part left empty is null: the page then uses its title, its description and its
 * generated card, as it does without these fields.
 */
export interface Seo {
  /** The whole <title> and og:title. */
  title: string | null;
  description: string | null;
  image: SocialImage | null;
}

/** A study's summary PDF in one locale, as the PDF stage placed it. */
export interface SummaryPdf {
  sitePath: string;
  sizeBytes: number;
}

/** A link to another document in the same locale, when it is published there. */
export interface DocumentRef {
  documentId: string;
  title: string;
  url: string | null;
}

export interface Sdg {
  number: number;
  name: string;
  color: string;
}

export interface Place {
  /** The city's CMS document: its name is translated (London, Londres), so its pages in each language are paired by it. */
  documentId: string;
  name: string;
  country: string;
  countryCode: string;
}

interface DocumentBase {
  documentId: string;
  locale: Locale;
  slug: string;
  title: string;
  /** Site-relative URL of the document's page, e.g. /es/estudios/estudio-2023/. */
  url: string;
  /** One sentence for <meta name=description>, feeds and cards. */
  description: string;
  updatedAt: string;
  publishedAt: string;
  cover: Image | null;
  /** Search and social fields; null when the editor set none (an axis has none). */
  seo: Seo | null;
}

export interface GoodPractice {
  documentId: string;
  title: string;
  descriptionHtml: string;
  city: Place | null;
  axis: DocumentRef | null;
  sdgs: Sdg[];
}

export interface Study extends DocumentBase {
  type: 'study';
  edition: number;
  year: number;
  theme: string;
  summaryHtml: string;
  objectives: string[];
  axes: DocumentRef[];
  cityCount: number | null;
  countryCount: number | null;
  regions: string | null;
  cities: Place[];
  sdgs: Sdg[];
  goodPractices: GoodPractice[];
  barriers: string[];
  enablers: string[];
  availableLanguages: string[];
  fullStudy: MediaFile | null;
  fullStudyUrl: string | null;
  publicationDate: string | null;
  /** The summary PDF in this locale, made by the PDF stage and joined in by publishedModel. */
  summaryPdf?: SummaryPdf;
}

export type EventFormat = 'in_person' | 'online' | 'hybrid';
export type EventKind = 'conference' | 'webinar' | 'focus_group' | 'trade_show' | 'workshop';

export interface Event extends DocumentBase {
  type: 'event';
  kind: EventKind;
  /** Local dates and times in timeZone, as the editor entered them. */
  startDate: string | null;
  endDate: string | null;
  startTime: string | null;
  endTime: string | null;
  timeZone: string;
  format: EventFormat | null;
  venue: string | null;
  city: Place | null;
  descriptionHtml: string;
  highlights: string[];
  organisers: string[];
  infoUrl: string | null;
  registrationUrl: string | null;
  accessibility: { signLanguage: string | null; captions: { language: string; automated: boolean }[] } | null;
}

export interface Article extends DocumentBase {
  type: 'article';
  date: string;
  excerpt: string | null;
  bodyHtml: string;
  studies: DocumentRef[];
  events: DocumentRef[];
}

export interface Axis extends DocumentBase {
  type: 'axis';
  name: string;
  position: number;
  axisDescription: string | null;
  studies: DocumentRef[];
  goodPractices: GoodPractice[];
}

export type Document = Study | Event | Article | Axis;

export interface SiteSettings {
  siteName: string;
  communityName: string;
  description: string;
  footer: string | null;
  chairCity: Place | null;
}

export interface MediaSource {
  sourceUrl: string;
  inSite: boolean;
}

/** Every published locale of a document: what the language switcher and hreflang use. */
export type TranslationMap = Map<string, Partial<Record<Locale, string>>>;

/** 'control-characters': characters no page, feed or calendar may hold were removed (text-hygiene.ts). */
/** 'seo-field': a search or social field is too long to be shown whole, or does not fit and is not used. */
export type IssueKind = 'invalid-document' | 'missing-translation' | 'unsafe-link' | 'broken-link' | 'image-without-alt' | 'image-dropped' | 'duplicate-slug' | 'unusable-slug' | 'not-in-feeds' | 'control-characters' | 'seo-field' | 'stale-translation' | 'address-conflict' | 'no-history' | 'schedule-failed';

/** Something the editor should know about; the build went on without it. */
export interface ContentIssue {
  kind: IssueKind;
  type: string;
  documentId: string;
  locale: Locale | null;
  field: string | null;
  message: string;
}

/**
 * An address a document once had in one language (its slug changed, or it was unpublished):
 * it redirects to the document's address now, or answers 410 Gone (`to` null).
 */
export interface FormerAddress {
  from: string;
  to: string | null;
  type: DocumentType;
  documentId: string;
  locale: Locale;
  /** The slug the address was made of, and the document's slug now (null when gone): file names inside the folder carry them. */
  slug: string;
  currentSlug: string | null;
}

export interface ContentModel {
  /** The languages this build publishes: those the CMS has, with their site settings published. */
  locales: Locale[];
  /** Site settings of each published language (settingsOf reads them). */
  settings: Partial<Record<Locale, SiteSettings>>;
  studies: Study[];
  events: Event[];
  articles: Article[];
  axes: Axis[];
  translations: TranslationMap;
  /** Every media file the build needs: site path → where to download it from, and whether the
   * original itself goes into the site (covers are served as resized variants instead). */
  media: Map<string, MediaSource>;
  issues: ContentIssue[];
  /** Addresses documents no longer have (see normalise/history). */
  formerAddresses: FormerAddress[];
}

/** The site settings of a language the model publishes; asking for another is a bug. */
export const settingsOf = (model: Pick<ContentModel, 'settings'>, locale: Locale): SiteSettings => {
  const settings = model.settings[locale];
  if (!settings) throw new Error(`No site settings for "${locale}": only the model's own languages (model.locales) have pages`);
  return settings;
};

/** A document in one locale, as a key: `${documentId}:${locale}`. */
export const documentKey = (doc: { documentId: string; locale: string }): string => `${doc.documentId}:${doc.locale}`;
