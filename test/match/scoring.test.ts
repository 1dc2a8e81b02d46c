/**
 * The scoring systems (shared/src/match/scoring.ts), one named row per case with its scores worked
 * out by hand on the Amber map (12 centres for a solo, 3 each at the start): solo/draw, sum of
 * squares and statesman under each preset; and the breakdown that explains each score — its terms,
 * the preset's weights — adding up to the score itself.
 */
import { describe, expect, it } from "vitest";
import { initialPosition } from "../../shared/src/game/phases";
import type { Position } from "../../shared/src/game/position";
import { getMap } from "../../shared/src/map/registry";
import type { PowerId } from "../../shared/src/map/types";
import { score, scoreBreakdown, type ScoringInput } from "../../shared/src/match/scoring";
import type { MatchResult, ScoringSystem } from "../../shared/src/match/types";
import { getPreset } from "../../shared/src/trust/presets";

const map = getMap("amber")!;
const POWERS: PowerId[] = ["BRY", "KAS", "ORO", "SEL", "TAL"];

/** Amber's start with the centres of `moves` handed over: `{ cai: "BRY" }`. */
function board(moves: Readonly<Record<string, PowerId>>): Position {
  const start = initialPosition(map);
  return { ...start, supplyCenters: { ...start.supplyCenters, ...moves } };
}

/** Brynmark has taken Kastrel's three centres: BRY 6, KAS 0, the others 3. */
const BRY_SIX = board({ cai: "BRY", lyr: "BRY", wre: "BRY" });
/** Brynmark holds 13 centres (more than the 12 of a solo). */
const BRY_THIRTEEN = board({
  ...{ cai: "BRY", lyr: "BRY", wre: "BRY", hal: "BRY", ora: "BRY", zan: "BRY" },
  ...{ arl: "BRY", lum: "BRY", sol: "BRY", cor: "BRY" },
});

const STANDING = {
  reputation: { BRY: 60, KAS: 20, ORO: 50, SEL: 50, TAL: 50 },
  prestige: { BRY: 40, KAS: 50, ORO: 50, SEL: 50, TAL: 50 },
};

function input(
  position: Position,
  kind: MatchResult["kind"],
  winner: PowerId | null,
  survivors: readonly PowerId[],
): ScoringInput {
  return { map, powers: POWERS, position, ...STANDING, kind, winner, survivors };
}

const SURVIVORS_OF_SIX: PowerId[] = ["BRY", "ORO", "SEL", "TAL"];

const CASES: readonly {
  name: string;
  system: ScoringSystem;
  preset: string;
  input: ScoringInput;
  scores: Record<PowerId, number>;
}[] = [
  {
    name: "solo/draw: a solo takes everything",
    system: "solo-draw",
    preset: "default",
    input: input(BRY_THIRTEEN, "solo", "BRY", ["BRY", "SEL", "TAL"]),
    scores: { BRY: 100, KAS: 0, ORO: 0, SEL: 0, TAL: 0 },
  },
  {
    name: "solo/draw: a draw of four shares equally, the eliminated score nothing",
    system: "solo-draw",
    preset: "default",
    input: input(BRY_SIX, "draw", null, SURVIVORS_OF_SIX),
    scores: { BRY: 25, KAS: 0, ORO: 25, SEL: 25, TAL: 25 },
  },
  {
    name: "solo/draw: the year limit with three survivors (shares rounded to hundredths)",
    system: "solo-draw",
    preset: "default",
    input: input(BRY_SIX, "year-limit", null, ["BRY", "ORO", "SEL"]),
    scores: { BRY: 33.33, KAS: 0, ORO: 33.33, SEL: 33.33, TAL: 0 },
  },
  {
    name: "sum of squares: 36 of 63 squared centres, 9 of 63 each",
    system: "sum-of-squares",
    preset: "default",
    input: input(BRY_SIX, "draw", null, SURVIVORS_OF_SIX),
    scores: { BRY: 57.14, KAS: 0, ORO: 14.29, SEL: 14.29, TAL: 14.29 },
  },
  {
    name: "sum of squares: a solo takes everything",
    system: "sum-of-squares",
    preset: "default",
    input: input(BRY_THIRTEEN, "solo", "BRY", ["BRY", "SEL", "TAL"]),
    scores: { BRY: 100, KAS: 0, ORO: 0, SEL: 0, TAL: 0 },
  },
  {
    name: "statesman, default (0.6 centres, 0.25 reputation, 0.15 prestige)",
    system: "statesman",
    preset: "default",
    input: input(BRY_SIX, "draw", null, SURVIVORS_OF_SIX),
    // BRY 60·6/12 + 0.25·60 + 0.15·40 = 30 + 15 + 6; ORO 15 + 12.5 + 7.5; KAS 0 + 5 + 7.5
    scores: { BRY: 51, KAS: 12.5, ORO: 35, SEL: 35, TAL: 35 },
  },
  {
    name: "statesman, realist (centres only)",
    system: "statesman",
    preset: "realist",
    input: input(BRY_SIX, "year-limit", null, SURVIVORS_OF_SIX),
    scores: { BRY: 50, KAS: 0, ORO: 25, SEL: 25, TAL: 25 },
  },
  {
    name: "statesman, liberal (0.4 centres, 0.4 reputation, 0.2 prestige)",
    system: "statesman",
    preset: "liberal",
    input: input(BRY_SIX, "draw", null, SURVIVORS_OF_SIX),
    // BRY 40·6/12 + 0.4·60 + 0.2·40 = 20 + 24 + 8; ORO 10 + 20 + 10; KAS 0 + 8 + 10
    scores: { BRY: 52, KAS: 18, ORO: 40, SEL: 40, TAL: 40 },
  },
  {
    name: "statesman: more centres than a solo needs count as a full share",
    system: "statesman",
    preset: "realist",
    input: input(BRY_THIRTEEN, "solo", "BRY", ["BRY", "SEL", "TAL"]),
    scores: { BRY: 100, KAS: 0, ORO: 0, SEL: 0, TAL: 16.67 }, // TAL 2 of 12
  },
];

