// Schedules whose moment passed without being carried out: the CMS refused the publish (a
// required field empty, a slug taken), or no instance has run the check. The builds ask for
// them with the history (api/change-feed, /export/history) so the build report says so beside
// the CMS log, with the reason when this instance tried and failed.
import type { Core } from '@strapi/strapi';
import { dueSchedules, scheduledDrafts, scheduledTypes, type ScheduleMode } from './schedule-fields';
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

/**
 * A schedule this instance tried and the CMS refused is overdue at once; one not tried here
 * (another instance's, or no check ran) after two check intervals past its moment.
 */
const overdueAfterMs = (): number => 2 * scheduleCheckSeconds(process.env.SCHEDULE_CHECK_SECONDS) * 1000;

export const overdueSchedules = async (strapi: Core.Strapi, now: Date = new Date()): Promise<OverdueSchedule[]> => {
  const overdue: OverdueSchedule[] = [];
  const runner = scheduleRunner(strapi);
  const afterMs = overdueAfterMs();
  for (const uid of scheduledTypes(strapi)) {
    for (const row of await scheduledDrafts(strapi, uid)) {
      for (const { mode, due } of dueSchedules(row, now.getTime())) {
        const reason = runner.failureReason(uid, row.documentId, row.locale, mode);
        if (reason === null && now.getTime() - due < afterMs) continue;
        overdue.push({ type: uid.replace(/^api::[^.]+\./, ''), documentId: row.documentId, locale: row.locale, mode, due: new Date(due).toISOString(), title: typeof row.title === 'string' ? row.title : null, reason });
      }
    }
  }
  return overdue;
};
