/**
 * The column types the migrations use that are not spelled the same in every database they may
 * drive. SQLite's `integer` holds 64 bits (times in milliseconds fit); PostgreSQL's holds 32, so a
 * time there is a `bigint`. SQLite calls bytes `blob`, PostgreSQL `bytea`. Everything else the
 * migrations write (`text`, `integer` for small numbers, keys, checks, indexes) reads the same in
 * both. A counted key is SQLite's `integer … autoincrement` and PostgreSQL's `serial`.
 */
import { sql, SqliteAdapter, type ColumnDataType, type Kysely, type TableMetadata } from "kysely";

/** Types for one database. */
export interface ColumnTypes {
  readonly big: ColumnDataType; // a number past 32 bits: a time in milliseconds since 1970, an id
  readonly bytes: ColumnDataType; // raw bytes (a key)
  readonly serial: ColumnDataType; // a key the database counts up: SQLite's integer autoincrement, PostgreSQL's serial
  readonly postgres: boolean;
}

const SQLITE: ColumnTypes = { big: "integer", bytes: "blob", serial: "integer", postgres: false };
const POSTGRES: ColumnTypes = { big: "bigint", bytes: "bytea", serial: "serial", postgres: true };

/** The types of the database `db` talks to. */
export function columnTypes(db: Kysely<unknown>): ColumnTypes {
  return db.getExecutor().adapter instanceof SqliteAdapter ? SQLITE : POSTGRES;
}

/**
 * The tables of the database's own schema: on PostgreSQL, those of the schema first in the search
 * path (a server may keep its tables in a schema of its own, beside others'); on SQLite, all.
 */
export async function ownTables(
  db: Kysely<unknown>,
  options: { withInternalKyselyTables?: boolean } = {},
): Promise<TableMetadata[]> {
  const tables = await db.introspection.getTables({
    withInternalKyselyTables: options.withInternalKyselyTables ?? false,
  });
  if (!columnTypes(db).postgres) return tables;
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  const schema = rows[0]?.schema;
  return tables.filter((t) => t.schema === schema);
}
