// Deploying the live release to an object store, against a real S3-protocol server (s3rver on
// 127.0.0.1) through the real AWS SDK: every file read back over HTTP byte for byte, with its
// headers; nothing uploaded when nothing changed; one edit, one upload; deletions after every
// upload; a deploy stopped or cut off halfway finished by the next; wrong settings refused
// before anything changes; two deploys at once one after the other, the later release winning.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeleteObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createDeployAfterBuild } from '../../scripts/deploy/after-build.js';
import { deployRelease, recordDeploy, type DeployEvent } from '../../scripts/deploy/deploy.js';
import { hashCacheOf, hashRelease } from '../../scripts/deploy/hashes.js';
import { deployLockOf } from '../../scripts/deploy/lock.js';
import { MANIFEST_NAME } from '../../scripts/deploy/plan.js';
import type { StoreSettings } from '../../scripts/deploy/store.js';
import { goLive, pendingRemovals, startRelease } from '../../scripts/publish/release.js';
import { reportPathFor, type BuildReport } from '../../scripts/publish/report.js';
import { startObjectStore, STORE_KEY, STORE_SECRET, type ObjectStore } from '../support/object-store.js';

const PREFIX = 'www';
const pdf = (title: string): Buffer => Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** A release as a build makes one, small: pages, media, a PDF, feeds, a calendar, the hosts' files. */
const baseSite = (): Record<string, Buffer | string> => ({
  'index.html': '<!doctype html><title>Cities</title>',
  '404.html': '<!doctype html><title>Not found</title>',
  'en/index.html': '<!doctype html><title>Home</title><a href="/en/studies/smart/">Smart</a>',
  'es/index.html': '<!doctype html><title>Inicio</title>',
  'en/studies/smart/index.html': '<!doctype html><title>Smart</title><img src="/media/cover-1a2b3c.avif"><a href="smart-summary.pdf">PDF</a>',
  'en/studies/smart/smart-summary.pdf': pdf('Smart'),
  'es/estudios/smart/index.html': '<!doctype html><title>Inteligente</title>',
  // The page the build leaves at an old address for hosts that cannot redirect.
  'es/studies/smart/index.html': '<!doctype html><meta http-equiv="refresh" content="0; url=/es/estudios/smart/">',
  'en/old-home/index.html': '<!doctype html><meta http-equiv="refresh" content="0; url=/en/">',
  'media/cover-1a2b3c.avif': randomBytes(3000),
  'media/cover-1a2b3c.webp': randomBytes(2000),
  'assets/site.css': 'body{margin:0}',
  'en/feed.xml': '<?xml version="1.0"?><rss version="2.0"><channel><title>Cities</title></channel></rss>',
  'en/atom.xml': '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Cities</title></feed>',
  'en/feed.json': '{"version":"https://jsonfeed.org/version/1.1","title":"Cities","items":[]}',
  'en/events.ics': 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//cities//EN\r\nEND:VCALENDAR\r\n',
  'sitemap.xml': '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>',
  'robots.txt': 'User-agent: *\nSitemap: https://cities.test/sitemap.xml\n',
  _headers: '/*\n  X-Content-Type-Options: nosniff\n',
  _redirects: [
    '# rules as the build writes them',
    '/en/studies/old/old-summary.pdf /en/studies/smart/smart-summary.pdf 301!',
    '/en/studies/old/* /en/studies/smart/:splat 301!',
    '/en/old-home/ /en/ 301!',
    '/en/gone/* /en/404.html 410',
    '/es/studies/* /es/estudios/:splat 301!',
    '',
  ].join('\n'),
});

let root: string;
let outDir: string;
let store: ObjectStore;
let client: S3Client;
let releases = 0;

/** Makes `files` the live release, as a build would (its own directory, dist swapped to it, a report naming it). */
const publish = (files: Record<string, Buffer | string>): string => {
  releases += 1;
  const release = startRelease(outDir, `20261204-000000000-${releases}`);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(release.dir, name)), { recursive: true });
    writeFileSync(path.join(release.dir, name), content);
  }
  goLive(release, outDir);
  writeFileSync(reportPathFor(outDir), JSON.stringify({ status: 'ok', release: release.id } satisfies Partial<BuildReport>));
  return release.dir;
};

