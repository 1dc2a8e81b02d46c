/**
 * Miscommunication: with p = 0 the paper reports everything as it was and leaves the generator
 * alone; with p = 1 it misses everything; for p = 0.3 the counts over many seeds are about what
 * the model says; misreports swap the kind; everything is seeded.
 */
import { describe, expect, it } from "vitest";
import { applyMiscommunication, misreportedKind } from "../../shared/src/newspaper";
import { createRng, type Rng } from "../../shared/src/random";
import { DEFECTION_KINDS, type Defection, type DefectionKind } from "../../shared/src/trust/types";

const defection = (i: number, kind: DefectionKind): Defection => ({
  by: ["GER", "FRA", "ITA"][i % 3]!,
  against: ["AUS", "ENG", "RUS"][i % 3]!,
  kind,
  at: { year: 1901 + i, season: "spring", phase: "movement" },
  acts: [{ cause: "hostile-act", commitmentId: `c${i}`, clauseIndex: null, description: `act ${i}` }],
});
const DEFECTIONS: readonly Defection[] = Array.from({ length: 12 }, (_, i) =>
  defection(i, DEFECTION_KINDS[i % 3]!),
);

/** A generator that counts its draws. */
function counting(seed: number | string): { rng: Rng; draws: () => number } {
  const inner = createRng(seed);
  let n = 0;
  return {
    rng: {
      next: () => (n++, inner.next()),
      int: (k) => (n++, inner.int(k)),
      pick: (xs) => (n++, inner.pick(xs)),
    },
    draws: () => n,
  };
}

describe("applyMiscommunication", () => {
  it("reports everything unchanged with p = 0, without touching the generator", () => {
    for (const p of [0, -1, Number.NaN]) {
      const { rng, draws } = counting(1);
      const result = applyMiscommunication(DEFECTIONS, p, rng);
      expect(result).toEqual({ reported: DEFECTIONS, missed: [], misreported: [] });
      expect(draws()).toBe(0);
    }
  });

  it("misses everything with p = 1", () => {
    const { rng, draws } = counting(2);
    const result = applyMiscommunication(DEFECTIONS, 1, rng);
    expect(result).toEqual({ reported: [], missed: DEFECTIONS, misreported: [] });
    expect(draws()).toBe(DEFECTIONS.length);
  });

  it("counts p above 1 as 1", () => {
    expect(applyMiscommunication(DEFECTIONS, 5, createRng(3)).missed).toEqual(DEFECTIONS);
  });

  it("accounts for every defection: reported right, misreported or missed", () => {
    for (let seed = 0; seed < 50; seed++) {
      const { reported, missed, misreported } = applyMiscommunication(DEFECTIONS, 0.4, createRng(seed));
      expect(reported.length + missed.length).toBe(DEFECTIONS.length);
      const right = reported.filter((d) => DEFECTIONS.includes(d));
      expect(right.length + misreported.length).toBe(reported.length);
      // The reports keep the given order; each misreport is its original with the kind swapped.
      const originals = DEFECTIONS.filter((d) => !missed.includes(d));
      expect(reported).toEqual(
        originals.map((d) => (misreported.includes(d) ? { ...d, kind: misreportedKind(d.kind) } : d)),
      );
    }
  });

  it("swaps surprise and announced, and reports a retaliation as a surprise", () => {
    expect(misreportedKind("surprise")).toBe("announced");
    expect(misreportedKind("announced")).toBe("surprise");
    expect(misreportedKind("retaliation")).toBe("surprise");
  });

  it("is seeded: the same seed gives the same result", () => {
    expect(applyMiscommunication(DEFECTIONS, 0.3, createRng("s"))).toEqual(
      applyMiscommunication(DEFECTIONS, 0.3, createRng("s")),
    );
  });

  it("misses about p and misreports about (1 − p)·p of the defections for p = 0.3", () => {
    let missed = 0;
    let misreported = 0;
    let total = 0;
    for (let seed = 0; seed < 300; seed++) {
      const result = applyMiscommunication(DEFECTIONS, 0.3, createRng(`noise-${seed}`));
      missed += result.missed.length;
      misreported += result.misreported.length;
      total += DEFECTIONS.length;
    }
    // 3600 defections: expect 1080 missed and 756 misreported; standard deviations ≈ 27 and 25.
    expect(missed / total).toBeGreaterThan(0.26);
    expect(missed / total).toBeLessThan(0.34);
    expect(misreported / total).toBeGreaterThan(0.17);
    expect(misreported / total).toBeLessThan(0.25);
  });
});
