/** The projector's news line per match (client/src/classroom/Projector.tsx `newsLine`), as rows. */
import { describe, expect, it } from "vitest";
import { newsLine } from "../../client/src/classroom/dashboard";

const phase = (year: number, season: "spring" | "fall", kind: "movement" | "retreat" | "adjustment") => ({
  year,
  season,
  phase: kind,
});

describe("newsLine", () => {
  it.each([
    [
      "the first phase",
      { over: false, result: null, headlines: [], phase: phase(1901, "spring", "movement") },
      1901,
      "No news yet.",
    ],
    [
      "a map not known yet",
      { over: false, result: null, headlines: [], phase: phase(1902, "spring", "movement") },
      null,
      "No news yet.",
    ],
    [
      "an empty edition",
      { over: false, result: null, headlines: [], phase: phase(1901, "fall", "movement") },
      1901,
      "All quiet: nothing to report this phase.",
    ],
    [
      "a later spring",
      { over: false, result: null, headlines: [], phase: phase(1902, "spring", "movement") },
      1901,
      "All quiet: nothing to report this phase.",
    ],
    [
      "a headline",
      {
        over: false,
        result: null,
        headlines: ["France takes Belgium", "x"],
        phase: phase(1901, "fall", "movement"),
      },
      1901,
      "France takes Belgium",
    ],
    [
      "a finished match",
      {
        over: true,
        result: "Ended by the teacher (fall 1902)",
        headlines: ["x"],
        phase: phase(1902, "fall", "movement"),
      },
      1901,
      "Ended by the teacher (fall 1902)",
    ],
  ] as const)("%s", (_, match, firstYear, want) => {
    expect(newsLine({ ...match, headlines: [...match.headlines] }, firstYear)).toBe(want);
  });
});
