/**
 * The check after the commit, on a new connection (so it sees only what PostgreSQL really holds):
 * each table holds as many rows on both sides, and matches read back through the server's own
 * storage (`Storage.fetch`: state, metadata, log, initial state, the state put back together from
 * its parts) are deeply equal on both sides — every match, or an evenly spread sample.
 */
import { isDeepStrictEqual } from "node:util";
import type Database from "better-sqlite3";
import { PostgresDatabase, Storage, type SqlDatabase } from "../../server/src/storage";
import type { MatchCheck } from "./args";
import { quoted, type TablePlan } from "./tables";

/** What the check found. */
export interface Verification {
  readonly tables: number; // tables whose counts were compared
  readonly matchesChecked: number;
  readonly matchesTotal: number;
  readonly problems: readonly string[]; // empty when both sides agree
}

/** The rows of a table on a connection. */
function countRows(db: SqlDatabase, table: string): number {
  return Number((db.prepare(`SELECT COUNT(*) AS n FROM ${quoted(table)}`).get() as { n: number | string }).n);
}

/** The matches to read back: every one, or `n` spread evenly over them in id order. */
export function sampleMatches(ids: readonly string[], check: MatchCheck): string[] {
  if (check === "all" || check >= ids.length) return [...ids];
  if (check <= 0) return [];
  return Array.from({ length: check }, (_, i) => ids[Math.floor((i * ids.length) / check)]!);
}

/** Which parts of a match differ between the two reads (none: equal). */
function differences(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return ["state", "metadata", "log", "initialState"].filter((part) => !isDeepStrictEqual(a[part], b[part]));
}

/** Compares the SQLite file with what PostgreSQL holds now. */
export function verifyMove(
  sqlite: Database.Database,
  url: string,
  plan: readonly TablePlan[],
  check: MatchCheck,
): Verification {
  const postgres = new PostgresDatabase(url);
  try {
    const problems: string[] = [];
    for (const { name } of plan) {
      const ours = countRows(sqlite, name);
      const theirs = countRows(postgres, name);
      if (ours !== theirs) problems.push(`${name}: ${ours} rows in SQLite, ${theirs} in PostgreSQL`);
    }
    const ids = (sqlite.prepare(`SELECT id FROM matches ORDER BY id`).all() as { id: string }[]).map(
      (r) => r.id,
    );
    const sample = sampleMatches(ids, check);
    const from = new Storage(sqlite);
    const to = new Storage(postgres);
    const opts = { state: true, metadata: true, log: true, initialState: true } as const;
    for (const id of sample) {
      const differ = differences(from.fetch(id, opts), to.fetch(id, opts));
      if (differ.length > 0) problems.push(`match ${id}: ${differ.join(", ")} differ`);
    }
    return { tables: plan.length, matchesChecked: sample.length, matchesTotal: ids.length, problems };
  } finally {
    postgres.close();
  }
}
