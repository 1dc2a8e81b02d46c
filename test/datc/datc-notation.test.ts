/**
 * Every order line of the DATC 3.0 cases, as the DATC prints it ("F North Sea Convoys A London -
 * Belgium", "A Holland Supports Rhur - Belgium"), and of Entente's regression cases, parses to the
 * same order as the file's structured record of it.
 */
import { describe, expect, it } from "vitest";
import { getMap } from "../../shared/src/map";
import { parseOrder, type Order } from "../../shared/src/orders";
import { VECTOR_SUITES, toOrder } from "./datc-file";

const map = getMap("classic")!;

/** Armies stand on provinces, not coasts: the parser drops a coast written for an army (DATC 4.B.6). */
function withoutArmyCoasts(order: Order): Order {
  const bare = (l: string): string => l.split("/")[0]!;
  if (order.kind === "move" && order.unit.type === "A") return { ...order, to: bare(order.to) };
  if (order.kind === "build" && order.unit.type === "A")
    return { ...order, unit: { ...order.unit, location: bare(order.unit.location) } };
  return order;
}

for (const suite of VECTOR_SUITES) {
  describe(`${suite.title} order text`, () => {
    for (const c of suite.cases) {
      it(`${suite.prefix}${c.id} order lines parse as the file records them`, () => {
        for (const phase of c.phases) {
          const units = (phase.scenario_setup ?? c.setup).units;
          for (const o of phase.orders) {
            const parsed = parseOrder(o.text, { map, power: o.power, phase: phase.phase, units });
            const expected = withoutArmyCoasts(toOrder(o, phase.phase, units));
            if (!parsed.ok) {
              // Orders the DATC gives in a phase where they are not allowed (6.H.1–6.H.3) are rejected as such.
              expect(parsed.error.code, o.text).toBe("wrong-phase");
              expect(["support", "convoy"]).toContain(o.type);
              continue;
            }
            expect(parsed.value, o.text).toEqual(expected);
          }
        }
      });
    }
  });
}
