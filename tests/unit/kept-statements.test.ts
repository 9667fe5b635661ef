// The CMS's SQLite connections keep the statements they compiled (cms/src/patches/kept-statements),
// tried on a real better-sqlite3 database in memory.
import { createRequire } from 'node:module';
import { afterCreateSqliteConnection, keepPreparedStatements, MAX_KEPT_STATEMENTS } from '../../cms/src/patches/kept-statements.js';

interface Statement {
  all(...parameters: unknown[]): unknown[];
  run(...parameters: unknown[]): unknown;
}
interface SqliteDatabase {
  prepare(source: string): Statement;
  exec(source: string): void;
  close(): void;
}
// better-sqlite3 ships no types; this is the part the tests use.
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => SqliteDatabase;

const openKeeping = (): SqliteDatabase => {
  const db = new Database(':memory:');
  keepPreparedStatements(db);
  db.exec('create table places (id integer primary key, name text)');
  return db;
};

describe('kept SQLite statements', () => {
  test('the same text gives back the same statement, whose answers follow the data and the schema', () => {
    const db = openKeeping();
    const insert = db.prepare('insert into places (name) values (?)');
    expect(db.prepare('insert into places (name) values (?)')).toBe(insert);
    expect(db.prepare('select * from places where id > ? order by id')).not.toBe(insert);
    insert.run('Medellín');
    db.prepare('insert into places (name) values (?)').run('Ñuñoa');
    expect(db.prepare('select * from places where id > ? order by id').all(0)).toEqual([
      { id: 1, name: 'Medellín' },
      { id: 2, name: 'Ñuñoa' },
    ]);
    // SQLite compiles a kept statement again when the schema changed under it.
    db.exec('alter table places add column country text');
    expect(db.prepare('select * from places where id > ? order by id').all(1)).toEqual([{ id: 2, name: 'Ñuñoa', country: null }]);
    db.close();
  });

  test('past the bound every statement is let go and compiled again', () => {
    const db = openKeeping();
    const first = db.prepare('select 0 as n');
    for (let i = 1; i <= MAX_KEPT_STATEMENTS; i += 1) db.prepare(`select ${i} as n`);
    const again = db.prepare('select 0 as n');
    expect(again).not.toBe(first);
    expect(again.all()).toEqual([{ n: 0 }]);
    db.close();
  });

  test('the pool hook keeps statements on a connection, and refuses one that cannot prepare', () => {
    const db = new Database(':memory:');
    const answers: unknown[][] = [];
    afterCreateSqliteConnection(db, (...answer) => answers.push(answer));
    expect(answers).toEqual([[undefined, db]]);
    expect(db.prepare('select 1 as one')).toBe(db.prepare('select 1 as one'));
    db.close();

    const refusals: unknown[] = [];
    afterCreateSqliteConnection({}, (error) => refusals.push(error));
    expect(refusals).toHaveLength(1);
    expect(String(refusals[0])).toMatch(/Error: .*better-sqlite3/);
  });
});
