// Media in an S3-compatible bucket: the settings the CMS, its security policy and the build
// read from one set of variables; the start check against a real S3-protocol server (s3rver);
// and which media addresses the build downloads, and where on the site they land.
import { readFileSync } from 'node:fs';
import type { RawSnapshot } from '../../scripts/fetch/snapshot.js';
import { normalise } from '../../scripts/normalise/normalise.js';
import { assertBucketReachable } from '../../cms/src/media-storage/bucket-check.js';
import { mediaBucketFrom, mediaPublicBaseUrl } from '../../cms/src/media-storage/settings.js';
import { uploadSizeLimit } from '../../cms/src/media-storage/upload-limit.js';
import { mediaSourceUrl } from '../../scripts/normalise/media-source.js';
import { mediaSitePath } from '../../scripts/normalise/urls.js';
import { startObjectStore, STORE_KEY, STORE_SECRET, type ObjectStore } from '../support/object-store.js';

const KEYS = { S3_ACCESS_KEY_ID: 'AKIAEXAMPLE', S3_SECRET_ACCESS_KEY: 'secret-example-value' };

describe('media storage settings', () => {
  test('without S3_BUCKET media stay on the CMS', () => {
    expect(mediaBucketFrom({})).toBeNull();
    expect(mediaPublicBaseUrl({ S3_REGION: 'eu-west-1' })).toBeNull();
  });

  test('the public address: S3_PUBLIC_URL, else the endpoint path-style or virtual-hosted, else AWS', () => {
    expect(mediaPublicBaseUrl({ S3_BUCKET: 'media', S3_PUBLIC_URL: 'https://cdn.example.org/media/' })).toBe('https://cdn.example.org/media');
    expect(mediaPublicBaseUrl({ S3_BUCKET: 'media', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_FORCE_PATH_STYLE: 'true' })).toBe('http://127.0.0.1:9000/media');
    expect(mediaPublicBaseUrl({ S3_BUCKET: 'media', S3_ENDPOINT: 'https://s3.store.example' })).toBe('https://media.s3.store.example');
    expect(mediaPublicBaseUrl({ S3_BUCKET: 'media', S3_REGION: 'eu-west-1' })).toBe('https://media.s3.eu-west-1.amazonaws.com');
  });

  test('half a configuration is refused, naming the variables', () => {
    expect(() => mediaBucketFrom({ S3_BUCKET: 'media' })).toThrow(/S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are not/);
    expect(() => mediaBucketFrom({ S3_BUCKET: 'media', S3_ACCESS_KEY_ID: 'k' })).toThrow(/S3_SECRET_ACCESS_KEY is not/);
    expect(() => mediaBucketFrom({ S3_ENDPOINT: 'http://127.0.0.1:9000', ...KEYS })).toThrow(/S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY are set but S3_BUCKET is not/);
    expect(() => mediaBucketFrom({ S3_BUCKET: 'Media Files', ...KEYS })).toThrow(/S3_BUCKET "Media Files" is not a bucket name/);
    expect(() => mediaBucketFrom({ S3_BUCKET: 'media', S3_ENDPOINT: 'ftp://store', ...KEYS })).toThrow(/S3_ENDPOINT must be an http\(s\) URL/);
    expect(() => mediaBucketFrom({ S3_BUCKET: 'media', S3_FORCE_PATH_STYLE: 'yes', ...KEYS })).toThrow(/S3_FORCE_PATH_STYLE must be true or false/);
    expect(() => mediaBucketFrom({ S3_BUCKET: 'media', S3_PUBLIC_URL: 'https://u:p@cdn.example.org', ...KEYS })).toThrow(/S3_PUBLIC_URL must be a plain base URL/);
  });

  test('a whole configuration', () => {
    expect(mediaBucketFrom({ S3_BUCKET: 'media', S3_ENDPOINT: 'http://127.0.0.1:9000/', S3_REGION: 'auto', S3_FORCE_PATH_STYLE: 'true', ...KEYS })).toEqual({
      bucket: 'media', region: 'auto', endpoint: 'http://127.0.0.1:9000', forcePathStyle: true, accessKeyId: KEYS.S3_ACCESS_KEY_ID, secretAccessKey: KEYS.S3_SECRET_ACCESS_KEY, publicBaseUrl: 'http://127.0.0.1:9000/media',
    });
  });

  test('the upload limit is a whole number of bytes, 100 MB when unset', () => {
    expect(uploadSizeLimit(undefined)).toBe(100 * 1024 * 1024);
    expect(uploadSizeLimit('2048')).toBe(2048);
    expect(() => uploadSizeLimit('10MB')).toThrow(/UPLOAD_SIZE_LIMIT must be a whole number of bytes/);
  });
});

