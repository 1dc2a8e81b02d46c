/**
 * Language-model bots in a tournament (docs/llm-bots.md#tournaments): their games are played on the
 * main thread, one after another, with one brain (`LLM_*` settings, `LLM_CONCURRENCY` requests at
 * once), through `playLlmMatch`; their records carry each language-model seat's requests, tokens
 * and fallbacks and each phase's time, summed up here for the printed line.
 */
import {
  playLlmMatch,
  type Brain,
  type FallbackReason,
  type LlmMatchRecord,
} from "../../shared/src/bots/llm";
import type { TournamentSettings } from "./game";
import { gameSeed, seatsOf } from "./rotation";

/** How language-model seats think in a tournament. */
export interface LlmRun {
  readonly brain: Brain;
  readonly tokensPerPhase: number;
  readonly maxReplyTokens: number;
  /** The time one turn may take (headless: fixed), in ms. */
  readonly turnMs: number;
  /** The clock, in ms. */
  readonly now: () => number;
}

/** A headless turn's fixed limit: both requests at their full time limit. */
export function headlessTurnMs(requestTimeoutMs: number): number {
  return 2 * requestTimeoutMs;
}

/** Plays game `game` (0-based) of a tournament with language-model seats. */
export function playLlmTournamentGame(
  settings: TournamentSettings,
  game: number,
  run: LlmRun,
): Promise<LlmMatchRecord> {
  return playLlmMatch({
    mapId: settings.map,
    seats: seatsOf(settings.table, game),
    seed: gameSeed(settings.seed, game),
    yearLimit: settings.yearLimit,
    preset: settings.preset,
    pressMode: settings.pressMode,
    miscommunication: settings.miscommunication,
    ...run,
  });
}

/** The language-model seats of a tournament, summed over its games. */
export interface LlmSummary {
  readonly games: number;
  readonly phases: number;
  readonly meanPhaseMs: number;
  readonly maxPhaseMs: number;
  readonly turns: number;
  readonly requests: number;
  readonly tokens: number;
  readonly modelOrders: number;
  readonly fallbackOrders: number;
  readonly fallbacks: Readonly<Partial<Record<FallbackReason, number>>>;
  readonly refused: number;
  /** The honesty metrics summed by bot label (in the order first seen). */
  readonly honesty: readonly HonestyRow[];
}

/** A bot's honesty metrics, summed over its seats. */
export interface HonestyRow {
  readonly label: string;
  readonly seats: number;
  readonly notices: number;
  readonly surpriseDefections: number;
  readonly peaceStatements: number;
  readonly contradicted: number;
}

/** Whether a record has language-model seats. */
export function isLlmRecord(record: object): record is LlmMatchRecord {
  return "llm" in record && "phaseMs" in record;
}

/** Sums up the language-model seats of the records. */
export function llmSummary(records: readonly LlmMatchRecord[]): LlmSummary {
  const phaseMs = records.flatMap((r) => r.phaseMs);
  const seats = records.flatMap((r) => r.llm);
  const fallbacks: Partial<Record<FallbackReason, number>> = {};
  for (const s of seats)
    for (const [reason, n] of Object.entries(s.fallbacks) as [FallbackReason, number][])
      fallbacks[reason] = (fallbacks[reason] ?? 0) + n;
  const sum = (f: (s: (typeof seats)[number]) => number): number => seats.reduce((n, s) => n + f(s), 0);
  const rows = new Map<string, HonestyRow>();
  for (const s of seats) {
    const row = rows.get(s.label);
    const m = s.honestyMetrics;
    rows.set(s.label, {
      label: s.label,
      seats: (row?.seats ?? 0) + 1,
      notices: (row?.notices ?? 0) + m.notices,
      surpriseDefections: (row?.surpriseDefections ?? 0) + m.surpriseDefections,
      peaceStatements: (row?.peaceStatements ?? 0) + m.peaceStatements,
      contradicted: (row?.contradicted ?? 0) + m.contradicted,
    });
  }
  return {
    games: records.length,
    phases: phaseMs.length,
    meanPhaseMs: phaseMs.length === 0 ? 0 : phaseMs.reduce((a, b) => a + b, 0) / phaseMs.length,
    maxPhaseMs: phaseMs.reduce((a, b) => Math.max(a, b), 0),
    turns: sum((s) => s.turns),
    requests: sum((s) => s.requests),
    tokens: sum((s) => s.tokens),
    modelOrders: sum((s) => s.modelOrders),
    fallbackOrders: sum((s) => s.fallbackOrders),
    fallbacks,
    refused: records.reduce((n, r) => n + r.refused, 0),
    honesty: [...rows.values()],
  };
}

/** The printed lines of the language-model seats. */
export function formatLlmSummary(s: LlmSummary): string[] {
  const reasons = Object.entries(s.fallbacks)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(", ");
  return [
    `language-model seats: ${s.games} games, ${s.phases} phases; time per phase ${Math.round(s.meanPhaseMs)} ms ` +
      `on average, ${Math.round(s.maxPhaseMs)} ms at most`,
    `  ${s.turns} turns, ${s.requests} requests, ${s.tokens} tokens; orders by the model ${s.modelOrders}, ` +
      `by fallback ${s.fallbackOrders}; fallbacks: ${reasons === "" ? "none" : reasons}; refused actions ${s.refused}`,
    ...s.honesty.map(
      (h) =>
        `  ${h.label} (${h.seats} seats): notices ${h.notices}, stabs without notice ${h.surpriseDefections}, ` +
        `peace statements ${h.peaceStatements}, contradicted by the paper ${h.contradicted}`,
    ),
  ];
}
