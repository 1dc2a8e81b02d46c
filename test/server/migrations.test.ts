/**
 * The main database's schema under migration (docs/storage.md): a data folder written by the last
 * version without migrations (a committed fixture, `fixtures/main-folder`) is adopted with every
 * row kept and its match playing on; a fresh folder gets every migration recorded and the very
 * schema that version made; opening again writes nothing; the migrations apply in one transaction
 * (one that fails leaves nothing behind); a folder written by a newer version is refused, saying
 * which migration and what to do, its bytes unchanged.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Server } from "boardgame.io";
import { afterAll, describe, expect, it } from "vitest";
import { MatchRecords } from "../../server/src/matches";
import { DATABASE_FILE, MIGRATIONS, openDatabase, schemaVersion } from "../../server/src/storage";
import { migrate, MIGRATION_TABLE } from "../../server/src/storage/migrations";
import { createRng } from "../../shared/src";
import { SeatClient, startSeats } from "./support/clients";
import { api, readStored } from "./support/matches";
import { phaseKey, playPhase } from "./support/play";
import { PressClient } from "./support/press";
import { removeDataDir, startChild, startInProcess, tempDataDir, type ChildServer } from "./support/server";
import { fileHash } from "./support/storage";

/** The fixture: a data folder as the last version without migrations left it (see its maker). */
const FIXTURE = path.join(import.meta.dirname, "fixtures/main-folder", DATABASE_FILE);

/** Every table of the main database, as that version made them. */
const TABLES = [
  "lobby_reservations",
  "match_log",
  "match_parts",
  "match_setup",
  "matches",
  "phase_clock",
  "press",
  "press_key",
  "seats",
];
/** Every table once the migrations ran: that version's, and 003's device links. */
/** 004's class tables. */
const CLASS_TABLES = [
  "class_broadcasts",
  "class_drafts",
  "class_matches",
  "class_students",
  "class_team_chat",
  "classes",
];
/** 005's leases (which node runs a match), 006's relayed moves run. */
const MIGRATED_TABLES = [...TABLES, "device_links", ...CLASS_TABLES, "match_leases", "relayed_moves"].sort();

const NEWER =
  /^The database .*entente\.sqlite records migration 002-from-the-future, which this version of Entente does not know: this data folder was written by a newer version of Entente; upgrade or use another DATA_DIR\. It was left untouched\.$/;

const dirs: string[] = [];
const children: ChildServer[] = [];
afterAll(async () => {
  for (const c of children.splice(0)) await c.kill("SIGKILL");
  for (const d of dirs.splice(0)) removeDataDir(d);
});

/** A fresh data folder, removed after the suite. */
function freshDir(label: string): string {
  const dir = tempDataDir(`entente-migrations-${label}`);
  dirs.push(dir);
  return dir;
}

/** A copy of the fixture's folder (the fixture itself is never opened: even a read leaves files). */
function fixtureDir(): string {
  const dir = freshDir("fixture");
  fs.copyFileSync(FIXTURE, path.join(dir, DATABASE_FILE));
  return dir;
}

/** Runs `work` on a read-only connection to a folder's database. */
function readOnly<T>(dir: string, work: (db: Database.Database) => T): T {
  const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** The tables a database holds, kysely's records left out. */
function tablesOf(db: Database.Database): string[] {
  const rows = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT LIKE 'kysely_%' ORDER BY name`,
    )
    .all() as { name: string }[];
  return rows.map((r) => r.name);
}

/** Every row of every table, in rowid order. */
function everyRow(db: Database.Database): Record<string, unknown[]> {
  return Object.fromEntries(
    tablesOf(db).map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()]),
  );
}

/** The `CHECK (…)` constraints of a table's SQL, lower case, without spaces or quotes. */
function checksOf(tableSql: string): string[] {
  const text = tableSql.toLowerCase().replace(/[\s"`]/g, "");
  const checks: string[] = [];
  for (let at = text.indexOf("check("); at !== -1; at = text.indexOf("check(", at + 1)) {
    let depth = 0;
    let end = at + 5;
    do {
      if (text[end] === "(") depth++;
      if (text[end] === ")") depth--;
      end++;
    } while (depth > 0 && end < text.length);
    checks.push(text.slice(at + 6, end - 1));
  }
  return checks.sort();
}

