/**
 * How the search bot values a joint outcome: the phase is resolved with everyone's orders, then a
 * short rollout plays on with the baseline (retreats and adjustments by every power concerned,
 * the next movement phases by the bot and the powers near it — the rest hold), and the position
 * reached is valued for the bot: centres above all, centres about to change hands in the fall,
 * units, and the spread province values where its units stand. Pure and seeded.
 */
import { resolvePhase, soloWinner } from "../../game/phases";
import type { Position } from "../../game/position";
import { tablesOf } from "../../map/tables";
import type { GameMap, PowerId } from "../../map/types";
import type { Order } from "../../orders/types";
import type { Rng } from "../../random";
import { baselineOrders, NO_INTENT, provinceValues, type OrderIntent } from "../baseline";

/** Value of a centre owned. */
const CENTRE_WEIGHT = 10;
/** Share of a centre's value for one about to change hands (a unit stands on it before the fall). */
const PROSPECT_SHARE = 0.6;
/** Value of a unit. */
const UNIT_WEIGHT = 2;
/** Weight of the spread province values where the units stand. */
const PLACE_WEIGHT = 0.05;
/** Value of a solo. */
const SOLO_VALUE = 1000;
/** Phases a rollout plays at most (a guard: movement phases are what the budget counts). */
const MAX_ROLLOUT_PHASES = 8;

/** The value of `position` for `power`. */
export function positionValue(map: GameMap, position: Position, power: PowerId): number {
  if (soloWinner(map, position) === power) return SOLO_VALUE;
  const t = tablesOf(map);
  let centres = 0;
  for (const owner of Object.values(position.supplyCenters)) if (owner === power) centres++;
  const values = provinceValues(map, position, power);
  const beforeCapture = position.season === "fall";
  let units = 0;
  let place = 0;
  let prospect = 0;
  for (const u of position.units) {
    const p = t.locationProvince[t.locationIndex.get(u.location)!]!;
    const centre = map.provinces[p]!.supplyCenter;
    const owner = position.supplyCenters[t.provinceIds[p]!];
    if (u.power === power) {
      units++;
      place += (u.type === "A" ? values.army : values.fleet)[p]!;
      if (beforeCapture && centre && owner !== power) prospect++;
    } else if (beforeCapture && centre && owner === power) prospect--;
  }
  return CENTRE_WEIGHT * (centres + PROSPECT_SHARE * prospect) + UNIT_WEIGHT * units + PLACE_WEIGHT * place;
}

/** The powers that give orders in a rollout phase: in movement the bot and those near it, else all. */
function actorsOf(position: Position, near: ReadonlySet<PowerId>): PowerId[] {
  const powers = new Set<PowerId>();
  for (const u of position.phase === "retreat" ? position.dislodged.map((d) => d.unit) : position.units)
    if (position.phase !== "movement" || near.has(u.power)) powers.add(u.power);
  if (position.phase === "adjustment")
    for (const owner of Object.values(position.supplyCenters)) powers.add(owner);
  return [...powers].sort();
}

/**
 * The value for `power` of the joint `orders` in `position`'s movement phase: resolved, then
 * rolled out `rollout` more movement phases with the baseline (the bot keeping its `intent`), and
 * the position reached valued.
 */
export function outcomeValue(
  map: GameMap,
  position: Position,
  power: PowerId,
  orders: readonly Order[],
  near: ReadonlySet<PowerId>,
  intent: OrderIntent,
  rollout: number,
  rng: Rng,
): number {
  let next = resolvePhase(map, position, orders).next;
  let movements = 0;
  const mine: OrderIntent = { avoid: intent.avoid, keep: intent.keep, target: intent.target };
  for (let phase = 0; phase < MAX_ROLLOUT_PHASES && soloWinner(map, next) === null; phase++) {
    if (next.phase === "movement" && movements++ >= rollout) break;
    const at = next;
    const step = actorsOf(at, near).flatMap((p) =>
      baselineOrders(map, at, p, rng, p === power && at.phase === "movement" ? mine : NO_INTENT),
    );
    next = resolvePhase(map, at, step).next;
  }
  return positionValue(map, next, power);
}
