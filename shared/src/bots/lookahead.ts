/**
 * The look-ahead bot: in a movement phase it draws several candidate order sets for its power
 * (baseline orders with different draws, plus mutations of them), samples likely orders for every
 * other power (baseline orders with a few draws), adjudicates each candidate against each sample
 * and keeps the candidate whose outcomes score best on average: centres held or gained, units not
 * dislodged, and the value of the provinces the units end on. Retreats and adjustments are the
 * baseline's. Bounded (a handful of candidates and samples), so a whole game stays fast. Pure.
 */
import { adjudicateMovement } from "../adjudicator/movement";
import { captureCentres } from "../game/phases";
import type { Position } from "../game/position";
import type { GameMap, PowerId } from "../map/types";
import { tablesOf } from "../map/tables";
import { legalOrders } from "../orders/legal";
import type { Order } from "../orders/types";
import type { Rng } from "../random";
import { baselineOrders, breakingOrders, NO_INTENT, provinceValues, type OrderIntent } from "./baseline";

/** Candidate order sets drawn from the baseline. */
const BASELINE_CANDIDATES = 8;
/** Candidate order sets made by mutating a baseline candidate. */
const MUTATED_CANDIDATES = 4;
/** Samples of the other powers' orders each candidate is played against. */
const ENEMY_SAMPLES = 4;

/** Score weights of an outcome. */
const CENTRE_WEIGHT = 10;
const UNIT_WEIGHT = 4;
const VALUE_WEIGHT = 0.2;

/**
 * Look-ahead orders of `power` in `position`'s phase: the best of a few candidate order sets
 * against sampled enemy orders in a movement phase, the baseline's orders otherwise.
 */
export function lookaheadOrders(
  map: GameMap,
  position: Position,
  power: PowerId,
  rng: Rng,
  intent: OrderIntent = NO_INTENT,
): Order[] {
  if (position.phase !== "movement") return baselineOrders(map, position, power, rng, intent);
  const legal = legalOrders(map, position, power);
  if (legal.phase !== "movement" || legal.units.length === 0) return [];
  const t = tablesOf(map);
  const candidates: Order[][] = [];
  for (let k = 0; k < BASELINE_CANDIDATES; k++)
    candidates.push(baselineOrders(map, position, power, rng, intent));
  const breaking = breakingOrders(
    map,
    position,
    power,
    legal.units.flatMap((u) => u.orders.filter((o) => o.kind === "move" && !o.viaConvoy)),
    intent,
  );
  for (let k = 0; k < MUTATED_CANDIDATES; k++) {
    const mutated = [...rng.pick(candidates)];
    const i = rng.int(legal.units.length);
    const provinceOf = (location: string): number => t.locationProvince[t.locationIndex.get(location) ?? 0]!;
    const taken = new Set<number>();
    mutated.forEach((o, j) => {
      if (j !== i && "unit" in o) taken.add(provinceOf(o.kind === "move" ? o.to : o.unit.location));
    });
    const choices = legal.units[i]!.orders.filter(
      (o) =>
        (o.kind === "hold" && !taken.has(provinceOf(o.unit.location))) ||
        (o.kind === "move" && !o.viaConvoy && !taken.has(provinceOf(o.to)) && !breaking.has(o)),
    );
    if (choices.length > 0) mutated[i] = rng.pick(choices);
    candidates.push(mutated);
  }
  const others = map.powers.map((p) => p.id).filter((p) => p !== power);
  const samples: Order[][] = [];
  for (let s = 0; s < ENEMY_SAMPLES; s++)
    samples.push(others.flatMap((p) => baselineOrders(map, position, p, rng)));

  const values = provinceValues(map, position, power, intent);
  const score = (orders: readonly Order[]): number => {
    const resolution = adjudicateMovement(map, position.units, orders);
    const owners = captureCentres(map, resolution.units, position.supplyCenters);
    let centres = 0;
    for (const owner of Object.values(owners)) if (owner === power) centres++;
    let units = 0;
    let value = 0;
    for (const u of resolution.units) {
      if (u.power !== power) continue;
      units++;
      const p = t.locationProvince[t.locationIndex.get(u.location)!]!;
      value += (u.type === "A" ? values.army : values.fleet)[p]!;
    }
    return CENTRE_WEIGHT * centres + UNIT_WEIGHT * units + VALUE_WEIGHT * value;
  };
  let best = candidates[0]!;
  let bestScore = -Infinity;
  for (const candidate of candidates) {
    let total = 0;
    for (const sample of samples) total += score([...candidate, ...sample]);
    if (total > bestScore) {
      bestScore = total;
      best = candidate;
    }
  }
  return best;
}
