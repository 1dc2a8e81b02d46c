/**
 * `npm run tournament -- --bots <spec> [options]`: plays many bot matches with rotating seats on
 * worker threads, prints the table of bots (and a head-to-head line when two bots play), and with
 * `--out DIR` writes games.csv, summary.csv, tournament.json and report.html. See
 * docs/tournament.md. Language-model seats (`llm` in `--bots`) think with the endpoint of the
 * `LLM_*` settings (docs/llm-bots.md) and add a line on their time per phase and fallbacks.
 * Exit status: 0 played, 2 bad arguments (nothing written), 1 a failure.
 */
import cliProgress from "cli-progress";
import { getMap } from "../../shared/src/map/registry";
import { chatBrain, llmSettingsFromEnv } from "../../server/src/llm";
import { parseCommand, USAGE } from "./args";
import { formatComparison, formatOverall, formatTable, type Timing } from "./format";
import { hasLlmSeats, type TournamentSettings } from "./game";
import { formatLlmSummary, headlessTurnMs, isLlmRecord, llmSummary, type LlmRun } from "./llm";
import { writeOutputs } from "./output";
import { runTournament } from "./run";
import { formatEnds, formatStrengths, strengths } from "./strength";
import { summarize } from "./summary";

/** A progress bar on standard error when it is a terminal; nothing otherwise. */
function progressBar(total: number): { update: (done: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const started = performance.now();
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: "tournament {bar} {value}/{total} games · {rate} games/s · ETA {eta_formatted}",
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { rate: "–" });
  return {
    update: (done) => {
      const seconds = (performance.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? (done / seconds).toFixed(2) : "–" });
    },
    stop: () => bar.stop(),
  };
}

/** Plays the tournament and prints (and writes) its results. */
async function play(
  settings: TournamentSettings,
  workers: number,
  out: string | null,
  llm: LlmRun | undefined,
): Promise<void> {
  const map = getMap(settings.map)!;
  const bar = progressBar(settings.games);
  const started = performance.now();
  let records;
  try {
    records = await runTournament(settings, { workers, onGame: bar.update, ...(llm ? { llm } : {}) });
  } finally {
    bar.stop();
  }
  const timing: Timing = {
    seconds: (performance.now() - started) / 1000,
    workers: llm ? 1 : Math.max(1, Math.min(workers, settings.games)), // language-model seats: this thread
  };
  const summary = summarize(records, {
    labels: settings.table.map((s) => s.label),
    supplyCentres: map.supplyCenters.length,
    powers: map.powers.length,
    firstYear: map.start.year,
  });
  const lines = [...formatTable(summary.bots), ""];
  if (summary.comparison) lines.push(formatComparison(summary.comparison));
  lines.push(formatOverall(summary.overall, timing));
  const strength = strengths(
    records,
    settings.table.map((s) => s.label),
    map.supplyCenters.length,
    map.powers.length,
  );
  lines.push("", ...formatStrengths(strength), formatEnds(records));
  const withModel = records.filter(isLlmRecord);
  if (withModel.length > 0) lines.push("", ...formatLlmSummary(llmSummary(withModel)));
  process.stdout.write(`${lines.join("\n")}\n`);
  if (out !== null) {
    writeOutputs(out, { settings, summary, records }, timing);
    process.stderr.write(
      `tournament: wrote games.csv, summary.csv, tournament.json and report.html to ${out}\n`,
    );
  }
}

/** Reads the arguments and plays; returns the exit status. */
async function main(argv: readonly string[]): Promise<number> {
  const command = parseCommand(argv);
  if (!command.ok) {
    process.stderr.write(`tournament: ${command.error}\n(npm run tournament -- --help for the usage)\n`);
    return 2;
  }
  if (command.value.kind === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { settings, workers, out } = command.value;
  let llm: LlmRun | undefined;
  if (hasLlmSeats(settings)) {
    const read = llmSettingsFromEnv(process.env);
    if (!read.ok || read.value === null) {
      process.stderr.write(
        `tournament: ${read.ok ? "language-model bots need LLM_BASE_URL (docs/llm-bots.md)" : read.error}\n`,
      );
      return 2;
    }
    const s = read.value;
    llm = {
      brain: chatBrain(s),
      tokensPerPhase: s.tokensPerPhase,
      maxReplyTokens: s.maxReplyTokens,
      turnMs: headlessTurnMs(s.timeoutMs),
      now: Date.now,
    };
  }
  await play(settings, workers, out, llm);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`tournament: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
