/**
 * The storage under trouble and over time: one server per data folder (a second one refuses to
 * start, saying why, and a killed one leaves no stale lock); a damaged database stops the start
 * with the file untouched, and damage met later shows in `health()`; a write that fails for want
 * of space throws, changes nothing in memory or on disk, and shows in `health()` until space comes
 * back; the growing parts of a match state are stored as rows, so an action late in a long match
 * writes no more than one early on, and every state reads back exactly, old rows included.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { State } from "boardgame.io";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DATABASE_FILE,
  inspectDatabase,
  MIGRATIONS,
  openDatabase,
  PARTS,
  Storage,
} from "../../server/src/storage";
import type { MatchState } from "../../shared/src";
import { playLongMatch, nextOf, springOf, type LongMatch } from "./support/long-match";
import { api } from "./support/matches";
import { removeDataDir, startChild, tempDataDir, type ChildServer } from "./support/server";
import {
  fileHash,
  fillDisk,
  logEntry,
  metadata,
  mountTmpfs,
  pagesOf,
  spoilHeader,
  sqliteOf,
  textWritten,
  unmount,
  zeroPage,
} from "./support/storage";
import type { SqlDatabase } from "../../server/src/storage";

/** The schema version a fresh database reports: its last migration. */
const LATEST_MIGRATION = Object.keys(MIGRATIONS).at(-1);

const dirs: string[] = [];
const children: ChildServer[] = [];
const mounts: string[] = [];
let match: LongMatch;

beforeAll(() => {
  match = playLongMatch({ seed: "storage-test", untilYear: 1916 });
});
afterAll(async () => {
  for (const c of children.splice(0)) await c.kill("SIGKILL");
  for (const m of mounts.splice(0)) unmount(m);
  for (const d of dirs.splice(0)) removeDataDir(d);
});

/** A fresh data folder, removed after the suite. */
/** Starts a child server that must refuse to start: its message (or "started", kept for cleanup). */
async function refusedStart(dir: string): Promise<string> {
  const refused = await startChild({ dataDir: dir }).then(
    (c) => {
      children.push(c);
      return "started";
    },
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  expect(refused).toMatch(/server exited with 1 before serving/);
  return refused;
}

function freshDir(label: string): string {
  const dir = tempDataDir(`entente-storage-${label}`);
  dirs.push(dir);
  return dir;
}

/** A storage over a folder's database, the match `m` created with the long match's first state. */
async function storageWithMatch(dir: string, matchID = "m"): Promise<Storage> {
  const storage = new Storage(await openDatabase(dir));
  storage.createMatch(matchID, { initialState: match.states[0]!, metadata: metadata() });
  return storage;
}

/** Runs `work` on a fresh Storage over a new connection to the folder's file, then closes it. */
async function reopened<T>(dir: string, work: (storage: Storage) => T): Promise<T> {
  const db = await openDatabase(dir);
  try {
    return work(new Storage(db));
  } finally {
    db.close();
  }
}

/** The stored state of a match, read from the file by a second connection (beside any open one). */
function storedState(dir: string, matchID = "m"): State<MatchState> {
  const storage = new Storage(inspectDatabase(dir));
  try {
    return storage.fetch(matchID, { state: true }).state as State<MatchState>;
  } finally {
    storage.db.close();
  }
}

/** The rows `match_parts` holds per part for a match. */
function partRows(db: SqlDatabase, matchID: string): Record<string, number> {
  const rows = db
    .prepare(`SELECT part, COUNT(*) AS n FROM match_parts WHERE match_id = ? GROUP BY part`)
    .all(matchID) as { part: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.part, r.n]));
}

/** The lengths of a state's stored parts, as `partRows` would count them. */
function partLengths(state: State<MatchState>): Record<string, number> {
  const G = state.G as unknown as Record<string, unknown>;
  const out: Record<string, number> = {};
  for (const part of PARTS) {
    const items = G[part];
    if (Array.isArray(items) && items.length > 0) out[part] = items.length;
  }
  return out;
}

