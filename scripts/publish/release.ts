// Output goes live by an atomic swap: each build is written to its own release directory,
// and the output path is a symlink that is replaced in one rename(2). Until that rename
// the previous site is served untouched; a failed build only leaves a staging directory,
// which is removed.
import { existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { PublishError } from '../errors.js';

const KEEP_RELEASES = 2;

export interface Release {
  /** Where this build writes before it goes live. */
  dir: string;
  id: string;
}

export const releasesDirOf = (outDir: string): string => path.join(path.dirname(outDir), `.${path.basename(outDir)}-releases`);

export const startRelease = (outDir: string, id: string): Release => {
  const releasesDir = releasesDirOf(outDir);
  const dir = path.join(releasesDir, id);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new PublishError(`Cannot write the site next to ${outDir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): check that the directory exists and is writable. The previous output is untouched.`, { file: dir }, { cause: error });
  }
  return { dir, id };
};

export const abandonRelease = (release: Release): void => {
  rmSync(release.dir, { recursive: true, force: true });
};

/** Points outDir at the release in one rename, then prunes releases nobody serves. */
export const goLive = (release: Release, outDir: string): void => {
  const releasesDir = path.dirname(release.dir);
  // The new link is made first, under a name no one else uses, so nothing is moved until
  // the swap itself can happen.
  const link = path.join(path.dirname(outDir), `.${path.basename(outDir)}.next-${release.id}`);
  let movedAside: string | null = null;
  let linked = false;
  try {
    symlinkSync(path.relative(path.dirname(outDir), release.dir), link, 'dir');
    linked = true;
    // A plain directory left by an older build or by hand moves aside once (rename(2) cannot
    // replace a directory with a link); from then on the output path is always a symlink.
    if (existsSync(outDir) && !lstatSync(outDir).isSymbolicLink()) {
      // Named to sort before every release id, so pruning treats it as the oldest.
      movedAside = path.join(releasesDir, `0-previous-${release.id}`);
      renameSync(outDir, movedAside);
    }
    renameSync(link, outDir);
  } catch (error) {
    if (linked) rmSync(link, { force: true });
    if (movedAside && !existsSync(outDir)) renameSync(movedAside, outDir);
    throw new PublishError(`Could not swap the new site into ${outDir} (${(error as Error).message}); the previous output is still served.`, { file: outDir }, { cause: error });
  }
  prune(releasesDir, outDir);
};

// Deleting a release of ten thousand files takes longer than the rest of an incremental
// build. Pruned releases are renamed out of the releases directory at once (so nothing
// serves or counts them) and deleted in the background; what a stopped process left half
// deleted is picked up by the next prune.
let removals: Promise<void> = Promise.resolve();

/** Resolves when the background deletions of pruned releases have finished. */
export const pendingRemovals = (): Promise<void> => removals;

const trashPrefix = (outDir: string): string => `.${path.basename(outDir)}-pruned-`;

const removeLater = (dir: string): void => {
  removals = removals.then(() => rm(dir, { recursive: true, force: true })).catch(() => undefined);
};

const prune = (releasesDir: string, outDir: string): void => {
  const parent = path.dirname(outDir);
  for (const name of readdirSync(parent)) if (name.startsWith(trashPrefix(outDir))) removeLater(path.join(parent, name));
  const live = path.resolve(path.dirname(outDir), readlinkSync(outDir));
  const releases = readdirSync(releasesDir)
    .filter((name) => !name.endsWith('.json'))
    .map((name) => path.join(releasesDir, name))
    .filter((dir) => dir !== live)
    .sort()
    .reverse();
  // Keep the one before the live release: a reader mid-download still gets whole files.
  for (const dir of releases.slice(KEEP_RELEASES - 1)) {
    const trash = path.join(parent, `${trashPrefix(outDir)}${path.basename(dir)}`);
    renameSync(dir, trash);
    removeLater(trash);
  }
};
