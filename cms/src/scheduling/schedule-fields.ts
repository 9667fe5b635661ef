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

/** A draft row with a schedule, as the check and the overdue list read it. */
export interface ScheduledDraft {
  documentId: string;
  locale: string;
  title?: string | null;
  updatedAt?: unknown;
  scheduledPublishAt?: unknown;
  scheduledUnpublishAt?: unknown;
}

interface DraftReads {
  findMany(params: { select: string[]; where: Record<string, unknown> }): Promise<ScheduledDraft[]>;
}

/**
 * The drafts of a type with a schedule set. A handful of rows at most: the instants are
 * compared in code, not in SQL, so SQLite and PostgreSQL store them however they like.
 */
export const scheduledDrafts = (strapi: Core.Strapi, uid: string): Promise<ScheduledDraft[]> => {
  const hasTitle = 'title' in (strapi.getModel(uid as Parameters<typeof strapi.getModel>[0])?.attributes ?? {});
  return (strapi.db.query(uid as Parameters<typeof strapi.db.query>[0]) as unknown as DraftReads).findMany({
    select: ['documentId', 'locale', 'updatedAt', ...(hasTitle ? ['title'] : []), ...Object.values(SCHEDULE_FIELDS)],
    where: { publishedAt: null, $or: Object.values(SCHEDULE_FIELDS).map((field) => ({ [field]: { $notNull: true } })) },
  });
};

/** The draft's schedules whose moment has come at `now` (ms), publish before unpublish. */
export const dueSchedules = (draft: ScheduledDraft, now: number): { mode: ScheduleMode; due: number }[] =>
  (['publish', 'unpublish'] as const).flatMap((mode) => {
    const due = instantOf(draft[SCHEDULE_FIELDS[mode]]);
    return due === null || Number.isNaN(due) || due > now ? [] : [{ mode, due }];
  });
