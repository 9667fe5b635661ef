// This folder patches internals no public API covers: Strapi's API-token lookups and the
// abilities built from them (token-lookups.ts) and better-sqlite3's statement compiling
// (kept-statements.ts). They were written against the versions below; an upgrade makes the
// CMS refuse to start (and a unit test fail) until someone has checked the patches against
// the new code, rather than letting them misbehave silently in production.
import { readFileSync } from 'fs';
import { createRequire } from 'module';
import path from 'path';

// Packages are found from the working directory (the CMS's, or the repository's under the
// tests: the workspace hoists them to one node_modules), so this runs as CommonJS in the CMS
// and as an ES module under jest alike.
const requireHere = createRequire(path.join(process.cwd(), 'index.js'));

/** A module of each package to find it by (the admin's exports hide its main entry). */
const ENTRY: Readonly<Record<string, string>> = { '@strapi/admin': '@strapi/admin/strapi-server' };

/** The versions the patches were written and tested against. */
export const PATCHED_VERSIONS: Readonly<Record<string, RegExp>> = {
  '@strapi/admin': /^5\.54\.0$/,
  '@strapi/core': /^5\.54\.0$/,
  'better-sqlite3': /^12\./,
};

/** The version of an installed package, from its package.json (found beside its main file). */
export const installedVersion = (name: string): string => {
  let dir = path.dirname(requireHere.resolve(ENTRY[name] ?? name));
  for (;;) {
    const file = path.join(dir, 'package.json');
    try {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === name && manifest.version) return manifest.version;
    } catch {
      // no package.json here: look one level up
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the package.json of ${name}`);
    dir = parent;
  }
};

/** Throws, naming each package and what to check, when an installed version is not a patched one. */
export const assertPatchedVersions = (versionOf: (name: string) => string = installedVersion): void => {
  const off = Object.entries(PATCHED_VERSIONS).flatMap(([name, wanted]) => {
    const version = versionOf(name);
    return wanted.test(version) ? [] : [`${name} ${version} (patched for ${wanted.source})`];
  });
  if (off.length > 0) {
    throw new Error(`cms/src/patches reach into internals of versions other than these: ${off.join(', ')}. Check token-lookups.ts and kept-statements.ts against the new code, then update PATCHED_VERSIONS in cms/src/patches/versions.ts.`);
  }
};
