/**
 * Breaking stalemates in the baseline (issue 18, item 2): an assault on a defended centre — one
 * unit moves in, another supports it, a third cuts the defender's support — that wins against
 * the best defence; none on a power the bot keeps the peace with; and a convoy around a line for
 * an army left holding on a coast.
 */
import { describe, expect, it } from "vitest";
import {
  baselineOrders,
  breakingOrders,
  convoyIdleArmies,
  NO_INTENT,
  provinceValues,
  type OrderIntent,
} from "../../shared/src/bots/baseline";
import { searchOrders } from "../../shared/src/bots/search";
import { initialPosition, resolvePhase } from "../../shared/src/game/phases";
import type { Position } from "../../shared/src/game/position";
import { getMap, tablesOf } from "../../shared/src/map";
import type { Unit } from "../../shared/src/map/types";
import { legalOrders } from "../../shared/src/orders/legal";
import type { Order } from "../../shared/src/orders/types";
import { createRng } from "../../shared/src/random";
import type { Commitment } from "../../shared/src/trust/types";

const map = getMap("classic")!;
const start = initialPosition(map);

/** French armies in Burgundy, the Ruhr and Prussia; German armies holding Munich and Berlin (Kiel French). */
const front: Position = {
  ...start,
  year: 1903,
  supplyCenters: { ...start.supplyCenters, kie: "FRA" },
  units: [
    { power: "FRA", type: "A", location: "bur" },
    { power: "FRA", type: "A", location: "ruh" },
    { power: "FRA", type: "A", location: "pru" },
    { power: "GER", type: "A", location: "mun" },
    { power: "GER", type: "A", location: "ber" },
  ] satisfies Unit[],
};

/** The order of the unit at `location` among `orders`. */
function orderAt(orders: readonly Order[], location: string): Order | undefined {
  return orders.find((o) => "unit" in o && o.unit.location === location);
}

