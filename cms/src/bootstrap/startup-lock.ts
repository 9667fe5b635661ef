// Two CMS instances on one database (behind a load balancer) may start at the same moment.
// Each bootstrap step reads, then writes: is there a build token? make one; is the sample
// loaded? load it. Run side by side, both would make the tokens and load the sample twice. On
// PostgreSQL the steps run under an advisory lock held by a transaction for their duration:
// the second instance waits, then finds everything made and changes nothing. (SQLite is one
// file for one process: there is nothing to share.)
import type { Core } from '@strapi/strapi';

/** Any fixed number, the same in every instance: the lock's name. */
const BOOTSTRAP_LOCK = 7_113_370_001;

interface Transactions {
  transaction<T>(work: (trx: { raw(sql: string, bindings: unknown[]): Promise<unknown> }) => Promise<T>): Promise<T>;
}

export const underStartupLock = async <T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> => {
  if (strapi.config.get<string>('database.connection.client') !== 'postgres') return work();
  const connection = strapi.db.connection as unknown as Transactions;
  return connection.transaction(async (trx) => {
    // Released when the transaction ends, however the work ends: a crashed start holds nothing.
    await trx.raw('select pg_advisory_xact_lock(?)', [BOOTSTRAP_LOCK]);
    return work();
  });
};
