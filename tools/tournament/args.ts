/**
 * The command line of `npm run tournament`, read and checked into settings: every mistake becomes
 * one clear message (the CLI prints it and exits 2). Pure but for the default worker count.
 */
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { getMap, MAP_IDS } from "../../shared/src/map/registry";
import { PRESS_MODES, type PressMode } from "../../shared/src/match/types";
import { err, ok, type Result } from "../../shared/src/result";
import { PRESET_IDS } from "../../shared/src/trust/presets";
import type { TournamentSettings } from "./game";
import { parseTable, SPEC_HELP } from "./spec";

/** The usage text of `--help`. */
export const USAGE = `usage: npm run tournament -- --bots <spec> [options]

Plays many bot matches with rotating seats and prints a table of how each bot fared.

  --bots <spec>          the bots, comma-separated (required), e.g. "lookahead,baseline*6"
                         ${SPEC_HELP.replace(/; /g, "\n                         ")}
  --map <id>             ${MAP_IDS.join(" | ")} (default classic)
  --games <n>            games to play (default: one per power, a full rotation)
  --seed <text>          the tournament's seed; game g is seeded "<seed>:<g>" (default "entente")
  --years <year>         the last year played (default: the map's first year + 19, 1920 on classic)
  --preset <id>          ${PRESET_IDS.join(" | ")} (default default)
  --press <mode>         ${PRESS_MODES.join(" | ")} (default full)
  --miscommunication <p> the chance 0..1 the paper misses or misreports a defection (default 0)
  --workers <n>          worker threads (default: the machine's parallelism; 1 plays in this thread)
  --out <dir>            write games.csv, summary.csv, tournament.json and report.html there
  -h, --help             this text

Exit status: 0 played, 2 bad arguments (nothing written), 1 a game or worker failed.`;

/** What the command line asks for. */
export type Command =
  | { readonly kind: "help" }
  | {
      readonly kind: "run";
      readonly settings: TournamentSettings;
      readonly workers: number;
      /** The output folder, or null to print only. */
      readonly out: string | null;
    };

/** A whole number ≥ `min` from an option's text. */
function wholeNumber(name: string, text: string, min: number): Result<number, string> {
  const n = Number(text);
  return /^\s*\d+\s*$/.test(text) && n >= min
    ? ok(n)
    : err(`--${name} must be a whole number ≥ ${min}; got "${text}"`);
}

/** Reads the command line (the arguments after the script name). */
export function parseCommand(argv: readonly string[]): Result<Command, string> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        map: { type: "string", default: "classic" },
        bots: { type: "string" },
        games: { type: "string" },
        seed: { type: "string", default: "entente" },
        years: { type: "string" },
        preset: { type: "string", default: "default" },
        press: { type: "string", default: "full" },
        miscommunication: { type: "string", default: "0" },
        workers: { type: "string" },
        out: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (e) {
    return err(e instanceof Error ? e.message : String(e));
  }
  if (values.help) return ok({ kind: "help" });

  const map = getMap(values.map);
  if (!map) return err(`unknown map "${values.map}"; maps: ${MAP_IDS.join(", ")}`);
  const powers = map.powers.length;
  if (values.bots === undefined) return err(`--bots is required; ${SPEC_HELP}`);
  const table = parseTable(values.bots, powers);
  if (!table.ok) return table;

  const games = values.games === undefined ? ok(powers) : wholeNumber("games", values.games, 1);
  if (!games.ok) return games;
  const workers =
    values.workers === undefined ? ok(availableParallelism()) : wholeNumber("workers", values.workers, 1);
  if (!workers.ok) return workers;
  const firstYear = map.start.year;
  const years =
    values.years === undefined ? ok(firstYear + 19) : wholeNumber("years", values.years, firstYear);
  if (!years.ok) return years;

  if (values.seed === "") return err("--seed must not be empty");
  if (!PRESET_IDS.includes(values.preset))
    return err(`unknown preset "${values.preset}"; presets: ${PRESET_IDS.join(", ")}`);
  const press = values.press;
  if (!(PRESS_MODES as readonly string[]).includes(press))
    return err(`unknown press mode "${press}"; press modes: ${PRESS_MODES.join(", ")}`);
  const miscommunication = Number(values.miscommunication);
  if (values.miscommunication.trim() === "" || !(miscommunication >= 0 && miscommunication <= 1))
    return err(`--miscommunication must be a number from 0 to 1; got "${values.miscommunication}"`);
  if (values.out === "") return err("--out must not be empty");

  return ok({
    kind: "run",
    settings: {
      map: map.id,
      bots: values.bots,
      table: table.value,
      games: games.value,
      seed: values.seed,
      yearLimit: years.value,
      preset: values.preset,
      pressMode: press as PressMode,
      miscommunication,
    },
    workers: workers.value,
    out: values.out ?? null,
  });
}
