// Real file-system faults for tests of failure paths: a directory whose entries cannot be
// removed and which cannot be moved. A user other than root gets it from the permissions
// (no write permission on a directory: its entries cannot be unlinked, and it cannot move to
// another parent, whose `..` would change). Root ignores permissions, so as root the directory
// is made immutable (chattr +i), which stops root too. Either way the lock is checked before a
// test relies on it: a test that could not make the fault fails instead of passing for nothing.
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const asRoot = process.getuid?.() === 0;

export const lockDirectory = (dir: string): void => {
  if (asRoot) {
    const result = spawnSync('chattr', ['+i', dir], { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`As root, this test needs "chattr +i" (e2fsprogs, CAP_LINUX_IMMUTABLE, a file system such as ext4) to make a directory that cannot be emptied: ${result.error?.message ?? result.stderr.trim()}`);
    }
  } else {
    chmodSync(dir, 0o500);
  }
  const probe = path.join(dir, '.lock-probe');
  let held = false;
  try {
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch {
    held = true;
  }
  if (!held) throw new Error(`Could not lock ${dir}: a file could still be made in it, so removal would not fail either`);
};

/** Undoes every lock under `root`, wherever the locked directories were moved since. */
export const unlockAll = (root: string): void => {
  if (asRoot) {
    // Non-zero when the tree holds symlinks (chattr cannot read their flags); the rest is done.
    spawnSync('chattr', ['-R', '-i', root]);
    return;
  }
  const visit = (dir: string): void => {
    chmodSync(dir, 0o755);
    for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) visit(path.join(dir, entry.name));
  };
  if (lstatSync(root, { throwIfNoEntry: false })?.isDirectory()) visit(root);
};
