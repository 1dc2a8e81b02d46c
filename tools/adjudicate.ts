/**
 * `npm run adjudicate`: reads JSON Lines on standard input and writes one JSON line per input line,
 * in order, flushed line by line. All the logic is in `adjudicate-line.ts`; see docs/adjudicate.md.
 */
import { once } from "node:events";
import { createInterface } from "node:readline";
import { adjudicateLine } from "./adjudicate-line";

/** Answers each line of standard input on standard output until the input ends. */
async function main(): Promise<void> {
  // A reader that went away (EPIPE) needs no more answers.
  process.stdout.on("error", () => process.exit(0));
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!process.stdout.write(`${adjudicateLine(line)}\n`)) await once(process.stdout, "drain");
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`adjudicate: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
