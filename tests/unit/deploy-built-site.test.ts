// A site the pipeline really built (from the sample snapshot, served by a local stand-in for
// the CMS, covers drawn by sharp) deployed to a real S3-protocol server (s3rver): every file of
// the release read back over HTTP byte for byte, and the headers of each kind of file.
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { deployRelease } from '../../scripts/deploy/deploy.js';
import type { RawSnapshot } from '../../scripts/fetch/snapshot.js';
import { startSnapshotCms, type SnapshotCms } from '../support/snapshot-cms.js';
import { scanTree } from '../../scripts/lib/tree-scan.js';
import { runBuild } from '../../scripts/pipeline.js';
import { pendingRemovals } from '../../scripts/publish/release.js';
import { flushState } from '../../scripts/publish/state.js';
import { startObjectStore, STORE_KEY, STORE_SECRET, type ObjectStore } from '../support/object-store.js';

const snapshot = JSON.parse(readFileSync(new URL('../fixtures/sample-snapshot.json', import.meta.url), 'utf8')) as RawSnapshot;

/** The stand-in CMS, its uploads answered with a drawn cover. */
const startCms = async (): Promise<SnapshotCms> => {
  const cover = await sharp({ create: { width: 1200, height: 675, channels: 3, background: { r: 30, g: 90, b: 160 } } }).png().toBuffer();
  return startSnapshotCms(snapshot, { body: cover, contentType: 'image/png' });
};

let root: string;
let cms: SnapshotCms;
let store: ObjectStore;
beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'deploy-built-'));
  [cms, store] = await Promise.all([startCms(), startObjectStore()]);
});
afterAll(async () => {
  await flushState();
  await pendingRemovals();
  await new Promise((resolve) => cms.server.close(resolve));
  await store.dispose();
  rmSync(root, { recursive: true, force: true });
});

test('a built site deploys whole: every file byte for byte, each kind with its type and caching', async () => {
  const outDir = path.join(root, 'dist');
  const report = await runBuild({ strapiUrl: cms.url, strapiToken: 'test-token', outDir, siteUrl: 'https://cities.test', cacheDir: path.join(root, 'cache'), retries: 0 });
  expect(report.error).toBeNull();
  const deploy = await deployRelease({ outDir, settings: { target: { bucket: store.bucket, prefix: '' }, endpoint: store.endpoint, region: 'us-east-1', accessKeyId: STORE_KEY, secretAccessKey: STORE_SECRET, forcePathStyle: true } });
  expect(deploy.error).toBeNull();
  const files = [...scanTree(realpathSync(outDir)).keys()];
  expect(deploy.uploaded).toBeGreaterThanOrEqual(files.length);
  for (const name of files) {
    const answer = await fetch(`${store.endpoint}/${store.bucket}/${name.split('/').map(encodeURIComponent).join('/')}`);
    expect([name, answer.status]).toEqual([name, 200]);
    expect([name, Buffer.from(await answer.arrayBuffer()).equals(readFileSync(path.join(outDir, name)))]).toEqual([name, true]);
  }
  const headersOf = async (pattern: RegExp): Promise<[string, string | null, string | null]> => {
    const name = files.find((file) => pattern.test(file));
    expect([pattern.source, name]).toEqual([pattern.source, expect.any(String)]);
    const answer = await fetch(`${store.endpoint}/${store.bucket}/${name!.split('/').map(encodeURIComponent).join('/')}`, { method: 'HEAD' });
    return [name!, answer.headers.get('content-type'), answer.headers.get('cache-control')];
  };
  expect(await headersOf(/^en\/index\.html$/)).toEqual(['en/index.html', 'text/html; charset=utf-8', 'no-cache']);
  expect(await headersOf(/^en\/feed\.xml$/)).toEqual(['en/feed.xml', 'application/rss+xml; charset=utf-8', 'public, max-age=300']);
  expect(await headersOf(/^en\/feed\.json$/)).toEqual(['en/feed.json', 'application/feed+json; charset=utf-8', 'public, max-age=300']);
  expect((await headersOf(/\.ics$/)).slice(1)).toEqual(['text/calendar; charset=utf-8', 'public, max-age=300']);
  expect((await headersOf(/\.pdf$/)).slice(1)).toEqual(['application/pdf', 'public, max-age=300']);
  expect((await headersOf(/^media\/.*\.avif$/)).slice(1)).toEqual(['image/avif', 'public, max-age=31536000, immutable']);
  expect((await headersOf(/^media\/.*\.webp$/)).slice(1)).toEqual(['image/webp', 'public, max-age=31536000, immutable']);

  // Unchanged: nothing uploaded.
  const again = await deployRelease({ outDir, settings: { target: { bucket: store.bucket, prefix: '' }, endpoint: store.endpoint, region: 'us-east-1', accessKeyId: STORE_KEY, secretAccessKey: STORE_SECRET, forcePathStyle: true } });
  expect([again.status, again.uploaded, again.deleted]).toEqual(['ok', 0, 0]);
}, 120_000);
