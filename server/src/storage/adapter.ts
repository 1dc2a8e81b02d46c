/**
 * The storage of matches over SQLite, with the methods and data of boardgame.io's synchronous storage
 * adapter (only this server's modules call it; `fetch` says honestly what it returns). Every state change and its log entries are written
 * in one transaction before the call returns, so an acknowledged action survives a `kill -9`; a
 * write that fails throws, leaves nothing half-written, and leaves the caches as they were, so the
 * next read returns the last stored state. The growing parts of a state are stored as rows
 * (`./parts`), so a write costs what changed. The latest state of recently active matches is also
 * kept parsed in memory (write-through, `./cache`); the file stays the truth: each state row
 * carries the id of the write that stored it, so a state written inside a transaction is trusted
 * only once the file shows that write. Writes that belong together go in one `Storage.transaction`.
 */
import { randomInt } from "node:crypto";
import type { LogEntry, Server, State, StorageAPI } from "boardgame.io";
import { MatchCache, metadataKey, settle, type CachedMetadata, type CachedState } from "./cache";
import { StaleStateError, StoredDataError } from "./errors";
import { HealthRecord, type StorageHealth } from "./health";
import { schemaVersion } from "./migrations";
import { partsOf, readState, stateRow, writeParts } from "./parts";
import { prepared } from "./statements";
import { dialectOf, type SqlDatabase } from "./sql";

type FetchOpts = StorageAPI.FetchOpts;

/**
 * What `fetch` returns: each part asked for that the match has. An unknown match has none (and a
 * match may have no state or initial state row), though boardgame.io's `FetchResult` says every
 * part asked for is always there.
 */
export type FetchResult<O extends FetchOpts> = Partial<StorageAPI.FetchResult<O>>;
type ListMatchesOpts = StorageAPI.ListMatchesOpts;

/** The columns of a match's row that `fetch` reads (only those asked for, and not in memory). */
interface MatchRow {
  metadata?: string;
  state?: string | null;
  initial_state?: string | null;
  write_id: number | null;
}

/**
 * The storage of matches: boardgame.io's synchronous adapter's methods, over a database opened (and so
 * migrated) by `openDatabase`. Other server modules keep their own tables in the same file
 * (`Storage.db`); every table is made by the migrations (`./migrations`).
 */
export class Storage {
  readonly db: SqlDatabase;
  private readonly cache = new MatchCache();
  private readonly metadataListeners: ((matchID: string, metadata: Server.MatchData) => void)[] = [];
  private readonly ownWriteListeners: ((matchID: string, metadata: Server.MatchData) => void)[] = [];
  private readonly record = new HealthRecord();
  private lastWriteID = randomInt(2 ** 47); // each state write's id, from a random start per process
  private notices: (() => void)[] | null = null; // metadata notices held until `transaction` commits
  private readonly schema: string | null; // the last migration the file records, for `health`

  /**
   * Whether other nodes write to the same database (PostgreSQL): then the memory of a match is
   * trusted only once the row's `write_id` says it is still the latest (one small read).
   */
  readonly shared: boolean;

  /** On a shared database, the matches only this node writes now: their memory needs no check. */
  private writesAlone: (matchID: string) => boolean = () => false;

  /** Whether no other node uses the database (always so for SQLite, whose file this server locks). */
  private alone: boolean;

  constructor(db: SqlDatabase) {
    this.db = db;
    this.shared = dialectOf(db) === "postgres";
    this.alone = !this.shared;
    this.schema = schemaVersion(db);
  }

  /**
   * Names the matches no other node can write now (on a shared database: those whose lease this
   * node surely holds). Their settled memory is trusted without reading the row's `write_id`; were
   * it wrong all the same, the next write's compare-and-set would refuse it and forget the memory.
   * `alone`: no other node uses the database at all (one node on PostgreSQL), so the metadata this
   * node last wrote or read is trusted too (with several nodes any node's lobby may change it).
   */
  trustMemoryOf(writesAlone: (matchID: string) => boolean, options: { readonly alone: boolean }): void {
    this.writesAlone = writesAlone;
    this.alone = options.alone;
  }

  /**
   * Forgets what memory holds of a match, so its next read goes to the database: this node has
   * just taken a match another node may have written since this node last read it.
   */
  forget(matchID: string): void {
    this.cache.putState(matchID, null);
    this.cache.putMetadata(matchID, null);
  }

