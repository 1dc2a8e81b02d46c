/**
 * Idle matches on a real server (port 0, a temporary data folder, an injected clock; the tick
 * interval is set far beyond the test and every tick is driven by hand). A match whose players
 * never act is played by stand-ins; it must not starve the server (the scheduler yields to the
 * event loop between any two moves, so `/health` keeps answering, also while a restart picks the
 * match up), and after `IDLE_PHASES_BEFORE_PAUSE` phases in which no person acted it pauses until
 * someone returns — a seat's move, a person's press, or a seated player's `resume` — and stays
 * paused across a restart. Bots-only matches never pause.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createRng, phaseKey, type MatchState } from "../../shared/src";
import type { RunningServer } from "../../server/src/app";
import type { MatchInfo } from "../../server/src/lobby";
import type { Timing } from "../../shared/src/wire";
import { SeatClient } from "./support/clients";
import { api, createMatch, type CreatedMatch, type Seat } from "./support/matches";
import { ordersFor } from "./support/play";
import { PressClient } from "./support/press";
import { removeDataDir, startInProcess, tempDataDir, waitUntil } from "./support/server";

const MINUTE = 60_000;
const YEAR = 365 * 24 * 60 * MINUTE;
const ONE_MINUTE: Timing = { movement: 1, retreat: 1, adjustment: 1 };
/** The longest `/health` may take while an idle match runs (real milliseconds). */
const HEALTH_MS = 100;
/** The longest any wait of these tests may take (real milliseconds). */
const WAIT_MS = 20_000;

/** The test's clock: moved by hand. */
const clock = { now: 1_700_000_000_000 };

const servers: RunningServer[] = [];
const dirs: string[] = [];
const sockets: { stop(): void }[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.stop();
  // server.stop() stops the scheduler first: a running match's loop ends at its next turn.
  for (const s of servers.splice(0)) await s.stop();
  for (const dir of dirs.splice(0)) removeDataDir(dir);
});

/** A fresh data folder, removed after the test. */
function dataDir(): string {
  const dir = tempDataDir("entente-idle");
  dirs.push(dir);
  return dir;
}

/** Starts a server on a data folder with the test clock; deadlines fire only from `tick`. */
async function boot(dir: string, env: Readonly<Record<string, string>>): Promise<RunningServer> {
  const s = await startInProcess({
    dataDir: dir,
    env: { TICK_MS: "60000", BOT_PACE_SECONDS: "0", ...env },
    now: () => clock.now,
  });
  servers.push(s.server);
  return s.server;
}

/** Stops a server (its loops end at their next turn) and forgets it. */
async function halt(server: RunningServer): Promise<void> {
  servers.splice(servers.indexOf(server), 1);
  await server.stop();
}

/** What the test helpers need to reach a server. */
function urlOf(server: RunningServer): { url: string; port: number; dataDir: string } {
  return { url: `http://127.0.0.1:${server.port}`, port: server.port, dataDir: server.ctx.config.DATA_DIR };
}

/** The stored state of a match. */
function stateOf(server: RunningServer, matchID: string): MatchState {
  const { state } = server.ctx.storage.fetch(matchID, { state: true });
  if (!state) throw new Error(`no state for ${matchID}`);
  return state.G as MatchState;
}

/** How many phases of a match have resolved. */
function resolved(server: RunningServer, matchID: string): number {
  return stateOf(server, matchID).history.length;
}

/** Ticks once and waits for the work it set off. */
async function tick(server: RunningServer): Promise<void> {
  await server.scheduler.tick();
  await server.scheduler.idle();
}

/** Moves the clock past the current deadline of a match. */
function pastDeadline(server: RunningServer, matchID: string): void {
  clock.now = server.ctx.records.clock(matchID)!.deadline + 1;
}

/** The lobby's view of a match. */
async function info(server: RunningServer, matchID: string): Promise<MatchInfo> {
  const res = await api(urlOf(server), "GET", `/api/matches/${matchID}`);
  expect(res.status).toBe(200);
  return res.body as MatchInfo;
}

