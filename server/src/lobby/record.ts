/**
 * `GET /api/matches/:id/record` (docs/api.md "Match records"): a match's record
 * (shared/src/wire/record.ts), built from its stored initial state and log by playing the log
 * again through the server's own `Game` (which gives each action its phase and each resolved
 * phase its checkpoint). Who may have it: the host (credentials of the seat the host holds) or,
 * for a class match, the teacher (the teacher key), at any time; any seat's holder once the match
 * has ended. A running match's record stops at its last resolved phase, for everyone: the orders
 * and moves of the phase in progress stay secret. No private press is in a record: private
 * messages are not moves, and a leak's proof is withheld (the leaked message is printed in the
 * next edition anyway; a leak that no edition printed yet ends the record before its phase).
 */
import { createHash } from "node:crypto";
import { stateHash } from "../../../shared/src/match/replay";
import {
  RECORD_FORMAT,
  RECORD_VERSION,
  type MatchRecord,
  type RecordCheckpoint,
} from "../../../shared/src/wire";
import type { ServerContext } from "../context";
import { matchTimeline, visibleActions } from "./timeline";

/** sha256 of a text, as hex. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * A match's record, for the holder of `key` (`Authorization: Bearer <key>`): 404 `unknown-match`
 * for no such match, 401/403 as `mustMayRead` says.
 */
export async function matchRecord(ctx: ServerContext, id: string, key: string | null): Promise<MatchRecord> {
  const timeline = await matchTimeline(ctx, id, key);
  const { matchID, ended, initial, played, count, complete, end } = timeline;
  const random = (initial.plugins["random"]?.data ?? {}) as { seed?: string | number };
  if (random.seed === undefined) throw new Error(`match ${matchID} has no random seed`);
  const G = initial.G;
  return {
    format: RECORD_FORMAT,
    version: RECORD_VERSION,
    matchID,
    map: G.settings.mapId as MatchRecord["map"],
    settings: { ...G.settings, mapId: G.settings.mapId as MatchRecord["map"] },
    numPlayers: initial.ctx.numPlayers,
    seed: ended ? random.seed : null, // the draws still to come stay the server's while it runs
    ...(G.pressSeal === undefined ? {} : { pressSeal: G.pressSeal }),
    complete,
    actions: visibleActions(timeline),
    checkpoints: played
      .slice(0, count)
      .flatMap((s): RecordCheckpoint[] => (s.checkpoint === null ? [] : [s.checkpoint])),
    editions: end.editions as unknown as MatchRecord["editions"],
    // Of what the reader may see: the hash of the whole would let the host of a running match test
    // guesses about what other seats hide.
    finalHash: stateHash(timeline.last, sha256),
  };
}
