/**
 * Bot tactics: every order is one legalOrders offers, the same seed gives the same orders, the
 * baseline never sends two own units into one province, and it beats random opponents.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TACTICS, botOrders, type Tactics } from "../../shared/src/bots";
import { centreCounts, initialPosition, resolvePhase } from "../../shared/src/game/phases";
import type { Position } from "../../shared/src/game/position";
import { playRandomGame } from "../../shared/src/game/random-play";
import { getMap, MAP_IDS } from "../../shared/src/map";
import type { GameMap, PowerId } from "../../shared/src/map/types";
import { legalOrders } from "../../shared/src/orders/legal";
import type { Order } from "../../shared/src/orders/types";
import { createRng } from "../../shared/src/random";

/** Random-play positions of a map and seed, every phase kind included. */
function positionsOf(mapId: string, seed: number): { map: GameMap; positions: readonly Position[] } {
  const map = getMap(mapId)!;
  return { map, positions: playRandomGame(map, seed, { maxYears: 4 }).positions };
}

/** Checks that `orders` fit `legalOrders` for the phase. */
function expectLegal(map: GameMap, position: Position, power: PowerId, orders: readonly Order[]): void {
  const legal = legalOrders(map, position, power);
  if (legal.phase === "adjustment") {
    const allowed = new Set([...legal.builds, ...legal.removals].map((o) => JSON.stringify(o)));
    for (const o of orders) {
      if (o.kind === "waive") expect(legal.canWaive).toBe(true);
      else expect(allowed.has(JSON.stringify(o))).toBe(true);
    }
    if (legal.change < 0) expect(orders).toHaveLength(-legal.change);
    else expect(orders.length).toBeLessThanOrEqual(legal.change);
    return;
  }
  expect(orders).toHaveLength(legal.units.length);
  legal.units.forEach((u, i) => {
    const allowed = new Set(u.orders.map((o) => JSON.stringify(o)));
    expect(allowed.has(JSON.stringify(orders[i]))).toBe(true);
  });
}

/** The province an order sends its unit into, for movement-phase moves. */
function destinations(map: GameMap, orders: readonly Order[]): string[] {
  const province = (loc: string): string => map.location.get(loc)!.province;
  return orders.flatMap((o) => (o.kind === "move" ? [province(o.to)] : []));
}

/**
 * The tactics these generic stories cover. The search bot plays hundreds of baseline phases per
 * decision: its own suite (test/bots/search.test.ts) checks its legality and determinism on fewer
 * positions, so these stay quick.
 */
const QUICK_TACTICS = TACTICS.filter((t): t is Exclude<Tactics, "search"> => t !== "search");

describe("botOrders", () => {
  it("gives only legal orders, one per unit, for every tactics on both maps", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MAP_IDS),
        fc.integer({ min: 0, max: 1000 }),
        fc.nat(),
        fc.constantFrom(...QUICK_TACTICS),
        (mapId, seed, pick, tactics) => {
          const { map, positions } = positionsOf(mapId, seed);
          const position = positions[pick % positions.length]!;
          const rng = createRng(seed);
          for (const power of map.powers)
            expectLegal(map, position, power.id, botOrders(tactics, map, position, power.id, rng));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("covers retreat and adjustment phases as well", () => {
    const seen = new Set<string>();
    for (const [mapId, seed] of MAP_IDS.flatMap((id) => [1, 2, 3, 4].map((n) => [id, n] as const))) {
      const { map, positions } = positionsOf(mapId, seed);
      for (const position of positions) {
        if (position.phase === "movement") continue;
        seen.add(position.phase);
        for (const tactics of TACTICS) {
          const rng = createRng(position.year);
          for (const power of map.powers)
            expectLegal(map, position, power.id, botOrders(tactics, map, position, power.id, rng));
        }
      }
    }
    expect([...seen].sort()).toEqual(["adjustment", "retreat"]);
  });

  it("is deterministic by seed", () => {
    const { map, positions } = positionsOf("classic", 3);
    for (const tactics of QUICK_TACTICS) {
      for (const position of positions.slice(0, 8)) {
        const run = (): Order[] => {
          const rng = createRng("same");
          return map.powers.flatMap((p) => botOrders(tactics, map, position, p.id, rng));
        };
        expect(run()).toEqual(run());
      }
    }
  });

  it("never orders two own units of the baseline into one province", () => {
    for (const mapId of MAP_IDS) {
      for (const seed of [1, 2, 3]) {
        const { map, positions } = positionsOf(mapId, seed);
        const rng = createRng(seed);
        for (const position of positions) {
          if (position.phase !== "movement") continue;
          for (const power of map.powers) {
            const orders = botOrders("baseline", map, position, power.id, rng);
            const into = destinations(map, orders);
            expect(new Set(into).size).toBe(into.length);
            const staying = orders.flatMap((o) =>
              o.kind !== "move" && "unit" in o ? [map.location.get(o.unit.location)!.province] : [],
            );
            for (const p of into) expect(staying).not.toContain(p);
          }
        }
      }
    }
  });

  it("baseline powers end 1905 with more centres than random ones (seat-rotated)", () => {
    const map = getMap("classic")!;
    let baselineTotal = 0;
    let randomTotal = 0;
    let randomSeats = 0;
    const games = 6;
    for (let g = 0; g < games; g++) {
      const hero = map.powers[g % map.powers.length]!.id;
      const rng = createRng(`duel-${g}`);
      let position = initialPosition(map);
      while (position.year <= 1905) {
        const orders = map.powers.flatMap((p) =>
          botOrders((p.id === hero ? "baseline" : "random") as Tactics, map, position, p.id, rng),
        );
        position = resolvePhase(map, position, orders).next;
      }
      for (const [power, count] of centreCounts(map, position)) {
        if (power === hero) baselineTotal += count;
        else {
          randomTotal += count;
          randomSeats++;
        }
      }
    }
    const baselineMean = baselineTotal / games;
    const randomMean = randomTotal / randomSeats;
    expect(baselineMean).toBeGreaterThan(randomMean + 2);
  });
});
