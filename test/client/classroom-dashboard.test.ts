/**
 * The teacher's dashboard and projector as plain data (client/src/classroom/dashboard.ts): phases
 * in words, arrivals and who is connected, the roster still to come, a phase's progress, where a
 * student may be moved, the poll's back-off, and which match the projector shows.
 */
import { describe, expect, it } from "vitest";
import {
  arrivalsText,
  connectedCount,
  matchStateText,
  moveTargets,
  parseMinutes,
  parseMoveTarget,
  phaseProgress,
  reputationSpan,
  retryDelay,
  rosterWaiting,
  shownMatch,
  spacedCode,
  statusText,
  studentNames,
  unplaced,
} from "../../client/src/classroom/dashboard";
import type { ClassMatch, ClassStudent } from "../../shared/src/wire";

const student = (studentId: string, name: string, over: Partial<ClassStudent> = {}): ClassStudent => ({
  studentId,
  name,
  matchId: null,
  power: null,
  connected: false,
  joinedAt: 0,
  ...over,
});

type Power = ClassMatch["powers"][number];
const power = (id: string, over: Partial<Power> = {}): Power => ({
  power: id,
  students: [],
  bot: null,
  connected: false,
  ordersIn: false,
  ready: false,
  mustAct: true,
  centres: 3,
  reputation: 50,
  out: false,
  ...over,
});

const match = (matchId: string, number: number, over: Partial<ClassMatch> = {}): ClassMatch => ({
  matchId,
  number,
  preset: "default",
  phase: { year: 1901, season: "spring", phase: "movement" },
  deadline: null,
  paused: false,
  over: false,
  result: null,
  headline: null,
  powers: [power("FRA"), power("GER")],
  ...over,
});

describe("matchStateText", () => {
  it("names the phase as the game screen does", () => {
    expect(matchStateText(match("m1", 1))).toBe("Spring 1901 movement");
    expect(matchStateText(match("m1", 1, { phase: { year: 1902, season: "fall", phase: "retreat" } }))).toBe(
      "Fall 1902 retreats",
    );
    expect(
      matchStateText(match("m1", 1, { phase: { year: 1902, season: "winter", phase: "adjustment" } })),
    ).toBe("Winter 1902 adjustments");
  });
  it("says how an ended match ended", () => {
    expect(matchStateText(match("m1", 1, { over: true, result: "France wins" }))).toBe("Over: France wins");
    expect(matchStateText(match("m1", 1, { over: true }))).toBe("Over");
  });
});

describe("arrivals and connections", () => {
  it("counts arrivals in words", () => {
    expect(arrivalsText(0)).toBe("No students yet");
    expect(arrivalsText(1)).toBe("1 student joined");
    expect(arrivalsText(3)).toBe("3 students joined");
  });
  it("counts who is connected of how many", () => {
    const students = [
      student("a", "Ada", { connected: true }),
      student("b", "Bo"),
      student("c", "Cy", { connected: true }),
    ];
    expect(connectedCount(students)).toEqual({ connected: 2, total: 3 });
    expect(connectedCount([])).toEqual({ connected: 0, total: 0 });
  });
  it("lists the roster names nobody has taken, whatever their case and spacing", () => {
    const roster = ["Ada Lovelace", "Alan Turing", "Grace Hopper"];
    expect(rosterWaiting(roster, [student("a", "ada  lovelace")])).toEqual(["Alan Turing", "Grace Hopper"]);
    expect(rosterWaiting(roster, [])).toEqual(roster);
  });
  it("names a power's students, an unknown id as itself", () => {
    const students = [student("s1", "Ada"), student("s2", "Bo")];
    expect(studentNames(["s2", "s1", "s9"], students)).toEqual(["Bo", "Ada", "s9"]);
  });
  it("splits the unplaced into waiting and watching", () => {
    const students = [
      student("a", "Ada"),
      student("b", "Bo", { matchId: "m1", power: "FRA" }),
      student("c", "Cy", { matchId: "m1" }),
    ];
    const { waiting, watching } = unplaced(students);
    expect(waiting.map((s) => s.name)).toEqual(["Ada"]);
    expect(watching.map((s) => s.name)).toEqual(["Cy"]);
  });
});

