/**
 * Telling SQLite's errors apart: damage to the file (the file itself is wrong, and stays wrong)
 * from trouble that may pass (a full disk, a failing write, a busy lock).
 */

/** An error with SQLite's result code, as better-sqlite3 throws them (`SQLITE_FULL`, …). */
export interface SqliteFailure extends Error {
  readonly code: string;
}

/** Stored data that SQLite read back fine but that is not what the storage wrote (missing rows). */
export class StoredDataError extends Error {
  override readonly name = "StoredDataError";
}

/**
 * A state write refused because the stored state is not the one the new state was made from:
 * another node (or an earlier write) moved the match on first. Nothing was written.
 */
export class StaleStateError extends Error {
  override readonly name = "StaleStateError";

  constructor(
    readonly matchID: string,
    readonly from: number,
    readonly stored: number | null,
  ) {
    super(`match ${matchID}: the state was made from state ${from}, but state ${stored ?? "?"} is stored`);
  }
}

/** Whether an error carries a SQLite result code. */
export function isSqliteFailure(error: unknown): error is SqliteFailure {
  return error instanceof Error && typeof (error as { code?: unknown }).code === "string";
}

/**
 * Whether an error says the file is damaged: corrupt pages, not a database, rows missing, or a
 * stored row that is not the JSON that was written (reads parse nothing else).
 */
export function isDamage(error: unknown): boolean {
  if (error instanceof StoredDataError || error instanceof SyntaxError) return true;
  if (!isSqliteFailure(error)) return false;
  return error.code.startsWith("SQLITE_CORRUPT") || error.code === "SQLITE_NOTADB";
}

/** Whether an error is storage trouble worth reporting (SQLite's own, or damage found by us). */
export function isStorageTrouble(error: unknown): boolean {
  return (
    isDamage(error) ||
    (isSqliteFailure(error) && (error.code.startsWith("SQLITE_") || isPostgresTrouble(error.code)))
  );
}

/** A SQLSTATE: a class (00–5Z, F0, HV, P0, XX) and three more digits or capitals. */
const SQLSTATE = /^([0-5][0-9A-Z]|F0|HV|P0|XX)[0-9A-Z]{3}$/;

/**
 * Whether a PostgreSQL failure (`PG_<code>`) is trouble with the database rather than a
 * statement's own refusal: lost or refused connections (08, 57P), no room (53), the system (58),
 * internal errors (XX), a statement that took too long (57014) — and every code that is no
 * SQLSTATE: the network's and the driver's own (`PG_ECONNREFUSED` when PostgreSQL is down,
 * `PG_ECONNRESET`, `PG_CONNECTION`, `PG_CLOSED`).
 */
export function isPostgresTrouble(code: string): boolean {
  if (!code.startsWith("PG_")) return false;
  const state = code.slice(3);
  return !SQLSTATE.test(state) || /^(08|53|57|58|XX)/.test(state);
}

/** A short description of an error for a health report or a refusal: `message (CODE)`. */
export function describe(error: unknown): string {
  if (isSqliteFailure(error)) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}
