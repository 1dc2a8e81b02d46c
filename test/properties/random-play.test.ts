// Property tests of the random player itself: it gives only legal orders — one per unit in
// movement and retreat phases, builds in distinct free home centres up to the allowed count, and
// exactly the removals due — and the same generator state gives the same orders.
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomOrders, randomPowerOrders } from "../../shared/src/game/random-play";
import { legalOrders } from "../../shared/src/orders/legal";
import { createRng } from "../../shared/src/random";
import { playedPositions, type PlayedPosition } from "../support/random-positions";

const pool: readonly PlayedPosition[] = [
  ...playedPositions("classic", [31, 32, 33]),
  ...playedPositions("amber", [31, 32]),
];

/** Every rule of `randomOrders` the orders of one sample break, described. */
function problems(sample: PlayedPosition, seed: number): string[] {
  const { map, position } = sample;
  const orders = randomOrders(map, position, createRng(seed));
  const out: string[] = [];
  for (const power of map.powers) {
    const mine = orders.filter((o) => o.power === power.id);
    const legal = legalOrders(map, position, power.id);
    const at = `${sample.label} ${power.id}`;
    if (legal.phase === "adjustment") {
      const allowed = [...legal.builds, ...legal.removals];
      for (const o of mine)
        if (!allowed.some((l) => isDeepStrictEqual(l, o)))
          out.push(`${at}: ${JSON.stringify(o)} is not allowed`);
      const provinces = new Set(
        mine.map((o) => (o.kind === "waive" ? "" : map.location.get(o.unit.location)?.province)),
      );
      if (provinces.size !== mine.length) out.push(`${at}: two orders for one province`);
      if (legal.change < 0 && mine.length !== -legal.change)
        out.push(`${at}: ${mine.length} removals for ${legal.change}`);
      if (legal.change >= 0 && mine.length > legal.change)
        out.push(`${at}: ${mine.length} builds for ${legal.change}`);
      const free = new Set(legal.builds.map((o) => map.location.get(o.unit.location)?.province));
      if (legal.change > 0 && mine.length !== Math.min(legal.change, free.size))
        out.push(`${at}: ${mine.length} builds of ${legal.change} with ${free.size} free centres`);
      continue;
    }
    if (mine.length !== legal.units.length)
      out.push(`${at}: ${mine.length} orders for ${legal.units.length} units`);
    legal.units.forEach((u, i) => {
      const o = mine[i];
      if (o === undefined || !u.orders.some((l) => isDeepStrictEqual(l, o)))
        out.push(`${at}: ${JSON.stringify(o)} is not legal for its unit`);
    });
  }
  return out;
}

describe("randomOrders", () => {
  it("gives legal orders in every phase", () => {
    fc.assert(
      fc.property(fc.nat({ max: pool.length - 1 }), fc.integer(), (i, seed) => {
        expect(problems(pool[i]!, seed)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("is deterministic for a generator state", () => {
    fc.assert(
      fc.property(fc.nat({ max: pool.length - 1 }), fc.integer(), (i, seed) => {
        const { map, position } = pool[i]!;
        expect(randomOrders(map, position, createRng(seed))).toStrictEqual(
          randomOrders(map, position, createRng(seed)),
        );
      }),
      { numRuns: 50 },
    );
  });

  // A seat playing one power (the bench's clients) draws its own orders only: the same orders, power
  // by power, as the whole board's draw — at a seventh of the work (the bench's clients computed
  // every power's orders for each seat, and their collections stalled the open loop).
  it("draws each power's orders as randomPowerOrders does, power after power", () => {
    fc.assert(
      fc.property(fc.nat({ max: pool.length - 1 }), fc.integer(), (i, seed) => {
        const { map, position } = pool[i]!;
        const rng = createRng(seed);
        const byPower = map.powers.flatMap((p) => randomPowerOrders(map, position, p.id, rng));
        expect(byPower).toStrictEqual(randomOrders(map, position, createRng(seed)));
        for (const p of map.powers)
          expect(randomPowerOrders(map, position, p.id, createRng(seed)).every((o) => o.power === p.id)).toBe(
            true,
          );
      }),
      { numRuns: 50 },
    );
  });

  it("mostly moves and supports in movement phases", () => {
    const counts = new Map<string, number>();
    for (const s of pool.filter((p) => p.position.phase === "movement"))
      for (const o of s.orders) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    expect((counts.get("move") ?? 0) / total).toBeGreaterThan(0.4);
    expect((counts.get("support") ?? 0) / total).toBeGreaterThan(0.15);
    expect(counts.get("convoy") ?? 0).toBeGreaterThan(0);
  });
});