const settings = (overrides: Partial<StoreSettings> = {}): StoreSettings => ({
  target: { bucket: store.bucket, prefix: PREFIX },
  endpoint: store.endpoint,
  region: 'us-east-1',
  accessKeyId: STORE_KEY,
  secretAccessKey: STORE_SECRET,
  forcePathStyle: true,
  ...overrides,
});

const deploy = (options: { events?: DeployEvent[]; signal?: AbortSignal; onEvent?: (event: DeployEvent) => void; overrides?: Partial<StoreSettings> } = {}) =>
  deployRelease({
    outDir,
    settings: settings(options.overrides),
    signal: options.signal,
    lockPollMs: 20,
    onEvent: (event) => {
      options.events?.push(event);
      options.onEvent?.(event);
    },
  });

const objectUrl = (name: string): string => `${store.endpoint}/${store.bucket}/${PREFIX}/${name}`;

/** Every object under the prefix, by name. */
const bucketNames = async (): Promise<string[]> => {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: store.bucket, Prefix: `${PREFIX}/`, ContinuationToken: token }));
    names.push(...(page.Contents ?? []).map((object) => object.Key!.slice(PREFIX.length + 1)));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return names.sort();
};

/** Exact redirect rules with no file in the release: the empty objects that carry their redirect. */
const REDIRECT_OBJECTS = ['en/studies/old/old-summary.pdf'];

/** The bucket holds the release byte for byte, plus the redirect objects and the manifest, and nothing else. */
const expectBucketEqualsRelease = async (files: Record<string, Buffer | string>): Promise<void> => {
  expect(await bucketNames()).toEqual([...Object.keys(files), ...REDIRECT_OBJECTS, MANIFEST_NAME].sort());
  for (const [name, content] of Object.entries(files)) {
    const answer = await fetch(objectUrl(name));
    expect([name, answer.status]).toEqual([name, 200]);
    expect([name, Buffer.from(await answer.arrayBuffer()).equals(Buffer.from(content))]).toEqual([name, true]);
  }
};

/** The object names PUT, in order (manifest writes left out). */
const puts = (from = 0): string[] =>
  store.requests
    .slice(from)
    .filter((line) => line.startsWith('PUT ') && !line.includes(MANIFEST_NAME))
    .map((line) => decodeURIComponent(line.slice(`PUT /${store.bucket}/${PREFIX}/`.length).split('?')[0]!));

beforeAll(async () => {
  store = await startObjectStore();
  client = new S3Client({ endpoint: store.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: STORE_KEY, secretAccessKey: STORE_SECRET } });
});
afterAll(async () => {
  client.destroy();
  await store.dispose();
});
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'deploy-'));
  outDir = path.join(root, 'dist');
});
afterEach(async () => {
  store.onRequest = null;
  await pendingRemovals();
  rmSync(root, { recursive: true, force: true });
});

