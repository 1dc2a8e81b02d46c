/**
 * Migration 006: relayed moves run once (docs/deploy.md). A node that relays a move to a match's
 * owner and hears no answer may have lost only the answer: the owner can have stored the move and
 * died before replying. The owner records the relay's id in `relayed_moves` in the same
 * transaction as the move, so the node that takes the match over — or the sender itself, once it
 * holds the lease — finds the move was run and does not run it again. Rows are kept for a while
 * (long past any retry) and dropped with their match.
 */
import type { Kysely } from "kysely";
import { columnTypes } from "./types";

/** Adds the table of relayed moves run. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable("relayed_moves")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("match_id", "text", (c) => c.notNull().references("matches.id").onDelete("cascade"))
    .addColumn("at", t.big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("relayed_moves_at").on("relayed_moves").column("at").execute();
}
