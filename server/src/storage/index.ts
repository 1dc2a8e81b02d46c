/**
 * Storage: one embedded SQLite file (WAL) in the data folder, held by one server at a time and
 * checked for damage before the server writes to it, through a boardgame.io storage adapter that
 * writes every state change before the server answers and reports its own health. Other server
 * modules keep their own tables in the same file (`Storage.db`), created with `ensureTables`.
 */
export { Storage } from "./adapter";
export { isStorageTrouble } from "./errors";
export type { StorageHealth } from "./health";
export { DATABASE_FILE, inspectDatabase, openDatabase } from "./open";
export { LOCK_FILE } from "./lock";
export { PARTS } from "./parts";
export { ensureTables, prepared } from "./statements";
