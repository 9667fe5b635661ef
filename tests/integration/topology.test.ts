// The production topology of deploy/docker-compose.yml, as processes on this machine: two CMS
// instances on one PostgreSQL database with their media in an S3 bucket, a balancer in front of
// them, `npm start` as the pipeline (building through the balancer, deploying every build to the
// site's bucket), and an S3-protocol server (s3rver) holding both buckets.
//
// Started at the same moment on an empty database, the instances load the sample content once
// and make the pipeline's tokens once (both hand out the same keys); a token revoked or narrowed
// through one is refused by the other within the 10 s its token cache keeps lookups
// (patches/token-lookups). An image uploaded through one instance is the cover of a news item
// published through the other; two editors publish at the same moment, one on each instance:
// their webhooks make one build, which goes to the site's bucket, where the new pages and the
// cover's variants are read back over HTTP.
// PostgreSQL only (jest.config.js lists this file only with TEST_DATABASE_URL): SQLite is one
// file for one process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { sampleContent } from '../../cms/src/seed/content.js';
import { freePort, startEmbeddedCms, type EmbeddedCms } from '../../scripts/embedded-cms.js';
import { projectRoot } from '../../scripts/paths.js';
import { reportPathFor, type BuildReport } from '../../scripts/publish/report.js';
import { startBalancer, type Balancer } from '../support/balancer.js';
import type { CmsInstance } from '../support/cms-instances.js';
import { createPostgresDatabase, secretEnv } from '../support/cms-under-test.js';
import { mediaStoreEnv, startObjectStore, STORE_KEY, STORE_SECRET, type ObjectStore } from '../support/object-store.js';
import { adminLogin, contentApi, documentIdOf } from '../support/strapi-http.js';

const ADMIN = { adminEmail: 'two@example.test', adminPassword: 'Two-Instances-123' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const TOKEN_CACHE_MS = 10_000;
const MEDIA_BUCKET = 'cms-media';
const SITE_BUCKET = 'site';
const SITE_URL = 'https://cities.example.org';

/** The pipeline as `npm start` runs it, its output kept so the test can wait for lines. */
const startPipeline = (env: Record<string, string>): { child: ChildProcess; output: () => string; waitFor: (pattern: RegExp, count: number, timeoutMs: number) => Promise<void> } => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'cli', 'start.ts')], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const waitFor = async (pattern: RegExp, count: number, timeoutMs: number): Promise<void> => {
    const global = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
    const deadline = Date.now() + timeoutMs;
    while ((output.match(global) ?? []).length < count) {
      if (child.exitCode !== null) throw new Error(`npm start exited with code ${child.exitCode}:\n${output.slice(-3000)}`);
      if (Date.now() > deadline) throw new Error(`npm start did not print ${pattern} ${count} time(s) within ${timeoutMs} ms:\n${output.slice(-3000)}`);
      await sleep(200);
    }
  };
  return { child, output: () => output, waitFor };
};

