// The admin panel is rebuilt when its customisation changes (cms/scripts/admin-build), and
// only then: the build takes a minute or more.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminBuildIsCurrent, adminInputsFingerprint, recordAdminBuild } from '../../cms/scripts/admin-build.js';

const app = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'admin-build-'));
  mkdirSync(path.join(dir, 'src', 'admin', 'pages'), { recursive: true });
  mkdirSync(path.join(dir, 'src', 'admin-texts'), { recursive: true });
  mkdirSync(path.join(dir, 'src', 'api'), { recursive: true });
  writeFileSync(path.join(dir, 'src', 'admin', 'app.tsx'), 'export default { config: { locales: ["es"] } };\n');
  writeFileSync(path.join(dir, 'src', 'admin', 'pages', 'Page.tsx'), 'export default () => null;\n');
  writeFileSync(path.join(dir, 'src', 'admin-texts', 'texts.ts'), 'export const texts = {};\n');
  writeFileSync(path.join(dir, 'src', 'api', 'server-only.ts'), 'export {};\n');
  return dir;
};

const built = (dir: string, fingerprint: string): void => {
  mkdirSync(path.join(dir, 'dist', 'build'), { recursive: true });
  writeFileSync(path.join(dir, 'dist', 'build', 'index.html'), '<!doctype html>');
  recordAdminBuild(dir, fingerprint);
};

test('a build made from the current inputs is kept', () => {
  const dir = app();
  const fingerprint = adminInputsFingerprint(dir, '5.54.0');
  expect(adminBuildIsCurrent(dir, fingerprint)).toBe(false);
  built(dir, fingerprint);
  expect(adminBuildIsCurrent(dir, adminInputsFingerprint(dir, '5.54.0'))).toBe(true);
});

test.each([
  ['app.tsx changes', (dir: string) => writeFileSync(path.join(dir, 'src', 'admin', 'app.tsx'), 'export default { config: { locales: ["es", "fr"] } };\n')],
  ['a page of the admin changes', (dir: string) => writeFileSync(path.join(dir, 'src', 'admin', 'pages', 'Page.tsx'), 'export default () => "x";\n')],
  ['a file is added to the admin', (dir: string) => writeFileSync(path.join(dir, 'src', 'admin', 'extra.ts'), 'export {};\n')],
  ['the field texts change', (dir: string) => writeFileSync(path.join(dir, 'src', 'admin-texts', 'texts.ts'), 'export const texts = { a: 1 };\n')],
])('the admin is rebuilt when %s', (_what, change) => {
  const dir = app();
  built(dir, adminInputsFingerprint(dir, '5.54.0'));
  change(dir);
  expect(adminBuildIsCurrent(dir, adminInputsFingerprint(dir, '5.54.0'))).toBe(false);
});

test('the admin is rebuilt for another Strapi release, and not for a change of the server code', () => {
  const dir = app();
  built(dir, adminInputsFingerprint(dir, '5.54.0'));
  expect(adminBuildIsCurrent(dir, adminInputsFingerprint(dir, '5.55.0'))).toBe(false);
  writeFileSync(path.join(dir, 'src', 'api', 'server-only.ts'), 'export const x = 1;\n');
  expect(adminBuildIsCurrent(dir, adminInputsFingerprint(dir, '5.54.0'))).toBe(true);
});

test('a build without its index.html is no build', () => {
  const dir = app();
  const fingerprint = adminInputsFingerprint(dir, '5.54.0');
  mkdirSync(path.join(dir, 'dist', 'build'), { recursive: true });
  recordAdminBuild(dir, fingerprint);
  expect(adminBuildIsCurrent(dir, fingerprint)).toBe(false);
});
