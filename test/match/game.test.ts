/**
 * The boardgame.io `Game` through real clients on one Local master: seven seats order and say
 * ready and the phase resolves; invalid payloads and refused actions change nothing; client-sent
 * events (even forged past the client) change nothing; the spectator and other seats see no
 * secrets, in state or in the log; the same seed and actions give the same state; the game ends
 * by its own rules. Also the small pure helpers of `game.ts`.
 */
import { Client } from "boardgame.io/client";
import { Local } from "boardgame.io/multiplayer";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getMap } from "../../shared/src/map";
import {
  createGame,
  flowViolation,
  isAllowedClientAction,
  MOVE_NAMES,
  playerRange,
  powerOfPlayer,
  powersForCount,
  rngFromRandom,
  type CreateGameOptions,
} from "../../shared/src/match/game";
import { parseAction } from "../../shared/src/match/schemas";
import type { MatchState } from "../../shared/src/match/types";

type MatchClient = ReturnType<typeof Client<MatchState>>;

// boardgame.io logs each refused move and event as "ERROR: …"; refusals are what these tests do.
beforeAll(() => {
  const original = console.error.bind(console);
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    if (args[0] !== "ERROR:") original(...args);
  });
});

/** Clients started by a test, stopped after it. */
const started: MatchClient[] = [];
afterEach(() => {
  for (const c of started.splice(0)) c.stop();
});

/** Lets the Local master deliver its updates. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A match on a fresh Local master: one client per seat and one spectator. */
async function startMatch(
  options: CreateGameOptions = { seed: "test" },
  numPlayers = 7,
): Promise<{ seats: MatchClient[]; spectator: MatchClient }> {
  const game = createGame(options);
  const multiplayer = Local();
  const seats = Array.from({ length: numPlayers }, (_, i) =>
    Client<MatchState>({ game, numPlayers, multiplayer, playerID: String(i), debug: false }),
  );
  const spectator = Client<MatchState>({ game, numPlayers, multiplayer, debug: false });
  for (const c of [...seats, spectator]) {
    c.start();
    started.push(c);
  }
  await settle();
  return { seats, spectator };
}

/** The state a client sees. */
function stateOf(c: MatchClient): NonNullable<ReturnType<MatchClient["getState"]>> {
  const s = c.getState();
  if (s === null) throw new Error("no state");
  return s;
}

/** Sends a move by name and waits for the master. */
async function move(c: MatchClient, name: string, payload: unknown): Promise<void> {
  c.moves[name]!(payload);
  await settle();
}

/** Every seat says it is ready. */
async function allReady(seats: readonly MatchClient[]): Promise<void> {
  for (const s of seats) await move(s, "ready", { ready: true });
}

const SPRING_ORDERS: Readonly<Record<string, readonly string[][]>> = {
  ENG: [
    ["F", "lon", "nth"],
    ["F", "edi", "nwg"],
    ["A", "lvp", "yor"],
  ],
  FRA: [
    ["A", "par", "bur"],
    ["F", "bre", "mao"],
  ],
  GER: [["A", "mun", "ruh"]],
};

/** The spring moves above as an `orders` payload for one power. */
function ordersFor(power: string): unknown {
  return {
    orders: (SPRING_ORDERS[power] ?? []).map(([type, from, to]) => ({
      kind: "move",
      power,
      unit: { type, location: from },
      to,
      viaConvoy: false,
    })),
  };
}