  /**
   * Calls `listener` after every metadata write (seats claimed, left, renamed): the sockets use it
   * to cut off any socket whose credentials no longer hold its seat.
   */
  onMetadata(
    listener: (matchID: string, metadata: Server.MatchData) => void,
    options: { readonly ownWritesOnly?: boolean } = {},
  ): void {
    if (options.ownWritesOnly) this.ownWriteListeners.push(listener);
    else this.metadataListeners.push(listener);
  }

  /**
   * Another node wrote a match's metadata: the listeners (other than those of this node's own
   * writes) hear of it with the metadata read now.
   */
  heardMetadata(matchID: string): void {
    this.cache.putMetadata(matchID, null);
    const { metadata } = this.fetch(matchID, { metadata: true });
    if (metadata === undefined) return;
    for (const listener of this.metadataListeners) listener(matchID, metadata);
  }

  /**
   * Whether the storage works: not ok after a write failed (until one succeeds), after a read
   * failed (until one succeeds), once the file is found damaged (until a restart), or when a
   * trivial read of the matches table fails now. `problem` says what went wrong, for `/health`;
   * `schema`, the file's schema version (its last migration).
   */
  health(): StorageHealth {
    const schema = this.schema === null ? {} : { schema: this.schema };
    if (!this.db.open) return { ok: false, problem: "the database is closed", ...schema };
    try {
      this.read("the health check", () => prepared(this.db, `SELECT id FROM matches LIMIT 1`).get());
    } catch {
      // recorded by `read`
    }
    return { ...this.record.report(), ...schema };
  }

  /**
   * Runs `work` — calls of this storage, and writes of other modules to `db` — in one transaction:
   * all of it is stored, or none of it. Throws what failed (a failed commit too, such as a full
   * disk), and `health` knows of it; metadata listeners hear of changes once they are committed.
   * Inside another transaction, `work` simply joins it.
   */
  transaction<T>(work: () => T): T {
    if (this.notices !== null || this.db.inTransaction) return work();
    const notices: (() => void)[] = [];
    this.notices = notices;
    let result: T;
    try {
      result = this.write("committing a transaction", () => this.db.transaction(work)());
    } finally {
      this.notices = null;
    }
    for (const notice of notices) notice();
    return result;
  }

  createMatch(matchID: string, opts: StorageAPI.CreateMatchOpts): void {
    const now = Date.now();
    const initial = JSON.stringify(opts.initialState);
    this.write(`creating match ${matchID}`, () =>
      prepared(
        this.db,
        `INSERT INTO matches (id, game, metadata, state, initial_state, gameover, created_at, updated_at, state_id)
           VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)`,
      ).run(
        matchID,
        opts.metadata.gameName,
        JSON.stringify(opts.metadata),
        initial,
        initial,
        now,
        now,
        opts.initialState._stateID,
      ),
    );
  }

  /**
   * Stores a match's new state and its log entries. With `from` (the state id of the state the new
   * one was made from) the write is a compare-and-set: it is refused with `StaleStateError`, and
   * nothing written, unless the stored state is still that one — another node's move is never
   * overwritten. Without it, the state is written whatever is stored (creating and repairing).
   */
  setState(matchID: string, state: State, deltalog?: LogEntry[], from?: number): void {
    const parts = partsOf(state);
    const before = this.read(`reading match ${matchID}`, () => this.latest(matchID));
    const writeID = ++this.lastWriteID;
    this.write(`storing the state of match ${matchID}`, () =>
      this.db.transaction(() => {
        const row = prepared(
          this.db,
          `UPDATE matches SET state = ?, state_id = ?, write_id = ?, updated_at = ?
             WHERE id = ? AND (state_id IS NULL OR state_id = COALESCE(?, state_id))`,
        ).run(stateRow(state), state._stateID, writeID, Date.now(), matchID, from ?? null);
        if (row.changes === 0) this.refuseStale(matchID, from ?? null);
        writeParts(this.db, matchID, parts, before?.parts ?? null);
        this.appendLog(matchID, deltalog ?? []);
      })(),
    );
    const pending = this.db.inTransaction;
    const entry = { state, parts, writeID, pending, ...(pending && before ? { before } : {}) };
    this.cache.putState(matchID, state.ctx.gameover === undefined ? entry : null);
    // Written inside this storage's `transaction`: once it commits, the file holds this state.
    if (pending && this.notices) this.notices.push(() => this.settleCommitted(matchID, writeID));
  }

