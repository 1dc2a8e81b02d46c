/**
 * The copy itself: every table, in the plan's order, in ONE PostgreSQL transaction (all of it is
 * there after the commit, or none of it), the target's tables locked against other writers and
 * checked empty again inside it. Rows are read from SQLite in row-id order, a batch at a time (at
 * most `BATCH_ROWS` rows or about `BATCH_BYTES` of values, so a folder of any size moves in bounded
 * memory), and written with one multi-row `INSERT` per batch. Integers are read as BigInt, so every
 * value arrives exactly as stored. Sequences of serial columns are then set past the largest value
 * copied, so the next row PostgreSQL counts does not collide with a moved one.
 */
import type Database from "better-sqlite3";
import type pg from "pg";
import { MoveRefusal, reason, refuseHeld } from "./target";
import { quoted, type TablePlan } from "./tables";

/** The most rows one `INSERT` carries. */
export const BATCH_ROWS = 1_000;
/** About the most bytes of values one `INSERT` carries. */
const BATCH_BYTES = 4 * 1024 * 1024;
/** PostgreSQL's limit on the parameters of one statement is 65,535. */
const MAX_PARAMETERS = 60_000;

/** How many rows of each table were copied, in the order copied. */
export type Copied = readonly { readonly table: string; readonly rows: number }[];

/** Hears of each batch copied: the table and how many rows it carried. */
export type CopyProgress = (table: string, rows: number) => void;

/** The rows of each table in SQLite, in the plan's order. */
export function sqliteCounts(db: Database.Database, plan: readonly TablePlan[]): Copied {
  return plan.map((t) => ({
    table: t.name,
    rows: (db.prepare(`SELECT COUNT(*) AS n FROM ${quoted(t.name)}`).get() as { n: number }).n,
  }));
}

/** About how many bytes a value takes in a statement. */
function sizeOf(value: unknown): number {
  if (typeof value === "string") return value.length;
  if (Buffer.isBuffer(value)) return value.length * 2;
  return 8;
}

/** One batch of a table from SQLite: rows after `after` (a row id), in row-id order. */
function readBatch(
  db: Database.Database,
  plan: TablePlan,
  after: bigint,
): { rows: unknown[][]; last: bigint } {
  const columns = plan.source.map((c) => (c === "rowid" ? "rowid" : quoted(c))).join(", ");
  const statement = db
    .prepare(`SELECT rowid, ${columns} FROM ${quoted(plan.name)} WHERE rowid > ? ORDER BY rowid`)
    .raw(true)
    .safeIntegers(true);
  const limit = Math.min(BATCH_ROWS, Math.floor(MAX_PARAMETERS / Math.max(1, plan.source.length)));
  const rows: unknown[][] = [];
  let bytes = 0;
  let last = after;
  for (const row of statement.iterate(after) as IterableIterator<unknown[]>) {
    last = row[0] as bigint;
    const values = row.slice(1);
    rows.push(values);
    bytes += values.reduce<number>((sum, v) => sum + sizeOf(v), 0);
    if (rows.length >= limit || bytes >= BATCH_BYTES) break; // ends the iteration, freeing the statement
  }
  return { rows, last };
}

/** Writes one batch with one multi-row `INSERT`; returns the rows written. */
async function writeBatch(
  client: pg.ClientBase,
  plan: TablePlan,
  rows: readonly unknown[][],
): Promise<number> {
  const width = plan.target.length;
  const tuples = rows.map((_, r) => `(${plan.target.map((__, c) => `$${r * width + c + 1}`).join(", ")})`);
  const text = `INSERT INTO ${quoted(plan.name)} (${plan.target.map(quoted).join(", ")}) VALUES ${tuples.join(", ")}`;
  const result = await client.query(text, rows.flat());
  return result.rowCount ?? 0;
}

/** Copies one table, batch after batch; returns the rows written. */
async function copyTable(
  db: Database.Database,
  client: pg.ClientBase,
  plan: TablePlan,
  progress: CopyProgress,
): Promise<number> {
  let written = 0;
  let after = -(2n ** 63n);
  for (;;) {
    const batch = readBatch(db, plan, after);
    if (batch.rows.length === 0) return written;
    const rows = await writeBatch(client, plan, batch.rows);
    if (rows !== batch.rows.length)
      throw new Error(`${plan.name}: PostgreSQL stored ${rows} of a batch of ${batch.rows.length} rows`);
    written += rows;
    after = batch.last;
    progress(plan.name, rows);
  }
}

/** Sets each serial column's sequence past the largest value copied (left alone for an empty table). */
async function advanceSequences(client: pg.ClientBase, plan: TablePlan): Promise<void> {
  for (const serial of plan.serials) {
    await client.query(
      `SELECT setval($1::regclass, m) FROM (SELECT MAX(${quoted(serial.column)}) AS m FROM ${quoted(plan.name)}) AS largest
        WHERE m IS NOT NULL`,
      [serial.sequence],
    );
  }
}

/**
 * Copies every table of `plan` from SQLite into PostgreSQL in one transaction and commits it.
 * Refuses (`MoveRefusal`, rolled back: nothing written) when the target's tables hold rows by then.
 * Any failure rolls everything back and is thrown. Returns the rows copied per table.
 */
export async function copyTables(
  db: Database.Database,
  client: pg.ClientBase,
  plan: readonly TablePlan[],
  names: { readonly target: string; readonly schema: string },
  progress: CopyProgress,
): Promise<Copied> {
  await client.query("BEGIN");
  try {
    // Other writers (a server started on the target meanwhile) wait until the commit; readers do not.
    await client.query(`LOCK TABLE ${plan.map((t) => quoted(t.name)).join(", ")} IN EXCLUSIVE MODE`);
    await refuseHeld(client, names.target, names.schema);
    const copied: { table: string; rows: number }[] = [];
    for (const table of plan) {
      try {
        copied.push({ table: table.name, rows: await copyTable(db, client, table, progress) });
        await advanceSequences(client, table);
      } catch (error) {
        throw new Error(`copying ${table.name}: ${reason(error)}`, { cause: error });
      }
    }
    const expected = sqliteCounts(db, plan);
    const short = expected.find((e, i) => copied[i]?.rows !== e.rows);
    if (short !== undefined)
      throw new Error(
        `${short.table}: ${short.rows} rows in SQLite, ${copied.find((c) => c.table === short.table)?.rows} copied`,
      );
    await client.query("COMMIT");
    return copied;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    if (error instanceof MoveRefusal) throw error;
    throw new Error(`${reason(error)}. The transaction was rolled back: nothing was copied.`, {
      cause: error,
    });
  }
}
