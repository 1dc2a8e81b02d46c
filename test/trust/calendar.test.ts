/**
 * The one rule for the end of a term or a deadline (`seasonEndsWith`): a season ends with the last
 * phase played in it or before it, when the game moves past it — a winter with no adjustment phase
 * ends with the fall (issue 12 (a) and (b)).
 */
import { describe, expect, it } from "vitest";
import { seasonEndsWith } from "../../shared/src/trust/calendar";
import type { SeasonRef } from "../../shared/src/trust/types";

const at = (text: string): SeasonRef => {
  const [season, year] = text.split(" ") as [SeasonRef["season"], string];
  return { season, year: Number(year) };
};

/** [season named, phase just played, next phase, whether the season ends with the phase]. */
const ROWS: readonly (readonly [string, string, string, boolean])[] = [
  ["spring 1901", "spring 1901", "fall 1901", true],
  ["spring 1901", "spring 1901", "spring 1901", false], // movement then retreat
  ["fall 1901", "fall 1901", "winter 1901", true],
  ["fall 1901", "fall 1901", "spring 1902", true],
  ["winter 1901", "fall 1901", "winter 1901", false], // a winter is played: it ends with the winter
  ["winter 1901", "winter 1901", "spring 1902", true],
  ["winter 1901", "fall 1901", "spring 1902", true], // issue 12: no winter played
  ["winter 1901", "fall 1901", "fall 1901", false], // the fall's retreat is still to come
  ["fall 1902", "fall 1901", "spring 1902", false],
  ["spring 1901", "fall 1901", "spring 1902", false], // ended before
];

describe("seasonEndsWith", () => {
  for (const [season, now, next, ends] of ROWS) {
    it(`"${season}" ${ends ? "ends" : "does not end"} with ${now} when ${next} comes next`, () => {
      expect(seasonEndsWith(at(season), at(now), at(next))).toBe(ends);
    });
  }
});
