// Which CMS the pipeline reads when STRAPI_URL names one: the key comes from STRAPI_TOKEN or
// from the file the CMS writes it to (BUILD_TOKEN_FILE, the recipe's shared volume), which may
// not exist yet when both start together.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readEnv } from '../../scripts/config.js';
import { connectCms } from '../../scripts/cli/cms-connection.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cms-connection-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('STRAPI_URL needs a key: STRAPI_TOKEN or BUILD_TOKEN_FILE, and the message names both', () => {
  expect(() => readEnv({ STRAPI_URL: 'http://balancer:1337' })).toThrow(/neither STRAPI_TOKEN nor BUILD_TOKEN_FILE/);
  expect(readEnv({ STRAPI_URL: 'http://balancer:1337', BUILD_TOKEN_FILE: '/run/pipeline-tokens/build-token' }).BUILD_TOKEN_FILE).toBe('/run/pipeline-tokens/build-token');
  expect(readEnv({ STRAPI_URL: 'http://balancer:1337', STRAPI_TOKEN: 'k' }).STRAPI_TOKEN).toBe('k');
});

test('with BUILD_TOKEN_FILE, the pipeline waits for the CMS to write the key, and says so once', async () => {
  const file = path.join(dir, 'build-token');
  const waiting: string[] = [];
  setTimeout(() => writeFileSync(file, 'key-written-by-the-cms\n'), 150);
  const cms = await connectCms(readEnv({ STRAPI_URL: 'http://balancer:1337/', BUILD_TOKEN_FILE: file }), { tokenFileWaitMs: 10_000, tokenFilePollMs: 20, onWaiting: (name) => waiting.push(name) });
  expect([cms.url, cms.token, cms.origin]).toEqual(['http://balancer:1337', 'key-written-by-the-cms', 'environment']);
  expect(waiting).toEqual([file]);
});

test('a key file that stays empty ends the wait with a message naming it', async () => {
  const file = path.join(dir, 'build-token');
  writeFileSync(file, '\n');
  await expect(connectCms(readEnv({ STRAPI_URL: 'http://balancer:1337', BUILD_TOKEN_FILE: file }), { tokenFileWaitMs: 100, tokenFilePollMs: 20 })).rejects.toThrow(`BUILD_TOKEN_FILE (${file}) holds no key yet`);
});

test('STRAPI_TOKEN wins over the file, without waiting', async () => {
  const cms = await connectCms(readEnv({ STRAPI_URL: 'http://cms:1337', STRAPI_TOKEN: 'from-env', BUILD_TOKEN_FILE: path.join(dir, 'absent') }), { tokenFileWaitMs: 60_000 });
  expect(cms.token).toBe('from-env');
});
