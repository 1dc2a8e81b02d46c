/**
 * A `kill -9` mid-phase loses nothing acknowledged. The server runs as a child process on a data
 * folder; a match with one-minute phases is created and joined through the lobby, seats order,
 * one is ready, a pact is proposed, press is sent; the process is killed with SIGKILL; the SQLite
 * file still holds the state, the pending orders, the press and the deadline. A new process on the
 * same folder serves the same state to reconnecting sockets (each seat's exact view, its press
 * history, the deadline through the API); when the deadline passes (set into the past in the file,
 * since a test does not wait a minute), the phase resolves with the pending orders standing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createRng, playerView, type Order } from "../../shared/src";
import { SeatClient, startSeats } from "./support/clients";
import { api, createMatch, readStored, withDatabase } from "./support/matches";
import { ordersFor, phaseKey, powerOf } from "./support/play";
import { PressClient } from "./support/press";
import { removeDataDir, startChild, tempDataDir, waitUntil, type ChildServer } from "./support/server";

const ENV = { TICK_MS: "50" };
const dataDir = tempDataDir("entente-restart");
const children: ChildServer[] = [];
const stoppable: { stop(): void }[] = [];

beforeAll(() => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => {
  for (const c of stoppable.splice(0)) c.stop();
});
afterAll(async () => {
  for (const c of children.splice(0)) await c.kill("SIGKILL");
  removeDataDir(dataDir);
});

async function child(): Promise<ChildServer> {
  const c = await startChild({ dataDir, env: ENV });
  children.push(c);
  return c;
}

function track<T extends { stop(): void }>(c: T): T {
  stoppable.push(c);
  return c;
}

/** The press rows of a match in the file. */
function pressRows(matchID: string): { sender: string; recipients: string; text: string }[] {
  return withDatabase(dataDir, (db) => {
    return db
      .prepare(`SELECT sender, recipients, text FROM press WHERE match_id = ? ORDER BY created_at, rowid`)
      .all(matchID) as { sender: string; recipients: string; text: string }[];
  });
}

/** The phase clock of a match in the file. */
function clockRow(matchID: string): { phase_key: string; deadline: number } | undefined {
  return withDatabase(
    dataDir,
    (db) =>
      db.prepare(`SELECT phase_key, deadline FROM phase_clock WHERE match_id = ?`).get(matchID) as
        | { phase_key: string; deadline: number }
        | undefined,
  );
}

describe("a server killed with SIGKILL mid-phase", () => {
  it("keeps state, pending orders, press and deadline, and resolves the phase on time after restart", async () => {
    const first = await child();
    const match = await createMatch(first, {
      players: 7,
      pressMode: "full",
      timing: { movement: 1, retreat: 1, adjustment: 1 },
    });
    expect(match.via).toBe("api");
    const seats = (await startSeats(first.url, match.matchID, 7, match.seats)).map((c) => track(c!));
    const [aus, eng, fra, ger] = seats as [SeatClient, SeatClient, SeatClient, SeatClient];
    const clock = await waitUntil("the phase clock to start", () => clockRow(match.matchID));
    const key = phaseKey(aus.G);
    expect(clock.phase_key).toBe(key);

    // AUS, ENG and FRA order; ENG is ready; GER proposes a pact to ITA; AUS writes to TUR.
    const rng = createRng("restart");
    const pending = new Map<string, Order[]>();
    for (const c of [aus, eng, fra]) {
      const orders = ordersFor(c.G, powerOf(c), rng);
      pending.set(powerOf(c), orders);
      const refused = await c.act(
        "orders",
        { orders },
        (s) => JSON.stringify(s.G.orders[powerOf(c)]) === JSON.stringify(orders),
      );
      expect(refused).toBeNull();
    }
    expect(await eng.act("ready", { ready: true }, (s) => s.G.ready["ENG"] === true)).toBeNull();
    const known = ger.G.commitments.length;
    expect(
      await ger.act(
        "propose",
        {
          parties: ["ITA"],
          clauses: [{ kind: "non-aggression", from: "GER", to: "ITA" }],
          until: null,
          visibility: "public",
        },
        (s) => s.G.commitments.length > known,
      ),
    ).toBeNull();
    const press = track(await PressClient.open(first.url, match.matchID, match.seats[0]!));
    await press.send(["TUR"], "AUS to TUR: the Balkans are big enough for two");

    // Every acknowledged action is in the file before the kill.
    const before = readStored(dataDir, match.matchID).state;
    expect(before.G.orders["AUS"]).toEqual(pending.get("AUS"));
    for (const c of stoppable.splice(0)) c.stop();
    await first.kill("SIGKILL");
    expect(first.child.signalCode).toBe("SIGKILL");

    // The file after the kill: the same state, the press, the deadline.
    const after = readStored(dataDir, match.matchID).state;
    expect(after._stateID).toBe(before._stateID);
    expect(after).toEqual(before);
    expect(phaseKey(after.G)).toBe(key);
    for (const [power, orders] of pending) expect(after.G.orders[power]).toEqual(orders);
    expect(after.G.ready["ENG"]).toBe(true);
    expect(pressRows(match.matchID).map((r) => r.text)).toEqual([
      "AUS to TUR: the Balkans are big enough for two",
    ]);
    expect(clockRow(match.matchID)).toEqual(clock);

    // A new process on the same folder serves the same state, press and deadline.
    const second = await child();
    const back = (await startSeats(second.url, match.matchID, 7, match.seats)).map((c) => track(c!));
    const spectator = track(await new SeatClient(second.url, match.matchID, 7, null, null).start());
    for (const c of back) {
      expect(c.G).toEqual(playerView(before.G, powerOf(c)));
    }
    const turPress = track(await PressClient.open(second.url, match.matchID, match.seats[6]!));
    expect((await turPress.history()).map((m) => m.text)).toEqual([
      "AUS to TUR: the Balkans are big enough for two",
    ]);
    const info = await api(second, "GET", `/api/matches/${match.matchID}`);
    expect(info.status).toBe(200);
    expect(JSON.stringify(info.body)).toContain(`"deadline":${clock.deadline}`);
    expect(clockRow(match.matchID)).toEqual(clock);

    // The deadline passes (moved into the past in the file): the phase resolves, orders standing.
    withDatabase(dataDir, (db) =>
      db.prepare(`UPDATE phase_clock SET deadline = ? WHERE match_id = ?`).run(Date.now() - 1, match.matchID),
    );
    const resolved = await spectator.waitFor(
      "the phase to resolve at its deadline",
      (s) => phaseKey(s.G) !== key,
      15_000,
    );
    const record = resolved.G.history[0]!;
    for (const [power, orders] of pending) expect(record.orders[power]).toEqual(orders);
    const stored = readStored(dataDir, match.matchID).state;
    expect(stored.G.history).toHaveLength(1);
    // The next phase has its own clock, in the future again.
    const nextClock = await waitUntil("the next phase's clock", () => {
      const row = clockRow(match.matchID);
      return row && row.phase_key !== key ? row : undefined;
    });
    expect(nextClock.phase_key).toBe(phaseKey(stored.G));
    expect(nextClock.deadline).toBeGreaterThan(clock.deadline);
    await second.kill("SIGTERM");
  });
});
