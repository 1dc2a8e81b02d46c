/**
 * Bot tactics: one entry point that gives a power's orders for the current phase by the chosen
 * tactics — `random` (the seeded random player), `baseline` (a DumbBot-like value bot) or
 * `lookahead` (baseline candidates scored against sampled enemy orders) or `search` (a sampled best
 * response over varied candidates, each joint outcome valued by a short rollout). Pure and seeded.
 */
import { randomOrders } from "../game/random-play";
import type { Position } from "../game/position";
import type { GameMap, PowerId } from "../map/types";
import type { Order } from "../orders/types";
import type { Rng } from "../random";
import { baselineOrders, breakingOrders, NO_INTENT, type OrderIntent } from "./baseline";
import { lookaheadOrders } from "./lookahead";
import { searchOrders } from "./search";

/** The bot tactics, from weakest to strongest. */
export const TACTICS = ["random", "baseline", "lookahead", "search"] as const;
/** One of `TACTICS`. */
export type Tactics = (typeof TACTICS)[number];

/**
 * The orders of `power` in `position`'s phase by `tactics`: one order per unit in movement and
 * retreat phases, builds (and waives) or the removals due in an adjustment phase. Every order is
 * one `legalOrders(map, position, power)` lists, except waives, given only when builds may be
 * waived. The same inputs and generator state give the same orders. `intent` says which powers
 * to keep its word to (no order breaking a commitment towards them) and which to attack.
 */
export function botOrders(
  tactics: Tactics,
  map: GameMap,
  position: Position,
  power: PowerId,
  rng: Rng,
  intent: OrderIntent = NO_INTENT,
): Order[] {
  switch (tactics) {
    case "random": {
      const orders = randomOrders(map, position, rng).filter((o) => o.power === power);
      if (intent.avoid.size === 0 || position.phase !== "movement") return orders;
      // Keep the peace: an attack on a spared power becomes a hold.
      const breaking = breakingOrders(map, position, power, orders, intent);
      return orders.map((o) => ("unit" in o && breaking.has(o) ? { kind: "hold", power, unit: o.unit } : o));
    }
    case "baseline":
      return baselineOrders(map, position, power, rng, intent);
    case "lookahead":
      return lookaheadOrders(map, position, power, rng, intent);
    case "search":
      return searchOrders(map, position, power, rng, intent);
  }
}