describe("phaseProgress", () => {
  it("counts only the powers still in that must act", () => {
    const m = match("m1", 1, {
      powers: [
        power("FRA", { ordersIn: true, ready: true }),
        power("GER", { ordersIn: true }),
        power("ITA", { mustAct: false, ordersIn: true, ready: true }),
        power("RUS", { out: true }),
      ],
    });
    expect(phaseProgress(m)).toEqual({ due: 2, ordersIn: 2, ready: 1 });
  });
});

describe("moving a student", () => {
  const names: Record<string, string> = { FRA: "France", GER: "Germany" };
  const named = (p: string) => names[p] ?? p;
  it("offers every power still in of every running match, and watching it", () => {
    const matches = [
      match("m1", 1, { powers: [power("FRA"), power("GER", { bot: "steady" })] }),
      match("m2", 2, { powers: [power("FRA", { out: true }), power("GER")] }),
      match("m3", 3, { over: true }),
    ];
    expect(moveTargets(matches, named).map((t) => t.label)).toEqual([
      "Match 1 · France",
      "Match 1 · Germany (bot now)",
      "Match 1 · watch",
      "Match 2 · Germany",
      "Match 2 · watch",
    ]);
  });
  it("reads an option back to the match and power it names", () => {
    for (const t of moveTargets([match("m-1_x", 1)], named)) {
      expect(parseMoveTarget(t.value)).toEqual({ matchId: t.matchId, power: t.power });
    }
    expect(parseMoveTarget("m1/watch")).toEqual({ matchId: "m1", power: null });
    expect(parseMoveTarget("")).toBeNull();
    expect(parseMoveTarget("m1/")).toBeNull();
    expect(parseMoveTarget("/FRA")).toBeNull();
  });
});

describe("retryDelay", () => {
  it("doubles from a second up to half a minute", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(retryDelay)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
    expect(retryDelay(0)).toBe(1000);
  });
});

describe("shownMatch", () => {
  const matches = [match("m1", 1), match("m2", 2, { over: true }), match("m3", 3)];
  it("shows the focused match", () => {
    expect(shownMatch(matches, "m2", 5)?.matchId).toBe("m2");
  });
  it("rotates through the running matches", () => {
    expect([0, 1, 2, 3].map((t) => shownMatch(matches, "rotate", t)?.matchId)).toEqual([
      "m1",
      "m3",
      "m1",
      "m3",
    ]);
  });
  it("falls back to rotating when the focused match is unknown, and to ended matches when none runs", () => {
    expect(shownMatch(matches, "gone", 1)?.matchId).toBe("m3");
    const ended = [match("m1", 1, { over: true }), match("m2", 2, { over: true })];
    expect(shownMatch(ended, "rotate", 1)?.matchId).toBe("m2");
    expect(shownMatch([], "rotate", 0)).toBeNull();
  });
});

describe("small readings", () => {
  it("reads minutes to extend by", () => {
    expect(parseMinutes("5")).toBe(5);
    expect(parseMinutes(" 90 ")).toBe(90);
    expect(parseMinutes("1440")).toBe(1440);
    for (const bad of ["", "0", "1441", "2.5", "-3", "ten"]) expect(parseMinutes(bad)).toBeNull();
  });
  it("splits a join code in halves for reading aloud", () => {
    expect(spacedCode("ABCD2F")).toBe("ABC D2F");
    expect(spacedCode("ABC")).toBe("ABC");
  });
  it("spans reputation bars from 0 to 100 unless a value lies outside", () => {
    expect(reputationSpan([50, 62])).toEqual({ lo: 0, hi: 100 });
    expect(reputationSpan([-12, 104])).toEqual({ lo: -20, hi: 110 });
    expect(reputationSpan([])).toEqual({ lo: 0, hi: 100 });
  });
  it("says where the session is", () => {
    expect(statusText({ status: "waiting", matches: [] })).toBe("Waiting for students");
    expect(statusText({ status: "ended", matches: [] })).toBe("Ended");
    expect(
      statusText({
        status: "running",
        matches: [match("m1", 1, { paused: true }), match("m2", 2), match("m3", 3, { over: true })],
      }),
    ).toBe("Running: 2 of 3 matches, 1 paused");
  });
});
