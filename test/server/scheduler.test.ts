/**
 * Deadlines and bot seats on a real server (port 0, a temporary data folder) with an injected
 * clock: the interval is set far beyond the test, and every tick is driven by hand. Matches are
 * created the way the lobby does it (boardgame.io's `createMatch`, our storage, our records).
 */
import { createMatch } from "boardgame.io/internal";
import { afterEach, describe, expect, it } from "vitest";
import {
  awaitsOrders,
  getMap,
  mustAct,
  phaseKey,
  type MatchSettings,
  type MatchState,
  type PowerId,
} from "../../shared/src";
import { startServer, type RunningServer } from "../../server/src/app";
import { readConfig } from "../../server/src/config";
import type { SeatKind, Timing } from "../../shared/src/wire";
import { removeDataDir, tempDataDir, TEST_ENV } from "./support/server";

const MINUTE = 60_000;
const TIMING: Timing = { movement: 10, retreat: 3, adjustment: 3 };

/** The test's clock: moved by hand. */
const clock = { now: 1_700_000_000_000 };

let matchCount = 0;
const servers: RunningServer[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    await server.scheduler.idle();
    await server.stop();
  }
  for (const dir of dirs.splice(0)) removeDataDir(dir);
});

/**
 * Starts a server on a data folder with the test clock and a tick interval that never fires. The
 * seats these tests ready are readied by server moves, which are no person's: matches would pause
 * as idle, so pausing is left to idle.test.ts (`idlePhases` high) unless a test asks for it.
 */
async function boot(dataDir: string, misses = 2, paceSeconds = 0, idlePhases = 1000): Promise<RunningServer> {
  const config = readConfig({
    ...TEST_ENV,
    PORT: "0",
    DATA_DIR: dataDir,
    TICK_MS: "60000",
    MISSES_BEFORE_BOT: String(misses),
    BOT_PACE_SECONDS: String(paceSeconds),
    IDLE_PHASES_BEFORE_PAUSE: String(idlePhases),
  });
  const server = await startServer(config, () => clock.now);
  servers.push(server);
  return server;
}

/** A fresh data folder, removed after the test. */
function dataDir(): string {
  const dir = tempDataDir("entente-scheduler");
  dirs.push(dir);
  return dir;
}

/** Creates a match as the lobby does; human seats get credentials `secret-<seat>`. */
function newMatch(
  server: RunningServer,
  kinds: readonly SeatKind[],
  settings: Partial<MatchSettings>,
): string {
  const { ctx } = server;
  const created = createMatch({
    game: ctx.game,
    numPlayers: kinds.length,
    setupData: settings,
    unlisted: true,
  });
  if ("setupDataError" in created) throw new Error(created.setupDataError);
  kinds.forEach((kind, seat) => {
    created.metadata.players[seat] = {
      id: seat,
      name: kind === "bot" ? `Bot ${seat}` : `Player ${seat}`,
      credentials: `secret-${seat}`,
    };
  });
  const matchID = `match-${++matchCount}`; // fixed ids: the bots' orders replay exactly
  ctx.storage.createMatch(matchID, created);
  ctx.records.create(
    { matchID, timing: TIMING, unlisted: true, createdAt: clock.now, nextMatchID: null, hostSeat: null },
    kinds.map((kind) => ({ kind, personality: null })),
  );
  return matchID;
}

/** The stored state of a match. */
function stateOf(server: RunningServer, matchID: string): { G: MatchState; gameover: unknown } {
  const { state } = server.ctx.storage.fetch(matchID, { state: true });
  if (!state) throw new Error(`no state for ${matchID}`);
  return { G: state.G as MatchState, gameover: state.ctx.gameover };
}

function seat(server: RunningServer, matchID: string, index: number) {
  return server.ctx.records.seats(matchID).find((s) => s.seat === index)!;
}

/** Readies a seat as its player would (a server move: it does not count as the player's return). */
async function ready(server: RunningServer, matchID: string, index: number): Promise<void> {
  const refused = await server.ctx.transport.serverMove(matchID, String(index), "ready", {
    ready: true,
  });
  expect(refused).toBeNull();
  await server.scheduler.idle();
}

