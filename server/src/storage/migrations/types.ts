/**
 * The column types the migrations use that are not spelled the same in every database they may
 * drive. SQLite's `integer` holds 64 bits (times in milliseconds fit); PostgreSQL's holds 32, so a
 * time there is a `bigint`. SQLite calls bytes `blob`, PostgreSQL `bytea`. Everything else the
 * migrations write (`text`, `integer` for small numbers, keys, checks, indexes) reads the same in
 * both. Only the SQLite side runs today; the other is where the PostgreSQL types go.
 */
import { SqliteAdapter, type ColumnDataType, type Kysely } from "kysely";

/** Types for one database. */
export interface ColumnTypes {
  readonly big: ColumnDataType; // a number past 32 bits: a time in milliseconds since 1970, an id
  readonly bytes: ColumnDataType; // raw bytes (a key)
}

const SQLITE: ColumnTypes = { big: "integer", bytes: "blob" };
const POSTGRES: ColumnTypes = { big: "bigint", bytes: "bytea" };

/** The types of the database `db` talks to. */
export function columnTypes(db: Kysely<unknown>): ColumnTypes {
  return db.getExecutor().adapter instanceof SqliteAdapter ? SQLITE : POSTGRES;
}
