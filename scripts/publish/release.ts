// Output goes live by an atomic swap: each build is written to its own release directory,
// and the output path is a symlink that is replaced in one rename(2). Until that rename
// the previous site is served untouched; a failed build only leaves a staging directory,
// which is removed.
import { existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, renameSync, rmdirSync, rmSync, symlinkSync } from 'node:fs';
import { link, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { PublishError } from '../errors.js';
import type { Ledger } from './link-or-copy.js';
import { treeKeyOf, type ScannedTree } from './tree-scan.js';

const KEEP_RELEASES = 2;

export interface Release {
  /** Where this build writes before it goes live. */
  dir: string;
  id: string;
  /** Built over an older release rather than from an empty directory (see startRelease). */
  recycled: boolean;
  /** Where the recycled release was before it was renamed to `dir`. */
  recycledFrom?: string;
}

export const releasesDirOf = (outDir: string): string => path.join(path.dirname(outDir), `.${path.basename(outDir)}-releases`);

/**
 * The release to build over: the newest one older than the live release. It is the one kept
 * for readers mid-download, and the swap that publishes this build would prune it anyway.
 * Newer ones may be another build's staging.
 */
const spareRelease = (outDir: string): string | null => {
  const releasesDir = releasesDirOf(outDir);
  if (!existsSync(outDir) || !lstatSync(outDir).isSymbolicLink() || !existsSync(releasesDir)) return null;
  const live = path.basename(realpathSync(outDir));
  const older = readdirSync(releasesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name < live)
    .map((entry) => entry.name)
    .sort();
  const newest = older.at(-1);
  // By its real path, as the records of published releases know it (see link-unchanged).
  return newest ? path.join(realpathSync(releasesDir), newest) : null;
};

/**
 * Makes the directory a build writes into. With `recycle`, an older release is renamed to it
 * instead of starting empty: it already holds most files of the site, so a rebuild after one
 * edit makes a few files instead of a directory per page and links to everything else, and no
 * old release has to be deleted afterwards. What it holds that this build does not place is
 * removed by sweepRecycled before the site is checked.
 */
export const startRelease = (outDir: string, id: string, options: { recycle?: boolean } = {}): Release => {
  const dir = path.join(releasesDirOf(outDir), id);
  const spare = options.recycle ? spareRelease(outDir) : null;
  if (spare) {
    try {
      renameSync(spare, dir);
      return { dir, id, recycled: true, recycledFrom: spare };
    } catch {
      // Gone or busy: start empty.
    }
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new PublishError(`Cannot write the site next to ${outDir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): check that the directory exists and is writable. The previous output is untouched.`, { file: dir }, { cause: error });
  }
  return { dir, id, recycled: false };
};

/**
 * Removes from a recycled release the files this build did not place (pages that are gone,
 * files of an older build), and the directories that leaves empty. `tree` is what the release
 * holds: scanned from disk, or with `restat`, the record of it from when it was published, in
 * which case the files this build wrote (or that the record lacks) are stat'ed afresh. Returns
 * the tree of the release as it now is.
 */
export const sweepRecycled = (release: Release, tree: ScannedTree, ledger: Ledger, options: { restat?: boolean } = {}): ScannedTree => {
  const emptied = new Set<string>();
  for (const file of [...tree.keys()]) {
    const full = path.join(release.dir, file);
    if (ledger.placed.has(full)) continue;
    rmSync(full, { force: true });
    tree.delete(file);
    emptied.add(path.dirname(full));
  }
  if (options.restat) {
    const prefix = `${release.dir}${path.sep}`;
    for (const full of ledger.placed) {
      if (!full.startsWith(prefix)) continue;
      const file = treeKeyOf(full.slice(prefix.length));
      if (!ledger.written.has(full) && tree.has(file)) continue;
      const { dev, ino, size, mtimeMs } = lstatSync(full);
      tree.set(file, { dev, ino, size, mtimeMs });
    }
  }
  // Deepest first, so that a directory is tried after the ones inside it.
  const candidates = new Set<string>();
  for (let dir of emptied) {
    while (dir.startsWith(`${release.dir}${path.sep}`)) {
      candidates.add(dir);
      dir = path.dirname(dir);
    }
  }
  for (const dir of [...candidates].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(dir);
    } catch {
      // Not empty: something of this build is in it.
    }
  }
  return tree;
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

/** Resolves when the background work on releases (deleting pruned ones, preparing a spare) is done. */
export const pendingRemovals = (): Promise<void> => removals;

/**
 * When the release that just went live has no older one beside it (the first build, or the
 * first in a fresh output), the next build would have nothing to build over and would make
 * every directory and link of the site again. So a spare is prepared in the background, off
 * the path from an edit to the live site: a copy of the live release made of hard links,
 * assembled under a name no build looks at and renamed into the releases directory, sorted
 * before every release, only when complete. `onReady` gets its directory; its files are the
 * live release's `tree`, inode for inode.
 */
export const prepareSpare = (release: Release, outDir: string, tree: ScannedTree, onReady: (dir: string) => void): void => {
  if (spareRelease(outDir) !== null) return;
  const parent = path.dirname(outDir);
  const prefix = `.${path.basename(outDir)}-spare-`;
  // An assembly a stopped process left half done is never renamed in; it goes now.
  for (const name of readdirSync(parent)) if (name.startsWith(prefix)) removeLater(path.join(parent, name));
  const assembling = path.join(parent, `${prefix}${release.id}`);
  const spare = path.join(realpathSync(releasesDirOf(outDir)), `0-spare-${release.id}`);
  removals = removals
    .then(async () => {
      const made = new Set<string>();
      for (const file of tree.keys()) {
        const dir = path.dirname(path.join(assembling, file));
        if (!made.has(dir)) {
          await mkdir(dir, { recursive: true });
          made.add(dir);
        }
        await link(path.join(release.dir, file), path.join(assembling, file));
      }
      await rename(assembling, spare);
      onReady(spare);
    })
    // A spare that could not be made costs the next build its head start, nothing else.
    .catch(() => rm(assembling, { recursive: true, force: true }))
    .catch(() => undefined);
};

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
