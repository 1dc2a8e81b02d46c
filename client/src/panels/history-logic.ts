/**
 * The past as plain data: the position before each resolved phase, rebuilt by replaying the
 * revealed orders of `MatchState.history` from the map's start (the adjudicator is deterministic,
 * so the replay is the game), and each phase's order results in a flat list.
 */
import type { OrderResult } from "../../../shared/src/adjudicator/types";
import { initialPosition, resolvePhase } from "../../../shared/src/game/phases";
import type { Position } from "../../../shared/src/game/position";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import type { PhaseRecord } from "../../../shared/src/match/types";

/** The map's start with only the powers in play (the others' units gone, their centres neutral). */
export function startPosition(map: GameMap, powers: readonly PowerId[]): Position {
  const start = initialPosition(map);
  const inPlay = new Set(powers);
  return {
    ...start,
    units: start.units.filter((u) => inPlay.has(u.power)),
    supplyCenters: Object.fromEntries(
      Object.entries(start.supplyCenters).filter(([, owner]) => inPlay.has(owner)),
    ),
  };
}

/**
 * The position before each phase of the history, in order: `result[i]` is the board the orders of
 * `history[i]` were given on.
 */
export function positionsBefore(
  map: GameMap,
  powers: readonly PowerId[],
  history: readonly PhaseRecord[],
): Position[] {
  const out: Position[] = [];
  let position = startPosition(map, powers);
  for (const record of history) {
    out.push(position);
    const orders = powers.flatMap((p) => record.orders[p] ?? []);
    position = resolvePhase(map, position, orders).next;
  }
  return out;
}

/** The results of a recorded phase, whatever its kind. */
export function resultsOf(record: PhaseRecord): readonly OrderResult[] {
  return record.resolved.resolution.results;
}
