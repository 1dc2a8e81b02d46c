/**
 * The strength protocol of `npm run tournament` (tools/tournament/strength.ts): Wilson intervals
 * against known values, centre shares and rates per bot from records, and game ends by year.
 */
import { describe, expect, it } from "vitest";
import type { BotMatchRecord, PowerRecord } from "../../shared/src/bots";
import {
  endsByYear,
  formatEnds,
  formatStrengths,
  strengths,
  wilson95,
} from "../../tools/tournament/strength";

/** A power's record with only what the protocol reads. */
function power(p: string, label: string, centres: number, eliminatedIn: number | null = null): PowerRecord {
  return {
    power: p,
    label,
    centres,
    eliminatedIn,
    reputation: 50,
    prestige: 50,
    score: 0,
    signed: 0,
    kept: 0,
    broken: 0,
    surpriseDefections: 0,
    announcedDefections: 0,
    retaliations: 0,
    betrayed: 0,
    centresByYear: [],
    reputationByYear: [],
  };
}

/** A two-power game. */
function game(
  kind: "solo" | "draw" | "year-limit",
  year: number,
  winner: string | null,
  powers: PowerRecord[],
): BotMatchRecord {
  return {
    seed: "s",
    mapId: "classic",
    yearLimit: 1920,
    result: { kind, winner, at: { year, season: "fall", phase: "movement" } },
    survivors: powers.filter((p) => p.eliminatedIn === null).map((p) => p.power),
    phases: 10,
    refused: 0,
    powers,
  };
}

describe("the strength protocol", () => {
  it("gives Wilson 95% intervals", () => {
    // Reference values (Wilson score interval, z = 1.96): 10/100 → 5.52%–17.44%; 0/140 → 0–2.67%.
    const a = wilson95(10, 100);
    expect(a.rate).toBe(0.1);
    expect(a.low).toBeCloseTo(0.0552, 3);
    expect(a.high).toBeCloseTo(0.1744, 3);
    const b = wilson95(0, 140);
    expect(b.low).toBe(0);
    expect(b.high).toBeCloseTo(0.0267, 3);
    expect(wilson95(0, 0)).toMatchObject({ rate: 0, low: 0, high: 0 });
  });

  it("counts each bot's centre share, solos and eliminations over its seats", () => {
    const records = [
      game("solo", 1912, "ENG", [power("ENG", "hero", 18), power("FRA", "foe", 0, 1911)]),
      game("year-limit", 1920, null, [power("ENG", "foe", 10), power("FRA", "hero", 7)]),
    ];
    const [hero, foe] = strengths(records, ["hero", "foe"], 34, 7);
    expect(hero).toMatchObject({ label: "hero", seats: 2, fair: 1 / 7 });
    expect(hero!.share).toBeCloseTo(25 / 68, 10);
    expect(hero!.solos).toMatchObject({ count: 1, of: 2 });
    expect(hero!.eliminations.count).toBe(0);
    expect(foe!.eliminations).toMatchObject({ count: 1, of: 2 });
    expect(foe!.solos.count).toBe(0);
    expect(formatStrengths([hero!])[0]).toMatch(
      /^hero: centre share 36\.8% \(95% CI .*\), fair 14\.3% · solos 1\/2 = 50\.0%/,
    );
  });

  it("lists the game ends by year and kind", () => {
    const p = [power("ENG", "x", 5), power("FRA", "x", 5)];
    const records = [
      game("draw", 1908, null, p),
      game("draw", 1907, null, p),
      game("draw", 1908, null, p),
      game("year-limit", 1920, null, p),
    ];
    expect(endsByYear(records)).toEqual([
      { kind: "draw", year: 1907, games: 1 },
      { kind: "draw", year: 1908, games: 2 },
      { kind: "year-limit", year: 1920, games: 1 },
    ]);
    expect(formatEnds(records)).toBe("ends: 1907 draw×1 · 1908 draw×2 · 1920 year-limit×1");
  });
});
