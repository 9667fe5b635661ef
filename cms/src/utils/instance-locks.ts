// Work that must run in one CMS instance at a time when several share a PostgreSQL database
// (behind a load balancer). (SQLite is one file for one process: there is nothing to share.)
//
// Two instances may start at the same moment.
// Each bootstrap step reads, then writes: is there a build token? make one; is the sample
// loaded? load it. Run side by side, both would make the tokens and load the sample twice. On
// PostgreSQL the steps run under an advisory lock held by a transaction for their duration:
// the second instance waits, then finds everything made and changes nothing.
import type { Core } from '@strapi/strapi';

/** Any fixed numbers, the same in every instance: the locks' names (cms/scripts/startup-lock.ts has 7_113_370_002). */
const BOOTSTRAP_LOCK = 7_113_370_001;
const SCHEDULE_LOCK = 7_113_370_003;

interface Transactions {
  transaction<T>(work: (trx: { raw(sql: string, bindings: unknown[]): Promise<unknown> }) => Promise<T>): Promise<T>;
}

const sharesPostgres = (strapi: Core.Strapi): boolean => strapi.config.get<string>('database.connection.client') === 'postgres';

export const underStartupLock = async <T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> => {
  if (!sharesPostgres(strapi)) return work();
  const connection = strapi.db.connection as unknown as Transactions;
  return connection.transaction(async (trx) => {
    // Released when the transaction ends, however the work ends: a crashed start holds nothing.
    await trx.raw('select pg_advisory_xact_lock(?)', [BOOTSTRAP_LOCK]);
    return work();
  });
};

/**
 * The scheduled publishing check (src/scheduling), in one instance at a time: every instance's
 * cron fires at the same second, and two running the same due schedule would publish it twice.
 * An instance that finds the check running elsewhere skips this tick; the next one comes soon.
 * Returns whether the work ran.
 */
export const inOneInstance = async (strapi: Core.Strapi, work: () => Promise<void>): Promise<boolean> => {
  if (!sharesPostgres(strapi)) {
    await work();
    return true;
  }
  const connection = strapi.db.connection as unknown as Transactions;
  return connection.transaction(async (trx) => {
    const rows = (await trx.raw('select pg_try_advisory_xact_lock(?) as locked', [SCHEDULE_LOCK])) as { rows: { locked: boolean }[] };
    if (rows.rows[0]?.locked !== true) return false;
    await work();
    return true;
  });
};
