/**
 * "Does trust pay?" as a measured table: the same field of bot personalities played under every
 * trust preset and two miscommunication levels, with seats rotated; for each condition, who wins on
 * centres and on score (means with 95% confidence intervals), how the games end, and what became of
 * each kind of clause signed. Prints Markdown (the tables of docs/bots.md) and can write the records.
 *
 *   npx tsx tools/trust-table.ts --games 70 --seed trust --out /tmp/trust.json
 *   npx tsx tools/trust-table.ts --presets default --misc 0 --games 140   # the personality tournament
 *
 * Plays in this thread, one game after another (the machine is shared); nothing here tunes a bot.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { BotMatchRecord, ClauseTally } from "../shared/src/bots/self-play";
import type { ClauseKind } from "../shared/src/trust/types";
import { CLAUSE_KINDS } from "../shared/src/trust/clauses";
import { PRESET_IDS } from "../shared/src/trust/presets";
import { playTournamentGame, type TournamentSettings } from "./tournament/game";
import { parseTable } from "./tournament/spec";
import { ci95, mean } from "./tournament/stats";

/** The default field: the seven personalities of the trust game that sign and deal. */
export const TRUST_FIELD = "copycat,grudger,detective,always-cooperate,always-cheat,backstabber,honest-rival";

/** One condition of the table: a preset and a miscommunication level. */
export interface Condition {
  readonly preset: string;
  readonly miscommunication: number;
}

/** One bot's figures in one condition. */
export interface Row {
  readonly label: string;
  readonly seats: number;
  readonly centres: number;
  readonly centresCi: number;
  readonly score: number;
  readonly scoreCi: number;
  readonly solos: number;
  readonly reputation: number;
}

/** How the games of one condition ended, and the clauses signed in them. */
export interface Ending {
  readonly games: number;
  readonly solos: number;
  readonly draws: number;
  readonly yearLimit: number;
  /** Games ended in each year, by the year. */
  readonly byYear: Readonly<Record<number, number>>;
  readonly refused: number;
  readonly clauses: Readonly<Partial<Record<ClauseKind, ClauseTally>>>;
}

/** One bot's figures in one condition, from the records. */
export function rowsOf(records: readonly BotMatchRecord[]): Row[] {
  const by = new Map<string, { centres: number[]; score: number[]; rep: number[]; solos: number }>();
  for (const r of records)
    for (const p of r.powers) {
      const e = by.get(p.label) ?? { centres: [], score: [], rep: [], solos: 0 };
      e.centres.push(p.centres);
      e.score.push(p.score);
      e.rep.push(p.reputation);
      if (r.result.kind === "solo" && r.result.winner === p.power) e.solos++;
      by.set(p.label, e);
    }
  return [...by.entries()]
    .map(([label, e]) => ({
      label,
      seats: e.centres.length,
      centres: mean(e.centres),
      centresCi: ci95(e.centres) ?? 0,
      score: mean(e.score),
      scoreCi: ci95(e.score) ?? 0,
      solos: e.solos,
      reputation: mean(e.rep),
    }))
    .sort((a, b) => b.centres - a.centres || a.label.localeCompare(b.label));
}

/** How the games ended, and the clause tallies summed. */
export function endingOf(records: readonly BotMatchRecord[]): Ending {
  const byYear: Record<number, number> = {};
  const clauses: Partial<
    Record<ClauseKind, { signed: number; kept: number; renounced: number; broken: number }>
  > = {};
  for (const r of records) {
    byYear[r.result.at.year] = (byYear[r.result.at.year] ?? 0) + 1;
    for (const [kind, t] of Object.entries(r.clauses ?? {}) as [ClauseKind, ClauseTally][]) {
      const sum = (clauses[kind] ??= { signed: 0, kept: 0, renounced: 0, broken: 0 });
      sum.signed += t.signed;
      sum.kept += t.kept;
      sum.renounced += t.renounced;
      sum.broken += t.broken;
    }
  }
  return {
    games: records.length,
    solos: records.filter((r) => r.result.kind === "solo").length,
    draws: records.filter((r) => r.result.kind === "draw").length,
    yearLimit: records.filter((r) => r.result.kind === "year-limit").length,
    byYear,
    refused: records.reduce((s, r) => s + r.refused, 0),
    clauses,
  };
}

const fmt = (x: number, d = 2): string => x.toFixed(d);

