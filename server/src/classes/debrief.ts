/**
 * `GET /api/classes/:classId/debrief` (docs/debrief.md "Class debrief"): every match of a session
 * debriefed as its teacher sees it (the whole of each match; a running one up to its last resolved
 * phase) and compared by `classDebriefOf` (shared/src/debrief/class.ts). The teacher key only.
 */
import { classDebriefOf, type ClassMatchDebrief } from "../../../shared/src/debrief/class";
import type { ClassDebrief } from "../../../shared/src/wire";
import type { ServerContext } from "../context";
import { matchDebrief } from "../lobby/debrief";
import type { ClassRow, ClassStore } from "./store";

/** The debrief of a session whose teacher key `key` is (checked by the caller). */
export async function classDebrief(
  ctx: ServerContext,
  store: ClassStore,
  row: ClassRow,
  key: string,
): Promise<ClassDebrief> {
  const entries: ClassMatchDebrief[] = [];
  for (const m of store.matches(row.id))
    entries.push({
      matchID: m.matchId,
      label: `Match ${m.number}`,
      debrief: await matchDebrief(ctx, m.matchId, key),
    });
  return classDebriefOf(row.id, row.name, entries);
}
