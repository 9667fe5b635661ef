// Refuses, when an editor saves a draft, a schedule the CMS could not keep: a moment already
// past (the cron task would publish it at once, which is not what was asked), a date that does
// not parse, or an unpublish before the publish. Only a value that changes is judged, so a
// draft saved again after its moment passed, or after a scheduled publish failed, still saves.
// It sits on the document service, like the slug guard, so the admin and any other writer meet it.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { localeService } from '../utils/plugin-services';
import { SCHEDULE_FIELDS, instantOf, scheduledTypes, type ScheduleMode } from './schedule-fields';

const WRITES = new Set(['create', 'update', 'publish']);

type StoredSchedule = Partial<Record<(typeof SCHEDULE_FIELDS)[ScheduleMode], unknown>>;

interface ScheduleRows {
  findOne(params: { select: string[]; where: Record<string, unknown> }): Promise<StoredSchedule | null>;
}

const refuse = (field: string, locale: string, problem: string): never => {
  throw new errors.ValidationError(`${field} (${locale}): ${problem}`, { errors: [{ path: [field], message: problem, name: 'ValidationError' }] });
};

const moment = (instant: number): string => `${new Date(instant).toISOString().replace('.000Z', 'Z')} (UTC)`;

export const registerScheduleGuard = (strapi: Core.Strapi, clock: () => number = Date.now): void => {
  let types: Set<string> | null = null;
  strapi.documents.use(async (context, next) => {
    types ??= new Set(scheduledTypes(strapi));
    if (!WRITES.has(context.action) || !types.has(context.uid)) return next();
    const params = context.params as { documentId?: string; locale?: unknown; data?: Record<string, unknown> };
    const data = params.data;
    if (!data || Object.values(SCHEDULE_FIELDS).every((field) => !(field in data))) return next();
    const locale = typeof params.locale === 'string' && params.locale !== '*' ? params.locale : await localeService(strapi).getDefaultLocale();
    const stored = params.documentId
      ? await (strapi.db.query(context.uid as Parameters<typeof strapi.db.query>[0]) as unknown as ScheduleRows).findOne({
          select: Object.values(SCHEDULE_FIELDS),
          where: { documentId: params.documentId, locale, publishedAt: null },
        })
      : null;
    const now = clock();
    const after: Partial<Record<ScheduleMode, number | null>> = {};
    for (const [mode, field] of Object.entries(SCHEDULE_FIELDS) as [ScheduleMode, string][]) {
      const before = instantOf(stored?.[field as keyof StoredSchedule]);
      if (!(field in data)) {
        after[mode] = before;
        continue;
      }
      const wanted = instantOf(data[field]);
      after[mode] = wanted;
      if (wanted === null || wanted === before) continue;
      if (Number.isNaN(wanted)) refuse(field, locale, `${JSON.stringify(data[field])} is not a date and time`);
      if ((wanted as number) <= now) {
        refuse(field, locale, `${moment(wanted as number)} is in the past (it is now ${moment(Math.floor(now / 1000) * 1000)}); choose a later moment, or empty the field. Times are read in your browser's time zone.`);
      }
    }
    const { publish, unpublish } = after;
    if (publish != null && unpublish != null && !Number.isNaN(publish) && !Number.isNaN(unpublish) && unpublish <= publish) {
      refuse(SCHEDULE_FIELDS.unpublish, locale, `the unpublish moment ${moment(unpublish)} must come after the publish moment ${moment(publish)}`);
    }
    return next();
  });
};
