/**
 * Test helper: order sets for one movement position, driven by plain numbers and strings so that
 * fast-check can generate and shrink them — legal sets (one legal order per unit, some units left
 * without orders, supports and convoys optionally matched by the moves they name) and malformed
 * orders of many kinds.
 */
import type { Position } from "../../shared/src/game/position";
import { provinceOf } from "../../shared/src/map/locations";
import type { GameMap, LocationId, Unit } from "../../shared/src/map/types";
import { legalOrders, type UnitLegalOrders } from "../../shared/src/orders/legal";
import type { Order, UnitRef } from "../../shared/src/orders/types";

/** Every unit of every power with its legal movement orders, in map power order. */
export function allLegalMovementOrders(map: GameMap, position: Position): UnitLegalOrders[] {
  return map.powers.flatMap((p) => {
    const legal = legalOrders(map, position, p.id);
    return legal.phase === "movement" ? [...legal.units] : [];
  });
}

const CATEGORIES = ["move", "support", "convoy", "hold", "none"] as const;

/** `xs[n mod length]`, or undefined for an empty list. */
function at<T>(xs: readonly T[], n: number): T | undefined {
  return xs.length === 0 ? undefined : xs[n % xs.length];
}

/**
 * One legal order per unit chosen by `picks` (per unit: a category — move, support, convoy,
 * hold, or no order at all — then an order of it; a missing category falls back to hold). With
 * `coordinate`, supports of attacks on occupied provinces are preferred, and the unit a support
 * or convoy names is then given the move it names, when that move is legal for it, so that
 * supports and convoys count and units get dislodged.
 */
export function legalOrderSet(
  map: GameMap,
  units: readonly UnitLegalOrders[],
  picks: readonly number[],
  coordinate: boolean,
): Order[] {
  const province = (l: LocationId): string => provinceOf(map, l);
  const occupied = new Set(units.map((u) => province(u.unit.location)));
  const chosen: (Order | null)[] = units.map((u, i) => {
    const pick = picks[i % Math.max(1, picks.length)] ?? 0;
    const category = CATEGORIES[pick % CATEGORIES.length]!;
    if (category === "none") return null;
    const of = u.orders.filter((o) => o.kind === category);
    const attacks = of.filter(
      (o) => o.kind === "support" && o.to !== undefined && occupied.has(province(o.to)),
    );
    const choices = coordinate && attacks.length > 0 ? attacks : of;
    return at(choices, Math.floor(pick / CATEGORIES.length)) ?? u.orders[0]!;
  });
  if (coordinate) {
    const index = new Map(units.map((u, i) => [u.unit.location, i]));
    chosen.forEach((o) => {
      if (o === null || (o.kind !== "support" && o.kind !== "convoy") || o.to === undefined) return;
      const j = index.get(o.target.location);
      if (j === undefined) return;
      const viaConvoy = o.kind === "convoy";
      const move = units[j]!.orders.find(
        (m) => m.kind === "move" && m.to === o.to && m.viaConvoy === viaConvoy,
      );
      if (move !== undefined) chosen[j] = move;
    });
  }
  return chosen.filter((o): o is Order => o !== null);
}

/** The ingredients of one malformed order, all plain data for fast-check. */
export interface MalformedRecipe {
  readonly kind: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly text: string;
  readonly flag: boolean;
}

/** The number of malformed-order kinds `malformedOrder` knows. */
export const MALFORMED_KINDS = 15;

function ref(u: Unit): UnitRef {
  return { type: u.type, location: u.location };
}

function flipped(r: UnitRef): UnitRef {
  return { type: r.type === "A" ? "F" : "A", location: r.location };
}

/** A copy of a movement order with its unit replaced. */
function withUnit(o: Order, unit: UnitRef): Order {
  return o.kind === "waive" ? o : { ...o, unit };
}

/**
 * A malformed (or merely odd) movement-phase order: for missing units, other powers' units,
 * unknown locations and random strings, non-adjacent destinations, supports of nothing or of
 * oneself, convoys by armies or coastal fleets, wrong-phase kinds, duplicates, wrong unit types,
 * unknown powers, moves to one's own province, fleets via convoy.
 */
