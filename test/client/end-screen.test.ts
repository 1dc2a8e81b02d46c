/**
 * The end screen's logic (client/src/game/endScreen.ts), in node: the result in plain words; the
 * scoring system's name and formula with the preset's own weights; the score table of a finished
 * offline match (best first, the stored scores, the columns of its system, the breakdown agreeing
 * with the stored scores — and noticing when it does not); the centres over the years; what
 * "play again" does for each screen; and the setup an offline match is played again with.
 */
import { describe, expect, it } from "vitest";
import { centreCounts } from "../../shared/src/game/position";
import { getMap } from "../../shared/src/map/registry";
import type { PowerId } from "../../shared/src/map/types";
import { scoreBreakdown } from "../../shared/src/match/scoring";
import type { MatchResult, MatchState } from "../../shared/src/match/types";
import { playerView } from "../../shared/src/match/view";
import { PRESETS } from "../../shared/src/trust/presets";
import {
  centreSeries,
  listOf,
  mostCentres,
  playAgainFor,
  points,
  resultWords,
  scoreTable,
  systemWords,
} from "../../client/src/game/endScreen";
import { createLocalMatch, mapOfLocal, replaySetup } from "../../client/src/local/engine";
import { finishedLocalMatch } from "../support/finished-local";

const NOW = 1_700_000_000_000;
const amber = getMap("amber")!;
const nameOf = (p: PowerId) => amber.power.get(p)?.name ?? p;
const AT = { year: 1903, season: "spring", phase: "movement" } as const;
const result = (r: Partial<MatchResult>): MatchResult => ({
  kind: "draw",
  winner: null,
  survivors: [],
  scores: {},
  at: AT,
  ...r,
});

/** A five-power Amber match to the end of 1902 (the human, Brynmark, only says Ready). */
const finished = finishedLocalMatch(
  { mapId: "amber", human: "BRY", bots: { ORO: "steady" }, yearLimit: 1902, seed: "end-screen" },
  NOW,
);
const G = finished.state;

describe("resultWords", () => {
  const CASES = [
    {
      name: "a solo names the winner",
      result: result({ kind: "solo", winner: "SEL", survivors: ["SEL", "ORO"] }),
      yearLimit: null,
      words: { title: "Selenne wins", text: "Selenne won outright in Spring 1903." },
    },
    {
      name: "a draw names who agreed it",
      result: result({ kind: "draw", survivors: ["BRY", "ORO", "SEL"] }),
      yearLimit: null,
      words: { title: "A draw", text: "Brynmark, Orovin and Selenne agreed a draw in Spring 1903." },
    },
    {
      name: "the year limit names the last year and the survivors",
      result: result({
        kind: "year-limit",
        survivors: ["KAS", "TAL"],
        at: { year: 1904, season: "winter", phase: "adjustment" },
      }),
      yearLimit: 1904,
      words: {
        title: "The year limit",
        text: "The last year (1904) was played out in Winter 1904 adjustments; Kastrel and Talvessa survive.",
      },
    },
    {
      name: "one survivor survives (singular)",
      result: result({ kind: "year-limit", survivors: ["KAS"] }),
      yearLimit: 1903,
      words: {
        title: "The year limit",
        text: "The last year (1903) was played out in Spring 1903; Kastrel survives.",
      },
    },
  ] as const;
  for (const c of CASES)
    it(c.name, () => {
      expect(resultWords(c.result, c.yearLimit, nameOf)).toEqual(c.words);
    });

  it("lists names as people write them", () => {
    expect([listOf([]), listOf(["A"]), listOf(["A", "B"]), listOf(["A", "B", "C"])]).toEqual([
      "",
      "A",
      "A and B",
      "A, B and C",
    ]);
  });
});

describe("systemWords", () => {
  for (const preset of Object.values(PRESETS))
    it(`statesman under ${preset.name} reads its weights from the preset`, () => {
      const w = preset.scoring;
      const words = systemWords({ system: "statesman", weights: w, soloCentres: 18 }, preset);
      expect(words.name).toBe(`Statesman (${preset.name} rules)`);
      expect(words.formula).toBe(
        `100 × ${points(w.centers)} × the share of the 18 centres a solo needs + ${points(w.reputation)} × reputation + ${points(w.prestige)} × prestige.`,
      );
    });

  it("names the other systems", () => {
    const preset = PRESETS["default"]!;
    const of = (system: "solo-draw" | "sum-of-squares") =>
      systemWords({ system, weights: preset.scoring, soloCentres: 12 }, preset).name;
    expect([of("solo-draw"), of("sum-of-squares")]).toEqual(["Solo or draw", "Sum of squares"]);
  });

  it("prints points to hundredths without trailing zeros", () => {
    expect([points(30), points(12.5), points(100 / 3), points(6.000000000000001)]).toEqual([
      "30",
      "12.5",
      "33.33",
      "6",
    ]);
  });
});

