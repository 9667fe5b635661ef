// A new release shares every file whose bytes did not change with the live one (a hard
// link, not a copy), so a rebuild writes only what an edit touched, and readers' caches and
// rsync see unchanged files as unchanged.
import { createHash } from 'node:crypto';
import { existsSync, linkSync, readFileSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { listFiles } from './verify.js';

export interface LinkResult {
  /** Files whose bytes differ from the live release, or that are new. */
  written: string[];
  linked: number;
}

const sameInode = (a: string, b: string): boolean => {
  const [sa, sb] = [statSync(a), statSync(b)];
  return sa.ino === sb.ino && sa.dev === sb.dev;
};

const sameBytes = (a: string, b: string): boolean => {
  const [sa, sb] = [statSync(a), statSync(b)];
  if (sa.size !== sb.size) return false;
  return createHash('sha256').update(readFileSync(a)).digest('hex') === createHash('sha256').update(readFileSync(b)).digest('hex');
};

export const linkUnchanged = (stagingDir: string, liveDir: string | null): LinkResult => {
  const files = listFiles(stagingDir);
  if (!liveDir || !existsSync(liveDir)) return { written: files, linked: 0 };
  const written: string[] = [];
  let linked = 0;
  for (const file of files) {
    const staged = path.join(stagingDir, file);
    const live = path.join(liveDir, file);
    if (!existsSync(live)) written.push(file);
    else if (sameInode(staged, live)) linked += 1;
    else if (sameBytes(staged, live)) {
      // rename() over a hard link of the same file would do nothing, hence the check above.
      const temp = `${staged}.link`;
      linkSync(live, temp);
      renameSync(temp, staged);
      linked += 1;
    } else written.push(file);
  }
  return { written, linked };
};
