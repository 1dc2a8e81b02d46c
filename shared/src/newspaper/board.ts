/**
 * Board news: what the paper reports about a resolved phase from the board alone — standoffs,
 * dislodgements, supply centres changing hands, eliminations and solo threats. The trust layer's
 * events (defections, commitments, leaks…) come from elsewhere; `composeEdition` merges both.
 *
 * Events come out in a fixed order: battles (in the adjudicator's `contested` order),
 * dislodgements (in its `dislodged` order), centre captures (in the map's centre order),
 * eliminations (in map power order), solo threats (most centres first, then map power order).
 */
import type { MovementResolution } from "../adjudicator/types";
import type { PhaseResolution } from "../game/phases";
import { centreCounts, type Position } from "../game/position";
import { provinceOf } from "../map/locations";
import type { GameMap, PowerId } from "../map/types";
import type {
  BattleEvent,
  CentreCapturedEvent,
  DislodgementEvent,
  EliminationEvent,
  NewsEvent,
  SoloThreatEvent,
} from "./types";

/** How close (in centres) a power must come to a solo before the paper calls it a threat. */
export const SOLO_THREAT_MARGIN = 3;

/**
 * The board events of one resolved phase, from the positions before and after it and its
 * adjudication. Never throws on a well-formed position; unknown locations are simply skipped.
 */
export function boardEvents(
  map: GameMap,
  before: Position,
  after: Position,
  resolved: PhaseResolution,
): NewsEvent[] {
  const movement = resolved.phase === "movement" ? resolved.resolution : null;
  return [
    ...(movement ? battleEvents(map, movement) : []),
    ...(movement ? dislodgementEvents(map, before, movement) : []),
    ...captureEvents(map, before, after),
    ...eliminationEvents(map, before, after),
    ...soloThreatEvents(map, before, after),
  ];
}

/** The given powers, deduplicated, in map order (unknown ids last, in first-seen order). */
function inMapOrder(map: GameMap, powers: Iterable<PowerId>): PowerId[] {
  const set = new Set(powers);
  const known = map.powers.map((p) => p.id).filter((id) => set.has(id));
  const unknown = [...set].filter((id) => !map.power.has(id));
  return [...known, ...unknown];
}

/** Standoffs: for each contested province, the powers whose moves there failed (two or more). */
export function battleEvents(map: GameMap, resolution: MovementResolution): BattleEvent[] {
  const events: BattleEvent[] = [];
  for (const province of resolution.contested) {
    const powers = inMapOrder(
      map,
      resolution.results.flatMap(({ order, outcome }) =>
        order.kind === "move" && outcome === "fails" && provinceOf(map, order.to) === province
          ? [order.power]
          : [],
      ),
    );
    // A power bouncing its own units is no battle.
    if (powers.length >= 2) events.push({ type: "battle", province, powers });
  }
  return events;
}

/** Dislodgements: who was driven out, by whom, from where, and whether it had anywhere to go. */
export function dislodgementEvents(
  map: GameMap,
  before: Position,
  resolution: MovementResolution,
): DislodgementEvent[] {
  const events: DislodgementEvent[] = [];
  for (const d of resolution.dislodged) {
    const province = provinceOf(map, d.unit.location);
    // The attacker now stands where the dislodged unit stood; failing that, look where it came from.
    const attacker =
      resolution.units.find((u) => provinceOf(map, u.location) === province) ??
      before.units.find((u) => provinceOf(map, u.location) === d.attackerFrom);
    if (!attacker) continue;
    events.push({
      type: "dislodgement",
      unit: d.unit,
      by: attacker.power,
      from: d.attackerFrom,
      disbanded: d.retreats.length === 0,
    });
  }
  return events;
}

/** Supply centres whose owner changed between the two positions, in the map's centre order. */
export function captureEvents(map: GameMap, before: Position, after: Position): CentreCapturedEvent[] {
  const events: CentreCapturedEvent[] = [];
  for (const center of map.supplyCenters) {
    const from = before.supplyCenters[center];
    const to = after.supplyCenters[center];
    if (to !== undefined && to !== from)
      events.push({ type: "center-captured", center, from: from ?? null, to });
  }
  return events;
}

/** The powers with a unit (dislodged ones included) or a centre in a position. */
function presentPowers(position: Position): Set<PowerId> {
  return new Set<PowerId>([
    ...position.units.map((u) => u.power),
    ...position.dislodged.map((d) => d.unit.power),
    ...Object.values(position.supplyCenters),
  ]);
}

/** Powers that had units or centres before the phase and have neither after it. */
export function eliminationEvents(map: GameMap, before: Position, after: Position): EliminationEvent[] {
  const was = presentPowers(before);
  const is = presentPowers(after);
  return inMapOrder(
    map,
    [...was].filter((p) => !is.has(p)),
  ).map((power) => ({ type: "elimination", power }));
}

/**
 * Solo threats, reported once a year when fall's new owners are in: any power within
 * `SOLO_THREAT_MARGIN` centres of a solo that has not reached it.
 */
export function soloThreatEvents(map: GameMap, before: Position, after: Position): SoloThreatEvent[] {
  if (before.season !== "fall" || after.season === "fall") return [];
  const needed = map.victoryCenters;
  const counts = centreCounts(map, after);
  const order = inMapOrder(map, counts.keys());
  return order
    .map((power) => ({ power, centers: counts.get(power) ?? 0 }))
    .filter(({ centers }) => centers > 0 && centers >= needed - SOLO_THREAT_MARGIN && centers < needed)
    .sort((a, b) => b.centers - a.centers || order.indexOf(a.power) - order.indexOf(b.power))
    .map(({ power, centers }) => ({ type: "solo-threat", power, centers, needed }));
}
