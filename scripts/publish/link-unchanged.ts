// A new release shares every file whose bytes did not change with the live one (a hard
// link, not a copy), so a rebuild writes only what an edit touched, and readers' caches and
// rsync see unchanged files as unchanged.
import { createHash } from 'node:crypto';
import { existsSync, linkSync, lstatSync, readFileSync, realpathSync, renameSync } from 'node:fs';
import path from 'node:path';
import { scanTree, type FileStamp, type ScannedTree } from './tree-scan.js';

export interface LinkResult {
  /** Files whose bytes differ from the live release, or that are new. */
  written: string[];
  linked: number;
}

/**
 * The files of the release this process last published, with their inodes: the next build
 * compares against it without a stat of every live file. A live release this process did not
 * publish (another process built it) is looked at on disk.
 */
let lastPublished: { dir: string; tree: ScannedTree } | null = null;

const sameBytes = (a: string, b: string): boolean =>
  createHash('sha256').update(readFileSync(a)).digest('hex') === createHash('sha256').update(readFileSync(b)).digest('hex');

/**
 * Links the staged files whose bytes equal the live ones; `tree` is the staging directory as
 * scanned, and is kept up to date (it becomes the record of the live release).
 */
export const linkUnchanged = (stagingDir: string, liveDir: string | null, tree: ScannedTree = scanTree(stagingDir)): LinkResult => {
  const files = [...tree.keys()];
  if (!liveDir || !existsSync(liveDir)) return { written: files, linked: 0 };
  const known = lastPublished?.dir === realpathSync(liveDir) ? lastPublished.tree : null;
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
  lastPublished = { dir: realpathSync(releaseDir), tree };
};

/** Whether the live release has this file: from the record when this process published it. */
export const liveHasFile = (liveDir: string, file: string): boolean => {
  if (lastPublished?.dir === liveDir) return lastPublished.tree.has(file.split(path.sep).join('/').replace(/^\//, ''));
  return existsSync(path.join(liveDir, file));
};
