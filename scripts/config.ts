// The pipeline's settings, read once from the environment and checked, with the defaults
// the README lists.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PipelineError } from './errors.js';
import { parseDeployTarget } from './deploy/target.js';
import { projectRoot } from './paths.js';

const url = z.string().refine((value) => /^https?:\/\/[^\s/]+(\/.*)?$/.test(value), 'expected an http(s) URL');

const envSchema = z.object({
  STRAPI_URL: url.optional(),
  STRAPI_TOKEN: z.string().min(1).optional(),
  /**
   * Where the CMS writes the keys of the pipeline's tokens (cms/src/bootstrap/api-tokens): with
   * STRAPI_URL, the pipeline reads the build key (and its server the preview key) from these
   * files when STRAPI_TOKEN (PREVIEW_TOKEN) is not set — a volume the CMS and the pipeline share.
   */
  BUILD_TOKEN_FILE: z.string().min(1).optional(),
  PREVIEW_TOKEN_FILE: z.string().min(1).optional(),
  SITE_URL: url.default('http://127.0.0.1:8080'),
  SITE_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  /** Where the pipeline's server listens: this machine only, unless a container or a proxy needs more (0.0.0.0). */
  SITE_HOST: z.string().regex(/^[0-9a-fA-F.:]+$|^localhost$/, 'expected an IP address to listen on, such as 127.0.0.1 or 0.0.0.0').default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65535).default(1337),
  /** Where builds put the site (the live `dist` link and the releases beside it); unset: dist/ in the project. */
  SITE_DIR: z.string().min(1).optional(),
  /** The builds' caches (media, images, PDFs); unset: .cache/ in the project. */
  CACHE_DIR: z.string().min(1).optional(),
  /** Shared with the CMS: the bearer token of its webhooks, and the secret of previews. */
  WEBHOOK_TOKEN: z.string().min(16).optional(),
  PREVIEW_SECRET: z.string().min(16).optional(),
  /** The build report's credential (/_report/), a password of its own; generated locally when unset. */
  REPORT_SECRET: z.string().min(16).optional(),
  /** A token that may read drafts; only the pipeline's server holds it. */
  PREVIEW_TOKEN: z.string().min(1).optional(),
  REBUILD_DEBOUNCE_MS: z.coerce.number().int().min(0).default(1500),
  /** A steady stream of webhooks must not hold the site back: a burst builds at most this long after its first event. */
  REBUILD_MAX_WAIT_MS: z.coerce.number().int().min(0).default(10_000),
  SEARCH_INDEX_DELAY_MS: z.coerce.number().int().min(0).default(30_000),
  FULL_REBUILD_MINUTES: z.coerce.number().min(0).default(15),
  /** Where `npm run deploy` (and `npm start` after each build) publishes the site: s3://bucket/prefix. */
  DEPLOY_TARGET: z
    .string()
    .superRefine((value, context) => {
      const target = parseDeployTarget(value);
      if (typeof target === 'string') context.addIssue({ code: 'custom', message: target });
    })
    .optional(),
  /** An S3-compatible store's endpoint (MinIO, R2, …); unset: AWS S3 of DEPLOY_S3_REGION. */
  DEPLOY_S3_ENDPOINT: url.optional(),
  DEPLOY_S3_REGION: z.string().regex(/^[a-z0-9-]+$/, 'expected a region name such as eu-west-1 (or auto)').default('us-east-1'),
  /** Unset: the AWS SDK's own credential chain (AWS_ACCESS_KEY_ID, ~/.aws, an instance role). */
  DEPLOY_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  DEPLOY_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Bucket in the path (http://host/bucket/key) rather than the host name: MinIO and most self-hosted stores. */
  DEPLOY_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
});

export type PipelineEnv = z.infer<typeof envSchema>;

/** Where builds put the site, and deploys read it: SITE_DIR, else dist/ in the project. */
export const siteDirOf = (env: Pick<PipelineEnv, 'SITE_DIR'>): string => path.resolve(env.SITE_DIR ?? path.join(projectRoot, 'dist'));

/** A .env at the repository root fills in what the shell did not set (the shell wins). */
export const loadDotEnv = (file = path.join(projectRoot, '.env')): void => {
  if (existsSync(file)) process.loadEnvFile(file);
};

export const readEnv = (env: NodeJS.ProcessEnv = process.env): PipelineEnv => {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PipelineError(`Environment variable ${issue?.path.join('.')} is invalid: ${issue?.message}. See the README for its format.`);
  }
  // The token's key itself, or the file the CMS writes it to (the recipe's shared volume; read by cms-connection).
  if (parsed.data.STRAPI_URL && !parsed.data.STRAPI_TOKEN && !parsed.data.BUILD_TOKEN_FILE) {
    throw new PipelineError('STRAPI_URL is set but neither STRAPI_TOKEN nor BUILD_TOKEN_FILE is: pass the key of a read-only API token (Settings → API Tokens) as STRAPI_TOKEN, or the file the CMS writes the build token to as BUILD_TOKEN_FILE.');
  }
  if (parsed.data.STRAPI_TOKEN && !parsed.data.STRAPI_URL) {
    throw new PipelineError('STRAPI_TOKEN is set but STRAPI_URL is not: set STRAPI_URL to the address of the CMS, e.g. https://cms.example.org.');
  }
  if (Boolean(parsed.data.DEPLOY_S3_ACCESS_KEY_ID) !== Boolean(parsed.data.DEPLOY_S3_SECRET_ACCESS_KEY)) {
    const [set, unset] = parsed.data.DEPLOY_S3_ACCESS_KEY_ID ? ['DEPLOY_S3_ACCESS_KEY_ID', 'DEPLOY_S3_SECRET_ACCESS_KEY'] : ['DEPLOY_S3_SECRET_ACCESS_KEY', 'DEPLOY_S3_ACCESS_KEY_ID'];
    throw new PipelineError(`${set} is set but ${unset} is not: set both (an access key of the bucket's store), or neither to use the AWS SDK's own credentials.`);
  }
  return parsed.data;
};
