// Secrets for a laptop: generated once into a git-ignored cms/.env, never committed and
// never placeholders. A real deployment sets them in its environment and this file is
// neither read nor written for any key that is already set. Under NODE_ENV=production nothing
// is generated: a second instance, or a restart with another ENCRYPTION_KEY, could not read the
// stored token keys and would make the build token again (the pipeline then gets 401s), so a
// missing secret stops the start instead.
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

/** How to make one secret by hand, for the message that asks for them. */
const HOW_TO_SET =
  "Set them in the environment of every CMS instance (or in cms/.env), the same values on every instance and across restarts: ENCRYPTION_KEY decrypts the stored API tokens, and WEBHOOK_TOKEN and PREVIEW_SECRET must match the pipeline's. " +
  "Make a value with: node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64'))\" (APP_KEYS takes four such values, comma-separated). " +
  'Secrets are generated only for local development (NODE_ENV other than production).';

/**
 * Makes sure every secret is in `env`: from it first, then from the env file, and otherwise,
 * for local development only, freshly generated and appended to the env file (mode 600). Under
 * NODE_ENV=production a secret found in neither throws, naming every one that is missing.
 */
export const ensureLocalSecrets = (envFile: string, env: NodeJS.ProcessEnv = process.env): void => {
  const fromFile = existsSync(envFile) ? parseDotEnv(readFileSync(envFile, 'utf8')) : {};
  const missing = Object.keys(GENERATED).filter((key) => !env[key] && !fromFile[key]);
  // Strapi reads cms/.env too (the environment wins), so NODE_ENV may be set there.
  if (missing.length > 0 && (env.NODE_ENV ?? fromFile.NODE_ENV) === 'production') {
    throw new Error(`NODE_ENV=production and these secrets are not set: ${missing.join(', ')}. ${HOW_TO_SET}`);
  }
  const appended: string[] = [];
  for (const [key, make] of Object.entries(GENERATED)) {
    if (env[key]) continue;
    let value = fromFile[key];
    if (!value) {
      value = make();
      appended.push(`${key}=${value}`);
    }
    env[key] = value;
  }
  if (appended.length > 0) {
    const previous = existsSync(envFile) ? readFileSync(envFile, 'utf8').replace(/\n*$/, '\n') : '# Generated on first start; git-ignored. Delete a line to regenerate it.\n';
    writeFileSync(envFile, previous + appended.join('\n') + '\n', { mode: 0o600 });
  }
};
