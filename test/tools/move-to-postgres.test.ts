/**
 * `npm run move-to-postgres` (issue 17, item 1) on a real data folder: a SQLite server is played
 * with over HTTP and sockets — a hosted match with a joined player, press and a device link, a bot
 * match played to its end, a class session with a team, its chat and a broadcast — then the command
 * runs as a child process into a fresh PostgreSQL schema. Every table holds as many rows on both
 * sides, with the same row ids where PostgreSQL keeps them, every match reads back deeply equal, the
 * sequences count on past the moved rows, and a server started on the schema serves the moved
 * matches: the lobby, a seat's sync with the same state, the press history, the device link, the
 * class. Refusals leave everything as it was: a target that holds matches, a folder a server holds,
 * a damaged file, a newer version's file, a target that cannot be reached.
 *
 * Needs the test PostgreSQL (`tools/services/services.sh start`; TEST_DATABASE_URL from its `env`).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  CreateClassAnswer,
  DeviceLinkAnswer,
  JoinClassAnswer,
  MatchInfo,
  SeatProof,
} from "../../shared/src/wire";
import { startServer } from "../../server/src/app";
import { readConfig } from "../../server/src/config";
import { inspectDatabase, PostgresDatabase, Storage, type SqlDatabase } from "../../server/src/storage";
import { parseCommand } from "../../tools/move-to-postgres/args";
import { referenceOrder } from "../../tools/move-to-postgres/tables";
import { sampleMatches } from "../../tools/move-to-postgres/verify";
import { bearer, classKit } from "../server/support/classes";
import { RawRecorder, type RawState } from "../server/support/clients";
import { testDatabaseUrl, urlWithSchema } from "../server/support/database";
import { api } from "../server/support/matches";
import { PressClient } from "../server/support/press";
import { fileHash, pagesOf, zeroPage } from "../server/support/storage";
import {
  removeDataDir,
  ROOT,
  TEST_ENV,
  tempDataDir,
  waitUntil,
  type ServerHandle,
} from "../server/support/server";

/** A server of this test: on the folder's SQLite file, or on a PostgreSQL schema. */
interface TestServer extends ServerHandle {
  stop(): Promise<void>;
}

/**
 * Starts a server in this process. Its database is named here, whatever the run's
 * ENTENTE_TEST_STORAGE says: the folder's SQLite file unless `databaseUrl` is given.
 */
async function serve(dataDir: string, databaseUrl?: string): Promise<TestServer> {
  const config = readConfig({
    ...TEST_ENV,
    TICK_MS: "60000",
    PORT: "0",
    DATA_DIR: dataDir,
    ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }),
  });
  const server = await startServer(config);
  return {
    url: `http://127.0.0.1:${server.port}`,
    port: server.port,
    dataDir,
    stop: async () => {
      await server.scheduler.idle();
      await server.stop();
    },
  };
}

/** What the command did. */
interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `tools/move-to-postgres.ts` as a child process (node with tsx's loader). */
function moveCommand(args: readonly string[]): Promise<Run> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "tools/move-to-postgres.ts"), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: "", DATA_DIR: "" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

/** Moves `dataDir` into the schema of `url`. */
function move(dataDir: string, url: string): Promise<Run> {
  return moveCommand(["--data-dir", dataDir, "--database-url", url]);
}

/** Runs statements on the test PostgreSQL (no schema of its own). */
async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(testDatabaseUrl());
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const schemas: string[] = [];

/** A new empty schema; its URL. */
async function freshSchema(): Promise<{ schema: string; url: string }> {
  const schema = `move_${randomBytes(6).toString("hex")}`;
  await onServer((c) => c.query(`CREATE SCHEMA ${schema}`));
  schemas.push(schema);
  return { schema, url: urlWithSchema(schema) };
}

/** The tables a schema holds (none: nothing was written there). */
function tablesOf(schema: string): Promise<string[]> {
  return onServer(async (c) => {
    const { rows } = await c.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
      [schema],
    );
    return rows.map((r) => r.name);
  });
}

