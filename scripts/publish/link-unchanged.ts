// A new release shares every file whose bytes did not change with the live one (a hard
// link, not a copy), so a rebuild writes only what an edit touched, and readers' caches and
// rsync see unchanged files as unchanged.
import { existsSync, linkSync, lstatSync, readFileSync, realpathSync, renameSync } from 'node:fs';
import path from 'node:path';
import { linkOrCopySync, recordPlaced, type Ledger } from '../lib/link-or-copy.js';
import { scanTree, treeKeyOf, type FileStamp, type ScannedTree } from '../lib/tree-scan.js';

export interface LinkResult {
  /** Files whose bytes differ from the live release, or that are new. */
  written: string[];
  linked: number;
}

/**
 * The files of the last two releases this process published (the live one first), with their
 * inodes: the next build compares against the live one without a stat of every live file, and
 * builds over the other one (see startRelease) knowing what it holds. A release this process
 * did not publish (another process built it) is looked at on disk.
 */
let published: { dir: string; tree: ScannedTree }[] = [];

/** What this process recorded of a release it published, by its real path. */
const publishedTree = (releaseDir: string): ScannedTree | null => published.find((record) => record.dir === releaseDir)?.tree ?? null;

/**
 * Takes over the record of a published release that a build renamed to recycle it: the files
 * are the same, the directory is not. Returns a copy the build may change, or null when this
 * process has no record of it.
 */
export const adoptRecord = (formerDir: string): ScannedTree | null => {
  const tree = publishedTree(formerDir);
  published = published.filter((record) => record.dir !== formerDir);
  return tree && new Map(tree);
};

const sameBytes = (a: string, b: string): boolean => readFileSync(a).equals(readFileSync(b));

/**
 * Links the staged files whose bytes equal the live ones; `tree` is the staging directory as
 * scanned, and is kept up to date (it becomes the record of the live release).
 */
export const linkUnchanged = (stagingDir: string, liveDir: string | null, tree: ScannedTree = scanTree(stagingDir)): LinkResult => {
  const files = [...tree.keys()];
  if (!liveDir || !existsSync(liveDir)) return { written: files, linked: 0 };
  const known = publishedTree(realpathSync(liveDir));
  const liveStamp = (file: string): FileStamp | undefined => {
    if (known) return known.get(file);
    const stats = lstatSync(path.join(liveDir, file), { throwIfNoEntry: false });
    return stats?.isFile() ? stats : undefined;
  };
  const written: string[] = [];
  let linked = 0;
  for (const [file, staged] of tree) {
    const live = liveStamp(file);
    if (!live || live.size !== staged.size) written.push(file);
    else if (live.ino === staged.ino && live.dev === staged.dev) linked += 1;
    else if (sameBytes(path.join(stagingDir, file), path.join(liveDir, file))) {
      // rename() over a hard link of the same file would do nothing, hence the check above.
      const stagedPath = path.join(stagingDir, file);
      const temp = `${stagedPath}.link`;
      linkSync(path.join(liveDir, file), temp);
      renameSync(temp, stagedPath);
      tree.set(file, { ...staged, ino: live.ino, dev: live.dev, mtimeMs: live.mtimeMs });
      linked += 1;
    } else written.push(file);
  }
  return { written, linked };
};

/** Records the release that just went live (its directory as the live link resolves it). */
export const rememberPublished = (releaseDir: string, tree: ScannedTree): void => {
  const dir = realpathSync(releaseDir);
  published = [{ dir, tree }, ...published.filter((record) => record.dir !== dir)].slice(0, 2);
};

/** Records a spare release prepared from the live one (see prepareSpare): the live one stays first. */
export const rememberSpare = (spareDir: string, tree: ScannedTree): void => {
  published = [...published.slice(0, 1), { dir: spareDir, tree: new Map(tree) }];
};

/** Whether the live release has this file: from the record when this process published it. */
export const liveHasFile = (liveDir: string, file: string): boolean => {
  const known = publishedTree(liveDir);
  if (known) return known.has(treeKeyOf(file));
  return existsSync(path.join(liveDir, file));
};

/**
 * Puts the live release's `file` (a site path) into the staging directory. When the records
 * say the staging directory (a recycled release, whose files are `held`) already has that very
 * inode, nothing is touched on disk: after one edit that is nearly every page of the site, and
 * two stats for each of them were a tenth of the rebuild.
 */
export const linkFromLive = (liveDir: string, stagingDir: string, file: string, held: ScannedTree | null, ledger: Ledger | null): void => {
  const key = treeKeyOf(file);
  const live = publishedTree(liveDir)?.get(key);
  const there = held?.get(key);
  if (live && there && live.ino === there.ino && live.dev === there.dev) recordPlaced(ledger, path.join(stagingDir, file), false);
  else linkOrCopySync(path.join(liveDir, file), path.join(stagingDir, file), ledger);
};
