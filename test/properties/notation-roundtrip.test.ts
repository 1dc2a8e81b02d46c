// Property tests: every legal order of every power, in every phase reached by random play, reads
// back from its canonical text (with the power) into a deep-equal order.
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Position } from "../../shared/src/game/position";
import type { GameMap } from "../../shared/src/map/types";
import { legalOrders } from "../../shared/src/orders/legal";
import { formatOrder, parseOrder } from "../../shared/src/orders/notation";
import type { Order } from "../../shared/src/orders/types";
import { playedPositions, type PlayedPosition } from "../support/random-positions";

const pool: readonly PlayedPosition[] = [
  ...playedPositions("classic", [21, 22, 23]),
  ...playedPositions("amber", [21, 22]),
];

/** Every legal order of every power in the position (waives included where allowed). */
function everyLegalOrder(map: GameMap, position: Position): Order[] {
  return map.powers.flatMap((p) => {
    const legal = legalOrders(map, position, p.id);
    if (legal.phase !== "adjustment") return legal.units.flatMap((u) => u.orders);
    const waive: Order[] = legal.canWaive ? [{ kind: "waive", power: p.id }] : [];
    return [...legal.builds, ...legal.removals, ...waive];
  });
}

/** The orders whose text does not read back into the same order, described. */
function mismatches(sample: PlayedPosition): string[] {
  const { map, position } = sample;
  const out: string[] = [];
  for (const order of everyLegalOrder(map, position)) {
    const text = formatOrder(order, { withPower: true });
    const parsed = parseOrder(text, { map, phase: position.phase });
    if (!parsed.ok) out.push(`${sample.label}: "${text}" → ${parsed.error.code}: ${parsed.error.message}`);
    else if (!isDeepStrictEqual(parsed.value, order))
      out.push(`${sample.label}: "${text}" → ${JSON.stringify(parsed.value)}`);
  }
  return out;
}

describe("formatOrder and parseOrder round-trip every legal order", () => {
  it("covers every phase kind", () => {
    const phases = new Set(pool.map((s) => s.position.phase));
    expect([...phases].sort()).toEqual(["adjustment", "movement", "retreat"]);
  });

  it("for every power in positions reached by random play", () => {
    fc.assert(
      fc.property(fc.nat({ max: pool.length - 1 }), (i) => {
        expect(mismatches(pool[i]!)).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });

  it("in every retreat and adjustment phase of the pool", () => {
    for (const sample of pool.filter((s) => s.position.phase !== "movement"))
      expect(mismatches(sample)).toEqual([]);
  });
});