describe("scoreTable", () => {
  const preset = PRESETS[G.settings.preset]!;
  const table = scoreTable(G, amber, preset)!;

  it("is null while the match goes on", () => {
    expect(scoreTable({ ...G, result: null }, amber, preset)).toBeNull();
  });

  it("shows every power's stored score, best first, with ranks", () => {
    expect(G.result).not.toBeNull();
    expect(table.rows.map((r) => r.power).sort()).toEqual([...G.powers].sort());
    for (const row of table.rows) expect(row.score).toBe(G.result!.scores[row.power]);
    const scores = table.rows.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    table.rows.forEach((row, i) => {
      const better = scores.filter((s) => s > row.score).length;
      expect(row.rank).toBe(better + 1);
      expect(row.rank).toBeLessThanOrEqual(i + 1);
    });
    expect(table.agrees).toBe(true);
  });

  it("has the statesman columns, a cell each, and the terms' points in the cells", () => {
    expect(G.settings.scoring).toBe("statesman");
    expect(table.columns.map((c) => c.id)).toEqual(["centres", "share", "reputation", "prestige"]);
    const breakdown = scoreBreakdown("statesman", preset, {
      map: amber,
      powers: G.powers,
      position: G.position,
      reputation: G.reputation,
      prestige: G.prestige,
      kind: G.result!.kind,
      winner: G.result!.winner,
      survivors: G.result!.survivors,
    });
    for (const row of table.rows) {
      const b = breakdown.powers.find((p) => p.power === row.power)!;
      expect(row.cells).toHaveLength(4);
      expect(row.cells[0]!.text).toBe(String(b.centres));
      expect(row.cells[2]).toEqual({
        text: `${b.reputation} × ${points(preset.scoring.reputation)}`,
        detail: `= ${points(b.terms[1]!.points)} points`,
      });
    }
  });

  it("is the same for a spectator as for the seat", () => {
    const seat = scoreTable(playerView(G, "BRY"), amber, preset);
    const spectator = scoreTable(playerView(G, null), amber, preset);
    expect(spectator).toEqual(seat);
    expect(spectator).toEqual(table);
  });

  it("notices a stored score its breakdown does not explain", () => {
    const [first] = G.powers;
    const off: MatchState = {
      ...G,
      result: { ...G.result!, scores: { ...G.result!.scores, [first!]: G.result!.scores[first!]! + 1 } },
    };
    expect(scoreTable(off, amber, preset)!.agrees).toBe(false);
  });

  it("under sum of squares, shows each power's squares out of the total", () => {
    const sq: MatchState = { ...G, settings: { ...G.settings, scoring: "sum-of-squares" } };
    const counts = centreCounts(amber, G.position);
    const total = G.powers.reduce((s, p) => s + (counts.get(p) ?? 0) ** 2, 0);
    const t = scoreTable(sq, amber, preset)!;
    expect(t.columns.map((c) => c.id)).toEqual(["centres", "squares"]);
    for (const row of t.rows)
      expect(row.cells[1]!.text).toBe(`${(counts.get(row.power) ?? 0) ** 2} of ${total}`);
    expect(t.agrees).toBe(false); // the match was scored as statesman
  });

  it("under solo or draw, shows each survivor's share", () => {
    const sd: MatchState = { ...G, settings: { ...G.settings, scoring: "solo-draw" } };
    const t = scoreTable(sd, amber, preset)!;
    const n = G.result!.survivors.length;
    expect(t.columns.map((c) => c.id)).toEqual(["centres", "outcome"]);
    for (const row of t.rows)
      expect(row.cells[1]!.text).toBe(G.result!.survivors.includes(row.power) ? `1 of ${n}` : "None");
  });
});

describe("centreSeries", () => {
  const series = centreSeries(amber, G.powers, G.history, G.position);

  it("starts with the map's start, a point per year played, and ends on the final board", () => {
    expect(series.map((p) => p.label)).toEqual(["1901", "1902", "End"]);
    for (const p of G.powers) expect(series[0]!.centres[p]).toBe(3);
    const final = centreCounts(amber, G.position);
    for (const p of G.powers) expect(series[2]!.centres[p]).toBe(final.get(p) ?? 0);
    expect(mostCentres(series)).toBe(Math.max(...G.powers.map((p) => final.get(p) ?? 0)));
  });
});

describe("playAgainFor", () => {
  const seat = { playerID: "1", credentials: "secret" };
  const CASES = [
    {
      name: "offline: a new local match",
      options: { offline: true, seat: null, nextMatchID: null },
      kind: "offline",
    },
    {
      name: "a held seat: the lobby's play again",
      options: { offline: false, seat, nextMatchID: "n" },
      kind: "seat",
    },
    {
      name: "a spectator after play again: the next match",
      options: { offline: false, seat: null, nextMatchID: "n" },
      kind: "next",
    },
    {
      name: "a spectator before: a new match",
      options: { offline: false, seat: null, nextMatchID: null },
      kind: "new",
    },
  ] as const;
  for (const c of CASES)
    it(c.name, () => {
      expect(playAgainFor(c.options).kind).toBe(c.kind);
    });
  it("carries the seat's proof", () => {
    expect(playAgainFor({ offline: false, seat, nextMatchID: null })).toEqual({ kind: "seat", ...seat });
  });
});

describe("replaySetup", () => {
  it("plays a finished offline match again: same map, power, bots, tactics and year limit; a fresh board", () => {
    const again = createLocalMatch(replaySetup(finished, "another-seed"), NOW + 1);
    if (!again.ok) throw new Error(again.error.message);
    const m = again.value;
    expect(m.id).not.toBe(finished.id);
    expect(mapOfLocal(m).id).toBe("amber");
    expect(m.human).toBe(finished.human);
    expect(m.bots).toEqual(finished.bots);
    expect(m.bots["ORO"]).toBe("steady");
    expect(m.tactics).toBe(finished.tactics);
    expect(m.state.settings).toEqual(finished.state.settings);
    expect(m.state.result).toBeNull();
    expect(m.state.history).toEqual([]);
    expect(m.state.position.year).toBe(amber.start.year);
  });
});