test('a first deploy uploads the release in order with each file\'s type and caching, writes object redirects, and a second uploads nothing', async () => {
  const site = { ...baseSite(), 'media/poster-9f8e7d.pdf': randomBytes(17 * 1024 * 1024) };
  publish(site);
  const events: DeployEvent[] = [];
  const first = await deploy({ events });
  expect(first.error).toBeNull();
  expect(first.status).toBe('ok');
  expect([first.uploaded, first.unchanged, first.deleted]).toEqual([Object.keys(site).length + REDIRECT_OBJECTS.length, 0, 0]);
  await expectBucketEqualsRelease(site);
  // The large file went up in parts.
  expect(store.requests.filter((line) => line.startsWith('POST ') && line.includes('poster-9f8e7d.pdf?uploads'))).toHaveLength(1);

  // Media and PDFs, then pages, then redirects, then feeds and the rest.
  const uploaded = events.flatMap((event) => (event.kind === 'uploaded' ? [event.phase] : []));
  expect(uploaded.join(',')).toMatch(/^(media,)+(pages,)+(redirects,)+(feeds,)*feeds$/);
  const order = events.flatMap((event) => (event.kind === 'uploaded' ? [event.name] : []));
  expect(order.indexOf('en/studies/smart/smart-summary.pdf')).toBeLessThan(order.indexOf('en/studies/smart/index.html'));
  expect(order.indexOf('en/studies/smart/index.html')).toBeLessThan(order.indexOf('en/feed.xml'));

  const headers = async (name: string): Promise<[string | null, string | null]> => {
    const answer = await fetch(objectUrl(name), { method: 'HEAD' });
    return [answer.headers.get('content-type'), answer.headers.get('cache-control')];
  };
  expect(await headers('en/studies/smart/index.html')).toEqual(['text/html; charset=utf-8', 'no-cache']);
  expect(await headers('en/feed.xml')).toEqual(['application/rss+xml; charset=utf-8', 'public, max-age=300']);
  expect(await headers('en/atom.xml')).toEqual(['application/atom+xml; charset=utf-8', 'public, max-age=300']);
  expect(await headers('en/feed.json')).toEqual(['application/feed+json; charset=utf-8', 'public, max-age=300']);
  expect(await headers('en/events.ics')).toEqual(['text/calendar; charset=utf-8', 'public, max-age=300']);
  expect(await headers('en/studies/smart/smart-summary.pdf')).toEqual(['application/pdf', 'public, max-age=300']);
  expect(await headers('media/cover-1a2b3c.avif')).toEqual(['image/avif', 'public, max-age=31536000, immutable']);
  expect(await headers('media/cover-1a2b3c.webp')).toEqual(['image/webp', 'public, max-age=31536000, immutable']);

  // Exact rules become the store's redirects: on an empty object where the release has no
  // file, on the redirect page where it has one; splat and 410 rules have no object form.
  const redirectOf = async (name: string): Promise<string | undefined> =>
    (await client.send(new HeadObjectCommand({ Bucket: store.bucket, Key: `${PREFIX}/${name}` }))).WebsiteRedirectLocation;
  expect(await redirectOf('en/studies/old/old-summary.pdf')).toBe('/en/studies/smart/smart-summary.pdf');
  expect(await redirectOf('en/old-home/index.html')).toBe('/en/');
  expect(await redirectOf('es/studies/smart/index.html')).toBeUndefined();
  expect(first.redirects).toBe(2);

  // The build report gets the deploy.
  expect(recordDeploy(outDir, first)).toBe(true);
  expect((JSON.parse(readFileSync(reportPathFor(outDir), 'utf8')) as BuildReport).deploy).toEqual(first);

  // Nothing changed: no upload, no delete, not even the manifest rewritten; and no listing,
  // the manifest says what the bucket holds: one request in all.
  const before = store.requests.length;
  const second = await deploy();
  expect([second.status, second.uploaded, second.deleted, second.unchanged]).toEqual(['ok', 0, 0, first.uploaded]);
  expect(store.requests.slice(before).map((line) => line.split('?')[0])).toEqual([`GET /${store.bucket}/${PREFIX}/${MANIFEST_NAME}`]);
}, 60_000);

/** Listings of the bucket among the requests from `from` on. */
const listings = (from: number): string[] => store.requests.slice(from).filter((line) => line.startsWith('GET ') && line.includes('list-type=2'));

