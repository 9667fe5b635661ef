// One walk of a staged release, with each file's identity: the checks and the publish step
// both need every file and its inode, and at ten thousand pages a second walk or a second
// stat per file is a noticeable part of a rebuild.
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

export interface FileStamp {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

/** Site path (relative, with forward slashes) → its stamp. */
export type ScannedTree = Map<string, FileStamp>;

export const scanTree = (root: string): ScannedTree => {
  const tree: ScannedTree = new Map();
  const visit = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full, `${prefix}${entry.name}/`);
      else {
        const { dev, ino, size, mtimeMs } = lstatSync(full);
        tree.set(`${prefix}${entry.name}`, { dev, ino, size, mtimeMs });
      }
    }
  };
  visit(root, '');
  return tree;
};

/**
 * A file path relative to a release (leading slash or not) as a tree key. On POSIX it already
 * has forward slashes, and this runs for every file of the site on every rebuild: only the
 * leading slash goes, with no splitting and joining.
 */
export const treeKeyOf: (file: string) => string =
  path.sep === '/' ? (file) => (file.startsWith('/') ? file.slice(1) : file) : (file) => file.split(path.sep).join('/').replace(/^\//, '');

export const stampKey = (stamp: FileStamp): string => `${stamp.dev}:${stamp.ino}:${stamp.size}:${stamp.mtimeMs}`;