  /**
   * Marks a state written in a transaction as stored, that transaction having committed (so the
   * next read need not ask the file which state it holds) — unless a later write replaced it.
   */
  private settleCommitted(matchID: string, writeID: number): void {
    const entry = this.cache.state(matchID);
    if (entry?.pending !== true || entry.writeID !== writeID) return;
    this.cache.putState(matchID, { state: entry.state, parts: entry.parts, writeID, pending: false });
  }

  setMetadata(matchID: string, metadata: Server.MatchData): void {
    // boardgame.io rewrites the metadata after every move only to bump `updatedAt` (which the
    // matches table keeps in its own column): skip the write when nothing else changed.
    const key = metadataKey(metadata);
    if (this.alone && this.cache.knownMetadata(matchID)?.key === key) return;
    const json = JSON.stringify(metadata);
    this.write(`storing the metadata of match ${matchID}`, () =>
      prepared(this.db, `UPDATE matches SET metadata = ?, gameover = ?, updated_at = ? WHERE id = ?`).run(
        json,
        metadata.gameover === undefined ? 0 : 1,
        Date.now(),
        matchID,
      ),
    );
    const settled = metadata.gameover === undefined && !this.db.inTransaction;
    this.cache.putMetadata(matchID, settled ? { json, key } : null);
    const notice = (): void => {
      for (const listener of this.metadataListeners) listener(matchID, metadata);
      for (const listener of this.ownWriteListeners) listener(matchID, metadata);
    };
    if (this.notices) this.notices.push(notice);
    else notice();
  }

  /** What `opts` asks for of a match: only the parts it has (none for an unknown match). */
  fetch<O extends FetchOpts>(matchID: string, opts: O): FetchResult<O> {
    return this.read(`reading match ${matchID}`, () => {
      const cached = opts.state ? this.latest(matchID)?.state : undefined;
      const metadata = opts.metadata ? this.metadataInMemory(matchID) : undefined;
      if ((!opts.state || cached) && (!opts.metadata || metadata) && !opts.initialState && !opts.log)
        return {
          ...(cached ? { state: cached } : {}),
          ...(metadata ? { metadata: JSON.parse(metadata.json) as Server.MatchData } : {}),
        };
      return this.fetchStored(matchID, opts, cached);
    }) as FetchResult<O>;
  }

  /**
   * A match's metadata from memory, where only this node writes it (SQLite, or one node on
   * PostgreSQL); with several nodes another node's lobby may have changed it, so it is read.
   */
  private metadataInMemory(matchID: string): CachedMetadata | undefined {
    return this.alone ? this.cache.knownMetadata(matchID) : undefined;
  }

  wipe(matchID: string): void {
    this.cache.putState(matchID, null);
    this.cache.putMetadata(matchID, null);
    this.write(`deleting match ${matchID}`, () =>
      this.db.transaction(() => {
        prepared(this.db, `DELETE FROM match_parts WHERE match_id = ?`).run(matchID);
        prepared(this.db, `DELETE FROM matches WHERE id = ?`).run(matchID);
      })(),
    );
  }

  listMatches(opts?: ListMatchesOpts): string[] {
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
    return this.read("listing matches", () => prepared(this.db, sql).all(...args) as { id: string }[]).map(
      (r) => r.id,
    );
  }

  /** Whether a match exists (used to refuse syncs for unknown ids). */
  has(matchID: string): boolean {
    return (
      this.read(`looking up match ${matchID}`, () =>
        prepared(this.db, `SELECT 1 FROM matches WHERE id = ?`).get(matchID),
      ) !== undefined
    );
  }

