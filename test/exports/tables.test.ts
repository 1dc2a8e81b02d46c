/**
 * The tables of a data export (shared/src/exports), on a match state built by hand: each table's
 * rows from the phases, orders, commitments, clauses, notices, defections, articles, standings and
 * press it holds; a running match's press cut at its last resolved phase; a class export's
 * match_id; students without keys; and text a spreadsheet would run as a formula defused.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DebriefSource } from "../../shared/src/debrief/source";
import {
  classExport,
  exportColumns,
  isoTime,
  matchExport,
  pressInView,
  rowsAsRecords,
  spreadsheetText,
  type MatchFacts,
  type TableRows,
} from "../../shared/src/exports";
import { newMatch } from "../../shared/src/match/setup";
import type { MatchState, PhaseRecord, PressItem } from "../../shared/src/match/types";
import type { Defection, PhaseRef } from "../../shared/src/trust/types";
import { commitment, map } from "../trust/support";

const SPRING: PhaseRef = { year: 1901, season: "spring", phase: "movement" };
const FALL: PhaseRef = { year: 1901, season: "fall", phase: "movement" };

const start: MatchState = newMatch(map, {
  mapId: "classic",
  preset: "default",
  pressMode: "full",
  yearLimit: 1905,
  miscommunication: 0,
  scoring: "statesman",
});

const surprise: Defection = {
  by: "FRA",
  against: "ENG",
  kind: "surprise",
  at: SPRING,
  acts: [
    { cause: "breach", commitmentId: "c1", clauseIndex: 0, description: "ordered A par - bur" },
    { cause: "breach", commitmentId: "c1", clauseIndex: 0, description: "ordered F bre - mao" },
  ],
};

/** Spring 1901: France moves Paris to Burgundy, England holds London with an invalid order too. */
const spring: PhaseRecord = {
  phase: SPRING,
  orders: {},
  resolved: {
    phase: "movement",
    resolution: {
      results: [
        {
          order: {
            kind: "move",
            power: "FRA",
            unit: { type: "A", location: "par" },
            to: "bur",
            viaConvoy: false,
          },
          outcome: "succeeds",
        },
        { order: { kind: "hold", power: "ENG", unit: { type: "F", location: "lon" } }, outcome: "succeeds" },
        {
          order: {
            kind: "move",
            power: "ENG",
            unit: { type: "A", location: "lvp" },
            to: "mos",
            viaConvoy: false,
          },
          outcome: "invalid",
          reason: { family: "illegal", code: "unreachable", message: "lvp cannot reach mos" },
        },
      ],
      units: [],
      dislodged: [],
      contested: [],
    },
  },
  defections: [surprise],
};

/** The state after spring: one commitment of two clauses, one edition, reputations moved. */
const afterSpring: MatchState = {
  ...start,
  position: {
    ...start.position,
    season: "fall",
    units: start.position.units.map((u) => (u.location === "par" ? { ...u, location: "bur" } : u)),
  },
  commitments: [
    commitment(
      "c1",
      ["ENG", "FRA"],
      [
        { kind: "text", text: "=cmd|' /C calc'!A0" },
        {
          kind: "support-pledge",
          power: "FRA",
          beneficiary: "ENG",
          supporter: "bur",
          supported: "lon",
          to: "nth",
          when: { year: 1901, season: "fall" },
        },
      ],
    ),
  ],
  reputation: { ...start.reputation, FRA: 35 },
  editions: [
    {
      number: 1,
      phase: SPRING,
      articles: [
        {
          event: { ...surprise, type: "defection" },
          headline: "Treachery! France breaks faith with England",
        },
        { event: { type: "communique", by: "GER", text: "@SUM(1)" }, headline: "Germany speaks" },
      ],
    },
  ],
  history: [spring],
};

