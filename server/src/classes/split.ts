/**
 * Splitting a class into matches and powers (pure, reproducible from a seed): the students are
 * shuffled by the seed and dealt into matches of as even a size as can be (sizes differ by one at
 * most); in each match, powers (in an order shuffled by the seed) get `studentsPerPower` students
 * each until the match's students run out — the last power placed may get fewer — and the powers
 * left over are the bots'. When a match has more students than its powers take, the extras either
 * join powers one each (teams: some powers get one more student) or watch the match (observers).
 *
 * How many matches: as many as the teacher asked for, else the class size over the seats of one
 * match, rounded to the nearest whole (40 students, 7 powers, one each: 6 matches, two bots; 9
 * students: one match with two extras), at least one.
 */
import { createRng, type Rng } from "../../../shared/src/random";
import { MAX_CLASS_MATCHES } from "../../../shared/src/wire";

/** What the split needs. */
export interface SplitInput {
  readonly students: readonly string[]; // student ids, in the order they joined
  readonly powers: readonly string[]; // the powers of one match
  readonly studentsPerPower: number; // 1–4
  readonly extras: "teams" | "observers";
  readonly matches: number | null; // null: as many as the class fills
  readonly presets: readonly string[]; // one for all matches, or two alternated
  readonly seed: string;
}

/** One power of a planned match. */
export interface PlannedPower {
  readonly power: string;
  readonly students: readonly string[]; // empty: a bot plays it
}

/** One planned match. */
export interface PlannedMatch {
  readonly preset: string;
  readonly powers: readonly PlannedPower[]; // in the map's order
  readonly observers: readonly string[];
}

/** How many matches a class of `students` makes when the teacher did not say. */
export function matchCount(students: number, powers: number, studentsPerPower: number): number {
  return Math.max(1, Math.round(students / (powers * studentsPerPower)));
}

/** A copy of a list in an order shuffled by `rng` (Fisher–Yates). */
function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Splits a list into `parts` runs whose lengths differ by one at most (longer ones first). */
function evenRuns<T>(items: readonly T[], parts: number): T[][] {
  const runs: T[][] = [];
  let at = 0;
  for (let i = 0; i < parts; i++) {
    const size = Math.floor(items.length / parts) + (i < items.length % parts ? 1 : 0);
    runs.push(items.slice(at, at + size));
    at += size;
  }
  return runs;
}

/** Deals one match's students to its powers (in `order`); who is left over watches. */
function dealMatch(
  students: readonly string[],
  order: readonly string[],
  perPower: number,
  extras: SplitInput["extras"],
): { seats: Map<string, string[]>; observers: string[] } {
  const seats = new Map<string, string[]>(order.map((p) => [p, []]));
  let next = 0;
  for (const power of order) {
    for (let k = 0; k < perPower && next < students.length; k++) seats.get(power)!.push(students[next++]!);
  }
  const observers: string[] = [];
  for (let i = 0; next < students.length; i++, next++) {
    const student = students[next]!;
    // Teams: one more student for a power, each power once; beyond that, they watch.
    if (extras === "teams" && i < order.length) seats.get(order[i]!)!.push(student);
    else observers.push(student);
  }
  return { seats, observers };
}

/** The class split into matches, powers and observers. */
export function splitClass(input: SplitInput): PlannedMatch[] {
  const rng = createRng(`split:${input.seed}`);
  // Never a match without a student: at most one match per student (and `MAX_CLASS_MATCHES`).
  const wanted =
    input.matches ?? matchCount(input.students.length, input.powers.length, input.studentsPerPower);
  const count = Math.max(1, Math.min(wanted, input.students.length, MAX_CLASS_MATCHES));
  const runs = evenRuns(shuffled(input.students, rng), count);
  return runs.map((students, i): PlannedMatch => {
    const order = shuffled(input.powers, rng);
    const { seats, observers } = dealMatch(students, order, input.studentsPerPower, input.extras);
    return {
      preset: input.presets[i % input.presets.length]!,
      powers: input.powers.map((power) => ({ power, students: seats.get(power) ?? [] })),
      observers,
    };
  });
}

/**
 * Where a student who arrives after the start goes: the power of the match with the fewest
 * students whose power a bot plays (the bot hands over), else the smallest team of the match with
 * the fewest students (teams) or that match as an observer. `matches` lists each match's powers
 * with their student counts and whether a bot plays them (the teacher's bots count too).
 */
export function placeLateStudent(
  matches: readonly {
    readonly matchId: string;
    readonly powers: readonly {
      readonly seat: number;
      readonly students: number;
      readonly bot: boolean;
      readonly out: boolean;
    }[];
  }[],
  extras: SplitInput["extras"],
  perPower: number,
): { matchId: string; seat: number | null } | null {
  const size = (m: (typeof matches)[number]): number => m.powers.reduce((n, p) => n + p.students, 0);
  const bySize = [...matches].sort((a, b) => size(a) - size(b));
  for (const m of bySize) {
    const botPower = m.powers.find((p) => p.bot && !p.out);
    if (botPower) return { matchId: m.matchId, seat: botPower.seat };
  }
  const smallest = bySize[0];
  if (!smallest) return null;
  const teams = smallest.powers.filter((p) => !p.bot && !p.out).sort((a, b) => a.students - b.students);
  const team = teams[0];
  if (team && (extras === "teams" ? team.students <= perPower : team.students < perPower))
    return { matchId: smallest.matchId, seat: team.seat };
  return { matchId: smallest.matchId, seat: null };
}
