// Boots the real CMS once per test run: on a temporary SQLite file always, and on a fresh
// PostgreSQL database when TEST_DATABASE_URL points at a server (CI sets it). A PostgreSQL
// that cannot be reached fails the run rather than skipping it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedCms, type EmbeddedCms } from '../../scripts/embedded-cms.js';
import { INSTANCES_ENV, type CmsInstance } from './cms-instances.js';
import { adminLogin } from './strapi-http.js';

interface Running {
  cms: EmbeddedCms[];
  dropDatabase?: () => Promise<void>;
}

declare global {
  var __cmsUnderTest: Running | undefined;
}

export const secretEnv = (): Record<string, string> => {
  const random = (): string => randomBytes(24).toString('base64');
  return {
    APP_KEYS: [random(), random()].join(','),
    API_TOKEN_SALT: random(),
    ADMIN_JWT_SECRET: random(),
    TRANSFER_TOKEN_SALT: random(),
    JWT_SECRET: random(),
    ENCRYPTION_KEY: random(),
    WEBHOOK_TOKEN: randomBytes(16).toString('hex'),
    PREVIEW_SECRET: randomBytes(16).toString('hex'),
    // Nothing listens here during these tests (Strapi's failed deliveries are only logged);
    // the publish-loop test points the webhook at its own server and back.
    PIPELINE_WEBHOOK_URL: 'http://127.0.0.1:65535/hooks/strapi',
  };
};

export const createPostgresDatabase = async (serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> => {
  const name = `cms_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL at ${serverUrl} cannot be reached: ${(error as Error).message}`);
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
};

/** A database a test may start a CMS of its own on, created fresh, and how to drop it. */
export type FreshDatabase = () => Promise<{ env: Record<string, string>; drop: () => Promise<void> }>;

/**
 * For tests that need a CMS of their own (a restart, a deleted locale): a fresh SQLite file
 * always, and a fresh PostgreSQL database when TEST_DATABASE_URL names a server.
 */
export const freshDatabases = (prefix: string): [string, FreshDatabase][] => {
  const databases: [string, FreshDatabase][] = [
    ['sqlite', async () => ({ env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(mkdtempSync(path.join(os.tmpdir(), `${prefix}-`)), 'data.db') }, drop: async () => {} })],
  ];
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    databases.push([
      'postgres',
      async () => {
        const database = await createPostgresDatabase(serverUrl);
        return { env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url }, drop: database.drop };
      },
    ]);
  }
  return databases;
};

export async function bootCmsUnderTest(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cms-under-test-'));
  const running: Running = { cms: [] };
  globalThis.__cmsUnderTest = running;
  const instances: CmsInstance[] = [];
  const admin = { STRAPI_ADMIN_EMAIL: 'editor@example.test', STRAPI_ADMIN_PASSWORD: `Editor-${randomBytes(6).toString('hex')}A1` };

  const boot = async (database: CmsInstance['database'], env: Record<string, string>): Promise<void> => {
    const secrets = secretEnv();
    const cms = await startEmbeddedCms({ stateDir: path.join(root, database), env: { ...secrets, ...admin, ...env } });
    running.cms.push(cms);
    const credentials = { url: cms.url, adminEmail: admin.STRAPI_ADMIN_EMAIL, adminPassword: admin.STRAPI_ADMIN_PASSWORD };
    instances.push({ database, ...credentials, buildToken: cms.buildToken, previewToken: cms.previewToken, previewSecret: secrets.PREVIEW_SECRET as string, adminToken: await adminLogin(credentials), logFile: cms.logFile });
  };

  // One CMS starts at a time: each start compiles the CMS's TypeScript into the same cms/dist,
  // and a second compile running alongside can leave the first process loading a half-written
  // file (seen in a fresh clone: "registerDraftGuard is not a function").
  const sqlite = boot('sqlite', { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(root, 'sqlite', 'data.db') });
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const database = await createPostgresDatabase(serverUrl);
    running.dropDatabase = database.drop;
    await sqlite;
    await boot('postgres', { DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url });
  }
  await sqlite;

  const file = path.join(root, 'instances.json');
  writeFileSync(file, JSON.stringify(instances, null, 2));
  process.env[INSTANCES_ENV] = file;
}

export async function stopCmsUnderTest(): Promise<void> {
  const running = globalThis.__cmsUnderTest;
  if (!running) return;
  await Promise.all(running.cms.map((cms) => cms.stop()));
  await running.dropDatabase?.();
}
