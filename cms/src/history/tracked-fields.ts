// Which documents have addresses and translations worth following, and which of their fields
// say something a translation must say too. Kept free of Strapi imports: the pipeline's tests
// read it, and the records below are plain data.
//
// Dates, numbers, media and relations are shared between a document's languages in the content
// model (not localized), so they cannot drift apart: only localized text is compared.

/** The pipeline's name for a type with pages, by its uid, and its substantive localized fields. */
export const TRACKED_TYPES = {
  'api::study.study': { type: 'study', fields: ['title', 'theme', 'summary', 'objectives', 'barriers', 'enablers', 'regions'] },
  'api::event.event': { type: 'event', fields: ['title', 'venue', 'description', 'highlights', 'organisers'] },
  'api::article.article': { type: 'article', fields: ['title', 'excerpt', 'body'] },
  'api::axis.axis': { type: 'axis', fields: ['name', 'description'] },
} as const;

export type TrackedUid = keyof typeof TRACKED_TYPES;
export type TrackedType = (typeof TRACKED_TYPES)[TrackedUid]['type'];

export const TRACKED_UIDS = Object.keys(TRACKED_TYPES) as TrackedUid[];

/** The uid of a pipeline type name (study → api::study.study). */
export const uidOfType = (type: string): TrackedUid | null => TRACKED_UIDS.find((uid) => TRACKED_TYPES[uid].type === type) ?? null;