/** A data folder holding a populated, cleanly closed database: ten matches played to 1905. */
async function populatedDir(label: string): Promise<string> {
  const dir = freshDir(label);
  const storage = new Storage(await openDatabase(dir));
  for (let i = 0; i < 10; i++) {
    const id = `m${i}`;
    storage.createMatch(id, { initialState: match.states[0]!, metadata: metadata() });
    storage.setState(id, springOf(match, 1903 + (i % 3)), [logEntry(1)]);
  }
  storage.db.close();
  return dir;
}

const LOCKED =
  /^Another Entente server is already using .*entente\.sqlite \(the data folder is locked\)\. Stop it first, or give this one another DATA_DIR\.$/;
const DAMAGED =
  /^The database .*entente\.sqlite is damaged \(.+\)\. It was left untouched: restore a backup, or move it away to start afresh\.$/;

/** What a write refused for want of space throws (a matcher, which `toThrow` types as an `Error`). */
const DISK_FULL = expect.objectContaining({ code: "SQLITE_FULL" }) as Error;

describe("one server per data folder", () => {
  it("refuses a second openDatabase on a folder in use, fast, and allows it once the first closes", async () => {
    const dir = freshDir("lock");
    const first = await openDatabase(dir);
    const started = Date.now();
    await expect(openDatabase(dir)).rejects.toThrow(LOCKED);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(first.prepare("SELECT 1 AS one").get()).toEqual({ one: 1 });
    first.close();
    (await openDatabase(dir)).close();
  });

  it("a second server process on the folder exits with the reason; the first keeps serving; after kill -9 a new one starts", async () => {
    const dir = freshDir("lock-child");
    const first = await startChild({ dataDir: dir });
    children.push(first);
    const refused = await refusedStart(dir);
    expect(refused).toContain(`Another Entente server is already using ${path.join(dir, DATABASE_FILE)}`);
    expect(refused).toContain("Stop it first, or give this one another DATA_DIR.");
    expect((await api(first, "GET", "/health")).status).toBe(200);

    await first.kill("SIGKILL");
    expect(first.child.signalCode).toBe("SIGKILL");
    const next = await startChild({ dataDir: dir });
    children.push(next);
    expect((await api(next, "GET", "/health")).status).toBe(200);
    await next.kill("SIGTERM");
  });
});

describe("a damaged database", () => {
  it("is refused at open when a page of the matches table is zeroed, and its bytes are left as they were", async () => {
    const dir = await populatedDir("damaged-page");
    const file = path.join(dir, DATABASE_FILE);
    const leaves = pagesOf(file, "matches").filter((p) => p.pagetype === "leaf");
    expect(leaves.length).toBeGreaterThan(1);
    zeroPage(file, leaves[1]!.pageno);
    const before = fileHash(file);
    await expect(openDatabase(dir)).rejects.toThrow(DAMAGED);
    expect(fileHash(file)).toBe(before);
    // The folder is not left locked by the refused start: it refuses again, for the same reason.
    await expect(openDatabase(dir)).rejects.toThrow(DAMAGED);
    expect(fileHash(file)).toBe(before);
  });

  it("is refused at open when its header is not a database's, with the same kind of message", async () => {
    const dir = await populatedDir("damaged-header");
    const file = path.join(dir, DATABASE_FILE);
    spoilHeader(file);
    const before = fileHash(file);
    await expect(openDatabase(dir)).rejects.toThrow(DAMAGED);
    await expect(openDatabase(dir)).rejects.toThrow(/file is not a database/);
    expect(fileHash(file)).toBe(before);
  });

  it("stops `npm start` with the message and exit code 1, the file untouched", async () => {
    const dir = await populatedDir("damaged-start");
    const file = path.join(dir, DATABASE_FILE);
    zeroPage(file, pagesOf(file, "matches").find((p) => p.pagetype === "leaf")!.pageno);
    const before = fileHash(file);
    const refused = await refusedStart(dir);
    expect(refused).toContain(`The database ${file} is damaged (`);
    expect(refused).toContain("It was left untouched: restore a backup, or move it away to start afresh.");
    expect(fileHash(file)).toBe(before);
  });

  it("met at runtime makes health() report it and refuses every later write", async () => {
    const dir = await populatedDir("damaged-runtime");
    const file = path.join(dir, DATABASE_FILE);
    zeroPage(file, pagesOf(file, "matches").find((p) => p.pagetype === "leaf")!.pageno);
    const storage = new Storage(inspectDatabase(dir)); // past the check, as if the damage came later
    try {
      expect(storage.health()).toEqual({ ok: true, schema: LATEST_MIGRATION });
      const reads = ["m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"].map((id) => {
        try {
          storage.fetch(id, { state: true, metadata: true });
          return "read";
        } catch (error) {
          return (error as { code?: string }).code ?? String(error);
        }
      });
      expect(reads).toContain("SQLITE_CORRUPT");
      const health = storage.health();
      expect(health.ok).toBe(false);
      expect(health.problem).toMatch(
        /^reading match m\d failed: database disk image is malformed \(SQLITE_CORRUPT\)$/,
      );
      expect(() => storage.setMetadata("m0", metadata("after the damage"))).toThrow(
        /is damaged .* was refused/,
      );
      expect(storage.health().ok).toBe(false);
    } finally {
      storage.db.close();
    }
  });

  it("health() is ok on a sound database, names its schema version, and says so when the database is closed", async () => {
    const storage = await storageWithMatch(freshDir("health"));
    storage.setState("m", springOf(match, 1902));
    expect(storage.health()).toEqual({ ok: true, schema: LATEST_MIGRATION });
    storage.db.close();
    expect(storage.health()).toEqual({
      ok: false,
      problem: "the database is closed",
      schema: LATEST_MIGRATION,
    });
  });
});

