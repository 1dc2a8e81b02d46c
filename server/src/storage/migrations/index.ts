/**
 * The main database's schema, as ordered migrations (`NNN-what.ts`, applied in name order, each
 * once) run by kysely's `Migrator` when the server opens the file, all pending ones in one
 * transaction, each recorded in `kysely_migration` (its name and when it ran). kysely is only the
 * migration runner and its schema builder: the storage's reads and writes stay prepared
 * better-sqlite3 statements.
 *
 * A folder whose record names a migration this code does not know was written by a newer version:
 * it is refused before anything is written to it. A folder from before migrations (tables, no
 * record) is adopted by 001, which keeps every table it finds.
 *
 * SQLite only: kysely runs SQLite migrations without a transaction (its SQLite adapter does not
 * claim transactional DDL, though SQLite has it), so `migrate` opens one itself on the
 * better-sqlite3 connection (`BEGIN IMMEDIATE`). For PostgreSQL, kysely's own transaction and
 * migration lock do this.
 */
import type Database from "better-sqlite3";
import { dialectSql, type SqlDatabase } from "../sql";
import {
  Kysely,
  Migrator,
  PostgresDialect,
  sql,
  SqliteDialect,
  type Migration,
  type SqliteDatabase,
} from "kysely";
import pg from "pg";
import * as initial from "./001-initial";
import { ownTables } from "./types";
import * as hostSeat from "./002-host-seat";
import * as deviceLinks from "./003-device-links";
import * as classes from "./004-classes";
import * as matchOwners from "./005-match-owners";
import * as relayedMoves from "./006-relayed-moves";

/** The table recording the migrations applied (kysely's name for it). */
export const MIGRATION_TABLE = "kysely_migration";
/** kysely's lock table (one row; unused by SQLite, whose connection is the lock). */
export const MIGRATION_LOCK_TABLE = "kysely_migration_lock";

/** Every migration, by name; names sort in the order they apply. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  "001-initial": initial,
  "002-host-seat": hostSeat,
  "003-device-links": deviceLinks,
  "004-classes": classes,
  "005-match-owners": matchOwners,
  "006-relayed-moves": relayedMoves,
};

/** What the migration table holds. */
interface MigrationRecord {
  readonly name: string;
  readonly timestamp: string;
}

/** The migration table, for the queries of this module. */
interface MigrationTables {
  readonly kysely_migration: MigrationRecord;
}

/** Why a server will not start on a folder: a newer version wrote it. */
export class NewerDataError extends Error {
  override readonly name = "NewerDataError";

  constructor(
    readonly file: string,
    readonly unknown: readonly string[],
  ) {
    const which = unknown.length === 1 ? `migration ${unknown[0]!}` : `migrations ${unknown.join(", ")}`;
    super(
      `The database ${file} records ${which}, which this version of Entente does not know: ` +
        `this data folder was written by a newer version of Entente; upgrade or use another DATA_DIR. ` +
        `It was left untouched.`,
    );
  }
}

/**
 * kysely over a better-sqlite3 connection, for migrations. Destroying it leaves the connection
 * open: the connection belongs to the caller.
 */
export function kyselyOver(db: Database.Database): Kysely<MigrationTables> {
  const database: SqliteDatabase = {
    close: () => undefined,
    prepare: (text) => db.prepare(text),
  };
  return new Kysely<MigrationTables>({ dialect: new SqliteDialect({ database }) });
}

/** The migrations a database records as applied, in name order ([] before any). */
export async function appliedMigrations(db: Kysely<MigrationTables>): Promise<MigrationRecord[]> {
  const tables = await ownTables(db as Kysely<unknown>, { withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === MIGRATION_TABLE)) return [];
  return db.selectFrom(MIGRATION_TABLE).select(["name", "timestamp"]).orderBy("name").execute();
}

