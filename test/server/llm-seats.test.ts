/**
 * Language-model bot seats in live matches, on a real server (port 0, a fresh SQLite file) talking
 * to a real scripted chat-completions endpoint (test/llm/support/endpoint.ts): a hosted amber match
 * with two language-model bots plays to its end with the model's orders; when the endpoint fails
 * mid-match (HTTP 500s, answers slower than `LLM_TIMEOUT_MS`, nonsense) the bots fall back in time,
 * no action of theirs is refused and the fallbacks are counted; a server with no endpoint refuses
 * such a seat.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { MatchState } from "../../shared/src";
import { DEADLINE_MARGIN_MS, llmSeatsOf, turnLimit } from "../../server/src/llm";
import { sensible, startEndpoint, type Endpoint, type Script } from "../llm/support/endpoint";
import type { SeatContext } from "../../shared/src/wire";
import { api } from "./support/matches";
import { hearLogs, type HeardLogs, type LogRecord } from "./support/logs";
import { readContext, seatPath, seatRequest } from "./support/seat";
import { removeDataDir, startInProcess, type InProcessServer } from "./support/server";

const TIMEOUT_MS = 300; // LLM_TIMEOUT_MS: a bot's turn takes at most twice that
const MATCH_MS = 60_000; // every wait is bounded

const running: InProcessServer[] = [];
const endpoints: Endpoint[] = [];

/** The logs a test hears, stopped after it. */
const hearing: HeardLogs[] = [];

/** Keeps `logs` to be stopped after the test. */
function heard(logs: HeardLogs): HeardLogs {
  hearing.push(logs);
  return logs;
}

afterEach(async () => {
  for (const logs of hearing.splice(0)) logs.stop();
  for (const s of running.splice(0)) {
    await s.stop();
    removeDataDir(s.dataDir);
  }
  for (const e of endpoints.splice(0)) await e.close();
});

/** Starts a server whose language-model bots ask `script`'s endpoint. */
async function boot(script: Script): Promise<{ server: InProcessServer; endpoint: Endpoint }> {
  const endpoint = await startEndpoint(script);
  endpoints.push(endpoint);
  const server = await startInProcess({
    env: { LLM_BASE_URL: endpoint.baseUrl, LLM_TIMEOUT_MS: String(TIMEOUT_MS), TICK_MS: "100" },
  });
  running.push(server);
  return { server, endpoint };
}

/** Creates an amber match of three: Ada (host, seat 0) and two language-model bots. */
async function llmMatch(server: InProcessServer): Promise<{ matchID: string; token: string }> {
  const res = await api(server, "POST", "/api/matches", {
    map: "amber",
    players: 3,
    yearLimit: 1901,
    hostName: "Ada",
    seats: [
      { kind: "human" },
      { kind: "bot", personality: "llm:honest" },
      { kind: "bot", personality: "llm:deceitful", tactics: "lookahead" },
    ],
  });
  expect(res.status).toBe(201);
  const body = res.body as { matchID: string; host: { credentials: string } };
  return { matchID: body.matchID, token: body.host.credentials };
}

/** One phase as the host saw it: when it began and ended (wall clock), and its deadline. */
interface PhaseSeen {
  readonly key: string;
  readonly began: number;
  ended: number;
  readonly deadline: number | null;
}

/**
 * Plays Ada through the seat API until the match ends: each phase she readies (keeping the
 * default orders), then waits for the next change. Returns the phases she saw.
 */
async function playHost(server: InProcessServer, matchID: string, token: string): Promise<PhaseSeen[]> {
  const phases: PhaseSeen[] = [];
  const started = Date.now();
  let context: SeatContext = await readContext(server, matchID, token);
  while (context.standing.result === null) {
    if (Date.now() - started > MATCH_MS) throw new Error(`the match stalled in ${context.phase.key}`);
    const last = phases.at(-1);
    if (last?.key !== context.phase.key) {
      if (last) last.ended = Date.now();
      phases.push({
        key: context.phase.key,
        began: Date.now(),
        ended: Date.now(),
        deadline: context.phase.deadline,
      });
    }
    if (!context.ready && Object.keys(context.legalOrders).length > 0)
      await seatRequest(server, "POST", seatPath(matchID, "ready"), {
        token,
        body: { ready: true, phase: context.phase.key },
      });
    const next = await seatRequest(server, "GET", seatPath(matchID, `wait?after=${context.seq}&timeout=5`), {
      token,
    });
    if (next.status === 200) context = next.body as SeatContext;
  }
  const last = phases.at(-1);
  if (last) last.ended = Date.now();
  return phases;
}

/** The stored state of a match. */
function stored(server: InProcessServer, matchID: string): MatchState {
  const { state } = server.server.ctx.storage.fetch(matchID, { state: true });
  if (!state) throw new Error(`no state for ${matchID}`);
  return state.G as MatchState;
}

