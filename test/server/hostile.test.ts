/**
 * Hostile input on a raw socket (socket.io-client, no boardgame.io client in the way) against a
 * real server and SQLite file: wrong types in `sync` and `update`, oversized payloads, another
 * seat's credentials, every client-sent action type other than `MAKE_MOVE` (events, UPDATE, SYNC,
 * RESET, PATCH, UNDO, REDO, PLUGIN), unknown match ids, and malformed move payloads. Each is
 * refused with an `entente:error` carrying a code (or, past the transport's size limit, the
 * socket is dropped), and nothing changes: the stored state and its `_stateID` are the same, and
 * no match is created.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { RawRecorder, type ServerError } from "./support/clients";
import { createMatch, matchCount, readStored, type CreatedMatch, type Seat } from "./support/matches";
import { removeDataDir, startInProcess, type InProcessServer } from "./support/server";

const MAX_PAYLOAD_BYTES = 16_384;

let s: InProcessServer;
let match: CreatedMatch;
let seat0: Seat;
let seat1: Seat;
const sockets: RawRecorder[] = [];

beforeAll(async () => {
  const original = console.error.bind(console);
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    if (args[0] !== "ERROR:") original(...args);
  });
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  s = await startInProcess({ env: { MAX_PAYLOAD_BYTES: String(MAX_PAYLOAD_BYTES) } });
  match = await createMatch(s, { players: 7, pressMode: "full" });
  seat0 = match.seats[0]!;
  seat1 = match.seats[1]!;
});

afterAll(async () => {
  for (const r of sockets.splice(0)) r.close();
  await s.stop();
  removeDataDir(s.dataDir);
});

let before: { state: string; stateID: number; matches: number };
beforeEach(() => {
  before = snapshot();
});

/** The stored state, its id and the number of matches in the file. */
function snapshot(): { state: string; stateID: number; matches: number } {
  const stored = readStored(s.dataDir, match.matchID);
  return {
    state: JSON.stringify(stored.state),
    stateID: stored.state._stateID,
    matches: matchCount(s.dataDir),
  };
}

/** Nothing changed since the test began. */
function expectUnchanged(): void {
  const now = snapshot();
  expect(now.stateID).toBe(before.stateID);
  expect(now.state).toBe(before.state);
  expect(now.matches).toBe(before.matches);
}

/** A connected raw socket, closed after the file's tests. */
async function raw(): Promise<RawRecorder> {
  const r = await new RawRecorder(s.url).connected();
  sockets.push(r);
  return r;
}

/** A raw socket synced to a seat with that seat's credentials. */
async function seated(seat: Seat = seat0): Promise<RawRecorder> {
  const r = await raw();
  const answer = await r.sync(match.matchID, seat.playerID, seat.credentials);
  expect(answer.event).toBe("sync");
  return r;
}

/** Emits, then waits for the `entente:error` it causes (bounded) and returns it. */
async function refused(r: RawRecorder, event: string, ...args: unknown[]): Promise<ServerError> {
  const from = r.received.length;
  r.emit(event, ...args);
  const got = await r.next((x) => x.event === "entente:error" || x.event === "patch", from);
  if (got.event !== "entente:error") throw new Error(`accepted: ${JSON.stringify(args).slice(0, 300)}`);
  const error = got.args[0] as ServerError;
  expect(typeof error.code).toBe("string");
  expect(error.code.length).toBeGreaterThan(0);
  expect(typeof error.message).toBe("string");
  return error;
}

/** A move action as boardgame.io's client sends it. */
function moveAction(
  move: string,
  payload: unknown,
  seat: Seat = seat0,
  credentials = seat.credentials,
): unknown {
  return {
    type: "MAKE_MOVE",
    payload: { type: move, args: [payload], playerID: seat.playerID, credentials },
  };
}

/** Sends an update for seat 0 and expects it refused with `code`. */
async function updateRefused(r: RawRecorder, action: unknown, code: string | RegExp, stateID: unknown = 0) {
  const error = await refused(r, "update", action, stateID, match.matchID, seat0.playerID);
  if (typeof code === "string") expect(error.code).toBe(code);
  else expect(error.code).toMatch(code);
  expectUnchanged();
  return error;
}

