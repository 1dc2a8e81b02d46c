/**
 * The brain of a language-model bot: an OpenAI-compatible chat-completions client
 * (`POST {baseUrl}/chat/completions`) behind a queue, with a time limit on every request and a
 * JSON Lines log of every exchange. It never throws: a timeout, an HTTP error, a network failure
 * or an answer that is not a chat completion comes back as a failure, and the bot falls back to
 * its heuristic tactics (shared/src/bots/llm/turn.ts).
 */
import { appendFileSync } from "node:fs";
import type { Brain, ChatAnswer, ChatFailure, ChatRequest } from "../../../shared/src/bots/llm";
import { RequestQueue } from "./queue";
import type { LlmSettings } from "./settings";

/** One exchange with the model, as the log keeps it (one JSON line; never the API key). */
export interface LlmLogLine {
  readonly at: string; // ISO time the request was made
  readonly id: number; // per brain, from 1
  readonly model: string;
  readonly url: string;
  readonly power: string;
  readonly phase: string;
  readonly purpose: ChatRequest["purpose"];
  readonly request: {
    readonly messages: ChatRequest["messages"];
    readonly max_tokens: number;
    readonly temperature: number;
  };
  readonly queuedMs: number; // waiting for a slot
  readonly ms: number; // from the request sent to the reply read (or the failure)
  readonly status: number | null; // HTTP status; null when none came
  readonly outcome: "ok" | ChatFailure;
  readonly reply: string | null; // the model's text
  readonly tokens: { readonly prompt: number; readonly completion: number; readonly total: number } | null;
  readonly estimated: boolean; // tokens estimated from the length (the reply had no usage)
}

/** Where log lines go. */
export type LlmLog = (line: LlmLogLine) => void;

/**
 * A log that appends each line to a JSON Lines file. A line that cannot be written is reported on
 * standard error once and dropped: the log never stops a bot.
 */
export function fileLog(path: string): LlmLog {
  let warned = false;
  return (line) => {
    try {
      appendFileSync(path, `${JSON.stringify(line)}\n`);
    } catch (e) {
      if (!warned)
        process.stderr.write(
          `llm: cannot write the log ${path}: ${e instanceof Error ? e.message : String(e)}\n`,
        );
      warned = true;
    }
  };
}

/** Characters per token, for estimates when a reply has no `usage`. */
const CHARS_PER_TOKEN = 4;

/** The text and usage of a chat completion, or null when the body is not one. */
function completionOf(body: unknown): { text: string; usage: Record<string, unknown> | null } | null {
  if (typeof body !== "object" || body === null) return null;
  const choices = (body as { choices?: unknown }).choices;
  if (!Array.isArray(choices)) return null;
  const first: unknown = choices[0];
  const message =
    typeof first === "object" && first !== null ? (first as { message?: unknown }).message : null;
  const content =
    typeof message === "object" && message !== null ? (message as { content?: unknown }).content : null;
  if (typeof content !== "string") return null;
  const usage = (body as { usage?: unknown }).usage;
  return {
    text: content,
    usage: typeof usage === "object" && usage !== null ? (usage as Record<string, unknown>) : null,
  };
}

/** A count from a usage record, if it is one. */
function count(usage: Record<string, unknown> | null, key: string): number | null {
  const n = usage?.[key];
  return typeof n === "number" && Number.isFinite(n) && n >= 0 ? n : null;
}

/** What `chatBrain` needs besides the settings. */
export interface BrainOptions {
  /** Where log lines go (default: the settings' `logPath`, or nowhere). */
  readonly log?: LlmLog;
  /** The queue, shared by every brain of the process (default: one of `settings.concurrency`). */
  readonly queue?: RequestQueue;
  /** The clock, in ms. */
  readonly now?: () => number;
}

/** A brain that asks the endpoint of `settings`. */
export function chatBrain(settings: LlmSettings, options: BrainOptions = {}): Brain {
  const queue = options.queue ?? new RequestQueue(settings.concurrency);
  const log = options.log ?? (settings.logPath === null ? () => undefined : fileLog(settings.logPath));
  const now = options.now ?? Date.now;
  const url = `${settings.baseUrl}/chat/completions`;
  let next = 1;

  return async (request: ChatRequest): Promise<ChatAnswer> => {
    const id = next++;
    const at = new Date(now()).toISOString();
    const limit = Math.max(0, Math.min(settings.timeoutMs, request.timeoutMs));
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), limit);
    const queuedFrom = now();
    const payload = {
      model: settings.model,
      messages: request.messages,
      max_tokens: request.maxTokens,
      temperature: settings.temperature,
    };
    let status: number | null = null;
    let reply: string | null = null;
    let tokens: LlmLogLine["tokens"] = null;
    let estimated = false;
    let outcome: LlmLogLine["outcome"] = "timeout";
    let sentAt = now();
    const release = await queue.acquire(abort.signal);
    const queuedMs = now() - queuedFrom;
    try {
      if (release !== null) {
        sentAt = now();
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (settings.apiKey !== null) headers["authorization"] = `Bearer ${settings.apiKey}`;
        const response = await fetch(url, {
          method: "POST",
          headers,
          body: JSON.stringify(payload),
          signal: abort.signal,
        });
        status = response.status;
        const text = await response.text();
        if (!response.ok) outcome = "http";
        else {
          let body: unknown = null;
          try {
            body = JSON.parse(text);
          } catch {
            body = null;
          }
          const completion = completionOf(body);
          if (completion === null) outcome = "bad-reply";
          else {
            outcome = "ok";
            reply = completion.text;
            const promptChars = request.messages.reduce((n, m) => n + m.content.length, 0);
            const prompt = count(completion.usage, "prompt_tokens");
            const done = count(completion.usage, "completion_tokens");
            estimated = prompt === null || done === null;
            const p = prompt ?? Math.ceil(promptChars / CHARS_PER_TOKEN);
            const c = done ?? Math.ceil(reply.length / CHARS_PER_TOKEN);
            tokens = { prompt: p, completion: c, total: count(completion.usage, "total_tokens") ?? p + c };
          }
        }
      }
    } catch {
      outcome = abort.signal.aborted ? "timeout" : "network";
    } finally {
      clearTimeout(timer);
      release?.();
    }
    log({
      at,
      id,
      model: settings.model,
      url,
      power: request.power,
      phase: request.phase,
      purpose: request.purpose,
      request: {
        messages: request.messages,
        max_tokens: request.maxTokens,
        temperature: settings.temperature,
      },
      queuedMs,
      ms: now() - sentAt,
      status,
      outcome,
      reply,
      tokens,
      estimated,
    });
    return outcome === "ok" && reply !== null
      ? { ok: true, text: reply, tokens: tokens?.total ?? 0 }
      : { ok: false, failure: outcome === "ok" ? "bad-reply" : outcome };
  };
}
