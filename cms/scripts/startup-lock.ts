// Two instances on one PostgreSQL database started at the same moment (a deployment that
// starts its CMS replicas together) race in Strapi's own start before any of our code runs:
// both create the tables of an empty database, and one dies on a duplicate key. So `npm run
// cms` takes a session-level advisory lock on the database before it compiles and starts
// Strapi, and lets go once Strapi listens: instances start one after the other, the second
// finding the schema made, the sample loaded and the tokens there. The bootstrap's own lock
// (src/utils/instance-locks.ts, another key) covers a CMS started some other way.
import pg from 'pg';

/** Any fixed number, the same in every instance, different from the bootstrap's. */
const START_LOCK = 7_113_370_002;

/** Waits for the lock when the CMS runs on PostgreSQL; resolves to its release (null on SQLite). */
export const holdStartupLock = async (env: NodeJS.ProcessEnv = process.env): Promise<(() => Promise<void>) | null> => {
  if (env.DATABASE_CLIENT !== 'postgres' || !env.DATABASE_URL) return null;
  const ssl = env.DATABASE_SSL === 'true' ? { rejectUnauthorized: env.DATABASE_SSL_REJECT_UNAUTHORIZED !== 'false' } : false;
  const client = new pg.Client({ connectionString: env.DATABASE_URL, ssl });
  await client.connect();
  await client.query('select pg_advisory_lock($1)', [START_LOCK]);
  // Ending the session releases the lock too, so a start that crashes holds nothing.
  return async () => {
    await client.query('select pg_advisory_unlock($1)', [START_LOCK]).catch(() => undefined);
    await client.end();
  };
};
