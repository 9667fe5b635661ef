// One deploy at a time per output: a lock file beside it, created exclusively. A second deploy
// waits for the first and then deploys what is live by then, so the later release wins and no
// two deploys' uploads and deletions interleave. A lock left by a process that is gone (killed
// mid-deploy) is taken over.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const deployLockOf = (outDir: string): string => path.join(path.dirname(outDir), `.${path.basename(outDir)}-deploy.lock`);

interface Holder {
  pid: number;
  host: string;
  token: string;
  since: string;
}

const holderOf = (file: string): Holder | null => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Holder;
  } catch {
    return null;
  }
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes the lock, waiting while another deploy holds it (`onWait` is told once, with its
 * holder); resolves to the function that gives it back.
 */
export const acquireDeployLock = async (outDir: string, options: { signal?: AbortSignal; onWait?: (holder: string) => void; pollMs?: number } = {}): Promise<() => void> => {
  const file = deployLockOf(outDir);
  const mine: Holder = { pid: process.pid, host: os.hostname(), token: randomBytes(8).toString('hex'), since: new Date().toISOString() };
  let told = false;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
      return () => {
        // Only our own: a lock taken over as stale meanwhile belongs to someone else now.
        if (holderOf(file)?.token === mine.token) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = holderOf(file);
    if (holder && holder.host === mine.host && !isAlive(holder.pid)) {
      // Its deploy was killed: the bucket holds a complete release (see deploy.ts), and this one
      // finishes the job. Removed only if still the dead one's: another waiter may have taken it
      // over a moment ago (the window left between this read and the removal is a few microseconds).
      if (holderOf(file)?.token === holder.token) rmSync(file, { force: true });
      continue;
    }
    if (!told) {
      told = true;
      options.onWait?.(holder ? `process ${holder.pid} on ${holder.host}, since ${holder.since}` : 'another deploy');
    }
    await sleep(options.pollMs ?? 250, undefined, { signal: options.signal });
  }
};
