/** The chat-completions client of language-model bots: settings, queue, time limit and log. */
import { describe, expect, it } from "vitest";
import type { ChatRequest } from "../../shared/src/bots/llm";
import {
  chatBrain,
  llmSettingsFromEnv,
  LLM_DEFAULTS,
  type LlmLogLine,
  type LlmSettings,
} from "../../server/src/llm";
import { startEndpoint } from "./support/endpoint";

const request = (timeoutMs = 5_000): ChatRequest => ({
  purpose: "orders",
  power: "BRY",
  phase: "1901-spring-movement",
  messages: [
    { role: "system", content: "Choose one order for each of your units." },
    { role: "user", content: "Units: A vel" },
  ],
  maxTokens: 50,
  timeoutMs,
});

const settingsFor = (baseUrl: string, more: Partial<LlmSettings> = {}): LlmSettings => ({
  baseUrl,
  model: "m",
  apiKey: null,
  timeoutMs: 2_000,
  tokensPerPhase: 1_000,
  maxReplyTokens: 100,
  temperature: 0,
  concurrency: 1,
  logPath: null,
  ...more,
});

describe("llmSettingsFromEnv", () => {
  it("is null without a base URL, and reads every setting with its default", () => {
    expect(llmSettingsFromEnv({})).toEqual({ ok: true, value: null });
    const s = llmSettingsFromEnv({ LLM_BASE_URL: "http://localhost:11434/v1/" });
    expect(s).toEqual({
      ok: true,
      value: { ...LLM_DEFAULTS, baseUrl: "http://localhost:11434/v1", apiKey: null, logPath: null },
    });
    const all = llmSettingsFromEnv({
      LLM_BASE_URL: "http://h:8080/v1",
      LLM_MODEL: "qwen",
      LLM_API_KEY: "k",
      LLM_TIMEOUT_MS: "500",
      LLM_TOKENS_PER_PHASE: "900",
      LLM_MAX_TOKENS: "90",
      LLM_TEMPERATURE: "0.7",
      LLM_CONCURRENCY: "3",
      LLM_LOG: "/tmp/x.jsonl",
    });
    expect(all.ok && all.value).toEqual({
      baseUrl: "http://h:8080/v1",
      model: "qwen",
      apiKey: "k",
      timeoutMs: 500,
      tokensPerPhase: 900,
      maxReplyTokens: 90,
      temperature: 0.7,
      concurrency: 3,
      logPath: "/tmp/x.jsonl",
    });
  });
  it.each([
    [{ LLM_BASE_URL: "not a url" }, "not a URL"],
    [{ LLM_BASE_URL: "ftp://h/v1" }, "http or https"],
    [{ LLM_BASE_URL: "http://h", LLM_CONCURRENCY: "0" }, "LLM_CONCURRENCY"],
    [{ LLM_BASE_URL: "http://h", LLM_TIMEOUT_MS: "1.5" }, "LLM_TIMEOUT_MS"],
    [{ LLM_BASE_URL: "http://h", LLM_TEMPERATURE: "hot" }, "LLM_TEMPERATURE"],
  ])("refuses %j", (env, why) => {
    const s = llmSettingsFromEnv(env);
    expect(s.ok).toBe(false);
    expect(!s.ok && s.error).toContain(why);
  });
});

describe("chatBrain", () => {
  it("posts a chat completion with the model, the key as a bearer token, and logs it without the key", async () => {
    const endpoint = await startEndpoint(() => ({ content: '{"A vel": 1}', usage: null }));
    const lines: LlmLogLine[] = [];
    try {
      const brain = chatBrain(settingsFor(endpoint.baseUrl, { apiKey: "sk-secret" }), {
        log: (l) => lines.push(l),
      });
      const answer = await brain(request());
      // No usage in the reply: estimated at 4 characters a token (52 of prompt, 12 of reply).
      expect(answer).toEqual({ ok: true, text: '{"A vel": 1}', tokens: 13 + 3 });
      const [call] = endpoint.calls;
      expect(call!.authorization).toBe("Bearer sk-secret");
      expect(call!.body).toMatchObject({
        model: "m",
        max_tokens: 50,
        temperature: 0,
        messages: request().messages,
      });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        outcome: "ok",
        status: 200,
        purpose: "orders",
        power: "BRY",
        estimated: true,
      });
      expect(JSON.stringify(lines)).not.toContain("sk-secret");
    } finally {
      await endpoint.close();
    }
  });

  it("runs one request at a time by default, and more when the concurrency allows", async () => {
    for (const concurrency of [1, 3]) {
      const endpoint = await startEndpoint(() => ({ delayMs: 60, content: "{}" }));
      try {
        const brain = chatBrain(settingsFor(endpoint.baseUrl, { concurrency }));
        const answers = await Promise.all([brain(request()), brain(request()), brain(request())]);
        expect(answers.every((a) => a.ok)).toBe(true);
        expect(endpoint.maxInFlight()).toBe(concurrency);
      } finally {
        await endpoint.close();
      }
    }
  });

  it("counts the time waiting in the queue against the request's limit", async () => {
    const endpoint = await startEndpoint(() => ({ delayMs: 300, content: "{}" }));
    const lines: LlmLogLine[] = [];
    try {
      const brain = chatBrain(settingsFor(endpoint.baseUrl), { log: (l) => lines.push(l) });
      const [first, second] = await Promise.all([brain(request(1_000)), brain(request(100))]);
      expect(first.ok).toBe(true);
      expect(second).toEqual({ ok: false, failure: "timeout" });
      expect(endpoint.calls).toHaveLength(1); // the second never left the queue
    } finally {
      await endpoint.close();
    }
  });

  it("keeps answering when its log file cannot be written", async () => {
    const endpoint = await startEndpoint(() => ({ content: "{}" }));
    try {
      const brain = chatBrain(settingsFor(endpoint.baseUrl, { logPath: "/nonexistent-dir/llm.jsonl" }));
      expect(await brain(request())).toMatchObject({ ok: true, text: "{}" });
    } finally {
      await endpoint.close();
    }
  });

  it("reports a refused connection as a network failure", async () => {
    const endpoint = await startEndpoint(() => ({ content: "{}" }));
    await endpoint.close();
    const answer = await chatBrain(settingsFor(endpoint.baseUrl))(request());
    expect(answer).toEqual({ ok: false, failure: "network" });
  });
});
