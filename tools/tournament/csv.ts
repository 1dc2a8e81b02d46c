/**
 * The tournament's CSV files: `games.csv` (one row per game and power) and `summary.csv` (the
 * table of bots, unrounded). RFC 4180 quoting, "\n" line ends. Pure.
 */
import type { BotMatchRecord } from "../../shared/src/bots";
import type { BotSummary } from "./summary";

/** One CSV cell: quoted when it holds a comma, a quote or a line break; null is empty. */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text from a heading and rows. */
export function toCsv(
  heading: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  return [heading, ...rows].map((row) => row.map(csvCell).join(",")).join("\n") + "\n";
}

/** The headings of games.csv. */
export const GAMES_HEADING = [
  "game",
  "seed",
  "power",
  "label",
  "centres",
  "eliminatedIn",
  "reputation",
  "prestige",
  "score",
  "signed",
  "kept",
  "broken",
  "surprise",
  "announced",
  "retaliations",
  "betrayed",
  "result",
  "winner",
] as const;

/** games.csv: one row per game and power. */
export function gamesCsv(records: readonly BotMatchRecord[]): string {
  const rows = records.flatMap((r, game) =>
    r.powers.map((p) => [
      game,
      r.seed,
      p.power,
      p.label,
      p.centres,
      p.eliminatedIn,
      p.reputation,
      p.prestige,
      p.score,
      p.signed,
      p.kept,
      p.broken,
      p.surpriseDefections,
      p.announcedDefections,
      p.retaliations,
      p.betrayed,
      r.result.kind,
      r.result.winner,
    ]),
  );
  return toCsv(GAMES_HEADING, rows);
}

/** The headings of summary.csv. */
export const SUMMARY_HEADING = [
  "label",
  "games",
  "wins",
  "draws",
  "eliminations",
  "meanCentres",
  "centresCi95",
  "share",
  "winRate",
  "meanReputation",
  "meanPrestige",
  "meanScore",
  "signed",
  "kept",
  "broken",
  "surprise",
  "announced",
  "retaliations",
  "betrayed",
] as const;

/** summary.csv: the table of bots. */
export function summaryCsv(bots: readonly BotSummary[]): string {
  return toCsv(
    SUMMARY_HEADING,
    bots.map((b) => [
      b.label,
      b.games,
      b.wins,
      b.draws,
      b.eliminations,
      b.centres,
      b.centresCi,
      b.share,
      b.winRate,
      b.reputation,
      b.prestige,
      b.score,
      b.signed,
      b.kept,
      b.broken,
      b.surprise,
      b.announced,
      b.retaliations,
      b.betrayed,
    ]),
  );
}
