// Carries out the schedules whose moment has come: publishes or unpublishes that one language
// of the document through the document service, so the draft guard, the slug guard, Strapi's
// own validation and the webhooks (`entry.publish`, `entry.unpublish`) all apply, exactly as
// when an editor clicks the button. A done schedule is emptied in that language's rows.
//
// A publish the CMS refuses (a required field empty, a slug the slug guard refuses) is an
// error in the CMS log naming the type, document, locale, title and reason; the schedule stays
// in the field, the site keeps the version it has, and the same failure is not logged again on
// every tick until the editor changes the draft (which tries again at the next check).
import type { Core } from '@strapi/strapi';
import { SCHEDULE_FIELDS, dueSchedules, instantOf, scheduledDrafts, scheduledTypes, type ScheduleMode, type ScheduledDraft } from './schedule-fields';

interface Rows {
  count(params: { where: Record<string, unknown> }): Promise<number>;
  updateMany(params: { where: Record<string, unknown>; data: Record<string, unknown> }): Promise<unknown>;
}

interface LocaleDocuments {
  publish(params: { documentId: string; locale: string }): Promise<unknown>;
  unpublish(params: { documentId: string; locale: string }): Promise<unknown>;
}

export interface ScheduleOutcome {
  uid: string;
  documentId: string;
  locale: string;
  mode: ScheduleMode;
  due: string;
  result: 'done' | 'nothing-to-do' | 'failed';
  reason?: string;
}

/** Why the document service refused: for a validation error each field's message, else its message. */
export const reasonOf = (error: unknown): string => {
  const e = error as { message?: string; details?: { errors?: { path?: unknown[]; message?: string }[] } };
  const fields = (e.details?.errors ?? []).map((item) => {
    const path = (item.path ?? []).join('.');
    const message = item.message ?? 'invalid';
    // Strapi's messages mostly start with the field's name already.
    return path === '' || message.startsWith(path) ? message : `${path}: ${message}`;
  });
  return fields.length > 0 ? fields.join('; ') : (e.message ?? String(error));
};

export interface ScheduleRunner {
  /** Carries out every schedule due at `now`; what it did, for the log and the tests. */
  run(now?: Date): Promise<ScheduleOutcome[]>;
  /** Why this instance could not carry out a schedule, by `${uid} ${documentId} ${locale} ${mode}`, while it stays failed. */
  failureReason(uid: string, documentId: string, locale: string, mode: ScheduleMode): string | null;
}

const runners = new WeakMap<Core.Strapi, ScheduleRunner>();

/** One schedule: a type's document in one language, publish or unpublish. */
const scheduleKey = (uid: string, documentId: string, locale: string, mode: ScheduleMode): string => `${uid} ${documentId} ${locale} ${mode}`;

/** The one runner of a CMS: the cron task and the tests share its failure memory and its lock. */
export const scheduleRunner = (strapi: Core.Strapi): ScheduleRunner => {
  let runner = runners.get(strapi);
  if (!runner) {
    runner = createScheduleRunner(strapi);
    runners.set(strapi, runner);
  }
  return runner;
};

const createScheduleRunner = (strapi: Core.Strapi): ScheduleRunner => {
  /** Failures already logged, by schedule, with the draft version that failed and why. */
  const failed = new Map<string, { version: string; reason: string }>();
  let running: Promise<ScheduleOutcome[]> | null = null;

  const rowsOf = (uid: string): Rows => strapi.db.query(uid as Parameters<typeof strapi.db.query>[0]) as unknown as Rows;
  const documentsOf = (uid: string): LocaleDocuments => strapi.documents(uid as Parameters<typeof strapi.documents>[0]) as unknown as LocaleDocuments;

  const carryOut = async (uid: string, row: ScheduledDraft, mode: ScheduleMode, due: number): Promise<ScheduleOutcome> => {
    const { documentId, locale } = row;
    const field = SCHEDULE_FIELDS[mode];
    const outcome = { uid, documentId, locale, mode, due: new Date(due).toISOString() };
    const key = scheduleKey(uid, documentId, locale, mode);
    const version = `${due} ${String(instantOf(row.updatedAt))}`;
    if (failed.get(key)?.version === version) return { ...outcome, result: 'failed', reason: 'already reported' };
    const named = `${uid} ${documentId} (${locale})${row.title ? ` "${row.title}"` : ''}`;
    const rows = rowsOf(uid);
    const published = await rows.count({ where: { documentId, locale, publishedAt: { $notNull: true } } });
    try {
      if (mode === 'unpublish' && published === 0) {
        strapi.log.info(`Scheduled unpublish of ${named}: not published, nothing to take down.`);
      } else if (mode === 'publish') {
        await documentsOf(uid).publish({ documentId, locale });
      } else {
        await documentsOf(uid).unpublish({ documentId, locale });
      }
    } catch (error) {
      const reason = reasonOf(error);
      failed.set(key, { version, reason });
      strapi.log.error(
        `Scheduled ${mode} of ${named}, due ${outcome.due}, failed: ${reason.replace(/\.$/, '')}. The site keeps its current version; the schedule stays in ${field}. Fix the document and save it to try again, or empty ${field}.`,
      );
      return { ...outcome, result: 'failed', reason };
    }
    failed.delete(key);
    // Straight to the rows: emptying a done schedule is bookkeeping, not an edit (no new
    // updatedAt, so the draft does not turn "modified", and no webhook).
    await rows.updateMany({ where: { documentId, locale }, data: { [field]: null } });
    const nothing = mode === 'unpublish' && published === 0;
    if (!nothing) strapi.log.info(`Scheduled ${mode} of ${named}, due ${outcome.due}: done.`);
    return { ...outcome, result: nothing ? 'nothing-to-do' : 'done' };
  };

  const runOnce = async (now: Date): Promise<ScheduleOutcome[]> => {
    const outcomes: ScheduleOutcome[] = [];
    for (const uid of scheduledTypes(strapi)) {
      for (const row of await scheduledDrafts(strapi, uid)) {
        // Publish before unpublish: the guard keeps an unpublish after its publish.
        for (const { mode, due } of dueSchedules(row, now.getTime())) outcomes.push(await carryOut(uid, row, mode, due));
      }
    }
    return outcomes;
  };

  return {
    failureReason: (uid, documentId, locale, mode) => failed.get(scheduleKey(uid, documentId, locale, mode))?.reason ?? null,
    // One run at a time: a slow publish is not started twice by the next tick.
    run: (now = new Date()) => {
      if (running) return running;
      running = runOnce(now)
        .catch((error: unknown) => {
          strapi.log.error(`Checking the publishing schedule failed: ${reasonOf(error)}`);
          return [];
        })
        .finally(() => {
          running = null;
        });
      return running;
    },
  };
};
