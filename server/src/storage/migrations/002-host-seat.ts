/**
 * Migration 002: a match's host. `match_setup.host_seat` is the seat of the player who made the
 * match from the lobby (its `hostName`), who may give open seats to bots and let a bot stand in for
 * an absent player; null for a match made without a host, and once the host leaves their seat.
 * Matches made before this migration have no host (they keep playing as before).
 */
import type { Kysely } from "kysely";

/** Adds the host's seat to every match's setup. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("match_setup").addColumn("host_seat", "integer").execute();
}
