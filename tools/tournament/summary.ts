/**
 * The tournament table: one row per bot label over every seat it played, the overall figures, and
 * the head-to-head comparison when exactly two bots played. Pure: records in, numbers out.
 */
import type { BotMatchRecord, PowerRecord } from "../../shared/src/bots";
import { ci95, mean, welch, type MeanDifference } from "./stats";

/** One bot's row of the table, over every seat it played. */
export interface BotSummary {
  readonly label: string;
  /** Seats played (a bot may hold several seats of one game). */
  readonly games: number;
  /** Solo victories. */
  readonly wins: number;
  /** Games ended by a draw that it survived. */
  readonly draws: number;
  readonly eliminations: number;
  /** Mean centres at the end, and half the width of its 95% confidence interval (null under two seats). */
  readonly centres: number;
  readonly centresCi: number | null;
  readonly reputation: number; // mean at the end
  readonly prestige: number; // mean at the end
  readonly score: number; // mean
  // Totals over its seats:
  readonly signed: number;
  readonly kept: number;
  readonly broken: number;
  readonly surprise: number;
  readonly announced: number;
  readonly retaliations: number;
  readonly betrayed: number;
  /** Mean centres over a fair share (the map's centres over its powers): 1 is par. */
  readonly share: number;
  /** Solos per seat (par is 1 / powers only if every game ends in a solo). */
  readonly winRate: number;
  /** Mean centres at the start of each year from the first, then at the end (a finished game's last value carried on). */
  readonly centresByYear: readonly number[];
  /** Mean reputation, likewise. */
  readonly reputationByYear: readonly number[];
}

/** The figures of the whole tournament. */
export interface OverallSummary {
  readonly games: number;
  readonly solos: number;
  readonly draws: number;
  readonly yearLimitEnds: number;
  readonly meanPhases: number;
  /** Actions the rules refused, in every game (a bot bug if not zero). */
  readonly refused: number;
}

/** The difference of the mean centres of two bots (first − second), with Welch's 95% interval. */
export interface Comparison extends MeanDifference {
  readonly first: string;
  readonly second: string;
}

/** A tournament's summary. */
export interface TournamentSummary {
  /** One row per bot, in the order the bots first appear at the table. */
  readonly bots: readonly BotSummary[];
  readonly overall: OverallSummary;
  /** When exactly two bots played: the first against the second. */
  readonly comparison: Comparison | null;
  /** The year of the by-year series' first point. */
  readonly firstYear: number;
  /** The map's centres over its powers: what `share` divides by. */
  readonly fairCentres: number;
  readonly powers: number;
}

/** What the summary needs to know of the map and the table. */
export interface SummaryContext {
  /** Bot labels in table order (duplicates allowed). */
  readonly labels: readonly string[];
  readonly supplyCentres: number;
  readonly powers: number;
  readonly firstYear: number;
}

/** A seat: one power's record in one game, with the game. */
interface Seat {
  readonly game: BotMatchRecord;
  readonly power: PowerRecord;
}

/** `xs` stretched to `length` by repeating its last value. */
export function carryForward(xs: readonly number[], length: number): number[] {
  const last = xs[xs.length - 1] ?? 0;
  return Array.from({ length }, (_, i) => xs[i] ?? last);
}

/** The mean at every index of equal-length series. */
function meanSeries(series: readonly (readonly number[])[], length: number): number[] {
  return Array.from({ length }, (_, i) => mean(series.map((s) => s[i]!)));
}

/** The row of one bot. */
function botSummary(label: string, seats: readonly Seat[], fairCentres: number, years: number): BotSummary {
  const sum = (f: (p: PowerRecord) => number): number => seats.reduce((a, s) => a + f(s.power), 0);
  const centres = seats.map((s) => s.power.centres);
  const games = seats.length;
  const wins = seats.filter(
    (s) => s.game.result.kind === "solo" && s.game.result.winner === s.power.power,
  ).length;
  return {
    label,
    games,
    wins,
    draws: seats.filter((s) => s.game.result.kind === "draw" && s.game.survivors.includes(s.power.power))
      .length,
    eliminations: seats.filter((s) => s.power.eliminatedIn !== null).length,
    centres: mean(centres),
    centresCi: ci95(centres),
    reputation: mean(seats.map((s) => s.power.reputation)),
    prestige: mean(seats.map((s) => s.power.prestige)),
    score: mean(seats.map((s) => s.power.score)),
    signed: sum((p) => p.signed),
    kept: sum((p) => p.kept),
    broken: sum((p) => p.broken),
    surprise: sum((p) => p.surpriseDefections),
    announced: sum((p) => p.announcedDefections),
    retaliations: sum((p) => p.retaliations),
    betrayed: sum((p) => p.betrayed),
    share: fairCentres === 0 ? 0 : mean(centres) / fairCentres,
    winRate: games === 0 ? 0 : wins / games,
    centresByYear: meanSeries(
      seats.map((s) => carryForward(s.power.centresByYear, years)),
      years,
    ),
    reputationByYear: meanSeries(
      seats.map((s) => carryForward(s.power.reputationByYear, years)),
      years,
    ),
  };
}

/** Summarises a tournament's records. */
export function summarize(records: readonly BotMatchRecord[], context: SummaryContext): TournamentSummary {
  const order = [...new Set(context.labels)];
  const seats = records.flatMap((game) => game.powers.map((power) => ({ game, power })));
  const years = seats.reduce((most, s) => Math.max(most, s.power.centresByYear.length), 1);
  const fairCentres = context.supplyCentres / context.powers;
  const bots = order.map((label) =>
    botSummary(
      label,
      seats.filter((s) => s.power.label === label),
      fairCentres,
      years,
    ),
  );
  const centresOf = (label: string): number[] =>
    seats.filter((s) => s.power.label === label).map((s) => s.power.centres);
  const [first, second] = order;
  const difference =
    order.length === 2 && first !== undefined && second !== undefined
      ? welch(centresOf(first), centresOf(second))
      : null;
  return {
    bots,
    overall: {
      games: records.length,
      solos: records.filter((r) => r.result.kind === "solo").length,
      draws: records.filter((r) => r.result.kind === "draw").length,
      yearLimitEnds: records.filter((r) => r.result.kind === "year-limit").length,
      meanPhases: mean(records.map((r) => r.phases)),
      refused: records.reduce((a, r) => a + r.refused, 0),
    },
    comparison: difference && first && second ? { first, second, ...difference } : null,
    firstYear: context.firstYear,
    fairCentres,
    powers: context.powers,
  };
}
