/**
 * Language-model bots (docs/llm-bots.md): prompts, answers, turns, honesty metrics and headless
 * matches — all pure; the model is a `Brain` handed in by the caller.
 */
export { diplomacyAnswer, jsonObjectIn, orderChoices } from "./answers";
export type { DiplomacyAnswer } from "./answers";
export {
  commitmentLine,
  diplomacyPrompt,
  HONESTY_RULES,
  MAX_DIARY_LENGTH,
  ordersPrompt,
  scrubDiary,
} from "./prompt";
export type { DiplomacyFacts, OrdersFacts, QuotedPress, UnitOptions } from "./prompt";
export { CONTRADICTION_ROUNDS, contradictedBy, honestyMetrics, isPeaceStatement } from "./metrics";
export type { HonestyMetrics, HonestyRecord } from "./metrics";
export { llmTurn, MAX_MESSAGE_LENGTH, MAX_MESSAGES, MAX_PROPOSALS } from "./turn";
export type { LlmTurn, LlmTurnInput } from "./turn";
export { playLlmMatch } from "./self-play";
export type { LlmMatchOptions, LlmMatchRecord, LlmSeat, LlmSeatRecord } from "./self-play";
export { CHAT_FAILURES, FALLBACK_REASONS, HONESTY_SETTINGS, isHonesty } from "./types";
export type {
  Brain,
  ChatAnswer,
  ChatFailure,
  ChatMessage,
  ChatPurpose,
  ChatRequest,
  FallbackReason,
  Honesty,
  LlmTurnReport,
  SentStatement,
} from "./types";
