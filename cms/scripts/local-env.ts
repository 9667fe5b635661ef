// Secrets for a laptop: generated once into a git-ignored cms/.env, never committed and
// never placeholders. A real deployment sets them in its environment and this file is
// neither read nor written for any key that is already set.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const random = (bytes = 32): string => randomBytes(bytes).toString('base64');

/** Keys the CMS cannot start without, with how to make a fresh value for each. */
const GENERATED: Record<string, () => string> = {
  APP_KEYS: () => [random(), random(), random(), random()].join(','),
  API_TOKEN_SALT: random,
  ADMIN_JWT_SECRET: random,
  TRANSFER_TOKEN_SALT: random,
  JWT_SECRET: random,
  ENCRYPTION_KEY: random,
  // Shared with the pipeline's server: Strapi's webhooks carry the first, the admin's
  // Preview button the second.
  WEBHOOK_TOKEN: () => randomBytes(24).toString('hex'),
  PREVIEW_SECRET: () => randomBytes(24).toString('hex'),
};

export const parseDotEnv = (text: string): Record<string, string> => {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    const [, key, raw] = match as unknown as [string, string, string];
    values[key] = raw.replace(/^(['"])(.*)\1$/, '$2');
  }
  return values;
};

/**
 * Makes sure every secret is in process.env: from the environment first, then from the
 * env file, and otherwise freshly generated and appended to the env file (mode 600).
 */
export const ensureLocalSecrets = (envFile: string): void => {
  const fromFile = existsSync(envFile) ? parseDotEnv(readFileSync(envFile, 'utf8')) : {};
  const appended: string[] = [];
  for (const [key, make] of Object.entries(GENERATED)) {
    if (process.env[key]) continue;
    let value = fromFile[key];
    if (!value) {
      value = make();
      appended.push(`${key}=${value}`);
    }
    process.env[key] = value;
  }
  if (appended.length > 0) {
    const previous = existsSync(envFile) ? readFileSync(envFile, 'utf8').replace(/\n*$/, '\n') : '# Generated on first start; git-ignored. Delete a line to regenerate it.\n';
    writeFileSync(envFile, previous + appended.join('\n') + '\n', { mode: 0o600 });
  }
};