/** The data tables of a database (the migrations' records aside). */
function dataTables(db: SqlDatabase, postgres: boolean): string[] {
  const rows = db
    .prepare(
      postgres
        ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1`
        : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1`,
    )
    .all() as { name: string }[];
  return rows.map((r) => r.name).filter((n) => !n.startsWith("kysely_"));
}

/** The rows of every data table. */
function counts(db: SqlDatabase, postgres: boolean): Record<string, number> {
  return Object.fromEntries(
    dataTables(db, postgres).map((t) => [
      t,
      Number((db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number | string }).n),
    ]),
  );
}

/** A table's rows with their row ids, in row-id order (SQLite's implicit one; PostgreSQL's column). */
function withRowids(db: SqlDatabase, table: string, key: string): unknown[] {
  return db.prepare(`SELECT rowid AS r, ${key} AS k FROM ${table} ORDER BY rowid`).all();
}

/** Every match as the server's storage reads it. */
function everyMatch(db: SqlDatabase): Map<string, unknown> {
  const storage = new Storage(db);
  const ids = (db.prepare(`SELECT id FROM matches ORDER BY id`).all() as { id: string }[]).map((r) => r.id);
  const opts = { state: true, metadata: true, log: true, initialState: true } as const;
  return new Map(ids.map((id) => [id, storage.fetch(id, opts)]));
}

