// The pipeline reads with tokens the CMS makes for it, so a laptop needs no manual step:
// a build token that can only find/findOne published content, and a preview token that
// may also read drafts (see security/draft-guard). Their keys land in files only the
// owner can read; a real deployment passes its own tokens instead.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { RECORD_UID } from '../history/sync';
import { PREVIEW_TOKEN_NAME } from '../security/draft-guard';

const BUILD_TOKEN_NAME = 'pipeline-build';

interface StoredToken {
  id: number | string;
  accessKey?: string | null;
  permissions?: string[];
}

interface ApiTokenService {
  getByName(name: string, options?: { includeDecryptedKey?: boolean }): Promise<StoredToken | null>;
  create(attributes: Record<string, unknown>): Promise<StoredToken & { accessKey: string }>;
  regenerate(id: number | string): Promise<{ accessKey: string }>;
  update(id: number | string, attributes: Record<string, unknown>): Promise<StoredToken>;
  revoke(id: number | string): Promise<unknown>;
}

const apiTokenService = (strapi: Core.Strapi): ApiTokenService =>
  strapi.service('admin::api-token-content-api') as unknown as ApiTokenService;

/** The change feed incremental builds start from, and the history of addresses and translations (api/change-feed). */
const CHANGE_FEED_PERMISSIONS = ['api::change-feed.change-feed.read', 'api::change-feed.change-feed.history'];

/**
 * find and findOne on every content type of ours (single types have find only), the
 * collections' bulk export (content-api/export-controller), which the pipeline reads through,
 * and the change feed.
 */
const readPermissions = (strapi: Core.Strapi): string[] =>
  [
    ...Object.values(strapi.contentTypes)
      // The publication records are read through the history route only.
      .filter((contentType) => contentType.uid.startsWith('api::') && contentType.uid !== RECORD_UID)
      .flatMap((contentType) =>
        contentType.kind === 'singleType' ? [`${contentType.uid}.find`] : [`${contentType.uid}.find`, `${contentType.uid}.findOne`, `${contentType.uid}.export`],
      ),
    ...CHANGE_FEED_PERMISSIONS,
  ].sort();

const sameSet = (a: string[] = [], b: string[] = []): boolean => a.length === b.length && [...a].sort().every((value, i) => value === [...b].sort()[i]);

const ensureToken = async (strapi: Core.Strapi, name: string, description: string, permissions: string[]): Promise<string> => {
  const tokens = apiTokenService(strapi);
  const existing = await tokens.getByName(name, { includeDecryptedKey: true });
  if (!existing) {
    const created = await tokens.create({ name, description, type: 'custom', lifespan: null, permissions });
    return created.accessKey;
  }
  if (!sameSet(existing.permissions, permissions)) {
    await tokens.update(existing.id, { permissions });
  }
  // The key is stored encrypted; when ENCRYPTION_KEY changed it cannot be read back.
  return existing.accessKey ?? (await tokens.regenerate(existing.id)).accessKey;
};

const writeSecretFile = (file: string, value: string): void => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
};

/**
 * Strapi creates a "Read Only" and a "Full Access" token, neither expiring, on the first start
 * of an empty database (admin's createDefaultAPITokensIfNeeded), before this app's bootstrap
 * runs. Nothing here uses them and nobody was told they exist: they go, unless the operator
 * asks to keep them (KEEP_DEFAULT_API_TOKENS=true). One that has been used (an integration
 * someone built on it in an older database) is kept, with a warning, rather than broken.
 */
const STRAPI_DEFAULT_TOKENS = [
  { name: 'Read Only', type: 'read-only' },
  { name: 'Full Access', type: 'full-access' },
];

interface ListedToken {
  id: number | string;
  name: string;
  type: string;
  lastUsedAt?: string | null;
}

const removeStrapiDefaultTokens = async (strapi: Core.Strapi): Promise<void> => {
  if (process.env.KEEP_DEFAULT_API_TOKENS === 'true') return;
  const tokens = apiTokenService(strapi);
  const found = (await strapi.db.query('admin::api-token').findMany({
    select: ['id', 'name', 'type', 'lastUsedAt'],
    where: { name: { $in: STRAPI_DEFAULT_TOKENS.map((token) => token.name) } },
  })) as ListedToken[];
  for (const token of found) {
    if (!STRAPI_DEFAULT_TOKENS.some((known) => known.name === token.name && known.type === token.type)) continue;
    if (token.lastUsedAt) {
      strapi.log.warn(`Strapi's default API token "${token.name}" (${token.type}, never expires) has been used, so it is kept; delete it in Settings → API Tokens if nothing needs it.`);
      continue;
    }
    await tokens.revoke(token.id);
    strapi.log.info(`Removed Strapi's default API token "${token.name}" (${token.type}); set KEEP_DEFAULT_API_TOKENS=true to keep it.`);
  }
};

export const ensurePipelineTokens = async (strapi: Core.Strapi): Promise<void> => {
  await removeStrapiDefaultTokens(strapi);
  const stateDir = path.join(strapi.dirs.app.root, '.tmp');
  const buildKey = await ensureToken(strapi, BUILD_TOKEN_NAME, 'Read-only access of the build pipeline to published content', readPermissions(strapi));
  const previewKey = await ensureToken(strapi, PREVIEW_TOKEN_NAME, 'Draft access of the preview server; keep it on the server', readPermissions(strapi));
  const buildFile = path.resolve(process.env.BUILD_TOKEN_FILE ?? path.join(stateDir, 'build-token'));
  const previewFile = path.resolve(process.env.PREVIEW_TOKEN_FILE ?? path.join(stateDir, 'preview-token'));
  writeSecretFile(buildFile, buildKey);
  writeSecretFile(previewFile, previewKey);
  strapi.log.info(`Pipeline tokens written to ${buildFile} and ${previewFile}`);
};