describe('the start check against a real S3-protocol server', () => {
  let store: ObjectStore;
  beforeAll(async () => {
    store = await startObjectStore('media');
  });
  afterAll(async () => {
    await store?.dispose();
  });
  const bucketAt = (overrides: Record<string, string>) =>
    mediaBucketFrom({ S3_BUCKET: 'media', S3_ENDPOINT: store.endpoint, S3_FORCE_PATH_STYLE: 'true', S3_ACCESS_KEY_ID: STORE_KEY, S3_SECRET_ACCESS_KEY: STORE_SECRET, ...overrides })!;

  test('the right keys and an existing bucket pass', async () => {
    await expect(assertBucketReachable(bucketAt({}))).resolves.toBeUndefined();
    expect(store.requests).toContain('HEAD /media/');
  });

  test('a missing bucket names S3_BUCKET', async () => {
    await expect(assertBucketReachable(bucketAt({ S3_BUCKET: 'no-such-bucket' }))).rejects.toThrow(/S3_BUCKET: there is no bucket "no-such-bucket"/);
  });

  test('a wrong access key names the key variables and never holds the keys', async () => {
    const error = await assertBucketReachable(bucketAt({ S3_ACCESS_KEY_ID: 'WRONGKEY123', S3_SECRET_ACCESS_KEY: 'wrong-secret-456' })).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/S3_ACCESS_KEY_ID \/ S3_SECRET_ACCESS_KEY: .* refused the access key/);
    expect((error as Error).message).not.toMatch(/WRONGKEY123|wrong-secret-456/);
  });

  test('an endpoint nobody answers on names S3_ENDPOINT', async () => {
    await expect(assertBucketReachable(bucketAt({ S3_ENDPOINT: 'http://127.0.0.1:9' }), 5_000)).rejects.toThrow(/S3_ENDPOINT: http:\/\/127\.0\.0\.1:9 could not be reached/);
  });
});

describe('which media the build downloads', () => {
  const CMS = 'http://cms.test:1337';
  const BUCKET = 'https://media.s3.example/cities';

  test("the CMS's uploads, relative or absolute, and files under the bucket's address", () => {
    expect(mediaSourceUrl('/uploads/a_1f.jpg', CMS, [])).toBe('http://cms.test:1337/uploads/a_1f.jpg');
    expect(mediaSourceUrl('http://cms.test:1337/uploads/a_1f.jpg', CMS, [])).toBe('http://cms.test:1337/uploads/a_1f.jpg');
    expect(mediaSourceUrl('https://media.s3.example/cities/a_1f.jpg', CMS, [BUCKET])).toBe('https://media.s3.example/cities/a_1f.jpg');
  });

  test('anything else is not fetched: other hosts, other paths, look-alike hosts, traversal, other schemes', () => {
    expect(mediaSourceUrl('http://169.254.169.254/latest/meta-data/', CMS, [BUCKET])).toBeNull();
    expect(mediaSourceUrl('http://127.0.0.1:5432/x.jpg', CMS, [BUCKET])).toBeNull();
    expect(mediaSourceUrl('/admin/users', CMS, [BUCKET])).toBeNull();
    expect(mediaSourceUrl('/uploads/../admin/x.jpg', CMS, [BUCKET])).toBeNull();
    expect(mediaSourceUrl('/uploads/%2e%2e/admin/x.jpg', CMS, [BUCKET])).toBeNull();
    expect(mediaSourceUrl('https://media.s3.example/cities-other/a.jpg', CMS, [BUCKET])).toBeNull();
    expect(mediaSourceUrl('https://media.s3.example/cities/../private/a.jpg', CMS, [BUCKET])).toBeNull();
    expect(mediaSourceUrl('https://media.s3.example.evil.test/cities/a.jpg', CMS, [BUCKET])).toBeNull();
    expect(mediaSourceUrl('https://user:pw@media.s3.example/cities/a.jpg', CMS, [BUCKET])).toBeNull();
    expect(mediaSourceUrl('file:///etc/passwd', CMS, [BUCKET])).toBeNull();
    expect(mediaSourceUrl('https://media.s3.example/cities/a.jpg', CMS, [])).toBeNull();
  });

  test('a file keeps its site path when it moves to the bucket, and no URL makes an unsafe one', () => {
    expect(mediaSitePath('/uploads/cover_1a2b.jpg')).toBe('/media/cover_1a2b.jpg');
    expect(mediaSitePath('https://media.s3.example/cities/cover_1a2b.jpg')).toBe('/media/cover_1a2b.jpg');
    for (const url of ['/uploads/..', '/uploads/%2e%2e', '/uploads/.hidden', '/uploads/', '/uploads/%E0%A4%A', 'https://b.example/x/%2e%2e%2f%2e%2e%2fetc']) {
      const sitePath = mediaSitePath(url);
      expect(sitePath).toMatch(/^\/media\/[A-Za-z0-9_-][A-Za-z0-9._-]*$/);
      expect(mediaSitePath(url)).toBe(sitePath);
    }
    expect(mediaSitePath('/uploads/..')).not.toBe(mediaSitePath('/uploads/.hidden'));
  });
});

