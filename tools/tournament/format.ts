/**
 * The tournament's text output: the table of bots in padded columns, the overall line and the
 * head-to-head line. Pure: summaries in, lines out.
 */
import type { BotSummary, Comparison, OverallSummary } from "./summary";

/** A number with `digits` decimals. */
export function fixed(x: number, digits = 2): string {
  return x.toFixed(digits);
}

/** A number with its sign, e.g. "+1.23" or "-0.40". */
export function signed(x: number, digits = 2): string {
  return `${x >= 0 ? "+" : ""}${x.toFixed(digits)}`;
}

/** A fraction as a percentage, e.g. "14.3%". */
export function percent(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/** One column of the table: its heading, and the cell of a bot. */
export interface Column {
  readonly heading: string;
  readonly cell: (bot: BotSummary) => string;
  /** Text columns are aligned left, numbers right. */
  readonly text?: boolean;
}

/** The table's columns, shared by the text table, summary.csv's headings and the report. */
export const COLUMNS: readonly Column[] = [
  { heading: "bot", cell: (b) => b.label, text: true },
  { heading: "games", cell: (b) => String(b.games) },
  { heading: "wins", cell: (b) => String(b.wins) },
  { heading: "draws", cell: (b) => String(b.draws) },
  { heading: "elim", cell: (b) => String(b.eliminations) },
  { heading: "centres", cell: (b) => fixed(b.centres) },
  { heading: "±95%", cell: (b) => (b.centresCi === null ? "–" : fixed(b.centresCi)) },
  { heading: "share", cell: (b) => fixed(b.share) },
  { heading: "win %", cell: (b) => percent(b.winRate) },
  { heading: "reputation", cell: (b) => fixed(b.reputation, 1) },
  { heading: "prestige", cell: (b) => fixed(b.prestige, 1) },
  { heading: "score", cell: (b) => fixed(b.score, 2) },
  { heading: "signed", cell: (b) => String(b.signed) },
  { heading: "kept", cell: (b) => String(b.kept) },
  { heading: "broken", cell: (b) => String(b.broken) },
  { heading: "surprise", cell: (b) => String(b.surprise) },
];

/** A cell's width: its length in code points (not UTF-16 units), as the columns are padded. */
function width(cell: string): number {
  return Array.from(cell).length;
}

/** The table of bots as padded text lines (a heading, a rule, one line per bot). */
export function formatTable(bots: readonly BotSummary[]): string[] {
  const rows = [COLUMNS.map((c) => c.heading), ...bots.map((b) => COLUMNS.map((c) => c.cell(b)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => width(r[i]!))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => {
        const pad = " ".repeat(widths[i]! - width(cell));
        return COLUMNS[i]!.text ? cell + pad : pad + cell;
      })
      .join("  ")
      .trimEnd();
  const [heading, ...body] = rows;
  return [line(heading!), widths.map((w) => "─".repeat(w)).join("  "), ...body.map(line)];
}

/** Wall-clock figures of a run (never in tournament.json: they differ from run to run). */
export interface Timing {
  readonly seconds: number;
  readonly workers: number;
}

/** The overall line: how the games ended, their length, refusals, and (if given) the time taken. */
export function formatOverall(overall: OverallSummary, timing?: Timing): string {
  const parts = [
    `games ${overall.games}`,
    `solos ${overall.solos}`,
    `draws ${overall.draws}`,
    `year-limit ends ${overall.yearLimitEnds}`,
    `mean phases ${fixed(overall.meanPhases, 1)}`,
    `refused actions ${overall.refused}`,
  ];
  if (timing)
    parts.push(
      `wall time ${fixed(timing.seconds, 1)} s`,
      `${fixed(timing.seconds > 0 ? overall.games / timing.seconds : 0, 2)} games/s`,
      `${timing.workers} worker${timing.workers === 1 ? "" : "s"}`,
    );
  return parts.join(" · ");
}

/** The head-to-head line, e.g. "a vs b: +1.23 centres per game (95% CI +0.80 to +1.66), n=70 vs 420". */
export function formatComparison(c: Comparison): string {
  return (
    `${c.first} vs ${c.second}: ${signed(c.difference)} centres per game ` +
    `(95% CI ${signed(c.low)} to ${signed(c.high)}), n=${c.na} vs ${c.nb}`
  );
}
