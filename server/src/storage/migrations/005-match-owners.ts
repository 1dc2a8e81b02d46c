/**
 * Migration 005: several nodes on one database (docs/deploy.md).
 * - `matches.state_id`: the state id (`_stateID`) of the state the row holds. A state is written
 *   only over the one it was made from (compare-and-set), so a node writing from a state that is
 *   no longer the latest is refused instead of overwriting another node's move.
 * - `match_leases`: which node runs a live match now — its moves, its deadline, its bots — and
 *   until when that holds unless renewed (a time in milliseconds). A node that dies stops renewing;
 *   once the time passes, another node takes the match. Dropped with its match.
 * - On PostgreSQL, a `rowid` for the tables whose rows are read in the order they were made
 *   (`press`, `match_setup`, `class_students`): SQLite gives every row one of its own.
 */
import type { Kysely } from "kysely";
import { columnTypes } from "./types";

/** Adds the state id, the leases and PostgreSQL's row counters. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable("matches").addColumn("state_id", "integer").execute();
  await db.schema
    .createTable("match_leases")
    .addColumn("match_id", "text", (c) => c.primaryKey().references("matches.id").onDelete("cascade"))
    .addColumn("node", "text", (c) => c.notNull())
    .addColumn("until", t.big, (c) => c.notNull())
    .addColumn("since", t.big, (c) => c.notNull())
    .execute();
  if (t.postgres) {
    for (const table of ["press", "match_setup", "class_students"]) {
      await db.schema.alterTable(table).addColumn("rowid", "bigserial").execute();
    }
  }
}