describe("breaking stalemates", () => {
  it("takes a defended centre by concentrated force: move, support, and the defender's support cut", () => {
    for (const seed of [1, 2, 3]) {
      const orders = baselineOrders(map, front, "FRA", createRng(seed));
      expect(orderAt(orders, "bur")).toMatchObject({ kind: "move", to: "mun" });
      expect(orderAt(orders, "ruh")).toMatchObject({
        kind: "support",
        target: { location: "bur" },
        to: "mun",
      });
      expect(orderAt(orders, "pru")).toMatchObject({ kind: "move", to: "ber" });
      // Germany's best defence: Berlin supports Munich — the support is cut and Munich falls.
      const defence: Order[] = [
        { kind: "hold", power: "GER", unit: { type: "A", location: "mun" } },
        {
          kind: "support",
          power: "GER",
          unit: { type: "A", location: "ber" },
          target: { type: "A", location: "mun" },
        },
      ];
      const step = resolvePhase(map, front, [...orders, ...defence]).next;
      expect(step.phase).toBe("retreat");
      expect(step.dislodged.map((d) => d.unit.location)).toEqual(["mun"]);
      expect(step.units).toContainEqual({ power: "FRA", type: "A", location: "mun" });
    }
  });

  it("makes no assault on a power it keeps the peace with", () => {
    const at = { year: 1903, season: "spring", phase: "movement" } as const;
    const peace: Commitment = {
      id: "c1",
      proposer: "FRA",
      parties: ["FRA", "GER"],
      clauses: [{ kind: "alliance", powers: ["FRA", "GER"] }],
      until: null,
      visibility: "public",
      status: "active",
      acceptedBy: ["FRA", "GER"],
      proposedAt: at,
      signedAt: at,
      endedAt: null,
      exposed: false,
    };
    const intent: OrderIntent = { ...NO_INTENT, avoid: new Set(["GER"]), keep: [peace] };
    for (const seed of [1, 2, 3]) {
      const orders = baselineOrders(map, front, "FRA", createRng(seed), intent);
      expect(breakingOrders(map, front, "FRA", orders, intent).size).toBe(0);
      expect(orders.some((o) => o.kind === "move" && (o.to === "mun" || o.to === "ber"))).toBe(false);
    }
  });

  // Named case (found by CI hanging in clauses.test.ts's whole-match property): a unit in a zone
  // its power promised to keep empty may only move out (every order that stays breaks the word),
  // and here each way out leads where an own unit stays. The step that turns such moves into
  // supports looped for ever (the unit's first order was a move again), freezing the bot.
  it("a unit that must leave a demilitarised zone towards own units that stay: no endless loop, no missing order, it keeps its word", () => {
    const at = { year: 1903, season: "spring", phase: "movement" } as const;
    const zone: Commitment = {
      id: "c1",
      proposer: "GER",
      parties: ["GER", "ENG"],
      clauses: [{ kind: "demilitarised-zone", powers: ["GER", "ENG"], provinces: ["den"] }],
      until: null,
      visibility: "public",
      status: "active",
      acceptedBy: ["GER", "ENG"],
      proposedAt: at,
      signedAt: at,
      endedAt: null,
      exposed: false,
    };
    const position: Position = {
      ...start,
      year: 1903,
      units: [
        { power: "GER", type: "A", location: "den" },
        { power: "GER", type: "A", location: "kie" },
        { power: "GER", type: "A", location: "swe" },
        { power: "RUS", type: "A", location: "nwy" },
        { power: "RUS", type: "F", location: "bal" },
        { power: "FRA", type: "A", location: "ruh" },
        { power: "FRA", type: "A", location: "hol" },
      ] satisfies Unit[],
    };
    const intent: OrderIntent = { ...NO_INTENT, avoid: new Set(["ENG"]), keep: [zone] };
    for (let seed = 0; seed < 20; seed++) {
      const orders = baselineOrders(map, position, "GER", createRng(seed), intent);
      expect(orders).toHaveLength(3);
      expect(orderAt(orders, "den")).toMatchObject({ kind: "move" });
      expect(breakingOrders(map, position, "GER", orders, intent).size).toBe(0);
    }
    // The search bot's candidates, made coherent, once sent such a unit to "hold" — an order its
    // allowed orders lack (undefined): now it keeps a move there too.
    for (let seed = 0; seed < 5; seed++) {
      const orders = searchOrders(map, position, "GER", createRng(seed), intent, {
        candidates: 6,
        replies: 2,
        samples: 2,
        rollout: 0,
      });
      expect(orders).toHaveLength(3);
      for (const o of orders) expect(o).toMatchObject({ kind: expect.any(String) as string });
      expect(breakingOrders(map, position, "GER", orders, intent).size).toBe(0);
    }
  });

  it("convoys an army left holding on a coast around the line, with the fleet left holding", () => {
    const position: Position = {
      ...start,
      year: 1902,
      units: [
        { power: "ENG", type: "A", location: "lon" },
        { power: "ENG", type: "F", location: "nth" },
      ],
    };
    const legal = legalOrders(map, position, "ENG");
    if (legal.phase !== "movement") throw new Error("movement expected");
    const t = tablesOf(map);
    const home = legal.units.map((u) => t.locationProvince[t.locationIndex.get(u.unit.location)!]!);
    const chosen: Order[] = legal.units.map((u) => u.orders[0]!);
    convoyIdleArmies(legal.units, chosen, home, [false, false], provinceValues(map, position, "ENG"), t);
    const army = chosen[0]!;
    expect(army).toMatchObject({ kind: "move", viaConvoy: true });
    if (army.kind !== "move") return;
    expect(chosen[1]).toMatchObject({ kind: "convoy", target: { location: "lon" }, to: army.to });
    // The convoy is one the rules accept: the army lands.
    const step = resolvePhase(map, position, chosen).next;
    expect(step.units).toContainEqual({ power: "ENG", type: "A", location: army.to });
  });
});