/**
 * What a database's schema means to SQLite, table by table: columns (name, type, not null,
 * default, place in the primary key), references, indexes and checks. Types are compared in upper
 * case (SQLite reads them so); the SQL's spelling and the constraints' names do not matter.
 */
function schemaOf(db: Database.Database): Record<string, unknown> {
  const schema: Record<string, unknown> = {};
  for (const table of tablesOf(db)) {
    const columns = (
      db.prepare(`PRAGMA table_info("${table}")`).all() as {
        name: string;
        type: string;
        notnull: number;
        dflt_value: string | null;
        pk: number;
      }[]
    ).map((c) => [c.name, c.type.toUpperCase(), c.notnull, c.dflt_value, c.pk]);
    const references = (
      db.prepare(`PRAGMA foreign_key_list("${table}")`).all() as {
        table: string;
        from: string;
        to: string;
        on_delete: string;
      }[]
    ).map((f) => [f.from, f.table, f.to, f.on_delete]);
    const indexes = (
      db.prepare(`PRAGMA index_list("${table}")`).all() as { name: string; unique: number; origin: string }[]
    )
      .map((i) => [
        i.origin === "c" ? i.name : i.origin,
        i.unique,
        (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name),
      ])
      .sort();
    const { sql } = db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(table) as { sql: string };
    schema[table] = { columns, references, indexes, checks: checksOf(sql) };
  }
  return schema;
}

/** The migrations a database records, in order. */
function recorded(db: Database.Database): { name: string; timestamp: string }[] {
  return db.prepare(`SELECT name, timestamp FROM ${MIGRATION_TABLE} ORDER BY name`).all() as {
    name: string;
    timestamp: string;
  }[];
}

/**
 * The hash of a folder's database file, and whether its write-ahead log holds anything (a
 * read-only look may leave an empty log and its index beside the file; nothing is in them).
 */
function folderState(dir: string): { database: string; logged: boolean } {
  const wal = path.join(dir, `${DATABASE_FILE}-wal`);
  return {
    database: fileHash(path.join(dir, DATABASE_FILE)),
    logged: fs.existsSync(wal) && fs.statSync(wal).size > 0,
  };
}

