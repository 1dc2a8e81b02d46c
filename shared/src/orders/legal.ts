/**
 * Legal-order generation: everything a power may order in the current phase, as ready-made
 * orders. The UI lists them and the bots choose among them, so this is fast: per-map tables are
 * built once (`legal-tables.ts`) and the per-board index (occupants, convoy reach, moves into each
 * province) is cached on the units array of the position, which all powers share.
 *
 * Output is deterministic and free of duplicates: units in position order, and within a unit,
 * hold, moves, moves via convoy, supports to hold, supports of moves, convoys — each in map order.
 */
import { centreCounts, type Position } from "../game/position";
import type { GameMap, LocationId, PowerId, Unit } from "../map/types";
import { convoyDestinationsThrough, convoyReach, fleetsAtSea, type ConvoyReach } from "./convoy-routes";
import { legalTables, type LegalTables } from "./legal-tables";
import type { BuildOrder, Order, RemoveOrder, UnitRef } from "./types";

/** One unit of the power with every order it may be given. */
export interface UnitLegalOrders {
  readonly unit: Unit;
  readonly orders: readonly Order[];
}

/** Movement phase: hold, move, support and convoy orders for each of the power's units. */
export interface MovementLegalOrders {
  readonly phase: "movement";
  readonly units: readonly UnitLegalOrders[];
}

/** Retreat phase: retreat and disband orders for each of the power's dislodged units. */
export interface RetreatLegalOrders {
  readonly phase: "retreat";
  readonly units: readonly UnitLegalOrders[];
}

/** Adjustment phase: the build or removal count and the orders to choose them from. */
export interface AdjustmentLegalOrders {
  readonly phase: "adjustment";
  readonly change: number; // centres owned minus units: > 0 builds allowed, < 0 removals due
  readonly builds: readonly BuildOrder[]; // every build possible now (empty unless change > 0)
  readonly removals: readonly RemoveOrder[]; // one per unit of the power (empty unless change < 0)
  readonly canWaive: boolean; // builds may be waived (change > 0)
}

/** What a power may order, by phase. */
export type LegalOrders = MovementLegalOrders | RetreatLegalOrders | AdjustmentLegalOrders;

/**
 * Lists every legal order of `power` in `position`'s phase.
 *
 * Movement: for each of its units (position order) hold; moves to adjacent locations (a fleet names
 * the coast of a split-coast province); an army's moves via convoy over fleet-occupied seas (any
 * power's fleets), adjacent destinations included; supports to hold of every other unit in a
 * province the supporter could move to; supports of every move (convoyed ones too) of every other
 * unit into such a province, naming the coast for a fleet's move to a split coast; and, for a fleet
 * at sea, convoys of every coastal army for every destination to which an induced route (one that
 * needs every fleet on it, DATC 6.G.19) passes through its sea. Every order offered is one the
 * adjudicator accepts.
 * Retreat: a retreat to each allowed location and a disband, per dislodged unit.
 * Adjustment: the change in units, the builds in owned, empty home centres, or the removals.
 */
export function legalOrders(map: GameMap, position: Position, power: PowerId): LegalOrders {
  switch (position.phase) {
    case "movement":
      return { phase: "movement", units: movementOrders(map, position.units, power) };
    case "retreat":
      return { phase: "retreat", units: retreatOrders(position, power) };
    case "adjustment":
      return adjustmentOrders(map, position, power);
  }
}

/** A move some unit could make, indexed by the province it enters. */
interface MoveInto {
  readonly unit: number; // index in the units array
  readonly to: LocationId; // the location named in the move (a coast for a fleet's split-coast move)
}

/** What movement-phase generation needs to know about a board, computed once per units array. */
interface BoardIndex {
  readonly map: GameMap;
  readonly refs: readonly UnitRef[]; // by unit index
  readonly province: Int32Array; // by unit index: province index, or -1 off the map
  readonly occupant: Int32Array; // by province index: unit index, or -1
  readonly convoy: readonly (ConvoyReach | null)[]; // by unit index: an army's convoy reach
  readonly movesInto: readonly (readonly MoveInto[])[]; // by province index
}

const boards = new WeakMap<readonly Unit[], BoardIndex>();

/** The board index of a units array, cached while that array lives (positions are immutable). */
function boardIndex(map: GameMap, tables: LegalTables, units: readonly Unit[]): BoardIndex {
  const cached = boards.get(units);
  if (cached && cached.map === map) return cached;
  const built = buildBoardIndex(map, tables, units);
  boards.set(units, built);
  return built;
}

