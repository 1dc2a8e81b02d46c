/**
 * Reads the vector files in the DATC case format into typed cases and turns their order records
 * into Entente orders: the DATC 3.0 file (`test/vectors/datc-3.0.json`, with its source notes in
 * `meta`) and Entente's own regressions (`test/vectors/regressions.json`, one bug per case).
 */
import datc from "../vectors/datc-3.0.json";
import regressions from "../vectors/regressions.json";
import type { Order } from "../../shared/src/orders/types";
import type { UnitType } from "../../shared/src/map/types";

/** An order as the DATC file records it. */
export interface DatcOrder {
  power: string;
  type: "hold" | "move" | "support" | "convoy" | "retreat" | "build" | "disband";
  unit: UnitType;
  location: string;
  to?: string;
  via_convoy?: boolean;
  target?: { unit: UnitType | null; location: string; to?: string | null };
  text: string;
}

/** A unit as the DATC file records it. */
export interface DatcUnit {
  power: string;
  type: UnitType;
  location: string;
}

/** What a DATC case expects of a movement phase. */
export interface MovementExpectation {
  dislodged?: string[];
  units_after?: string[];
  order_results?: Record<string, string>;
}

/** What a DATC case expects of a retreat phase (from MILA's assertions and TedDriggs' results). */
export interface RetreatExpectation {
  units_after_mila?: Record<string, string | null>;
  retreat_orders_used_by_mila?: string[];
  order_results_teddriggs?: Record<string, string>;
  result_codes_mila?: Record<string, string[]>;
}

/** What a DATC case expects of an adjustment phase. */
export interface AdjustmentExpectation {
  order_results?: Record<string, string>;
  built?: string[];
  removed?: string[];
  removed_scenario_2?: string[];
}

/** Where a regression case came from (regression file only). */
export interface RegressionSource {
  found_by: string; // the issue and the test or report that found the bug
  was_wrong: string; // what the engine did before the fix
  fixed_in: string; // the commit (and module) that fixed it
  moved_from?: string; // the test body the case used to live in
  checked_also?: string; // what the runner checks beyond the expectations, if anything
}

/** One case of a vector file: a DATC case, or a regression in the same format. */
export interface DatcCase {
  id: string;
  title: string;
  source?: RegressionSource;
  setup: {
    phase: string;
    units: DatcUnit[];
    supply_centers?: Record<string, string[]>;
    supply_centers_not_owned?: Record<string, string[]>;
    adjustments?: Record<string, number>;
    orders_given?: boolean;
  };
  phases: {
    phase: "movement" | "retreat" | "adjustment";
    orders: DatcOrder[];
    scenario_setup?: {
      units: DatcUnit[];
      supply_centers?: Record<string, string[]>;
      adjustments?: Record<string, number>;
    };
  }[];
  expected: {
    text: string[];
    machine: {
      movement?: MovementExpectation;
      retreat?: RetreatExpectation;
      adjustment?: AdjustmentExpectation;
    };
  };
}

/** All 164 cases, in file order. */
export const DATC_CASES = (datc as unknown as { cases: DatcCase[] }).cases;

/** Entente's regressions (ids `ENT.n`), in file order. */
export const REGRESSION_CASES = (regressions as unknown as { cases: DatcCase[] }).cases;

/** A vector file in the DATC case format: the name its tests carry, and its cases. */
export interface VectorSuite {
  title: string; // the describe block's title
  prefix: string; // written before a case id in its test's name: "DATC 6.A.1", "ENT.1"
  cases: readonly DatcCase[];
}

/** Every vector file the harness runs, DATC first. */
export const VECTOR_SUITES: readonly VectorSuite[] = [
  { title: "DATC 3.0", prefix: "DATC ", cases: DATC_CASES },
  { title: "Entente regressions", prefix: "", cases: REGRESSION_CASES },
];

/** The rule choices the file follows. */
export const DATC_CHOICES = (datc as unknown as { meta: { datc_choices: Record<string, string> } }).meta
  .datc_choices;

/** The file's canonical key of an order, as used in `order_results` (without the #n suffix). */
export function datcKey(o: DatcOrder, phase: string): string {
  switch (o.type) {
    case "hold":
      return `${o.power} ${o.unit} ${o.location} H`;
    case "move":
    case "retreat":
      return `${o.power} ${o.unit} ${o.location} - ${o.to}${o.via_convoy ? " via" : ""}`;
    case "build":
      return `${o.power} build ${o.unit} ${o.location}`;
    case "disband":
      return phase === "adjustment"
        ? `${o.power} remove ${o.unit} ${o.location}`
        : `${o.power} ${o.unit} ${o.location} D`;
    case "support":
      return `${o.power} ${o.unit} ${o.location} S ${o.target?.unit ?? "?"} ${o.target?.location}${o.target?.to ? ` - ${o.target.to}` : ""}`;
    case "convoy":
      return `${o.power} ${o.unit} ${o.location} C A ${o.target?.location} - ${o.target?.to}`;
  }
}

/** Keys for a phase's orders, with the file's #1/#2 suffix for repeated identical orders. */
export function datcKeys(orders: readonly DatcOrder[], phase: string): string[] {
  const plain = orders.map((o) => datcKey(o, phase));
  const total = new Map<string, number>();
  for (const k of plain) total.set(k, (total.get(k) ?? 0) + 1);
  const seen = new Map<string, number>();
  return plain.map((k) => {
    if (total.get(k) === 1) return k;
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return `${k}#${n}`;
  });
}

/** Converts a DATC order record into an Entente order. */
export function toOrder(o: DatcOrder, phase: string, units: readonly DatcUnit[]): Order {
  const unit = { type: o.unit, location: o.location };
  const power = o.power;
  switch (o.type) {
    case "hold":
      return { kind: "hold", power, unit };
    case "move":
      return { kind: "move", power, unit, to: o.to!, viaConvoy: o.via_convoy === true };
    case "retreat":
      return { kind: "retreat", power, unit, to: o.to! };
    case "build":
      return { kind: "build", power, unit };
    case "disband":
      return phase === "adjustment" ? { kind: "remove", power, unit } : { kind: "disband", power, unit };
    case "support": {
      const t = o.target!;
      const type =
        t.unit ?? units.find((u) => u.location.split("/")[0] === t.location.split("/")[0])?.type ?? "A";
      const target = { type, location: t.location };
      return t.to
        ? { kind: "support", power, unit, target, to: t.to }
        : { kind: "support", power, unit, target };
    }
    case "convoy":
      return {
        kind: "convoy",
        power,
        unit,
        target: { type: "A", location: o.target!.location },
        to: o.target!.to!,
      };
  }
}
