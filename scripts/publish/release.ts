// Output goes live by an atomic swap: each build is written to its own release directory,
// and the output path is a symlink that is replaced in one rename(2). Until that rename
// the previous site is served untouched; a failed build only leaves a staging directory,
// which is removed. Failure paths never lose the last good release or the reason: a release
// that cannot be deleted is moved out of the way, and only a release that went live (or a
// spare made from one) is ever built over or kept.
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, renameSync, rmdirSync, rmSync, symlinkSync } from 'node:fs';
import { link, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { PublishError } from '../errors.js';
import { logFailure } from '../lib/log.js';
import type { Ledger } from '../lib/link-or-copy.js';
import { treeKeyOf, type ScannedTree } from '../lib/tree-scan.js';
import { replaceAtomicallySync } from '../lib/write-atomic.js';

/** A system error's code (ENOENT, EACCES …), or its message when it has none. */
const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

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

/** Names prepareSpare gives the spares it assembles (complete once renamed in). */
const SPARE_PREFIX = '0-spare';

/**
 * Beside the output, a link to the release that was live before the current one: goLive
 * writes it, since after the swap nothing else tells that release from a directory some build
 * left behind (a failed one that could not be removed sorts newer than it).
 */
const previousLinkOf = (outDir: string): string => path.join(path.dirname(outDir), `.${path.basename(outDir)}-previous`);

/** The name of the release `link` points at, when it points into the releases directory. */
const releaseNameAt = (link: string, releasesDir: string): string | null => {
  if (!lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) return null;
  const target = path.resolve(path.dirname(link), readlinkSync(link));
  return path.dirname(target) === path.resolve(releasesDir) ? path.basename(target) : null;
};

/**
 * The release to build over: the one that was live before the live release (kept for readers
 * mid-download; the swap that publishes this build would prune it anyway), or else a spare
 * prepareSpare made. Nothing else: any other directory may be another build's staging, or a
 * failed build that could not be removed.
 */
const spareRelease = (outDir: string): string | null => {
  const releasesDir = releasesDirOf(outDir);
  if (!existsSync(outDir) || !lstatSync(outDir).isSymbolicLink() || !existsSync(releasesDir)) return null;
  const live = path.basename(realpathSync(outDir));
  // By its real path, as the records of published releases know it (see link-unchanged).
  const real = realpathSync(releasesDir);
  const previous = releaseNameAt(previousLinkOf(outDir), releasesDir);
  if (previous && previous !== live && lstatSync(path.join(real, previous), { throwIfNoEntry: false })?.isDirectory()) return path.join(real, previous);
  const spare = readdirSync(real, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.startsWith(SPARE_PREFIX) && entry.name !== live)
    .map((entry) => entry.name)
    .sort()
    .at(-1);
  return spare ? path.join(real, spare) : null;
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
    throw new PublishError(`Cannot write the site next to ${outDir} (${codeOf(error)}): check that the directory exists and is writable. The previous output is untouched.`, { file: dir }, { cause: error });
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

/**
 * Deletes a release that will not go live. One the build cannot delete (a file it cannot
 * remove, a busy mount) is moved out of the releases directory to be deleted later, and the
 * PublishError thrown says so: the caller reports it beside the build's own error. When it
 * cannot even be moved it stays where it is, which is safe: only releases that went live are
 * built over or kept (see spareRelease and prune).
 */
export const abandonRelease = (release: Release, outDir: string): void => {
  // A build that failed after its swap (its state not saved, say) has the live release: it stays.
  if (isLive(release, outDir)) return;
  try {
    rmSync(release.dir, { recursive: true, force: true });
    return;
  } catch (removeError) {
    let trash: string;
    try {
      trash = moveToTrash(release.dir, outDir);
    } catch (moveError) {
      throw new PublishError(
        `Could not delete the failed release ${release.dir} (${codeOf(removeError)}) nor move it out of the releases directory (${codeOf(moveError)}); it stays there unused, as no build goes over it or keeps it. Check its permissions and delete it by hand.`,
        { file: release.dir },
        { cause: new AggregateError([removeError, moveError], 'deleting and moving the release both failed') },
      );
    }
    throw new PublishError(
      `Could not delete the failed release ${release.dir} (${codeOf(removeError)}); moved it to ${trash}, which the next builds try to delete again. Check the permissions of the files in it.`,
      { file: release.dir },
      { cause: removeError },
    );
  }
};

const isLive = (release: Release, outDir: string): boolean => {
  try {
    return realpathSync(outDir) === realpathSync(release.dir);
  } catch {
    return false;
  }
};

/** Points outDir at the release in one rename, then prunes releases nobody serves. */
export const goLive = (release: Release, outDir: string): void => {
  const releasesDir = path.dirname(release.dir);
  // The release live until now, read before the swap: it is the one to keep for readers
  // mid-download, whatever the names of the other directories sort to.
  let previous = releaseNameAt(outDir, releasesDir);
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
      // Named to sort before every release id.
      movedAside = path.join(releasesDir, `0-previous-${release.id}`);
      renameSync(outDir, movedAside);
      previous = path.basename(movedAside);
    }
    renameSync(link, outDir);
  } catch (error) {
    if (linked) rmSync(link, { force: true });
    if (movedAside && !existsSync(outDir)) renameSync(movedAside, outDir);
    throw new PublishError(`Could not swap the new site into ${outDir} (${(error as Error).message}); the previous output is still served.`, { file: outDir }, { cause: error });
  }
  // The build is live: what follows is housekeeping, and its failures must not fail the build
  // (whose cleanup would then delete the live release). The next swap tries again.
  try {
    recordPrevious(outDir, previous);
  } catch (error) {
    // Without the record the next build starts from an empty directory: slower, not wrong.
    logFailure('could not record the previous release (the next build starts from an empty directory)', error);
  }
  try {
    prune(releasesDir, outDir, previous);
  } catch (error) {
    // Nothing was lost: the releases not pruned now are pruned by the next swap.
    logFailure('could not prune old releases (the next swap tries again)', error);
  }
};