describe("score", () => {
  for (const c of CASES)
    it(c.name, () => {
      expect(score(c.system, getPreset(c.preset)!, c.input)).toEqual(c.scores);
    });
});

describe("scoreBreakdown", () => {
  for (const c of CASES)
    it(`${c.name}: the terms add up to the score`, () => {
      const preset = getPreset(c.preset)!;
      const b = scoreBreakdown(c.system, preset, c.input);
      expect(b.system).toBe(c.system);
      expect(b.weights).toEqual(preset.scoring);
      expect(b.powers.map((p) => p.power)).toEqual(POWERS);
      for (const p of b.powers) {
        expect(p.total).toBe(c.scores[p.power]);
        const sum = p.terms.reduce((s, t) => s + t.points, 0);
        expect(Math.abs(sum - p.total)).toBeLessThan(0.005 + 1e-9);
      }
    });

  it("statesman, default: Brynmark's terms name the preset's weights and what they weigh", () => {
    const b = scoreBreakdown(
      "statesman",
      getPreset("default")!,
      input(BRY_SIX, "draw", null, SURVIVORS_OF_SIX),
    );
    const bry = b.powers.find((p) => p.power === "BRY")!;
    expect(bry).toMatchObject({ centres: 6, reputation: 60, prestige: 40, total: 51 });
    expect(bry.terms).toEqual([
      { kind: "centres", value: 0.5, weight: 0.6, points: 30 },
      { kind: "reputation", value: 60, weight: 0.25, points: 15 },
      { kind: "prestige", value: 40, weight: 0.15, points: 6 },
    ]);
    expect(b.soloCentres).toBe(12);
  });

  it("sum of squares: each term is the power's centres squared over the sum of all squares", () => {
    const b = scoreBreakdown(
      "sum-of-squares",
      getPreset("default")!,
      input(BRY_SIX, "draw", null, SURVIVORS_OF_SIX),
    );
    expect(b.squaresTotal).toBe(63);
    expect(b.powers.map((p) => p.terms.map((t) => [t.kind, t.value]))).toEqual([
      [["squares", 36]],
      [["squares", 0]],
      [["squares", 9]],
      [["squares", 9]],
      [["squares", 9]],
    ]);
  });

  it("solo/draw: a power out of the draw has no term; a survivor's share is one in n", () => {
    const b = scoreBreakdown(
      "solo-draw",
      getPreset("default")!,
      input(BRY_SIX, "draw", null, SURVIVORS_OF_SIX),
    );
    expect(b.powers.find((p) => p.power === "KAS")!.terms).toEqual([]);
    expect(b.powers.find((p) => p.power === "ORO")!.terms).toEqual([
      { kind: "survivor-share", value: 0.25, weight: 100, points: 25 },
    ]);
  });
});
