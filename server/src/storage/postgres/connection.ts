/**
 * A PostgreSQL connection with the synchronous shape of the server's database interface (`../sql`):
 * each call is handed to a worker thread holding a node-postgres client (`./worker.mjs`, through
 * synckit) and the main thread waits for the answer, as it waits for SQLite's disk. A local
 * PostgreSQL answers a statement in a fraction of a millisecond; while it does, this node serves
 * nothing else — exactly as with SQLite — which keeps every handler's writes in the order they were
 * made. Transactions are PostgreSQL's own (`BEGIN`, savepoints inside), on one connection.
 */
import { Buffer } from "node:buffer";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { createSyncFn } from "synckit";
import type { RunResult, SqlDatabase, SqlStatement } from "../sql";
import { translate, type Translated } from "./translate";

/** A failure PostgreSQL reported, with its SQLSTATE as `PG_<code>` (`PG_23505`: a unique key). */
export class PostgresFailure extends Error {
  override readonly name = "PostgresFailure";

  constructor(
    message: string,
    readonly code: string,
    readonly detail: string | null,
  ) {
    super(message);
  }
}

/** What the worker answers. */
type Answer =
  | {
      readonly error: {
        readonly message: string;
        readonly code: string | null;
        readonly detail: string | null;
      };
    }
  | { readonly id: number }
  | { readonly rows: Record<string, unknown>[]; readonly changes: number }
  | Record<string, never>;

/** What the worker is asked. */
type Call =
  | { readonly op: "connect"; readonly url: string }
  | {
      readonly op: "query";
      readonly id: number;
      readonly text: string;
      readonly params: unknown[];
      /** Control statements (BEGIN, SAVEPOINT, RELEASE) to run first, on the same trip. */
      readonly before?: string;
    }
  | { readonly op: "close"; readonly id: number };

/** The longest the main thread waits for one answer (the worker gives up on a statement sooner). */
const CALL_TIMEOUT_MS = 30_000;

let worker: ((call: Call) => Answer) | null = null;

/** The worker, started on first use (one per process, shared by its connections). */
function callWorker(call: Call): Answer {
  if (worker === null) {
    const file = fileURLToPath(new URL("./worker.mjs", import.meta.url));
    if (!fs.existsSync(file)) throw new Error(`the PostgreSQL worker ${file} is missing`);
    worker = createSyncFn<(call: Call) => Promise<Answer>>(file, { timeout: CALL_TIMEOUT_MS, execArgv: [] });
  }
  const answer = worker(call);
  if ("error" in answer) {
    const code = answer.error.code === null ? "PG_CONNECTION" : `PG_${answer.error.code}`;
    throw new PostgresFailure(answer.error.message, code, answer.error.detail);
  }
  return answer;
}

/** Bytes come back from the worker as plain Uint8Arrays; the server reads Buffers, as SQLite gives. */
function rowOf(row: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(row)) {
    if (value instanceof Uint8Array && !Buffer.isBuffer(value))
      row[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  return row;
}

/** A URL without its password, to name the database in messages. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
  } catch {
    return "PostgreSQL";
  }
}

/** A connection to PostgreSQL with the synchronous database interface. */
export class PostgresDatabase implements SqlDatabase {
  readonly dialect = "postgres";
  readonly name: string;
  private connection: number | null;
  private depth = 0; // open transactions and savepoints
  /**
   * BEGIN, SAVEPOINT and RELEASE SAVEPOINT not sent yet: they go with the next statement, on one
   * trip to the worker (a move's transaction and its savepoint cost no trips of their own). They
   * fail only with the connection, and then the statement they go with fails too.
   */
  private deferred: string[] = [];
  private readonly translated = new Map<string, Translated>();

  constructor(readonly url: string) {
    this.name = describeUrl(url);
    const answer = callWorker({ op: "connect", url });
    this.connection = (answer as { id: number }).id;
  }

  get open(): boolean {
    return this.connection !== null;
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /** Runs one statement; its rows and the count of rows it changed. */
  query(sql: string, args: readonly unknown[]): { rows: Record<string, unknown>[]; changes: number } {
    if (this.connection === null)
      throw new PostgresFailure(`${this.name}: the connection is closed`, "PG_CLOSED", null);
    let statement = this.translated.get(sql);
    if (statement === undefined) {
      statement = translate(sql);
      this.translated.set(sql, statement);
    }
    const before = this.deferred.join("; ");
    this.deferred = [];
    const answer = callWorker({
      op: "query",
      id: this.connection,
      text: statement.text,
      params: statement.values(args),
      ...(before ? { before } : {}),
    }) as { rows: Record<string, unknown>[]; changes: number };
    return { rows: answer.rows.map(rowOf), changes: answer.changes };
  }

  prepare(sql: string): SqlStatement {
    return {
      run: (...args: unknown[]): RunResult => ({ changes: this.query(sql, args).changes }),
      get: (...args: unknown[]): unknown => this.query(sql, args).rows[0],
      all: (...args: unknown[]): unknown[] => this.query(sql, args).rows,
    };
  }

  exec(sql: string): void {
    this.query(sql, []);
  }

  transaction<A extends unknown[], T>(work: (...args: A) => T): (...args: A) => T {
    return (...args: A): T => {
      const savepoint = this.depth === 0 ? null : `entente_${this.depth}`;
      this.deferred.push(savepoint === null ? "BEGIN" : `SAVEPOINT ${savepoint}`);
      this.depth += 1;
      let result: T;
      try {
        result = work(...args);
      } catch (error) {
        this.depth -= 1;
        this.rollback(savepoint);
        throw error;
      }
      this.depth -= 1;
      if (savepoint !== null) {
        this.deferred.push(`RELEASE SAVEPOINT ${savepoint}`);
        return result;
      }
      try {
        this.exec("COMMIT");
      } catch (error) {
        this.rollback(savepoint);
        throw error;
      }
      return result;
    };
  }

  close(): void {
    if (this.connection === null) return;
    const id = this.connection;
    this.connection = null;
    this.depth = 0;
    this.deferred = [];
    callWorker({ op: "close", id });
  }

  /** Undoes a transaction or a savepoint; a connection lost meanwhile has undone it already. */
  private rollback(savepoint: string | null): void {
    if (savepoint === null && this.deferred[0] === "BEGIN") {
      this.deferred = []; // the transaction never reached the database: nothing to undo
      return;
    }
    try {
      this.exec(
        savepoint === null
          ? "ROLLBACK"
          : `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}`,
      );
    } catch {
      // the connection went: PostgreSQL rolled the transaction back itself
    }
  }
}
