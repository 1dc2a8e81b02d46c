/**
 * The vector files in the DATC case format, run case by case, each test named by its case id: DATC
 * 3.0 (all 164 adjudicator test cases) and Entente's regressions (`ENT.n`, one bug each; see
 * docs/engine.md). A file's `expected.machine` is the specification, except where the DATC's own
 * text says otherwise (see TEXT_WINS below). On every movement board the runner also checks that
 * each order `legalOrders` offers is accepted by the adjudicator when given alone.
 */
import { describe, expect, it } from "vitest";
import { adjudicateAdjustments, adjudicateMovement, adjudicateRetreats } from "../../shared/src/adjudicator";
import type { MovementResolution } from "../../shared/src/adjudicator";
import { initialPosition } from "../../shared/src/game/phases";
import { getMap } from "../../shared/src/map";
import { formatOrder } from "../../shared/src/orders/notation";
import type { Order } from "../../shared/src/orders/types";
import type { PowerId, ProvinceId, Unit } from "../../shared/src/map/types";
import { allLegalMovementOrders } from "../support/order-sets";
import {
  DATC_CASES,
  REGRESSION_CASES,
  VECTOR_SUITES,
  datcKeys,
  toOrder,
  type DatcCase,
  type DatcUnit,
} from "./datc-file";

const map = getMap("classic")!;

const unitText = (u: Unit): string => `${u.power} ${u.type} ${u.location}`;
const sorted = (xs: readonly string[]): string[] => [...xs].sort();
const toUnit = (u: DatcUnit): Unit => ({ power: u.power, type: u.type, location: u.location });

/**
 * Cases where the machine expectations of the file and the DATC text disagree, and the text wins.
 * Each entry says what the text says and replaces the file's expectation.
 */
const TEXT_WINS: Record<string, { why: string; patch: (c: DatcCase) => void }> = {
  "6.A.6": {
    why:
      'The text: "England has a fleet in London" and Germany orders "F London - North Sea". The file\'s setup, ' +
      "derived from the ordered units, also puts a German fleet in London, which the text does not: two " +
      "units cannot share a province. Only the English fleet stands in London.",
    patch: (c) => {
      c.setup.units = c.setup.units.filter((u) => !(u.power === "GER" && u.location === "lon"));
    },
  },
};

function runMovement(c: DatcCase): { resolution: MovementResolution; orders: Order[] } {
  const phase = c.phases[0]!;
  const orders = phase.orders.map((o) => toOrder(o, "movement", c.setup.units));
  return { resolution: adjudicateMovement(map, c.setup.units.map(toUnit), orders), orders };
}

/**
 * The orders `legalOrders` offers on the case's starting board that the adjudicator rejects when
 * each is given alone, described (none may exist: the UI and the bots order only what is offered).
 */
function offeredButRejected(c: DatcCase): string[] {
  const units = c.setup.units.map(toUnit);
  const position = { ...initialPosition(map), units };
  return allLegalMovementOrders(map, position).flatMap((u) =>
    u.orders.flatMap((order) => {
      const reason = adjudicateMovement(map, units, [order]).results[0]?.reason;
      return reason ? [`${formatOrder(order, { withPower: true })} → ${reason.code}`] : [];
    }),
  );
}

function checkMovement(c: DatcCase): MovementResolution {
  const expected = c.expected.machine.movement!;
  const { resolution } = runMovement(c);
  const keys = datcKeys(c.phases[0]!.orders, "movement");
  if (expected.dislodged) {
    expect(sorted(resolution.dislodged.map((d) => unitText(d.unit))), "dislodged").toEqual(
      sorted(expected.dislodged),
    );
  }
  if (expected.units_after) {
    expect(sorted(resolution.units.map(unitText)), "units after").toEqual(sorted(expected.units_after));
  }
  for (const [key, outcome] of Object.entries(expected.order_results ?? {})) {
    const k = keys.indexOf(key);
    expect(k, `order "${key}" is in the case`).toBeGreaterThanOrEqual(0);
    expect(`${key}: ${resolution.results[k]!.outcome}`).toBe(`${key}: ${outcome}`);
  }
  return resolution;
}

