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
  return isDamage(error) || (isSqliteFailure(error) && error.code.startsWith("SQLITE_"));
}

/** A short description of an error for a health report or a refusal: `message (CODE)`. */
export function describe(error: unknown): string {
  if (isSqliteFailure(error)) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}
