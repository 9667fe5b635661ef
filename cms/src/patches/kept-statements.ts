// knex compiles every SQLite query from its text again (better-sqlite3's `prepare`) even
// though Strapi sends the same few dozen texts over and over: the values travel as bound
// parameters. Compiling was about a twentieth of the CMS's time serving the build's reads,
// measured here. A connection keeps the statements it compiled, by their text, and hands the
// same one back; better-sqlite3 runs a statement to completion before the next call, and SQLite
// recompiles a kept statement by itself when the schema changes under it.
//
// Texts that differ only in the length of an `in (?, ?, …)` list are different texts, so the
// number kept is bounded: past MAX_KEPT_STATEMENTS they are all let go and compiled again.
export const MAX_KEPT_STATEMENTS = 1_000;

interface PreparingConnection {
  prepare(source: string): unknown;
}

/** Makes `connection.prepare` hand back the statement it compiled before for the same text. */
export const keepPreparedStatements = (connection: PreparingConnection): void => {
  const compile = connection.prepare.bind(connection);
  const kept = new Map<string, unknown>();
  connection.prepare = (source: string): unknown => {
    let statement = kept.get(source);
    if (statement === undefined) {
      statement = compile(source);
      if (kept.size >= MAX_KEPT_STATEMENTS) kept.clear();
      kept.set(source, statement);
    }
    return statement;
  };
};

/** The knex pool hook for SQLite connections (config/database). */
export const afterCreateSqliteConnection = (connection: unknown, done: (error?: Error, connection?: unknown) => void): void => {
  const preparing = connection as Partial<PreparingConnection> | null;
  if (typeof preparing?.prepare !== 'function') {
    done(new Error('The SQLite connection has no prepare(): is the driver better-sqlite3?'), connection);
    return;
  }
  keepPreparedStatements(preparing as PreparingConnection);
  done(undefined, connection);
};
