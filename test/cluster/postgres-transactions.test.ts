/**
 * Transactions on the PostgreSQL connection (server/src/storage/postgres/connection.ts). BEGIN,
 * SAVEPOINT and RELEASE SAVEPOINT travel with the next statement (one trip to the worker thread
 * instead of their own), so each case here checks that what a transaction means is unchanged:
 * all of it or none of it, seen by another connection only after COMMIT, a savepoint undoing only
 * its own part, a failed statement leaving the connection ready for the next transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlDatabase } from "../../server/src/storage";
import { freshSchema, type Schema } from "./support/nodes";

let schema: Schema;
let db: SqlDatabase; // the connection under test
let other: SqlDatabase; // another connection, to see what is committed

beforeAll(async () => {
  schema = await freshSchema("tx");
  db = schema.open();
  other = schema.open();
  db.exec(`CREATE TABLE tx_rows (v TEXT NOT NULL)`);
});
afterAll(async () => {
  await schema.drop();
});

/** Empties the table (a committed statement of its own). */
function clear(): void {
  db.prepare(`DELETE FROM tx_rows`).run();
}

/** The rows another connection sees, in order. */
function committed(): string[] {
  return (other.prepare(`SELECT v FROM tx_rows ORDER BY v`).all() as { v: string }[]).map((r) => r.v);
}

const insert = (v: string): void => void db.prepare(`INSERT INTO tx_rows (v) VALUES (?)`).run(v);

describe("transactions on PostgreSQL, their control statements sent with the next statement", () => {
  it("commit all of a transaction, seen by another connection only after COMMIT", () => {
    clear();
    db.transaction(() => {
      insert("a");
      insert("b");
      expect(committed()).toEqual([]);
    })();
    expect(committed()).toEqual(["a", "b"]);
    expect(db.inTransaction).toBe(false);
  });

  it("undo a savepoint's part only, the outer transaction keeping the rest", () => {
    clear();
    db.transaction(() => {
      insert("a");
      expect(() =>
        db.transaction(() => {
          insert("b");
          throw new Error("the inner step failed");
        })(),
      ).toThrow("the inner step failed");
      insert("c");
    })();
    expect(committed()).toEqual(["a", "c"]);
  });

  it("undo a released savepoint's part too when the outer transaction fails after it", () => {
    clear();
    expect(() =>
      db.transaction(() => {
        db.transaction(() => insert("b"))();
        throw new Error("the outer step failed");
      })(),
    ).toThrow("the outer step failed");
    expect(committed()).toEqual([]);
    expect(db.inTransaction).toBe(false);
  });

  it("leave the connection ready after a transaction whose work fails or does nothing before any statement", () => {
    clear();
    expect(() =>
      db.transaction(() => {
        db.transaction(() => {
          throw new Error("failed at once");
        })();
      })(),
    ).toThrow("failed at once");
    expect(db.transaction(() => 42)()).toBe(42);
    expect(db.inTransaction).toBe(false);
    db.transaction(() => insert("after"))();
    expect(committed()).toEqual(["after"]);
  });

  it("roll back a transaction whose statement fails after the deferred BEGIN, the connection ready again", () => {
    clear();
    expect(() =>
      db.transaction(() => {
        insert("a");
        db.prepare(`INSERT INTO no_such_table (v) VALUES (?)`).run("x");
      })(),
    ).toThrow(/no_such_table/);
    expect(db.inTransaction).toBe(false);
    // A connection left in the failed transaction would refuse every statement from now on.
    expect(db.prepare(`SELECT 1 AS one`).get()).toEqual({ one: 1 });
    db.transaction(() => insert("b"))();
    expect(committed()).toEqual(["b"]);
  });

  it("keep the statements of a transaction in order with its savepoints (a move's shape)", () => {
    clear();
    for (let move = 0; move < 20; move++)
      db.transaction(() => {
        insert(`m${String(move).padStart(2, "0")}`);
        db.transaction(() => insert(`m${String(move).padStart(2, "0")}s`))();
        if (move % 3 === 0)
          try {
            db.transaction(() => {
              insert(`m${String(move).padStart(2, "0")}x`);
              throw new Error("refused");
            })();
          } catch {
            // the refused part only
          }
      })();
    const rows = committed();
    expect(rows).toHaveLength(40);
    expect(rows.some((v) => v.endsWith("x"))).toBe(false);
  });
});