describe("the Game through boardgame.io clients", () => {
  it("resolves a phase when all seven seats have ordered and are ready", async () => {
    const { seats, spectator } = await startMatch();
    const powers = stateOf(spectator).G.powers;
    expect(powers).toEqual(["AUS", "ENG", "FRA", "GER", "ITA", "RUS", "TUR"]);
    for (const [i, p] of powers.entries()) await move(seats[i]!, "orders", ordersFor(p));
    expect(stateOf(seats[1]!).G.orders.ENG).toHaveLength(3);
    await allReady(seats.slice(0, 6));
    expect(stateOf(spectator).G.history).toHaveLength(0); // one seat still thinking
    expect(stateOf(spectator).G.ready).toMatchObject({ AUS: true, TUR: false }); // who is ready is public
    await allReady(seats.slice(6));
    for (const c of [...seats, spectator]) {
      const { G } = stateOf(c);
      expect(G.history).toHaveLength(1);
      expect(G.editions).toHaveLength(1);
      expect(G.position.season).toBe("fall");
      expect(G.position.units).toContainEqual({ power: "FRA", type: "A", location: "bur" });
      expect(Object.values(G.orders).every((o) => o.length === 0)).toBe(true);
      expect(Object.values(G.ready).every((r) => !r)).toBe(true);
    }
    // After adjudication every order is revealed to everyone.
    expect(stateOf(spectator).G.history[0]!.orders.ENG).toHaveLength(3);
  });

  it("refuses an invalid payload or a refused action and changes nothing", async () => {
    const { seats, spectator } = await startMatch();
    const before = stateOf(spectator);
    const bad: [string, unknown][] = [
      ["message", { to: "GER", text: "hi" }],
      ["message", { to: ["GER"], text: "x".repeat(2001) }],
      ["message", { to: ["GER"], text: "hi", extra: 1 }],
      ["orders", { orders: Array.from({ length: 51 }, () => ({ kind: "waive", power: "AUS" })) }],
      ["orders", { orders: [{ kind: "teleport", power: "AUS" }] }],
      ["ready", "yes"],
      ["ready", undefined],
      ["drawVote", { vote: "maybe" }],
      ["accept", { commitmentId: "c99" }], // well-formed, refused by the rules
      ["orders", ordersFor("ENG")], // seat 0 is Austria, not England
      ["leak", { messageId: "m1" }],
    ];
    for (const [name, payload] of bad) await move(seats[0]!, name, payload);
    const after = stateOf(spectator);
    expect(after._stateID).toBe(before._stateID);
    expect(after.G).toEqual(before.G);
    expect(stateOf(seats[0]!).G.orders.AUS).toEqual([]);
  });

  it("names the offending field of a bad payload", () => {
    const r = parseAction("message", { to: ["GER"], text: 7 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("bad-payload");
      expect(r.error.message).toContain("text");
    }
    const o = parseAction("orders", {
      orders: [{ kind: "move", power: "ENG", unit: { type: "F" }, to: "nth" }],
    });
    expect(!o.ok && o.error.message).toContain("orders[0].unit.location");
    expect(parseAction("fly", {})).toEqual({
      ok: false,
      error: { code: "unknown-action", message: '"fly" is not an action' },
    });
  });

  it("ignores client-sent events, even forged past the client", async () => {
    const { seats, spectator } = await startMatch();
    expect(Object.keys(seats[0]!.events)).toEqual([]); // the client offers none
    const before = stateOf(spectator);
    const events: [string, unknown[]][] = [
      ["endGame", [{ winner: "0" }]],
      ["endTurn", []],
      ["endPhase", []],
      ["setPhase", ["x"]],
      ["setActivePlayers", [["0"]]],
      ["endStage", []],
      ["setStage", ["x"]],
      ["pass", []],
    ];
    for (const [type, args] of events) {
      const transport = (seats[0] as unknown as { transport: { sendAction(s: unknown, a: unknown): void } })
        .transport;
      transport.sendAction(stateOf(seats[0]!), {
        type: "GAME_EVENT",
        payload: { type, args, playerID: "0" },
      });
      await settle();
    }
    const after = stateOf(spectator);
    expect(after.ctx.gameover).toBeUndefined();
    expect(after.ctx.turn).toBe(before.ctx.turn);
    expect(after.ctx.activePlayers).toEqual(before.ctx.activePlayers);
    expect(after.G).toEqual(before.G);
    // Play goes on.
    await allReady(seats);
    expect(stateOf(spectator).G.history).toHaveLength(1);
  });

  it("keeps secrets from the spectator and from other seats, in state and in the log", async () => {
    const { seats, spectator } = await startMatch();
    await move(seats[1]!, "orders", ordersFor("ENG"));
    await move(seats[1]!, "message", { to: ["FRA"], text: "secret plan for the Channel" });
    await move(seats[1]!, "propose", {
      parties: ["FRA"],
      clauses: [{ kind: "text", text: "secret clause about Belgium" }],
      until: null,
      visibility: "secret",
    });
    await move(seats[2]!, "accept", { commitmentId: "c2" });
    await move(seats[2]!, "notice", { commitmentId: "c2" });
    await move(seats[2]!, "leak", { messageId: "m1" });
    await move(seats[3]!, "drawVote", { vote: true });
    await move(seats[4]!, "communique", { text: "Italy is open for business" });

    const spec = stateOf(spectator);
    const specText = JSON.stringify(spec);
    for (const secret of ["secret plan", "secret clause", "nth", "nwg"])
      expect(specText).not.toContain(secret);
    expect(spec.G.messages).toEqual([]);
    expect(spec.G.commitments).toEqual([]);
    expect(spec.G.notices).toEqual([]);
    expect(spec.G.leaks).toEqual([]);
    expect(spec.G.drawVotes).toEqual({});
    expect(spec.G.communiques).toEqual([{ by: "ITA", text: "Italy is open for business" }]);

    // Germany (seat 3) sees its own draw vote and no one else's secrets.
    const ger = stateOf(seats[3]!);
    expect(ger.G.drawVotes).toEqual({ GER: true });
    expect(JSON.stringify(ger)).not.toContain("secret");
    // France (seat 2) sees the message, the pact, its notice and its leak.
    const fra = stateOf(seats[2]!).G;
    expect(fra.messages.map((m) => m.text)).toEqual(["secret plan for the Channel"]);
    expect(fra.commitments.map((c) => c.status)).toEqual(["active"]);
    expect(fra.notices).toHaveLength(1);
    expect(fra.leaks).toEqual([{ by: "FRA", messageId: "m1" }]);
    expect(fra.orders.ENG).toEqual([]);

    // The log redacts the arguments of secret moves for everyone but their author.
    const argsOf = (c: MatchClient, type: string): unknown[] =>
      stateOf(c)
        .log.filter((e) => e.action.type === "MAKE_MOVE" && e.action.payload.type === type)
        .map((e) => (e.action.payload as { args: unknown }).args);
    expect(argsOf(spectator, "message")).toEqual([null]);
    expect(argsOf(seats[3]!, "orders")).toEqual([null]);
    expect(argsOf(spectator, "communique")).toEqual([[{ text: "Italy is open for business" }]]);
    expect(JSON.stringify(stateOf(spectator).log)).not.toContain("secret");
  });

  it("never shows the random seed in the state it sends", async () => {
    const { seats, spectator } = await startMatch({ seed: "hidden-seed-4711" });
    await allReady(seats); // the phase resolves with random draws
    for (const c of [...seats, spectator]) {
      const s = stateOf(c);
      expect(s.G.history).toHaveLength(1);
      expect(JSON.stringify({ G: s.G, ctx: s.ctx, plugins: s.plugins })).not.toContain("hidden-seed-4711");
    }
    // NB: boardgame.io 0.50.2 still sends the seed in the unfiltered `initialState` of a sync
    // (docs/security.md, "boardgame.io 0.50.2"); the server must strip `plugins.random` from it.
  });

  it("plays the same game from the same seed and actions", async () => {
    const run = async (): Promise<unknown> => {
      const { seats, spectator } = await startMatch({
        seed: "same",
        settings: { miscommunication: 0.5, yearLimit: 1901 },
      });
      await move(seats[1]!, "propose", {
        parties: ["FRA"],
        clauses: [{ kind: "non-aggression", from: "ENG", to: "FRA" }],
        until: null,
        visibility: "public",
      });
      await move(seats[2]!, "accept", { commitmentId: "c1" });
      await move(seats[1]!, "orders", {
        orders: [
          { kind: "move", power: "ENG", unit: { type: "F", location: "lon" }, to: "eng", viaConvoy: false },
        ],
      });
      await allReady(seats);
      await move(seats[1]!, "orders", {
        orders: [
          { kind: "move", power: "ENG", unit: { type: "F", location: "eng" }, to: "bre", viaConvoy: false },
        ],
      });
      await allReady(seats);
      return [spectator, ...seats].map((c) => stateOf(c).G);
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    expect((first as MatchState[])[0]!.editions.length).toBeGreaterThan(0);
  });

  it("ends by its own rules: at the year limit the game is over and moves are refused", async () => {
    const { seats, spectator } = await startMatch({ seed: "end", settings: { yearLimit: 1901 } });
    await allReady(seats); // spring 1901
    await allReady(seats); // fall 1901: no builds due, so on to 1902 — past the limit
    const { G, ctx } = stateOf(spectator);
    expect(G.result?.kind).toBe("year-limit");
    expect(ctx.gameover).toEqual(G.result);
    const before = stateOf(spectator)._stateID;
    await move(seats[0]!, "communique", { text: "too late" });
    expect(stateOf(spectator)._stateID).toBe(before);
  });

  it("plays a smaller map with fewer seats", async () => {
    const amber = getMap("amber")!;
    expect(playerRange(amber)).toEqual({ min: 3, max: 5 });
    const { seats, spectator } = await startMatch({ seed: "amber", settings: { mapId: "amber" } }, 3);
    expect(stateOf(spectator).G.powers).toEqual(["BRY", "ORO", "SEL"]);
    await allReady(seats);
    expect(stateOf(spectator).G.history).toHaveLength(1);
  });
});

describe("game.ts helpers", () => {
  const G = { powers: ["AUS", "ENG"] } as unknown as MatchState;

  it("maps player ids to powers, and anything else to a spectator", () => {
    expect(powerOfPlayer(G, "0")).toBe("AUS");
    expect(powerOfPlayer(G, "1")).toBe("ENG");
    for (const id of ["2", "", " 1", "1.0", "-1", "x", null, undefined])
      expect(powerOfPlayer(G, id)).toBeNull();
  });

  it("adapts boardgame.io's random numbers to an Rng", () => {
    const draws = [0, 0.5, 0.999999, 1, -0.1];
    let i = 0;
    const rng = rngFromRandom({ Number: () => draws[i++ % draws.length]! });
    const out = Array.from({ length: 5 }, () => rng.int(10));
    expect(out).toEqual([0, 5, 9, 0, 0]);
    expect(rng.pick(["a", "b"])).toBe("a");
  });

  it("knows which player counts a map supports", () => {
    const classic = getMap("classic")!;
    expect(playerRange(classic)).toEqual({ min: 7, max: 7 });
    expect(powersForCount(classic, 6)).toBeNull();
    expect(powersForCount(getMap("amber")!, 4)).toEqual(["BRY", "ORO", "SEL", "TAL"]);
    const game = createGame();
    expect(game.name).toBe("entente");
    expect([game.minPlayers, game.maxPlayers]).toEqual([3, 7]); // over all shipped maps
    expect(game.validateSetupData?.(undefined, 6)).toMatch(/7 players/);
    expect(game.validateSetupData?.({ pressMode: "none" }, 7)).toBeUndefined();
    expect(game.validateSetupData?.({ pressMode: "loud" }, 7)).toMatch(/pressMode/);
    expect(game.validateSetupData?.({ mapId: "amber" }, 7)).toMatch(/3–5 players/);
    expect(game.validateSetupData?.({ mapId: "amber" }, 4)).toBeUndefined();
    expect(game.validateSetupData?.({ mapId: "atlantis" }, 7)).toMatch(/Unknown map/);
  });

  it("has one move per action, each server-only, with secret ones redacted", () => {
    const game = createGame();
    const moves = game.moves as Record<
      string,
      { client?: boolean; ignoreStaleStateID?: boolean; redact?: boolean }
    >;
    expect(Object.keys(moves).sort()).toEqual(Object.values(MOVE_NAMES).sort());
    for (const [name, m] of Object.entries(moves)) {
      expect(m.client, name).toBe(false);
      expect(m.ignoreStaleStateID, name).toBe(true);
      expect(m.redact, name).toBe(name !== "ready" && name !== "communique" && name !== "callTime");
    }
  });

  it("lets only moves of this game through from a client", () => {
    expect(isAllowedClientAction({ type: "MAKE_MOVE", payload: { type: "orders", args: [] } })).toBe(true);
    expect(isAllowedClientAction({ type: "MAKE_MOVE", payload: { type: "hack", args: [] } })).toBe(false);
    // A teacher's "end the match" is the server's alone.
    expect(isAllowedClientAction({ type: "MAKE_MOVE", payload: { type: "callTime", args: [{}] } })).toBe(
      false,
    );
    for (const type of ["GAME_EVENT", "UPDATE", "SYNC", "RESET", "PATCH", "UNDO", "REDO", "PLUGIN"]) {
      expect(isAllowedClientAction({ type, payload: { type: "orders" } }), type).toBe(false);
    }
    expect(isAllowedClientAction(null)).toBe(false);
  });

  it("finds a flow that is not the game's own", () => {
    const ctx = { numPlayers: 2, turn: 1, phase: null, activePlayers: { "0": null, "1": null } };
    const g = { result: null } as unknown as MatchState;
    const check = (c: object): string | false => flowViolation(g, { ...ctx, ...c } as never);
    expect(check({})).toBe(false);
    expect(check({ gameover: {} })).toBeTruthy();
    expect(check({ turn: 2 })).toBeTruthy();
    expect(check({ phase: "x" })).toBeTruthy();
    expect(check({ activePlayers: { "0": null } })).toBeTruthy();
    expect(check({ activePlayers: { "0": "stage", "1": null } })).toBeTruthy();
    expect(flowViolation({ result: {} } as unknown as MatchState, { ...ctx, gameover: {} } as never)).toBe(
      false,
    );
  });
});