describe("a data folder written by the last version without migrations", () => {
  it("is adopted by 001 with every row kept, and its match plays on, its press and reservations there", async () => {
    const dir = fixtureDir();
    const before = readOnly(dir, everyRow);
    expect(Object.keys(before)).toEqual(TABLES);
    for (const table of TABLES) expect(before[table]!.length, table).toBeGreaterThan(0);
    expect(readOnly(dir, (db) => schemaVersion(db))).toBeNull();

    const db = await openDatabase(dir);
    expect(recorded(db).map((m) => m.name)).toEqual(Object.keys(MIGRATIONS));
    // Every row kept; 002 gave each match a host column, empty (those matches were made without one);
    // 005 a state id column, empty until the match's next move.
    expect(everyRow(db)).toEqual({
      ...before,
      matches: before["matches"]!.map((row) => ({ ...(row as object), state_id: null })),
      match_setup: before["match_setup"]!.map((row) => ({ ...(row as object), host_seat: null })),
      device_links: [], // 003's table, empty
      ...Object.fromEntries(CLASS_TABLES.map((t) => [t, []])), // 004's, empty
      match_leases: [], // 005's, empty
      relayed_moves: [], // 006's, empty
    });
    db.close();

    // The server, its clock at the fixture's time: nothing fell due while the fixture waited.
    const matches = before["matches"] as { id: string; metadata: string; updated_at: number }[];
    const clocks = before["phase_clock"] as { match_id: string; phase_key: string }[];
    const madeAt = Math.max(...matches.map((m) => m.updated_at));
    const since = Date.now();
    const server = await startInProcess({ dataDir: dir, now: () => madeAt + (Date.now() - since) });
    const clients: { stop(): void }[] = [];
    try {
      const played = clocks[0]!;
      const next = matches.find((m) => m.id !== played.match_id)!;
      const metadata = JSON.parse(
        matches.find((m) => m.id === played.match_id)!.metadata,
      ) as Server.MatchData;
      const people = (before["seats"] as { match_id: string; seat: number; kind: string }[])
        .filter((s) => s.match_id === played.match_id && s.kind === "human")
        .map((s) => s.seat);
      const proofs = [0, 1, 2, 3].map((i) => {
        const credentials = metadata.players[i]?.credentials;
        return credentials === undefined || !people.includes(i) ? null : { playerID: String(i), credentials };
      });
      expect(proofs.filter((p) => p !== null)).toHaveLength(3);
      const seats = await startSeats(server.url, played.match_id, 4, proofs);
      const spectator = await new SeatClient(server.url, played.match_id, 4, null, null).start();
      clients.push(...seats.filter((c) => c !== null), spectator);
      expect(phaseKey(spectator.G)).toBe(played.phase_key);
      expect(await playPhase(seats, spectator, createRng("after-the-upgrade"))).toBe(played.phase_key);
      const now = phaseKey(spectator.G);
      expect(now).not.toBe(played.phase_key);
      expect(phaseKey(readStored(dir, played.match_id).state.G)).toBe(now);

      const press = await PressClient.open(server.url, played.match_id, proofs[1]!);
      clients.push(press);
      expect((await press.history()).map((item) => item.text)).toContain(
        "Shall we keep the peace in the north?",
      );

      const info = await api(server, "GET", `/api/matches/${next.id}`);
      expect(info.status).toBe(200);
      const nextSeats = (info.body as { seats: { kind: string; reserved: boolean }[] }).seats;
      expect(nextSeats.map((s) => [s.kind, s.reserved])).toEqual([
        ["human", false],
        ["open", true],
        ["bot", false],
        ["open", true],
      ]);
    } finally {
      for (const c of clients) c.stop();
      await server.stop();
    }

    // Every row of the fixture is still there (the match's own rows moved on with its play).
    const after = readOnly(dir, everyRow);
    const key = (row: unknown): string => JSON.stringify(row);
    const upgraded = (table: string, row: unknown): unknown =>
      table === "match_setup" ? { ...(row as object), host_seat: null } : row; // 002's column
    for (const table of ["press", "press_key", "lobby_reservations", "match_setup", "match_parts"]) {
      const kept = new Set(after[table]!.map(key));
      for (const row of before[table]!)
        expect(kept.has(key(upgraded(table, row))), `${table} ${key(row)}`).toBe(true);
    }
    for (const table of ["matches", "seats", "match_log"])
      expect(after[table]!.length).toBeGreaterThanOrEqual(before[table]!.length);
    expect(after["match_log"]!.slice(0, before["match_log"]!.length)).toEqual(before["match_log"]);
  });

  it("is adopted even from before the write ids and the idle columns: they are added, rows and clocks kept", async () => {
    const dir = freshDir("older");
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw.exec(`CREATE TABLE matches (id TEXT PRIMARY KEY, game TEXT NOT NULL, metadata TEXT NOT NULL, state TEXT,
                initial_state TEXT, gameover INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL);
              CREATE TABLE phase_clock (match_id TEXT PRIMARY KEY, phase_key TEXT NOT NULL, deadline INTEGER NOT NULL);
              INSERT INTO matches VALUES ('old', 'entente', '{}', NULL, NULL, 0, 1, 2);
              INSERT INTO phase_clock VALUES ('old', '1901-spring-movement', 1234);`);
    raw.close();
    const db = await openDatabase(dir);
    try {
      expect(tablesOf(db)).toEqual(MIGRATED_TABLES);
      expect(db.prepare(`SELECT id, write_id FROM matches`).all()).toEqual([{ id: "old", write_id: null }]);
      const records = new MatchRecords(db);
      expect(records.clock("old")).toEqual({
        matchID: "old",
        phaseKey: "1901-spring-movement",
        deadline: 1234,
      });
      expect(records.idleness("old")).toEqual({
        idlePhases: 0,
        activity: "waiting",
        pausedLeft: null,
        pressSeen: 0,
      });
      expect(records.pausedMatches().size).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe("a fresh data folder", () => {
  it("gets every migration recorded, and the schema an adopted folder ends with", async () => {
    const db = await openDatabase(freshDir("fresh"));
    const adopted = await openDatabase(fixtureDir()); // a copy: nothing opens the fixture itself
    try {
      expect(recorded(db).map((m) => m.name)).toEqual(Object.keys(MIGRATIONS));
      expect(schemaVersion(db)).toBe(Object.keys(MIGRATIONS).at(-1));
      expect(tablesOf(db)).toEqual(MIGRATED_TABLES);
      expect(schemaOf(db)).toEqual(schemaOf(adopted));
      const hostColumn = db
        .prepare(
          `SELECT name, lower(type) AS type, "notnull" FROM pragma_table_info('match_setup') WHERE name = 'host_seat'`,
        )
        .all();
      expect(hostColumn).toEqual([{ name: "host_seat", type: "integer", notnull: 0 }]); // 002
    } finally {
      db.close();
      adopted.close();
    }
    const memory = await openDatabase(":memory:");
    expect(recorded(memory).map((m) => m.name)).toEqual(Object.keys(MIGRATIONS));
    memory.close();
  });

  it("opened twice is left as it was: no migration again, nothing written", async () => {
    const dir = freshDir("twice");
    const first = await openDatabase(dir);
    const records = recorded(first);
    expect(await migrate(first)).toEqual([]);
    first.close();
    const file = path.join(dir, DATABASE_FILE);
    const hash = fileHash(file);
    const second = await openDatabase(dir);
    expect(second.prepare(`SELECT total_changes() AS n`).get()).toEqual({ n: 0 });
    expect(recorded(second)).toEqual(records);
    second.close();
    expect(fileHash(file)).toBe(hash);
  });

  it("applies the migrations in one transaction: one that fails leaves none of them behind", async () => {
    const broken = {
      ...MIGRATIONS,
      "999-broken": {
        up: async (k: Parameters<NonNullable<(typeof MIGRATIONS)[string]>["up"]>[0]) => {
          await k.schema.createTable("half_made").addColumn("x", "text").execute();
          throw new Error("no room for the rest");
        },
      },
    };
    const db = new Database(":memory:");
    await expect(migrate(db, broken)).rejects.toThrow(
      /^Migrating :memory: failed at 999-broken: no room for the rest$/,
    );
    expect(db.prepare(`SELECT name FROM sqlite_master`).all()).toEqual([]);
    expect(db.inTransaction).toBe(false);
    expect(await migrate(db)).toEqual(Object.keys(MIGRATIONS));
    await expect(migrate(db, broken)).rejects.toThrow(/failed at 999-broken/);
    expect(recorded(db).map((m) => m.name)).toEqual(Object.keys(MIGRATIONS));
    expect(tablesOf(db)).toEqual(MIGRATED_TABLES);
    db.close();
  });
});

describe("a data folder written by a newer version", () => {
  it("is refused at open and by `npm start`, naming the migration, its bytes unchanged", async () => {
    const dir = freshDir("newer");
    (await openDatabase(dir)).close();
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw
      .prepare(`INSERT INTO ${MIGRATION_TABLE} (name, timestamp) VALUES ('002-from-the-future', ?)`)
      .run(new Date().toISOString());
    raw.close();
    const before = folderState(dir);
    expect(before.logged).toBe(false);

    await expect(openDatabase(dir)).rejects.toThrow(NEWER);
    expect(folderState(dir)).toEqual(before);
    // Not left locked by the refusal: it refuses again, for the same reason.
    await expect(openDatabase(dir)).rejects.toThrow(NEWER);
    // The writing path refuses too, writing nothing, should the check before it ever be skipped.
    const beside = new Database(path.join(dir, DATABASE_FILE));
    await expect(migrate(beside)).rejects.toThrow(NEWER);
    expect(beside.prepare(`SELECT total_changes() AS n`).get()).toEqual({ n: 0 });
    beside.close();
    expect(folderState(dir)).toEqual(before);

    // The server process itself (what `npm start` runs after the client build) refuses too.
    const refused = await startChild({ dataDir: dir, timeoutMs: 60_000 }).then(
      (c) => {
        children.push(c);
        return "started";
      },
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    expect(refused).toMatch(/server exited with 1 before serving/);
    expect(refused).toContain("records migration 002-from-the-future");
    expect(refused).toContain(
      "this data folder was written by a newer version of Entente; upgrade or use another DATA_DIR",
    );
    expect(folderState(dir)).toEqual(before);
  }, 180_000);
});
