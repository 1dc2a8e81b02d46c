/**
 * `npm run --silent replay -- <record.json>` (docs/replay.md): plays a match record again through
 * the rules and checks every resolved phase and the final state against it. Prints one line per
 * phase checked and, as its last line, `replay: identical <hash>` (exit 0) or
 * `replay: diverged at <phase>: <what differs>` (exit 1). A file that is not a record: exit 2.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { parseArgs } from "node:util";
import { describeIssues } from "../shared/src";
import { replayRecord, type ReplayOutcome } from "../shared/src/match/replay";
import { matchRecordSchema, RECORD_FORMAT, RECORD_VERSION, type MatchRecord } from "../shared/src/wire";

const USAGE = "usage: npm run --silent replay -- <record.json>";

/** A record read from a file, or why the file is not one. */
function readRecord(file: string): { ok: true; record: MatchRecord } | { ok: false; problem: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    return { ok: false, problem: `cannot read ${file}: ${(error as Error).message}` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problem: `${file} is not JSON` };
  }
  const head = data as { format?: unknown; version?: unknown } | null;
  if (typeof head !== "object" || head === null || head.format !== RECORD_FORMAT)
    return { ok: false, problem: `${file} is not a match record (no "format": "${RECORD_FORMAT}")` };
  if (head.version !== RECORD_VERSION)
    return {
      ok: false,
      problem: `${file} is a record of version ${String(head.version)}; this replay reads version ${RECORD_VERSION}`,
    };
  const parsed = matchRecordSchema.safeParse(data);
  if (!parsed.success)
    return { ok: false, problem: `${file} is not a valid match record: ${describeIssues(parsed.error)}` };
  return { ok: true, record: parsed.data };
}

/** The last line for an outcome. */
function verdict(outcome: ReplayOutcome): string {
  return outcome.kind === "identical"
    ? `replay: identical ${outcome.hash}`
    : `replay: diverged at ${outcome.phase}: ${outcome.what}`;
}

function main(argv: readonly string[]): number {
  let files: string[];
  try {
    files = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: {} }).positionals;
  } catch (error) {
    console.error(`replay: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (files.length !== 1) {
    console.error(`replay: give one record file\n${USAGE}`);
    return 2;
  }
  const read = readRecord(files[0]!);
  if (!read.ok) {
    console.error(`replay: ${read.problem}`);
    return 2;
  }
  const { record } = read;
  if (record.seed === null) {
    console.error(
      "replay: this record is of a match still running: its seed is given only once the match ends; download it again then",
    );
    return 2;
  }
  console.log(
    `match ${record.matchID}: ${record.map}, ${record.numPlayers} players, ${record.actions.length} actions, ` +
      `${record.checkpoints.length} phases${record.complete ? "" : " (up to its last resolved phase)"}`,
  );
  const outcome = replayRecord(record, {
    digest: (text) => createHash("sha256").update(text).digest("hex"),
    onPhase: ({ checkpoint, total }) =>
      console.log(
        `phase ${checkpoint.phase}: as recorded (after action ${checkpoint.actions}; ${total} phases)`,
      ),
  });
  console.log(verdict(outcome));
  return outcome.kind === "identical" ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
