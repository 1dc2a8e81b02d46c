/**
 * A headless match in which some seats are language-model bots and the rest heuristic bots: the
 * loop of `playBotMatch` (turn order, answers to late proposals, seeded resolution), with each
 * language-model seat awaited in turn — one request at a time per match — so the match is
 * deterministic apart from the model's answers. Returns the bot-match record with, per
 * language-model seat, its requests, tokens, fallbacks, time and honesty metrics.
 */
import type { PowerId } from "../../map/types";
import { playerView } from "../../match/view";
import { phaseOf } from "../../trust/calendar";
import type { PhaseRef } from "../../trust/types";
import {
  applySeatActions,
  closeMatch,
  matchGoesOn,
  openMatch,
  resolvePhase,
  seatSeed,
  startPhase,
  turnOrder,
  type BotMatchOptions,
  type BotMatchRecord,
  type BotSeat,
  type MatchTable,
} from "../self-play";
import { botTurn, proposalsAwaiting } from "../turn";
import { honestyMetrics, type HonestyMetrics } from "./metrics";
import { llmTurn } from "./turn";
import type { Brain, FallbackReason, Honesty, LlmTurnReport, SentStatement } from "./types";

/** A seat of a headless match: a bot, thinking with the model when `llm` is set. */
export interface LlmSeat extends BotSeat {
  readonly llm?: { readonly honesty: Honesty };
}

/** How to play a headless match with language-model seats. */
export interface LlmMatchOptions extends BotMatchOptions {
  readonly seats: readonly LlmSeat[];
  readonly brain: Brain;
  readonly tokensPerPhase: number;
  readonly maxReplyTokens: number;
  /** The time one turn may take, in ms (headless: a fixed limit). */
  readonly turnMs: number;
  /** The clock, in ms. */
  readonly now: () => number;
}

/** A language-model seat's part in a match. */
export interface LlmSeatRecord {
  readonly power: PowerId;
  readonly label: string;
  readonly honesty: Honesty;
  readonly turns: number; // turns in which it could ask the model
  readonly requests: number;
  readonly tokens: number;
  readonly thinkingMs: number;
  readonly slowestTurnMs: number;
  readonly modelOrders: number;
  readonly fallbackOrders: number;
  readonly fallbacks: Readonly<Partial<Record<FallbackReason, number>>>;
  readonly honestyMetrics: HonestyMetrics;
}

/** A headless match with language-model seats, as a tournament keeps it. */
export interface LlmMatchRecord extends BotMatchRecord {
  readonly llm: readonly LlmSeatRecord[];
  /** Wall time of each phase, from the first turn to the resolution, in ms. */
  readonly phaseMs: readonly number[];
}

/** What the match keeps of a language-model seat as it plays. */
interface SeatBook {
  readonly honesty: Honesty;
  diary: string;
  turns: number;
  requests: number;
  tokens: number;
  thinkingMs: number;
  slowestTurnMs: number;
  modelOrders: number;
  fallbackOrders: number;
  readonly fallbacks: Partial<Record<FallbackReason, number>>;
  readonly sent: SentStatement[];
  readonly notices: { commitmentId: string; at: PhaseRef }[];
}

/** Adds a turn's report to a seat's book. */
function book(b: SeatBook, r: LlmTurnReport, turnMs: number): void {
  b.turns++;
  b.requests += r.requests;
  b.tokens += r.tokens;
  b.thinkingMs += r.thinkingMs;
  b.slowestTurnMs = Math.max(b.slowestTurnMs, turnMs);
  b.modelOrders += r.modelOrders;
  b.fallbackOrders += r.fallbackOrders;
  for (const [reason, n] of Object.entries(r.fallbacks) as [FallbackReason, number][])
    b.fallbacks[reason] = (b.fallbacks[reason] ?? 0) + n;
}

/** One seat's turn: a language-model turn, or the heuristic bot's. */
async function act(
  table: MatchTable,
  options: LlmMatchOptions,
  books: ReadonlyMap<PowerId, SeatBook>,
  power: PowerId,
  respondOnly: boolean,
): Promise<void> {
  const seat = table.seatOf.get(power)!;
  const view = playerView(table.state, power);
  const base = {
    map: table.map,
    view,
    power,
    profile: seat.profile,
    seed: seatSeed(options, power),
    respondOnly,
  };
  const b = books.get(power);
  if (b === undefined) {
    applySeatActions(table, power, botTurn(base).actions);
    return;
  }
  const started = options.now();
  const turn = await llmTurn({
    ...base,
    honesty: b.honesty,
    diary: b.diary,
    press: view.messages,
    tokensLeft: options.tokensPerPhase,
    maxReplyTokens: options.maxReplyTokens,
    turnMs: options.turnMs,
    now: options.now,
    brain: options.brain,
  });
  if (!respondOnly) book(b, turn.report, options.now() - started);
  b.diary = turn.diary;
  const at = phaseOf(table.state.position);
  for (const action of turn.actions) {
    const refused = table.refused;
    applySeatActions(table, power, [action]);
    if (table.refused !== refused) continue;
    if (action.type === "message") b.sent.push({ to: action.to, text: action.text, at });
    if (action.type === "notice") b.notices.push({ commitmentId: action.commitmentId, at });
  }
}

/** Plays one headless match with language-model seats to its end. */
export async function playLlmMatch(options: LlmMatchOptions): Promise<LlmMatchRecord> {
  const table = openMatch(options);
  const books = new Map<PowerId, SeatBook>();
  table.state.powers.forEach((p, i) => {
    const llm = options.seats[i]?.llm;
    if (llm)
      books.set(p, {
        honesty: llm.honesty,
        diary: "",
        turns: 0,
        requests: 0,
        tokens: 0,
        thinkingMs: 0,
        slowestTurnMs: 0,
        modelOrders: 0,
        fallbackOrders: 0,
        fallbacks: {},
        sent: [],
        notices: [],
      });
  });
  const phaseMs: number[] = [];
  while (matchGoesOn(table)) {
    const started = options.now();
    startPhase(table);
    const order = turnOrder(table.map, table.state);
    for (const p of order) await act(table, options, books, p, false);
    for (const p of order)
      if (proposalsAwaiting(table.state, p).length > 0) await act(table, options, books, p, true);
    resolvePhase(table);
    phaseMs.push(options.now() - started);
  }
  const record = closeMatch(table);
  const { state } = table;
  const llm: LlmSeatRecord[] = [...books].map(([power, b]) => ({
    power,
    label: table.seatOf.get(power)!.label,
    honesty: b.honesty,
    turns: b.turns,
    requests: b.requests,
    tokens: b.tokens,
    thinkingMs: b.thinkingMs,
    slowestTurnMs: b.slowestTurnMs,
    modelOrders: b.modelOrders,
    fallbackOrders: b.fallbackOrders,
    fallbacks: { ...b.fallbacks },
    honestyMetrics: honestyMetrics({
      power,
      history: state.history,
      editions: state.editions,
      sent: b.sent,
      notices: b.notices,
    }),
  }));
  return { ...record, llm, phaseMs };
}
