// A file written whole or not at all: through a temporary name of this process's own (pid and
// random, so two processes writing the same file never share one) and a rename over the target.
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const partialNameOf = (file: string): string => `${file}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;

/** Replaces `file` with what `write` puts at the temporary path it is given. */
export const replaceAtomicallySync = (file: string, write: (temporary: string) => void): void => {
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = partialNameOf(file);
  try {
    write(partial);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
};

export const writeFileAtomicSync = (file: string, data: string | Uint8Array): void => replaceAtomicallySync(file, (temporary) => writeFileSync(temporary, data));

/** The same, without blocking: for the image caches, written from many tasks at once. */
export const writeFileAtomic = async (file: string, data: Uint8Array): Promise<void> => {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = partialNameOf(file);
  try {
    await writeFile(partial, data);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
};
