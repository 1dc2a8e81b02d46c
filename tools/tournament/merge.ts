/**
 * `npx tsx tools/tournament/merge.ts DIR…`: one table from several tournaments' `--out` folders
 * — the same bots, map, years, preset, press and miscommunication, played in parts (a long
 * measure split into runs that each finish, with seeds of their own). Prints what `npm run
 * tournament` prints after its games: the table, the comparison, the protocol figures (centre
 * share, solos, eliminations with their intervals) and how the games ended, over every game of
 * every folder. Exit status: 0 merged; 2 a folder that cannot be read or does not match the first.
 */
import fs from "node:fs";
import path from "node:path";
import { getMap } from "../../shared/src/map/registry";
import { formatComparison, formatTable } from "./format";
import type { TournamentRecord } from "./output";
import { formatEnds, formatStrengths, strengths } from "./strength";
import { summarize } from "./summary";

/** The settings that must agree for games to be counted together (not the seed or the count). */
function sameField(record: TournamentRecord): string {
  const { map, bots, yearLimit, preset, pressMode, miscommunication } = record.settings;
  return JSON.stringify({ map, bots, yearLimit, preset, pressMode, miscommunication });
}

/** Reads one folder's tournament.json, or says why it cannot. */
function read(dir: string): TournamentRecord | string {
  try {
    const record = JSON.parse(fs.readFileSync(path.join(dir, "tournament.json"), "utf8")) as TournamentRecord;
    if (!Array.isArray(record.records) || !Array.isArray(record.settings.table))
      return `${dir}: not a tournament`;
    return record;
  } catch (error) {
    return `${dir}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function main(dirs: readonly string[]): number {
  if (dirs.length === 0) {
    process.stderr.write("usage: npx tsx tools/tournament/merge.ts DIR… (folders written by --out)\n");
    return 2;
  }
  const parts: TournamentRecord[] = [];
  for (const dir of dirs) {
    const part = read(dir);
    if (typeof part === "string") {
      process.stderr.write(`merge: ${part}\n`);
      return 2;
    }
    if (parts.length > 0 && sameField(part) !== sameField(parts[0]!)) {
      process.stderr.write(`merge: ${dir} played another field than ${dirs[0]!}: ${sameField(part)}\n`);
      return 2;
    }
    parts.push(part);
  }
  const first = parts[0]!.settings;
  const map = getMap(first.map);
  if (map === null) {
    process.stderr.write(`merge: unknown map ${first.map}\n`);
    return 2;
  }
  const records = parts.flatMap((p) => p.records);
  const labels = first.table.map((s) => s.label);
  const summary = summarize(records, {
    labels,
    supplyCentres: map.supplyCenters.length,
    powers: map.powers.length,
    firstYear: map.start.year,
  });
  const seeds = parts.map((p) => `${p.settings.seed} (${p.records.length})`).join(", ");
  const lines = [
    `${records.length} games of "${first.bots}" from seeds ${seeds}`,
    "",
    ...formatTable(summary.bots),
    "",
  ];
  if (summary.comparison) lines.push(formatComparison(summary.comparison));
  const strength = strengths(records, labels, map.supplyCenters.length, map.powers.length);
  lines.push("", ...formatStrengths(strength), formatEnds(records));
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