/** A running match's source after one phase, with a notice and press of both phases. */
function runningSource(): DebriefSource {
  return {
    matchID: "m1",
    ended: false,
    view: "whole",
    start,
    phases: [{ phase: "1901-spring-movement", G: afterSpring }],
    last: afterSpring,
    actions: [
      { phase: "1901-spring-movement", playerID: "1", move: "notice", args: { commitmentId: "c1" } },
      { phase: "1901-spring-movement", playerID: "1", move: "orders", args: { orders: [] } },
    ],
  };
}

const press: PressItem[] = [
  {
    id: "p1",
    kind: "communique",
    from: "GER",
    to: [],
    text: "@SUM(1)",
    at: SPRING,
    sentAt: Date.UTC(2026, 0, 1),
  },
  {
    id: "p2",
    kind: "message",
    from: "ENG",
    to: ["FRA"],
    text: "in the phase in progress",
    at: FALL,
    sentAt: 0,
  },
];

/** A table of an export by name, its rows as objects. */
function table(tables: readonly TableRows[], name: string): Record<string, unknown>[] {
  const found = tables.find((t) => t.name === name);
  if (found === undefined) throw new Error(`no table ${name}`);
  return rowsAsRecords(found);
}

describe("a match's tables", () => {
  const facts: MatchFacts = { source: runningSource(), press };
  const tables = matchExport(facts);

  it("has the documented tables, each row one cell per column", () => {
    expect(tables.map((t) => t.name)).toEqual(exportColumns("match").map((t) => t.name));
    for (const t of tables) for (const row of t.rows) expect(row).toHaveLength(t.columns.length);
  });

  it("writes the match, its phases and its orders with their results", () => {
    expect(table(tables, "matches")).toEqual([
      expect.objectContaining({
        match_id: "m1",
        map: "classic",
        year_limit: 1905,
        complete: false,
        outcome: null,
        phases: 1,
        editions: 1,
        powers: "AUS ENG FRA GER ITA RUS TUR",
      }),
    ]);
    expect(table(tables, "phases")).toEqual([
      {
        phase_number: 1,
        phase: "1901-spring-movement",
        label: "Spring 1901 movement",
        year: 1901,
        season: "spring",
        kind: "movement",
        orders: 3,
        defections: 1,
        edition: 1,
      },
    ]);
    expect(table(tables, "orders")).toEqual([
      {
        phase: "1901-spring-movement",
        power: "FRA",
        unit: "A par",
        order: "A par - bur",
        kind: "move",
        result: "succeeds",
        reason: null,
      },
      expect.objectContaining({ power: "ENG", order: "F lon H", result: "succeeds" }),
      expect.objectContaining({ unit: "A lvp", result: "invalid", reason: "lvp cannot reach mos" }),
    ]);
  });

  it("writes commitments, one row per clause, notices and defections with whether the paper reported them", () => {
    expect(table(tables, "commitments")).toEqual([
      expect.objectContaining({ commitment_id: "c1", parties: "ENG FRA", status: "active", clauses: 2 }),
    ]);
    const clauses = table(tables, "clauses");
    expect(clauses).toHaveLength(2);
    expect(clauses[0]).toMatchObject({ clause_number: 1, kind: "text", text: "=cmd|' /C calc'!A0" });
    expect(clauses[1]).toMatchObject({
      clause_number: 2,
      kind: "support-pledge",
      powers: "FRA ENG",
      provinces: "bur lon nth",
      season: "1901-fall",
      text: null,
    });
    expect(table(tables, "notices")).toEqual([
      { phase: "1901-spring-movement", commitment_id: "c1", by: "ENG" },
    ]);
    expect(table(tables, "defections")).toEqual([
      {
        phase: "1901-spring-movement",
        by: "FRA",
        against: "ENG",
        kind: "surprise",
        acts: 2,
        commitments: "c1",
        what: "ordered A par - bur; ordered F bre - mao",
        reported: true,
      },
    ]);
  });

  it("writes the articles and every power's standing at the start and after each phase", () => {
    const articles = table(tables, "articles");
    expect(articles.map((a) => [a["article_number"], a["kind"], a["text"]])).toEqual([
      [1, "defection", null],
      [2, "communique", "@SUM(1)"],
    ]);
    const standings = table(tables, "standings");
    expect(standings).toHaveLength(2 * 7);
    expect(standings.find((s) => s["phase"] === "start" && s["power"] === "FRA")).toMatchObject({
      phase_number: 0,
      centres: 3,
      units: 3,
    });
    expect(standings.find((s) => s["phase_number"] === 1 && s["power"] === "FRA")).toMatchObject({
      reputation: 35,
    });
  });

  it("keeps press of the phase in progress out of a running match's export, and in once it ended", () => {
    expect(table(tables, "messages").map((m) => m["message_id"])).toEqual(["p1"]);
    expect(table(tables, "messages")[0]).toMatchObject({ sent_at: "2026-01-01T00:00:00.000Z", to: "" });
    expect(pressInView({ ...runningSource(), ended: true }, press)).toEqual(press);
  });

  it("says when a defection went unreported", () => {
    const missed: MatchState = { ...afterSpring, editions: [] };
    const source = { ...runningSource(), last: missed };
    expect(table(matchExport({ source, press: [] }), "defections")[0]).toMatchObject({ reported: false });
  });
});

