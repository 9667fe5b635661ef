// Schedules whose moment passed without being carried out: the CMS refused the publish (a
// required field empty, a slug taken), or no instance has run the check. The builds ask for
// them with the history (api/change-feed, /export/history) so the build report says so beside
// the CMS log, with the reason when this instance tried and failed.
import type { Core } from '@strapi/strapi';
import { SCHEDULE_FIELDS, instantOf, scheduledTypes, type ScheduleMode } from './schedule-fields';
import { scheduleCheckSeconds } from './cron-task';
import { scheduleRunner } from './scheduled-actions';

export interface OverdueSchedule {
  /** The pipeline's name of the type (study, event, article). */
  type: string;
  documentId: string;
  locale: string;
  mode: ScheduleMode;
  due: string;
  title: string | null;
  /** Why the CMS refused it, when this instance tried; null when it has not been tried here. */
  reason: string | null;
}

interface Rows {
  findMany(params: { select: string[]; where: Record<string, unknown> }): Promise<Record<string, unknown>[]>;
}

/**
 * A schedule this instance tried and the CMS refused is overdue at once; one not tried here
 * (another instance's, or no check ran) after two check intervals past its moment.
 */
const overdueAfterMs = (): number => 2 * scheduleCheckSeconds(process.env.SCHEDULE_CHECK_SECONDS) * 1000;

export const overdueSchedules = async (strapi: Core.Strapi, now: Date = new Date()): Promise<OverdueSchedule[]> => {
  const overdue: OverdueSchedule[] = [];
  const runner = scheduleRunner(strapi);
  for (const uid of scheduledTypes(strapi)) {
    const hasTitle = 'title' in (strapi.getModel(uid as Parameters<typeof strapi.getModel>[0])?.attributes ?? {});
    const rows = (await (strapi.db.query(uid as Parameters<typeof strapi.db.query>[0]) as unknown as Rows).findMany({
      select: ['documentId', 'locale', ...(hasTitle ? ['title'] : []), ...Object.values(SCHEDULE_FIELDS)],
      where: { publishedAt: null, $or: Object.values(SCHEDULE_FIELDS).map((field) => ({ [field]: { $notNull: true } })) },
    })) as { documentId: string; locale: string; title?: string | null; [field: string]: unknown }[];
    for (const row of rows) {
      for (const mode of ['publish', 'unpublish'] as const) {
        const due = instantOf(row[SCHEDULE_FIELDS[mode]]);
        if (due === null || Number.isNaN(due) || due > now.getTime()) continue;
        const reason = runner.failureReason(uid, row.documentId, row.locale, mode);
        if (reason === null && now.getTime() - due < overdueAfterMs()) continue;
        overdue.push({ type: uid.replace(/^api::[^.]+\./, ''), documentId: row.documentId, locale: row.locale, mode, due: new Date(due).toISOString(), title: typeof row.title === 'string' ? row.title : null, reason });
      }
    }
  }
  return overdue;
};
