/**
 * Several Entente nodes on one database for the scale-out tests (docs/deploy.md): the outside
 * services they need (PostgreSQL and Redis, started by vitest's global setup or by CI), a fresh
 * PostgreSQL schema per test, migrated once before any node starts, and server nodes started as
 * child processes (so that `kill -9` reaches the server itself) with their cluster settings.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { migratePostgres } from "../../../server/src/storage/migrations";
import type { LogEntry } from "boardgame.io";
import type { MatchState } from "../../../shared/src";
import { PostgresDatabase, Storage, type SqlDatabase } from "../../../server/src/storage";
import { urlWithSchema } from "../../server/support/database";
import { removeDataDir, startChild, tempDataDir, type ChildServer } from "../../server/support/server";

/** Where the outside services are. */
export interface Services {
  readonly databaseUrl: string; // TEST_DATABASE_URL
  readonly redisUrl: string; // TEST_REDIS_URL
}

/** The services' URLs; throws a message saying how to start them when they are not set. */
export function services(): Services {
  const databaseUrl = process.env["TEST_DATABASE_URL"];
  const redisUrl = process.env["TEST_REDIS_URL"];
  if (!databaseUrl || !redisUrl)
    throw new Error(
      "the scale-out tests need PostgreSQL and Redis: set TEST_DATABASE_URL and TEST_REDIS_URL " +
        "(tools/services/services.sh start, then eval the lines of tools/services/services.sh env)",
    );
  return { databaseUrl, redisUrl };
}

/** A schema of its own on the test database, migrated to this version. */
export interface Schema {
  readonly name: string;
  readonly url: string; // a DATABASE_URL whose connections use the schema
  /** A connection of the test's own to the schema (closed by `drop`). */
  open(): SqlDatabase;
  /** Closes the connections `open` made and drops the schema. */
  drop(): Promise<void>;
}

/** Creates and migrates a fresh schema (before any node starts: nodes then find it migrated). */
export async function freshSchema(label: string): Promise<Schema> {
  const { databaseUrl } = services();
  const name = `c_${label}_${randomBytes(6).toString("hex")}`;
  await adminQuery(databaseUrl, `CREATE SCHEMA ${name}`);
  const url = urlWithSchema(name);
  await migratePostgres(url, name);
  const opened: SqlDatabase[] = [];
  return {
    name,
    url,
    open: () => {
      const db = new PostgresDatabase(url);
      opened.push(db);
      return db;
    },
    drop: async () => {
      for (const db of opened) if (db.open) db.close();
      await adminQuery(databaseUrl, `DROP SCHEMA IF EXISTS ${name} CASCADE`);
    },
  };
}

/** Runs one statement on the test server's own connection. */
async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A node of the cluster under test. */
export interface Node {
  readonly name: string; // its NODE_ID
  readonly server: ChildServer;
}

/** Settings of a test cluster's nodes. */
export interface NodeSettings {
  readonly schema: Schema;
  readonly leaseMs: number;
  readonly env?: Readonly<Record<string, string>>;
}

/** Starts one node (`server/src/main.ts` as a child process with its own data folder). */
export async function startNode(name: string, settings: NodeSettings): Promise<Node> {
  const { redisUrl } = services();
  const server = await startChild({
    dataDir: tempDataDir(`entente-${name}`),
    timeoutMs: 60_000, // a busy machine starts three servers at once
    env: {
      DATABASE_URL: settings.schema.url,
      REDIS_URL: redisUrl,
      NODE_ID: name,
      LEASE_MS: String(settings.leaseMs),
      TICK_MS: "200",
      BOT_PACE_SECONDS: "0",
      LOG_FORMAT: "json",
      TRUSTED_PROXIES: "127.0.0.1", // HAProxy, on this machine (deploy/haproxy.cfg)
      ...settings.env,
    },
  });
  return { name, server };
}

/** Stops nodes still running (SIGTERM, then SIGKILL) and removes their data folders. */
export async function stopNodes(nodes: readonly Node[]): Promise<void> {
  await Promise.all(
    nodes.map(async (node) => {
      await node.server.kill("SIGTERM");
      removeDataDir(node.server.dataDir);
    }),
  );
}

/** A match's lease row: which node holds it, and for how much longer (ms, by the database's clock). */
export interface LeaseRow {
  readonly node: string;
  readonly leftMs: number;
}

/** Reads a match's lease row (null: none). */
export function leaseOf(db: SqlDatabase, matchID: string): LeaseRow | null {
  const row = db
    .prepare(
      `SELECT node, until - (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint AS left_ms
         FROM match_leases WHERE match_id = ?`,
    )
    .get(matchID) as { node: string; left_ms: number | string } | undefined;
  return row ? { node: row.node, leftMs: Number(row.left_ms) } : null;
}

/** The stored state's `G`, read fresh from the database. */
export function storedG(db: SqlDatabase, matchID: string): MatchState {
  const { state } = new Storage(db).fetch(matchID, { state: true });
  if (!state) throw new Error(`no stored state for ${matchID}`);
  return state.G as MatchState;
}

/** A log entry of a move, as stored. */
export interface MoveEntry {
  readonly move: string;
  readonly playerID: string;
}

/** The moves a match's stored log holds, in order. */
export function storedMoves(db: SqlDatabase, matchID: string): MoveEntry[] {
  const rows = db.prepare(`SELECT entry FROM match_log WHERE match_id = ? ORDER BY seq`).all(matchID) as {
    entry: string;
  }[];
  return rows.flatMap((row) => {
    const entry = JSON.parse(row.entry) as LogEntry;
    if (entry.action.type !== "MAKE_MOVE") return [];
    const payload = entry.action.payload as { type: string; playerID: string };
    return [{ move: payload.type, playerID: payload.playerID }];
  });
}