/**
 * A write that fails for want of space, and what follows: `makeFull` takes the space away from a
 * storage whose folder already holds match `m` at spring 1901; `makeRoom` gives it back.
 */
async function fullDiskStory(
  dir: string,
  makeFull: (db: Database.Database) => void,
  makeRoom: (db: Database.Database) => void,
): Promise<void> {
  const storage = await storageWithMatch(dir);
  const early = springOf(match, 1901);
  const late = springOf(match, 1915);
  storage.setMetadata("m", metadata("first"));
  storage.setState("m", early, [logEntry(1)]);
  makeFull(sqliteOf(storage.db));

  expect(() => storage.setState("m", late, [logEntry(2)])).toThrow(DISK_FULL);
  expect(storage.fetch("m", { state: true }).state).toBe(early);
  expect(storage.fetch("m", { state: true, metadata: true }).state).toBe(early);
  const health = storage.health();
  expect(health.ok).toBe(false);
  expect(health.problem).toBe("storing the state of match m failed: database or disk is full (SQLITE_FULL)");
  const beside = new Storage(inspectDatabase(dir));
  expect(beside.fetch("m", { state: true }).state).toEqual(early);
  beside.db.close();

  expect(() => storage.setMetadata("m", metadata("x".repeat(300_000)))).toThrow(DISK_FULL);
  expect(storage.fetch("m", { metadata: true }).metadata).toEqual(metadata("first"));
  expect(() => storage.createMatch("m2", { initialState: late, metadata: metadata() })).toThrow(DISK_FULL);
  expect(storage.has("m2")).toBe(false);
  expect(storage.health().ok).toBe(false);

  // The same writes in one transaction, the storage's own or not: the commit fails, memory holds.
  const notices: string[] = [];
  storage.onMetadata((id) => notices.push(id));
  const together = (): void => {
    storage.setState("m", late, [logEntry(2)]);
    storage.setMetadata("m", metadata("x".repeat(300_000)));
  };
  expect(() => storage.transaction(together)).toThrow(DISK_FULL);
  expect(storage.fetch("m", { state: true }).state).toBe(early);
  expect(() => storage.db.transaction(together)()).toThrow(DISK_FULL);
  expect(storage.fetch("m", { state: true }).state).toEqual(early);
  expect(storage.fetch("m", { metadata: true }).metadata).toEqual(metadata("first"));
  expect(storage.health().ok).toBe(false);

  makeRoom(sqliteOf(storage.db));
  storage.setState("m", late, [logEntry(2)]);
  expect(storage.health()).toEqual({ ok: true, schema: LATEST_MIGRATION });
  storage.setMetadata("m", metadata("x".repeat(300_000)));
  expect(notices.filter((id) => id === "m").length).toBeGreaterThan(0);
  storage.db.close();

  await reopened(dir, (s) => {
    const stored = s.fetch("m", { state: true, metadata: true, log: true });
    expect(stored.state).toEqual(late);
    expect(stored.metadata).toEqual(metadata("x".repeat(300_000)));
    expect(stored.log).toEqual([logEntry(1), logEntry(2)]);
    expect(s.has("m2")).toBe(false);
    expect(partRows(s.db, "m")).toEqual(partLengths(late));
  });
}