/** Parses the few plain order forms MILA's retreat assertions use: `ENG A lvp - edi`, `ENG remove F eng`. */
function milaRetreatOrder(text: string): Order {
  const move = /^(\w+) ([AF]) (\S+) - (\S+)$/.exec(text);
  if (move)
    return {
      kind: "retreat",
      power: move[1]!,
      unit: { type: move[2] as "A", location: move[3]! },
      to: move[4]!,
    };
  const gone = /^(\w+) remove ([AF]) (\S+)$/.exec(text);
  if (gone) return { kind: "disband", power: gone[1]!, unit: { type: gone[2] as "A", location: gone[3]! } };
  const support = /^(\w+) ([AF]) (\S+) S ([AF]) (\S+) - (\S+)$/.exec(text);
  if (support) {
    return {
      kind: "support",
      power: support[1]!,
      unit: { type: support[2] as "A", location: support[3]! },
      target: { type: support[4] as "A", location: support[5]! },
      to: support[6]!,
    };
  }
  const convoy = /^(\w+) ([AF]) (\S+) C [A?] (\S+) - (\S+)$/.exec(text);
  if (convoy) {
    return {
      kind: "convoy",
      power: convoy[1]!,
      unit: { type: convoy[2] as "A", location: convoy[3]! },
      target: { type: "A", location: convoy[4]! },
      to: convoy[5]!,
    };
  }
  throw new Error(`unreadable MILA retreat order "${text}"`);
}

function checkRetreat(c: DatcCase, movement: MovementResolution): void {
  const expected = c.expected.machine.retreat!;
  const given = c.phases[1];
  const orders = given
    ? given.orders.map((o) => toOrder(o, "retreat", c.setup.units))
    : (expected.retreat_orders_used_by_mila ?? []).map(milaRetreatOrder);
  const texts = given ? datcKeys(given.orders, "retreat") : (expected.retreat_orders_used_by_mila ?? []);
  const resolution = adjudicateRetreats(map, movement.units, movement.dislodged, orders);
  const after = new Set(resolution.units.map((u) => `${u.type} ${u.location}|${u.power}`));
  for (const [place, owner] of Object.entries(expected.units_after_mila ?? {})) {
    if (owner === null) {
      const [type, location] = place.split(" ");
      const there = resolution.units.filter((u) => u.type === type && u.location === location);
      expect(there.map(unitText), `nothing at ${place}`).toEqual([]);
    } else expect(after.has(`${place}|${owner}`), `${owner} ${place} after retreats`).toBe(true);
  }
  for (const [key, outcome] of Object.entries(expected.order_results_teddriggs ?? {})) {
    const k = texts.indexOf(key);
    if (k >= 0) expect(`${key}: ${resolution.results[k]!.outcome}`).toBe(`${key}: ${outcome}`);
  }
}

/**
 * Builds an adjustment position that gives each power the build or removal count the case states:
 * the centres the case names (or the power's home centres), then filler centres or filler units
 * far from the action, so that centres minus units equals the stated adjustment.
 */