/** Replaces the link to the previous release in one rename, or removes it when there is none. */
const recordPrevious = (outDir: string, previous: string | null): void => {
  const file = previousLinkOf(outDir);
  if (previous === null) {
    rmSync(file, { force: true });
    return;
  }
  replaceAtomicallySync(file, (temporary) => symlinkSync(path.join(path.basename(releasesDirOf(outDir)), previous), temporary, 'dir'));
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
  const spare = path.join(realpathSync(releasesDirOf(outDir)), `${SPARE_PREFIX}-${release.id}`);
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
    .catch((error: unknown) => {
      logFailure('could not prepare a spare release for the next build', error);
      return rm(assembling, { recursive: true, force: true });
    })
    .catch((error: unknown) => logFailure(`could not remove the half-made spare ${assembling}`, error));
};

const trashPrefix = (outDir: string): string => `.${path.basename(outDir)}-pruned-`;

const removeLater = (dir: string): void => {
  removals = removals.then(() => rm(dir, { recursive: true, force: true })).catch((error: unknown) => logFailure(`could not delete ${dir} (the next prune tries again)`, error));
};

/**
 * Renames a release out of the releases directory, under a trash name of its own (pid and
 * random: one left half deleted by an earlier attempt must not be in the way), and deletes it
 * in the background. Trash a deletion leaves behind is tried again by every prune.
 */
const moveToTrash = (dir: string, outDir: string): string => {
  const trash = path.join(path.dirname(outDir), `${trashPrefix(outDir)}${path.basename(dir)}-${process.pid}-${randomBytes(4).toString('hex')}`);
  renameSync(dir, trash);
  removeLater(trash);
  return trash;
};

/**
 * Keeps the live release and the one live before it (a reader mid-download still gets whole
 * files), and moves every other release older than the live one to the trash. Newer ones are
 * other builds' staging. A release that cannot be moved stays for the next prune.
 */
const prune = (releasesDir: string, outDir: string, previous: string | null): void => {
  const parent = path.dirname(outDir);
  for (const name of readdirSync(parent)) if (name.startsWith(trashPrefix(outDir))) removeLater(path.join(parent, name));
  const live = path.basename(path.resolve(parent, readlinkSync(outDir)));
  for (const entry of readdirSync(releasesDir, { withFileTypes: true })) {
    // Releases are directories; the state file beside them stays.
    if (!entry.isDirectory() || entry.name === live || entry.name === previous || entry.name > live) continue;
    try {
      moveToTrash(path.join(releasesDir, entry.name), outDir);
    } catch {
      // Busy or locked: never used (see spareRelease), tried again at the next swap.
    }
  }
};
