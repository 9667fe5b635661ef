// Where Strapi's JSON enters the pipeline: each document is checked against the content
// model before anything reads it. Unknown extra fields are dropped, missing required ones
// fail with the path of the field.
import { z } from 'zod';
import { blocksSchema } from './blocks-html.js';

const text = z.string();
const optionalText = z.string().nullish().transform((value) => (value && value.trim() !== '' ? value : null));
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const isoTime = z.string().regex(/^\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/, 'expected a time as HH:MM');
const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO timestamp');
const httpUrl = z.string().refine((value) => /^https?:\/\/\S+$/i.test(value), 'expected an http(s) URL');
const slug = z.string().regex(/^[a-z0-9]+(?:[-_.~][a-z0-9]+)*$/i, 'expected a URL slug (letters, digits and dashes)');

const documentStamps = {
  documentId: z.string().min(1),
  locale: z.string(),
  updatedAt: timestamp,
  publishedAt: timestamp,
};

const mediaSchema = z.object({
  url: z.string().min(1),
  hash: z.string().min(1),
  ext: z.string().nullish().transform((value) => value ?? ''),
  mime: z.string(),
  width: z.number().int().positive().nullish().transform((value) => value ?? null),
  height: z.number().int().positive().nullish().transform((value) => value ?? null),
  size: z.number().nonnegative().nullish().transform((value) => value ?? null),
  alternativeText: z.string().nullish().transform((value) => value ?? null),
  name: z.string().nullish().transform((value) => value ?? null),
});

/**
 * The search-and-social component (shared.seo) as Strapi sends it. Read apart from its
 * document (see normalise's seo): a value that does not fit costs the document these fields
 * and a warning, never the document.
 */
export const seoSchema = z
  .object({
    metaTitle: optionalText,
    metaDescription: optionalText,
    shareImage: mediaSchema.nullish().transform((value) => value ?? null),
    shareImageAlt: optionalText,
  })
  .nullish()
  .transform((value) => value ?? null);

/**
 * About how much of a title and a description search results and shared links show: a longer
 * one is used as it is (the CMS caps them at 100 and 300), and the editor hears where it is cut.
 */
export const SEO_SHOWN = { metaTitle: 60, metaDescription: 160 } as const;

const lengthOf = (value: string): number => Array.from(value).length;

/** What is worth an editor's warning in fields that otherwise fit: too long, a picture nobody can describe. */
export const seoAdvice = z.custom<NonNullable<z.infer<typeof seoSchema>>>().superRefine((seo, ctx) => {
  for (const field of ['metaTitle', 'metaDescription'] as const) {
    const value = seo[field];
    if (value !== null && lengthOf(value) > SEO_SHOWN[field]) {
      ctx.addIssue({ code: 'custom', path: [field], message: `is ${lengthOf(value)} characters long; search results and shared links show about ${SEO_SHOWN[field]}, the rest is cut` });
    }
  }
  if (seo.shareImage !== null && seo.shareImageAlt === null) {
    ctx.addIssue({ code: 'custom', path: ['shareImageAlt'], message: 'the share image has no alternative text in this language' });
  }
});

const textItems = z
  .array(z.object({ text: z.string() }))
  .nullish()
  .transform((items) => (items ?? []).map((item) => item.text.trim()).filter((item) => item !== ''));

