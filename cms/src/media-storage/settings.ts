// Where the media library keeps its files: the CMS's own disk (public/uploads), or an
// S3-compatible bucket when S3_BUCKET is set. Read from the environment in one place, because
// three readers must agree on it: the upload provider (where files go), the admin's content
// security policy (where thumbnails may come from) and the build (which addresses it may fetch
// media from). Pure: the pipeline imports it too.

/** The settings of the bucket, secrets included: only the upload provider and the start check hold them. */
export interface MediaBucket {
  bucket: string;
  region: string;
  /** An S3-compatible store's endpoint (MinIO, R2, …); null: AWS S3 in `region`. */
  endpoint: string | null;
  forcePathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  /** Every file's URL is this, a slash and its key. */
  publicBaseUrl: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The bucket's store as an S3 client is configured for it: the upload provider's and the start check's. */
export const s3ClientSettings = (bucket: MediaBucket) => ({
  region: bucket.region,
  ...(bucket.endpoint && { endpoint: bucket.endpoint }),
  forcePathStyle: bucket.forcePathStyle,
  credentials: { accessKeyId: bucket.accessKeyId, secretAccessKey: bucket.secretAccessKey },
});

const present = (env: Env, name: string): string | null => {
  const value = env[name]?.trim();
  return value ? value : null;
};

/** An http(s) URL without a trailing slash; an error names the variable. */
const httpUrl = (value: string, name: string): string => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is not a URL: expected e.g. https://media.example.org`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} must be an http(s) URL, not ${url.protocol}`);
  if (url.search || url.hash || url.username || url.password) throw new Error(`${name} must be a plain base URL, without query, fragment or credentials`);
  return url.toString().replace(/\/+$/, '');
};

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z0-9-]+$/;

/**
 * Where the files of the bucket can be read by anyone: S3_PUBLIC_URL when given (a CDN or a
 * custom domain), else the store's own address of the bucket, path-style or virtual-hosted as
 * S3_FORCE_PATH_STYLE says. Null when S3_BUCKET is unset (the CMS keeps files on its disk).
 * Needs no secret, so the build can ask it too.
 */
export const mediaPublicBaseUrl = (env: Env): string | null => {
  const bucket = present(env, 'S3_BUCKET');
  if (bucket === null) return null;
  if (!BUCKET_NAME.test(bucket)) throw new Error(`S3_BUCKET "${bucket}" is not a bucket name: 3-63 lower-case letters, digits, dots and hyphens`);
  const region = present(env, 'S3_REGION') ?? 'us-east-1';
  if (!REGION.test(region)) throw new Error(`S3_REGION "${region}" is not a region name such as eu-west-1 (or auto)`);
  const publicUrl = present(env, 'S3_PUBLIC_URL');
  if (publicUrl !== null) return httpUrl(publicUrl, 'S3_PUBLIC_URL');
  const endpointValue = present(env, 'S3_ENDPOINT');
  const forcePathStyle = pathStyle(env);
  if (endpointValue === null) return forcePathStyle ? `https://s3.${region}.amazonaws.com/${bucket}` : `https://${bucket}.s3.${region}.amazonaws.com`;
  const endpoint = new URL(httpUrl(endpointValue, 'S3_ENDPOINT'));
  if (forcePathStyle) return `${endpoint.origin}/${bucket}`;
  return `${endpoint.protocol}//${bucket}.${endpoint.host}`;
};

const pathStyle = (env: Env): boolean => {
  const value = present(env, 'S3_FORCE_PATH_STYLE') ?? 'false';
  if (value !== 'true' && value !== 'false') throw new Error(`S3_FORCE_PATH_STYLE must be true or false, not "${value}"`);
  return value === 'true';
};

/**
 * The bucket the CMS stores uploads in, or null to keep them on its disk. Every variable it
 * needs is checked here, so that a CMS with half a configuration refuses to start, naming what
 * is missing, instead of writing files where nobody looks for them.
 */
export const mediaBucketFrom = (env: Env): MediaBucket | null => {
  const publicBaseUrl = mediaPublicBaseUrl(env);
  if (publicBaseUrl === null) {
    const stray = ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_PUBLIC_URL'].filter((name) => present(env, name) !== null);
    if (stray.length > 0) throw new Error(`${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set but S3_BUCKET is not: set S3_BUCKET to store media in the bucket, or unset ${stray.length === 1 ? 'it' : 'them'} to keep media on the CMS's disk`);
    return null;
  }
  const accessKeyId = present(env, 'S3_ACCESS_KEY_ID');
  const secretAccessKey = present(env, 'S3_SECRET_ACCESS_KEY');
  const missing = [accessKeyId === null && 'S3_ACCESS_KEY_ID', secretAccessKey === null && 'S3_SECRET_ACCESS_KEY'].filter((name): name is string => typeof name === 'string');
  if (missing.length > 0) throw new Error(`S3_BUCKET is set but ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not: the CMS needs an access key of the bucket's store to write media there`);
  const endpoint = present(env, 'S3_ENDPOINT');
  return {
    bucket: present(env, 'S3_BUCKET') as string,
    region: present(env, 'S3_REGION') ?? 'us-east-1',
    endpoint: endpoint === null ? null : httpUrl(endpoint, 'S3_ENDPOINT'),
    forcePathStyle: pathStyle(env),
    accessKeyId: accessKeyId as string,
    secretAccessKey: secretAccessKey as string,
    publicBaseUrl,
  };
};
