/**
 * Phase sequencing: from a position and the orders of a phase to the next position. Spring
 * movement, retreats only when a unit was dislodged, fall movement, retreats, supply centres
 * change hands at the end of fall, winter adjustments only when someone must build or remove,
 * then the next spring. Units without orders hold; dislodged units without orders disband; powers
 * that do not remove enough units lose them by the civil-disorder rule.
 */
import { adjudicateAdjustments, adjustmentCounts } from "../adjudicator/adjustment";
import { adjudicateMovement } from "../adjudicator/movement";
import { adjudicateRetreats } from "../adjudicator/retreat";
import type { AdjustmentResolution, MovementResolution, RetreatResolution } from "../adjudicator/types";
import { provinceOf } from "../map/locations";
import type { GameMap, PowerId, ProvinceId, Unit } from "../map/types";
import type { Order } from "../orders/types";
import { centreCounts, type Position } from "./position";

/** The first position of a map: spring movement of its first year. */
export function initialPosition(map: GameMap): Position {
  const supplyCenters: Record<ProvinceId, PowerId> = {};
  for (const [power, centres] of Object.entries(map.start.supplyCenters)) {
    for (const c of centres) supplyCenters[c] = power;
  }
  return {
    year: map.start.year,
    season: "spring",
    phase: "movement",
    units: map.start.units,
    dislodged: [],
    supplyCenters,
  };
}

/** The adjudication of one phase, whichever kind it was. */
export type PhaseResolution =
  | { readonly phase: "movement"; readonly resolution: MovementResolution }
  | { readonly phase: "retreat"; readonly resolution: RetreatResolution }
  | { readonly phase: "adjustment"; readonly resolution: AdjustmentResolution };

/** A resolved phase: what happened, and the position it leads to. */
export interface PhaseStep {
  readonly resolved: PhaseResolution;
  readonly next: Position;
}

/**
 * Resolves the current phase of a position with the given orders and moves on to the next phase
 * that has something to do.
 */
export function resolvePhase(map: GameMap, position: Position, orders: readonly Order[]): PhaseStep {
  switch (position.phase) {
    case "movement": {
      const resolution = adjudicateMovement(map, position.units, orders);
      const after: Position = { ...position, units: resolution.units, dislodged: resolution.dislodged };
      const next =
        resolution.dislodged.length > 0 ? { ...after, phase: "retreat" as const } : endOfSeason(map, after);
      return { resolved: { phase: "movement", resolution }, next };
    }
    case "retreat": {
      const resolution = adjudicateRetreats(map, position.units, position.dislodged, orders);
      const next = endOfSeason(map, { ...position, units: resolution.units, dislodged: [] });
      return { resolved: { phase: "retreat", resolution }, next };
    }
    case "adjustment": {
      const resolution = adjudicateAdjustments(map, position.units, position.supplyCenters, orders);
      const next: Position = {
        ...position,
        year: position.year + 1,
        season: "spring",
        phase: "movement",
        units: resolution.units,
      };
      return { resolved: { phase: "adjustment", resolution }, next };
    }
  }
}

/** After the last movement or retreat of a season: on to fall, or to winter with new owners. */
function endOfSeason(map: GameMap, position: Position): Position {
  if (position.season === "spring") return { ...position, season: "fall", phase: "movement", dislodged: [] };
  const supplyCenters = captureCentres(map, position.units, position.supplyCenters);
  const winter: Position = { ...position, supplyCenters, dislodged: [] };
  if (needsAdjustment(map, winter)) return { ...winter, season: "winter", phase: "adjustment" };
  return { ...winter, year: position.year + 1, season: "spring", phase: "movement" };
}

/** Supply centres after fall: each occupied centre belongs to the occupying unit's power. */
export function captureCentres(
  map: GameMap,
  units: readonly Unit[],
  owners: Readonly<Record<ProvinceId, PowerId>>,
): Record<ProvinceId, PowerId> {
  const next: Record<ProvinceId, PowerId> = { ...owners };
  for (const u of units) {
    const province = map.province.get(provinceOf(map, u.location));
    if (province?.supplyCenter) next[province.id] = u.power;
  }
  return next;
}

/** Whether any power must build (and can) or must remove in winter. */
export function needsAdjustment(map: GameMap, position: Position): boolean {
  const occupied = new Set(position.units.map((u) => provinceOf(map, u.location)));
  for (const [power, change] of adjustmentCounts(map, position.units, position.supplyCenters)) {
    if (change < 0) return true;
    if (change > 0) {
      const free = map.power
        .get(power)
        ?.homeCenters.some((c) => position.supplyCenters[c] === power && !occupied.has(c));
      if (free) return true;
    }
  }
  return false;
}

export { centreCounts };

/** The power that owns enough centres for a solo, if any (checked after fall). */
export function soloWinner(map: GameMap, position: Position): PowerId | null {
  for (const [power, count] of centreCounts(map, position)) if (count >= map.victoryCenters) return power;
  return null;
}

/** Powers with neither units nor supply centres: out of the game. */
export function eliminatedPowers(map: GameMap, position: Position): PowerId[] {
  const alive = new Set<PowerId>([
    ...position.units.map((u) => u.power),
    ...Object.values(position.supplyCenters),
  ]);
  return map.powers.map((p) => p.id).filter((p) => !alive.has(p));
}
