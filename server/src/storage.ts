/**
 * Storage: one embedded SQLite file (WAL), through a boardgame.io storage adapter. Every state
 * change and its log entries are written in one transaction before the server answers, so an
 * acknowledged action survives a `kill -9`. Other server modules keep their own tables in the
 * same file (`Storage.db`), created with `ensureTables`.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Sync } from "boardgame.io/internal";
import type { LogEntry, Server, State, StorageAPI } from "boardgame.io";

type FetchOpts = StorageAPI.FetchOpts;
type FetchResult<O extends FetchOpts> = StorageAPI.FetchResult<O>;
type ListMatchesOpts = StorageAPI.ListMatchesOpts;

/** Opens (and creates) the SQLite file `entente.sqlite` in a folder. `":memory:"` for tests. */
export function openDatabase(dataDir: string): Database.Database {
  if (dataDir === ":memory:") return new Database(":memory:");
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, "entente.sqlite"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL"); // WAL + NORMAL: a process crash loses nothing committed
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  return db;
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement, compiled once per database and SQL text (preparing is not free). */
export function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/** Runs `CREATE … IF NOT EXISTS` statements for a module's tables. */
export function ensureTables(db: Database.Database, sql: string): void {
  db.exec(sql);
}

interface MatchRow {
  metadata: string;
  state: string | null;
  initial_state: string | null;
}

/** How many matches' latest states stay parsed in memory (the rest are read from disk). */
const CACHED_STATES = 512;

/**
 * The boardgame.io storage adapter over SQLite. The latest state of recently active matches is
 * also kept parsed in memory (write-through), so the many reads per action cost no JSON parsing;
 * the file stays the truth, and finished matches leave the cache.
 */
export class Storage extends Sync {
  readonly db: Database.Database;
  private readonly states = new Map<string, State>(); // match id → latest state, least recent first
  private readonly metadata = new Map<string, string>(); // match id → last metadata written, sans updatedAt
  private readonly metadataListeners: ((matchID: string, metadata: Server.MatchData) => void)[] = [];

  /**
   * Calls `listener` after every metadata write (seats claimed, left, renamed): the sockets use it
   * to cut off any socket whose credentials no longer hold its seat.
   */
  onMetadata(listener: (matchID: string, metadata: Server.MatchData) => void): void {
    this.metadataListeners.push(listener);
  }

  private remember(matchID: string, state: State): void {
    this.states.delete(matchID);
    this.states.set(matchID, state);
    if (this.states.size > CACHED_STATES) this.states.delete(this.states.keys().next().value!);
  }

  constructor(db: Database.Database) {
    super();
    this.db = db;
    ensureTables(
      db,
      `CREATE TABLE IF NOT EXISTS matches (
         id TEXT PRIMARY KEY,
         game TEXT NOT NULL,
         metadata TEXT NOT NULL,
         state TEXT,
         initial_state TEXT,
         gameover INTEGER NOT NULL DEFAULT 0,
         created_at INTEGER NOT NULL,
         updated_at INTEGER NOT NULL
       );
       CREATE TABLE IF NOT EXISTS match_log (
         match_id TEXT NOT NULL REFERENCES matches(id) ON DELETE CASCADE,
         seq INTEGER NOT NULL,
         entry TEXT NOT NULL,
         PRIMARY KEY (match_id, seq)
       );
       CREATE INDEX IF NOT EXISTS matches_updated ON matches(updated_at);`,
    );
  }

  override connect(): void {
    // The database is open from construction.
  }

  override createMatch(matchID: string, opts: StorageAPI.CreateMatchOpts): void {
    const now = Date.now();
    prepared(
      this.db,
      `INSERT INTO matches (id, game, metadata, state, initial_state, gameover, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
    ).run(
      matchID,
      opts.metadata.gameName,
      JSON.stringify(opts.metadata),
      JSON.stringify(opts.initialState),
      JSON.stringify(opts.initialState),
      now,
      now,
    );
  }

  override setState(matchID: string, state: State, deltalog?: LogEntry[]): void {
    const write = this.db.transaction(() => {
      prepared(this.db, `UPDATE matches SET state = ?, updated_at = ? WHERE id = ?`).run(
        JSON.stringify(state),
        Date.now(),
        matchID,
      );
      if (deltalog && deltalog.length > 0) {
        const row = prepared(
          this.db,
          `SELECT COALESCE(MAX(seq), -1) AS last FROM match_log WHERE match_id = ?`,
        ).get(matchID) as { last: number };
        const insert = prepared(this.db, `INSERT INTO match_log (match_id, seq, entry) VALUES (?, ?, ?)`);
        deltalog.forEach((entry, i) => insert.run(matchID, row.last + 1 + i, JSON.stringify(entry)));
      }
    });
    write();
    if (state.ctx.gameover === undefined) this.remember(matchID, state);
    else this.states.delete(matchID);
  }

  override setMetadata(matchID: string, metadata: Server.MatchData): void {
    // boardgame.io rewrites the metadata after every move only to bump `updatedAt` (which the
    // matches table keeps in its own column): skip the write when nothing else changed.
    const key = JSON.stringify({ ...metadata, updatedAt: 0 });
    if (this.metadata.get(matchID) === key) return;
    prepared(this.db, `UPDATE matches SET metadata = ?, gameover = ?, updated_at = ? WHERE id = ?`).run(
      JSON.stringify(metadata),
      metadata.gameover === undefined ? 0 : 1,
      Date.now(),
      matchID,
    );
    if (metadata.gameover === undefined) this.metadata.set(matchID, key);
    else this.metadata.delete(matchID);
    if (this.metadata.size > CACHED_STATES) this.metadata.delete(this.metadata.keys().next().value!);
    for (const listener of this.metadataListeners) listener(matchID, metadata);
  }

  override fetch<O extends FetchOpts>(matchID: string, opts: O): FetchResult<O> {
    const cached = this.states.get(matchID);
    if (cached && opts.state && !opts.metadata && !opts.initialState && !opts.log) {
      return { state: cached } as unknown as FetchResult<O>;
    }
    const row = prepared(this.db, `SELECT metadata, state, initial_state FROM matches WHERE id = ?`).get(
      matchID,
    ) as MatchRow | undefined;
    const result: Record<string, unknown> = {};
    if (!row) return result as FetchResult<O>;
    if (opts.metadata) result["metadata"] = JSON.parse(row.metadata);
    if (opts.state && row.state) result["state"] = cached ?? JSON.parse(row.state);
    if (opts.initialState && row.initial_state) result["initialState"] = JSON.parse(row.initial_state);
    if (opts.log) {
      const rows = prepared(this.db, `SELECT entry FROM match_log WHERE match_id = ? ORDER BY seq`).all(
        matchID,
      ) as { entry: string }[];
      result["log"] = rows.map((r) => JSON.parse(r.entry));
    }
    return result as FetchResult<O>;
  }

  override wipe(matchID: string): void {
    this.states.delete(matchID);
    this.metadata.delete(matchID);
    prepared(this.db, `DELETE FROM matches WHERE id = ?`).run(matchID);
  }

  override listMatches(opts?: ListMatchesOpts): string[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (opts?.gameName) {
      where.push("game = ?");
      args.push(opts.gameName);
    }
    if (opts?.where?.isGameover !== undefined) {
      where.push("gameover = ?");
      args.push(opts.where.isGameover ? 1 : 0);
    }
    if (opts?.where?.updatedBefore !== undefined) {
      where.push("updated_at < ?");
      args.push(opts.where.updatedBefore);
    }
    if (opts?.where?.updatedAfter !== undefined) {
      where.push("updated_at > ?");
      args.push(opts.where.updatedAfter);
    }
    const sql = `SELECT id FROM matches ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY created_at`;
    return (prepared(this.db, sql).all(...args) as { id: string }[]).map((r) => r.id);
  }

  /** Whether a match exists (used to refuse syncs for unknown ids). */
  has(matchID: string): boolean {
    return prepared(this.db, `SELECT 1 FROM matches WHERE id = ?`).get(matchID) !== undefined;
  }
}
