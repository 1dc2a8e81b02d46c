/**
 * A server's language-model settings, read from its environment (docs/llm-bots.md#settings):
 * `LLM_BASE_URL` (unset: no language-model bots), `LLM_MODEL`, `LLM_API_KEY`, `LLM_TIMEOUT_MS`,
 * `LLM_TOKENS_PER_PHASE`, `LLM_MAX_TOKENS`, `LLM_TEMPERATURE`, `LLM_CONCURRENCY` (default 1, for
 * local models) and `LLM_LOG` (a JSON Lines file). Parsed once, at the edge, into typed values.
 */
import { err, ok, type Result } from "../../../shared/src/result";

/** How to reach and use an OpenAI-compatible chat endpoint. */
export interface LlmSettings {
  readonly baseUrl: string; // e.g. "http://localhost:11434/v1"; requests go to `${baseUrl}/chat/completions`
  readonly model: string;
  readonly apiKey: string | null; // sent as `Authorization: Bearer …`; never logged
  readonly timeoutMs: number; // one request at most (a turn's time left may cut it shorter)
  readonly tokensPerPhase: number; // each bot's budget per phase
  readonly maxReplyTokens: number; // `max_tokens` of one request
  readonly temperature: number;
  readonly concurrency: number; // requests running at once, across every bot of the process
  readonly logPath: string | null; // the JSON Lines log; null: no log
}

/** The defaults of the settings that have one. */
export const LLM_DEFAULTS = {
  model: "llama3.1",
  timeoutMs: 20_000,
  tokensPerPhase: 4_000,
  maxReplyTokens: 600,
  temperature: 0.2,
  concurrency: 1,
} as const;

/** A whole number ≥ `min` from the environment, or the default. */
function wholeNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
): Result<number, string> {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return ok(fallback);
  const n = Number(raw);
  return /^\d+$/.test(raw) && n >= min ? ok(n) : err(`${name}="${raw}" is not a whole number ≥ ${min}`);
}

/**
 * The settings from the environment; null when `LLM_BASE_URL` is not set (no language-model bots
 * on this server), or why they are wrong.
 */
export function llmSettingsFromEnv(env: NodeJS.ProcessEnv): Result<LlmSettings | null, string> {
  const base = env["LLM_BASE_URL"]?.trim() ?? "";
  if (base === "") return ok(null);
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return err(`LLM_BASE_URL="${base}" is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return err(`LLM_BASE_URL must be http or https`);
  const timeoutMs = wholeNumber(env, "LLM_TIMEOUT_MS", LLM_DEFAULTS.timeoutMs, 1);
  const tokensPerPhase = wholeNumber(env, "LLM_TOKENS_PER_PHASE", LLM_DEFAULTS.tokensPerPhase, 1);
  const maxReplyTokens = wholeNumber(env, "LLM_MAX_TOKENS", LLM_DEFAULTS.maxReplyTokens, 1);
  const concurrency = wholeNumber(env, "LLM_CONCURRENCY", LLM_DEFAULTS.concurrency, 1);
  for (const r of [timeoutMs, tokensPerPhase, maxReplyTokens, concurrency]) if (!r.ok) return r;
  const rawTemperature = env["LLM_TEMPERATURE"]?.trim() ?? "";
  const temperature = rawTemperature === "" ? LLM_DEFAULTS.temperature : Number(rawTemperature);
  if (!Number.isFinite(temperature) || temperature < 0 || temperature > 2)
    return err(`LLM_TEMPERATURE="${rawTemperature}" is not a number from 0 to 2`);
  const key = env["LLM_API_KEY"]?.trim() ?? "";
  const log = env["LLM_LOG"]?.trim() ?? "";
  return ok({
    baseUrl: base.replace(/\/+$/, ""),
    model: env["LLM_MODEL"]?.trim() || LLM_DEFAULTS.model,
    apiKey: key === "" ? null : key,
    timeoutMs: timeoutMs.ok ? timeoutMs.value : LLM_DEFAULTS.timeoutMs,
    tokensPerPhase: tokensPerPhase.ok ? tokensPerPhase.value : LLM_DEFAULTS.tokensPerPhase,
    maxReplyTokens: maxReplyTokens.ok ? maxReplyTokens.value : LLM_DEFAULTS.maxReplyTokens,
    temperature,
    concurrency: concurrency.ok ? concurrency.value : LLM_DEFAULTS.concurrency,
    logPath: log === "" ? null : log,
  });
}