test('the manifest is trusted: a bucket changed by hand is seen only when asked to verify, which lists it and puts it right', async () => {
  const site = baseSite();
  publish(site);
  expect((await deploy()).status).toBe('ok');
  await client.send(new DeleteObjectCommand({ Bucket: store.bucket, Key: `${PREFIX}/en/studies/smart/smart-summary.pdf` }));
  await client.send(new PutObjectCommand({ Bucket: store.bucket, Key: `${PREFIX}/en/stray/index.html`, Body: 'left by hand' }));

  const from = store.requests.length;
  const trusting = await deploy();
  expect([trusting.status, trusting.uploaded, trusting.deleted]).toEqual(['ok', 0, 0]);
  expect(listings(from)).toEqual([]);
  expect((await fetch(objectUrl('en/studies/smart/smart-summary.pdf'))).status).toBe(404);

  const checking = await deployRelease({ outDir, settings: settings(), verify: true });
  expect([checking.status, checking.uploadedFiles, checking.deletedFiles]).toEqual(['ok', ['en/studies/smart/smart-summary.pdf'], ['en/stray/index.html']]);
  expect(listings(from)).toHaveLength(1);
  await expectBucketEqualsRelease(site);
}, 60_000);

test('one edit uploads one file; a removed file is deleted after every upload', async () => {
  const site = baseSite();
  publish(site);
  expect((await deploy()).status).toBe('ok');

  const edited: Record<string, Buffer | string> = { ...site, 'en/studies/smart/index.html': '<!doctype html><title>Smart, edited</title>' };
  publish(edited);
  const before = store.requests.length;
  const one = await deploy();
  expect([one.status, one.uploaded, one.deleted, one.uploadedFiles]).toEqual(['ok', 1, 0, ['en/studies/smart/index.html']]);
  expect(puts(before)).toEqual(['en/studies/smart/index.html']);
  await expectBucketEqualsRelease(edited);

  const { 'media/cover-1a2b3c.webp': _removed, ...smaller } = edited;
  const withNew = { ...smaller, 'en/news/new/index.html': '<!doctype html><title>New</title>', 'en/feed.xml': '<rss version="2.0"><channel><title>New</title></channel></rss>' };
  publish(withNew);
  const from = store.requests.length;
  const next = await deploy();
  expect([next.status, next.uploaded, next.deleted, next.deletedFiles]).toEqual(['ok', 2, 1, ['media/cover-1a2b3c.webp']]);
  const mutations = store.requests.slice(from).filter((line) => (line.startsWith('PUT ') && !line.includes(MANIFEST_NAME)) || line.startsWith('POST '));
  // The page, then the feed that lists it, then the deletion.
  expect(mutations.map((line) => line.split(' ')[0]!.concat(line.includes('?delete') ? ' delete' : ''))).toEqual(['PUT', 'PUT', 'POST delete']);
  expect(puts(from)).toEqual(['en/news/new/index.html', 'en/feed.xml']);
  await expectBucketEqualsRelease(withNew);
}, 60_000);

test('a deploy stopped halfway leaves a complete release, and the next one makes the bucket equal the release, even one that went back', async () => {
  const site = baseSite();
  publish(site);
  expect((await deploy()).status).toBe('ok');

  // A release changing everything, stopped after three uploads (the new media: old pages still have theirs).
  // Media of the same size as before: only the content hash tells them apart.
  const v2 = (name: string, content: Buffer | string): Buffer | string =>
    name === '_redirects' ? content : name.startsWith('media/') ? randomBytes(Buffer.from(content).length) : Buffer.concat([Buffer.from(content), Buffer.from('\n<!-- v2 -->')]);
  const changed = Object.fromEntries(Object.entries(site).map(([name, content]) => [name, v2(name, content)]));
  publish(changed);
  const controller = new AbortController();
  const stopped = await deploy({ signal: controller.signal, onEvent: (event) => event.kind === 'uploaded' && event.done === 3 && controller.abort() });
  expect(stopped.status).toBe('failed');
  expect(stopped.error).toMatch(/stopped/);
  expect(stopped.uploaded).toBeGreaterThanOrEqual(3);
  expect(stopped.uploaded).toBeLessThan(Object.keys(site).length);
  // Every page of the old release is still there, as are its PDF and media.
  for (const name of Object.keys(site).filter((name) => name.endsWith('.html'))) expect((await fetch(objectUrl(name))).status).toBe(200);

  // The site goes back to the first content (a new release with the old bytes): objects the
  // stopped deploy overwrote must not pass for unchanged.
  publish(site);
  const resumed = await deploy();
  expect(resumed.status).toBe('ok');
  expect(resumed.uploaded).toBeGreaterThanOrEqual(3);
  await expectBucketEqualsRelease(site);
  // And once more to the changed release: finished without a stop.
  publish(changed);
  expect((await deploy()).status).toBe('ok');
  await expectBucketEqualsRelease(changed);
}, 60_000);

