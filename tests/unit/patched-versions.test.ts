// The patches of third-party internals are checked against the versions they were written for:
// the installed ones pass, and another version of any patched package stops the CMS at start
// (cms/src/patches/versions.ts) and the PDF renderer (scripts/pdf/pdfkit-patches.ts, fonts.ts).
import { assertPatchedVersions, installedVersion, PATCHED_VERSIONS } from '../../cms/src/patches/versions.js';
import { assertPatchedFontkit } from '../../scripts/pdf/fonts.js';
import { assertPatchedPdfkit } from '../../scripts/pdf/pdfkit-patches.js';

test('the installed Strapi, admin and better-sqlite3 are the versions the CMS patches were written for', () => {
  expect(() => assertPatchedVersions()).not.toThrow();
  for (const name of Object.keys(PATCHED_VERSIONS)) expect(installedVersion(name)).toMatch(/^\d+\.\d+\.\d+/);
});

test.each([
  ['@strapi/core', '5.55.0'],
  ['@strapi/admin', '6.0.0'],
  ['better-sqlite3', '13.0.0'],
])('%s %s stops the CMS, naming the package and the patches to check', (name, version) => {
  expect(() => assertPatchedVersions((asked) => (asked === name ? version : installedVersion(asked)))).toThrow(new RegExp(`${name.replace('/', '\\/')} ${version.replace(/\./g, '\\.')}.*token-lookups\\.ts and kept-statements\\.ts`));
});

test('pdfkit and fontkit: the installed versions pass, another major does not', () => {
  expect(() => assertPatchedPdfkit()).not.toThrow();
  expect(() => assertPatchedFontkit()).not.toThrow();
  expect(() => assertPatchedPdfkit('0.21.0')).toThrow(/pdfkit 0\.21\.0/);
  expect(() => assertPatchedFontkit('3.0.0')).toThrow(/fontkit 3\.0\.0/);
});
