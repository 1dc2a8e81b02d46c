/**
 * The adjustment-phase adjudicator (winter). Each power builds when it owns more supply centres
 * than it has units, and removes when it has fewer. Orders are taken one by one and the first
 * legal ones are used (DATC 4.D); builds may be waived; a power that removes too few units has
 * the rest removed by the 2023 civil-disorder rule: the unit farthest from any supply centre it
 * owns (counting moves over land and sea, for armies and fleets alike) goes first, fleets before
 * armies on a tie, then by province name.
 */
import { centreCounts } from "../game/position";
import { provinceOf } from "../map/locations";
import type { GameMap, PowerId, ProvinceId, Unit } from "../map/types";
import type { Order, OrderError } from "../orders/types";
import { illegal } from "./illegal";
import { tablesOf } from "../map/tables";
import type { AdjustmentResolution, OrderResult } from "./types";

/** How many units each power must build (positive) or remove (negative). */
export function adjustmentCounts(
  map: GameMap,
  units: readonly Unit[],
  supplyCenters: Readonly<Record<ProvinceId, PowerId>>,
): Map<PowerId, number> {
  const counts = centreCounts(map, { supplyCenters });
  for (const u of units) counts.set(u.power, (counts.get(u.power) ?? 0) - 1);
  return counts;
}

/**
 * Adjudicates an adjustment phase.
 * @param supplyCenters the owner of each owned supply centre
 */
export function adjudicateAdjustments(
  map: GameMap,
  units: readonly Unit[],
  supplyCenters: Readonly<Record<ProvinceId, PowerId>>,
  orders: readonly Order[],
): AdjustmentResolution {
  const counts = adjustmentCounts(map, units, supplyCenters);
  const used = new Map<PowerId, number>(); // builds, waives or removals used so far
  const occupied = new Set<ProvinceId>(units.map((u) => provinceOf(map, u.location)));
  const removedAt = new Set<ProvinceId>();
  const built: Unit[] = [];
  const removed: Unit[] = [];
  const results: OrderResult[] = orders.map((order) => {
    const why = applyOrder(order);
    return why ? { order, outcome: "fails", reason: why } : { order, outcome: "succeeds" };
  });

  function applyOrder(order: Order): OrderError | undefined {
    if (order.kind !== "build" && order.kind !== "remove" && order.kind !== "waive")
      return illegal("wrong-phase", `a ${order.kind} order cannot be given in an adjustment phase`);
    const allowed = counts.get(order.power);
    if (allowed === undefined) return illegal("unknown-power", `"${order.power}" is not a power on this map`);
    const done = used.get(order.power) ?? 0;
    if (order.kind === "remove") {
      if (allowed >= 0) return illegal("no-removals-due", `${order.power} has no units to remove`);
      if (done >= -allowed) return illegal("too-many-orders", `${order.power} has no more units to remove`);
      const location = map.location.get(order.unit.location);
      const unit = location && units.find((u) => provinceOf(map, u.location) === location.province);
      if (!location || !unit) return illegal("no-unit", `there is no unit in ${order.unit.location}`);
      if (unit.power !== order.power) return illegal("not-your-unit", `that unit belongs to ${unit.power}`);
      if (removedAt.has(location.province)) return illegal("duplicate-order", "that unit is already removed");
      removedAt.add(location.province);
      removed.push(unit);
      used.set(order.power, done + 1);
      return undefined;
    }
    if (allowed <= 0) return illegal("no-builds-due", `${order.power} has no builds`);
    if (done >= allowed) return illegal("too-many-orders", `${order.power} has no more builds`);
    if (order.kind === "waive") {
      used.set(order.power, done + 1);
      return undefined;
    }
    const why = checkBuild(map, order.power, order.unit.type, order.unit.location, supplyCenters, occupied);
    if (why) return why;
    const location = map.location.get(order.unit.location)!;
    occupied.add(location.province);
    // An army stands on the province itself, whatever coast the order named.
    const at = order.unit.type === "A" ? location.province : location.id;
    built.push({ power: order.power, type: order.unit.type, location: at });
    used.set(order.power, done + 1);
    return undefined;
  }

  // Civil disorder: remove what was not removed by order.
  for (const [power, allowed] of counts) {
    const missing = -allowed - (used.get(power) ?? 0);
    if (allowed >= 0 || missing <= 0) continue;
    const candidates = units.filter(
      (u) => u.power === power && !removedAt.has(map.location.get(u.location)!.province),
    );
    removed.push(...civilDisorderRemovals(map, candidates, supplyCenters, power, missing));
  }
  const gone = new Set(removed);
  return { results, units: [...units.filter((u) => !gone.has(u)), ...built], built, removed };
}

function checkBuild(
  map: GameMap,
  power: PowerId,
  type: Unit["type"],
  at: string,
  supplyCenters: Readonly<Record<ProvinceId, PowerId>>,
  occupied: ReadonlySet<string | undefined>,
): OrderError | undefined {
  const location = map.location.get(at);
  if (!location) return illegal("unknown-location", `"${at}" is not a place on this map`);
  const province = map.province.get(location.province)!;
  if (province.homeOf !== power)
    return illegal("not-a-home-center", `${province.name} is not a home centre of ${power}`);
  if (supplyCenters[province.id] !== power)
    return illegal("center-not-owned", `${power} does not own ${province.name}`);
  if (occupied.has(province.id)) return illegal("center-occupied", `${province.name} is not empty`);
  if (type === "F" && !location.fleet) {
    const coasts = province.coasts.length > 0;
    return coasts
      ? illegal("coast-not-specified", `say which coast of ${province.name} the fleet is built on`)
      : illegal("fleet-inland", `a fleet cannot be built in ${province.name}`);
  }
  if (type === "A" && !location.army) {
    // An army ignores a named coast (DATC 4.B.6): build it on the province.
    if (!map.location.get(province.id)?.army) return illegal("army-at-sea", `an army cannot be built there`);
  }
  return undefined;
}

/** The units to remove in civil disorder, farthest from an owned centre first. */
export function civilDisorderRemovals(
  map: GameMap,
  candidates: readonly Unit[],
  supplyCenters: Readonly<Record<ProvinceId, PowerId>>,
  power: PowerId,
  count: number,
): Unit[] {
  const t = tablesOf(map);
  const P = t.provinceCount;
  // Breadth-first distances from every owned centre over the combined land and sea graph.
  const distance = new Int32Array(P).fill(-1);
  const queue: number[] = [];
  for (const [centre, owner] of Object.entries(supplyCenters)) {
    if (owner !== power) continue;
    const p = t.provinceIndex.get(centre);
    if (p !== undefined && distance[p] === -1) {
      distance[p] = 0;
      queue.push(p);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const p = queue[i]!;
    for (let q = 0; q < P; q++) {
      if (distance[q] === -1 && (t.anyAdjacent[p * P + q] || t.anyAdjacent[q * P + p])) {
        distance[q] = distance[p]! + 1;
        queue.push(q);
      }
    }
  }
  const provinceAt = (u: Unit) => map.province.get(provinceOf(map, u.location))!;
  const far = (u: Unit): number => {
    const d = distance[provinceAt(u).index]!;
    return d < 0 ? Number.MAX_SAFE_INTEGER : d;
  };
  const ranked = [...candidates].sort(
    (a, b) =>
      far(b) - far(a) ||
      (a.type === b.type ? 0 : a.type === "F" ? -1 : 1) ||
      provinceAt(a).name.localeCompare(provinceAt(b).name, "en"),
  );
  return ranked.slice(0, count);
}
