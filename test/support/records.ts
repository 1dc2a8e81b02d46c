/**
 * Match records altered on purpose, for the tests that a replay (the command or the browser's
 * record page) catches a change.
 */
import type { MatchRecord } from "../../shared/src/wire";

/** The record with its first move order sent to the unit's own province (the game refuses it). */
export function withOneOrderAltered(from: MatchRecord): MatchRecord {
  const copy = structuredClone(from);
  for (const action of copy.actions) {
    if (action.move !== "orders") continue;
    const orders = (action.args as { orders: { kind: string; to?: string; unit: { location: string } }[] })
      .orders;
    const move = orders.find((o) => o.kind === "move");
    if (move === undefined) continue;
    move.to = move.unit.location;
    return copy;
  }
  throw new Error("the record has no move order to alter");
}
