/**
 * The words of a language-model bot (docs/llm-bots.md): its honesty setting, the chat it has with
 * a model, and what a turn reports. The model itself is out of reach of the rules package: a
 * `Brain` is handed in by the caller (the server's HTTP client, or a test's), so everything here
 * stays pure.
 */
import type { PowerId } from "../../map/types";
import type { PhaseRef } from "../../trust/types";

/** How a language-model bot treats its word. */
export const HONESTY_SETTINGS = ["honest", "pragmatic", "deceitful"] as const;
/**
 * `honest`: gives notice before acting against a commitment and keeps its commitments in its
 * orders (enforced); `pragmatic`: told to weigh its word against its interest; `deceitful`: told
 * it may reassure and strike without notice.
 */
export type Honesty = (typeof HONESTY_SETTINGS)[number];

/** Whether a word is an honesty setting. */
export function isHonesty(word: string): word is Honesty {
  return (HONESTY_SETTINGS as readonly string[]).includes(word);
}

/** One message of a chat-completions conversation. */
export interface ChatMessage {
  readonly role: "system" | "user";
  readonly content: string;
}

/** The two requests of a turn: press and commitments first, then orders (never shown the press). */
export type ChatPurpose = "diplomacy" | "orders";

/** One request to the model. */
export interface ChatRequest {
  readonly purpose: ChatPurpose;
  readonly power: PowerId;
  readonly phase: string; // the phase key, e.g. "S1901M"
  readonly messages: readonly ChatMessage[];
  readonly maxTokens: number; // the reply's cap (within the phase's budget)
  readonly timeoutMs: number; // the time the brain may take, at most (what the turn has left)
}

/** Why a request gave nothing usable. */
export const CHAT_FAILURES = ["timeout", "http", "network", "bad-reply"] as const;
/** `bad-reply`: the HTTP answer was not a chat completion with text. */
export type ChatFailure = (typeof CHAT_FAILURES)[number];

/** The brain's answer: the model's text and the tokens the request cost, or why there is none. */
export type ChatAnswer =
  | { readonly ok: true; readonly text: string; readonly tokens: number }
  | { readonly ok: false; readonly failure: ChatFailure };

/** What thinks for the bot: one chat-completions request at a time, never throwing. */
export type Brain = (request: ChatRequest) => Promise<ChatAnswer>;

/** Why (part of) a turn fell back to the heuristic bot. */
export const FALLBACK_REASONS = [
  ...CHAT_FAILURES,
  "non-json", // the text held no JSON object
  "out-of-range", // an order index that is not one of the unit's legal orders, or no index
  "budget", // the phase's token budget was spent: no request made
  "no-time", // the turn's time was spent: no request made
  "kept-word", // an honest bot's order that would break its word without notice
] as const;
/** One of `FALLBACK_REASONS`. */
export type FallbackReason = (typeof FALLBACK_REASONS)[number];

/** What a language-model bot did in one turn, for the log and the tournament tables. */
export interface LlmTurnReport {
  readonly requests: number;
  readonly tokens: number;
  readonly thinkingMs: number; // time spent waiting for the brain
  /** Orders the model chose (by index) and orders that fell back to the heuristic tactics. */
  readonly modelOrders: number;
  readonly fallbackOrders: number;
  /** Each fallback, by why: a whole request counts once, an order once per unit. */
  readonly fallbacks: Readonly<Partial<Record<FallbackReason, number>>>;
}

/** A message a bot sent, as its honesty metrics read it. */
export interface SentStatement {
  readonly to: readonly PowerId[];
  readonly text: string;
  readonly at: PhaseRef;
}
