// A CMS configured for a bucket it cannot write to would take uploads and lose them at the
// first one. At start, one HeadBucket request tells: the CMS refuses to start with the name of
// the variable to fix. Its messages never hold the keys.
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { s3ClientSettings, type MediaBucket } from './settings';

interface StoreError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** What to fix, from the store's answer to HeadBucket (which has no body: only the status says). */
export const bucketProblem = (bucket: Pick<MediaBucket, 'bucket' | 'endpoint' | 'region'>, error: StoreError): string => {
  const where = bucket.endpoint ?? `AWS S3 (${bucket.region})`;
  const status = error.$metadata?.httpStatusCode;
  if (status === 404 || error.name === 'NotFound' || error.name === 'NoSuchBucket') return `S3_BUCKET: there is no bucket "${bucket.bucket}" at ${where}; create it, or fix S3_BUCKET`;
  if (status === 403 || status === 401) return `S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: ${where} refused the access key for bucket "${bucket.bucket}" (HTTP ${status}); check both keys, and that the key may read and write the bucket`;
  if (status === 301 || status === 400) return `S3_REGION: bucket "${bucket.bucket}" at ${where} answered HTTP ${status}, which usually means it is in another region than "${bucket.region}"`;
  if (status !== undefined) return `S3_ENDPOINT: ${where} answered HTTP ${status} when asked for bucket "${bucket.bucket}"`;
  return `S3_ENDPOINT: ${where} could not be reached for bucket "${bucket.bucket}" (${error.code ?? error.name ?? 'error'}${error.message ? `: ${error.message}` : ''})`;
};

/** Resolves when the bucket answers to the keys; throws an error naming the variable to fix. */
export const assertBucketReachable = async (bucket: MediaBucket, timeoutMs = 15_000): Promise<void> => {
  const client = new S3Client({ ...s3ClientSettings(bucket), maxAttempts: 2 });
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket.bucket }), { abortSignal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    // The SDK's messages do not quote the keys; this makes sure none ever reaches the log.
    const message = [bucket.secretAccessKey, bucket.accessKeyId].reduce((text, secret) => text.split(secret).join('[key]'), bucketProblem(bucket, error as StoreError));
    throw new Error(`Media storage: ${message}. The CMS does not start until the bucket answers.`);
  } finally {
    client.destroy();
  }
};
