// Two CMS instances on one PostgreSQL database, as behind a load balancer, started at the same
// moment: the sample content is loaded once, the pipeline's tokens are made once (and both
// instances hand out the same keys), a token revoked or narrowed through one instance is refused
// by the other within the 10 s its token cache keeps lookups (patches/token-lookups), and
// webhooks from either instance reach the pipeline, which makes one build per burst.
// PostgreSQL only (jest.config.js lists this file only with TEST_DATABASE_URL): SQLite is one
// file for one process.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sampleContent } from '../../cms/src/seed/content.js';
import { startEmbeddedCms, type EmbeddedCms } from '../../scripts/embedded-cms.js';
import { runBuild } from '../../scripts/pipeline.js';
import { createRebuildScheduler } from '../../scripts/server/rebuild-scheduler.js';
import { startPipelineServer, type SiteServer } from '../../scripts/server/server.js';
import { createPostgresDatabase, secretEnv } from '../support/cms-under-test.js';
import { adminLogin, contentApi, documentIdOf } from '../support/strapi-http.js';
import type { CmsInstance } from '../support/cms-instances.js';

const ADMIN = { adminEmail: 'two@example.test', adminPassword: 'Two-Instances-123' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const TOKEN_CACHE_MS = 10_000;

test('two instances on one PostgreSQL database load the sample once, share the tokens, refuse a revoked token within 10 s, and both reach the pipeline', async () => {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('This test needs TEST_DATABASE_URL (a PostgreSQL server)');
  const database = await createPostgresDatabase(server);
  const root = mkdtempSync(path.join(os.tmpdir(), 'two-instances-'));
  const secrets = secretEnv();
  const events: string[] = [];
  const scheduler = createRebuildScheduler({
    // Webhooks of one burst reach the server within a few seconds on a loaded test machine.
    debounceMs: 4_000,
    fullRebuildEveryMs: 0,
    build: (kind) => runBuild({ strapiUrl: instances[0]!.url, strapiToken: instances[0]!.buildToken, outDir: path.join(root, 'dist'), siteUrl: 'https://cities.example.org', cacheDir: path.join(root, 'cache'), incremental: kind === 'incremental' }),
  });
  let listening = false;
  let pipeline: SiteServer | null = null;
  let instances: EmbeddedCms[] = [];
  try {
    pipeline = await startPipelineServer({
      outDir: path.join(root, 'dist'), port: 0,
      webhook: { token: secrets.WEBHOOK_TOKEN as string, onEvent: (payload) => { if (listening) { events.push(payload.event); scheduler.notify(payload.event); } } },
    });
    const env = { ...secrets, ...ADMIN_ENV, DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url, PIPELINE_WEBHOOK_URL: `${pipeline.url}/hooks/strapi` };
    // At the same moment, on an empty database.
    instances = await Promise.all(['a', 'b'].map((name) => startEmbeddedCms({ stateDir: path.join(root, name), env, startTimeoutMs: 400_000 })));
    const [a, b] = instances as [EmbeddedCms, EmbeddedCms];

    // Made once: the same keys from both, two tokens in all, the sample studies once.
    expect(b.buildToken).toBe(a.buildToken);
    expect(b.previewToken).toBe(a.previewToken);
    const editorOn = async (cms: EmbeddedCms) => {
      const token = await adminLogin({ url: cms.url, ...ADMIN });
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      return (method: string, route: string, body?: unknown) => fetch(`${cms.url}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (response) => ({ status: response.status, json: (await response.json().catch(() => null)) as unknown, text: '' }));
    };
    const [onA, onB] = [await editorOn(a), await editorOn(b)];
    const tokens = (await onB('GET', '/admin/api-tokens')).json as { data: { name: string }[] };
    expect(tokens.data.map((token) => token.name).sort()).toEqual(['pipeline-build', 'pipeline-preview']);
    const instance = (cms: EmbeddedCms): CmsInstance => ({ database: 'postgres', url: cms.url, buildToken: cms.buildToken, previewToken: cms.previewToken, previewSecret: '', ...ADMIN, logFile: cms.logFile });
    for (const cms of [a, b]) {
      const studies = (await contentApi(instance(cms), 'studies?locale=en&fields[0]=title&pagination[pageSize]=100', cms.buildToken)).json as { data: unknown[] };
      expect(studies.data).toHaveLength(sampleContent.studies.length);
    }

    // A token made and revoked through A is refused by B within the token cache's 10 s.
    const made = (await onA('POST', '/admin/api-tokens', { name: 'short-lived', type: 'custom', lifespan: null, permissions: ['api::study.study.find', 'api::axis.axis.find'] })).json as { data: { id: number; accessKey: string } };
    const key = made.data.accessKey;
    expect((await contentApi(instance(b), 'studies?locale=en&fields[0]=title', key)).status).toBe(200);
    // Narrowed through A: studies refused by B within 10 s, axes still fine.
    expect((await onA('PUT', `/admin/api-tokens/${made.data.id}`, { permissions: ['api::axis.axis.find'] })).status).toBe(200);
    const narrowedAt = Date.now();
    while ((await contentApi(instance(b), 'studies?locale=en&fields[0]=title', key)).status === 200) await sleep(250);
    expect(Date.now() - narrowedAt).toBeLessThan(TOKEN_CACHE_MS + 2_000);
    expect((await contentApi(instance(b), 'studies?locale=en&fields[0]=title', key)).status).toBe(403);
    expect((await contentApi(instance(b), 'axes?locale=en&fields[0]=name', key)).status).toBe(200);
    expect((await onA('DELETE', `/admin/api-tokens/${made.data.id}`)).status).toBe(200);
    const revokedAt = Date.now();
    while ((await contentApi(instance(b), 'axes?locale=en&fields[0]=name', key)).status === 200) await sleep(250);
    expect(Date.now() - revokedAt).toBeLessThan(TOKEN_CACHE_MS + 2_000);
    expect((await contentApi(instance(b), 'axes?locale=en&fields[0]=name', key)).status).toBe(401);

    // A first build, then a burst of publishes through both instances: one build for it all.
    const first = await runBuild({ strapiUrl: a.url, strapiToken: a.buildToken, outDir: path.join(root, 'dist'), siteUrl: 'https://cities.example.org', cacheDir: path.join(root, 'cache') });
    expect(first.status).toBe('ok');
    listening = true;
    const article = (title: string) => ({ title, slug: title.toLowerCase().replace(/\s+/g, '-'), date: '2026-11-30', body: [{ type: 'paragraph', children: [{ type: 'text', text: title }] }] });
    // Two editors publish at the same moment, one on each instance: one burst.
    const [viaA, viaB] = await Promise.all([
      onA('POST', '/content-manager/collection-types/api::article.article/actions/publish?locale=en', article(`Through A ${Date.now()}`)),
      onB('POST', '/content-manager/collection-types/api::article.article/actions/publish?locale=en', article(`Through B ${Date.now()}`)),
    ]);
    // Each instance published its document (documentIdOf throws on an answer without one).
    for (const answer of [viaA, viaB]) documentIdOf(answer as never);
    const deadline = Date.now() + 30_000;
    while (scheduler.builds === 0 && Date.now() < deadline) await sleep(100);
    await scheduler.idle();
    expect(events.filter((event) => event === 'entry.publish').length).toBeGreaterThanOrEqual(2);
    expect(scheduler.builds).toBe(1);
    expect(scheduler.lastReport?.status).toBe('ok');
    expect(scheduler.lastReport?.changed?.pages.filter((page) => page.startsWith('/en/news/through-')).length).toBe(2);
  } finally {
    scheduler.stop();
    await Promise.all(instances.map((cms) => cms.stop()));
    await pipeline?.close();
    await database.drop();
  }
  // Two starts one after the other on an empty database (schema, sample content), then builds.
}, 600_000);

const ADMIN_ENV = { STRAPI_ADMIN_EMAIL: ADMIN.adminEmail, STRAPI_ADMIN_PASSWORD: ADMIN.adminPassword };
