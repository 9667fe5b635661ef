// `npm run cms`: compiles the TypeScript app, builds the admin panel when it will be served
// and is missing or was built from other inputs (./admin-build), then starts Strapi. Tests run
// it with STRAPI_SERVE_ADMIN=false, which skips the admin build (a minute or more). A SQLite
// database is kept readable by its owner only (see private-files).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileStrapi, createStrapi } from '@strapi/strapi';
import { adminBuildIsCurrent, adminInputsFingerprint, recordAdminBuild } from './admin-build';
import { ensureLocalSecrets } from './local-env';
import { makeDatabasePrivate } from './private-files';
import { holdStartupLock } from './startup-lock';

const appDir = path.resolve(__dirname, '..');

// The package's exports hide bin/ and package.json; its main file sits in dist/, beside them.
const strapiPackageDir = path.join(path.dirname(require.resolve('@strapi/strapi')), '..');

const strapiVersion = (): string => (JSON.parse(readFileSync(path.join(strapiPackageDir, 'package.json'), 'utf8')) as { version: string }).version;

const buildAdminPanel = (): void => {
  const strapiBin = path.join(strapiPackageDir, 'bin', 'strapi.js');
  console.log('Building the admin panel (first start, or its customisation changed: about a minute)…');
  const result = spawnSync(process.execPath, [strapiBin, 'build'], { cwd: appDir, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    throw new Error(`strapi build failed with exit code ${result.status}; run "npm run build --workspace cms" to see why`);
  }
};

const keepDatabasePrivate = (): void => {
  for (const warning of makeDatabasePrivate(appDir)) console.warn(warning);
};

const main = async (): Promise<void> => {
  ensureLocalSecrets(path.join(appDir, '.env'));
  // Before the start, so the directory is private before the database is made in it; after,
  // for the files SQLite has made by then.
  keepDatabasePrivate();
  process.env.STRAPI_TELEMETRY_DISABLED ??= 'true';
  process.env.BROWSER ??= 'none';

  // Instances sharing a PostgreSQL database start one at a time (see startup-lock).
  const releaseStartupLock = await holdStartupLock();
  let app: ReturnType<typeof createStrapi>;
  try {
    const serveAdmin = process.env.STRAPI_SERVE_ADMIN !== 'false';
    if (serveAdmin) {
      const fingerprint = adminInputsFingerprint(appDir, strapiVersion());
      if (!adminBuildIsCurrent(appDir, fingerprint)) {
        buildAdminPanel();
        recordAdminBuild(appDir, fingerprint);
      }
    }
    const { distDir } = await compileStrapi({ appDir });
    app = createStrapi({ appDir, distDir });
    await app.start();
  } finally {
    await releaseStartupLock?.();
  }
  keepDatabasePrivate();

  const stop = (): void => {
    void app.destroy().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
