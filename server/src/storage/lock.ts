/**
 * One server per data folder. A server holds an exclusive SQLite lock on a small file next to the
 * database, `entente.lock`, for as long as it runs: the operating system drops the lock when the
 * process ends, even by `kill -9`, so a stale lock cannot outlive its server. A second server on
 * the folder cannot take the lock and refuses to start within a second or two.
 *
 * The lock is not on the database itself: an exclusive lock there would also shut out every
 * reader (a backup with `sqlite3 .backup`, an inspection, the tests' read-backs), whereas only a
 * second writer is the danger. Nothing else may open `entente.lock` while a server runs (closing
 * any handle on a file drops the process's POSIX locks on it).
 */
import path from "node:path";
import Database from "better-sqlite3";
import { describe, isSqliteFailure } from "./errors";

/** The lock file's name in the data folder. */
export const LOCK_FILE = "entente.lock";

/** How long a starting server waits for the folder's lock before giving up. */
const LOCK_WAIT_MS = 1500;

/** Why a server may not use the folder: another one holds it. */
function lockedMessage(databaseFile: string): string {
  return (
    `Another Entente server is already using ${databaseFile} (the data folder is locked). ` +
    `Stop it first, or give this one another DATA_DIR.`
  );
}

/** Takes the lock with a write: the connection then keeps its exclusive lock until it closes. */
function takeLock(lock: Database.Database): void {
  lock.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
  lock.pragma("locking_mode = EXCLUSIVE");
  lock.pragma("journal_mode = MEMORY");
  lock.exec("BEGIN IMMEDIATE");
  lock.exec(
    `CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY, pid INTEGER NOT NULL, since INTEGER NOT NULL)`,
  );
  lock
    .prepare(`INSERT OR REPLACE INTO holder (id, pid, since) VALUES (1, ?, ?)`)
    .run(process.pid, Date.now());
  lock.exec("COMMIT");
}

/**
 * Locks a data folder for this process and returns the connection that holds the lock (close it
 * to let go). Throws, naming the database file, when another server holds the folder.
 */
export function lockDataDir(dataDir: string, databaseFile: string): Database.Database {
  const file = path.join(dataDir, LOCK_FILE);
  let lock: Database.Database | null = null;
  try {
    lock = new Database(file);
    takeLock(lock);
    return lock;
  } catch (error) {
    lock?.close();
    if (isSqliteFailure(error) && error.code.startsWith("SQLITE_BUSY"))
      throw new Error(lockedMessage(databaseFile));
    throw new Error(`Could not lock the data folder with ${file}: ${describe(error)}`, { cause: error });
  }
}
