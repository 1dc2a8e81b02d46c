/**
 * Language-model bots on the Node side (docs/llm-bots.md): the settings from the environment, the
 * chat-completions client with its queue and JSON Lines log, and the language-model seats of live
 * matches (`llmSeatsOf`). The bot itself is pure and lives in shared/src/bots/llm/.
 */
export { chatBrain, fileLog, type BrainOptions, type LlmLog, type LlmLogLine } from "./client";
export { RequestQueue, type Release } from "./queue";
export { LLM_DEFAULTS, llmSettingsFromEnv, type LlmSettings } from "./settings";
export {
  DEADLINE_MARGIN_MS,
  LlmSeats,
  llmSeatsOf,
  turnLimit,
  type LlmSeatCounts,
  type LlmSeatTurn,
} from "./seats";