describe('normalise with media in a bucket', () => {
  const FIXTURE: RawSnapshot = JSON.parse(readFileSync(new URL('../fixtures/sample-snapshot.json', import.meta.url), 'utf8'));
  const CMS = 'http://cms.test:1337';
  const BUCKET = 'http://127.0.0.1:9000/media';
  const STUDY_2023 = 'lmu1f1poi5nvnomszawgggjs';
  type RawStudy = { documentId: string; cover: { url: string } | null; summary: unknown[] };
  const studyOf = (snap: RawSnapshot, locale: 'en' | 'es' = 'en'): RawStudy => (snap.collections.study as Record<'en' | 'es', RawStudy[]>)[locale].find((s) => s.documentId === STUDY_2023)!;
  const image = (url: string) => ({ type: 'image', image: { url, name: 'x', alternativeText: 'A chart', width: 10, height: 10 }, children: [{ type: 'text', text: '' }] });

  test('a cover in the bucket is downloaded from there, under the same site path as from the CMS', () => {
    const snap = structuredClone(FIXTURE);
    for (const locale of ['en', 'es'] as const) studyOf(snap, locale).cover!.url = `${BUCKET}/cover_study_2023_9e591aed0b.png`;
    const model = normalise(snap, { cmsUrl: CMS, mediaBaseUrls: [BUCKET] });
    expect(model.media.get('/media/cover_study_2023_9e591aed0b.png')?.sourceUrl).toBe(`${BUCKET}/cover_study_2023_9e591aed0b.png`);
    expect(model.studies.find((s) => s.documentId === STUDY_2023 && s.locale === 'en')?.cover?.file.sitePath).toBe('/media/cover_study_2023_9e591aed0b.png');
    expect(model.issues.filter((issue) => issue.kind === 'image-dropped')).toEqual([]);
  });

  test('a cover or a rich-text image elsewhere is not downloaded: left out and reported', () => {
    const snap = structuredClone(FIXTURE);
    const study = studyOf(snap);
    study.cover!.url = 'http://10.0.0.5/cover_study_2023_9e591aed0b.png';
    const index = study.summary.length;
    study.summary.push(image('http://169.254.169.254/latest/meta-data/iam.png'), image(`${BUCKET}/chart_77aa.png`));
    const model = normalise(snap, { cmsUrl: CMS, mediaBaseUrls: [BUCKET] });
    const en = model.studies.find((s) => s.documentId === STUDY_2023 && s.locale === 'en')!;
    expect(en.cover).toBeNull();
    expect(en.summaryHtml).not.toContain('169.254');
    expect(en.summaryHtml).toContain('<img src="/media/chart_77aa.png"');
    expect([...model.media.values()].map((m) => m.sourceUrl).filter((url) => !url.startsWith(`${CMS}/uploads/`))).toEqual([`${BUCKET}/chart_77aa.png`]);
    const dropped = model.issues.filter((issue) => issue.kind === 'image-dropped' && issue.documentId === STUDY_2023 && issue.locale === 'en');
    expect(dropped.map((issue) => issue.field).sort()).toEqual(['cover', `summary.${index}`]);
    expect(dropped.find((issue) => issue.field === 'cover')?.message).toMatch(/neither in the CMS's uploads nor in its media bucket/);
  });
});
