// The deploy's plan, without a store: which objects a release wants (types, caching, object
// redirects), what the manifest may vouch for, the upload order and the deletions; and the
// settings' checks.
import { readEnv } from '../../scripts/config.js';
import { EMPTY_MANIFEST, EMPTY_SHA256, namesToInspect, objectNameOf, phaseOf, planDeploy, recordedContents, wantedObjects, type Manifest, type ObjectState, type WantedObject } from '../../scripts/deploy/plan.js';
import { parseDeployTarget } from '../../scripts/deploy/target.js';
import { parseRedirects } from '../../scripts/server/redirect-rules.js';

const filesOf = (entries: Record<string, string>): Map<string, { sha256: string; size: number; file: string }> =>
  new Map(Object.entries(entries).map(([name, sha256]) => [name, { sha256, size: sha256.length, file: `/release/${name}` }]));

const stateOf = ({ sha256, size, contentType, cacheControl, redirect }: WantedObject): ObjectState => ({ sha256, size, contentType, cacheControl, redirect });

test('each file goes up in its phase: media and PDFs, pages, feeds and the hosts\' files last', () => {
  expect(['media/a-1f.avif', 'en/studies/x/x-summary.pdf', 'assets/site.css', 'pagefind/pagefind.js'].map(phaseOf)).toEqual(['media', 'media', 'media', 'media']);
  expect(['index.html', 'en/news/a/index.html', '404.html'].map(phaseOf)).toEqual(['pages', 'pages', 'pages']);
  expect(['en/feed.xml', 'es/atom.xml', 'en/feed.json', 'en/events.ics', 'en/events/a/a.ics', 'sitemap.xml', 'sitemap-2.xml', 'robots.txt', '_redirects', '_headers'].map(phaseOf)).toEqual(Array(10).fill('feeds'));
});

test('a site path names its object: a folder its index.html, escapes decoded; paths that leave the prefix none', () => {
  expect(objectNameOf('/en/studies/a/')).toBe('en/studies/a/index.html');
  expect(objectNameOf('/es/estudios/a/a%C3%B1o-resumen.pdf')).toBe('es/estudios/a/año-resumen.pdf');
  expect(objectNameOf('/en/../../etc/passwd')).toBeNull();
  expect(objectNameOf('/%E0%A4%A')).toBeNull();
  expect(objectNameOf('/')).toBe('index.html');
});

test('wanted objects carry the server\'s types and caching; exact redirects become object redirects, splats and 410s do not', () => {
  const rules = parseRedirects(
    [
      '/en/studies/old/old-summary.pdf /en/studies/new/new-summary.pdf 301!',
      '/en/studies/old/* /en/studies/new/:splat 301!',
      '/en/studies/old/ /en/elsewhere/ 301',
      '/en/old-home/ /en/ 301!',
      '/en/gone/ /en/404.html 410',
      '/es/studies/* /es/estudios/:splat 301!',
    ].join('\n'),
  );
  const wanted = new Map(wantedObjects(filesOf({ 'en/old-home/index.html': 'h1', 'en/feed.json': 'h2', 'media/c-9.webp': 'h3' }), rules).map((object) => [object.name, object]));
  expect(wanted.get('en/feed.json')).toMatchObject({ contentType: 'application/feed+json; charset=utf-8', cacheControl: 'public, max-age=300', phase: 'feeds', redirect: null });
  expect(wanted.get('media/c-9.webp')).toMatchObject({ contentType: 'image/webp', cacheControl: 'public, max-age=31536000, immutable', phase: 'media' });
  // On the release's own file there, its bytes kept.
  expect(wanted.get('en/old-home/index.html')).toMatchObject({ file: '/release/en/old-home/index.html', sha256: 'h1', redirect: '/en/', phase: 'pages' });
  // No file there: an empty object.
  expect(wanted.get('en/studies/old/old-summary.pdf')).toMatchObject({ file: null, sha256: EMPTY_SHA256, size: 0, redirect: '/en/studies/new/new-summary.pdf', phase: 'redirects', contentType: 'application/pdf' });
  // An exact rule after a splat that matches it: where the server sends readers, the splat's target.
  expect(wanted.get('en/studies/old/index.html')?.redirect).toBe('/en/studies/new/');
  expect(wanted.has('en/gone/index.html')).toBe(false);
  expect([...wanted.keys()].some((name) => name.startsWith('es/'))).toBe(false);
});

const page = (name: string, sha256: string): WantedObject => wantedObjects(filesOf({ [name]: sha256 }), [])[0]!;