function buildBoardIndex(map: GameMap, tables: LegalTables, units: readonly Unit[]): BoardIndex {
  const n = tables.provinceIds.length;
  const province = new Int32Array(units.length).fill(-1);
  const occupant = new Int32Array(n).fill(-1);
  units.forEach((u, i) => {
    const p = tables.locationProvince.get(u.location);
    if (p === undefined) return;
    province[i] = p;
    if (occupant[p]! < 0) occupant[p] = i;
  });
  const occupied = fleetsAtSea(tables, units);
  const anyFleetAtSea = occupied.includes(1);
  const convoy = units.map((u, i) =>
    anyFleetAtSea && u.type === "A" && province[i]! >= 0 ? convoyReach(tables, occupied, province[i]!) : null,
  );

  const movesInto: MoveInto[][] = Array.from({ length: n }, () => []);
  const seen = new Int32Array(n).fill(-1); // last unit that entered a province's list by army move
  units.forEach((u, i) => {
    for (const to of tables.moves[u.type].get(u.location) ?? []) {
      const p = tables.locationProvince.get(to);
      if (p === undefined) continue;
      movesInto[p]!.push({ unit: i, to });
      seen[p] = i;
    }
    for (const p of convoy[i]?.destinations ?? []) {
      if (seen[p] === i) continue; // the same order as the adjacent move
      movesInto[p]!.push({ unit: i, to: tables.provinceIds[p]! });
    }
  });

  return {
    map,
    refs: units.map((u) => ({ type: u.type, location: u.location })),
    province,
    occupant,
    convoy,
    movesInto,
  };
}

/** Movement-phase orders for each unit of `power`, in position order. */
function movementOrders(map: GameMap, units: readonly Unit[], power: PowerId): UnitLegalOrders[] {
  const tables = legalTables(map);
  let board: BoardIndex | null = null;
  const out: UnitLegalOrders[] = [];
  units.forEach((u, i) => {
    if (u.power !== power) return;
    board ??= boardIndex(map, tables, units);
    out.push({ unit: u, orders: unitMovementOrders(tables, board, units, i) });
  });
  return out;
}

/** Every movement order of the unit at index `i`. */
function unitMovementOrders(
  tables: LegalTables,
  board: BoardIndex,
  units: readonly Unit[],
  i: number,
): Order[] {
  const u = units[i]!;
  const power = u.power;
  const unit = board.refs[i]!;
  const here = board.province[i]!;
  const orders: Order[] = [{ kind: "hold", power, unit }];

  for (const to of tables.moves[u.type].get(u.location) ?? []) {
    orders.push({ kind: "move", power, unit, to, viaConvoy: false });
  }
  const reach = board.convoy[i];
  for (const p of reach?.destinations ?? []) {
    orders.push({ kind: "move", power, unit, to: tables.provinceIds[p]!, viaConvoy: true });
  }

  const supportable = tables.reach[u.type].get(u.location) ?? [];
  for (const p of supportable) {
    const j = board.occupant[p]!;
    if (j >= 0 && j !== i) orders.push({ kind: "support", power, unit, target: board.refs[j]! });
  }
  for (const p of supportable) {
    if (p === here) continue;
    for (const m of board.movesInto[p]!) {
      if (m.unit === i) continue;
      orders.push({ kind: "support", power, unit, target: board.refs[m.unit]!, to: m.to });
    }
  }

  if (u.type === "F" && here >= 0 && tables.isSea[here]) {
    board.convoy.forEach((armyReach, j) => {
      if (!armyReach) return;
      for (const p of convoyDestinationsThrough(armyReach, here)) {
        orders.push({ kind: "convoy", power, unit, target: board.refs[j]!, to: tables.provinceIds[p]! });
      }
    });
  }
  return orders;
}

/** Retreat-phase orders for each dislodged unit of `power`, in position order. */
function retreatOrders(position: Position, power: PowerId): UnitLegalOrders[] {
  return position.dislodged
    .filter((d) => d.unit.power === power)
    .map((d) => {
      const unit: UnitRef = { type: d.unit.type, location: d.unit.location };
      const orders: Order[] = [...new Set(d.retreats)].map((to) => ({ kind: "retreat", power, unit, to }));
      orders.push({ kind: "disband", power, unit });
      return { unit: d.unit, orders };
    });
}

/** Adjustment-phase choices of `power`: builds in owned, empty home centres, or removals. */
function adjustmentOrders(map: GameMap, position: Position, power: PowerId): AdjustmentLegalOrders {
  const tables = legalTables(map);
  const centres = centreCounts(map, position).get(power) ?? 0;
  const own = position.units.filter((u) => u.power === power);
  const change = centres - own.length;
  const builds: BuildOrder[] = [];
  const removals: RemoveOrder[] = [];
  if (change > 0) {
    const occupied = new Set<number>();
    for (const u of position.units) {
      const p = tables.locationProvince.get(u.location);
      if (p !== undefined) occupied.add(p);
    }
    for (const c of map.power.get(power)?.homeCenters ?? []) {
      const p = map.province.get(c)?.index;
      if (p === undefined || occupied.has(p) || position.supplyCenters[c] !== power) continue;
      for (const l of tables.provinceLocations[p] ?? []) {
        if (l.army) builds.push({ kind: "build", power, unit: { type: "A", location: l.id } });
        if (l.fleet) builds.push({ kind: "build", power, unit: { type: "F", location: l.id } });
      }
    }
  } else if (change < 0) {
    for (const u of own)
      removals.push({ kind: "remove", power, unit: { type: u.type, location: u.location } });
  }
  return { phase: "adjustment", change, builds, removals, canWaive: change > 0 };
}