/** The leader on a measure, and whether its interval clears the runner-up's. */
function leader(rows: readonly Row[], key: "centres" | "score"): string {
  const ci = key === "centres" ? "centresCi" : "scoreCi";
  const sorted = [...rows].sort((a, b) => b[key] - a[key]);
  const [first, second] = sorted;
  if (!first || !second) return "—";
  const clear = first[key] - first[ci] > second[key] + second[ci];
  return `${first.label}${clear ? "" : ` (tied with ${second.label} within the intervals)`}`;
}

/** The Markdown of one condition: the rows, the leaders, the endings and the clauses. */
export function conditionMarkdown(c: Condition, records: readonly BotMatchRecord[]): string {
  const rows = rowsOf(records);
  const end = endingOf(records);
  const lines = [
    `#### Preset ${c.preset}, miscommunication ${c.miscommunication} (${end.games} games)`,
    "",
    "| bot | seats | centres (95% CI) | score (95% CI) | solos | reputation |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      (r) =>
        `| ${r.label} | ${r.seats} | ${fmt(r.centres)} ± ${fmt(r.centresCi)} | ${fmt(r.score, 1)} ± ${fmt(r.scoreCi, 1)} | ${r.solos} | ${fmt(r.reputation, 0)} |`,
    ),
    "",
    `Most centres: ${leader(rows, "centres")}. Best score: ${leader(rows, "score")}.`,
    "",
    endingMarkdown(end),
  ];
  return lines.join("\n");
}

/** How games ended and the clause kinds signed, kept and broken, in Markdown. */
export function endingMarkdown(end: Ending): string {
  const years = Object.entries(end.byYear)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([y, n]) => `${y}: ${n}`)
    .join(", ");
  const kinds = CLAUSE_KINDS.filter((k) => end.clauses[k] !== undefined);
  return [
    `Endings: ${end.solos} solos, ${end.draws} draws, ${end.yearLimit} at the year limit; by year — ${years}. Refused actions: ${end.refused}.`,
    "",
    "| clause kind | signed | kept | of which renounced | broken |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...kinds.map((k) => {
      const t = end.clauses[k]!;
      return `| ${k} | ${t.signed} | ${t.kept} | ${t.renounced} | ${t.broken} |`;
    }),
  ].join("\n");
}

/** The summary table across conditions: the leaders on centres and score. */
export function summaryMarkdown(
  all: readonly { c: Condition; records: readonly BotMatchRecord[] }[],
): string {
  return [
    "| preset | miscommunication | games | most centres | best score | solos | draws | year limit |",
    "| --- | ---: | ---: | --- | --- | ---: | ---: | ---: |",
    ...all.map(({ c, records }) => {
      const rows = rowsOf(records);
      const end = endingOf(records);
      return `| ${c.preset} | ${c.miscommunication} | ${end.games} | ${leader(rows, "centres")} | ${leader(rows, "score")} | ${end.solos} | ${end.draws} | ${end.yearLimit} |`;
    }),
  ].join("\n");
}

function main(): void {
  const { values } = parseArgs({
    options: {
      bots: { type: "string", default: TRUST_FIELD },
      games: { type: "string", default: "70" },
      seed: { type: "string", default: "trust" },
      years: { type: "string", default: "1920" },
      presets: { type: "string", default: PRESET_IDS.join(",") },
      misc: { type: "string", default: "0,0.2" },
      out: { type: "string" },
    },
  });
  const table = parseTable(values.bots, 7);
  if (!table.ok) throw new Error(table.error);
  const conditions: Condition[] = values.presets
    .split(",")
    .flatMap((preset) => values.misc.split(",").map((m) => ({ preset, miscommunication: Number(m) })));
  const all: { c: Condition; records: BotMatchRecord[] }[] = [];
  for (const c of conditions) {
    const settings: TournamentSettings = {
      map: "classic",
      bots: values.bots,
      table: table.value,
      games: Number(values.games),
      seed: values.seed,
      yearLimit: Number(values.years),
      preset: c.preset,
      pressMode: "full",
      miscommunication: c.miscommunication,
    };
    const started = performance.now();
    const records: BotMatchRecord[] = [];
    for (let g = 0; g < settings.games; g++) records.push(playTournamentGame(settings, g));
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(
      `${c.preset} ${c.miscommunication}: ${settings.games} games in ${fmt(seconds, 1)} s\n`,
    );
    all.push({ c, records });
  }
  process.stdout.write(`${summaryMarkdown(all)}\n\n`);
  for (const { c, records } of all) process.stdout.write(`${conditionMarkdown(c, records)}\n\n`);
  if (values.out !== undefined) writeFileSync(values.out, JSON.stringify(all));
}

if (process.argv[1]?.endsWith("trust-table.ts")) main();
