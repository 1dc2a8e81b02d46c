// Property tests: the adjudicator accepts what the legal-order generator offers. Every legal
// movement order, given alone (every other unit holds), comes back without an illegal reason.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adjudicateMovement } from "../../shared/src/adjudicator/movement";
import type { Order } from "../../shared/src/orders/types";
import { formatOrder } from "../../shared/src/orders/notation";
import { allLegalMovementOrders } from "../support/order-sets";
import { playedPositions, type PlayedPosition } from "../support/random-positions";

const pool: readonly PlayedPosition[] = [
  ...playedPositions("classic", [11, 12, 13], { phase: "movement" }),
  ...playedPositions("amber", [11, 12], { phase: "movement" }),
];

/** The legal orders (of the kinds chosen) that the adjudicator rejects alone, described. */
function rejected(sample: PlayedPosition, kinds: ReadonlySet<Order["kind"]>): string[] {
  const out: string[] = [];
  for (const u of allLegalMovementOrders(sample.map, sample.position)) {
    for (const order of u.orders) {
      if (!kinds.has(order.kind)) continue;
      const [result] = adjudicateMovement(sample.map, sample.position.units, [order]).results;
      if (result?.reason !== undefined)
        out.push(`${sample.label}: ${formatOrder(order, { withPower: true })} → ${result.reason.code}`);
    }
  }
  return out;
}

const sampleIndex = fc.nat({ max: pool.length - 1 });

/** Asserts, over sampled positions, that no legal order of the given kinds is rejected alone. */
function assertAccepted(kinds: ReadonlySet<Order["kind"]>): void {
  fc.assert(
    fc.property(sampleIndex, (i) => {
      expect(rejected(pool[i]!, kinds)).toEqual([]);
    }),
    { numRuns: 60 },
  );
}

describe("the adjudicator accepts every legal order", () => {
  it("holds, moves (by land, sea and convoy) and supports", () => {
    assertAccepted(new Set(["hold", "move", "support"]));
  });

  it("convoys", () => {
    assertAccepted(new Set(["convoy"]));
  });

  // The smallest boards on which legal.ts once offered convoys that movement.ts rejects (DATC
  // 6.G.19) are regression vectors ENT.2 and ENT.3 (test/vectors/regressions.json): the vector
  // runner checks that every order offered on a vector's board is accepted alone.
});