/**
 * Asks `GET /health` again and again — at least `times` times, and until `enough` holds (bounded
 * by `WAIT_MS` of real time) — and returns how long each answer took, in real milliseconds. Stops
 * at the first answer that is slow (`HEALTH_MS` or more) or fails (counted as never: Infinity).
 */
async function healthTimes(server: RunningServer, times: number, enough: () => boolean): Promise<number[]> {
  const spent: number[] = [];
  const started = Date.now();
  while (spent.length < times || !enough()) {
    if (Date.now() - started > WAIT_MS) throw new Error(`the match did not move on in ${WAIT_MS} ms`);
    const asked = performance.now();
    const ok = await api(urlOf(server), "GET", "/health").then(
      (res) => res.status === 200,
      () => false,
    );
    spent.push(ok ? performance.now() - asked : Infinity);
    if (spent.at(-1)! >= HEALTH_MS) break;
  }
  return spent;
}

/** Fails unless every answer came within `HEALTH_MS`, naming them all. */
function expectQuick(spent: readonly number[]): void {
  const shown = spent.map((t) => t.toFixed(1)).join(", ");
  expect(Math.max(...spent), `GET /health took ${shown} ms`).toBeLessThan(HEALTH_MS);
}

/** A classic match of seven human seats, all taken, whose players never act. */
function idleClassic(server: RunningServer, yearLimit: number | null): Promise<CreatedMatch> {
  return createMatch(urlOf(server), { timing: ONE_MINUTE, pressMode: "none", yearLimit });
}

/** An Amber Sea match of three human seats, all taken. */
function idleAmber(server: RunningServer, pressMode: "none" | "full" = "none"): Promise<CreatedMatch> {
  return createMatch(urlOf(server), {
    map: "amber",
    seats: [{ kind: "human" }, { kind: "human" }, { kind: "human" }],
    timing: ONE_MINUTE,
    pressMode,
  });
}

/** A seat of a created match (every seat of these matches is taken). */
function seatOf(match: CreatedMatch, index: number): Seat {
  const seat = match.seats[index];
  if (!seat) throw new Error(`seat ${index} was not taken`);
  return seat;
}

/**
 * From a match's first clock: the first deadline passes with nobody acting, every seat gets a
 * stand-in (`MISSES_BEFORE_BOT` 1), and the stand-ins play on until the match pauses.
 */
async function runIdleUntilPaused(server: RunningServer, matchID: string): Promise<void> {
  pastDeadline(server, matchID);
  await tick(server);
  expect(server.ctx.records.idleness(matchID)?.pausedLeft).toBe(MINUTE); // paused as a phase began
}

