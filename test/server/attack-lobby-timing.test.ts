/**
 * Attack: the lobby's public fields as a clock of secret moves. A spectator (or another seat) who
 * polls `GET /api/matches/:id` must learn nothing from a move it may not see: not that someone
 * acted (`idlePhases` falling to 0 mid-phase), nor who (`botActive` of the seat whose player came
 * back falling to false the moment they made a secret move). Both may change when the phase ends
 * (or at a deadline), which everyone sees anyway.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RunningServer } from "../../server/src/app";
import type { MatchInfo } from "../../server/src/lobby";
import { rawMove, RawRecorder } from "./support/clients";
import { api, createMatch, type CreatedMatch, type Seat } from "./support/matches";
import { removeDataDir, startInProcess, type InProcessServer } from "./support/server";

const clock = { now: 1_700_000_000_000 };
const ONE_MINUTE = { movement: 1, retreat: 1, adjustment: 1 };

const servers: InProcessServer[] = [];
const sockets: RawRecorder[] = [];

afterEach(async () => {
  for (const r of sockets.splice(0)) r.close();
  for (const s of servers.splice(0)) {
    await s.stop();
    removeDataDir(s.dataDir);
  }
});

async function boot(env: Readonly<Record<string, string>>): Promise<InProcessServer> {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  const s = await startInProcess({
    env: { TICK_MS: "60000", BOT_PACE_SECONDS: "0", IDLE_PHASES_BEFORE_PAUSE: "1000", ...env },
    now: () => clock.now,
  });
  servers.push(s);
  return s;
}

async function tick(server: RunningServer): Promise<void> {
  await server.scheduler.tick();
  await server.scheduler.idle();
}

/** Moves the clock past the deadline of the match's phase and lets the scheduler resolve it. */
async function passDeadline(server: RunningServer, matchID: string): Promise<void> {
  clock.now = server.ctx.records.clock(matchID)!.deadline + 1;
  await tick(server);
}

async function info(s: InProcessServer, matchID: string): Promise<MatchInfo> {
  const res = await api(s, "GET", `/api/matches/${matchID}`);
  expect(res.status).toBe(200);
  return res.body as MatchInfo;
}

/** The public fields a poller compares, without the seats' `connected` (sockets come and go). */
function publicFields(m: MatchInfo): unknown {
  return {
    ...m,
    seats: m.seats.map((seat) => ({ ...seat, connected: null })),
  };
}

async function amber(s: InProcessServer): Promise<CreatedMatch> {
  return createMatch(s, {
    map: "amber",
    seats: [{ kind: "human" }, { kind: "human" }, { kind: "human" }],
    timing: ONE_MINUTE,
    pressMode: "none",
  });
}

async function synced(s: InProcessServer, matchID: string, seat: Seat | null): Promise<RawRecorder> {
  const r = await new RawRecorder(s.url).connected();
  sockets.push(r);
  const got = await r.sync(matchID, seat?.playerID ?? null, seat?.credentials);
  expect(got.event, JSON.stringify(got.args).slice(0, 200)).toBe("sync");
  return r;
}

describe("attack: the lobby tells nobody of a secret move", () => {
  it("attack: idlePhases does not fall to 0 the moment a seat makes a secret move", async () => {
    const s = await boot({ MISSES_BEFORE_BOT: "100" });
    const match = await amber(s);
    await tick(s.server); // the clock starts
    await passDeadline(s.server, match.matchID); // nobody acted: one idle phase
    const seat = match.seats[0]!;
    const mover = await synced(s, match.matchID, seat);
    const spectator = await synced(s, match.matchID, null);
    const other = await synced(s, match.matchID, match.seats[2]!);
    const before = await info(s, match.matchID);
    expect(before.idlePhases).toBe(1);
    const heard = [spectator.received.length, other.received.length];

    expect(await rawMove(mover, seat, match.matchID, "drawVote", { vote: false })).toBeNull(); // secret: no vote for a draw opens or closes
    expect(publicFields(await info(s, match.matchID))).toEqual(publicFields(before));
    expect(spectator.received.slice(heard[0])).toEqual([]);
    expect(other.received.slice(heard[1])).toEqual([]);

    // The phase ends: a person acted in it, so the run of idle phases is over.
    await passDeadline(s.server, match.matchID);
    expect((await info(s, match.matchID)).idlePhases).toBe(0);
  });

  it("attack: a returning player's secret move does not switch off botActive before the phase ends", async () => {
    const s = await boot({ MISSES_BEFORE_BOT: "1" });
    const match = await amber(s);
    await tick(s.server);
    const [seat0, seat1, seat2] = match.seats as Seat[];
    const one = await synced(s, match.matchID, seat1!);
    const two = await synced(s, match.matchID, seat2!);
    expect(await rawMove(one, seat1!, match.matchID, "ready", { ready: true })).toBeNull();
    expect(await rawMove(two, seat2!, match.matchID, "ready", { ready: true })).toBeNull();
    await passDeadline(s.server, match.matchID); // seat 0 missed it: a stand-in plays it
    const standing = await info(s, match.matchID);
    expect(standing.seats[0]!.botActive).toBe(true);

    // Seat 0's player comes back and makes a move nobody else may see.
    const mover = await synced(s, match.matchID, seat0!);
    const spectator = await synced(s, match.matchID, null);
    const before = await info(s, match.matchID);
    const heard = [spectator.received.length, two.received.length];
    expect(await rawMove(mover, seat0!, match.matchID, "drawVote", { vote: false })).toBeNull(); // secret: no vote for a draw opens or closes
    expect(publicFields(await info(s, match.matchID))).toEqual(publicFields(before));
    expect(spectator.received.slice(heard[0])).toEqual([]);
    expect(two.received.slice(heard[1])).toEqual([]);

    // The stand-in stops for good: once the phase ends the seat is its player's again, and no bot
    // plays it in the next phase.
    const phase = before.phase;
    expect(before.seats.map((x) => x.botActive)).toEqual([true, false, false]); // it readied seat 0
    await rawMove(one, seat1!, match.matchID, "ready", { ready: true });
    await rawMove(two, seat2!, match.matchID, "ready", { ready: true });
    await s.server.scheduler.idle();
    const after = await info(s, match.matchID);
    expect(after.phase).not.toEqual(phase);
    expect(after.seats[0]!.botActive).toBe(false);
    const G = s.server.ctx.storage.fetch(match.matchID, { state: true }).state!.G as {
      ready: Record<string, boolean>;
      powers: string[];
    };
    expect(G.ready[G.powers[0]!]).not.toBe(true);
  });
});
