/**
 * Test helper: the invariants every movement adjudication must keep, whatever orders it was
 * given. Returns the broken ones as readable strings (empty when all hold), so a property can
 * show them all at once.
 */
import { ILLEGAL_ORDER_CODES } from "../../shared/src/adjudicator/illegal";
import type { MovementResolution } from "../../shared/src/adjudicator/types";
import type { GameMap, ProvinceId, Unit } from "../../shared/src/map/types";
import type { Order } from "../../shared/src/orders/types";

const ILLEGAL_CODES: ReadonlySet<string> = new Set(Object.keys(ILLEGAL_ORDER_CODES));

/** The province of a location, or the location itself when the map does not know it. */
function provinceOf(map: GameMap, location: string): ProvinceId {
  return map.location.get(location)?.province ?? location;
}

function describeUnit(u: Unit): string {
  return `${u.power} ${u.type} ${u.location}`;
}

/**
 * Checks a movement resolution against the units and orders it came from:
 * - one result per order, in order, each `succeeds` or `fails`, reasons only with known codes;
 * - every unit on a valid location, at most one unit per province afterwards;
 * - every input unit exactly once: dislodged (unchanged), moved into the province of its
 *   successful move (same power and type), or unchanged where it stood; nothing else;
 * - a dislodged unit's province is taken by a unit of another power that came from
 *   `attackerFrom`, and its retreat options are empty, uncontested and not `attackerFrom`;
 * - contested provinces are empty.
 */
export function movementInvariantProblems(
  map: GameMap,
  units: readonly Unit[],
  orders: readonly Order[],
  resolution: MovementResolution,
): string[] {
  const problems: string[] = [];
  const { results, dislodged, contested } = resolution;

  if (results.length !== orders.length)
    problems.push(`${results.length} results for ${orders.length} orders`);
  results.forEach((r, k) => {
    if (r.order !== orders[k]) problems.push(`result ${k} is not for order ${k}`);
    if (r.outcome !== "succeeds" && r.outcome !== "fails") problems.push(`result ${k}: outcome ${r.outcome}`);
    if (r.reason !== undefined && (r.reason.family !== "illegal" || !ILLEGAL_CODES.has(r.reason.code)))
      problems.push(`result ${k}: unexpected reason ${r.reason.family}/${r.reason.code}`);
    if (r.reason !== undefined && r.outcome === "succeeds")
      problems.push(`result ${k}: succeeds with a reason`);
  });

  // The board afterwards: valid locations, one unit per province.
  const after = new Map<ProvinceId, Unit>();
  for (const u of resolution.units) {
    const location = map.location.get(u.location);
    if (location === undefined) problems.push(`${describeUnit(u)}: unknown location afterwards`);
    else if (u.type === "A" ? !location.army : !location.fleet)
      problems.push(`${describeUnit(u)}: a ${u.type} cannot stand there`);
    const p = provinceOf(map, u.location);
    const other = after.get(p);
    if (other !== undefined)
      problems.push(`two units in ${p}: ${describeUnit(other)} and ${describeUnit(u)}`);
    after.set(p, u);
  }
  if (resolution.units.length + dislodged.length !== units.length)
    problems.push(
      `unit count: ${units.length} before, ${resolution.units.length} + ${dislodged.length} dislodged after`,
    );

  // Where each unit should be: the province of its successful move, else where it stood.
  const movedTo = new Map<ProvinceId, ProvinceId>(); // from province → to province
  results.forEach((r) => {
    if (r.outcome === "succeeds" && r.order.kind === "move")
      movedTo.set(provinceOf(map, r.order.unit.location), provinceOf(map, r.order.to));
  });
  const dislodgedUnits = new Set(dislodged.map((d) => d.unit));
  if (dislodgedUnits.size !== dislodged.length) problems.push("a unit is dislodged twice");
  const unmatched = new Map(after);
  for (const u of units) {
    if (dislodgedUnits.has(u)) {
      if (movedTo.has(provinceOf(map, u.location)))
        problems.push(`${describeUnit(u)}: both moved and dislodged`);
      continue;
    }
    const from = provinceOf(map, u.location);
    const to = movedTo.get(from) ?? from;
    const there = unmatched.get(to);
    if (there === undefined) {
      problems.push(`${describeUnit(u)}: missing afterwards (expected in ${to})`);
      continue;
    }
    unmatched.delete(to);
    const same = to === from ? there === u : there.power === u.power && there.type === u.type;
    if (!same) problems.push(`${describeUnit(u)}: found ${describeUnit(there)} in ${to} instead`);
  }
  for (const u of unmatched.values()) problems.push(`${describeUnit(u)}: appeared from nowhere`);

  // Dislodgements and retreat options.
  const input = new Set(units);
  const contestedSet = new Set(contested);
  for (const d of dislodged) {
    const p = provinceOf(map, d.unit.location);
    if (!input.has(d.unit)) problems.push(`dislodged ${describeUnit(d.unit)} was not on the board`);
    const attacker = after.get(p);
    if (attacker === undefined) problems.push(`dislodged ${describeUnit(d.unit)}: nobody took ${p}`);
    else if (attacker.power === d.unit.power)
      problems.push(`dislodged ${describeUnit(d.unit)} by its own power's ${describeUnit(attacker)}`);
    const attackerUnit = units.find(
      (u) => provinceOf(map, u.location) === d.attackerFrom && movedTo.get(d.attackerFrom) === p,
    );
    if (attackerUnit === undefined)
      problems.push(`dislodged ${describeUnit(d.unit)}: no successful move from ${d.attackerFrom} into ${p}`);
    for (const r of d.retreats) {
      const q = provinceOf(map, r);
      if (after.has(q) || contestedSet.has(q) || (q === d.attackerFrom && !d.byConvoy))
        problems.push(`dislodged ${describeUnit(d.unit)}: retreat to ${r} offered but not open`);
    }
  }
  for (const q of contested) if (after.has(q)) problems.push(`contested ${q} is occupied`);
  return problems;
}

/** A compact, copy-pasteable description of a board and orders for failure messages. */
export function reproduction(units: readonly Unit[], orders: readonly Order[]): string {
  return JSON.stringify({ units, orders });
}
