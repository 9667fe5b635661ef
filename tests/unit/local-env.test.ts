// The CMS's secrets at start-up: generated once into cms/.env for local development only. In
// production a generated ENCRYPTION_KEY could not read the stored token keys (the build token
// would be made again and the pipeline would get 401s), so a missing secret stops the start.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureLocalSecrets, parseDotEnv } from '../../cms/scripts/local-env.js';

const SECRETS = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY', 'WEBHOOK_TOKEN', 'PREVIEW_SECRET'] as const;

let dir: string;
let envFile: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'local-env-'));
  envFile = path.join(dir, '.env');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const caughtFrom = (work: () => void): Error | undefined => {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  return undefined;
};

describe('in production', () => {
  test('a missing secret stops the start, naming every missing variable and how to set it; nothing is generated or written', () => {
    const env: NodeJS.ProcessEnv = { NODE_ENV: 'production', APP_KEYS: 'a,b,c,d', API_TOKEN_SALT: 'salt', JWT_SECRET: '' };
    const before = { ...env };
    const error = caughtFrom(() => ensureLocalSecrets(envFile, env));

    expect(error).toBeInstanceOf(Error);
    const missing = ['ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY', 'WEBHOOK_TOKEN', 'PREVIEW_SECRET'];
    expect(error?.message).toContain(`NODE_ENV=production and these secrets are not set: ${missing.join(', ')}.`);
    expect(error?.message).not.toMatch(/APP_KEYS,|API_TOKEN_SALT,/);
    // How to set them, and why they are not made up here.
    expect(error?.message).toContain('Set them in the environment of every CMS instance');
    expect(error?.message).toContain("randomBytes(32).toString('base64')");
    expect(env).toEqual(before);
    expect(existsSync(envFile)).toBe(false);
  });

  test('NODE_ENV=production in the env file counts too (Strapi reads that file as well)', () => {
    writeFileSync(envFile, 'NODE_ENV=production\nAPP_KEYS=a,b,c,d\n', { mode: 0o600 });
    const error = caughtFrom(() => ensureLocalSecrets(envFile, {}));
    expect(error?.message).toContain('NODE_ENV=production and these secrets are not set: API_TOKEN_SALT, ');
    expect(readFileSync(envFile, 'utf8')).toBe('NODE_ENV=production\nAPP_KEYS=a,b,c,d\n');
  });

  test('values in the env file count as set; the file is only read', () => {
    const lines = SECRETS.filter((key) => key !== 'APP_KEYS').map((key) => `${key}=from-file-${key}`);
    writeFileSync(envFile, `${lines.join('\n')}\n`, { mode: 0o600 });
    const env: NodeJS.ProcessEnv = { NODE_ENV: 'production', APP_KEYS: 'a,b,c,d' };

    ensureLocalSecrets(envFile, env);

    expect(env.APP_KEYS).toBe('a,b,c,d');
    expect(env.ENCRYPTION_KEY).toBe('from-file-ENCRYPTION_KEY');
    expect(env.PREVIEW_SECRET).toBe('from-file-PREVIEW_SECRET');
    expect(readFileSync(envFile, 'utf8')).toBe(`${lines.join('\n')}\n`);
  });
});

describe('in local development', () => {
  test('missing secrets are generated once into the env file (mode 600), and the next start reads the same ones', () => {
    const env: NodeJS.ProcessEnv = { NODE_ENV: 'development', JWT_SECRET: 'mine' };
    ensureLocalSecrets(envFile, env);

    for (const key of SECRETS) expect([key, (env[key] ?? '').length > 0]).toEqual([key, true]);
    expect(env.JWT_SECRET).toBe('mine');
    expect(env.APP_KEYS?.split(',')).toHaveLength(4);
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    const written = readFileSync(envFile, 'utf8');
    expect(Object.keys(parseDotEnv(written)).sort()).toEqual(SECRETS.filter((key) => key !== 'JWT_SECRET').sort());

    const restart: NodeJS.ProcessEnv = { JWT_SECRET: 'mine' };
    ensureLocalSecrets(envFile, restart);
    for (const key of SECRETS.filter((k) => k !== 'JWT_SECRET')) expect([key, restart[key]]).toEqual([key, env[key]]);
    expect(readFileSync(envFile, 'utf8')).toBe(written);
  });

  test('the process environment is left alone when another is given', () => {
    const saved = process.env.ENCRYPTION_KEY;
    delete process.env.ENCRYPTION_KEY;
    try {
      ensureLocalSecrets(envFile, {});
      expect(process.env.ENCRYPTION_KEY).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.ENCRYPTION_KEY;
      else process.env.ENCRYPTION_KEY = saved;
    }
  });
});
