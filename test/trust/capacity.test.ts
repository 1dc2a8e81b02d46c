/**
 * Verification capacity: the default formula 2 + ⌊centres ÷ 5⌋, what active commitments use, and
 * whether a new commitment fits every party.
 */
import { describe, expect, it } from "vitest";
import {
  capacityCost,
  capacityLeft,
  capacityUsed,
  fitsCapacity,
  verificationCapacity,
} from "../../shared/src/trust/clauses/capacity";
import { PRESETS } from "../../shared/src/trust/presets";
import type { Clause, Preset } from "../../shared/src/trust/types";
import { commitment } from "./support";

const preset = PRESETS["default"]!;
const NA: Clause = { kind: "non-aggression", from: "GER", to: "FRA" };
const TEXT: Clause = { kind: "text", text: "No spying." };
const ZONE: Clause = { kind: "demilitarised-zone", powers: ["GER", "FRA"], provinces: ["bur"] };

describe("verification capacity", () => {
  it.each([
    [0, 2],
    [4, 2],
    [5, 3],
    [9, 3],
    [10, 4],
    [17, 5],
    [34, 8],
  ])("with %i centres is %i by default", (centres, capacity) => {
    expect(verificationCapacity(preset, centres)).toBe(capacity);
  });

  it("follows the preset's formula", () => {
    const generous: Preset = { ...preset, capacity: { base: 3, centersPerUnit: 3 } };
    expect(verificationCapacity(generous, 7)).toBe(5);
  });
});

describe("capacity used", () => {
  const commitments = [
    commitment("c1", ["FRA", "GER"], [NA, TEXT, ZONE], { visibility: "secret" }),
    commitment("c2", ["ENG", "GER"], [TEXT], { visibility: "secret" }),
    commitment("c3", ["GER", "RUS"], [NA], { status: "proposed", visibility: "secret" }),
    commitment("c4", ["FRA", "GER"], [ZONE], { status: "renounced", visibility: "secret" }),
    commitment("c5", ["ENG", "FRA"], [ZONE], { visibility: "secret" }),
  ];

  it("counts one unit per verifiable clause of each active commitment a power is party to", () => {
    expect(capacityCost([NA, TEXT, ZONE])).toBe(2);
    expect(capacityUsed(commitments, "GER")).toBe(2);
    expect(capacityUsed(commitments, "FRA")).toBe(3);
    expect(capacityUsed(commitments, "ENG")).toBe(1);
    expect(capacityUsed(commitments, "RUS")).toBe(0);
    expect(capacityLeft(preset, commitments, "FRA", 4)).toBe(-1);
  });

  it("says which party a new commitment would overload", () => {
    const centres = (p: string): number => ({ GER: 10, FRA: 4, ENG: 3 })[p] ?? 0;
    expect(fitsCapacity(preset, commitments, centres, ["GER", "ENG"], [NA])).toBeNull();
    expect(fitsCapacity(preset, commitments, centres, ["GER", "ENG"], [NA, ZONE])).toBe("ENG");
    expect(fitsCapacity(preset, commitments, centres, ["FRA", "GER"], [NA])).toBe("FRA");
    expect(fitsCapacity(preset, commitments, centres, ["FRA", "GER"], [TEXT, TEXT])).toBeNull();
  });
});
