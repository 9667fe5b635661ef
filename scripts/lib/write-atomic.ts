// A file written whole or not at all: through a temporary name of this process's own (pid and
// random, so two processes writing the same file never share one) and a rename over the target.
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Replaces `file` with what `write` puts at the temporary path it is given. */
export const replaceAtomicallySync = (file: string, write: (temporary: string) => void): void => {
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
  try {
    write(partial);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
};

export const writeFileAtomicSync = (file: string, data: string | Uint8Array): void => replaceAtomicallySync(file, (temporary) => writeFileSync(temporary, data));
