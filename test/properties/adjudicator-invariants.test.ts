// Property tests: movement adjudication of random legal order sets and of malformed order sets on
// positions reached by random play never throws, keeps one unit per province, and accounts for
// every unit exactly once (standing, moved, or dislodged).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adjudicateMovement } from "../../shared/src/adjudicator/movement";
import type { Order } from "../../shared/src/orders/types";
import { movementInvariantProblems, reproduction } from "../support/movement-invariants";
import {
  allLegalMovementOrders,
  interleave,
  legalOrderSet,
  malformedOrder,
  MALFORMED_KINDS,
} from "../support/order-sets";
import { playedPositions, type PlayedPosition } from "../support/random-positions";

const pool: readonly PlayedPosition[] = [
  ...playedPositions("classic", [1, 2, 3, 4, 5, 6], { phase: "movement" }),
  ...playedPositions("amber", [1, 2, 3, 4], { phase: "movement" }),
];

/** Adjudicates and returns every broken invariant, with a reproduction when there is one. */
function check(sample: PlayedPosition, orders: readonly Order[]): string[] {
  const units = sample.position.units;
  let problems: string[];
  try {
    problems = movementInvariantProblems(
      sample.map,
      units,
      orders,
      adjudicateMovement(sample.map, units, orders),
    );
  } catch (e) {
    problems = [`threw: ${e instanceof Error ? e.message : String(e)}`];
  }
  return problems.length === 0 ? [] : [sample.label, ...problems, reproduction(units, orders)];
}

const sampleIndex = fc.nat({ max: pool.length - 1 });
const picks = fc.array(fc.nat(), { minLength: 1, maxLength: 40 });
const text = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom("", " ", "stp/xx", "STP", "par ", "spa/", "/nc", "__proto__", "constructor", "toString"),
);
const recipe = fc.record({
  kind: fc.nat({ max: MALFORMED_KINDS - 1 }),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  text,
  flag: fc.boolean(),
});

describe("movement adjudication keeps its invariants", () => {
  it("builds a pool of full boards from random games", () => {
    expect(pool.length).toBeGreaterThan(150);
    expect(pool.some((s) => s.position.units.length >= 25)).toBe(true);
  });

  it("has a checker that notices lost, duplicated and invented units", () => {
    const { map, position, orders } = pool[0]!;
    const resolution = adjudicateMovement(map, position.units, orders);
    const [first, ...rest] = resolution.units;
    const stranger = { power: first!.power, type: "A" as const, location: "zzz" };
    expect(
      movementInvariantProblems(map, position.units, orders, { ...resolution, units: rest }),
    ).not.toEqual([]);
    const doubled = [...resolution.units, first!];
    expect(
      movementInvariantProblems(map, position.units, orders, { ...resolution, units: doubled }),
    ).not.toEqual([]);
    const invented = [...rest, stranger];
    expect(
      movementInvariantProblems(map, position.units, orders, { ...resolution, units: invented }),
    ).not.toEqual([]);
  });

  it("on the random players' own orders", () => {
    for (const sample of pool) expect(check(sample, sample.orders)).toEqual([]);
  });

  it("on random legal order sets", () => {
    let dislodging = 0;
    let convoying = 0;
    fc.assert(
      fc.property(sampleIndex, picks, fc.boolean(), (i, p, coordinate) => {
        const sample = pool[i]!;
        const legal = allLegalMovementOrders(sample.map, sample.position);
        const orders = legalOrderSet(sample.map, legal, p, coordinate);
        expect(check(sample, orders)).toEqual([]);
        const resolution = adjudicateMovement(sample.map, sample.position.units, orders);
        if (resolution.dislodged.length > 0) dislodging++;
        if (
          resolution.results.some(
            (r) => r.order.kind === "move" && r.order.viaConvoy && r.outcome === "succeeds",
          )
        )
          convoying++;
      }),
      { numRuns: 1000 },
    );
    // The sets are varied enough to exercise dislodgements and convoys, not just bounces.
    expect(dislodging).toBeGreaterThan(20);
    expect(convoying).toBeGreaterThan(20);
  });

  it("on malformed order sets mixed with legal ones", () => {
    fc.assert(
      fc.property(
        sampleIndex,
        picks,
        fc.array(recipe, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (i, p, recipes, slots) => {
          const sample = pool[i]!;
          const legal = allLegalMovementOrders(sample.map, sample.position);
          const bad = recipes.map((r) => malformedOrder(sample.map, sample.position, legal, r));
          const orders = interleave(legalOrderSet(sample.map, legal, p, true), bad, slots);
          expect(check(sample, orders)).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("on malformed orders alone, one of each kind per board", () => {
    for (const sample of pool.slice(0, 40)) {
      const legal = allLegalMovementOrders(sample.map, sample.position);
      for (let kind = 0; kind < MALFORMED_KINDS; kind++) {
        for (const flag of [false, true]) {
          const r = { kind, a: 7, b: 3, c: 11, text: "xyz", flag };
          expect(check(sample, [malformedOrder(sample.map, sample.position, legal, r)])).toEqual([]);
        }
      }
    }
  });
});