describe("idle matches", () => {
  it("an idle match of stand-ins does not starve the server", async () => {
    const server = await boot(dataDir(), { MISSES_BEFORE_BOT: "1", IDLE_PHASES_BEFORE_PAUSE: "1000" });
    const { matchID } = await idleClassic(server, 1930);
    await tick(server); // the clock starts
    pastDeadline(server, matchID);
    // Every seat misses the deadline: stand-ins play every seat from now on, phase after phase,
    // with no pace (BOT_PACE_SECONDS 0).
    const running = server.scheduler.tick();
    const before = resolved(server, matchID);
    const spent = await healthTimes(server, 20, () => resolved(server, matchID) >= before + 3);
    expectQuick(spent);
    const lobbyAsked = performance.now();
    const shown = await info(server, matchID);
    const lobbyMs = performance.now() - lobbyAsked;
    // The match ran all along, on stand-ins only, and is still running.
    expect(server.ctx.records.seats(matchID).every((s) => s.botActive)).toBe(true);
    expect(server.scheduler.isTracking(matchID)).toBe(true);
    expect(shown.paused).toBe(false);
    expect(lobbyMs).toBeLessThan(1_000);
    await halt(server);
    await running;
  });

  it("a restart picks up an idle match of stand-ins without starving the server", async () => {
    const dir = dataDir();
    const env = { MISSES_BEFORE_BOT: "1", IDLE_PHASES_BEFORE_PAUSE: "1000" };
    const first = await boot(dir, env);
    const { matchID, numPlayers } = await idleClassic(first, 1930);
    await tick(first); // the clock starts
    // Its players missed their phases: a stand-in plays every seat (as the deadlines would leave
    // it; set directly, so that no pass runs before the restart).
    for (let seat = 0; seat < numPlayers; seat++) first.ctx.records.setBotActive(matchID, seat, true);
    await halt(first);

    // The new server picks the match up at start (the stand-ins owe the phase): it must still
    // answer while they play phase after phase.
    const second = await boot(dir, env);
    const before = resolved(second, matchID);
    expect(before).toBe(0);
    const spent = await healthTimes(second, 20, () => resolved(second, matchID) >= before + 3);
    expectQuick(spent);
    expect(second.scheduler.isTracking(matchID)).toBe(true);
  });

  it(`pauses a match after IDLE_PHASES_BEFORE_PAUSE phases with no person acting, keeps it paused
      however the clock moves and across a restart, and a seat's move resumes it`, async () => {
    const dir = dataDir();
    const env = { MISSES_BEFORE_BOT: "1", IDLE_PHASES_BEFORE_PAUSE: "3" };
    const server = await boot(dir, env);
    const match = await idleAmber(server);
    const { matchID } = match;
    await tick(server);
    expect(await info(server, matchID)).toMatchObject({ paused: false, idlePhases: 0 });

    await runIdleUntilPaused(server, matchID);
    const paused = await info(server, matchID);
    expect(paused).toMatchObject({ paused: true, idlePhases: 3, deadline: null });
    expect(resolved(server, matchID)).toBe(3);
    const key = phaseKey(stateOf(server, matchID).position);
    // Paused as its phase began: nobody has played it, and the stand-ins do not.
    expect(Object.values(stateOf(server, matchID).ready).some(Boolean)).toBe(false);
    // My games shows it too.
    const seat0 = seatOf(match, 0);
    const mine = await api(urlOf(server), "POST", "/api/my-matches", {
      seats: [{ matchID, playerID: seat0.playerID, credentials: seat0.credentials }],
    });
    expect((mine.body as { matches: { match: MatchInfo }[] }).matches[0]!.match.paused).toBe(true);

    // No deadline fires and no year passes, however far the clock moves.
    for (let i = 0; i < 3; i++) {
      clock.now += YEAR;
      await tick(server);
      expect(phaseKey(stateOf(server, matchID).position)).toBe(key);
      expect(resolved(server, matchID)).toBe(3);
    }

    // A restart on the same data folder keeps it paused and does not pick it up.
    await halt(server);
    const again = await boot(dir, env);
    await again.scheduler.idle();
    clock.now += YEAR;
    await tick(again);
    expect(phaseKey(stateOf(again, matchID).position)).toBe(key);
    expect(await info(again, matchID)).toMatchObject({ paused: true, idlePhases: 3, deadline: null });

    // A seat's move (a person is back): the match runs again, and the phase gets its full minute
    // back (it paused as the phase began). The player's stand-in stops.
    const client = new SeatClient(urlOf(again).url, matchID, 3, seat0.playerID, seat0.credentials);
    sockets.push(client);
    await client.start();
    const power = seat0.power;
    const orders = ordersFor(client.G, power, createRng("idle"));
    const refused = await client.act(
      "orders",
      { orders },
      (s) => JSON.stringify(s.G.orders[power]) === JSON.stringify(orders),
    );
    expect(refused).toBeNull();
    await waitUntil("the match to resume", () => again.ctx.records.idleness(matchID)?.pausedLeft === null);
    await again.scheduler.idle();
    const resumed = await info(again, matchID);
    expect(resumed).toMatchObject({ paused: false, idlePhases: 0, deadline: clock.now + MINUTE });
    // The stand-in stopped at once; the lobby shows that when the phase ends (the flag must not
    // date the player's move: test/server/attack-lobby-timing.test.ts).
    expect(again.ctx.records.seats(matchID)[0]).toMatchObject({ botActive: false, botShown: true });
    // The others' stand-ins played at once; the phase waits for the player who came back.
    expect(phaseKey(stateOf(again, matchID).position)).toBe(key);
    expect(stateOf(again, matchID).ready[power]).not.toBe(true);
  });

  it("the resume endpoint resumes a paused match for a seated player, and refuses bad credentials", async () => {
    const server = await boot(dataDir(), { MISSES_BEFORE_BOT: "1", IDLE_PHASES_BEFORE_PAUSE: "2" });
    const match = await idleAmber(server);
    const { matchID } = match;
    const seat1 = seatOf(match, 1);
    const proof = { playerID: seat1.playerID, credentials: seat1.credentials };
    const route = `/api/matches/${matchID}/resume`;
    await tick(server);
    // Resuming a match that runs changes nothing.
    const running = await api(urlOf(server), "POST", route, proof);
    expect(running.body).toMatchObject({ resumed: false, match: { paused: false, idlePhases: 0 } });
    expect(server.ctx.records.idleness(matchID)?.activity).toBe("waiting");

    await runIdleUntilPaused(server, matchID);
    const before = resolved(server, matchID);
    const key = phaseKey(stateOf(server, matchID).position);

    // Wrong credentials, someone else's credentials, no body: refused, and nothing changes.
    const refusals = [
      { body: { playerID: seat1.playerID, credentials: "not-the-credentials" }, status: 401 },
      { body: { playerID: seat1.playerID, credentials: seatOf(match, 2).credentials }, status: 401 },
      { body: { playerID: "7", credentials: seat1.credentials }, status: 401 },
      { body: undefined, status: 400 },
    ];
    for (const { body, status } of refusals) {
      const res = await api(urlOf(server), "POST", route, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      await server.scheduler.idle();
      expect(await info(server, matchID)).toMatchObject({ paused: true, idlePhases: 2, deadline: null });
      expect(phaseKey(stateOf(server, matchID).position)).toBe(key);
    }
    expect((await api(urlOf(server), "POST", route, refusals[0]!.body)).body).toMatchObject({
      error: { code: "bad-credentials" },
    });

    // A seated player resumes it: the phase gets its minute back, and the run of idle phases ends.
    const res = await api(urlOf(server), "POST", route, proof);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      resumed: true,
      match: { paused: false, idlePhases: 0, deadline: clock.now + MINUTE },
    });
    // The player is back: the bot standing in for their seat stops, so the phase waits for them
    // (the other stand-ins play on) until its deadline.
    await server.scheduler.idle();
    expect(server.ctx.records.seats(matchID).find((r) => r.seat === 1)?.botActive).toBe(false);
    expect(resolved(server, matchID)).toBe(before);
    expect(await info(server, matchID)).toMatchObject({ paused: false, idlePhases: 0 });
  });

  it("a person's press resumes a paused match and counts as acting", async () => {
    const server = await boot(dataDir(), { MISSES_BEFORE_BOT: "1", IDLE_PHASES_BEFORE_PAUSE: "2" });
    const match = await idleAmber(server, "full");
    const { matchID } = match;
    await tick(server);
    await runIdleUntilPaused(server, matchID);
    const before = resolved(server, matchID);

    const press = await PressClient.open(urlOf(server).url, matchID, seatOf(match, 0));
    sockets.push(press);
    await press.send([seatOf(match, 1).power], "Still here: shall we talk?");
    await tick(server); // the tick reads the press and resumes the match
    expect(resolved(server, matchID)).toBeGreaterThan(before);
    // The phase the message was sent in counts as acted in; two idle phases later it pauses again.
    expect(resolved(server, matchID)).toBe(before + 3);
    expect(await info(server, matchID)).toMatchObject({ paused: true, idlePhases: 2 });
  });

  it("a bots-only match never pauses", async () => {
    const server = await boot(dataDir(), { IDLE_PHASES_BEFORE_PAUSE: "1" });
    const created = await api(urlOf(server), "POST", "/api/matches", {
      map: "amber",
      seats: [{ kind: "bot" }, { kind: "bot" }, { kind: "bot" }],
      timing: ONE_MINUTE,
      pressMode: "none",
      yearLimit: 1903,
    });
    expect(created.status).toBe(201);
    const { matchID } = created.body as { matchID: string };
    await tick(server);
    const G = stateOf(server, matchID);
    expect(G.result?.kind).toBe("year-limit");
    expect(G.history.filter((h) => h.phase.phase === "movement")).toHaveLength(6);
    expect(await info(server, matchID)).toMatchObject({ paused: false, idlePhases: 0 });
  });
});
