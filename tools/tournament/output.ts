/**
 * The tournament's files: games.csv, summary.csv, tournament.json and report.html in one folder.
 * tournament.json holds no timings, so the same arguments give the same bytes.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BotMatchRecord } from "../../shared/src/bots";
import { gamesCsv, summaryCsv } from "./csv";
import type { Timing } from "./format";
import type { TournamentSettings } from "./game";
import { reportHtml } from "./report-html";
import type { TournamentSummary } from "./summary";

/** The names of the files written, in the order written. */
export const OUTPUT_FILES = ["games.csv", "summary.csv", "tournament.json", "report.html"] as const;

/** Everything tournament.json holds. */
export interface TournamentRecord {
  readonly settings: TournamentSettings;
  readonly summary: TournamentSummary;
  readonly records: readonly BotMatchRecord[];
}

/** `JSON.stringify` typed as it behaves: no text (`undefined`) for `undefined`, a function, a symbol. */
const stringify = JSON.stringify as (value: unknown) => string | undefined;

/**
 * JSON text indented by two spaces, but with arrays of numbers, strings or nulls kept on one line
 * (the by-year series), so that a thousand games stay readable and small.
 */
export function jsonText(value: unknown, indent = ""): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every((v) => v === null || typeof v !== "object")) return JSON.stringify(value);
    const inner = indent + "  ";
    return `[\n${value.map((v) => inner + jsonText(v, inner)).join(",\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const inner = indent + "  ";
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${jsonText(v, inner)}`).join(",\n")}\n${indent}}`;
  }
  return stringify(value) ?? "null";
}

/** The text of tournament.json. */
export function tournamentJson(record: TournamentRecord): string {
  return `${jsonText(record)}\n`;
}

/** Writes the four files into `dir` (created if missing); returns their paths. */
export function writeOutputs(dir: string, record: TournamentRecord, timing?: Timing): string[] {
  mkdirSync(dir, { recursive: true });
  const texts: Record<(typeof OUTPUT_FILES)[number], string> = {
    "games.csv": gamesCsv(record.records),
    "summary.csv": summaryCsv(record.summary.bots),
    "tournament.json": tournamentJson(record),
    "report.html": reportHtml(record.settings, record.summary, timing),
  };
  return OUTPUT_FILES.map((name) => {
    const path = join(dir, name);
    writeFileSync(path, texts[name]);
    return path;
  });
}
