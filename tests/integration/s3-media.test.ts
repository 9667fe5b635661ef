// Media in an S3-compatible bucket, end to end against a real S3-protocol server (s3rver on
// 127.0.0.1): a CMS started with S3_BUCKET stores an editor's upload in the bucket under a URL
// that points there, lets the admin show it (CSP), refuses an upload over the limit before any
// of it reaches the bucket; a build takes the cover from the bucket into the site, and the next
// build downloads nothing again; the release deploys to the site's bucket whole. A CMS whose
// keys are wrong or whose bucket is missing does not start, and says which variable to fix. Each database gets a CMS of its own (its media must not
// go to the shared CMS's disk).
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { sampleContent } from '../../cms/src/seed/content.js';
import { freePort, startEmbeddedCms, type EmbeddedCms } from '../../scripts/embedded-cms.js';
import { deployRelease } from '../../scripts/deploy/deploy.js';
import { scanTree } from '../../scripts/lib/tree-scan.js';
import { runBuild, type BuildOptions } from '../../scripts/pipeline.js';
import type { CmsInstance } from '../support/cms-instances.js';
import { freshDatabases, secretEnv } from '../support/cms-under-test.js';
import { mediaStoreEnv, startObjectStore, STORE_KEY, STORE_SECRET, type ObjectStore } from '../support/object-store.js';
import { readPage, sectionPath } from '../support/site-files.js';
import { listDocuments, signInEditor } from '../support/strapi-http.js';

const SITE_URL = 'https://cities.example.org';
const NOW = new Date('2026-11-27T12:00:00Z');
const BUCKET = 'cms-media';
/** The bucket the site is deployed to, on the same store, one per database. */
const siteBucket = (database: string): string => `cms-site-${database}`;
// Small enough to test with a few megabytes, large enough for the sample covers the CMS seeds.
const UPLOAD_SIZE_LIMIT = 2_000_000;
const ADMIN = { email: 's3media@example.test', password: 'S3-Media-Check-123' };
const cm = (uid: string) => `/content-manager/collection-types/${uid}`;

const storeEnv = (store: ObjectStore, overrides: Record<string, string> = {}): Record<string, string> => ({
  ...mediaStoreEnv(store),
  UPLOAD_SIZE_LIMIT: String(UPLOAD_SIZE_LIMIT),
  ...overrides,
});

const keysIn = async (store: ObjectStore): Promise<string[]> => {
  const client = new S3Client({ endpoint: store.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: STORE_KEY, secretAccessKey: STORE_SECRET } });
  try {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: store.bucket, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((object) => object.Key as string));
      token = page.NextContinuationToken;
    } while (token);
    return keys.sort();
  } finally {
    client.destroy();
  }
};

let store: ObjectStore;
beforeAll(async () => {
  store = await startObjectStore(BUCKET);
});
afterAll(async () => {
  await store?.dispose();
});

