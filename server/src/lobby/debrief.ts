/**
 * `GET /api/matches/:id/debrief` (docs/debrief.md): a match's debrief (shared/src/wire/debrief.ts),
 * built by `debriefOf` from the match's timeline (timeline.ts) as its reader may see it. Who may have
 * it: the host (credentials of the seat the host holds) or, for a class match, the teacher (the
 * teacher key), at any time — the host of a running match sees what their seat sees (view "seat");
 * any seat's holder once the match has ended, and the teacher, see the whole (view "whole").
 */
import { debriefOf } from "../../../shared/src/debrief/debrief";
import { getMap } from "../../../shared/src/map/registry";
import type { MatchDebrief } from "../../../shared/src/wire";
import type { ServerContext } from "../context";
import { matchTimeline, sourceOf } from "./timeline";

/**
 * A match's debrief, for the holder of `key` (`Authorization: Bearer <key>`): 404 `unknown-match`
 * for no such match, 401/403 as `mustMayRead` says.
 */
export async function matchDebrief(
  ctx: ServerContext,
  id: string,
  key: string | null,
): Promise<MatchDebrief> {
  const timeline = await matchTimeline(ctx, id, key);
  const mapId = timeline.initial.G.settings.mapId;
  const map = getMap(mapId);
  if (!map) throw new Error(`match ${timeline.matchID} is played on an unknown map "${mapId}"`);
  return debriefOf(sourceOf(timeline), map);
}
