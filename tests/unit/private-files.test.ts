// The CMS's SQLite database holds drafts and password hashes: its directory is made 0700 and
// its files 0600 (like cms/.env), in a temporary app directory, for each case serve.ts meets.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeDatabasePrivate } from '../../cms/scripts/private-files.js';

let root: string;
let appDir: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'private-files-'));
  appDir = path.join(root, 'cms');
  mkdirSync(appDir);
  chmodSync(appDir, 0o755);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const modeOf = (file: string): number => statSync(file).mode & 0o777;

/** Files as Strapi and SQLite leave them under the usual umask: 0644 in a 0755 directory. */
const openFiles = (dir: string, names: string[]): void => {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  for (const name of names) {
    writeFileSync(path.join(dir, name), 'SQLite format 3\0');
    chmodSync(path.join(dir, name), 0o644);
  }
};

const DB_FILES = ['data.db', 'data.db-wal', 'data.db-shm', 'data.db-journal'];

test('sqlite by default: .tmp becomes 0700, the database and its -wal, -shm and -journal files 0600', () => {
  const dir = path.join(appDir, '.tmp');
  openFiles(dir, [...DB_FILES, 'other.db']);

  expect(makeDatabasePrivate(appDir, {})).toEqual([]);

  expect(modeOf(dir)).toBe(0o700);
  for (const name of DB_FILES) expect([name, modeOf(path.join(dir, name))]).toEqual([name, 0o600]);
  // Only the database's own files: the directory already keeps the rest from others.
  expect(modeOf(path.join(dir, 'other.db'))).toBe(0o644);
  expect(modeOf(appDir)).toBe(0o755);
});

test('before the first start: the directory is made 0700 and nothing else is created', () => {
  expect(makeDatabasePrivate(appDir, { DATABASE_CLIENT: 'sqlite' })).toEqual([]);
  expect(modeOf(path.join(appDir, '.tmp'))).toBe(0o700);
  expect(readdirSync(path.join(appDir, '.tmp'))).toEqual([]);
});

test('DATABASE_FILENAME inside the app: that directory is made private', () => {
  const dir = path.join(appDir, 'state', 'db');
  openFiles(dir, ['cms.sqlite', 'cms.sqlite-wal']);
  makeDatabasePrivate(appDir, { DATABASE_FILENAME: 'state/db/cms.sqlite' });
  expect([modeOf(dir), modeOf(path.join(dir, 'cms.sqlite')), modeOf(path.join(dir, 'cms.sqlite-wal'))]).toEqual([0o700, 0o600, 0o600]);
});

test('DATABASE_FILENAME outside the app: the files are made private, the directory (someone else\'s to arrange) is left as it is', () => {
  const dir = path.join(root, 'shared');
  openFiles(dir, ['data.db', 'data.db-shm']);
  makeDatabasePrivate(appDir, { DATABASE_FILENAME: path.join(dir, 'data.db') });
  expect([modeOf(dir), modeOf(path.join(dir, 'data.db')), modeOf(path.join(dir, 'data.db-shm'))]).toEqual([0o755, 0o600, 0o600]);
});

test('a database in the app directory itself: the file is made private, the app directory is not locked', () => {
  openFiles(appDir, ['data.db']);
  makeDatabasePrivate(appDir, { DATABASE_FILENAME: 'data.db' });
  expect([modeOf(appDir), modeOf(path.join(appDir, 'data.db'))]).toEqual([0o755, 0o600]);
});

test('postgres: nothing is touched or created', () => {
  const dir = path.join(appDir, '.tmp');
  openFiles(dir, ['data.db']);
  makeDatabasePrivate(appDir, { DATABASE_CLIENT: 'postgres' });
  expect([modeOf(dir), modeOf(path.join(dir, 'data.db'))]).toEqual([0o755, 0o644]);
  rmSync(dir, { recursive: true });
  makeDatabasePrivate(appDir, { DATABASE_CLIENT: 'postgres' });
  expect(existsSync(dir)).toBe(false);
});
