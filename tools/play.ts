/**
 * `npm run play -- <script.json>`: plays a scripted match through the real boardgame.io `Game`
 * and prints its record as JSON on standard output. All the logic is in `play-script.ts`; see
 * docs/play.md. Exit status: 0 played, 2 the script cannot be read or played (the message on
 * standard error names the phase, power and line), 1 an unexpected failure.
 */
import { readFileSync } from "node:fs";
import { compactJson, formatScriptError, runScript } from "./play-script";

const USAGE = "usage: npm run --silent play -- <script.json>";

// boardgame.io logs every refused move as "ERROR: invalid move: …"; the runner explains refusals
// itself (phase, power, line and reason), so its log lines would only be noise here.
const logError = console.error.bind(console);
console.error = (...args: unknown[]): void => {
  if (args[0] !== "ERROR:") logError(...args);
};

/** Reads the script, plays it, prints the record; returns the exit status. */
async function main(args: readonly string[]): Promise<number> {
  const [file, ...extra] = args;
  if (file === undefined || extra.length > 0 || file === "--help" || file === "-h") {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let script: unknown;
  try {
    script = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    process.stderr.write(`play: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const played = await runScript(script);
  if (!played.ok) {
    process.stderr.write(`play: ${file}: ${formatScriptError(played.error)}\n`);
    return 2;
  }
  process.stdout.write(`${compactJson(played.value)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`play: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
