/**
 * The check a server makes of its database before it writes anything: SQLite's `quick_check` on a
 * read-only connection (a read-only connection never checkpoints its write-ahead log into the file
 * when it closes, so a damaged file is left exactly as it was found). A damaged file, or one that
 * is not a database at all, stops the start with a message saying what to do.
 */
import fs from "node:fs";
import Database from "better-sqlite3";
import { describe, isDamage } from "./errors";

/** Why a server will not start on a file. */
function damagedMessage(file: string, problem: string): string {
  return (
    `The database ${file} is damaged (${problem}). It was left untouched: ` +
    `restore a backup, or move it away to start afresh.`
  );
}

/** A `quick_check` report on one line, without its "in database main" heading. */
function oneLine(report: string): string {
  return report
    .replace(/\*\*\* in database \w+ \*\*\*/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The first problem `quick_check` finds, or null when the file is sound. Throws what SQLite throws. */
function firstProblem(file: string): string | null {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const verdict = db.pragma("quick_check(1)", { simple: true });
    return verdict === "ok" ? null : oneLine(String(verdict));
  } finally {
    db.close();
  }
}

/**
 * Throws when the database file is damaged or not a database; a missing file passes (it is about
 * to be created). Other failures to read it are thrown with the file's name.
 */
export function checkIntegrity(file: string): void {
  if (!fs.existsSync(file)) return;
  let problem: string | null;
  try {
    problem = firstProblem(file);
  } catch (error) {
    if (isDamage(error)) throw new Error(damagedMessage(file, describe(error)), { cause: error });
    throw new Error(`Could not read the database ${file}: ${describe(error)}`, { cause: error });
  }
  if (problem !== null) throw new Error(damagedMessage(file, problem));
}
