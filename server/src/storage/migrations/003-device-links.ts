/**
 * Migration 003: device links (docs/api.md, "Device links"). A player's private link that carries
 * their seat to another browser is kept here only as the sha256 of its token, one live link per
 * seat (a new one replaces the old), with when it was made, when it stops working, when it was used
 * (a link works once), and the sha256 of the seat's credentials when it was made: once those change
 * (revoked, the seat left or taken over) the link opens nothing. Dropped with its match.
 */
import type { Kysely } from "kysely";
import { columnTypes } from "./types";

/** Creates `device_links`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable("device_links")
    .addColumn("match_id", "text", (c) => c.notNull().references("matches.id").onDelete("cascade"))
    .addColumn("seat", "integer", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique()) // sha256 of the token, hex
    .addColumn("seat_hash", "text", (c) => c.notNull()) // sha256 of the seat's credentials, hex
    .addColumn("created_at", t.big, (c) => c.notNull())
    .addColumn("expires_at", t.big, (c) => c.notNull())
    .addColumn("used_at", t.big) // null until a browser took the seat with it
    .addPrimaryKeyConstraint("device_links_pkey", ["match_id", "seat"])
    .execute();
}
