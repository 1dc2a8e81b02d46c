/**
 * The retreat-phase adjudicator. Each dislodged unit retreats to one of its retreat options or is
 * disbanded; two or more units retreating to the same province are all disbanded; a unit with no
 * order, or an illegal one, is disbanded. Units that were not dislodged take no orders here.
 */
import type { Dislodgement } from "../game/position";
import type { GameMap, LocationId, Unit } from "../map/types";
import type { Order, OrderError } from "../orders/types";
import { illegal } from "./illegal";
import type { OrderResult, RetreatResolution } from "./types";

/**
 * Adjudicates a retreat phase.
 * @param units the units on the board after the movement phase (not the dislodged ones)
 * @param dislodged the dislodged units with their retreat options
 * @param orders retreat and disband orders, in any order
 */
export function adjudicateRetreats(
  map: GameMap,
  units: readonly Unit[],
  dislodged: readonly Dislodgement[],
  orders: readonly Order[],
): RetreatResolution {
  const provinceOf = (l: LocationId): string | undefined => map.location.get(l)?.province;
  const chosen = new Map<number, { to: LocationId; k: number }>(); // dislodged index → retreat
  const ordered = new Set<number>();
  const reasons: (OrderError | undefined)[] = orders.map((order, k) => {
    if (order.kind !== "retreat" && order.kind !== "disband")
      return illegal("wrong-phase", `a ${order.kind} order cannot be given in a retreat phase`);
    const province = provinceOf(order.unit.location);
    if (province === undefined)
      return illegal("unknown-location", `"${order.unit.location}" is not a place on this map`);
    const d = dislodged.findIndex((x) => provinceOf(x.unit.location) === province);
    if (d < 0) return illegal("not-dislodged", `no dislodged unit in ${order.unit.location} has to retreat`);
    const unit = dislodged[d]!.unit;
    if (unit.power !== order.power) return illegal("not-your-unit", `that unit belongs to ${unit.power}`);
    if (ordered.has(d))
      return illegal("duplicate-order", `the unit in ${order.unit.location} already has an order`);
    ordered.add(d);
    if (order.kind === "disband") return undefined;
    const to = retreatTarget(map, dislodged[d]!, order.to);
    if (to === null)
      return illegal(
        "cannot-retreat-there",
        `the unit in ${order.unit.location} cannot retreat to ${order.to}`,
      );
    chosen.set(d, { to, k });
    return undefined;
  });
  // Retreats into the same province bounce: all of those units are disbanded.
  const count = new Map<string, number>();
  for (const { to } of chosen.values()) count.set(provinceOf(to)!, (count.get(provinceOf(to)!) ?? 0) + 1);
  const after: Unit[] = [...units];
  const disbanded: Unit[] = [];
  const retreated = new Set<number>();
  dislodged.forEach((x, d) => {
    const c = chosen.get(d);
    if (c && count.get(provinceOf(c.to)!) === 1) {
      after.push({ power: x.unit.power, type: x.unit.type, location: c.to });
      retreated.add(d);
    } else disbanded.push(x.unit);
  });
  const results: OrderResult[] = orders.map((order, k) => {
    const reason = reasons[k];
    if (reason) return { order, outcome: "fails", reason };
    if (order.kind === "disband") return { order, outcome: "succeeds" };
    const d = [...chosen.entries()].find(([, c]) => c.k === k)?.[0];
    return { order, outcome: d !== undefined && retreated.has(d) ? "succeeds" : "fails" };
  });
  return { results, units: after, disbanded };
}

/** The retreat option named by `to` (a fleet may leave out a coast when only one is open). */
function retreatTarget(map: GameMap, d: Dislodgement, to: LocationId): LocationId | null {
  if (d.retreats.includes(to)) return to;
  const province = map.location.get(to)?.province;
  if (province === undefined) return null;
  const named = map.location.get(to)!;
  const matches = d.retreats.filter((r) => map.location.get(r)?.province === province);
  // An army ignores a coast; a fleet may omit the coast when only one is possible.
  if (d.unit.type === "A" && matches.length === 1) return matches[0]!;
  if (d.unit.type === "F" && named.coast === null && matches.length === 1) return matches[0]!;
  return null;
}
