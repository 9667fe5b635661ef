import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { afterCreateSqliteConnection } from '../src/patches/kept-statements';

// SQLite for a laptop, PostgreSQL in production (DATABASE_CLIENT=postgres + DATABASE_URL).
// Compiled to dist/config, so the app root is two levels up.
const appRoot = path.resolve(__dirname, '..', '..');

/** Splits postgres://user:password@host:port/name into the fields Strapi's config names. */
const postgresFields = (connectionString: string) => {
  const url = new URL(connectionString);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')),
  };
};

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  if (client === 'postgres') {
    const connectionString = env('DATABASE_URL', '');
    if (!connectionString) {
      throw new Error('DATABASE_CLIENT=postgres needs DATABASE_URL (postgres://user:password@host:5432/name)');
    }
    return {
      connection: {
        client: 'postgres',
        connection: {
          ...postgresFields(connectionString),
          schema: env('DATABASE_SCHEMA', 'public'),
          ssl: env.bool('DATABASE_SSL', false) ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) } : false,
        },
        pool: { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
    };
  }
  if (client !== 'sqlite') {
    throw new Error(`DATABASE_CLIENT=${client} is not supported: use sqlite (default) or postgres`);
  }
  return {
    connection: {
      client: 'sqlite',
      connection: {
        filename: path.resolve(appRoot, env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
      // Each connection keeps the statements it compiled (src/patches/kept-statements).
      pool: { afterCreate: afterCreateSqliteConnection },
    },
  };
};

export default config;
