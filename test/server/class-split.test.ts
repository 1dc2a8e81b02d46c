/**
 * The class split (server/src/classes/split.ts) as table rows and properties: reproducible from
 * its seed, every student placed exactly once, matches within one student of each other, powers
 * within their team size (one more for "teams" extras), bots only where no student plays, and the
 * place of a student who arrives late.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchCount, placeLateStudent, splitClass, type SplitInput } from "../../server/src/classes/split";

const POWERS = ["AUS", "ENG", "FRA", "GER", "ITA", "RUS", "TUR"];
const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `s${i}`);

const input = (over: Partial<SplitInput>): SplitInput => ({
  students: ids(14),
  powers: POWERS,
  studentsPerPower: 1,
  extras: "teams",
  matches: null,
  presets: ["default"],
  seed: "seed",
  ...over,
});

describe("how many matches a class makes", () => {
  it.each([
    [40, 1, 6], // 40 / 7 = 5.7: six matches, two bots
    [9, 1, 1], // 1.3: one match, two extras
    [12, 2, 1], // 12 / 14: one match of six teams and a bot
    [1, 1, 1],
    [0, 1, 1],
    [30, 4, 1],
    [11, 1, 2],
  ])("%i students, %i per power → %i", (students, per, want) => {
    expect(matchCount(students, 7, per)).toBe(want);
  });
});

describe("the split", () => {
  it("is the same for the same seed and differs for another", () => {
    const a = splitClass(input({ students: ids(40) }));
    expect(splitClass(input({ students: ids(40) }))).toEqual(a);
    expect(splitClass(input({ students: ids(40), seed: "other" }))).not.toEqual(a);
  });

  it("gives 40 students six matches of 6–7, two bot powers, no observers", () => {
    const plan = splitClass(input({ students: ids(40) }));
    expect(plan.map((m) => m.powers.filter((p) => p.students.length > 0).length).sort()).toEqual([
      6, 6, 7, 7, 7, 7,
    ]);
    expect(plan.flatMap((m) => m.observers)).toEqual([]);
  });

  it("nine students with one per power: two powers get a second student (teams) or two watch (observers)", () => {
    const teams = splitClass(input({ students: ids(9) }));
    expect(teams[0]!.powers.map((p) => p.students.length).sort()).toEqual([1, 1, 1, 1, 1, 2, 2]);
    const watch = splitClass(input({ students: ids(9), extras: "observers" }));
    expect(watch[0]!.powers.every((p) => p.students.length === 1)).toBe(true);
    expect(watch[0]!.observers).toHaveLength(2);
  });

  it("alternates two presets across matches", () => {
    const plan = splitClass(input({ students: ids(28), presets: ["default", "harsh"] }));
    expect(plan.map((m) => m.preset)).toEqual(["default", "harsh", "default", "harsh"]);
  });

  it("keeps every student once, matches within one, powers within their team size", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom("teams" as const, "observers" as const),
        fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
        fc.string(),
        (n, per, extras, matches, seed) => {
          const plan = splitClass(input({ students: ids(n), studentsPerPower: per, extras, matches, seed }));
          const placed = plan.flatMap((m) => [...m.powers.flatMap((p) => p.students), ...m.observers]);
          expect(placed.sort()).toEqual(ids(n).sort());
          const sizes = plan.map(
            (m) => m.powers.reduce((k, p) => k + p.students.length, 0) + m.observers.length,
          );
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
          for (const m of plan) {
            expect(m.powers.map((p) => p.power)).toEqual(POWERS);
            for (const p of m.powers)
              expect(p.students.length).toBeLessThanOrEqual(per + (extras === "teams" ? 1 : 0));
            if (m.observers.length > 0) expect(m.powers.every((p) => p.students.length >= per)).toBe(true);
          }
        },
      ),
    );
  });
});

describe("a student who arrives after the start", () => {
  const power = (seat: number, students: number, bot = false, out = false) => ({ seat, students, bot, out });

  it("takes a bot's power in the smallest match", () => {
    const place = placeLateStudent(
      [
        { matchId: "a", powers: [power(0, 1), power(1, 0, true)] },
        { matchId: "b", powers: [power(0, 1), power(1, 1), power(2, 0, true)] },
      ],
      "teams",
      1,
    );
    expect(place).toEqual({ matchId: "a", seat: 1 });
  });

  it("never takes a bot's power that is out of the game; joins the smallest team, or watches", () => {
    const full = [{ matchId: "a", powers: [power(0, 1), power(1, 2), power(2, 0, true, true)] }];
    expect(placeLateStudent(full, "teams", 1)).toEqual({ matchId: "a", seat: 0 });
    expect(placeLateStudent(full, "observers", 1)).toEqual({ matchId: "a", seat: null });
    expect(placeLateStudent([], "teams", 1)).toBeNull();
  });
});