/** Runs `work` on a connection to a database, then closes it. */
function reading<T>(db: SqlDatabase, work: (db: SqlDatabase) => T): T {
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** What anyone may see of a match, whichever server says it: connection flags and the server's origin left out. */
function seen(s: ServerHandle, info: MatchInfo): unknown {
  return {
    ...info,
    invite: info.invite.replace(s.url, ""),
    seats: info.seats.map((x) => ({ ...x, connected: false })),
  };
}

/** A match as the lobby shows it. */
async function matchInfo(s: ServerHandle, matchID: string): Promise<unknown> {
  const res = await api(s, "GET", `/api/matches/${matchID}`);
  expect(res.status).toBe(200);
  return seen(s, res.body as MatchInfo);
}

/** The lobby's list of open matches. */
async function listed(s: ServerHandle): Promise<unknown[]> {
  const res = await api(s, "GET", "/api/matches");
  expect(res.status).toBe(200);
  return (res.body as { matches: MatchInfo[] }).matches.map((m) => seen(s, m));
}

/** A seat's state as its game socket syncs it. */
async function syncedState(
  s: ServerHandle,
  matchID: string,
  seat: SeatProof,
  players: number,
): Promise<RawState> {
  const r = await new RawRecorder(s.url).connected();
  try {
    const got = await r.sync(matchID, seat.playerID, seat.credentials, players);
    expect(got.event, JSON.stringify(got.args)).toBe("sync");
    return r.state!;
  } finally {
    r.close();
  }
}

const kit = classKit();
const folder = tempDataDir("entente-move");
const others: string[] = [];
let target: { schema: string; url: string };
let hosted: { matchID: string; ada: SeatProof; bob: SeatProof };
let botMatch: string;
let link: DeviceLinkAnswer;
let klass: CreateClassAnswer;
let student: JoinClassAnswer;
const before: { hosted?: unknown; botMatch?: unknown; adaState?: RawState; listed?: unknown } = {};
let moved: Run;

beforeAll(async () => {
  testDatabaseUrl(); // fails at once, saying how, without the test PostgreSQL
  const s = await serve(folder);
  try {
    // A hosted classic match: Ada hosts seat 0, Bob joins seat 1, bots hold the rest; listed.
    const created = await api(s, "POST", "/api/matches", {
      map: "classic",
      players: 7,
      hostName: "Ada",
      unlisted: false,
      seats: [{ kind: "human" }, { kind: "open" }, ...Array.from({ length: 5 }, () => ({ kind: "bot" }))],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { matchID, host } = created.body as { matchID: string; host: SeatProof };
    const joined = await api(s, "POST", `/api/matches/${matchID}/join`, { name: "Bob" });
    expect(joined.status).toBe(200);
    const bob = joined.body as SeatProof;
    hosted = { matchID, ada: { playerID: host.playerID, credentials: host.credentials }, bob };
    // Press from Ada to Bob, twice.
    const press = await PressClient.open(s.url, matchID, hosted.ada);
    const info = (await api(s, "GET", `/api/matches/${matchID}`)).body as MatchInfo;
    const bobPower = info.seats[1]!.power;
    await press.send([bobPower], "Shall we share the Channel?");
    await press.send([bobPower], "Answer by autumn.");
    press.stop();
    // Ada's device link.
    const linked = await api(s, "POST", `/api/matches/${matchID}/seats/0/device-link`, hosted.ada);
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    link = linked.body as DeviceLinkAnswer;
    // A bot match played to its end.
    const bots = await api(s, "POST", "/api/matches", {
      map: "amber",
      players: 3,
      yearLimit: 1901,
      seats: [{ kind: "bot" }, { kind: "bot" }, { kind: "bot" }],
    });
    expect(bots.status, JSON.stringify(bots.body)).toBe(201);
    botMatch = (bots.body as { matchID: string }).matchID;
    await waitUntil(
      "the bots finish their match",
      async () => ((await api(s, "GET", `/api/matches/${botMatch}`)).body as MatchInfo).gameover !== null,
      60_000,
      100,
    );
    // A class of two students in one team on amber, its team chat and a broadcast.
    klass = await kit.newClass(s, { map: "amber", studentsPerPower: 2 });
    const ana = await kit.join(s, klass.code, "Ana");
    await kit.join(s, klass.code, "Ben");
    student = ana;
    expect((await kit.teacher(s, klass, "/start")).status).toBe(200);
    const chat = await api(
      s,
      "POST",
      `/api/classes/${klass.classId}/students/${ana.studentId}/team-chat`,
      { text: "I hold in the north" },
      bearer(ana.studentKey),
    );
    expect(chat.status, JSON.stringify(chat.body)).toBe(200);
    expect((await kit.teacher(s, klass, "/broadcast", { text: "Ten minutes left" })).status).toBe(200);

    before.hosted = await matchInfo(s, matchID);
    before.botMatch = await matchInfo(s, botMatch);
    before.adaState = await syncedState(s, matchID, hosted.ada, 7);
    before.listed = await listed(s);
  } finally {
    await s.stop();
  }
  target = await freshSchema();
  moved = await move(folder, target.url);
}, 120_000);

afterAll(async () => {
  removeDataDir(folder);
  for (const dir of others) removeDataDir(dir);
  if (schemas.length > 0)
    await onServer((c) => c.query(`DROP SCHEMA IF EXISTS ${schemas.join(", ")} CASCADE`));
});

describe("moving a played data folder into PostgreSQL", () => {
  it("exits 0 and reports every table, the rows, the time and the check", () => {
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toMatch(
      /^Moved .*entente\.sqlite into PostgreSQL 127\.0\.0\.1:\d+\/\w+ \(schema move_/,
    );
    expect(moved.stdout).toMatch(/^ {2}matches +3$/m);
    expect(moved.stdout).toMatch(/^ {2}press +2$/m);
    expect(moved.stdout).toMatch(/^Copied 18 tables, [\d,]+ rows in one transaction in \d+\.\d s\.$/m);
    expect(moved.stdout).toMatch(
      /every table holds as many rows on both sides; all 3 matches read back the same/,
    );
  });

  it("holds as many rows of every table on both sides, press and setups with their row ids", () => {
    const sqlite = reading(inspectDatabase(folder), (db) => ({
      counts: counts(db, false),
      press: withRowids(db, "press", "id"),
      setups: withRowids(db, "match_setup", "match_id"),
      students: withRowids(db, "class_students", "id"),
      chat: db.prepare(`SELECT id, text FROM class_team_chat ORDER BY id`).all(),
    }));
    const postgres = reading(new PostgresDatabase(target.url), (db) => ({
      counts: counts(db, true),
      press: withRowids(db, "press", "id"),
      setups: withRowids(db, "match_setup", "match_id"),
      students: withRowids(db, "class_students", "id"),
      chat: db.prepare(`SELECT id, text FROM class_team_chat ORDER BY id`).all(),
    }));
    expect(postgres).toEqual(sqlite);
    for (const table of ["matches", "match_log", "match_parts", "press", "device_links", "classes"])
      expect(sqlite.counts[table], table).toBeGreaterThan(0);
    expect(sqlite.counts).toMatchObject({
      matches: 3,
      press: 2,
      class_students: 2,
      class_team_chat: 1,
      class_broadcasts: 1,
    });
  });

  it("reads every match back deeply equal through the server's storage", () => {
    const sqlite = reading(inspectDatabase(folder), everyMatch);
    const postgres = reading(new PostgresDatabase(target.url), everyMatch);
    expect(sqlite.size).toBe(3);
    expect(postgres).toEqual(sqlite);
  });

  it("sets every sequence past the rows moved", async () => {
    const next = await onServer(async (c) => {
      const { rows } = await c.query<{ t: string; c: string; next: string }>(
        `SELECT table_name AS t, column_name AS c,
                nextval(pg_get_serial_sequence(format('%I.%I', table_schema, table_name), column_name)) AS next
           FROM information_schema.columns
          WHERE table_schema = $1
            AND pg_get_serial_sequence(format('%I.%I', table_schema, table_name), column_name) IS NOT NULL`,
        [target.schema],
      );
      const found: { column: string; next: number; largest: number }[] = [];
      for (const row of rows) {
        const largest = await c.query<{ m: string | null }>(
          `SELECT MAX(${row.c}) AS m FROM ${target.schema}.${row.t}`,
        );
        found.push({
          column: `${row.t}.${row.c}`,
          next: Number(row.next),
          largest: Number(largest.rows[0]?.m),
        });
      }
      return found;
    });
    expect(next.map((r) => r.column).sort()).toEqual([
      "class_broadcasts.id",
      "class_students.rowid",
      "class_team_chat.id",
      "match_setup.rowid",
      "press.rowid",
    ]);
    for (const row of next) expect(row.next, row.column).toBe(row.largest + 1);
  });

  describe("a server started with that DATABASE_URL", () => {
    let s: TestServer;
    beforeAll(async () => {
      const dir = tempDataDir("entente-move-node");
      others.push(dir);
      s = await serve(dir, target.url);
    });
    afterAll(async () => {
      await s.stop();
    });

    it("answers the lobby for the moved matches as before", async () => {
      expect(await matchInfo(s, hosted.matchID)).toEqual(before.hosted);
      expect(await matchInfo(s, botMatch)).toEqual(before.botMatch);
      expect(await listed(s)).toEqual(before.listed);
      expect(before.listed).toHaveLength(1);
    });

    it("syncs a moved seat with the same state", async () => {
      expect(await syncedState(s, hosted.matchID, hosted.ada, 7)).toEqual(before.adaState);
    });

    it("gives the press history, the class with its chat, and takes the device link", async () => {
      const press = await PressClient.open(s.url, hosted.matchID, hosted.bob);
      expect((await press.history()).map((p) => p.text)).toEqual([
        "Shall we share the Channel?",
        "Answer by autumn.",
      ]);
      press.stop();
      const view = await kit.studentView(s, klass, student);
      expect(view.teamChat.map((m) => m.text)).toEqual(["I hold in the north"]);
      expect(view.seat).not.toBeNull();
      const taken = await api(s, "POST", `/api/matches/${hosted.matchID}/continue`, {
        token: new URL(link.url).hash.slice(1),
      });
      expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    });
  });
});

describe("refusals leave everything as it was", () => {
  it("refuses a target that already holds matches, writing nothing", async () => {
    const snapshot = (): Record<string, number> =>
      reading(new PostgresDatabase(target.url), (db) => counts(db, true));
    const was = snapshot();
    const run = await move(folder, target.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^move-to-postgres refused: PostgreSQL .* \(schema move_\w+\) already holds 3 matches .*a move never merges/,
    );
    expect(run.stderr).toMatch(/Nothing was written\.\n$/);
    expect(snapshot()).toEqual(was);
  });

  it("refuses a folder a server holds, and writes nothing into the target", async () => {
    const fresh = await freshSchema();
    const s = await serve(folder);
    try {
      const run = await move(folder, fresh.url);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /refused: Another Entente server is already using .*entente\.sqlite \(the data folder is locked\)/,
      );
      expect(await tablesOf(fresh.schema)).toEqual([]);
    } finally {
      await s.stop();
    }
  });

  it("refuses a damaged file, leaving it and the target untouched", async () => {
    const copy = tempDataDir("entente-move-damaged");
    others.push(copy);
    fs.copyFileSync(path.join(folder, "entente.sqlite"), path.join(copy, "entente.sqlite"));
    const file = path.join(copy, "entente.sqlite");
    zeroPage(file, pagesOf(file, "match_log")[0]!.pageno);
    const hash = fileHash(file);
    const fresh = await freshSchema();
    const run = await move(copy, fresh.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/refused: The database .*entente\.sqlite is damaged/);
    expect(fileHash(file)).toBe(hash);
    expect(await tablesOf(fresh.schema)).toEqual([]);
  });

  it("refuses a newer version's file, leaving it and the target untouched", async () => {
    const copy = tempDataDir("entente-move-newer");
    others.push(copy);
    const file = path.join(copy, "entente.sqlite");
    fs.copyFileSync(path.join(folder, "entente.sqlite"), file);
    reading(inspectDatabase(copy), (db) =>
      db
        .prepare(
          `INSERT INTO kysely_migration (name, timestamp) VALUES ('999-from-the-future', '2030-01-01')`,
        )
        .run(),
    );
    const hash = fileHash(file);
    const fresh = await freshSchema();
    const run = await move(copy, fresh.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /refused: The database .* records migration 999-from-the-future, which this version of Entente does not know/,
    );
    expect(fileHash(file)).toBe(hash);
    expect(await tablesOf(fresh.schema)).toEqual([]);
  });

  it("refuses a target it cannot reach, and bad arguments with exit 2", async () => {
    const unreachable = await move(folder, "postgres://entente@127.0.0.1:1/postgres");
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(
      /^move-to-postgres refused: Could not reach PostgreSQL 127\.0\.0\.1:1\/postgres: .*ECONNREFUSED/,
    );
    const bad = await moveCommand(["--data-dir", folder, "--database-url", "mysql://x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--database-url must be a postgres:\/\/ URL/);
  });
});

describe("the command's pure parts", () => {
  it("reads the command line, the environment filling in, and refuses what it cannot use", () => {
    const url = "postgres://u@h/d";
    expect(parseCommand(["--database-url", url], {})).toEqual({
      ok: true,
      value: { kind: "move", dataDir: "./data", databaseUrl: url, check: "all" },
    });
    expect(parseCommand(["--check", "20"], { DATA_DIR: "/srv/data", DATABASE_URL: url })).toEqual({
      ok: true,
      value: { kind: "move", dataDir: "/srv/data", databaseUrl: url, check: 20 },
    });
    expect(parseCommand([], { DATABASE_URL: "" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/is required/) as unknown,
    });
    expect(parseCommand(["--database-url", url, "--check", "some"], {})).toMatchObject({ ok: false });
    expect(parseCommand(["--database-url", url, "--verbose"], {})).toMatchObject({ ok: false });
    const secret = parseCommand(["--database-url", "mysql://u:hunter2@h/d"], {});
    expect(secret.ok ? "" : secret.error).not.toContain("hunter2");
  });

  it("puts each table after those it refers to, keeping the order they were made otherwise", () => {
    const refs = new Map([
      ["match_log", ["matches"]],
      ["class_matches", ["matches", "classes"]],
    ]);
    expect(referenceOrder(["class_matches", "match_log", "matches", "classes"], refs)).toEqual([
      "matches",
      "match_log",
      "classes",
      "class_matches",
    ]);
    expect(() =>
      referenceOrder(
        ["a", "b"],
        new Map([
          ["a", ["b"]],
          ["b", ["a"]],
        ]),
      ),
    ).toThrow(/cycle/);
  });

  it("samples matches evenly, or takes them all", () => {
    const ids = Array.from({ length: 10 }, (_, i) => `m${i}`);
    expect(sampleMatches(ids, "all")).toEqual(ids);
    expect(sampleMatches(ids, 50)).toEqual(ids);
    expect(sampleMatches(ids, 5)).toEqual(["m0", "m2", "m4", "m6", "m8"]);
    expect(sampleMatches(ids, 0)).toEqual([]);
  });
});
