// `npm start`: the whole thing on one machine. Starts the CMS with its admin (unless
// STRAPI_URL points at one), builds the site, serves it with webhooks, previews and the
// report, rebuilds when editors publish, prints where everything is, and stops what it
// started on Ctrl-C.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { loadDotEnv, readEnv, siteDirOf } from '../config.js';
import { createDeployAfterBuild } from '../deploy/after-build.js';
import { storeSettingsOf } from '../deploy/store.js';
import { describeTarget } from '../deploy/target.js';
import { projectRoot } from '../paths.js';
import { runBuild } from '../pipeline.js';
import { reportPathFor } from '../publish/report.js';
import { pendingRemovals } from '../publish/release.js';
import { flushState } from '../publish/state.js';
import { MANUAL_TRIGGER, type BuildTrigger } from '../publish/build-history.js';
import { createTriggerTracker } from '../server/build-triggers.js';
import { createEventClock } from '../server/event-clock.js';
import { createRebuildScheduler } from '../server/rebuild-scheduler.js';
import { createSearchIndexLater } from '../server/search-index-later.js';
import { startPipelineServer } from '../server/server.js';
import { connectCms, keyInFile, localStateDir } from './cms-connection.js';
import { readOrCreateSecret } from './local-secret.js';
import { createProgress, printSummary } from './progress.js';

/** The secrets the local CMS generated for itself and shares with the pipeline. */
const localCmsSecrets = (): Record<string, string | undefined> => {
  const file = path.join(projectRoot, 'cms', '.env');
  const values = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  const tokenFile = path.join(localStateDir, 'preview-token');
  return { WEBHOOK_TOKEN: values.WEBHOOK_TOKEN, PREVIEW_SECRET: values.PREVIEW_SECRET, PREVIEW_TOKEN: existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined };
};

const main = async (): Promise<void> => {
  loadDotEnv();
  const env = readEnv();
  const outDir = siteDirOf(env);
  if (!env.STRAPI_URL) process.stdout.write('Starting the CMS (the first start builds its admin panel, a few minutes; log: cms/.tmp/cms.log)…\n');
  const cms = await connectCms(env, { serveAdmin: true, onWaiting: (file) => process.stdout.write(`Waiting for the CMS to write the build token to ${file}…\n`) });
  const local = cms.origin === 'environment' ? {} : localCmsSecrets();
  const webhookToken = env.WEBHOOK_TOKEN ?? local.WEBHOOK_TOKEN;
  const previewSecret = env.PREVIEW_SECRET ?? local.PREVIEW_SECRET;
  const previewToken = env.PREVIEW_TOKEN ?? keyInFile(env.PREVIEW_TOKEN_FILE) ?? local.PREVIEW_TOKEN;
  const reportSecretFile = path.join(projectRoot, '.tmp', 'report-secret');
  const reportSecret = env.REPORT_SECRET ?? readOrCreateSecret(reportSecretFile);

  const build = (incremental: boolean, trigger: BuildTrigger, deferSearchIndex = false) =>
    runBuild({ strapiUrl: cms.url, strapiToken: cms.token, outDir, cacheDir: env.CACHE_DIR, siteUrl: env.SITE_URL, incremental, deferSearchIndex, trigger, onStage: createProgress() });
  process.stdout.write(`Building from ${cms.url} (${cms.origin} CMS)\n`);
  const first = await build(false, MANUAL_TRIGGER);
  printSummary(first);
  // DEPLOY_TARGET: every successful build is published to the object store too.
  const deploySettings = storeSettingsOf(env);
  const deployer = deploySettings ? createDeployAfterBuild(outDir, deploySettings) : null;
  deployer?.onBuilt(first);

  // What set each build off, for the report's history: webhooks name their documents here.
  const triggers = createTriggerTracker();
  const searchIndexLater = createSearchIndexLater(env.SEARCH_INDEX_DELAY_MS, (reason) => scheduler.notify(reason));
  const scheduler = createRebuildScheduler({
    debounceMs: env.REBUILD_DEBOUNCE_MS,
    maxWaitMs: env.REBUILD_MAX_WAIT_MS,
    fullRebuildEveryMs: env.FULL_REBUILD_MINUTES * 60_000,
    build: (kind, reasons) => {
      process.stdout.write(`\nRebuilding (${kind}, after ${reasons.join(', ') || 'a change'})…\n`);
      return build(kind === 'incremental', triggers.triggerFor(reasons), searchIndexLater.mayDefer(kind, reasons));
    },
    onBuilt: (report) => {
      triggers.built(report);
      printSummary(report);
      searchIndexLater.onBuilt(report);
      // A failed build left the last release live: its event still ends when armed.
      if (report.status === 'ok') eventClock.arm(report.nextEventEnd);
      deployer?.onBuilt(report);
    },
  });
  const eventClock = createEventClock({ onDue: (reason) => scheduler.notify(reason) });
  eventClock.arm(first.nextEventEnd);
  const server = await startPipelineServer({
    outDir,
    port: env.SITE_PORT,
    host: env.SITE_HOST,
    webhook: webhookToken
      ? {
          token: webhookToken,
          onEvent: (payload) => {
            triggers.noteWebhook(payload);
            scheduler.notify(payload.event);
          },
        }
      : undefined,
    preview: previewSecret && previewToken ? { secret: previewSecret, cmsUrl: cms.url, previewToken, siteUrl: env.SITE_URL } : undefined,
    // Editors open the report through links the admin signs with the preview secret.
    report: { file: reportPathFor(outDir), secret: reportSecret, linkSecret: previewSecret },
  });

  const stop = async (): Promise<never> => {
    scheduler.stop();
    searchIndexLater.stop();
    eventClock.stop();
    await server.close();
    await deployer?.stop();
    await flushState();
    await pendingRemovals();
    await cms.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  process.stdout.write(
    [
      '',
      `  Admin (editors):  ${cms.url}/admin`,
      `  Site:             ${server.url}/   (English ${server.url}/en/, Spanish ${server.url}/es/)`,
      `  Feeds:            ${server.url}/en/feed.xml  ${server.url}/es/feed.xml  (Atom: atom.xml, JSON: feed.json; events.ics)`,
      `  PDFs:             beside each study page, e.g. ${server.url}/en/studies/`,
      `  Sitemap:          ${server.url}/sitemap.xml`,
      webhookToken
        ? `  Webhooks:         ${server.url}/hooks/strapi (rebuilds ${env.REBUILD_DEBOUNCE_MS} ms after the last change, at most ${env.REBUILD_MAX_WAIT_MS} ms after the first)`
        : '  Webhooks:         off (set WEBHOOK_TOKEN)',
      `  Deploy:           ${deploySettings ? `${describeTarget(deploySettings.target)} after each successful build` : 'off (set DEPLOY_TARGET)'}`,
      `  Build report:     ${server.url}/_report/  (editors: from the admin's menu${previewSecret ? '' : ', once PREVIEW_SECRET is set'}; scripts: any user name, the password is REPORT_SECRET${env.REPORT_SECRET ? '' : `, in ${path.relative(projectRoot, reportSecretFile)}`})`,
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
