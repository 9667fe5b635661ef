// Strapi's own cron (server.cron): every few seconds, publish or unpublish the languages whose
// scheduled moment has come (src/scheduling). The site follows through the usual webhook, so a
// schedule is live within this interval plus one incremental build.
import type { Core } from '@strapi/strapi';
import { inOneInstance } from '../utils/instance-locks';
import { scheduleRunner } from './scheduled-actions';

/** Seconds between two checks of the schedule; 60 must be a multiple of it (a cron step). */
export const scheduleCheckSeconds = (value: string | undefined): number => {
  const seconds = value === undefined || value === '' ? 10 : Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 60 || 60 % seconds !== 0) {
    throw new Error(`SCHEDULE_CHECK_SECONDS must divide 60 (1, 2, 5, 10, 15, 20, 30 or 60), not ${JSON.stringify(value)}`);
  }
  return seconds;
};

export const cronTasks = (checkSeconds: number) => ({
  publishingSchedule: {
    task: async ({ strapi }: { strapi: Core.Strapi }) => {
      // Every instance's cron fires: one of them checks (utils/instance-locks).
      await inOneInstance(strapi, () => scheduleRunner(strapi).run().then(() => undefined));
    },
    // UTC, whatever the machine's zone: the schedule holds instants, and the rule only counts seconds.
    options: { rule: checkSeconds === 60 ? '0 * * * * *' : `*/${checkSeconds} * * * * *`, tz: 'Etc/UTC' },
  },
});