describe("a write that fails for want of space", () => {
  it("throws, keeps the last stored state in memory and on disk, shows in health() until space returns (SQLite's max_page_count)", async () => {
    let limit = 0;
    await fullDiskStory(
      freshDir("full-pages"),
      (db) => {
        limit = db.pragma("page_count", { simple: true }) as number;
        db.pragma(`max_page_count = ${limit}`);
      },
      (db) => db.pragma(`max_page_count = ${limit * 1000}`),
    );
  });

  it("does the same on a real full disk (a tmpfs filled to the last byte)", async (ctx) => {
    const dir = freshDir("full-disk");
    if (mountTmpfs(dir, 8192) !== null) {
      ctx.skip("mounting a tmpfs was refused (it needs root); the max_page_count test tells the same story");
    }
    mounts.push(dir);
    let filler = "";
    await fullDiskStory(
      dir,
      () => {
        filler = fillDisk(dir);
      },
      () => fs.rmSync(filler),
    );
  });
});

describe("writes that belong together", () => {
  it("commit together in Storage.transaction: memory and metadata listeners follow only the commit", async () => {
    const dir = freshDir("together");
    const storage = await storageWithMatch(dir);
    const early = springOf(match, 1906);
    const late = nextOf(match, early);
    storage.setState("m", early, [logEntry(1)]);
    const notices: string[] = [];
    storage.onMetadata((id) => notices.push(id));
    const failing = new Error("a later step failed");
    expect(() =>
      storage.transaction(() => {
        storage.setState("m", late, [logEntry(2)]);
        storage.setMetadata("m", metadata("rolled back"));
        expect(storage.fetch("m", { state: true }).state).toBe(late);
        throw failing;
      }),
    ).toThrow(failing);
    expect(storage.fetch("m", { state: true }).state).toBe(early);
    expect(notices).toEqual([]);
    expect(storedState(dir)).toEqual(early);

    storage.transaction(() => {
      storage.setState("m", late, [logEntry(2)]);
      storage.setMetadata("m", metadata("committed"));
      expect(notices).toEqual([]);
    });
    expect(notices).toEqual(["m"]);
    expect(storage.fetch("m", { state: true }).state).toBe(late);
    storage.db.close();
    await reopened(dir, (s) => {
      expect(s.fetch("m", { state: true, metadata: true, log: true })).toEqual({
        state: late,
        metadata: metadata("committed"),
        log: [logEntry(1), logEntry(2)],
      });
      expect(partRows(s.db, "m")).toEqual(partLengths(late));
    });
  });

  it("rolled back in a transaction the storage did not open leave memory to the file", async () => {
    const dir = freshDir("foreign");
    const storage = await storageWithMatch(dir);
    const early = springOf(match, 1906);
    const history = early.G.history.map((h, i) => (i === 2 ? { ...h, orders: {} } : h));
    const late = { ...early, G: { ...early.G, history }, _stateID: early._stateID + 1 };
    storage.setState("m", early);
    expect(() =>
      storage.db.transaction(() => {
        storage.setState("m", late);
        throw new Error("a later step failed");
      })(),
    ).toThrow("a later step failed");
    const read = storage.fetch("m", { state: true }).state as State<MatchState>;
    expect(read).toEqual(early);
    // The next state is built on what was read, as the server does: its rows must all be right.
    const next = { ...read, G: { ...read.G, history: read.G.history.slice(0, -1) }, _stateID: 99 };
    storage.setState("m", next);
    storage.db.close();
    expect(storedState(dir)).toEqual(next);
    await reopened(dir, (s) => expect(partRows(s.db, "m")).toEqual(partLengths(next)));
  });
});

