/**
 * Headless matches for the language-model bot tests: the amber map, some seats thinking with a
 * scripted endpoint through the real HTTP client, the rest heuristic bots.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getMap } from "../../../shared/src/map/registry";
import { botProfile } from "../../../shared/src/bots";
import { playLlmMatch, type Honesty, type LlmMatchRecord, type LlmSeat } from "../../../shared/src/bots/llm";
import { chatBrain, type LlmLogLine, type LlmSettings } from "../../../server/src/llm";
import { startEndpoint, type Endpoint, type Script } from "./endpoint";

/** How a test match is played. */
export interface TestMatch {
  readonly script: Script;
  /** Honesty of each language-model seat, by power index (the others are heuristic bots). */
  readonly llmSeats: Readonly<Record<number, Honesty>>;
  readonly timeoutMs?: number;
  readonly turnMs?: number;
  readonly tokensPerPhase?: number;
  readonly yearLimit?: number;
  readonly seed?: string;
  readonly apiKey?: string;
}

/** A played test match: its record, the endpoint's calls and the log's lines. */
export interface PlayedMatch {
  readonly record: LlmMatchRecord;
  readonly endpoint: Endpoint;
  readonly log: LlmLogLine[];
  readonly logText: string;
  readonly ms: number;
}

/** Plays an amber match against a scripted endpoint started for it (and closed after). */
export async function playTestMatch(t: TestMatch): Promise<PlayedMatch> {
  const endpoint = await startEndpoint(t.script);
  const logPath = join(mkdtempSync(join(tmpdir(), "llm-log-")), "llm.jsonl");
  const settings: LlmSettings = {
    baseUrl: endpoint.baseUrl,
    model: "scripted",
    apiKey: t.apiKey ?? null,
    timeoutMs: t.timeoutMs ?? 2_000,
    tokensPerPhase: t.tokensPerPhase ?? 4_000,
    maxReplyTokens: 300,
    temperature: 0,
    concurrency: 1,
    logPath,
  };
  const map = getMap("amber")!;
  const seats: LlmSeat[] = map.powers.map((_, i) => {
    const honesty = t.llmSeats[i];
    return honesty === undefined
      ? { label: "copycat/baseline", profile: botProfile("copycat") }
      : { label: `llm:${honesty}`, profile: botProfile("copycat"), llm: { honesty } };
  });
  const started = Date.now();
  try {
    const record = await playLlmMatch({
      mapId: "amber",
      seats,
      seed: t.seed ?? "llm-test",
      yearLimit: t.yearLimit ?? 1903,
      brain: chatBrain(settings),
      tokensPerPhase: settings.tokensPerPhase,
      maxReplyTokens: settings.maxReplyTokens,
      turnMs: t.turnMs ?? 5_000,
      now: Date.now,
    });
    let logText = "";
    try {
      logText = readFileSync(logPath, "utf8");
    } catch {
      logText = "";
    }
    const log = logText
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l) as LlmLogLine);
    return { record, endpoint, log, logText, ms: Date.now() - started };
  } finally {
    await endpoint.close();
  }
}

/** The sum of one fallback reason over every language-model seat of a record. */
export function fallbacks(record: LlmMatchRecord, reason: string): number {
  return record.llm.reduce((n, s) => n + ((s.fallbacks as Record<string, number>)[reason] ?? 0), 0);
}