test('the manifest vouches only for objects listed at its size; others are looked at, and the metadata decides', () => {
  const a = page('en/a/index.html', 'aaaa');
  const b = page('en/b/index.html', 'bbbb');
  const c = page('media/c-1.avif', 'cccc');
  const d = page('en/feed.xml', 'dddd');
  const manifest: Manifest = { version: 2, release: 'r1', pending: [], objects: { [a.name]: stateOf(a), [b.name]: { ...stateOf(b), size: 99 }, [d.name]: { ...stateOf(d), sha256: 'old!' } } };
  // a: vouched; b: listed at another size than the manifest says; c: not in the manifest; d: vouched, but changed.
  const listed = new Map([[a.name, 4], [b.name, 4], [c.name, 4], [d.name, 4], ['en/gone/index.html', 10]]);
  expect(namesToInspect([a, b, c, d], manifest, listed).sort()).toEqual([b.name, c.name]);
  // b's metadata says it holds what is wanted; c's says something else.
  const plan = planDeploy('r2', [a, b, c, d], manifest, listed, new Map([[b.name, stateOf(b)], [c.name, { ...stateOf(c), sha256: 'other' }]]));
  expect(plan.uploads.map((object) => object.name)).toEqual([c.name, d.name]);
  expect(plan.unchanged).toBe(2);
  expect(plan.deletions).toEqual(['en/gone/index.html']);
  // Before anything changes, the manifest vouches for nothing that will.
  expect(Object.keys(plan.interim.objects).sort()).toEqual([a.name, b.name]);
  expect(plan.interim.release).toBeNull();
  // ... and names what may change while it is under way.
  expect(plan.interim.pending).toEqual([c.name, d.name, 'en/gone/index.html']);
  expect(plan.final).toEqual({ version: 2, release: 'r2', objects: { [d.name]: stateOf(d), [a.name]: stateOf(a), [b.name]: stateOf(b), [c.name]: stateOf(c) }, pending: [] });
});

test('read back, a manifest tells the bucket: its objects as recorded, a stopped deploy\'s pending names unknown (uploaded again if wanted, deleted if not)', () => {
  const a = page('en/a/index.html', 'aaaa');
  const b = page('en/b/index.html', 'bbbb');
  const c = page('media/c-1.avif', 'cccc');
  // A deploy stopped while uploading b and c and deleting en/gone: b and c may be in the bucket,
  // at the very bytes the next release wants, and still count as unknown.
  const interim: Manifest = { version: 2, release: null, objects: { [a.name]: stateOf(a) }, pending: [b.name, c.name, 'en/gone/index.html'] };
  const contents = recordedContents(interim);
  expect(Object.fromEntries(contents)).toEqual({ [a.name]: 4, [b.name]: -1, [c.name]: -1, 'en/gone/index.html': -1 });
  const plan = planDeploy('r3', [a, b], interim, contents, new Map());
  expect(plan.uploads.map((object) => object.name)).toEqual([b.name]);
  expect(plan.deletions).toEqual(['en/gone/index.html', c.name]);
  expect(plan.interim.pending).toEqual([b.name, 'en/gone/index.html', c.name]);
  // A name both recorded and pending is unknown.
  expect(recordedContents({ ...interim, pending: [a.name] }).get(a.name)).toBe(-1);
});

test('uploads go phase by phase, and in a phase new objects before changed ones', () => {
  const objects = [page('en/feed.xml', 'f'), page('en/list/index.html', 'l2'), page('en/new/index.html', 'n'), page('media/x.avif', 'x'), page('en/studies/a/a.pdf', 'p')];
  const listed = new Map([['en/list/index.html', 2], ['en/feed.xml', 1]]);
  const plan = planDeploy('r', objects, EMPTY_MANIFEST, listed, new Map());
  expect(plan.uploads.map((object) => object.name)).toEqual(['en/studies/a/a.pdf', 'media/x.avif', 'en/new/index.html', 'en/list/index.html', 'en/feed.xml']);
});

test('DEPLOY_TARGET and the store\'s settings are checked, naming the variable', () => {
  expect(parseDeployTarget('s3://my-site')).toEqual({ bucket: 'my-site', prefix: '' });
  expect(parseDeployTarget('s3://my-site/www/en/')).toEqual({ bucket: 'my-site', prefix: 'www/en' });
  for (const bad of ['my-site', 's3://My_Site', 'https://my-site', 's3://ab', 's3://my-site/a/../b', 's3://my-site/a//b']) expect(typeof parseDeployTarget(bad)).toBe('string');
  expect(() => readEnv({ DEPLOY_TARGET: 'bucket' })).toThrow(/DEPLOY_TARGET is invalid: expected s3:\/\/bucket/);
  expect(() => readEnv({ DEPLOY_TARGET: 's3://b-1', DEPLOY_S3_ACCESS_KEY_ID: 'key' })).toThrow(/DEPLOY_S3_ACCESS_KEY_ID is set but DEPLOY_S3_SECRET_ACCESS_KEY is not/);
  expect(() => readEnv({ DEPLOY_S3_ENDPOINT: 'minio:9000' })).toThrow(/DEPLOY_S3_ENDPOINT is invalid/);
  expect(() => readEnv({ DEPLOY_S3_FORCE_PATH_STYLE: 'yes' })).toThrow(/DEPLOY_S3_FORCE_PATH_STYLE is invalid/);
  const env = readEnv({ DEPLOY_TARGET: 's3://b-1/site', DEPLOY_S3_ENDPOINT: 'http://127.0.0.1:9000', DEPLOY_S3_FORCE_PATH_STYLE: 'true', DEPLOY_S3_ACCESS_KEY_ID: 'k', DEPLOY_S3_SECRET_ACCESS_KEY: 's' });
  expect([env.DEPLOY_S3_FORCE_PATH_STYLE, env.DEPLOY_S3_REGION]).toEqual([true, 'us-east-1']);
  expect(readEnv({}).DEPLOY_S3_FORCE_PATH_STYLE).toBe(false);
});