/** Throws `NewerDataError` when the database records a migration not in `migrations`. Reads only. */
async function refuseNewer(
  db: Kysely<MigrationTables>,
  file: string,
  migrations: Readonly<Record<string, Migration>>,
): Promise<readonly MigrationRecord[]> {
  const applied = await appliedMigrations(db);
  const unknown = applied.map((m) => m.name).filter((name) => !(name in migrations));
  if (unknown.length > 0) throw new NewerDataError(file, unknown);
  return applied;
}

/**
 * Refuses a database file written by a newer version, reading it on the connection `db` (a
 * read-only one, before the server opens the file for writing).
 */
export async function checkNotNewer(db: Database.Database, file: string): Promise<void> {
  const k = kyselyOver(db);
  try {
    await refuseNewer(k, file, MIGRATIONS);
  } finally {
    await k.destroy();
  }
}

/**
 * Applies the migrations `db` has not had yet, in one transaction: all of them, or (on any
 * failure, which is thrown) none. Returns the names applied now; writes nothing when there are
 * none. Throws `NewerDataError`, having written nothing, when the database records a migration
 * not in `migrations` (the server's own by default; tests pass others).
 */
export async function migrate(
  db: Database.Database,
  migrations: Readonly<Record<string, Migration>> = MIGRATIONS,
): Promise<string[]> {
  const k = kyselyOver(db);
  try {
    const applied = await refuseNewer(k, db.name, migrations);
    if (applied.length === Object.keys(migrations).length) return [];
    const migrator = new Migrator({ db: k, provider: { getMigrations: () => Promise.resolve(migrations) } });
    db.exec("BEGIN IMMEDIATE");
    try {
      const { error, results } = await migrator.migrateToLatest();
      if (error !== undefined) {
        const failed = results?.find((r) => r.status === "Error")?.migrationName;
        const cause = error instanceof Error ? error.message : JSON.stringify(error);
        throw new Error(`Migrating ${db.name} failed${failed ? ` at ${failed}` : ""}: ${cause}`, {
          cause: error,
        });
      }
      db.exec("COMMIT");
      return (results ?? []).map((r) => r.migrationName);
    } finally {
      if (db.inTransaction) db.exec("ROLLBACK");
    }
  } finally {
    await k.destroy();
  }
}

/**
 * Applies the migrations a PostgreSQL database has not had yet, with kysely's own transaction and
 * migration lock (several nodes starting at once apply them once). Returns the names applied now;
 * throws `NewerDataError`, having written nothing, when the database records a migration not in
 * `migrations`.
 */
export async function migratePostgres(
  url: string,
  name: string,
  migrations: Readonly<Record<string, Migration>> = MIGRATIONS,
): Promise<string[]> {
  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 5_000 });
  const k = new Kysely<MigrationTables>({ dialect: new PostgresDialect({ pool }) });
  try {
    const applied = await refuseNewer(k, name, migrations);
    if (applied.length === Object.keys(migrations).length) return [];
    // kysely looks for its own tables in every schema unless told which: this server's is the first
    // of the search path.
    const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(k);
    const migrator = new Migrator({
      db: k,
      provider: { getMigrations: () => Promise.resolve(migrations) },
      migrationTableSchema: rows[0]!.schema,
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error !== undefined) {
      const failed = results?.find((r) => r.status === "Error")?.migrationName;
      const cause = error instanceof Error ? error.message : JSON.stringify(error);
      throw new Error(`Migrating ${name} failed${failed ? ` at ${failed}` : ""}: ${cause}`, { cause: error });
    }
    return (results ?? []).map((r) => r.migrationName);
  } finally {
    await k.destroy();
  }
}

/**
 * The last migration a database records (its schema version), or null before any; a plain read on
 * the connection, for reports.
 */
export function schemaVersion(db: SqlDatabase): string | null {
  const table = db
    .prepare(
      dialectSql(db, {
        sqlite: `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`,
        postgres: `SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?`,
      }),
    )
    .get(MIGRATION_TABLE);
  if (table === undefined) return null;
  const last = db.prepare(`SELECT MAX(name) AS name FROM ${MIGRATION_TABLE}`).get() as {
    name: string | null;
  };
  return last.name;
}