test('the store going away mid-deploy: a clear error, the older release still served whole, and the next deploy finishes the job', async () => {
  const site = baseSite();
  publish(site);
  expect((await deploy()).status).toBe('ok');

  const next = { ...baseSite(), 'en/studies/smart/index.html': '<!doctype html><title>Smart</title><a href="smart-2026-summary.pdf">PDF</a>', 'en/studies/smart/smart-2026-summary.pdf': pdf('Smart 2026') };
  delete (next as Record<string, unknown>)['en/studies/smart/smart-summary.pdf'];
  publish(next);
  let seen = 0;
  store.onRequest = (line) => {
    if (line.startsWith('PUT ') && !line.includes(MANIFEST_NAME) && (seen += 1) === 1) void store.stop();
  };
  const failed = await deploy();
  store.onRequest = null;
  await store.restart();
  expect(failed.status).toBe('failed');
  expect(failed.error).toMatch(/Could not reach the store at http:\/\/127\.0\.0\.1:\d+ .*ECONNREFUSED.*DEPLOY_S3_ENDPOINT/);
  // Nothing was deleted, and the old page still links to a PDF that is there.
  expect((await fetch(objectUrl('en/studies/smart/smart-summary.pdf'))).status).toBe(200);
  const page = await (await fetch(objectUrl('en/studies/smart/index.html'))).text();
  const linked = /href="([^"]+\.pdf)"/.exec(page)![1]!;
  expect((await fetch(objectUrl(`en/studies/smart/${linked}`))).status).toBe(200);

  expect((await deploy()).status).toBe('ok');
  await expectBucketEqualsRelease(next);
}, 60_000);

test('wrong keys or a missing bucket: the deploy fails before any write, naming the setting', async () => {
  publish(baseSite());
  const before = store.requests.length;
  const wrongKey = await deploy({ overrides: { accessKeyId: 'NOT-A-KEY' } });
  expect(wrongKey.status).toBe('failed');
  expect(wrongKey.error).toContain('DEPLOY_S3_ACCESS_KEY_ID');
  const noBucket = await deploy({ overrides: { target: { bucket: 'no-such-bucket', prefix: PREFIX } } });
  expect(noBucket.status).toBe('failed');
  expect(noBucket.error).toMatch(/"no-such-bucket" does not exist.*DEPLOY_TARGET/);
  const written = store.requests.slice(before).filter((line) => !line.startsWith('GET ') && !line.startsWith('HEAD '));
  expect(written).toEqual([]);
}, 60_000);

test('two deploys at once never interleave, and the later release wins', async () => {
  const site = baseSite();
  publish(site);
  const log: string[] = [];
  const firstDone = deploy({ onEvent: (event) => log.push(`A ${event.kind}`) }).then((report) => {
    log.push('A done');
    return report;
  });
  // While the first runs, a newer release goes live and its deploy starts.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const later = { ...site, 'en/index.html': '<!doctype html><title>Home, later</title>' };
  publish(later);
  const secondDone = deploy({ onEvent: (event) => log.push(`B ${event.kind}`) }).then((report) => {
    log.push('B done');
    return report;
  });
  const [first, second] = await Promise.all([firstDone, secondDone]);
  expect([first.status, second.status]).toEqual(['ok', 'ok']);
  expect(log).toContain('B waiting');
  // Everything B did came after A was done.
  const aDone = log.indexOf('A done');
  expect(log.slice(0, aDone).filter((line) => line.startsWith('B ') && line !== 'B waiting')).toEqual([]);
  expect(second.release).not.toBe(first.release);
  await expectBucketEqualsRelease(later);
}, 60_000);