describe("a class session's tables", () => {
  const one: MatchFacts = { source: runningSource(), press };
  const two: MatchFacts = { source: { ...runningSource(), matchID: "m2" }, press: [] };
  const students = [
    { name: "Zoë", matchId: "m1", power: "FRA", joinedAt: 0 },
    { name: "Yann", matchId: null, power: null, joinedAt: 1000 },
  ];
  const tables = classExport([one, two], students);

  it("begins each table's rows with their match, has the documented columns, and names students only", () => {
    expect(tables.map((t) => [t.name, t.columns.map((c) => c.name)])).toEqual(
      exportColumns("class").map((t) => [t.name, t.columns.map((c) => c.name)]),
    );
    expect(table(tables, "matches").map((m) => m["match_id"])).toEqual(["m1", "m2"]);
    expect(table(tables, "orders").map((o) => o["match_id"])).toEqual(["m1", "m1", "m1", "m2", "m2", "m2"]);
    expect(table(tables, "messages").map((o) => o["match_id"])).toEqual(["m1"]);
    expect(table(tables, "students")).toEqual([
      { student: "Zoë", match_id: "m1", power: "FRA", joined_at: "1970-01-01T00:00:00.000Z" },
      { student: "Yann", match_id: null, power: null, joined_at: "1970-01-01T00:00:01.000Z" },
    ]);
  });
});

describe("spreadsheet cells", () => {
  it.each(["=1+1", "+1", "-1+cmd", "@SUM(A1)", "\tx", "\rx"])(
    "defuses text starting like a formula: %j",
    (t) => {
      expect(spreadsheetText(t)).toBe(`'${t}`);
    },
  );

  it("leaves other text, numbers, yes/no and nothing as they are", () => {
    expect(spreadsheetText("A par - bur")).toBe("A par - bur");
    expect(spreadsheetText(" =1")).toBe(" =1");
    expect(spreadsheetText(-5)).toBe("-5"); // a number, not text: a spreadsheet reads it as one
    expect(spreadsheetText(2.5)).toBe("2.5");
    expect(spreadsheetText(true)).toBe("true");
    expect(spreadsheetText(false)).toBe("false");
    expect(spreadsheetText(null)).toBe("");
  });

  it("never lets a text cell begin with a formula character", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(/^[=+\-@\t\r]/.test(spreadsheetText(text))).toBe(false);
      }),
    );
  });
});

describe("times", () => {
  it("writes a time as ISO 8601 in UTC, as Date does", () => {
    expect(isoTime(Date.UTC(2024, 1, 29, 23, 59, 59, 7))).toBe("2024-02-29T23:59:59.007Z");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        expect(isoTime(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
  });
});
