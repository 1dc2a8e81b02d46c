/**
 * `npm run move-to-postgres -- --data-dir ./data --database-url postgres://…`: moves a data folder's
 * SQLite file into an empty PostgreSQL database (docs/move-to-postgres.md). Exit status: 0 moved
 * and checked; 1 refused (nothing written: a server holds the folder, the file is damaged or from a
 * newer version, the target holds data or cannot be reached) or failed (rolled back), or the check
 * after the commit found a difference; 2 bad arguments.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import cliProgress from "cli-progress";
import { parseCommand, USAGE } from "./move-to-postgres/args";
import { moveToPostgres, type MoveListener } from "./move-to-postgres/move";
import { formatReport } from "./move-to-postgres/report";
import { MoveRefusal, reason } from "./move-to-postgres/target";

/** A progress bar on a terminal; nothing when the output goes to a file or a pipe. */
function progressBar(): MoveListener & { stop(): void } {
  if (!process.stdout.isTTY)
    return { start: () => undefined, copied: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: "copying {bar} {percentage}% | {value}/{total} rows | {table}", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (total) => bar.start(total, 0, { table: "" }),
    copied: (table, rows) => bar.increment(rows, { table }),
    stop: () => bar.stop(),
  };
}

/** Runs the command; returns its exit status. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const command = parseCommand(argv, env);
  if (!command.ok) {
    process.stderr.write(`move-to-postgres: ${command.error}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.value.kind === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const bar = progressBar();
  try {
    const report = await moveToPostgres(command.value, bar);
    bar.stop();
    process.stdout.write(`${formatReport(report)}\n`);
    return report.verification.problems.length === 0 ? 0 : 1;
  } catch (error) {
    bar.stop();
    const what = error instanceof MoveRefusal ? "refused" : "failed";
    process.stderr.write(`move-to-postgres ${what}: ${reason(error)}\n`);
    return 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  process.exit(await main(process.argv.slice(2), process.env));
