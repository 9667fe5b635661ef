// The two fields an editor schedules a language of a document with. They sit on the document
// itself (study, event, article), localized, so each language has its own moments, set in the
// edit view beside what they publish. The admin's datetime picker reads the editor's browser
// time zone and sends UTC; the CMS compares instants only, so the machine's TZ never matters.
import type { Core } from '@strapi/strapi';

export const SCHEDULE_FIELDS = { publish: 'scheduledPublishAt', unpublish: 'scheduledUnpublishAt' } as const;

export type ScheduleMode = keyof typeof SCHEDULE_FIELDS;

/** The content types whose schema declares both schedule fields. */
export const scheduledTypes = (strapi: Core.Strapi): string[] =>
  Object.values(strapi.contentTypes)
    .filter((contentType) => {
      const attributes = contentType.attributes as Record<string, { type?: string }>;
      return attributes[SCHEDULE_FIELDS.publish]?.type === 'datetime' && attributes[SCHEDULE_FIELDS.unpublish]?.type === 'datetime';
    })
    .map((contentType) => contentType.uid);

/** A stored or sent datetime as milliseconds, null when empty; NaN when it does not parse. */
export const instantOf = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' || typeof value === 'number') return new Date(value).getTime();
  return Number.NaN;
};