/** Whether a seat's power must act in the current phase and has not said it is ready. */
function owes(server: RunningServer, matchID: string, index: number): boolean {
  const { G } = stateOf(server, matchID);
  const power = G.powers[index]!;
  return awaitsOrders(getMap(G.settings.mapId)!, G, power);
}

/** Moves the clock past the current deadline and ticks once. */
async function passDeadline(server: RunningServer, matchID: string): Promise<void> {
  const deadline = server.ctx.records.clock(matchID)!.deadline;
  clock.now = deadline + 1;
  await server.scheduler.tick();
  await server.scheduler.idle();
}

const AMBER3: Partial<MatchSettings> = { mapId: "amber", pressMode: "none", yearLimit: 1904 };

describe("scheduler", () => {
  it("plays an all-bot match to the end by itself and leaves nothing behind", async () => {
    const server = await boot(dataDir());
    const matchID = newMatch(server, ["bot", "bot", "bot"], { ...AMBER3, yearLimit: 1903 });
    await server.scheduler.tick(); // picks up the new match: clock, then bots
    await server.scheduler.idle();
    const { G, gameover } = stateOf(server, matchID);
    expect(G.result?.kind).toBe("year-limit");
    expect(gameover).toBeDefined();
    const movements = G.history.filter((h) => h.phase.phase === "movement").map((h) => phaseKey(h.phase));
    expect(movements).toEqual(
      [1901, 1902, 1903].flatMap((y) => [`${y}-spring-movement`, `${y}-fall-movement`]),
    );
    // Every bot gave orders through the same move a human has.
    const first = G.history[0]!;
    for (const power of G.powers) expect(first.orders[power]!.length).toBeGreaterThan(0);
    expect(server.ctx.records.clock(matchID)).toBeNull();
    expect(server.scheduler.isTracking(matchID)).toBe(false);
    expect(server.ctx.records.seats(matchID).every((s) => s.missed === 0)).toBe(true);
    // A later tick finds nothing to do for it.
    clock.now += 365 * 24 * 60 * MINUTE;
    await server.scheduler.tick();
    expect(server.ctx.records.clock(matchID)).toBeNull();
  });

  it("paces a match of bots only: each phase lasts BOT_PACE_SECONDS, so people can watch it", async () => {
    const server = await boot(dataDir(), 2, 5);
    const matchID = newMatch(server, ["bot", "bot", "bot"], { ...AMBER3, yearLimit: 1903 });
    await server.scheduler.tick(); // the clock starts; the bots wait
    await server.scheduler.idle();
    expect(phaseKey(stateOf(server, matchID).G.position)).toBe("1901-spring-movement");
    expect(Object.values(stateOf(server, matchID).G.ready).some(Boolean)).toBe(false);
    clock.now += 4_000;
    await server.scheduler.tick();
    await server.scheduler.idle();
    expect(phaseKey(stateOf(server, matchID).G.position)).toBe("1901-spring-movement");
    clock.now += 1_000; // five seconds in: the bots play and the phase resolves
    await server.scheduler.tick();
    await server.scheduler.idle();
    const next = phaseKey(stateOf(server, matchID).G.position);
    expect(next).not.toBe("1901-spring-movement");
    await server.scheduler.tick(); // the new phase has its own five seconds
    await server.scheduler.idle();
    expect(phaseKey(stateOf(server, matchID).G.position)).toBe(next);
  });

  it("paces a match of stand-ins only like a match of bots: each phase lasts BOT_PACE_SECONDS", async () => {
    const server = await boot(dataDir(), 1, 5);
    const matchID = newMatch(server, ["human", "human", "human"], AMBER3);
    await server.scheduler.tick();
    await passDeadline(server, matchID); // nobody acted: every seat gets a stand-in
    expect(server.ctx.records.seats(matchID).every((s) => s.botActive)).toBe(true);
    const key = phaseKey(stateOf(server, matchID).G.position);
    expect(key).not.toBe("1901-spring-movement");
    // The stand-ins wait for the pace, as bots of a bots-only match do.
    await server.scheduler.tick();
    await server.scheduler.idle();
    expect(Object.values(stateOf(server, matchID).G.ready).some(Boolean)).toBe(false);
    clock.now += 4_000;
    await server.scheduler.tick();
    await server.scheduler.idle();
    expect(phaseKey(stateOf(server, matchID).G.position)).toBe(key);
    clock.now += 1_000; // five seconds in: the stand-ins play and the phase resolves
    await server.scheduler.tick();
    await server.scheduler.idle();
    const next = phaseKey(stateOf(server, matchID).G.position);
    expect(next).not.toBe(key);
    await server.scheduler.tick(); // the new phase has its own five seconds
    await server.scheduler.idle();
    expect(phaseKey(stateOf(server, matchID).G.position)).toBe(next);

    // A player comes back (the transport calls both after a client's move): a person plays
    // again, so the others' stand-ins play at once.
    server.scheduler.onAction(matchID, "0");
    server.scheduler.onStateChange(matchID);
    await server.scheduler.idle();
    const { G } = stateOf(server, matchID);
    expect(phaseKey(G.position)).toBe(next);
    const standIns = [1, 2].filter((seat) => mustAct(getMap("amber")!, G, G.powers[seat]!));
    expect(standIns.length).toBeGreaterThan(0);
    for (const seat of standIns) expect(owes(server, matchID, seat)).toBe(false);
    expect(owes(server, matchID, 0)).toBe(true);
  });

  it("does not pace a match where a person sits", async () => {
    const server = await boot(dataDir(), 2, 5);
    const matchID = newMatch(server, ["human", "bot", "bot"], AMBER3);
    await server.scheduler.tick();
    await server.scheduler.idle();
    const { G } = stateOf(server, matchID);
    expect(G.ready[G.powers[1]!]).toBe(true);
    expect(G.ready[G.powers[2]!]).toBe(true);
  });

  it("starts a clock per phase from the match timing, and waits for open seats", async () => {
    const server = await boot(dataDir());
    const matchID = newMatch(server, ["human", "open", "bot"], AMBER3);
    await server.scheduler.tick();
    expect(server.ctx.records.clock(matchID)).toBeNull(); // the lobby is still filling it
    server.ctx.records.setSeatKind(matchID, 1, "human");
    await server.scheduler.tick();
    expect(server.ctx.records.clock(matchID)).toEqual({
      matchID,
      phaseKey: "1901-spring-movement",
      deadline: clock.now + TIMING.movement * MINUTE,
    });
    // The bot seat played at once; the humans have not.
    expect(owes(server, matchID, 2)).toBe(false);
    expect(owes(server, matchID, 0)).toBe(true);
    // When everyone is ready the phase resolves before its deadline and the next clock starts.
    clock.now += MINUTE;
    await ready(server, matchID, 0);
    await ready(server, matchID, 1);
    const { G } = stateOf(server, matchID);
    expect(G.history).toHaveLength(1);
    const next = server.ctx.records.clock(matchID)!;
    expect(next.phaseKey).toBe(phaseKey(G.position));
    expect(next.deadline).toBe(clock.now + TIMING[G.position.phase] * MINUTE);
    expect(server.ctx.records.seats(matchID).map((s) => s.missed)).toEqual([0, 0, 0]);
  });

  it("resolves a phase at its deadline with default orders and counts the miss", async () => {
    const server = await boot(dataDir(), 3);
    const matchID = newMatch(server, ["human", "bot", "bot"], AMBER3);
    await server.scheduler.tick();
    const before = stateOf(server, matchID).G;
    const absent: PowerId = before.powers[0]!;
    expect(owes(server, matchID, 0)).toBe(true);

    clock.now = server.ctx.records.clock(matchID)!.deadline - 1;
    await server.scheduler.tick(); // not yet
    expect(stateOf(server, matchID).G.history).toHaveLength(0);

    await passDeadline(server, matchID);
    const { G } = stateOf(server, matchID);
    expect(G.history).toHaveLength(1);
    expect(G.history[0]!.orders[absent] ?? []).toEqual([]); // nothing given: the units held
    const resolved = G.history[0]!.resolved;
    if (resolved.phase !== "movement") throw new Error("spring 1901 is a movement phase");
    const dislodged = new Set(resolved.resolution.dislodged.map((d) => d.unit.location));
    const where = (units: MatchState["position"]["units"]): string[] =>
      units
        .filter((u) => u.power === absent && !dislodged.has(u.location))
        .map((u) => u.location)
        .sort();
    expect(where(resolved.resolution.units)).toEqual(where(before.position.units)); // they held
    expect(seat(server, matchID, 0)).toMatchObject({ missed: 1, botActive: false });
    expect(seat(server, matchID, 1).missed).toBe(0);
    expect(server.ctx.records.clock(matchID)!.phaseKey).toBe(phaseKey(G.position));
  });

  it("puts a bot in after MISSES_BEFORE_BOT misses, and takes it out when the player acts", async () => {
    const server = await boot(dataDir(), 2);
    const matchID = newMatch(server, ["human", "human", "bot"], AMBER3);
    await server.scheduler.tick();
    const absent = stateOf(server, matchID).G.powers[0]!;

    // Seat 1 plays every phase; seat 0 misses two phases in which it must act.
    let missed = 0;
    while (missed < 2) {
      if (owes(server, matchID, 1)) await ready(server, matchID, 1);
      if (!owes(server, matchID, 0)) continue; // the phase resolved without seat 0
      await passDeadline(server, matchID);
      missed++;
      expect(seat(server, matchID, 0).missed).toBe(missed);
    }
    expect(seat(server, matchID, 0).botActive).toBe(true);

    // From now on the bot plays seat 0: phases resolve as soon as seat 1 is ready.
    const resolved = stateOf(server, matchID).G.history.length;
    const deadline = server.ctx.records.clock(matchID)!.deadline;
    for (let i = 0; i < 3; i++) {
      expect(owes(server, matchID, 0)).toBe(false);
      if (owes(server, matchID, 1)) await ready(server, matchID, 1);
    }
    const { G } = stateOf(server, matchID);
    expect(G.history.length).toBeGreaterThan(resolved);
    expect(clock.now).toBeLessThan(deadline); // no deadline was needed
    const botPhase = G.history.slice(resolved).find((h) => h.phase.phase === "movement")!;
    expect(botPhase.orders[absent]!.length).toBeGreaterThan(0); // the bot gave orders
    expect(seat(server, matchID, 0).missed).toBe(2); // a bot's phases are not misses

    // The player comes back (a client's accepted move): the bot stops, the record stays.
    server.scheduler.onAction(matchID, "0");
    expect(seat(server, matchID, 0)).toMatchObject({ missed: 2, botActive: false });
    while (owes(server, matchID, 1)) await ready(server, matchID, 1);
    expect(owes(server, matchID, 0)).toBe(true); // the phase now waits for the player

    // The record stays: one more miss and the bot is back.
    await passDeadline(server, matchID);
    expect(seat(server, matchID, 0)).toMatchObject({ missed: 3, botActive: true });
  });

  it("keeps deadlines across a restart and resolves an overdue phase on the first tick", async () => {
    const dir = dataDir();
    const first = await boot(dir);
    const matchID = newMatch(first, ["human", "bot", "bot"], AMBER3);
    await first.scheduler.tick();
    const kept = first.ctx.records.clock(matchID)!;
    expect(kept.phaseKey).toBe("1901-spring-movement");
    await first.scheduler.idle();
    servers.splice(servers.indexOf(first), 1);
    await first.stop();

    clock.now = kept.deadline + 5 * MINUTE; // the deadline passed while the server was down
    const second = await boot(dir);
    await second.scheduler.idle();
    expect(second.ctx.records.clock(matchID)).toEqual(kept); // same phase: the same deadline
    expect(stateOf(second, matchID).G.history).toHaveLength(0);

    await second.scheduler.tick();
    await second.scheduler.idle();
    const { G } = stateOf(second, matchID);
    expect(G.history).toHaveLength(1);
    expect(seat(second, matchID, 0).missed).toBe(1);
    expect(second.ctx.records.clock(matchID)!.deadline).toBe(clock.now + TIMING[G.position.phase] * MINUTE);
  });
});