/**
 * The warnings about a bot's or a deadline's action the rules refused (`bots` or `scheduler`: the
 * refusal's `code` as a field, "… refused: …" in `msg`), as "module: msg".
 */
function refusals(warn: HeardLogs): string[] {
  return warn
    .records()
    .filter(
      (r: LogRecord) => r.level === "warn" && (typeof r["code"] === "string" || r.msg.includes("refused")),
    )
    .map((r) => `${r.module ?? "?"}: ${r.msg}`);
}

describe("language-model bot seats in a live match", () => {
  it("plays a hosted match to its end with the model's orders and press", async () => {
    const warn = heard(hearLogs("warn"));
    const { server, endpoint } = await boot(sensible);
    expect((await api(server, "GET", "/api/server")).body).toEqual({ llmBots: true });
    const { matchID, token } = await llmMatch(server);
    const seats = server.server.ctx.records.seats(matchID);
    expect(seats.map((s) => s.personality)).toEqual([null, "llm:honest", "llm:deceitful/lookahead"]);

    const phases = await playHost(server, matchID, token);

    const G = stored(server, matchID);
    expect(G.result).not.toBeNull();
    expect(phases.length).toBeGreaterThanOrEqual(2);
    for (const p of phases) if (p.deadline !== null) expect(p.ended).toBeLessThan(p.deadline);
    const orders = endpoint.calls.filter((c) => c.purpose === "orders");
    const diplomacy = endpoint.calls.filter((c) => c.purpose === "diplomacy");
    expect(orders.length).toBeGreaterThanOrEqual(2); // both bots, spring and fall at least
    expect(diplomacy.length).toBeGreaterThanOrEqual(2);
    // The bots' words of peace reached Ada through the press channel.
    const seen = await readContext(server, matchID, token);
    expect(JSON.stringify(seen.press)).toContain("Peace between us");
    const counts = llmSeatsOf(server.server.ctx)!.counts;
    expect(counts.modelOrders).toBeGreaterThan(0);
    expect(counts.fallbacks.http ?? 0).toBe(0);
    expect(counts.fallbacks.timeout ?? 0).toBe(0);
    // The sensible answers propose alliances and send a word of peace: the rules took them.
    expect(G.commitments.length).toBeGreaterThan(0);
    expect(refusals(warn)).toEqual([]);
  }, 90_000);

  it("falls back in time when the endpoint fails mid-match: no stall, no refused action", async () => {
    const warn = heard(hearLogs("warn"));
    // Sensible for the first four requests, then in turn: a 500, an answer slower than the
    // timeout, nonsense.
    const failing: Script = (call) => {
      if (call.n <= 4) return sensible(call);
      const turn = call.n % 3;
      if (turn === 0) return { status: 500, content: "overloaded" };
      if (turn === 1) return { delayMs: TIMEOUT_MS * 4, ...sensible(call) };
      return { content: "I would rather not say." };
    };
    const { server, endpoint } = await boot(failing);
    const { matchID, token } = await llmMatch(server);

    const phases = await playHost(server, matchID, token);

    expect(stored(server, matchID).result).not.toBeNull();
    expect(endpoint.calls.length).toBeGreaterThan(4);
    for (const p of phases) {
      if (p.deadline !== null) expect(p.ended).toBeLessThan(p.deadline);
      // Two bots, each at most two requests cut at the timeout, one after another: a few seconds.
      expect(p.ended - p.began).toBeLessThan(10_000);
    }
    const counts = llmSeatsOf(server.server.ctx)!.counts;
    expect(counts.fallbacks.http ?? 0).toBeGreaterThan(0);
    expect(counts.fallbacks.timeout ?? 0).toBeGreaterThan(0);
    expect(counts.fallbacks["non-json"] ?? 0).toBeGreaterThan(0);
    expect(counts.fallbackOrders).toBeGreaterThan(0);
    expect(refusals(warn)).toEqual([]);
  }, 90_000);

  it("refuses a language-model seat with no-llm on a server without LLM_BASE_URL", async () => {
    const server = await startInProcess();
    running.push(server);
    expect((await api(server, "GET", "/api/server")).body).toEqual({ llmBots: false });
    const res = await api(server, "POST", "/api/matches", {
      map: "amber",
      players: 3,
      hostName: "Ada",
      seats: [{ kind: "human" }, { kind: "bot", personality: "llm" }, { kind: "bot" }],
    });
    expect(res.status).toBe(400);
    const refusal = (res.body as { error: { code: string; message: string } }).error;
    expect(refusal.code).toBe("no-llm");
    expect(refusal.message).toContain("seats.1");
  });

  it("ends a turn in time for the deadline: twice the timeout, cut to leave the margin", () => {
    expect(turnLimit(1_000, null)).toBe(2_000);
    expect(turnLimit(1_000, 60_000)).toBe(2_000);
    expect(turnLimit(1_000, DEADLINE_MARGIN_MS + 500)).toBe(500);
    expect(turnLimit(1_000, DEADLINE_MARGIN_MS - 1)).toBe(0);
  });
});
