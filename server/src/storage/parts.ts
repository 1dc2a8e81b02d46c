/**
 * The parts of a match state that grow for as long as the match lasts — the phase history, the
 * newspaper's editions, the commitments, the headless press — are kept out of the state's row:
 * each element is a row of `match_parts`, and the state's row holds `{ "$rows": n }` in the
 * array's place. A write then costs what changed, not the match's length: elements are immutable
 * (each state shares every element it did not change with the state before it), so comparing the
 * references with those of the last stored arrays tells which rows to write.
 *
 * A row written before the parts existed holds its arrays inline and reads as it is.
 */
import type { SqlDatabase } from "./sql";
import type { State } from "boardgame.io";
import { StoredDataError } from "./errors";
import { prepared } from "./statements";

/** The arrays of `G` stored as rows. */
export const PARTS = ["history", "editions", "commitments", "messages"] as const;

/** One of `PARTS`. */
type Part = (typeof PARTS)[number];

/** What an array's place holds in a state's row. */
interface RowsMarker {
  readonly $rows: number;
}

/** The stored parts of a state: the arrays, by part, that `G` holds. */
export type Parts = ReadonlyMap<Part, readonly unknown[]>;

/** `G` as an object of fields, or null when it is not one. */
function fieldsOf(state: State): Record<string, unknown> | null {
  const G: unknown = state.G;
  return typeof G === "object" && G !== null && !Array.isArray(G) ? (G as Record<string, unknown>) : null;
}

/** The arrays of a state that are stored as rows. */
export function partsOf(state: State): Parts {
  const G = fieldsOf(state);
  const parts = new Map<Part, readonly unknown[]>();
  if (G === null) return parts;
  for (const part of PARTS) {
    const value = G[part];
    if (Array.isArray(value)) parts.set(part, value);
  }
  return parts;
}

/** The state's row: the state as JSON, each stored part replaced by its length. */
export function stateRow(state: State): string {
  const G = fieldsOf(state);
  const parts = partsOf(state);
  if (G === null || parts.size === 0) return JSON.stringify(state);
  const slim: Record<string, unknown> = { ...G };
  for (const [part, items] of parts) slim[part] = { $rows: items.length } satisfies RowsMarker;
  return JSON.stringify({ ...state, G: slim });
}

/** Replaces every row of a match's part with the items. */
function rewritePart(db: SqlDatabase, matchID: string, part: Part, items: readonly unknown[]): void {
  prepared(db, `DELETE FROM match_parts WHERE match_id = ? AND part = ?`).run(matchID, part);
  const insert = prepared(db, `INSERT INTO match_parts (match_id, part, idx, item) VALUES (?, ?, ?, ?)`);
  items.forEach((item, idx) => insert.run(matchID, part, idx, JSON.stringify(item)));
}

/** Writes the items whose reference differs from the stored one, and drops rows past the end. */
function updatePart(
  db: SqlDatabase,
  matchID: string,
  part: Part,
  items: readonly unknown[],
  stored: readonly unknown[],
): void {
  const upsert = prepared(
    db,
    `INSERT INTO match_parts (match_id, part, idx, item) VALUES (?, ?, ?, ?)
       ON CONFLICT (match_id, part, idx) DO UPDATE SET item = excluded.item`,
  );
  items.forEach((item, idx) => {
    if (idx >= stored.length || stored[idx] !== item) upsert.run(matchID, part, idx, JSON.stringify(item));
  });
  if (stored.length > items.length) {
    prepared(db, `DELETE FROM match_parts WHERE match_id = ? AND part = ? AND idx >= ?`).run(
      matchID,
      part,
      items.length,
    );
  }
}

/**
 * Brings a match's rows to `parts`. `stored` is what the rows hold now, as the very arrays last
 * written or read; null when unknown, and then every part is rewritten.
 */
export function writeParts(db: SqlDatabase, matchID: string, parts: Parts, stored: Parts | null): void {
  for (const part of PARTS) {
    const items = parts.get(part);
    const before = stored?.get(part);
    if (items && before) updatePart(db, matchID, part, items, before);
    else if (items) rewritePart(db, matchID, part, items);
    else if (before || !stored)
      prepared(db, `DELETE FROM match_parts WHERE match_id = ? AND part = ?`).run(matchID, part);
  }
}

/** Whether a value is an array's place in a state's row. */
function isMarker(value: unknown): value is RowsMarker {
  return typeof value === "object" && value !== null && typeof (value as RowsMarker).$rows === "number";
}

/** A match's rows of one part, parsed, checked to be exactly `length` in a row from 0. */
function readPart(db: SqlDatabase, matchID: string, part: Part, length: number): unknown[] {
  const rows = prepared(
    db,
    `SELECT idx, item FROM match_parts WHERE match_id = ? AND part = ? ORDER BY idx`,
  ).all(matchID, part) as { idx: number; item: string }[];
  if (rows.length !== length || rows.some((row, i) => row.idx !== i)) {
    throw new StoredDataError(
      `match ${matchID}: ${part} has ${rows.length} stored rows, its state says ${length}`,
    );
  }
  return rows.map((row) => JSON.parse(row.item) as unknown);
}

/** A state read back from its row, with its stored parts; `split` tells whether it had any. */
export function readState(db: SqlDatabase, matchID: string, row: string): { state: State; split: boolean } {
  const state = JSON.parse(row) as State;
  const G = fieldsOf(state);
  if (G === null) return { state, split: false };
  let split = false;
  for (const part of PARTS) {
    const value = G[part];
    if (!isMarker(value)) continue;
    G[part] = readPart(db, matchID, part, value.$rows);
    split = true;
  }
  return { state, split };
}
