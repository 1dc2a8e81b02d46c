/**
 * Opening the server's SQLite file, `entente.sqlite` in the data folder. `openDatabase` is the
 * server's way in: it locks the folder (one server per folder), checks the file for damage and for
 * a newer version's schema before anything writes to it, then opens it in WAL mode and applies the
 * migrations it lacks (`./migrations`). `inspectDatabase` opens the same file beside a running
 * server, for read-backs in tests and tools: no lock, no check, no migration.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { checkIntegrity } from "./integrity";
import { lockDataDir } from "./lock";
import { checkNotNewer, migrate, migratePostgres } from "./migrations";
import { PostgresDatabase, describeUrl } from "./postgres/connection";
import type { SqlDatabase } from "./sql";

/** The database file's name in the data folder. */
export const DATABASE_FILE = "entente.sqlite";

/** A database connection that also holds its data folder's lock, and lets go of it on close. */
class LockedDatabase extends Database {
  private readonly lock: Database.Database;

  constructor(file: string, lock: Database.Database) {
    super(file);
    this.lock = lock;
  }

  override close(): this {
    try {
      super.close();
    } finally {
      if (this.lock.open) this.lock.close();
    }
    return this;
  }
}

/** The settings every connection to the file uses. */
function configure(db: Database.Database): Database.Database {
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL"); // WAL + NORMAL: a process crash loses nothing committed
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  return db;
}

/**
 * Refuses a file written by a newer version, reading it on a read-only connection (which, like the
 * damage check's, leaves the file exactly as it was); a missing file passes.
 */
async function checkVersion(file: string): Promise<void> {
  if (!fs.existsSync(file)) return;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await checkNotNewer(db, file);
  } finally {
    db.close();
  }
}

/**
 * Opens (and creates) the server's database in a folder, `":memory:"` for tests, with every
 * migration applied. Rejects with a message for the operator when another server uses the folder,
 * when the file is damaged, or when a newer version of Entente wrote it (then the file is left
 * untouched); a migration that fails is rolled back and rejects too.
 */
export async function openDatabase(dataDir: string): Promise<Database.Database> {
  if (dataDir === ":memory:") {
    const db = new Database(":memory:");
    await migrate(db).catch((error: unknown) => {
      db.close();
      throw error;
    });
    return db;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  const lock = lockDataDir(dataDir, file);
  let db: Database.Database | null = null;
  try {
    checkIntegrity(file);
    await checkVersion(file);
    db = configure(new LockedDatabase(file, lock));
    await migrate(db);
    return db;
  } catch (error) {
    if (db) db.close();
    else lock.close();
    throw error;
  }
}

/**
 * Opens the database of a folder a server may be using right now, without its lock and without
 * the check: for read-backs beside a running server (tests, tools). Not for serving.
 */
export function inspectDatabase(dataDir: string): Database.Database {
  fs.mkdirSync(dataDir, { recursive: true });
  return configure(new Database(path.join(dataDir, DATABASE_FILE)));
}

/** Where the server keeps its tables: `DATABASE_URL` (PostgreSQL), else SQLite in `DATA_DIR`. */
export interface DatabaseSettings {
  readonly DATA_DIR: string;
  readonly DATABASE_URL?: string | undefined;
}

/**
 * Opens the server's database: PostgreSQL when `DATABASE_URL` is set (migrated first; several nodes
 * may share it), else the SQLite file of the data folder (`openDatabase`: one server per folder).
 */
export async function openServerDatabase(settings: DatabaseSettings): Promise<SqlDatabase> {
  if (settings.DATABASE_URL === undefined) return openDatabase(settings.DATA_DIR);
  const name = describeUrl(settings.DATABASE_URL);
  try {
    await migratePostgres(settings.DATABASE_URL, name);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not open ${name}: ${message}`, { cause: error });
  }
  return new PostgresDatabase(settings.DATABASE_URL);
}
