// `npm start`: the whole thing on one machine. Starts the CMS with its admin (unless
// STRAPI_URL points at one), builds the site, serves it, prints where everything is, and
// stops what it started on Ctrl-C.
import path from 'node:path';
import { loadDotEnv, readEnv } from '../config.js';
import { projectRoot } from '../paths.js';
import { runBuild } from '../pipeline.js';
import { startSiteServer } from '../server/server.js';
import { connectCms } from './cms-connection.js';
import { createProgress, printSummary } from './progress.js';

const main = async (): Promise<void> => {
  loadDotEnv();
  const env = readEnv();
  const outDir = path.join(projectRoot, 'dist');
  if (!env.STRAPI_URL) process.stdout.write('Starting the CMS (the first start builds its admin panel, about 3 minutes; log: cms/.tmp/cms.log)…\n');
  const cms = await connectCms(env, { serveAdmin: true });
  const stop = async (code: number): Promise<never> => {
    await cms.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  process.stdout.write(`Building from ${cms.url} (${cms.origin} CMS)\n`);
  const report = await runBuild({ strapiUrl: cms.url, strapiToken: cms.token, outDir, siteUrl: env.SITE_URL, onStage: createProgress() });
  printSummary(report);
  if (report.status !== 'ok') await stop(1);

  const server = await startSiteServer(outDir, env.SITE_PORT);
  process.stdout.write(
    [
      '',
      `  Admin (editors):  ${cms.url}/admin`,
      `  Site:             ${server.url}/   (English ${server.url}/en/, Spanish ${server.url}/es/)`,
      `  Sitemap:          ${server.url}/sitemap.xml`,
      `  Build report:     ${path.join(projectRoot, 'build-report.json')}`,
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
};

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