describe("the growing parts of a match state", () => {
  it("read back exactly after reopening, at every spring of a match to 1916", async () => {
    const dir = freshDir("round-trip");
    let storage = await storageWithMatch(dir);
    let checked = 0;
    for (const state of match.states) {
      storage.setState("m", state);
      const G = state.G;
      if (G.position.season !== "spring" || springOf(match, G.position.year) !== state) continue;
      storage.db.close();
      storage = new Storage(await openDatabase(dir));
      expect(storage.fetch("m", { state: true }).state).toEqual(state);
      expect(partRows(storage.db, "m")).toEqual(partLengths(state));
      checked++;
    }
    storage.db.close();
    expect(checked).toBe(1916 - 1901 + 1);
    expect(storedState(dir)).toEqual(match.last);
  });

  it("are rewritten when the stored array is not a prefix: an element replaced, arrays cut short, every reference new, a part gone", async () => {
    const dir = freshDir("rewrite");
    const storage = await storageWithMatch(dir);
    const base = springOf(match, 1910);
    storage.setState("m", base);
    const G = base.G;
    const variants: State<MatchState>[] = [
      { ...base, G: { ...G, history: G.history.map((h, i) => (i === 3 ? { ...h, orders: {} } : h)) } },
      { ...base, G: { ...G, history: G.history.slice(0, 5), editions: G.editions.slice(0, 2) } },
      structuredClone(springOf(match, 1912)),
      { ...base, G: { ...G, commitments: [] } },
      {
        ...base,
        G: Object.fromEntries(Object.entries(G).filter(([k]) => k !== "messages")) as unknown as MatchState,
      },
      springOf(match, 1913),
    ];
    for (const variant of variants) {
      storage.setState("m", variant);
      expect(storedState(dir)).toEqual(variant);
      expect(partRows(storage.db, "m")).toEqual(partLengths(variant));
    }
    storage.db.close();
  });

  it("read a row the previous version wrote (arrays inline), and carry on from it", async () => {
    const dir = freshDir("old-row");
    const old = springOf(match, 1905);
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.pragma("journal_mode = WAL");
    db.exec(`CREATE TABLE matches (id TEXT PRIMARY KEY, game TEXT NOT NULL, metadata TEXT NOT NULL, state TEXT,
               initial_state TEXT, gameover INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL,
               updated_at INTEGER NOT NULL);
             CREATE TABLE match_log (match_id TEXT NOT NULL REFERENCES matches(id) ON DELETE CASCADE,
               seq INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (match_id, seq));
             CREATE INDEX matches_updated ON matches(updated_at);`);
    db.prepare(`INSERT INTO matches VALUES ('m', 'entente', ?, ?, ?, 0, 1, 1)`).run(
      JSON.stringify(metadata()),
      JSON.stringify(old),
      JSON.stringify(match.states[0]),
    );
    db.prepare(`INSERT INTO match_log VALUES ('m', 0, ?)`).run(JSON.stringify(logEntry(1)));
    db.close();

    await reopened(dir, (s) => {
      const read = s.fetch("m", { state: true, metadata: true, initialState: true, log: true });
      expect(read).toEqual({
        state: old,
        metadata: metadata(),
        initialState: match.states[0],
        log: [logEntry(1)],
      });
      s.setState("m", nextOf(match, old), [logEntry(2)]);
    });
    expect(storedState(dir)).toEqual(nextOf(match, old));
    await reopened(dir, (s) => expect(partRows(s.db, "m")).toEqual(partLengths(nextOf(match, old))));
  });

  it("keep the text written for one ordinary action flat from spring 1901 to spring 1915", async () => {
    const written = async (year: number): Promise<number> => {
      const storage = await storageWithMatch(freshDir(`bytes-${year}`));
      const state = springOf(match, year);
      storage.setState("m", state);
      const bytes = textWritten(storage.db, () => storage.setState("m", nextOf(match, state), [logEntry(2)]));
      storage.db.close();
      return bytes;
    };
    const early = await written(1901);
    const late = await written(1915);
    expect(JSON.stringify(springOf(match, 1915)).length).toBeGreaterThan(
      50 * JSON.stringify(springOf(match, 1901)).length,
    );
    expect(late).toBeLessThan(2 * early);
  });
});