const placeSchema = z.object({ documentId: z.string(), name: text, country: text, countryCode: z.string().regex(/^[A-Z]{2}$/) });
const sdgSchema = z.object({ documentId: z.string(), number: z.number().int().min(1).max(17), name: text, color: z.string().regex(/^#[0-9a-f]{6}$/i) });
const refSchema = z.object({ documentId: z.string(), title: text, slug: slug.optional() });
const axisRefSchema = z.object({ documentId: z.string(), name: text, slug, position: z.number().int().optional() });

export const studySchema = z.object({
  ...documentStamps,
  title: text.min(1),
  slug,
  edition: z.number().int().positive(),
  year: z.number().int().min(1900).max(2200),
  theme: text.min(1),
  summary: blocksSchema,
  objectives: textItems,
  barriers: textItems,
  enablers: textItems,
  availableLanguages: z.array(z.object({ code: z.string() })).nullish().transform((items) => (items ?? []).map((item) => item.code)),
  axes: z.array(axisRefSchema).nullish().transform((items) => items ?? []),
  cityCount: z.number().int().nonnegative().nullish().transform((value) => value ?? null),
  countryCount: z.number().int().nonnegative().nullish().transform((value) => value ?? null),
  regions: optionalText,
  cities: z.array(placeSchema).nullish().transform((items) => items ?? []),
  sdgs: z.array(sdgSchema).nullish().transform((items) => items ?? []),
  fullStudyFile: mediaSchema.nullish().transform((value) => value ?? null),
  fullStudyUrl: httpUrl.nullish().transform((value) => value ?? null),
  cover: mediaSchema.nullish().transform((value) => value ?? null),
  coverAlt: optionalText,
  // Parsed apart (seoSchema), so that a misfit there never leaves the document out.
  seo: z.unknown().optional(),
  publicationDate: isoDate.nullish().transform((value) => value ?? null),
});

export const eventSchema = z.object({
  ...documentStamps,
  title: text.min(1),
  slug,
  kind: z.enum(['conference', 'webinar', 'focus_group', 'trade_show', 'workshop']),
  startDate: isoDate.nullish().transform((value) => value ?? null),
  endDate: isoDate.nullish().transform((value) => value ?? null),
  startTime: isoTime.nullish().transform((value) => (value ? value.slice(0, 5) : null)),
  endTime: isoTime.nullish().transform((value) => (value ? value.slice(0, 5) : null)),
  timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone such as Europe/Madrid'),
  format: z.enum(['in_person', 'online', 'hybrid']).nullish().transform((value) => value ?? null),
  venue: optionalText,
  city: placeSchema.nullish().transform((value) => value ?? null),
  description: blocksSchema,
  highlights: textItems,
  organisers: textItems,
  infoUrl: httpUrl.nullish().transform((value) => value ?? null),
  registrationUrl: httpUrl.nullish().transform((value) => value ?? null),
  accessibility: z
    .object({
      signLanguage: z.string().nullish().transform((value) => value ?? null),
      captions: z.array(z.object({ language: z.string(), automated: z.boolean() })).nullish().transform((items) => items ?? []),
    })
    .nullish()
    .transform((value) => value ?? null),
  cover: mediaSchema.nullish().transform((value) => value ?? null),
  coverAlt: optionalText,
  seo: z.unknown().optional(),
});

export const articleSchema = z.object({
  ...documentStamps,
  title: text.min(1),
  slug,
  date: isoDate,
  excerpt: optionalText,
  body: blocksSchema,
  cover: mediaSchema.nullish().transform((value) => value ?? null),
  coverAlt: optionalText,
  seo: z.unknown().optional(),
  studies: z.array(refSchema).nullish().transform((items) => items ?? []),
  events: z.array(refSchema).nullish().transform((items) => items ?? []),
});

export const axisSchema = z.object({
  ...documentStamps,
  name: text.min(1),
  slug,
  position: z.number().int(),
  description: optionalText,
});

export const goodPracticeSchema = z.object({
  ...documentStamps,
  title: text.min(1),
  description: blocksSchema,
  city: placeSchema.nullish().transform((value) => value ?? null),
  axis: axisRefSchema.pick({ documentId: true, name: true, slug: true }).nullish().transform((value) => value ?? null),
  sdgs: z.array(sdgSchema).nullish().transform((items) => items ?? []),
  study: z.object({ documentId: z.string() }).nullish().transform((value) => value ?? null),
});

export const siteSettingsSchema = z.object({
  ...documentStamps,
  siteName: text.min(1),
  communityName: text.min(1),
  description: text.min(1),
  footer: optionalText,
  chairCity: placeSchema.nullish().transform((value) => value ?? null),
});

// Thousands of events name a handful of zones; each is asked of Intl once.
const zoneValidity = new Map<string, boolean>();

function isTimeZone(value: string): boolean {
  const known = zoneValidity.get(value);
  if (known !== undefined) return known;
  let valid = true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    valid = false;
  }
  zoneValidity.set(value, valid);
  return valid;
}

export type RawStudy = z.infer<typeof studySchema>;
export type RawEvent = z.infer<typeof eventSchema>;
export type RawArticle = z.infer<typeof articleSchema>;
export type RawAxis = z.infer<typeof axisSchema>;
export type RawGoodPractice = z.infer<typeof goodPracticeSchema>;
export type RawMedia = z.infer<typeof mediaSchema>;
export type RawSeo = NonNullable<z.infer<typeof seoSchema>>;
