/**
 * Pure helpers behind the orders tab: naming places and orders in plain English, comparing order
 * lists (the local draft against what the server saved), replacing one unit's order, and reading
 * the legal-order list (`legalOrders`) as the choices the map and menus offer. Nothing here knows
 * React.
 */
import { provinceOf } from "../../../shared/src/map/locations";
import type { GameMap, LocationId } from "../../../shared/src/map/types";
import type { LegalOrders } from "../../../shared/src/orders/legal";
import { formatOrder } from "../../../shared/src/orders/notation";
import type { Order, UnitRef } from "../../../shared/src/orders/types";

export { provinceOf };

const COASTS: Readonly<Record<string, string>> = {
  nc: "north coast",
  sc: "south coast",
  ec: "east coast",
  wc: "west coast",
};

/** A location's name: `Spain (south coast)`. */
export function placeName(map: GameMap, location: LocationId): string {
  const loc = map.location.get(location);
  const province = map.province.get(loc?.province ?? location);
  const name = province?.name ?? location;
  const coast = loc?.coast ?? null;
  return coast === null ? name : `${name} (${COASTS[coast] ?? coast})`;
}

/**
 * A message of the rules in players' words: each location id the map knows (`mun`, `spa/sc`) and
 * each power id (`GER`) becomes its name — "the unit in Munich belongs to Germany". Ids are matched
 * whole, in the case the rules write them (locations lower case, powers upper case), so ordinary
 * words are left alone unless they spell a place of this map exactly.
 */
export function inPlainWords(map: GameMap, message: string): string {
  return message.replace(/\b[A-Za-z]{2,4}(?:\/[a-z]{2})?\b/g, (token) => {
    if (map.location.has(token) || (token === token.toLowerCase() && map.province.has(token)))
      return placeName(map, token);
    return map.power.get(token)?.name ?? token;
  });
}

/** A unit's name: `Army Paris`, `Fleet Spain (south coast)`. */
export function unitName(map: GameMap, unit: UnitRef): string {
  return `${unit.type === "A" ? "Army" : "Fleet"} ${placeName(map, unit.location)}`;
}

/** An order, in words, without its unit (movement and retreat) or in full (adjustment). */
export function describeOrder(map: GameMap, order: Order): string {
  switch (order.kind) {
    case "hold":
      return "holds";
    case "move":
      return `moves to ${placeName(map, order.to)}${order.viaConvoy ? " by convoy" : ""}`;
    case "support":
      return order.to === undefined
        ? `supports ${unitName(map, order.target)} to hold`
        : `supports ${unitName(map, order.target)} into ${placeName(map, order.to)}`;
    case "convoy":
      return `convoys ${unitName(map, order.target)} to ${placeName(map, order.to)}`;
    case "retreat":
      return `retreats to ${placeName(map, order.to)}`;
    case "disband":
      return "disbands";
    case "build":
      return `Build ${order.unit.type === "A" ? "an army" : "a fleet"} in ${placeName(map, order.unit.location)}`;
    case "remove":
      return `Remove ${unitName(map, order.unit)}`;
    case "waive":
      return "Waive a build";
  }
}

/** The key an order is stored under: one order per unit, builds per province, waives counted. */
export function orderKey(map: GameMap, order: Order): string {
  switch (order.kind) {
    case "build":
      return `build:${provinceOf(map, order.unit.location)}`;
    case "waive":
      return "waive";
    default:
      return `unit:${provinceOf(map, order.unit.location)}`;
  }
}

/** Canonical text of an order, for comparisons. */
export const orderText = (order: Order): string => formatOrder(order, { withPower: true });

/** Whether two order lists hold the same orders (in any order). */
export function sameOrders(a: readonly Order[], b: readonly Order[]): boolean {
  if (a.length !== b.length) return false;
  const x = a.map(orderText).sort();
  const y = b.map(orderText).sort();
  return x.every((t, i) => t === y[i]);
}

/** The list with `order` replacing any order for the same unit (or province, for a build). */
export function withOrder(map: GameMap, orders: readonly Order[], order: Order): Order[] {
  if (order.kind === "waive") return [...orders, order];
  const key = orderKey(map, order);
  return [...orders.filter((o) => orderKey(map, o) !== key), order];
}

/** The list without the orders under `key`. */
export function withoutKey(map: GameMap, orders: readonly Order[], key: string): Order[] {
  return orders.filter((o) => orderKey(map, o) !== key);
}

/** The list without one waive (the last). */
export function withoutOneWaive(orders: readonly Order[]): Order[] {
  const i = orders.map((o) => o.kind).lastIndexOf("waive");
  return i < 0 ? [...orders] : [...orders.slice(0, i), ...orders.slice(i + 1)];
}

/** Every order the legal list allows, flat. */
export function allLegal(legal: LegalOrders): readonly Order[] {
  if (legal.phase === "adjustment") {
    const waive: Order[] = legal.canWaive ? [{ kind: "waive", power: "" }] : [];
    return [...legal.builds, ...legal.removals, ...waive];
  }
  return legal.units.flatMap((u) => u.orders);
}

/**
 * The legal order equal to `order`, or to it with `viaConvoy` flipped when only that form is legal
 * (players rarely type "via convoy"); null when the rules do not allow it now.
 */
export function findLegal(legal: LegalOrders, order: Order): Order | null {
  if (order.kind === "waive") return legal.phase === "adjustment" && legal.canWaive ? order : null;
  const options = allLegal(legal);
  const text = orderText(order);
  const exact = options.find((o) => orderText(o) === text);
  if (exact !== undefined) return exact;
  if (order.kind === "move") {
    const flipped = orderText({ ...order, viaConvoy: !order.viaConvoy });
    return options.find((o) => orderText(o) === flipped) ?? null;
  }
  return null;
}

/** Distinct values by a key, first seen first. */
export function distinctBy<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
