/**
 * Bot seats with personalities on a real server (port 0, a fresh SQLite file): the lobby records a
 * bot's personality and tactics; bots answer a human's proposal through the same moves a human
 * has, say so through the press channel (stored like a player's message), give orders and ready;
 * a steady bot turns the same proposal down.
 */
import { afterEach, describe, expect, it } from "vitest";
import { attackOn, getMap, orderFacts, type MatchState } from "../../shared/src";
import type { RunningServer } from "../../server/src/app";
import { profileOf } from "../../server/src/bots";
import { api, joinSeat } from "./support/matches";
import { removeDataDir, startInProcess, type InProcessServer } from "./support/server";

const WAIT_MS = 10_000; // every wait is bounded; no test measures time
const classic = getMap("classic")!;

/** A running server and its data folder. */
type Booted = RunningServer & { readonly dataDir: string };

const running: InProcessServer[] = [];

afterEach(async () => {
  for (const s of running.splice(0)) {
    await s.stop();
    removeDataDir(s.dataDir);
  }
});

/** Starts a server on a fresh data folder; deadlines never fire during a test. */
async function boot(): Promise<Booted> {
  const s = await startInProcess({ env: { TICK_MS: "60000" } });
  running.push(s);
  return Object.assign(s.server, { dataDir: s.dataDir });
}

/** The stored state of a match. */
function stored(server: RunningServer, matchID: string): MatchState {
  const { state } = server.ctx.storage.fetch(matchID, { state: true });
  if (!state) throw new Error(`no state for ${matchID}`);
  return state.G as MatchState;
}

/** Polls until `check` holds, failing after `WAIT_MS`. */
async function until(what: string, check: () => boolean): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > WAIT_MS) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A classic match: Austria (seat 0) human, Italy (seat 4) a bot of `personality`, the rest steady bots. */
async function matchWithItaly(server: Booted, personality: string): Promise<string> {
  const seats = Array.from({ length: 7 }, (_, i) =>
    i === 0
      ? { kind: "human" }
      : i === 4
        ? { kind: "bot", personality, tactics: "lookahead" }
        : { kind: "bot" },
  );
  const created = await api(server, "POST", "/api/matches", { map: "classic", seats });
  expect(created.status).toBe(201);
  const matchID = (created.body as { matchID: string }).matchID;
  await joinSeat(server, matchID, 0, "Alice");
  return matchID;
}

/** Austria proposes an alliance to Italy until fall 1902; the commitment's id. */
async function proposeToItaly(server: RunningServer, matchID: string): Promise<string> {
  const refused = await server.ctx.transport.serverMove(matchID, "0", "propose", {
    parties: ["ITA"],
    clauses: [{ kind: "alliance", powers: ["AUS", "ITA"] }],
    until: { year: 1902, season: "fall" },
    visibility: "public",
  });
  expect(refused).toBeNull();
  return stored(server, matchID).commitments.at(-1)!.id;
}

describe("bot seats with personalities", () => {
  it("the lobby records a bot's personality and tactics", async () => {
    const server = await boot();
    const matchID = await matchWithItaly(server, "copycat");
    const italy = server.ctx.records.seats(matchID).find((s) => s.seat === 4)!;
    expect(italy.personality).toBe("copycat/lookahead");
    expect(profileOf(italy)).toEqual({ personality: "copycat", tactics: "lookahead", honesty: 0.5 });
    const bad = await api(server, "POST", "/api/matches", {
      map: "classic",
      seats: [{ kind: "human", tactics: "baseline" }, ...Array.from({ length: 6 }, () => ({ kind: "bot" }))],
    });
    expect(bad.status).toBe(400);
  });

  it("a copycat accepts a human's alliance, says so in the press, orders and readies", async () => {
    const server = await boot();
    const matchID = await matchWithItaly(server, "copycat");
    await until("the bots to be ready", () => stored(server, matchID).ready["ITA"] === true);
    const id = await proposeToItaly(server, matchID);
    await until(
      "Italy to accept",
      () => stored(server, matchID).commitments.find((c) => c.id === id)?.status === "active",
    );
    const G = stored(server, matchID);
    expect(G.orders["ITA"]!.length).toBeGreaterThan(0);
    for (const p of ["ENG", "FRA", "GER", "ITA", "RUS", "TUR"]) expect(G.ready[p]).toBe(true);
    await until("Italy's message", () =>
      (server.ctx.db.prepare("SELECT sender, recipients, text FROM press").all() as { text: string }[]).some(
        (row) => row.text === "Agreed. I will keep my word.",
      ),
    );
    const row = server.ctx.db
      .prepare("SELECT sender, recipients FROM press WHERE text LIKE 'Agreed%'")
      .get() as {
      sender: string;
      recipients: string;
    };
    expect(row).toEqual({ sender: "ITA", recipients: JSON.stringify(["AUS"]) });
  });

  it("a bot that signs after giving its orders gives new ones that keep its word", async () => {
    const server = await boot();
    const matchID = await matchWithItaly(server, "copycat");
    await until("the bots to be ready", () => stored(server, matchID).ready["ITA"] === true);
    // Italy's orders strike at Austria (set as Italy, as the bot could have); then Austria offers peace.
    const strike = await server.ctx.transport.serverMove(matchID, "4", "orders", {
      orders: [
        { kind: "move", power: "ITA", unit: { type: "A", location: "ven" }, to: "tri", viaConvoy: false },
      ],
    });
    expect(strike).toBeNull();
    await server.ctx.transport.serverMove(matchID, "4", "ready", { ready: true });
    const id = await proposeToItaly(server, matchID);
    await until(
      "Italy to accept",
      () => stored(server, matchID).commitments.find((c) => c.id === id)?.status === "active",
    );
    await until("Italy to be ready again", () => stored(server, matchID).ready["ITA"] === true);
    const G = stored(server, matchID);
    const facts = orderFacts(classic, G.position, {});
    expect(G.orders["ITA"]!.some((o) => attackOn(facts, o, "AUS") !== null)).toBe(false);
  });

  it("a steady bot turns the same proposal down", async () => {
    const server = await boot();
    const matchID = await matchWithItaly(server, "steady");
    await until("the bots to be ready", () => stored(server, matchID).ready["ITA"] === true);
    const id = await proposeToItaly(server, matchID);
    await until(
      "Italy to reject",
      () => stored(server, matchID).commitments.find((c) => c.id === id)?.status === "rejected",
    );
  });
});
