// The SQLite database holds drafts, users and password hashes, yet SQLite creates it 0644 and
// its directory comes out 0755 under the usual umask: readable by every user of the machine.
// It is made readable by its owner only, like cms/.env: the directory 0700, the database and
// its -wal, -shm and -journal files 0600 (SQLite gives the ones it makes later the database's
// own mode). serve.ts calls this before Strapi starts (the directory is then private before the
// database is created in it) and again after (the files exist by then).
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const SIBLINGS = ['', '-wal', '-shm', '-journal'];

/**
 * Returns a warning for each file it could not change (another user's file, say), so that the
 * CMS still starts and says so; a file that does not exist yet is no problem. With
 * DATABASE_CLIENT other than sqlite there is no file, and nothing is done.
 */
export const makeDatabasePrivate = (appDir: string, env: NodeJS.ProcessEnv = process.env): string[] => {
  if ((env.DATABASE_CLIENT || 'sqlite') !== 'sqlite') return [];
  // As cms/config/database.ts resolves it.
  const file = path.resolve(appDir, env.DATABASE_FILENAME || path.join('.tmp', 'data.db'));
  const dir = path.dirname(file);
  const warnings: string[] = [];
  const attempt = (target: string, mode: number, work: () => void): void => {
    try {
      work();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') warnings.push(`Could not make ${target} readable by its owner only (mode ${mode.toString(8)}): ${code ?? (error as Error).message}.`);
    }
  };
  // Only a directory of the app's own (cms/.tmp by default): one outside it, or the app
  // directory itself, may hold what others must read (a shared volume, /tmp), so it is left
  // to whoever set it up.
  const relative = path.relative(appDir, dir);
  if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) {
    attempt(dir, 0o700, () => {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      // mkdir leaves one that already existed as it was, and its mode is masked by the umask.
      chmodSync(dir, 0o700);
    });
  }
  for (const suffix of SIBLINGS) attempt(`${file}${suffix}`, 0o600, () => chmodSync(`${file}${suffix}`, 0o600));
  return warnings;
};
