/**
 * A match record file as the browser reads it (issue 15): parsed at the edge into a typed
 * `MatchRecord` (`matchRecordSchema`, shared/src/wire/record.ts) or a refusal in words with a stable
 * code, then checked by replaying it through the rules (`replayRecord`, sha256 from
 * `@noble/hashes`) and the verdict put in words. Pure: no DOM.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { PhaseRef } from "../../../shared/src/trust/types";
import { formatPhase } from "../../../shared/src/newspaper/headlines";
import { replayRecord, type ReplayOutcome } from "../../../shared/src/match/replay";
import { matchRecordSchema, type MatchRecord } from "../../../shared/src/wire/record";

/** Why a file is refused: not JSON, not a record, or a running match's record (no seed). */
export type RecordRefusalCode = "not-json" | "not-record" | "no-seed";

/** A file read: its record, or why it cannot be replayed. */
export type RecordRead =
  | { readonly ok: true; readonly record: MatchRecord & { readonly seed: string | number } }
  | { readonly ok: false; readonly code: RecordRefusalCode; readonly message: string };

/** Where in the file a schema issue is, in words: `checkpoints[0].phase`, or "the file". */
function issuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "the file";
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`))
    .join("");
}

/** Reads the text of a file as a match record that can be replayed. */
export function readRecordFile(text: string): RecordRead {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, code: "not-json", message: `This file is not JSON (${why}).` };
  }
  const parsed = matchRecordSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? "the file" : issuePath(issue.path);
    const what = issue?.message ?? "it does not fit the format";
    return {
      ok: false,
      code: "not-record",
      message: `This file is not a match record: ${where}: ${what}.`,
    };
  }
  const record = parsed.data;
  if (record.seed === null)
    return {
      ok: false,
      code: "no-seed",
      message:
        "This is the record of a running match: it holds no seed until the match ends, so it cannot be " +
        "replayed. Download the record again once the match is over.",
    };
  return { ok: true, record: { ...record, seed: record.seed } };
}

/** sha256 of a text, as lowercase hex (what the server and `npm run replay` use). */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** Replays a record through the rules and checks every phase and the final state's hash. */
export function checkRecord(record: MatchRecord): ReplayOutcome {
  return replayRecord(record, { digest: sha256Hex });
}

/** A phase key in words: `1901-spring-movement` → "Spring 1901, Movement"; anything else as it is. */
export function phaseKeyWords(key: string): string {
  const m = /^(\d+)-([a-z]+)-([a-z]+)$/.exec(key);
  if (m === null) return key;
  return formatPhase({ year: Number(m[1]), season: m[2], phase: m[3] } as PhaseRef);
}

/** A replay's verdict in words. */
export function verdictWords(outcome: ReplayOutcome): string {
  if (outcome.kind === "identical") return `Checked: every phase and the final state match · ${outcome.hash}`;
  return `Diverged at ${phaseKeyWords(outcome.phase)}: ${outcome.what}`;
}
