/**
 * Helpers for the storage tests: hashing a file, damaging a page of a table in a closed database,
 * counting what a storage call hands to SQLite, mounting a small tmpfs and filling it to the
 * last byte (a real full disk), and boardgame.io odds and ends (log entries, match metadata).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { LogEntry, Server } from "boardgame.io";
import { vi } from "vitest";
import type { SqlDatabase } from "../../../server/src/storage";

/** The SHA-256 of a file's bytes. */
export function fileHash(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** The page numbers of a table's b-tree in a closed database file (SQLite's `dbstat`). */
export function pagesOf(file: string, table: string): { pageno: number; pagetype: string }[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT pageno, pagetype FROM dbstat WHERE name = ? ORDER BY pageno`).all(table) as {
      pageno: number;
      pagetype: string;
    }[];
  } finally {
    db.close();
  }
}

/** The page size of a closed database file. */
function pageSize(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma("page_size", { simple: true }) as number;
  } finally {
    db.close();
  }
}

/** Zeroes one page of a closed database file in place (page numbers count from 1). */
export function zeroPage(file: string, pageno: number): void {
  const size = pageSize(file);
  const fd = fs.openSync(file, "r+");
  try {
    fs.writeSync(fd, Buffer.alloc(size), 0, size, (pageno - 1) * size);
  } finally {
    fs.closeSync(fd);
  }
}

/** Overwrites the first bytes of a file (SQLite's header) with text. */
export function spoilHeader(file: string): void {
  const fd = fs.openSync(file, "r+");
  try {
    fs.writeSync(fd, Buffer.from("this is no longer a database header"), 0, 35, 0);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Counts the characters of every string handed to a prepared statement's `run` while `work` runs:
 * what a storage call writes, as text, whatever the statements are.
 */
export function textWritten(db: SqlDatabase, work: () => void): number {
  const proto = Object.getPrototypeOf(db.prepare("SELECT 1")) as Database.Statement;
  const spy = vi.spyOn(proto, "run");
  try {
    work();
    return spy.mock.calls
      .flat()
      .reduce<number>((n, arg) => n + (typeof arg === "string" ? arg.length : 0), 0);
  } finally {
    spy.mockRestore();
  }
}

/** A log entry as boardgame.io writes one per move. */
export function logEntry(stateID: number): LogEntry {
  return {
    action: { type: "MAKE_MOVE", payload: { type: "ready", args: [{ ready: true }], playerID: "0" } },
    _stateID: stateID,
    turn: 1,
    phase: "",
  };
}

/** Match metadata with seven empty seats, and optionally a large field. */
export function metadata(note = ""): Server.MatchData {
  const players: Server.MatchData["players"] = {};
  for (let i = 0; i < 7; i++) players[i] = { id: i, ...(note ? { name: note } : {}) };
  return { gameName: "entente", players, createdAt: 1, updatedAt: 1 };
}

/** Mounts a tmpfs of `kilobytes` at `dir`; null, or the reason mounting was refused (nothing mounted). */
export function mountTmpfs(dir: string, kilobytes: number): string | null {
  fs.mkdirSync(dir, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${kilobytes}k`, "tmpfs", dir], { stdio: "pipe" });
    return null;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return stderr || (error instanceof Error ? error.message : String(error));
  }
}

/**
 * Unmounts what `mountTmpfs` mounted (best effort): lazily when a file on it is still open (a test
 * that failed midway), so that the mount goes once the process ends.
 */
export function unmount(dir: string): void {
  for (const args of [[dir], ["-l", dir]]) {
    try {
      execFileSync("umount", args, { stdio: "pipe" });
      return;
    } catch {
      // busy (then lazily), or nothing mounted
    }
  }
}

/** Fills the file system of `dir` to the last byte with a file; returns its path (delete it for room). */
export function fillDisk(dir: string): string {
  const file = path.join(dir, "filler");
  const fd = fs.openSync(file, "w");
  try {
    for (const size of [65536, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          fs.writeSync(fd, chunk);
        } catch {
          break;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

/**
 * The SQLite connection behind a server's database interface, for tests that reach into SQLite
 * itself (its pragmas, a full disk): those stories are SQLite's, and fail plainly on another database.
 */
export function sqliteOf(db: unknown): Database.Database {
  if (!(db instanceof Database))
    throw new Error("this test reaches into SQLite: the server's database is not SQLite");
  return db;
}
