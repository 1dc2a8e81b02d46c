/**
 * `npx tsx bench/seat.ts -- --matches 4 --phases 12 --map classic`: how long a phase takes through
 * the seat API (docs/seat-api.md). Starts a server in this process on 127.0.0.1 with a fresh data
 * folder, creates `--matches` matches whose every seat a program plays over HTTP (fetch, keep-alive),
 * and plays `--phases` phases of each, all matches at once. In each phase every seat reads its
 * context, sends a random legal order per unit with `ready: true`, then long-polls (`wait`) until
 * the next phase shows. Prints p50/p95/max of: `GET context`, `POST orders`, the wake-up (from the
 * phase's last ready to each seat's `wait` answering with the next phase), and the whole phase (from
 * its first read to the last seat seeing the next one); then phases per second over all matches.
 * Clients and server share one process and machine: the figures are the whole machine's doing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { startServer } from "../server/src/app";
import { readConfig } from "../server/src/config";
import type { CreateAnswer, JoinAnswer, SeatContext } from "../shared/src/wire";

/** A command-line option's number, or its default. */
function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at < 0 ? NaN : Number(process.argv[at + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
/** A command-line option's text, or its default. */
function textOption(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : (process.argv[at + 1] ?? fallback);
}

const MATCHES = option("matches", 4);
const PHASES = option("phases", 12);
const MAP = textOption("map", "classic");
const PLAYERS = MAP === "amber" ? 3 : 7;

/** Times per kind, in ms. */
const times = {
  context: [] as number[],
  orders: [] as number[],
  wake: [] as number[],
  phase: [] as number[],
};

/** Sends one JSON request; the status, the answer and how long it took. */
async function call(
  url: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; body: unknown; ms: number }> {
  const started = performance.now();
  const res = await fetch(url, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text === "" ? null : (JSON.parse(text) as unknown),
    ms: performance.now() - started,
  };
}

/** A random legal order per unit (in an adjustment phase only as many as the change allows). */
function ordersOf(context: SeatContext): string[] {
  let choices = Object.values(context.legalOrders);
  if (context.phase.kind === "adjustment") choices = choices.slice(0, Math.abs(context.phase.change ?? 0));
  return choices.map((list) => list[Math.floor(Math.random() * list.length)]!);
}

/** One seat's part in one phase: read, order and say ready; the time its last POST ended. */
async function order(base: string, token: string): Promise<{ context: SeatContext; readyAt: number }> {
  const read = await call(`${base}/context`, token);
  times.context.push(read.ms);
  const context = read.body as SeatContext;
  const orders = ordersOf(context);
  if (context.standing.result !== null || orders.length === 0) return { context, readyAt: performance.now() };
  const sent = await call(`${base}/orders`, token, {
    orders,
    ready: true,
    phase: context.phase.key,
  });
  // 409: the others were done first and the phase resolved without this seat (nothing to wait for).
  if (sent.status !== 200 && sent.status !== 409)
    throw new Error(`orders: ${sent.status} ${JSON.stringify(sent.body)}`);
  times.orders.push(sent.ms);
  return { context, readyAt: performance.now() };
}

/** Long-polls until the seat's phase is no longer `key` (or the match ended); when it woke. */
async function nextPhase(base: string, token: string, context: SeatContext): Promise<number> {
  let seen = context;
  for (;;) {
    const res = await call(`${base}/wait?after=${seen.seq}&timeout=30`, token);
    if (res.status === 200) seen = res.body as SeatContext;
    if (seen.phase.key !== context.phase.key || seen.standing.result !== null) return performance.now();
  }
}

/** Plays `PHASES` phases of one match whose every seat is a seat API client. */
async function playMatch(url: string): Promise<number> {
  const created = await call(`${url}/api/matches`, null, {
    map: MAP,
    players: PLAYERS,
    hostName: "Seat 0",
    seats: Array.from({ length: PLAYERS }, () => ({ kind: "human" })),
  });
  const { matchID, host } = created.body as CreateAnswer;
  const tokens = [host!.credentials];
  for (let seat = 1; seat < PLAYERS; seat++) {
    const joined = await call(`${url}/api/matches/${matchID}/join`, null, {
      name: `Seat ${seat}`,
      seat,
    });
    tokens.push((joined.body as JoinAnswer).credentials);
  }
  const base = `${url}/api/matches/${matchID}/seat`;
  let played = 0;
  for (let phase = 0; phase < PHASES; phase++) {
    const started = performance.now();
    const parts = await Promise.all(tokens.map((token) => order(base, token)));
    if (parts[0]!.context.standing.result !== null) break;
    const lastReady = Math.max(...parts.map((p) => p.readyAt));
    const woke = await Promise.all(tokens.map((token, i) => nextPhase(base, token, parts[i]!.context)));
    for (const at of woke) times.wake.push(at - lastReady);
    times.phase.push(Math.max(...woke) - started);
    played++;
  }
  return played;
}

/** p50/p95/max of a list, in ms. */
function summary(name: string, xs: readonly number[]): string {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const f = (ms: number): string => `${ms.toFixed(1)} ms`.padStart(10);
  return `${name.padEnd(34)} n=${String(xs.length).padStart(5)}  p50 ${f(at(0.5))}  p95 ${f(at(0.95))}  max ${f(sorted.at(-1) ?? NaN)}`;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "entente-bench-seat-"));
const config = readConfig({
  PORT: "0",
  DATA_DIR: dataDir,
  JOINS_PER_MINUTE: "100000",
  ACTIONS_PER_SECOND: "1000",
  PRESS_PER_MINUTE: "100000",
});
const server = await startServer(config);
const url = `http://127.0.0.1:${server.port}`;
try {
  console.log(
    `seat API bench: ${MATCHES} ${MAP} matches of ${PLAYERS} seat API seats, ${PHASES} phases each, at once`,
  );
  const started = performance.now();
  const played = await Promise.all(Array.from({ length: MATCHES }, () => playMatch(url)));
  const seconds = (performance.now() - started) / 1000;
  const phases = played.reduce((a, b) => a + b, 0);
  console.log(summary("GET context", times.context));
  console.log(summary("POST orders (with ready)", times.orders));
  console.log(summary("wake-up: last ready → next phase", times.wake));
  console.log(summary("whole phase (read, order, wake)", times.phase));
  console.log(
    `${phases} phases in ${seconds.toFixed(2)} s: ${(phases / seconds).toFixed(1)} phases/s over all matches`,
  );
} finally {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
