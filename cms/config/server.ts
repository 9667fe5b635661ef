import type { Core } from '@strapi/strapi';
import { requiredEnv } from '../src/utils/required-env';
import { cronTasks, scheduleCheckSeconds } from '../src/scheduling/cron-task';

// Loopback by default: the CMS sits behind the pipeline and the editors' proxy, never bare.
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  app: {
    keys: requiredEnv(env('APP_KEYS'), 'APP_KEYS').split(',').map((key) => key.trim()),
  },
  // Scheduled publishing and unpublishing (src/scheduling).
  cron: {
    enabled: true,
    tasks: cronTasks(scheduleCheckSeconds(env('SCHEDULE_CHECK_SECONDS'))),
  },
});

export default config;