test('the recipe\'s topology as processes: two instances on one PostgreSQL database and one media bucket behind a balancer, npm start building and deploying to the site\'s bucket', async () => {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('This test needs TEST_DATABASE_URL (a PostgreSQL server)');
  const database = await createPostgresDatabase(server);
  const root = mkdtempSync(path.join(os.tmpdir(), 'topology-'));
  const secrets = secretEnv();
  let store: ObjectStore | null = null;
  let balancer: Balancer | null = null;
  let pipeline: ReturnType<typeof startPipeline> | null = null;
  let instances: EmbeddedCms[] = [];
  try {
    store = await startObjectStore(MEDIA_BUCKET);
    const client = new S3Client({ endpoint: store.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: STORE_KEY, secretAccessKey: STORE_SECRET } });
    await client.send(new CreateBucketCommand({ Bucket: SITE_BUCKET }));
    client.destroy();
    // The pipeline gets the media bucket's address, not its keys: it downloads what is public.
    const { S3_ACCESS_KEY_ID: _key, S3_SECRET_ACCESS_KEY: _secret, ...media } = mediaStoreEnv(store);
    const sitePort = await freePort();
    const siteServer = `http://127.0.0.1:${sitePort}`;
    const env = {
      ...secrets,
      ...ADMIN_ENV,
      ...mediaStoreEnv(store),
      DATABASE_CLIENT: 'postgres',
      DATABASE_URL: database.url,
      PIPELINE_WEBHOOK_URL: `${siteServer}/hooks/strapi`,
    };
    // At the same moment, on an empty database.
    instances = await Promise.all(['a', 'b'].map((name) => startEmbeddedCms({ stateDir: path.join(root, name), env, startTimeoutMs: 400_000 })));
    const [a, b] = instances as [EmbeddedCms, EmbeddedCms];

    // Made once: the same keys from both, two tokens in all, the sample studies once.
    expect(b.buildToken).toBe(a.buildToken);
    expect(b.previewToken).toBe(a.previewToken);
    const editorOn = async (cms: EmbeddedCms) => {
      const token = await adminLogin({ url: cms.url, ...ADMIN });
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      const send = (method: string, route: string, body?: unknown) =>
        fetch(`${cms.url}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (response) => ({ status: response.status, json: (await response.json().catch(() => null)) as unknown, text: '' }));
      const upload = async (name: string, bytes: Buffer): Promise<{ id: number; url: string; hash: string }> => {
        const form = new FormData();
        form.append('files', new Blob([Uint8Array.from(bytes)], { type: 'image/png' }), name);
        form.append('fileInfo', JSON.stringify({ name, alternativeText: 'A yellow square on a blue harbour', caption: '' }));
        const answer = await fetch(`${cms.url}/upload`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
        const [file] = (await answer.json()) as { id: number; url: string; hash: string }[];
        if ((answer.status !== 200 && answer.status !== 201) || !file) throw new Error(`The upload through ${cms.url} gave ${answer.status}`);
        return file;
      };
      return { send, upload };
    };
    const [onA, onB] = [await editorOn(a), await editorOn(b)];
    const tokens = (await onB.send('GET', '/admin/api-tokens')).json as { data: { name: string }[] };
    expect(tokens.data.map((token) => token.name).sort()).toEqual(['pipeline-build', 'pipeline-preview']);
    const instance = (cms: EmbeddedCms): CmsInstance => ({ database: 'postgres', url: cms.url, buildToken: cms.buildToken, previewToken: cms.previewToken, previewSecret: '', ...ADMIN, logFile: cms.logFile });
    for (const cms of [a, b]) {
      const studies = (await contentApi(instance(cms), 'studies?locale=en&fields[0]=title&pagination[pageSize]=100', cms.buildToken)).json as { data: unknown[] };
      expect(studies.data).toHaveLength(sampleContent.studies.length);
    }

    // A token made and revoked through A is refused by B within the token cache's 10 s.
    const made = (await onA.send('POST', '/admin/api-tokens', { name: 'short-lived', type: 'custom', lifespan: null, permissions: ['api::study.study.find', 'api::axis.axis.find'] })).json as { data: { id: number; accessKey: string } };
    const key = made.data.accessKey;
    expect((await contentApi(instance(b), 'studies?locale=en&fields[0]=title', key)).status).toBe(200);
    // Narrowed through A: studies refused by B within 10 s, axes still fine.
    expect((await onA.send('PUT', `/admin/api-tokens/${made.data.id}`, { permissions: ['api::axis.axis.find'] })).status).toBe(200);
    const narrowedAt = Date.now();
    while ((await contentApi(instance(b), 'studies?locale=en&fields[0]=title', key)).status === 200) await sleep(250);
    expect(Date.now() - narrowedAt).toBeLessThan(TOKEN_CACHE_MS + 2_000);
    expect((await contentApi(instance(b), 'studies?locale=en&fields[0]=title', key)).status).toBe(403);
    expect((await contentApi(instance(b), 'axes?locale=en&fields[0]=name', key)).status).toBe(200);
    expect((await onA.send('DELETE', `/admin/api-tokens/${made.data.id}`)).status).toBe(200);
    const revokedAt = Date.now();
    while ((await contentApi(instance(b), 'axes?locale=en&fields[0]=name', key)).status === 200) await sleep(250);
    expect(Date.now() - revokedAt).toBeLessThan(TOKEN_CACHE_MS + 2_000);
    expect((await contentApi(instance(b), 'axes?locale=en&fields[0]=name', key)).status).toBe(401);

    // An image uploaded through B lands in the media bucket (before the pipeline starts: its
    // webhook is not part of the burst below).
    const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#2a6f97' } })
      .composite([{ input: { create: { width: 240, height: 240, channels: 3, background: '#f4d35e' } }, left: 480, top: 280 }])
      .png()
      .toBuffer();
    const cover = await onB.upload('harbour.png', png);
    expect(cover.url.startsWith(`${store.endpoint}/${MEDIA_BUCKET}/`)).toBe(true);

    // The pipeline: `npm start` against the balancer, its token read from the file the CMS
    // wrote (the recipe's shared volume), deploying each build to the site's bucket.
    balancer = await startBalancer([a.url, b.url]);
    const siteDir = path.join(root, 'site', 'dist');
    pipeline = startPipeline({
      ...media,
      STRAPI_URL: balancer.url,
      BUILD_TOKEN_FILE: path.join(root, 'a', 'build-token'),
      PREVIEW_TOKEN_FILE: path.join(root, 'a', 'preview-token'),
      SITE_URL,
      SITE_PORT: String(sitePort),
      SITE_DIR: siteDir,
      CACHE_DIR: path.join(root, 'cache'),
      WEBHOOK_TOKEN: secrets.WEBHOOK_TOKEN as string,
      PREVIEW_SECRET: secrets.PREVIEW_SECRET as string,
      REPORT_SECRET: 'topology-report-secret-0123456789',
      // Webhooks of one burst reach the server within a few seconds on a loaded test machine;
      // no periodic rebuild, and the search index made by every build, so that a second build
      // would come only from the burst.
      REBUILD_DEBOUNCE_MS: '4000',
      FULL_REBUILD_MINUTES: '0',
      SEARCH_INDEX_DELAY_MS: '0',
      DEPLOY_TARGET: `s3://${SITE_BUCKET}`,
      DEPLOY_S3_ENDPOINT: store.endpoint,
      DEPLOY_S3_ACCESS_KEY_ID: STORE_KEY,
      DEPLOY_S3_SECRET_ACCESS_KEY: STORE_SECRET,
      DEPLOY_S3_FORCE_PATH_STYLE: 'true',
    });
    await pipeline.waitFor(/^Deployed /m, 1, 300_000);
    const servedBefore = [...balancer.served];
    expect(Math.min(...servedBefore)).toBeGreaterThan(0);

    // Two editors publish at the same moment, one on each instance; A's item has B's upload as its cover.
    const stamp = Date.now();
    const article = (title: string, extra: Record<string, unknown> = {}) => ({ title, slug: title.toLowerCase().replace(/\s+/g, '-'), date: '2026-11-30', body: [{ type: 'paragraph', children: [{ type: 'text', text: title }] }], ...extra });
    const [viaA, viaB] = await Promise.all([
      onA.send('POST', '/content-manager/collection-types/api::article.article/actions/publish?locale=en', article(`Through A ${stamp}`, { cover: cover.id, coverAlt: 'A yellow square on a blue harbour' })),
      onB.send('POST', '/content-manager/collection-types/api::article.article/actions/publish?locale=en', article(`Through B ${stamp}`)),
    ]);
    const published = [viaA, viaB].map((answer) => documentIdOf(answer as never));
    await pipeline.waitFor(/^Deployed /m, 2, 120_000);
    // One build for the burst, whose webhooks named both documents, one from each instance.
    await sleep(6_000);
    expect(pipeline.output().match(/^Rebuilding \(/gm)).toHaveLength(1);
    const report = JSON.parse(readFileSync(reportPathFor(siteDir), 'utf8')) as BuildReport;
    expect(report.status).toBe('ok');
    expect((report.trigger?.documents ?? []).map((document) => document.documentId).sort()).toEqual([...published].sort());
    const pages = [`/en/news/through-a-${stamp}/`, `/en/news/through-b-${stamp}/`];
    expect(report.changed?.pages).toEqual(expect.arrayContaining(pages));
    expect(report.deploy?.status).toBe('ok');
    expect(report.deploy?.uploadedFiles).toEqual(expect.arrayContaining(pages.map((page) => `${page.slice(1)}index.html`)));

    // The site's bucket serves the new pages as the pipeline's server does, and the cover's
    // variants, taken from the media bucket, beside them.
    for (const page of pages) {
      const fromBucket = await fetch(`${store.endpoint}/${SITE_BUCKET}${page}index.html`);
      expect([page, fromBucket.status]).toEqual([page, 200]);
      const html = await fromBucket.text();
      expect(await (await fetch(`${siteServer}${page}`)).text()).toBe(html);
    }
    const withCover = await (await fetch(`${store.endpoint}/${SITE_BUCKET}${pages[0]}index.html`)).text();
    const variants = [...new Set([...withCover.matchAll(new RegExp(`/media/${cover.hash}-\\d+\\.(?:avif|webp|jpe?g|png)`, 'g'))].map(([match]) => match))];
    expect(variants.length).toBeGreaterThanOrEqual(2);
    for (const variant of variants) {
      const answer = await fetch(`${store.endpoint}/${SITE_BUCKET}${variant}`);
      expect([variant, answer.status, answer.headers.get('cache-control')]).toEqual([variant, 200, 'public, max-age=31536000, immutable']);
    }
    // The builds read through the balancer from both instances.
    expect(balancer.served.every((count, index) => count > (servedBefore[index] ?? 0))).toBe(true);
  } finally {
    if (pipeline && pipeline.child.exitCode === null) {
      const exited = new Promise((resolve) => pipeline?.child.once('exit', resolve));
      pipeline.child.kill('SIGTERM');
      await exited;
    }
    await balancer?.close();
    await Promise.all(instances.map((cms) => cms.stop()));
    await store?.dispose();
    await database.drop();
    rmSync(root, { recursive: true, force: true });
  }
}, 900_000);

const ADMIN_ENV = { STRAPI_ADMIN_EMAIL: ADMIN.adminEmail, STRAPI_ADMIN_PASSWORD: ADMIN.adminPassword };
