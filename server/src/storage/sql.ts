/**
 * The one database interface every table of the server is written through, whichever database
 * holds them: SQLite (better-sqlite3, the default: one file in the data folder) or PostgreSQL
 * (`DATABASE_URL`, for several nodes). It is better-sqlite3's own synchronous shape — prepare a
 * statement, then `run`, `get` or `all` it; `transaction(work)` — so a better-sqlite3 connection
 * is one as it is, and the PostgreSQL connection (`./postgres`) gives the same calls over a worker
 * thread. Statements are written once in the SQL both databases read (`?` or `@name` parameters,
 * `INSERT … ON CONFLICT … DO UPDATE`, `RETURNING`); the few that differ say so with `dialectSql`.
 */

/** Which database a connection talks to. */
export type Dialect = "sqlite" | "postgres";

/** What a write reports. */
export interface RunResult {
  readonly changes: number;
}

/** A prepared statement. Parameters are positional (`?`) or one object of named ones (`@name`). */
export interface SqlStatement {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

/** A connection to the server's database. */
export interface SqlDatabase {
  /** What to call the database in messages: the SQLite file, or the PostgreSQL server and database. */
  readonly name: string;
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare(sql: string): SqlStatement;
  /** Runs statements that take no parameters (schema, `BEGIN`). */
  exec(sql: string): unknown;
  /** `work` wrapped in a transaction (a savepoint inside another one), as better-sqlite3 does it. */
  transaction<A extends unknown[], T>(work: (...args: A) => T): (...args: A) => T;
  close(): unknown;
}

/** The dialect of a connection: PostgreSQL connections say so; anything else is SQLite. */
export function dialectOf(db: SqlDatabase): Dialect {
  return (db as { dialect?: Dialect }).dialect === "postgres" ? "postgres" : "sqlite";
}

/** A statement whose SQL differs between the two databases, picked for `db`. */
export function dialectSql(db: SqlDatabase, sql: Readonly<Record<Dialect, string>>): string {
  return sql[dialectOf(db)];
}
