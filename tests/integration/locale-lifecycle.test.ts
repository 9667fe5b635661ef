// A language deleted in the admin takes its pages off the site at the next build, which the
// deletion itself sets off, and the other language keeps publishing; added back, it builds
// without anyone republishing anything, and comes back once its site settings are published.
// Deleting a locale deletes its documents, so this file runs a CMS of its own per database.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startEmbeddedCms, type EmbeddedCms } from '../../scripts/embedded-cms.js';
import { runBuild, type BuildOptions } from '../../scripts/pipeline.js';
import type { BuildReport } from '../../scripts/publish/report.js';
import { createRebuildScheduler, type RebuildScheduler } from '../../scripts/server/rebuild-scheduler.js';
import { startPipelineServer, type SiteServer } from '../../scripts/server/server.js';
import type { CmsInstance } from '../support/cms-instances.js';
import { freshDatabases, secretEnv } from '../support/cms-under-test.js';
import { signInEditor, type Editor } from '../support/strapi-http.js';

const SITE_URL = 'https://cities.example.org';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const databases = freshDatabases('cms-locales');

test.each(databases)('on %s: deleting Spanish unpublishes it and English keeps publishing; adding it back needs no republishing', async (_name, prepare) => {
  const database = await prepare();
  const root = mkdtempSync(path.join(os.tmpdir(), 'site-locales-'));
  const outDir = path.join(root, 'dist');
  const options: BuildOptions = { strapiUrl: '', strapiToken: '', outDir, siteUrl: SITE_URL, now: new Date('2026-11-27T12:00:00Z'), cacheDir: path.join(root, 'cache') };
  const secrets = secretEnv();
  const port = await freePort();
  let cms: EmbeddedCms | null = null;
  let server: SiteServer | null = null;
  let scheduler: RebuildScheduler | null = null;
  try {
    const webhookToken = secrets.WEBHOOK_TOKEN as string;
    scheduler = createRebuildScheduler({ debounceMs: 300, fullRebuildEveryMs: 0, build: (kind) => runBuild({ ...options, incremental: kind === 'incremental' }) });
    const events: string[] = [];
    const running = scheduler;
    // The seeding of a fresh CMS publishes the sample content: those events are not this test's.
    let listening = false;
    const onEvent = (payload: { event: string }): void => {
      if (!listening) return;
      events.push(payload.event);
      running.notify(payload.event);
    };
    server = await startPipelineServer({ outDir, port, webhook: { token: webhookToken, onEvent } });
    cms = await startEmbeddedCms({
      stateDir: path.join(root, 'cms'),
      env: { ...secrets, ...database.env, STRAPI_ADMIN_EMAIL: 'locales@example.test', STRAPI_ADMIN_PASSWORD: 'Locales-Check-123', PIPELINE_WEBHOOK_URL: `${server.url}/hooks/strapi` },
    });
    Object.assign(options, { strapiUrl: cms.url, strapiToken: cms.buildToken });
    const instance: CmsInstance = { database: 'sqlite', url: cms.url, buildToken: cms.buildToken, previewToken: cms.previewToken, previewSecret: '', adminEmail: 'locales@example.test', adminPassword: 'Locales-Check-123', logFile: cms.logFile };
    const editor: Editor = await signInEditor(instance);

    /** Waits for the build a change in the CMS sets off (through its webhook), and returns its report. */
    const nextBuild = async (before: number): Promise<BuildReport> => {
      const deadline = Date.now() + 60_000;
      while (running.builds === before) {
        if (Date.now() > deadline) throw new Error(`No build started; webhook events seen: ${events.join(', ')}`);
        await sleep(50);
      }
      await running.idle();
      const report = running.lastReport as BuildReport;
      if (report.status !== 'ok') throw new Error(`The build failed: ${report.error?.message}`);
      return report;
    };
    const has = (url: string): boolean => existsSync(path.join(outDir, url, 'index.html'));
    const sitemap = (): string => readFileSync(path.join(outDir, 'sitemap.xml'), 'utf8');

    const first = await runBuild(options);
    expect(first.status).toBe('ok');
    listening = true;
    expect([has('/en/'), has('/es/'), has('/es/estudios/estudio-ciudades-inteligentes-2023/')]).toEqual([true, true, true]);

    // Deleting the locale sends a webhook of its own, and its build takes Spanish off the site.
    const locales = (await editor.get('/i18n/locales')).json as { id: number; code: string }[];
    let builds = running.builds;
    expect((await editor.send('DELETE', `/i18n/locales/${locales.find((l) => l.code === 'es')!.id}`)).status).toBe(200);
    const afterDelete = await nextBuild(builds);
    expect(events).toContain('locale.delete');
    expect([has('/en/'), has('/es/'), has('/es/estudios/estudio-ciudades-inteligentes-2023/'), existsSync(path.join(outDir, 'es'))]).toEqual([true, false, false, false]);
    expect(afterDelete.counts.study).toEqual({ en: 2, es: 0 });
    expect(sitemap()).not.toContain('/es/');
    expect(readFileSync(path.join(outDir, 'en/index.html'), 'utf8')).not.toContain('hreflang="es"');
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).not.toContain('/es/');

    // English keeps publishing.
    const studies = (await editor.get('/content-manager/collection-types/api::study.study?locale=en')).json as { results: { documentId: string }[] };
    const studyId = studies.results[0]!.documentId;
    builds = running.builds;
    expect((await editor.send('POST', `/content-manager/collection-types/api::study.study/${studyId}/actions/publish?locale=en`, { theme: 'Published after Spanish was deleted' })).status).toBe(200);
    await nextBuild(builds);
    expect(readFileSync(path.join(outDir, 'en/studies/smart-cities-study-2023/index.html'), 'utf8')).toContain('Published after Spanish was deleted');

    // Added back: the build goes through; Spanish has no documents and no site settings yet, and says so.
    builds = running.builds;
    expect((await editor.send('POST', '/i18n/locales', { code: 'es', name: 'Spanish (es)', isDefault: false })).status).toBe(200);
    const afterAdd = await nextBuild(builds);
    expect(has('/es/')).toBe(false);
    expect(afterAdd.leftOut).toContainEqual(expect.objectContaining({ type: 'site-setting', locale: 'es' }));

    // Its site settings published, Spanish is back.
    builds = running.builds;
    const settings = { siteName: 'Ciudades Digitales', communityName: 'Red de ciudades', description: 'Estudios, eventos y noticias de la red.' };
    expect((await editor.send('POST', '/content-manager/single-types/api::site-setting.site-setting/actions/publish?locale=es', settings)).status).toBe(200);
    await nextBuild(builds);
    expect([has('/es/'), has('/en/')]).toEqual([true, true]);
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toContain('Ciudades Digitales');
  } finally {
    scheduler?.stop();
    await scheduler?.idle();
    await server?.close();
    await cms?.stop();
    await database.drop();
  }
});
