// The object store, through the AWS SDK: read and write the manifest, list what is under the
// target, look at one object's metadata, upload (large files in parts), delete. Its errors
// become sentences that name the setting to fix.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { PipelineEnv } from '../config.js';
import { PipelineError } from '../errors.js';
import { sha256OfFile } from './hashes.js';
import { MANIFEST_NAME, type Manifest, type ObjectState, type WantedObject } from './plan.js';
import { describeTarget, parseDeployTarget, type DeployTarget } from './target.js';

/** A deploy failed; the bucket still serves a complete release (the older one, or the newer). */
export class DeployError extends PipelineError {
  override readonly name = 'DeployError';
}

export interface StoreSettings {
  target: DeployTarget;
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

/** The store settings of the environment, or null when DEPLOY_TARGET is not set (readEnv has checked them). */
export const storeSettingsOf = (env: PipelineEnv): StoreSettings | null => {
  const target = env.DEPLOY_TARGET ? parseDeployTarget(env.DEPLOY_TARGET) : null;
  if (target === null || typeof target === 'string') return null;
  return {
    target,
    endpoint: env.DEPLOY_S3_ENDPOINT,
    region: env.DEPLOY_S3_REGION,
    accessKeyId: env.DEPLOY_S3_ACCESS_KEY_ID,
    secretAccessKey: env.DEPLOY_S3_SECRET_ACCESS_KEY,
    forcePathStyle: env.DEPLOY_S3_FORCE_PATH_STYLE,
  };
};

/** Files above this go up in parts (lib-storage), streamed; the rest in one PUT from memory. */
const MULTIPART_FROM = 16 * 1024 * 1024;
/** The metadata key of the content hash (x-amz-meta-sha256). */
const HASH_KEY = 'sha256';

export interface Store {
  /** Every object under the prefix but the manifest: name (relative to the prefix) → size. */
  list: (signal?: AbortSignal) => Promise<Map<string, number>>;
  /** The manifest, or null when there is none this version can read. Read first: it checks the bucket and the keys. */
  readManifest: (signal?: AbortSignal) => Promise<Manifest | null>;
  writeManifest: (manifest: Manifest, signal?: AbortSignal) => Promise<void>;
  /** What an object's own headers and metadata say it holds, or null when they cannot say. */
  inspect: (name: string, signal?: AbortSignal) => Promise<ObjectState | null>;
  upload: (object: WantedObject, signal?: AbortSignal) => Promise<void>;
  remove: (names: string[], signal?: AbortSignal) => Promise<void>;
  close: () => void;
}

/** Errors of the connection, not of the store's answer. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'TimeoutError', 'RequestTimeout']);

/** A release file that cannot be read: a newer build took the release over (renamed it to build over it). */
const releaseGone = (name: string, error: unknown): DeployError =>
  new DeployError(`${name} could not be read from the release (${codeOf(error) ?? (error as Error).message}): a newer build reused the release while it was being deployed; deploy again.`, { file: name }, { cause: error });

const codeOf = (error: unknown): string | undefined =>
  error instanceof S3ServiceException ? error.name : ((error as { code?: string; name?: string }).code ?? (error as { name?: string }).name);

/** A sentence for what the store answered, naming the setting that is likely wrong. */
export const explainStoreError = (error: unknown, settings: StoreSettings, doing: string): DeployError => {
  const code = codeOf(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const where = describeTarget(settings.target);
  const message = ((): string => {
    if (code === 'NoSuchBucket' || (status === 404 && doing === 'listing')) return `The bucket "${settings.target.bucket}" does not exist at ${settings.endpoint ?? `AWS S3 (${settings.region})`}: check DEPLOY_TARGET (and DEPLOY_S3_ENDPOINT).`;
    if (code === 'InvalidAccessKeyId') return `The store does not know the access key id: check DEPLOY_S3_ACCESS_KEY_ID.`;
    if (code === 'SignatureDoesNotMatch') return `The store refused the signature: check DEPLOY_S3_SECRET_ACCESS_KEY (and DEPLOY_S3_REGION).`;
    if (code === 'AccessDenied' || status === 403) return `The store refused access to ${where} while ${doing}: check that DEPLOY_S3_ACCESS_KEY_ID may list, read, write and delete objects there.`;
    if (code === 'PermanentRedirect' || code === 'AuthorizationHeaderMalformed' || status === 301) return `The bucket "${settings.target.bucket}" is in another region: check DEPLOY_S3_REGION.`;
    if (code === 'AbortError') return `The deploy was stopped while ${doing}.`;
    // By code, or by the message when the SDK wrapped the error (it does for one from another realm, as under jest).
    const network = NETWORK_CODES.has(code ?? '') ? code : [...NETWORK_CODES].find((each) => new RegExp(`\\b${each}\\b`).test((error as Error).message ?? ''));
    if (network) return `Could not reach the store at ${settings.endpoint ?? 'AWS S3'} while ${doing} (${network}): check DEPLOY_S3_ENDPOINT, or that the store is up.`;
    if (status === undefined) return `${(error as Error).name ?? 'Error'} while ${doing}: ${(error as Error).message ?? String(error)}`;
    return `The store answered ${status} ${code ?? ''} while ${doing} (${(error as Error).message}).`;
  })();
  return new DeployError(message, { url: where }, { cause: error });
};

export const openStore = (settings: StoreSettings): Store => {
  const { bucket, prefix } = settings.target;
  const client = new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    forcePathStyle: settings.forcePathStyle,
    ...(settings.accessKeyId && settings.secretAccessKey ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } } : {}),
    // The deploy retries by being run again; a few quick retries cover a blip.
    maxAttempts: 3,
    // Checksums only where S3 requires them (DeleteObjects): the SDK's default adds CRC32 to
    // every upload, as a trailer of a chunked body for streams, which many S3-compatible stores
    // refuse. The content hash in each object's metadata is this deploy's own check.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const keyOf = (name: string): string => (prefix ? `${prefix}/${name}` : name);
  const manifestKey = keyOf(MANIFEST_NAME);
  const guard = async <T>(doing: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw error instanceof DeployError ? error : explainStoreError(error, settings, doing);
    }
  };

  return {
    list: (signal) =>
      guard('listing', async () => {
        const listed = new Map<string, number>();
        let token: string | undefined;
        do {
          const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix ? `${prefix}/` : undefined, ContinuationToken: token }), { abortSignal: signal });
          for (const object of page.Contents ?? []) {
            if (!object.Key || object.Key === manifestKey) continue;
            listed.set(prefix ? object.Key.slice(prefix.length + 1) : object.Key, object.Size ?? 0);
          }
          token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
        return listed;
      }),
    readManifest: (signal) =>
      guard('reading the manifest', async () => {
        try {
          const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: manifestKey }), { abortSignal: signal });
          const parsed = JSON.parse((await answer.Body?.transformToString('utf8')) ?? '') as Partial<Manifest>;
          return parsed.version === 2 && typeof parsed.objects === 'object' && parsed.objects !== null && Array.isArray(parsed.pending) ? (parsed as Manifest) : null;
        } catch (error) {
          // No manifest (a first deploy), or one this version cannot read: the deploy lists the bucket.
          if (codeOf(error) === 'NoSuchKey' || error instanceof SyntaxError) return null;
          throw error;
        }
      }),
    writeManifest: (manifest, signal) =>
      guard('writing the manifest', async () => {
        await client.send(
          new PutObjectCommand({ Bucket: bucket, Key: manifestKey, Body: `${JSON.stringify(manifest)}\n`, ContentType: 'application/json; charset=utf-8', CacheControl: 'no-store' }),
          { abortSignal: signal },
        );
      }),
    inspect: (name, signal) =>
      guard(`reading the metadata of ${name}`, async () => {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: keyOf(name) }), { abortSignal: signal });
        const sha256 = head.Metadata?.[HASH_KEY];
        if (!sha256 || head.ContentLength === undefined || !head.ContentType || !head.CacheControl) return null;
        return { sha256, size: head.ContentLength, contentType: head.ContentType, cacheControl: head.CacheControl, redirect: head.WebsiteRedirectLocation ?? null };
      }),
    upload: (object, signal) =>
      guard(`uploading ${object.name}`, async () => {
        const common = {
          Bucket: bucket,
          Key: keyOf(object.name),
          ContentType: object.contentType,
          CacheControl: object.cacheControl,
          Metadata: { [HASH_KEY]: object.sha256 },
          ...(object.redirect ? { WebsiteRedirectLocation: object.redirect } : {}),
        };
        if (object.file === null) {
          await client.send(new PutObjectCommand({ ...common, Body: new Uint8Array(0) }), { abortSignal: signal });
          return;
        }
        if (object.size < MULTIPART_FROM) {
          const body = await readFile(object.file).catch((error: unknown) => {
            throw releaseGone(object.name, error);
          });
          // A build that recycles this release under the deploy would change its files: what is
          // uploaded must be what the plan hashed, or the object's metadata would lie.
          if (createHash('sha256').update(body).digest('hex') !== object.sha256) throw new DeployError(`${object.name} changed while it was being deployed (a newer build reused its release): deploy again.`, { file: object.name });
          await client.send(new PutObjectCommand({ ...common, Body: body, ContentLength: body.length }), { abortSignal: signal });
          return;
        }
        const stream = createReadStream(object.file);
        const opened = new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', (error) => reject(releaseGone(object.name, error))));
        await opened;
        const upload = new Upload({ client, params: { ...common, Body: stream }, queueSize: 2, partSize: 8 * 1024 * 1024 });
        const onAbort = (): void => void upload.abort();
        signal?.addEventListener('abort', onAbort, { once: true });
        try {
          await upload.done();
        } finally {
          signal?.removeEventListener('abort', onAbort);
        }
        if ((await sha256OfFile(object.file)) !== object.sha256) {
          // Streamed: it can only be checked afterwards; the object goes, so nothing vouches for it.
          await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: keyOf(object.name) }] } }));
          throw new DeployError(`${object.name} changed while it was being deployed (a newer build reused its release): deploy again.`, { file: object.name });
        }
      }),
    remove: (names, signal) =>
      guard('deleting what the release no longer has', async () => {
        for (let start = 0; start < names.length; start += 1000) {
          const batch = names.slice(start, start + 1000);
          const answer = await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((name) => ({ Key: keyOf(name) })), Quiet: true } }), { abortSignal: signal });
          const failed = answer.Errors ?? [];
          if (failed.length > 0) throw new DeployError(`The store did not delete ${failed.length} object(s), e.g. ${failed[0]?.Key}: ${failed[0]?.Code} ${failed[0]?.Message ?? ''}`, { url: describeTarget(settings.target) });
        }
      }),
    close: () => client.destroy(),
  };
};
