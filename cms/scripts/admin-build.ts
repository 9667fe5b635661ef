// Whether the admin panel in dist/build was built from the admin's current inputs. The build
// takes a minute or more, so it is made only when its inputs changed: the customisation in
// src/admin (app.tsx and what it imports), the texts it shows (src/admin-texts), and the
// Strapi release that bundles them. Their fingerprint is kept beside the build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Folders of the app whose files go into the admin bundle. */
export const ADMIN_INPUT_DIRS = ['src/admin', 'src/admin-texts'];

const FINGERPRINT_FILE = '.admin-inputs';

const filesUnder = (dir: string): string[] => {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
};

/** A hash of every admin input file (by path and content) and of the Strapi version. */
export const adminInputsFingerprint = (appDir: string, strapiVersion: string): string => {
  const hash = createHash('sha256').update(`strapi ${strapiVersion}\n`);
  const files = ADMIN_INPUT_DIRS.flatMap((dir) => filesUnder(path.join(appDir, dir)))
    .map((file) => path.relative(appDir, file).split(path.sep).join('/'))
    .sort();
  for (const file of files) {
    hash.update(`${file}\n`).update(readFileSync(path.join(appDir, file))).update('\n');
  }
  return hash.digest('hex');
};

const buildDir = (appDir: string): string => path.join(appDir, 'dist', 'build');

/** Whether dist/build holds an admin built from inputs with this fingerprint. */
export const adminBuildIsCurrent = (appDir: string, fingerprint: string): boolean => {
  if (!existsSync(path.join(buildDir(appDir), 'index.html'))) return false;
  try {
    return readFileSync(path.join(buildDir(appDir), FINGERPRINT_FILE), 'utf8').trim() === fingerprint;
  } catch {
    return false;
  }
};

/** Records, after a build that succeeded, what it was built from. */
export const recordAdminBuild = (appDir: string, fingerprint: string): void => {
  writeFileSync(path.join(buildDir(appDir), FINGERPRINT_FILE), `${fingerprint}\n`);
};