test('npm run deploy killed halfway (SIGKILL): its lock is taken over and the next deploy makes the bucket equal the release', async () => {
  const site = baseSite();
  publish(site);
  expect((await deploy()).status).toBe('ok');
  const next = Object.fromEntries(Object.entries(site).map(([name, content]) => [name, name === '_redirects' ? content : Buffer.concat([Buffer.from(content), Buffer.from('\n<!-- killed -->')])]));
  publish(next);

  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cli/deploy.ts', '--out', outDir], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: {
      PATH: process.env.PATH,
      DEPLOY_TARGET: `s3://${store.bucket}/${PREFIX}`,
      DEPLOY_S3_ENDPOINT: store.endpoint,
      DEPLOY_S3_ACCESS_KEY_ID: STORE_KEY,
      DEPLOY_S3_SECRET_ACCESS_KEY: STORE_SECRET,
      DEPLOY_S3_FORCE_PATH_STYLE: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const before = store.requests.length;
  let uploads = 0;
  store.onRequest = (line) => {
    if (line.startsWith('PUT ') && !line.includes(MANIFEST_NAME) && (uploads += 1) === 2) child.kill('SIGKILL');
  };
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, killed) => resolve(killed)));
  store.onRequest = null;
  expect([signal, output]).toEqual(['SIGKILL', expect.stringContaining('to upload')]);
  expect(puts(before).length).toBeGreaterThanOrEqual(2);
  expect(puts(before).length).toBeLessThan(Object.keys(next).length);
  // The dead process's lock is still there; the next deploy takes it over.
  expect(existsSync(deployLockOf(outDir))).toBe(true);
  const resumed = await deploy();
  expect(resumed.status).toBe('ok');
  await expectBucketEqualsRelease(next);
  expect(existsSync(deployLockOf(outDir))).toBe(false);
}, 60_000);

test('under npm start, builds that finish during a deploy make one more deploy after it, of what is live then; a failed build none', async () => {
  const lines: string[] = [];
  const deployer = createDeployAfterBuild(outDir, settings(), (text) => lines.push(text));
  publish(baseSite());
  deployer.onBuilt({ status: 'ok' } as BuildReport);
  const latest = { ...baseSite(), 'en/index.html': '<!doctype html><title>Latest</title>' };
  for (const site of [{ ...baseSite(), 'en/index.html': '<!doctype html><title>Between</title>' }, latest]) {
    publish(site);
    deployer.onBuilt({ status: 'ok' } as BuildReport);
  }
  deployer.onBuilt({ status: 'failed' } as BuildReport);
  await deployer.idle();
  expect(lines.filter((line) => line.startsWith('Deployed '))).toHaveLength(2);
  await expectBucketEqualsRelease(latest);
  // The report of the release deployed last says so.
  expect((JSON.parse(readFileSync(reportPathFor(outDir), 'utf8')) as BuildReport).deploy?.status).toBe('ok');
  await deployer.stop();
}, 60_000);

test('release files are hashed once: a file the build linked unchanged (same identity) is not read again', async () => {
  const dir = publish({ 'a.html': 'one', 'b.html': 'two' });
  const cache = hashCacheOf(outDir);
  const first = await hashRelease(dir, cache);
  expect(first.get('a.html')?.sha256).toBe('7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed');
  // A cache that lies about a.html's identity is believed, which shows the file was not read.
  const stored = JSON.parse(readFileSync(cache, 'utf8')) as Record<string, string>;
  writeFileSync(cache, JSON.stringify(Object.fromEntries(Object.entries(stored).map(([key, hash]) => [key, hash === first.get('a.html')?.sha256 ? 'from-the-cache' : hash]))));
  expect((await hashRelease(dir, cache)).get('a.html')?.sha256).toBe('from-the-cache');
  // A file written again (a new identity) is read.
  writeFileSync(path.join(dir, 'b.html'), 'two, edited');
  expect((await hashRelease(dir, cache)).get('b.html')?.sha256).not.toBe(first.get('b.html')?.sha256);
});