/** Changes a match's metadata row behind the storage's back (as another node's lobby would). */
function changeRow(db: SqlDatabase, matchID: string, note: string): void {
  db.prepare(`UPDATE matches SET metadata = ? WHERE id = ?`).run(JSON.stringify(metadata(note)), matchID);
}

describe("a match's metadata in memory", () => {
  // boardgame.io fetches a match's metadata on every move: on one node it comes from memory (the
  // row is read once), with several nodes from the database (any node's lobby may change it).
  it("is read once on one node, then served from memory as last written or read", async () => {
    const storage = await storageWithMatch(freshDir("metadata-alone"));
    storage.setMetadata("m", metadata("written"));
    changeRow(storage.db, "m", "behind its back");
    expect(storage.fetch("m", { metadata: true })).toEqual({ metadata: metadata("written") });
    const fetched = storage.fetch("m", { metadata: true }).metadata!;
    fetched.players[0]!.name = "changed by a caller";
    expect(storage.fetch("m", { metadata: true }).metadata).toEqual(metadata("written"));
    storage.db.close();
  });

  it("is read from the database on every fetch when other nodes share it", async () => {
    const storage = await storageWithMatch(freshDir("metadata-shared"));
    storage.trustMemoryOf(() => true, { alone: false });
    storage.setMetadata("m", metadata("written"));
    changeRow(storage.db, "m", "another node's lobby");
    expect(storage.fetch("m", { metadata: true })).toEqual({ metadata: metadata("another node's lobby") });
    storage.setMetadata("m", metadata("another node's lobby")); // written again: nothing skipped
    changeRow(storage.db, "m", "again");
    expect(storage.fetch("m", { metadata: true })).toEqual({ metadata: metadata("again") });
    storage.db.close();
  });

  it("is not kept when read in a transaction that is rolled back", async () => {
    const dir = freshDir("metadata-rollback");
    const storage = await storageWithMatch(dir);
    storage.setMetadata("m", metadata("kept"));
    storage.forget("m");
    expect(() =>
      storage.transaction(() => {
        storage.setMetadata("m", metadata("rolled back"));
        expect(storage.fetch("m", { metadata: true }).metadata).toEqual(metadata("rolled back"));
        throw new Error("a later step failed");
      }),
    ).toThrow("a later step failed");
    expect(storage.fetch("m", { metadata: true }).metadata).toEqual(metadata("kept"));
    storage.db.close();
    await reopened(dir, (s) => expect(s.fetch("m", { metadata: true }).metadata).toEqual(metadata("kept")));
  });

  it("costs a move's fetch no read once the state and metadata are in memory; the log stays in order", async () => {
    const db: SqlDatabase = await openDatabase(freshDir("metadata-reads"));
    const reads: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = (sql: string) => {
      const statement = prepare(sql);
      return {
        run: (...args: unknown[]) => statement.run(...args),
        get: (...args: unknown[]) => (reads.push(sql), statement.get(...args)),
        all: (...args: unknown[]) => (reads.push(sql), statement.all(...args)),
      };
    };
    const storage = new Storage(db);
    storage.createMatch("m", { initialState: match.states[0]!, metadata: metadata() });
    const early = springOf(match, 1906);
    storage.setState("m", early, [logEntry(1), logEntry(2)]);
    storage.setState("m", nextOf(match, early), [logEntry(3)]);
    storage.forget("m");
    reads.length = 0;
    expect(storage.fetch("m", { state: true, metadata: true })).toEqual({
      state: nextOf(match, early),
      metadata: metadata(),
    });
    expect(reads.filter((sql) => sql.includes("FROM matches"))).toEqual([
      "SELECT write_id, metadata, state FROM matches WHERE id = ?",
    ]);
    reads.length = 0;
    expect(storage.fetch("m", { state: true, metadata: true }).state).toEqual(nextOf(match, early));
    expect(reads).toEqual([]);
    expect(storage.fetch("m", { log: true }).log).toEqual([logEntry(1), logEntry(2), logEntry(3)]);
    db.close();
  });
});
