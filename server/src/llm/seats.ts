/**
 * Language-model bot seats of live matches (docs/llm-bots.md#in-a-live-match). One `LlmSeats` per
 * server, made from its settings when a language-model seat first plays: one brain (so one queue:
 * `LLM_CONCURRENCY` holds across every match), the JSON Lines log when `LLM_LOG` is set, each
 * seat's diary and token spending, and the counts of what the model and the fallbacks did.
 *
 * A turn's time comes from the phase's deadline: at most twice `LLM_TIMEOUT_MS` (a diplomacy and
 * an orders request), and never later than `DEADLINE_MARGIN_MS` before the deadline; with no
 * deadline, twice `LLM_TIMEOUT_MS`. Whatever the model does not give in time is the heuristic
 * bot's (`llmTurn` falls back part by part). Diaries (≤ 500 characters a seat) live in memory only,
 * until the server stops: a restart forgets them.
 */
import {
  phaseKey,
  type Action,
  type BotTurnInput,
  type MatchState,
  type PressMessage,
} from "../../../shared/src";
import {
  llmTurn,
  type Brain,
  type FallbackReason,
  type Honesty,
  type LlmTurnReport,
} from "../../../shared/src/bots/llm";
import type { ServerContext } from "../context";
import { chatBrain } from "./client";
import type { LlmSettings } from "./settings";

/** The least time a language-model turn leaves before the phase's deadline, in ms. */
export const DEADLINE_MARGIN_MS = 5_000;
/** The most press messages a turn reads (the newest). */
const PRESS_READ = 30;

/** What the language-model seats of a server did since it started. */
export interface LlmSeatCounts {
  turns: number;
  requests: number;
  tokens: number;
  modelOrders: number;
  fallbackOrders: number;
  readonly fallbacks: Partial<Record<FallbackReason, number>>;
}

/** One language-model seat's turn to play now. */
export interface LlmSeatTurn {
  readonly matchID: string;
  readonly seat: number;
  readonly honesty: Honesty;
  readonly input: BotTurnInput; // the heuristic bot's input: its fallback
  readonly press: readonly PressMessage[]; // what it sent and received, oldest first
  readonly timeLeft: number | null; // ms to the phase's deadline by the server's clock; null: none
}

/**
 * The time a turn may take, in ms: twice the request timeout, cut to end `DEADLINE_MARGIN_MS`
 * before the deadline (never below zero: then the turn is the heuristic bot's at once).
 */
export function turnLimit(timeoutMs: number, timeLeft: number | null): number {
  const full = timeoutMs * 2;
  if (timeLeft === null) return full;
  return Math.max(0, Math.min(full, timeLeft - DEADLINE_MARGIN_MS));
}

/** The language-model seats of one server. */
export class LlmSeats {
  private readonly diaries = new Map<string, string>(); // `match|seat` → diary
  private readonly spent = new Map<string, { readonly phase: string; tokens: number }>(); // `match|seat`
  readonly counts: LlmSeatCounts = {
    turns: 0,
    requests: 0,
    tokens: 0,
    modelOrders: 0,
    fallbackOrders: 0,
    fallbacks: {},
  };

  constructor(
    private readonly settings: LlmSettings,
    private readonly brain: Brain,
    private readonly now: () => number,
  ) {}

  /** Plays one seat's turn: its actions, the model's where it answered in time, else the heuristic's. */
  async play(turn: LlmSeatTurn): Promise<readonly Action[]> {
    const key = `${turn.matchID}|${turn.seat}`;
    const phase = phaseKey(turn.input.view.position);
    const spent = this.spent.get(key);
    const used = spent?.phase === phase ? spent.tokens : 0;
    const result = await llmTurn({
      ...turn.input,
      view: unsealed(turn.input.view),
      honesty: turn.honesty,
      diary: this.diaries.get(key) ?? "",
      press: turn.press.slice(-PRESS_READ),
      tokensLeft: this.settings.tokensPerPhase - used,
      maxReplyTokens: this.settings.maxReplyTokens,
      turnMs: turnLimit(this.settings.timeoutMs, turn.timeLeft),
      now: this.now,
      brain: this.brain,
    });
    this.diaries.set(key, result.diary);
    this.spent.set(key, { phase, tokens: used + result.report.tokens });
    this.count(result.report);
    return result.actions;
  }

  /** Adds a turn's report to the counts. */
  private count(report: LlmTurnReport): void {
    const c = this.counts;
    c.turns++;
    c.requests += report.requests;
    c.tokens += report.tokens;
    c.modelOrders += report.modelOrders;
    c.fallbackOrders += report.fallbackOrders;
    for (const [reason, n] of Object.entries(report.fallbacks) as [FallbackReason, number][])
      c.fallbacks[reason] = (c.fallbacks[reason] ?? 0) + n;
  }
}

/**
 * A seat's view as the turn checks its actions on it: without the press seal, so the rules keep
 * the bot's private messages (on the server they go through the press channel, like a player's).
 */
function unsealed(view: MatchState): MatchState {
  if (view.pressSeal === undefined) return view;
  const copy: { -readonly [K in keyof MatchState]?: MatchState[K] } = { ...view };
  delete copy.pressSeal;
  return copy as MatchState;
}

const servers = new WeakMap<ServerContext, LlmSeats>();

/**
 * The language-model seats of a server (made on first use from `config.llm`), or null when the
 * server has no language-model endpoint: its language-model seats then play as heuristic bots.
 */
export function llmSeatsOf(ctx: ServerContext): LlmSeats | null {
  const settings = ctx.config.llm;
  if (settings === null) return null;
  let seats = servers.get(ctx);
  if (!seats) {
    seats = new LlmSeats(settings, chatBrain(settings), Date.now);
    servers.set(ctx, seats);
  }
  return seats;
}