describe("sync with bad arguments", () => {
  it.each([
    ["a numeric match id", [42, "0", "x"]],
    ["a null match id", [null, "0", "x"]],
    ["an object as match id", [{ $gt: "" }, "0", "x"]],
    ["an overlong match id", ["m".repeat(5000), "0", "x"]],
    ["a numeric player id", ["MATCH", 0, "x"]],
    ["an array as player id", ["MATCH", ["0"], "x"]],
    ["an object as credentials", ["MATCH", "0", { toString: "x" }]],
    ["a number as credentials", ["MATCH", "0", 12345]],
  ])("refuses %s", async (_label, args) => {
    const r = await raw();
    const real = (args as unknown[]).map((a) => (a === "MATCH" ? match.matchID : a));
    const error = await refused(r, "sync", ...real);
    expect(error.code).toBe("bad-sync");
    expectUnchanged();
    // …and the socket is not seated: its moves are refused.
    const e2 = await refused(r, "update", moveAction("ready", { ready: true }), 0, match.matchID, "0");
    expect(e2.code).toBe("not-synced");
  });

  it("refuses an unknown match id without creating a match", async () => {
    const r = await raw();
    for (const id of ["no-such-match", "default", "0", "entente"]) {
      for (const playerID of [null, "0"]) {
        const error = await refused(r, "sync", id, playerID, "whatever", 7);
        expect(error.code).toBe("unknown-match");
      }
    }
    expectUnchanged();
    expect(matchCount(s.dataDir)).toBe(before.matches);
  });

  it("refuses another seat's credentials, and a seat without credentials", async () => {
    const r = await raw();
    expect((await refused(r, "sync", match.matchID, seat1.playerID, seat0.credentials)).code).toBe(
      "bad-credentials",
    );
    expect((await refused(r, "sync", match.matchID, seat1.playerID, undefined)).code).toBe("bad-credentials");
    expect((await refused(r, "sync", match.matchID, "99", seat0.credentials)).code).toMatch(
      /bad-credentials|bad-sync/,
    );
    // Not seated as anyone: moves are refused.
    const e = await refused(r, "update", moveAction("ready", { ready: true }, seat1), 0, match.matchID, "1");
    expect(e.code).toBe("not-synced");
    expectUnchanged();
  });
});

