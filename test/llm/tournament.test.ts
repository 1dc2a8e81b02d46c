/**
 * A tournament in which language-model bots take seats, against the scripted endpoint: the spec,
 * the run on the main thread (in process and through the CLI), and the line on time per phase and
 * fallbacks.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { LlmMatchRecord } from "../../shared/src/bots/llm";
import { chatBrain } from "../../server/src/llm";
import { parseCommand } from "../../tools/tournament/args";
import { formatLlmSummary, headlessTurnMs, isLlmRecord, llmSummary } from "../../tools/tournament/llm";
import { runTournament } from "../../tools/tournament/run";
import { parseBotEntry } from "../../tools/tournament/spec";
import { sensible, startEndpoint } from "./support/endpoint";

const ROOT = new URL("../../", import.meta.url);
const TSX = new URL("node_modules/.bin/tsx", ROOT).pathname;
const CLI = new URL("tools/tournament/cli.ts", ROOT).pathname;
const scratch = mkdtempSync(join(tmpdir(), "llm-tournament-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the tournament CLI without blocking this process (the endpoint answers from here). */
function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [CLI, ...args], { cwd: ROOT.pathname, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("language-model bots in tournaments", () => {
  it("reads llm entries in the bots spec", () => {
    const e = parseBotEntry("llm:honest*2");
    expect(e.ok && e.value).toMatchObject({ label: "llm:honest", count: 2, llm: { honesty: "honest" } });
    const t = parseBotEntry("llm/lookahead");
    expect(t.ok && t.value).toMatchObject({
      label: "llm/lookahead:pragmatic",
      llm: { honesty: "pragmatic" },
    });
    const bad = parseBotEntry("llm:saintly");
    expect(!bad.ok && bad.error).toContain("honest, pragmatic, deceitful");
  });

  it("plays two games on the main thread, the endpoint failing in the second, and sums time and fallbacks", async () => {
    let failing = false;
    const endpoint = await startEndpoint((call) => (failing ? { status: 503, raw: "busy" } : sensible(call)));
    try {
      const command = parseCommand([
        "--bots",
        "llm:honest,llm:deceitful,copycat",
        "--map",
        "amber",
        "--games",
        "2",
        "--years",
        "1903",
      ]);
      if (!command.ok || command.value.kind !== "run") throw new Error("bad command");
      const settings = { ...command.value.settings };
      const records = await runTournament(settings, {
        workers: 4, // ignored: language-model seats play on the main thread
        onGame: (done) => {
          failing = done >= 1;
        },
        llm: {
          brain: chatBrain({
            baseUrl: endpoint.baseUrl,
            model: "scripted",
            apiKey: null,
            timeoutMs: 1_000,
            tokensPerPhase: 4_000,
            maxReplyTokens: 300,
            temperature: 0,
            concurrency: 1,
            logPath: null,
          }),
          tokensPerPhase: 4_000,
          maxReplyTokens: 300,
          turnMs: headlessTurnMs(1_000),
          now: Date.now,
        },
      });
      expect(records).toHaveLength(2);
      const withModel = records.filter(isLlmRecord);
      expect(withModel).toHaveLength(2);
      const [first, second] = withModel as [LlmMatchRecord, LlmMatchRecord];
      // Four language-model seats of five in each game (the table cycles: llm, llm, copycat, llm, llm).
      expect(first.llm.length).toBe(4);
      expect(first.llm.every((s) => s.fallbackOrders === 0 && s.modelOrders > 0)).toBe(true);
      expect(second.llm.every((s) => s.modelOrders === 0 && (s.fallbacks.http ?? 0) === s.requests)).toBe(
        true,
      );
      const summary = llmSummary(withModel);
      expect(summary.refused).toBe(0);
      expect(summary.phases).toBe(first.phases + second.phases);
      expect(summary.maxPhaseMs).toBeLessThan(headlessTurnMs(1_000) * 5);
      const lines = formatLlmSummary(summary);
      expect(lines[0]).toMatch(
        /^language-model seats: 2 games, \d+ phases; time per phase \d+ ms on average/,
      );
      // The failing endpoint's turns fall back for "http"; an order the model gave against a
      // commitment in force falls back for "kept-word" (bots sign support pledges and zones now).
      expect(lines[1]).toMatch(/fallbacks: (?:[a-z-]+ \d+, )*http \d+(?:, [a-z-]+ \d+)*; refused actions 0$/);
    } finally {
      await endpoint.close();
    }
  });

  it("runs from the command line with the LLM_* settings and writes the seats' records", async () => {
    const endpoint = await startEndpoint(sensible);
    const out = join(scratch, "cli");
    const log = join(scratch, "llm.jsonl");
    try {
      const args = [
        "--bots",
        "llm:pragmatic,copycat",
        "--map",
        "amber",
        "--games",
        "2",
        "--years",
        "1902",
        "--out",
        out,
      ];
      const r = await cli(args, {
        LLM_BASE_URL: endpoint.baseUrl,
        LLM_MODEL: "scripted",
        LLM_LOG: log,
        LLM_API_KEY: "sk-secret",
      });
      expect(r.stderr).not.toContain("Error");
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/language-model seats: 2 games, \d+ phases; time per phase \d+ ms/);
      expect(r.stdout).toMatch(/fallbacks: none; refused actions 0/);
      const json = JSON.parse(readFileSync(join(out, "tournament.json"), "utf8")) as {
        records: LlmMatchRecord[];
      };
      expect(json.records.every((rec) => rec.llm.length === 3 && rec.refused === 0)).toBe(true);
      const lines = readFileSync(log, "utf8").trimEnd().split("\n");
      expect(lines.length).toBe(endpoint.calls.length);
      expect(lines.every((l) => (JSON.parse(l) as { outcome: string }).outcome === "ok")).toBe(true);
      expect(readFileSync(log, "utf8")).not.toContain("sk-secret");
      // Without an endpoint, a spec with language-model bots is refused before anything is played.
      const refused = await cli(args, { LLM_BASE_URL: "" });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain("LLM_BASE_URL");
    } finally {
      await endpoint.close();
    }
  });
});