  /**
   * Reads what `opts` asks for from the file (the state from memory when it is there): only the
   * columns needed — a match's state is its largest, and a move's fetch needs only its metadata.
   */
  private fetchStored(matchID: string, opts: FetchOpts, cached: State | undefined): Record<string, unknown> {
    const columns = [
      "write_id",
      ...(opts.metadata ? ["metadata"] : []),
      ...(opts.state && !cached ? ["state"] : []),
      ...(opts.initialState ? ["initial_state"] : []),
    ];
    const row = prepared(this.db, `SELECT ${columns.join(", ")} FROM matches WHERE id = ?`).get(matchID) as
      | MatchRow
      | undefined;
    const result: Record<string, unknown> = {};
    if (!row) return result;
    if (row.metadata !== undefined) result["metadata"] = this.metadataRead(matchID, row.metadata);
    if (cached) result["state"] = cached;
    else if (row.state) result["state"] = this.readLatest(matchID, row.state, row.write_id);
    if (opts.initialState && row.initial_state)
      result["initialState"] = readState(this.db, matchID, row.initial_state).state;
    if (opts.log) {
      const rows = prepared(this.db, `SELECT entry FROM match_log WHERE match_id = ? ORDER BY seq`).all(
        matchID,
      ) as { entry: string }[];
      result["log"] = rows.map((r) => JSON.parse(r.entry) as unknown);
    }
    return result;
  }

  /**
   * A match's latest state in memory, if the file holds it: a pending state is checked against the
   * row's `write_id` (one small read), and forgotten when the file holds none of the states known.
   */
  private latest(matchID: string): CachedState | undefined {
    const entry = this.cache.state(matchID);
    if (!entry) return entry;
    if (!entry.pending && (!this.shared || this.writesAlone(matchID))) return entry;
    const row = prepared(this.db, `SELECT write_id FROM matches WHERE id = ?`).get(matchID) as
      | { write_id: number | null }
      | undefined;
    const found = settle(entry, row?.write_id, this.db.inTransaction);
    if (found !== entry) this.cache.putState(matchID, found ?? null);
    return found;
  }

  /**
   * A match's metadata read from the file, kept in memory for the next reads when only this node
   * writes it and no transaction is open (what a transaction read may yet be rolled back).
   */
  private metadataRead(matchID: string, json: string): Server.MatchData {
    const metadata = JSON.parse(json) as Server.MatchData;
    if (this.alone && !this.db.inTransaction && metadata.gameover === undefined)
      this.cache.putMetadata(matchID, { json, key: metadataKey(metadata) });
    return metadata;
  }

  /** A match's latest state read from the file, kept in memory for the next reads and writes. */
  private readLatest(matchID: string, row: string, writeID: number | null): State {
    const { state, split } = readState(this.db, matchID, row);
    if (state.ctx.gameover !== undefined) return state;
    const parts = split ? partsOf(state) : null;
    this.cache.putState(matchID, { state, parts, writeID, pending: this.db.inTransaction });
    return state;
  }

  /**
   * Throws why a state write changed no row: no such match, or (`StaleStateError`) the stored state
   * is not the one the new state was made from — another node wrote first. The memory of the match
   * is dropped either way, so the next read comes from the database.
   */
  private refuseStale(matchID: string, from: number | null): never {
    this.cache.putState(matchID, null);
    const row = prepared(this.db, `SELECT state_id FROM matches WHERE id = ?`).get(matchID) as
      | { state_id: number | null }
      | undefined;
    if (!row || from === null) throw new Error(`no match ${matchID} to store a state for`);
    throw new StaleStateError(matchID, from, row.state_id);
  }

  /** Appends log entries after the match's last one. */
  private appendLog(matchID: string, entries: readonly LogEntry[]): void {
    if (entries.length === 0) return;
    // One statement per entry, its place found in the same statement (the compare-and-set's row
    // lock keeps other writers of the match out meanwhile).
    const insert = prepared(
      this.db,
      `INSERT INTO match_log (match_id, seq, entry)
         VALUES (?, (SELECT COALESCE(MAX(seq), -1) + 1 FROM match_log WHERE match_id = ?), ?)`,
    );
    for (const entry of entries) insert.run(matchID, matchID, JSON.stringify(entry));
  }

  /**
   * Runs a write, noting its failure, or its success once committed, for `health`; refused while
   * the file is damaged.
   */
  private write<T>(what: string, work: () => T): T {
    const damage = this.record.damage();
    if (damage !== null) {
      throw new StoredDataError(`${this.db.name} is damaged (${damage}): ${what} was refused`);
    }
    try {
      const result = work();
      if (!this.db.inTransaction) this.record.succeeded("write");
      return result;
    } catch (error) {
      this.record.failed("write", what, error);
      throw error;
    }
  }

  /** Runs a read, noting its failure or success for `health`. */
  private read<T>(what: string, work: () => T): T {
    try {
      const result = work();
      this.record.succeeded("read");
      return result;
    } catch (error) {
      this.record.failed("read", what, error);
      throw error;
    }
  }
}