export function malformedOrder(
  map: GameMap,
  position: Position,
  legal: readonly UnitLegalOrders[],
  recipe: MalformedRecipe,
): Order {
  const { a, b, c, text, flag } = recipe;
  const units = position.units;
  const powers = map.powers.map((p) => p.id);
  const locations: LocationId[] = map.locations.map((l) => l.id);
  const flat = legal.flatMap((u) => u.orders);
  const unit = at(units, a)!;
  const power = unit.power;
  const anyLegal = at(flat, a)!;
  const loc = (n: number): LocationId => at(locations, n)!;
  switch (recipe.kind % MALFORMED_KINDS) {
    case 0: {
      // A unit that does not exist.
      const occupied = new Set(units.map((u) => map.location.get(u.location)?.province));
      const empty = locations.filter((l) => !occupied.has(map.location.get(l)?.province));
      const where = at(empty, a) ?? loc(a);
      const u: UnitRef = { type: flag ? "A" : "F", location: where };
      return flag
        ? { kind: "hold", power: at(powers, b)!, unit: u }
        : { kind: "move", power: at(powers, b)!, unit: u, to: loc(c), viaConvoy: false };
    }
    case 1: {
      // Another power's unit.
      const other = powers.filter((p) => p !== anyLegal.power);
      return { ...anyLegal, power: at(other, b) ?? anyLegal.power };
    }
    case 2:
      // An unknown location (or a random string) for the unit.
      return withUnit(anyLegal, { type: flag ? "A" : "F", location: text });
    case 3:
      // An unknown location for where the order goes or for the unit it names.
      switch (anyLegal.kind) {
        case "move":
          return { ...anyLegal, to: text };
        case "support":
          return flag ? { ...anyLegal, target: { type: "A", location: text } } : { ...anyLegal, to: text };
        case "convoy":
          return flag ? { ...anyLegal, target: { type: "A", location: text } } : { ...anyLegal, to: text };
        default:
          return { kind: "move", power, unit: ref(unit), to: text, viaConvoy: flag };
      }
    case 4:
      // A move anywhere on the map: mostly not adjacent, sometimes to sea for an army.
      return { kind: "move", power, unit: ref(unit), to: loc(b), viaConvoy: flag };
    case 5: {
      // A support of whatever stands somewhere (often nothing).
      const target: UnitRef = { type: flag ? "A" : "F", location: loc(b) };
      return flag
        ? { kind: "support", power, unit: ref(unit), target }
        : { kind: "support", power, unit: ref(unit), target, to: loc(c) };
    }
    case 6:
      // A convoy by any unit: armies, fleets on coasts, fleets at sea.
      return { kind: "convoy", power, unit: ref(unit), target: ref(at(units, b)!), to: loc(c) };
    case 7: {
      // An order of another phase.
      const kinds = ["retreat", "disband", "build", "remove", "waive"] as const;
      const kind = at(kinds, b)!;
      if (kind === "retreat") return { kind, power, unit: ref(unit), to: loc(c) };
      if (kind === "waive") return { kind, power };
      return { kind, power, unit: ref(unit) };
    }
    case 8: {
      // A second legal order for a unit that may already have one.
      const own = at(legal, a)!;
      return at(own.orders, b)!;
    }
    case 9: {
      // The wrong unit type for the unit (and, sometimes, for the unit it names).
      const typed = withUnit(anyLegal, anyLegal.kind === "waive" ? ref(unit) : flipped(anyLegal.unit));
      return flag && (typed.kind === "support" || typed.kind === "convoy")
        ? { ...typed, target: flipped(typed.target) }
        : typed;
    }
    case 10:
      // An unknown power.
      return { ...anyLegal, power: text };
    case 11:
      // Random strings everywhere.
      return {
        kind: "move",
        power: text,
        unit: { type: flag ? "A" : "F", location: text },
        to: text,
        viaConvoy: flag,
      };
    case 12: {
      // Moves and supports within one's own province (another coast included).
      const province = provinceOf(map, unit.location);
      const same = locations.filter((l) => map.location.get(l)?.province === province);
      const to = at(same, b)!;
      return flag
        ? { kind: "move", power, unit: ref(unit), to, viaConvoy: false }
        : { kind: "support", power, unit: ref(unit), target: ref(unit), to: loc(c) };
    }
    case 13: {
      // Any unit "via convoy" to a place it could reach directly.
      const moves = at(legal, a)!.orders.filter((o) => o.kind === "move");
      const m = at(moves, b);
      return m === undefined ? anyLegal : { ...m, viaConvoy: true };
    }
    default: {
      // Support of a move into the supporter's own province.
      const other = at(units, b)!;
      return { kind: "support", power, unit: ref(unit), target: ref(other), to: unit.location };
    }
  }
}

/** Inserts each of `extra` into `base` at the position `slots[i]` chooses (mod the length so far). */
export function interleave<T>(base: readonly T[], extra: readonly T[], slots: readonly number[]): T[] {
  const out = [...base];
  extra.forEach((x, i) => out.splice((slots[i] ?? 0) % (out.length + 1), 0, x));
  return out;
}
