/**
 * What the end screen of a finished match shows, as plain data (no DOM, tested in node): the
 * result in plain words, every power's final score with how the match's scoring system made it
 * (from `scoreBreakdown`, the one computation the rules score with), and the centres of every
 * power over the years, rebuilt by replaying the match's history. The score shown is the one the
 * match stored (`G.result.scores`); the breakdown explains it.
 */
import { centreCounts, type Position } from "../../../shared/src/game/position";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import {
  scoreBreakdown,
  type PowerScoreBreakdown,
  type ScoreBreakdown,
  type ScoreTerm,
} from "../../../shared/src/match/scoring";
import type { MatchResult, MatchState, ScoringSystem } from "../../../shared/src/match/types";
import type { Preset } from "../../../shared/src/trust/types";
import { SCORING_INFO } from "../guide/content";
import { positionsBefore } from "../panels/history-logic";

/** The result in plain words: a heading and a sentence. */
export interface ResultWords {
  readonly title: string; // "Brynmark wins", "A draw", "The year limit"
  readonly text: string; // who won, who agreed the draw, who survived
}

/** "A", "A and B", "A, B and C". */
export function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]!}`;
}

/** "Spring 1903" (retreats and adjustments named). */
export function phaseWords(at: MatchResult["at"]): string {
  const season = at.season.charAt(0).toUpperCase() + at.season.slice(1);
  const phase = at.phase === "retreat" ? " retreats" : at.phase === "adjustment" ? " adjustments" : "";
  return `${season} ${at.year}${phase}`;
}

/**
 * The result of a finished match in plain words.
 * @param yearLimit the match's last year (for a year-limit ending)
 * @param nameOf a power's display name
 */
export function resultWords(
  result: MatchResult,
  yearLimit: number | null,
  nameOf: (p: PowerId) => string,
): ResultWords {
  const when = phaseWords(result.at);
  const survivors = listOf(result.survivors.map(nameOf));
  if (result.kind === "solo" && result.winner !== null)
    return {
      title: `${nameOf(result.winner)} wins`,
      text: `${nameOf(result.winner)} won outright in ${when}.`,
    };
  if (result.kind === "draw") return { title: "A draw", text: `${survivors} agreed a draw in ${when}.` };
  const alive = result.survivors.length === 1 ? "survives" : "survive";
  if (result.kind === "called")
    return { title: "Time called", text: `The teacher ended the match in ${when}; ${survivors} ${alive}.` };
  const last = yearLimit === null ? "" : ` (${yearLimit})`;
  return {
    title: "The year limit",
    text: `The last year${last} was played out in ${when}; ${survivors} ${alive}.`,
  };
}

/** How to read a number of points: hundredths at most, no trailing zeros ("12.5", "33.33"). */
export function points(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** The system's name and its formula in one line of plain words, with the preset's weights. */
export function systemWords(
  breakdown: Pick<ScoreBreakdown, "system" | "weights" | "soloCentres">,
  preset: Pick<Preset, "name">,
): { name: string; formula: string } {
  const name = SCORING_INFO[breakdown.system].name;
  switch (breakdown.system) {
    case "solo-draw":
    case "sum-of-squares":
      return { name, formula: SCORING_INFO[breakdown.system].text };
    case "statesman": {
      const w = breakdown.weights;
      return {
        name: `${name} (${preset.name} rules)`,
        formula:
          `100 × ${points(w.centers)} × the share of the ${breakdown.soloCentres} centres a solo needs` +
          ` + ${points(w.reputation)} × reputation + ${points(w.prestige)} × prestige.`,
      };
    }
  }
}

/** One column of the score table. */
export interface ScoreColumn {
  readonly id: "centres" | "outcome" | "squares" | "share" | "reputation" | "prestige";
  readonly label: string; // the header
}

/** One cell: what is counted, and what it adds to the score (null: nothing to add). */
export interface ScoreCell {
  readonly text: string;
  readonly detail: string | null; // "= 30 points"
}

/** One power's row, in score order. */
export interface ScoreRow {
  readonly power: PowerId;
  readonly name: string;
  readonly rank: number; // 1 for the best; equal scores share a rank
  readonly tied: boolean; // another power has the same score
  readonly cells: readonly ScoreCell[]; // one per column
  readonly score: number; // the stored score
}

/** The score table: its columns under this system, and a row per power, best first. */
export interface ScoreTable {
  readonly system: ScoringSystem;
  readonly name: string;
  readonly formula: string;
  readonly columns: readonly ScoreColumn[];
  readonly rows: readonly ScoreRow[];
  /** Every stored score equals the breakdown's total (false only for an inconsistent view). */
  readonly agrees: boolean;
}

const COLUMNS: Readonly<Record<ScoringSystem, readonly ScoreColumn[]>> = {
  "solo-draw": [
    { id: "centres", label: "Centres" },
    { id: "outcome", label: "Share" },
  ],
  "sum-of-squares": [
    { id: "centres", label: "Centres" },
    { id: "squares", label: "Centres²" },
  ],
  statesman: [
    { id: "centres", label: "Centres" },
    { id: "share", label: "Share of a solo" },
    { id: "reputation", label: "Reputation" },
    { id: "prestige", label: "Prestige" },
  ],
};

const term = (p: PowerScoreBreakdown, kind: ScoreTerm["kind"]): ScoreTerm | null =>
  p.terms.find((t) => t.kind === kind) ?? null;

/** `= 15 points`, the detail line of a cell. */
const adds = (t: ScoreTerm | null): string | null => (t === null ? null : `= ${points(t.points)} points`);

/** The cells of one power's row under the breakdown's system. */
function cellsOf(b: ScoreBreakdown, p: PowerScoreBreakdown, survivors: number): ScoreCell[] {
  const centres: ScoreCell = { text: String(p.centres), detail: null };
  const solo = term(p, "solo");
  switch (b.system) {
    case "solo-draw": {
      const share = term(p, "survivor-share");
      const text = solo !== null ? "Solo" : share !== null ? `1 of ${survivors}` : "None";
      return [centres, { text, detail: adds(solo ?? share) }];
    }
    case "sum-of-squares": {
      const squares = term(p, "squares");
      if (squares === null)
        return [centres, { text: solo !== null ? "Solo" : "—", detail: solo !== null ? adds(solo) : null }];
      return [centres, { text: `${squares.value} of ${b.squaresTotal}`, detail: adds(squares) }];
    }
    case "statesman": {
      const share = term(p, "centres");
      const reputation = term(p, "reputation");
      const prestige = term(p, "prestige");
      const counted = Math.min(p.centres, b.soloCentres);
      return [
        centres,
        { text: `${counted} of ${b.soloCentres} × ${points(b.weights.centers)}`, detail: adds(share) },
        { text: `${points(p.reputation)} × ${points(b.weights.reputation)}`, detail: adds(reputation) },
        { text: `${points(p.prestige)} × ${points(b.weights.prestige)}`, detail: adds(prestige) },
      ];
    }
  }
}

/**
 * The score table of a finished match, best first (equal scores: more centres first, then by
 * name), from the match as a seat or a spectator sees it.
 * @param preset the match's preset (its weights)
 */
export function scoreTable(G: MatchState, map: GameMap, preset: Preset): ScoreTable | null {
  const result = G.result;
  if (result === null) return null;
  const breakdown = scoreBreakdown(G.settings.scoring, preset, {
    map,
    powers: G.powers,
    position: G.position,
    reputation: G.reputation,
    prestige: G.prestige,
    kind: result.kind,
    winner: result.winner,
    survivors: result.survivors,
  });
  const nameOf = (p: PowerId): string => map.power.get(p)?.name ?? p;
  const stored = (p: PowerScoreBreakdown): number => result.scores[p.power] ?? p.total;
  const ordered = [...breakdown.powers].sort(
    (a, b) =>
      stored(b) - stored(a) || b.centres - a.centres || nameOf(a.power).localeCompare(nameOf(b.power)),
  );
  const rows = ordered.map((p): ScoreRow => {
    const score = stored(p);
    return {
      power: p.power,
      name: nameOf(p.power),
      rank: 1 + ordered.filter((q) => stored(q) > score).length,
      tied: ordered.some((q) => q !== p && stored(q) === score),
      cells: cellsOf(breakdown, p, result.survivors.length),
      score,
    };
  });
  const words = systemWords(breakdown, preset);
  return {
    system: breakdown.system,
    name: words.name,
    formula: words.formula,
    columns: COLUMNS[breakdown.system],
    rows,
    agrees: breakdown.powers.every((p) => result.scores[p.power] === p.total),
  };
}

/** The centres of every power at one moment. */
export interface CentrePoint {
  readonly label: string; // "1901" (the start of that year) or "End"
  readonly centres: Readonly<Record<PowerId, number>>;
}

/** Each power's centres on a board (0 for a power with none). */
function centresOn(map: GameMap, powers: readonly PowerId[], position: Position): Record<PowerId, number> {
  const counts = centreCounts(map, position);
  return Object.fromEntries(powers.map((p) => [p, counts.get(p) ?? 0]));
}

/**
 * Centres of every power at the start of each year played, and on the final board ("End"),
 * replaying the history's revealed orders from the map's start.
 */
export function centreSeries(
  map: GameMap,
  powers: readonly PowerId[],
  history: MatchState["history"],
  final: Position,
): CentrePoint[] {
  const points: CentrePoint[] = [];
  let year: number | null = null;
  for (const position of positionsBefore(map, powers, history)) {
    if (position.year === year) continue;
    year = position.year;
    points.push({ label: String(year), centres: centresOn(map, powers, position) });
  }
  points.push({ label: "End", centres: centresOn(map, powers, final) });
  return points;
}

/** The highest centre count in a series (at least 1), for the chart's scale. */
export function mostCentres(points: readonly CentrePoint[]): number {
  return Math.max(1, ...points.flatMap((p) => Object.values(p.centres)));
}

/** What "Play again" does here. */
export type PlayAgain =
  | { readonly kind: "offline" } // a new offline match with the same setup (after a confirmation)
  | { readonly kind: "seat"; readonly playerID: string; readonly credentials: string } // the lobby's play again
  | { readonly kind: "next"; readonly matchID: string } // a spectator: the match play again made, to join or watch
  | { readonly kind: "new" }; // a spectator, no next match yet: create one

/**
 * The "play again" a screen offers: offline, a new local match; a seat this browser holds, the
 * lobby's play again; a spectator, the next match if a player made one, else a new match.
 */
export function playAgainFor(options: {
  readonly offline: boolean;
  readonly seat: { readonly playerID: string; readonly credentials: string } | null;
  readonly nextMatchID: string | null;
}): PlayAgain {
  if (options.offline) return { kind: "offline" };
  if (options.seat !== null)
    return { kind: "seat", playerID: options.seat.playerID, credentials: options.seat.credentials };
  if (options.nextMatchID !== null) return { kind: "next", matchID: options.nextMatchID };
  return { kind: "new" };
}
