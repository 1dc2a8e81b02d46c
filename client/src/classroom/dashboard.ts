/**
 * What the teacher's dashboard and the projector show, as plain data (no React): a match's phase
 * in words, who has arrived and who is connected, the roster names nobody has taken, who plays a
 * power, where a student may be moved, how long to wait before polling again after a failure, and
 * which match the projector shows.
 */
import type { ClassMatch, ClassStudent, ClassView, ProjectorView } from "../../../shared/src/wire";
import { phaseInWords } from "../game/notifications";

/** A match's phase, or how it ended: "Spring 1901 movement", "Over: France wins". */
export function matchStateText(match: {
  readonly phase: { readonly year: number; readonly season: string; readonly phase: string };
  readonly over: boolean;
  readonly result: string | null;
}): string {
  if (match.over) return match.result === null ? "Over" : `Over: ${match.result}`;
  return phaseInWords(match.phase);
}

/** The arrivals line: "No students yet", "1 student joined", "3 students joined". */
export function arrivalsText(count: number): string {
  if (count === 0) return "No students yet";
  return `${count} student${count === 1 ? "" : "s"} joined`;
}

/** How many students have a page open, of how many joined. */
export function connectedCount(students: readonly Pick<ClassStudent, "connected">[]): {
  readonly connected: number;
  readonly total: number;
} {
  return { connected: students.filter((s) => s.connected).length, total: students.length };
}

/** A name as names are compared: trimmed, runs of spaces one, any case. */
function nameKey(name: string): string {
  return name.trim().replace(/\s+/gu, " ").toLocaleLowerCase();
}

/** The roster's names no student has taken yet, in the roster's order. */
export function rosterWaiting(
  roster: readonly string[],
  students: readonly Pick<ClassStudent, "name">[],
): string[] {
  const taken = new Set(students.map((s) => nameKey(s.name)));
  return roster.filter((n) => !taken.has(nameKey(n)));
}

/** The names of a power's students (in the power's order); an unknown id shows as itself. */
export function studentNames(ids: readonly string[], students: readonly ClassStudent[]): string[] {
  const byId = new Map(students.map((s) => [s.studentId, s.name]));
  return ids.map((id) => byId.get(id) ?? id);
}

/** A match's progress this phase: of the powers still in and due to act, how many have orders in and are ready. */
export function phaseProgress(match: Pick<ClassMatch, "powers">): {
  readonly due: number;
  readonly ordersIn: number;
  readonly ready: number;
} {
  const due = match.powers.filter((p) => !p.out && p.mustAct);
  return {
    due: due.length,
    ordersIn: due.filter((p) => p.ordersIn).length,
    ready: due.filter((p) => p.ready).length,
  };
}

/** The students placed in no match yet (waiting), or watching a match. */
export function unplaced(students: readonly ClassStudent[]): {
  readonly waiting: ClassStudent[];
  readonly watching: ClassStudent[];
} {
  return {
    waiting: students.filter((s) => s.matchId === null),
    watching: students.filter((s) => s.matchId !== null && s.power === null),
  };
}

/** One place a student may be moved to: a power of a match, or (power null) watching it. */
export interface MoveTarget {
  readonly matchId: string;
  readonly power: string | null;
  readonly value: string; // the option's value: `<matchId>/<power>` or `<matchId>/watch`
  readonly label: string; // "Match 2 · France", "Match 2 · watch"
}

/** Every place a student may be moved to, match by match (powers out of the game left out). */
export function moveTargets(
  matches: readonly Pick<ClassMatch, "matchId" | "number" | "over" | "powers">[],
  powerName: (power: string) => string,
): MoveTarget[] {
  return matches
    .filter((m) => !m.over)
    .flatMap((m) => [
      ...m.powers
        .filter((p) => !p.out)
        .map((p) => ({
          matchId: m.matchId,
          power: p.power,
          value: `${m.matchId}/${p.power}`,
          label: `Match ${m.number} · ${powerName(p.power)}${p.bot === null ? "" : " (bot now)"}`,
        })),
      { matchId: m.matchId, power: null, value: `${m.matchId}/watch`, label: `Match ${m.number} · watch` },
    ]);
}

/** A move target's option value read back (`<matchId>/<power>` or `<matchId>/watch`), or null. */
export function parseMoveTarget(
  value: string,
): { readonly matchId: string; readonly power: string | null } | null {
  const at = value.lastIndexOf("/");
  if (at <= 0 || at === value.length - 1) return null;
  const power = value.slice(at + 1);
  return { matchId: value.slice(0, at), power: power === "watch" ? null : power };
}

/** How long to wait before polling again after `failures` failures in a row: 1 s, 2 s, 4 s, … at most 30 s. */
export function retryDelay(failures: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1));
}

/** How long the projector shows each match when it rotates. */
export const ROTATE_MS = 20_000;

/**
 * The match the projector shows: the focused one, or (focus `rotate`) the running matches in turn,
 * the `tick`-th of them (ended ones only when none runs); null when there are none.
 */
export function shownMatch<M extends { readonly matchId: string; readonly over: boolean }>(
  matches: readonly M[],
  focus: string,
  tick: number,
): M | null {
  if (focus !== "rotate") {
    const focused = matches.find((m) => m.matchId === focus);
    if (focused !== undefined) return focused;
  }
  const running = matches.filter((m) => !m.over);
  const pool = running.length > 0 ? running : matches;
  if (pool.length === 0) return null;
  return pool[((tick % pool.length) + pool.length) % pool.length]!;
}

/** A minutes count typed for Extend: a whole number from 1 to a day, or null. */
export function parseMinutes(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,4}$/u.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= 24 * 60 ? n : null;
}

/** The session's status in words, for the header. */
export function statusText(view: Pick<ClassView, "status" | "matches">): string {
  if (view.status === "waiting") return "Waiting for students";
  if (view.status === "ended") return "Ended";
  const running = view.matches.filter((m) => !m.over).length;
  const paused = view.matches.filter((m) => !m.over && m.paused).length;
  const base = `Running: ${running} of ${view.matches.length} match${view.matches.length === 1 ? "" : "es"}`;
  return paused === 0 ? base : `${base}, ${paused} paused`;
}

/** A join code as it is shown, in two halves for reading aloud: "ABC DEF". */
export function spacedCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

/**
 * The span a bar chart of reputations is drawn over: from 0 (or the lowest value, when below) to
 * 100 (or the highest value, when above), so a bar's length reads the same across matches.
 */
export function reputationSpan(values: readonly number[]): { readonly lo: number; readonly hi: number } {
  const lo = Math.min(0, ...values);
  const hi = Math.max(100, ...values);
  return { lo: Math.floor(lo / 10) * 10, hi: Math.ceil(hi / 10) * 10 };
}

/**
 * A match's line under Headlines: how it ended, else its latest edition's top headline. A match
 * still in its first phase (spring of the map's first year, movement) has no edition yet; a later
 * one whose latest edition printed nothing had a quiet phase. `firstYear` is the map's first year
 * (null while the map is not known: no news yet).
 */
export function newsLine(
  match: Pick<ProjectorView["matches"][number], "over" | "result" | "headlines" | "phase">,
  firstYear: number | null,
): string {
  if (match.over && match.result !== null) return match.result;
  const top = match.headlines[0];
  if (top !== undefined) return top;
  const { year, season, phase } = match.phase;
  const firstPhase = year === firstYear && season === "spring" && phase === "movement";
  return firstYear === null || firstPhase ? "No news yet." : "All quiet: nothing to report this phase.";
}