function adjustmentPosition(
  setup: {
    units: DatcUnit[];
    supply_centers?: Record<string, string[]>;
    adjustments?: Record<string, number>;
  },
  notOwned: Record<string, string[]>,
  mentioned: ReadonlySet<string>,
): { units: Unit[]; centres: Record<ProvinceId, PowerId>; fillers: Unit[] } {
  const units = setup.units.map(toUnit);
  const centres: Record<ProvinceId, PowerId> = {};
  const fillers: Unit[] = [];
  for (const [power, wanted] of Object.entries(setup.adjustments ?? {})) {
    const owned =
      setup.supply_centers?.[power] ??
      map.power.get(power)!.homeCenters.filter((c) => !notOwned[power]?.includes(c));
    for (const c of owned) centres[c] = power;
    for (const c of notOwned[power] ?? []) centres[c] = power === "RUS" ? "GER" : "RUS";
    const busy = (p: string) => units.some((u) => u.location.split("/")[0] === p) || mentioned.has(p);
    let delta = owned.length - units.filter((u) => u.power === power).length;
    for (const c of map.supplyCenters) {
      if (delta >= wanted) break;
      if (centres[c] === undefined && map.province.get(c)!.homeOf === null && !busy(c)) {
        centres[c] = power;
        delta++;
      }
    }
    for (const p of map.provinces) {
      if (delta <= wanted) break;
      if (p.kind === "land" && !p.supplyCenter && !busy(p.id)) {
        const filler: Unit = { power, type: "A", location: p.id };
        units.push(filler);
        fillers.push(filler);
        delta--;
      }
    }
  }
  return { units, centres, fillers };
}

function checkAdjustment(c: DatcCase): void {
  const expected = c.expected.machine.adjustment!;
  c.phases.forEach((phase, i) => {
    const setup = phase.scenario_setup ?? c.setup;
    const mentioned = new Set(phase.orders.map((o) => o.location.split("/")[0]!));
    const { units, centres } = adjustmentPosition(setup, c.setup.supply_centers_not_owned ?? {}, mentioned);
    const orders = phase.orders.map((o) => toOrder(o, "adjustment", setup.units));
    const resolution = adjudicateAdjustments(map, units, centres, orders);
    const keys = datcKeys(phase.orders, "adjustment");
    for (const [key, outcome] of Object.entries(expected.order_results ?? {})) {
      const k = keys.indexOf(key);
      expect(k, `order "${key}" is in the case`).toBeGreaterThanOrEqual(0);
      expect(`${key}: ${resolution.results[k]!.outcome}`).toBe(`${key}: ${outcome}`);
    }
    if (expected.built)
      expect(sorted(resolution.built.map(unitText)), "built").toEqual(sorted(expected.built));
    const removedExpected = i === 0 ? expected.removed : expected.removed_scenario_2;
    if (removedExpected) {
      const named = removedExpected.filter((r) => !r.startsWith("("));
      const removed = resolution.removed.map(unitText);
      for (const r of named) expect(removed, "removed").toContain(r);
      // "(one more … unit chosen by the civil-disorder rule)": a filler or other unit of that power.
      expect(removed.length, "number removed").toBe(removedExpected.length);
    }
  });
}

describe("the vector files", () => {
  it("hold all 164 DATC cases", () => {
    expect(DATC_CASES).toHaveLength(164);
  });
  it("number the regressions ENT.1, ENT.2, … and say where each bug was found and what was wrong", () => {
    REGRESSION_CASES.forEach((c, i) => {
      expect(c.id).toBe(`ENT.${i + 1}`);
      expect(c.source?.found_by, c.id).toBeTruthy();
      expect(c.source?.was_wrong, c.id).toBeTruthy();
    });
  });
});

for (const suite of VECTOR_SUITES) {
  describe(suite.title, () => {
    for (const c of suite.cases) {
      const override = TEXT_WINS[c.id];
      const name = `${suite.prefix}${c.id} ${c.title.toLowerCase()}`;
      it(`${name}${override ? " (DATC text wins over the file)" : ""}`, () => {
        const kase: DatcCase = structuredClone(c);
        override?.patch(kase);
        const m = kase.expected.machine;
        if (m.movement) {
          const movement = checkMovement(kase);
          if (m.retreat) checkRetreat(kase, movement);
          expect(offeredButRejected(kase), "legal orders the adjudicator rejects alone").toEqual([]);
        }
        if (m.adjustment) checkAdjustment(kase);
        expect(m.movement ?? m.adjustment, "the case has machine expectations").toBeDefined();
      });
    }
  });
}