test.each(freshDatabases('cms-s3media'))('on %s: uploads go to the bucket, the build takes them from there once, an upload over the limit is refused, and the release deploys whole', async (_name, prepare) => {
  const database = await prepare();
  const root = mkdtempSync(path.join(os.tmpdir(), 'site-s3media-'));
  const outDir = path.join(root, 'dist');
  const base = `${store.endpoint}/${BUCKET}`;
  let cms: EmbeddedCms | null = null;
  try {
    cms = await startEmbeddedCms({
      stateDir: path.join(root, 'cms'),
      env: { ...secretEnv(), ...database.env, ...storeEnv(store), STRAPI_ADMIN_EMAIL: ADMIN.email, STRAPI_ADMIN_PASSWORD: ADMIN.password, PIPELINE_WEBHOOK_URL: `http://127.0.0.1:${await freePort()}/hooks/strapi` },
    });
    const instance: CmsInstance = { database: 'sqlite', url: cms.url, buildToken: cms.buildToken, previewToken: cms.previewToken, previewSecret: '', adminEmail: ADMIN.email, adminPassword: ADMIN.password, logFile: cms.logFile };
    const editor = await signInEditor(instance);

    // The admin may show images from the bucket.
    const csp = (await fetch(`${cms.url}/_health`)).headers.get('content-security-policy') ?? '';
    const directive = (name: string) => csp.split(';').map((part) => part.trim()).find((part) => part.startsWith(`${name} `)) ?? '';
    expect(directive('img-src').split(' ')).toContain(store.endpoint);
    expect(directive('media-src').split(' ')).toContain(store.endpoint);

    // An editor's upload lands in the bucket, and its URL (and its thumbnails') point there.
    const png = await sharp({ create: { width: 1400, height: 900, channels: 3, background: '#2a6f97' } })
      .composite([{ input: { create: { width: 300, height: 300, channels: 3, background: '#f4d35e' } }, left: 550, top: 300 }])
      .png()
      .toBuffer();
    const before = await keysIn(store);
    const fileId = await editor.upload({ name: 'harbour-cover.png', type: 'image/png', bytes: Uint8Array.from(png) }, { alternativeText: 'A yellow square on blue' });
    const file = (await editor.get(`/upload/files/${fileId}`)).json as { url: string; hash: string; ext: string; formats: Record<string, { url: string }> | null };
    expect(file.url).toBe(`${base}/${file.hash}${file.ext}`);
    const added = (await keysIn(store)).filter((key) => !before.includes(key));
    expect(added).toContain(`${file.hash}${file.ext}`);
    for (const format of Object.values(file.formats ?? {})) {
      expect(format.url.startsWith(`${base}/`)).toBe(true);
      expect(added).toContain(format.url.slice(base.length + 1));
    }
    // Readable by anyone at that URL: the build fetches it without keys. (Strapi optimises the
    // original it stores, so the picture, not the bytes, is what was uploaded.)
    const fetched = await fetch(file.url);
    expect(fetched.status).toBe(200);
    expect(await sharp(Buffer.from(await fetched.arrayBuffer())).metadata()).toMatchObject({ format: 'png', width: 1400, height: 900 });

    // An upload over the limit: refused with Strapi's size message, and nothing of it in the bucket.
    const keysBeforeBig = await keysIn(store);
    const big = new Uint8Array(UPLOAD_SIZE_LIMIT + 500_000).fill(7);
    const refused = await editor.upload({ name: 'too-big.png', type: 'image/png', bytes: big }).catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toMatch(/gave 413: .*(FileTooBig|exceeds size limit)/);
    expect(await keysIn(store)).toEqual(keysBeforeBig);

    // The cover of a study, published; the build takes it from the bucket into the site.
    const study2021 = sampleContent.studies.find((s) => s.key === 'study-2021')!;
    const [study] = await listDocuments<{ documentId: string }>(instance, 'studies', 'en', `&filters[slug][$eq]=${study2021.slug.en}`);
    const published = await editor.send('POST', `${cm('api::study.study')}/${study!.documentId}/actions/publish?locale=en`, { cover: fileId, coverAlt: 'A yellow square on a blue harbour' });
    expect(published.status).toBe(200);

    const options: BuildOptions = { strapiUrl: cms.url, strapiToken: cms.buildToken, outDir, siteUrl: SITE_URL, now: NOW, cacheDir: path.join(root, 'cache'), mediaBaseUrls: [base] };
    const first = await runBuild(options);
    if (first.status !== 'ok') throw new Error(`The build failed: ${first.error?.message}`);
    expect(first.media.downloaded).toBeGreaterThan(0);
    expect(first.warnings.filter((issue) => issue.kind === 'image-dropped')).toEqual([]);
    const page = readPage(outDir, `${sectionPath('en', 'studies')}${study2021.slug.en}/`).html;
    const variants = [...page.matchAll(new RegExp(`/media/${file.hash}-\\d+\\.(?:avif|webp|jpe?g)`, 'g'))].map(([match]) => match);
    expect(variants.length).toBeGreaterThanOrEqual(3);
    for (const variant of variants) expect(existsSync(path.join(outDir, variant))).toBe(true);

    // Nothing changed: nothing is downloaded again.
    const second = await runBuild(options);
    if (second.status !== 'ok') throw new Error(`The second build failed: ${second.error?.message}`);
    expect(second.media.downloaded).toBe(0);
    expect(second.media.reused).toBe(first.media.downloaded + first.media.reused);

    // The whole chain: that release deployed to the site's bucket on the same store, every file
    // read back over HTTP byte for byte, and the media bucket left as it was.
    const mediaKeys = await keysIn(store);
    const client = new S3Client({ endpoint: store.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: STORE_KEY, secretAccessKey: STORE_SECRET } });
    await client.send(new CreateBucketCommand({ Bucket: siteBucket(_name) }));
    client.destroy();
    const deployed = await deployRelease({ outDir, settings: { target: { bucket: siteBucket(_name), prefix: '' }, endpoint: store.endpoint, region: 'us-east-1', accessKeyId: STORE_KEY, secretAccessKey: STORE_SECRET, forcePathStyle: true } });
    expect([deployed.status, deployed.error]).toEqual(['ok', null]);
    const files = [...scanTree(realpathSync(outDir)).keys()];
    expect(files.length).toBeGreaterThan(100);
    for (const name of files) {
      const answer = await fetch(`${store.endpoint}/${siteBucket(_name)}/${name.split('/').map(encodeURIComponent).join('/')}`);
      expect([name, answer.status, Buffer.from(await answer.arrayBuffer()).equals(readFileSync(path.join(outDir, name)))]).toEqual([name, 200, true]);
    }
    expect(await keysIn(store)).toEqual(mediaKeys);
  } finally {
    await cms?.stop();
    await database.drop();
    rmSync(root, { recursive: true, force: true });
  }
}, 420_000);

test.each([
  ['a wrong access key', { S3_ACCESS_KEY_ID: 'NOT-THE-KEY-0042' }, /S3_ACCESS_KEY_ID \/ S3_SECRET_ACCESS_KEY: .*refused the access key/],
  ['a missing bucket', { S3_BUCKET: 'no-such-media' }, /S3_BUCKET: there is no bucket "no-such-media"/],
])('a CMS with %s does not start, and names the variable', async (_what, overrides, message) => {
  // The check runs before anything touches content, on any database: SQLite is enough.
  const [, prepare] = freshDatabases('cms-s3media-refused')[0]!;
  const database = await prepare();
  const root = mkdtempSync(path.join(os.tmpdir(), 'cms-s3media-refused-'));
  try {
    const start = startEmbeddedCms({ stateDir: root, env: { ...secretEnv(), ...database.env, ...storeEnv(store, overrides) }, startTimeoutMs: 240_000 });
    const error = await start.then(async (cms) => {
      await cms.stop();
      return null;
    }, (e: Error) => e);
    expect(error?.message).toMatch(/The CMS exited with code/);
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('NOT-THE-KEY-0042');
    expect(error?.message).not.toContain(STORE_SECRET);
  } finally {
    await database.drop();
    rmSync(root, { recursive: true, force: true });
  }
}, 300_000);