describe("update with bad arguments", () => {
  it("refuses moves from a socket that never synced, or synced as a spectator", async () => {
    const r = await raw();
    expect(
      (await refused(r, "update", moveAction("ready", { ready: true }), 0, match.matchID, "0")).code,
    ).toBe("not-synced");
    const spectator = await raw();
    expect((await spectator.sync(match.matchID, null)).event).toBe("sync");
    expect(
      (await refused(spectator, "update", moveAction("ready", { ready: true }), 0, match.matchID, null)).code,
    ).toBe("not-synced");
    expect(
      (await refused(spectator, "update", moveAction("ready", { ready: true }), 0, match.matchID, "0")).code,
    ).toBe("not-synced");
    expectUnchanged();
  });

  it("refuses a move for another seat or another match from a seated socket", async () => {
    const r = await seated();
    expect(
      (await refused(r, "update", moveAction("ready", { ready: true }, seat1), 0, match.matchID, "1")).code,
    ).toBe("wrong-seat");
    expect(
      (await refused(r, "update", moveAction("ready", { ready: true }), 0, "another-match", "0")).code,
    ).toBe("not-synced");
    expectUnchanged();
  });

  it("refuses a move carrying another seat's credentials, or none", async () => {
    const r = await seated();
    await updateRefused(r, moveAction("ready", { ready: true }, seat0, seat1.credentials), "bad-credentials");
    await updateRefused(
      r,
      { type: "MAKE_MOVE", payload: { type: "ready", args: [{ ready: true }], playerID: "0" } },
      "bad-credentials",
    );
  });

  it.each([
    ["a string action", "MAKE_MOVE"],
    ["a null action", null],
    ["an array action", [1, 2, 3]],
    ["an action without payload", { type: "MAKE_MOVE" }],
    ["a payload that is a string", { type: "MAKE_MOVE", payload: "ready" }],
    ["a move name that is not a string", { type: "MAKE_MOVE", payload: { type: 7, args: [] } }],
    ["a move of no such name", { type: "MAKE_MOVE", payload: { type: "cheat", args: [] } }],
    ["a move named like an event", { type: "MAKE_MOVE", payload: { type: "endGame", args: [] } }],
    ["an inherited property as move", { type: "MAKE_MOVE", payload: { type: "constructor", args: [] } }],
  ])("refuses %s", async (_label, action) => {
    const r = await seated();
    const error = await updateRefused(r, action, /bad-action|unknown-move/);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it("refuses a state id that is not a number", async () => {
    const r = await seated();
    await updateRefused(r, moveAction("ready", { ready: true }), "bad-action", "0");
    await updateRefused(r, moveAction("ready", { ready: true }), "bad-action", null);
    await updateRefused(r, moveAction("ready", { ready: true }), "bad-action", { n: 1 });
  });
});

describe("client-sent actions other than moves", () => {
  const stateLike = {
    G: { result: { kind: "solo", winner: "AUS" } },
    ctx: { gameover: { winner: "0" } },
    _stateID: 999,
  };
  it.each([
    [
      "GAME_EVENT endGame",
      { type: "GAME_EVENT", payload: { type: "endGame", args: [{ winner: "0" }], playerID: "0" } },
    ],
    ["GAME_EVENT endTurn", { type: "GAME_EVENT", payload: { type: "endTurn", args: [], playerID: "0" } }],
    [
      "GAME_EVENT setPhase",
      { type: "GAME_EVENT", payload: { type: "setPhase", args: ["x"], playerID: "0" } },
    ],
    ["UPDATE", { type: "UPDATE", state: stateLike, deltalog: [] }],
    ["SYNC", { type: "SYNC", state: stateLike, log: [], initialState: stateLike, clientOnly: true }],
    ["RESET", { type: "RESET", state: stateLike, clientOnly: true }],
    [
      "PATCH",
      {
        type: "PATCH",
        prevStateID: 0,
        stateID: 999,
        patch: [{ op: "replace", path: "/G/result", value: {} }],
        deltalog: [],
      },
    ],
    ["UNDO", { type: "UNDO", payload: { type: null, args: null, playerID: "0" } }],
    ["REDO", { type: "REDO", payload: { type: null, args: null, playerID: "0" } }],
    ["PLUGIN", { type: "PLUGIN", payload: { type: "random", args: [], playerID: "0" } }],
    ["STRIP_TRANSIENTS", { type: "STRIP_TRANSIENTS" }],
  ])("refuses %s", async (_label, action) => {
    const r = await seated();
    const withCredentials =
      typeof action === "object" && "payload" in action
        ? { ...action, payload: { ...action.payload, credentials: seat0.credentials } }
        : action;
    await updateRefused(r, withCredentials, "bad-action");
    expect(readStored(s.dataDir, match.matchID).metadata.gameover).toBeUndefined();
  });

  it("does not serve boardgame.io's chat", async () => {
    const r = await seated();
    const from = r.received.length;
    r.emit("chat", match.matchID, { id: "x", sender: "0", payload: "hello everyone" }, seat0.credentials);
    // A sync afterwards is answered; no chat came back before it.
    await r.sync(match.matchID, seat0.playerID, seat0.credentials);
    expect(r.received.slice(from).some((x) => x.event === "chat")).toBe(false);
    expectUnchanged();
  });
});

describe("malformed move payloads", () => {
  it.each([
    ["orders not a list", "orders", { orders: "A PAR-BUR" }, "bad-payload"],
    ["an order of unknown kind", "orders", { orders: [{ kind: "teleport", power: "AUS" }] }, "bad-payload"],
    ["an extra field", "orders", { orders: [], admin: true }, "bad-payload"],
    [
      "another power's order",
      "orders",
      { orders: [{ kind: "hold", power: "ENG", unit: { type: "F", location: "lon" } }] },
      "not-your-order",
    ],
    [
      "an order for a unit that is not there",
      "orders",
      { orders: [{ kind: "hold", power: "AUS", unit: { type: "A", location: "par" } }] },
      "illegal-order",
    ],
    ["ready as a string", "ready", { ready: "yes" }, "bad-payload"],
    ["no payload", "ready", undefined, "bad-payload"],
    ["a prototype-polluting payload", "ready", JSON.parse('{"__proto__": {"ready": true}}'), "bad-payload"],
    [
      "a proposal with nobody",
      "propose",
      { parties: [], clauses: [{ kind: "text", text: "x" }], until: null, visibility: "public" },
      "bad-payload",
    ],
    [
      "a proposal with an unknown power",
      "propose",
      { parties: ["XXX"], clauses: [{ kind: "text", text: "x" }], until: null, visibility: "public" },
      "bad-parties",
    ],
    ["a notice on no commitment", "notice", { commitmentId: "c999" }, "unknown-commitment"],
    [
      "a message of 2001 characters",
      "message",
      { to: ["ENG"], text: "x".repeat(2001) },
      /bad-payload|use-press-channel/,
    ],
    ["a blank communiqué", "communique", { text: "   " }, "bad-payload"],
    ["a draw vote as a number", "drawVote", { vote: 1 }, "bad-payload"],
  ])("refuses %s", async (_label, move, payload, code) => {
    const r = await seated();
    const error = await updateRefused(r, moveAction(move, payload), code);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it("refuses a string far over the schema limits but under the socket limit", async () => {
    const r = await seated();
    const big = "y".repeat(MAX_PAYLOAD_BYTES / 2);
    await updateRefused(r, moveAction("communique", { text: big }), "bad-payload");
    await updateRefused(r, moveAction("orders", { orders: [{ kind: big }] }), "bad-payload");
    const error = await refused(r, "sync", big, "0", seat0.credentials);
    expect(error.code).toBe("bad-sync");
    expectUnchanged();
  });
});

describe("payloads over MAX_PAYLOAD_BYTES or nested too deep (issue 10 finding 12)", () => {
  it("answers the sender with an error, changes nothing, keeps the socket, and keeps serving", async () => {
    const r = await seated();
    const big = await refused(
      r,
      "update",
      moveAction("communique", { text: "z".repeat(MAX_PAYLOAD_BYTES * 4) }),
      0,
      match.matchID,
      "0",
    );
    expect(big.code).toBe("too-large");
    let deep: unknown = { ready: true };
    for (let i = 0; i < 1_000; i++) deep = [deep];
    const nested = await refused(r, "update", moveAction("ready", deep), 0, match.matchID, "0");
    expect(nested.code).toBe("too-deep");
    expectUnchanged();
    expect(r.socket.connected).toBe(true);
    // The same socket, and the server, still serve a well-behaved move.
    const from = r.received.length;
    r.emit("update", moveAction("drawVote", { vote: false }), before.stateID, match.matchID, "0");
    const answer = await r.next((x) => x.event === "patch" || x.event === "entente:error", from);
    expect(answer.event).toBe("patch");
    expect(readStored(s.dataDir, match.matchID).state._stateID).toBe(before.stateID + 1);
  });
});

describe("rate limits under many keys (red-team note)", () => {
  it("forget the key idle longest, never every key at once", async () => {
    const { RateLimits } = await import("../../server/src/rate-limit");
    const limits = new RateLimits(1, 2, () => 0);
    expect(limits.take("busy")).toBe(true);
    expect(limits.take("busy")).toBe(true);
    expect(limits.take("busy")).toBe(false);
    for (let i = 0; i < 10_500; i++) {
      limits.take(`other${i}`);
      if (i % 1000 === 0) expect(limits.take("busy")).toBe(false); // still remembered, still empty
    }
    expect(limits.take("busy")).toBe(false);
  });
});
