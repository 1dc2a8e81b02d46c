/**
 * Storage: one embedded SQLite file (WAL) in the data folder, held by one server at a time,
 * checked for damage and for a newer version's schema before the server writes to it, and brought
 * to this version's schema by ordered migrations; a boardgame.io storage adapter writes every
 * state change before the server answers and reports its own health. Other server modules keep
 * their own tables in the same file (`Storage.db`); the migrations make every table.
 */
export { Storage } from "./adapter";
export { isStorageTrouble, StaleStateError } from "./errors";
export type { StorageHealth } from "./health";
export { DATABASE_FILE, inspectDatabase, openDatabase, openServerDatabase } from "./open";
export { PostgresDatabase, PostgresFailure } from "./postgres/connection";
export { LOCK_FILE } from "./lock";
export { MIGRATIONS, NewerDataError, schemaVersion } from "./migrations";
export { PARTS } from "./parts";
export { prepared } from "./statements";
export { dialectOf, dialectSql, type Dialect, type SqlDatabase, type SqlStatement } from "./sql";
