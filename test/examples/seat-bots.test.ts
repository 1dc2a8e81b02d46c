/**
 * Issue 16, item 2: both example bots of the seat API (examples/seat-bot.ts with fetch and
 * long-poll, examples/seat_bot.py with Python's standard library) play a whole short match — amber,
 * three seats, ending in 1901 — as child processes against two built-in bots on a real server, and
 * exit 0 once the match has ended. The server's stored state confirms the end and that the bot's
 * seat gave orders in every phase it had to.
 */
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreateAnswer } from "../../shared/src/wire";
import { api, readStored } from "../server/support/matches";
import { removeDataDir, ROOT, startInProcess, type InProcessServer } from "../server/support/server";

let s: InProcessServer;
beforeAll(async () => {
  s = await startInProcess();
});
afterAll(async () => {
  await s.stop();
  removeDataDir(s.dataDir);
});

/** A new amber match ending in 1901: the example bot's seat 0 (its host), two built-in bots. */
async function matchForBot(): Promise<{ matchID: string; credentials: string; power: string }> {
  const res = await api(s, "POST", "/api/matches", {
    map: "amber",
    players: 3,
    hostName: "Example",
    yearLimit: 1901,
    seats: [{ kind: "human" }, { kind: "bot" }, { kind: "bot", personality: "grudger" }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const answer = res.body as CreateAnswer;
  return { matchID: answer.matchID, credentials: answer.host!.credentials, power: answer.host!.power };
}

/** Runs a command to its end: exit code and output. */
function run(command: string, args: readonly string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(command, [...args], { cwd: ROOT, timeout: 90_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

/** Plays a match with a bot command and checks the end. */
async function playsToTheEnd(command: string, script: string): Promise<void> {
  const { matchID, credentials, power } = await matchForBot();
  const { code, out } = await run(command, [script, s.url, matchID, credentials]);
  expect(code, out).toBe(0);
  expect(out).toMatch(/the match is over; winner: /);
  expect(out).toContain(`${power} 1901-spring-movement:`); // it gave orders through the API
  expect(out).not.toContain(credentials); // never printed
  const G = readStored(s.dataDir, matchID).state.G;
  expect(G.result).not.toBeNull();
  const spring = G.history.find((r) => r.phase.year === 1901 && r.phase.season === "spring");
  expect(spring?.orders[power]?.length ?? 0).toBeGreaterThan(0);
}

describe("the example bots finish a match against built-in bots", () => {
  it("examples/seat-bot.ts (TypeScript, fetch, long-poll)", async () => {
    await playsToTheEnd(`${ROOT}/node_modules/.bin/tsx`, "examples/seat-bot.ts");
  }, 120_000);

  it("examples/seat_bot.py (Python, standard library only)", async () => {
    await playsToTheEnd("python3", "examples/seat_bot.py");
  }, 120_000);
});
