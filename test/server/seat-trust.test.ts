/**
 * Issue 10, as the attacker tried it: raw socket.io clients against a real server. No socket acts
 * for a seat other than the one whose current credentials it synced with (finding 1, every move
 * type, every way of naming another seat); a seat without credentials is nobody's view, and a
 * socket loses its seat's view the moment the seat's credentials change (finding 3); junk attached
 * to a move never reaches the state, the log or anyone's traffic (finding 7); moves are limited
 * per seat across sockets, sockets per seat and per address (finding 8); a seat's `connected`
 * flag goes back to false when its last socket leaves (finding 12).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MOVE_NAMES } from "../../shared/src";
import { latestState, rawMove, RawRecorder, type ServerError } from "./support/clients";
import { PressClient } from "./support/press";
import { api, createMatch, joinSeat, readStored, type CreatedMatch, type Seat } from "./support/matches";
import { removeDataDir, sleep, startInProcess, waitUntil, type InProcessServer } from "./support/server";

let s: InProcessServer;
const sockets: RawRecorder[] = [];

beforeAll(async () => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  s = await startInProcess();
});

afterAll(async () => {
  for (const r of sockets.splice(0)) r.close();
  await s.stop();
  removeDataDir(s.dataDir);
});

/** A raw socket on the server's game namespace, closed after the file. */
async function raw(server: InProcessServer = s): Promise<RawRecorder> {
  const r = await new RawRecorder(server.url).connected();
  sockets.push(r);
  return r;
}

/** A raw socket synced to a seat. */
async function seated(match: CreatedMatch, seat: Seat, server: InProcessServer = s): Promise<RawRecorder> {
  const r = await raw(server);
  const answer = await r.sync(match.matchID, seat.playerID, seat.credentials);
  expect(answer.event, JSON.stringify(answer.args)).toBe("sync");
  return r;
}

/** Emits an update and returns the error it caused (bounded wait; a patch means it was accepted). */
async function refusal(r: RawRecorder, ...args: unknown[]): Promise<ServerError> {
  const from = r.received.length;
  r.emit("update", ...args);
  const got = await r.next((x) => x.event === "entente:error" || x.event === "patch", from);
  if (got.event !== "entente:error") throw new Error(`accepted: ${JSON.stringify(args).slice(0, 200)}`);
  return got.args[0] as ServerError;
}

/** The stored state of a match, as text (to show that nothing changed). */
const stored = (matchID: string): string => JSON.stringify(readStored(s.dataDir, matchID).state);

/** A valid payload of every move, for seat `by` acting on seat `on`'s things where that matters. */
function payloads(commitmentId: string): Record<string, unknown> {
  return {
    orders: { orders: [] },
    ready: { ready: true },
    propose: {
      parties: ["AUS"],
      clauses: [{ kind: "text", text: "forged" }],
      until: null,
      visibility: "secret",
    },
    accept: { commitmentId },
    reject: { commitmentId },
    withdraw: { commitmentId },
    notice: { commitmentId },
    message: { to: ["AUS"], text: "forged" },
    leak: { messageId: "m1" },
    communique: { text: "A communiqué signed by someone else" },
    drawVote: { vote: true },
    callTime: {}, // the server's alone: refused from any socket, in any seat's name
  };
}

describe("issue 10 finding 1: a socket acts only for its own seat", () => {
  let match: CreatedMatch;
  let eng: Seat;
  let fra: Seat;
  let pact = "";

  beforeAll(async () => {
    match = await createMatch(s, { players: 7, pressMode: "full" });
    eng = match.seats[1]!;
    fra = match.seats[2]!;
    // A real pact between FRA (proposer) and ENG, so accept/reject/notice/withdraw have a target.
    const fraSocket = await seated(match, fra);
    expect(
      await rawMove(fraSocket, fra, match.matchID, "propose", {
        parties: ["ENG"],
        clauses: [{ kind: "text", text: "peace" }],
        until: null,
        visibility: "secret",
      }),
    ).toBeNull();
    pact = latestState(fraSocket)!.G.commitments[0]!.id;
  });

  it("every move type sent by ENG's socket in FRA's name is refused as wrong-seat and changes nothing", async () => {
    const r = await seated(match, eng);
    const before = stored(match.matchID);
    const all = payloads(pact);
    expect(Object.keys(all).sort()).toEqual(Object.values(MOVE_NAMES).sort());
    for (const [move, payload] of Object.entries(all)) {
      // callTime is no client's move at all: refused as that (bad-action) or for the seat, whichever is read first.
      const refused = move === "callTime" ? ["wrong-seat", "bad-action"] : ["wrong-seat"];
      // FRA's seat named both in the action and in the event, with ENG's own credentials.
      const a = {
        type: "MAKE_MOVE",
        payload: { type: move, args: [payload], playerID: fra.playerID, credentials: eng.credentials },
      };
      expect((await refusal(r, a, 0, match.matchID, fra.playerID)).code, move).toBeOneOf(refused);
      // Only the action names FRA (the event names ENG, as the transport checks).
      expect((await refusal(r, a, 0, match.matchID, eng.playerID)).code, move).toBeOneOf(refused);
      // With FRA's name in the action and no seat in the event.
      expect((await refusal(r, a, 0, match.matchID)).code, move).toBeOneOf(refused);
      // Seat ids spelled another way.
      for (const other of ["2 ", " 2", "02", 2, "x"]) {
        const b = { ...a, payload: { ...a.payload, playerID: other } };
        expect(
          (await refusal(r, b, 0, match.matchID, eng.playerID)).code,
          `${move} as ${String(other)}`,
        ).toBeOneOf(refused);
      }
    }
    expect(stored(match.matchID)).toBe(before);
  });

  it("a forged unanimous draw is impossible: only each seat's own vote counts", async () => {
    const r = await seated(match, eng);
    for (const seat of match.seats) {
      if (seat === null || seat.playerID === eng.playerID) continue;
      const vote = {
        type: "MAKE_MOVE",
        payload: {
          type: "drawVote",
          args: [{ vote: true }],
          playerID: seat.playerID,
          credentials: eng.credentials,
        },
      };
      expect((await refusal(r, vote, 0, match.matchID, seat.playerID)).code).toBe("wrong-seat");
    }
    const G = readStored(s.dataDir, match.matchID).state.G as {
      drawVotes: Record<string, boolean>;
      result: unknown;
    };
    expect(Object.keys(G.drawVotes).filter((p) => p !== "ENG")).toEqual([]);
    expect(G.result).toBeNull();
  });

  it("the press channel acts only as the seat its handshake proved: ENG cannot open FRA's press, and its communiqué is signed ENG", async () => {
    const forged = await PressClient.open(s.url, match.matchID, {
      playerID: fra.playerID,
      credentials: eng.credentials,
    }).then(
      (c) => {
        c.stop();
        return "connected";
      },
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    expect(forged).toMatch(/^(?:bad-credentials|unauthorized)/); // the press channel's code moves to the shared one
    const press = await PressClient.open(s.url, match.matchID, eng);
    try {
      const ack = await new Promise<{ ok: boolean }>((resolve) =>
        press.socket.emit("communique", { text: "From London", by: "FRA", playerID: fra.playerID }, resolve),
      );
      expect(ack.ok).toBe(false); // unknown fields refused
      const sent = await new Promise<{ ok: boolean }>((resolve) =>
        press.socket.emit("communique", { text: "From London" }, resolve),
      );
      expect(sent.ok).toBe(true);
    } finally {
      press.stop();
    }
    const G = readStored(s.dataDir, match.matchID).state.G;
    expect(G.communiques.filter((c) => c.text === "From London").map((c) => c.by)).toEqual(["ENG"]);
  });
});

describe("issue 10 finding 3: private views only with a seat's current credentials", () => {
  it("(a) an open seat without credentials is nobody's view: a stranger cannot sync as any seat", async () => {
    const created = await api(s, "POST", "/api/matches", { map: "classic", unlisted: false });
    const matchID = (created.body as { matchID: string }).matchID;
    const stranger = await raw();
    for (let seat = 0; seat < 7; seat++) {
      for (const credentials of [undefined, null, "", "x"]) {
        const answer = await stranger.sync(matchID, String(seat), credentials);
        expect([seat, answer.event]).toEqual([seat, "entente:error"]);
        expect((answer.args[0] as ServerError).code).toBe("bad-credentials");
      }
    }
    // Once players joined, a stranger still sees only a spectator's view.
    const ada = await joinSeat(s, matchID, 0, "Ada");
    const adaSocket = await seated({ matchID, numPlayers: 7, seats: [ada], via: "api" }, ada);
    expect(
      await rawMove(adaSocket, ada, matchID, "orders", {
        orders: [{ kind: "hold", power: "AUS", unit: { type: "A", location: "vie" } }],
      }),
    ).toBeNull();
    for (let seat = 0; seat < 7; seat++) {
      const answer = await stranger.sync(matchID, String(seat), undefined);
      expect(answer.event).toBe("entente:error");
    }
    expect(stranger.serialised()).not.toContain('"location":"vie"}]');
  });

  it("(b) a player who leaves, or whose seat changes hands, loses the seat's view on the old socket", async () => {
    const match = await createMatch(s, { players: 7, pressMode: "full" });
    const old = match.seats[3]!; // GER
    const oldSocket = await seated(match, old);
    const left = await api(s, "POST", `/api/matches/${match.matchID}/leave`, {
      playerID: old.playerID,
      credentials: old.credentials,
    });
    expect(left.status).toBe(200);
    await waitUntil("the old socket to be told", () =>
      oldSocket.errors().some((e) => e.code === "seat-lost"),
    );
    const from = oldSocket.received.length;
    const heir = await joinSeat(s, match.matchID, 3, "Heir");
    const heirSocket = await seated(match, heir);
    const secret = `GERSECRET${Date.now()}`;
    expect(
      await rawMove(heirSocket, heir, match.matchID, "propose", {
        parties: ["AUS"],
        clauses: [{ kind: "text", text: secret }],
        until: null,
        visibility: "secret",
      }),
    ).toBeNull();
    expect(
      await rawMove(heirSocket, heir, match.matchID, "orders", {
        orders: [{ kind: "hold", power: "GER", unit: { type: "A", location: "ber" } }],
      }),
    ).toBeNull();
    await sleep(300);
    const after = JSON.stringify(oldSocket.received.slice(from));
    expect(after).not.toContain(secret);
    expect(after).not.toContain('"location":"ber"}]');
    expect(latestState(oldSocket)!.G.orders["GER"] ?? []).toEqual([]);
    // And its moves are refused with a reason, not dropped.
    const error = await rawMove(oldSocket, old, match.matchID, "ready", { ready: true });
    expect(error?.code).toBe("not-synced");
  });
});

describe("issue 10 finding 7: junk attached to a move goes nowhere", () => {
  it("extra fields, extra arguments and extra payload keys are refused; the log holds only admitted payloads", async () => {
    const match = await createMatch(s, { players: 7 });
    const aus = match.seats[0]!;
    const r = await seated(match, aus);
    const spectator = await raw();
    await spectator.sync(match.matchID, null);
    const junk = "J".repeat(50_000);
    const before = stored(match.matchID);
    const base = {
      type: "drawVote",
      args: [{ vote: true }],
      playerID: aus.playerID,
      credentials: aus.credentials,
    };
    const attempts: unknown[] = [
      { type: "MAKE_MOVE", payload: { ...base, args: [{ vote: true, junk }] } },
      { type: "MAKE_MOVE", payload: { ...base, args: [{ vote: true }, junk] } },
      { type: "MAKE_MOVE", payload: { ...base, junk } },
      { type: "MAKE_MOVE", payload: base, junk },
    ];
    for (let i = 0; i < 20; i++) {
      const error = await refusal(r, attempts[i % attempts.length], 0, match.matchID, aus.playerID);
      expect(error.code).toMatch(/bad-payload|bad-action|too-large/);
    }
    expect(stored(match.matchID)).toBe(before);
    expect(await rawMove(r, aus, match.matchID, "drawVote", { vote: true })).toBeNull();
    const { log } = readStored(s.dataDir, match.matchID) as unknown as { log?: unknown[] };
    const all = JSON.stringify(log ?? []) + JSON.stringify(readStored(s.dataDir, match.matchID).state);
    expect(all).not.toContain("JJJJ");
    expect(spectator.serialised()).not.toContain("JJJJ");
    // A fresh sync stays small.
    const again = await raw();
    await again.sync(match.matchID, null);
    expect(again.serialised().length).toBeLessThan(60_000);
  });
});

describe("issue 10 finding 8: limits per seat and per address", () => {
  it("moves are limited per seat across all its sockets", async () => {
    const limited = await startInProcess({ env: { ACTIONS_PER_SECOND: "5" } });
    try {
      const match = await createMatch(limited, { players: 7 });
      const aus = match.seats[0]!;
      const many = await Promise.all(Array.from({ length: 10 }, () => seated(match, aus, limited)));
      const started = Date.now();
      for (let i = 0; i < 20; i++) {
        for (const r of many) {
          r.emit(
            "update",
            {
              type: "MAKE_MOVE",
              payload: {
                type: "drawVote",
                args: [{ vote: i % 2 === 0 }],
                playerID: "0",
                credentials: aus.credentials,
              },
            },
            0,
            match.matchID,
            "0",
          );
        }
      }
      await sleep(500);
      const seconds = (Date.now() - started) / 1000;
      const limitedCount = many.reduce(
        (n, r) => n + r.errors().filter((e) => e.code === "rate-limited").length,
        0,
      );
      const accepted = 200 - limitedCount;
      // burst 10 plus 5 a second
      expect(accepted).toBeLessThanOrEqual(10 + Math.ceil(5 * seconds) + 1);
      expect(limitedCount).toBeGreaterThan(150);
    } finally {
      for (const r of sockets.splice(0)) r.close();
      await limited.stop();
      removeDataDir(limited.dataDir);
    }
  });

  it("sockets are limited per seat and per address, with a reason, and slots come back", async () => {
    const limited = await startInProcess({ env: { SOCKETS_PER_SEAT: "3", SOCKETS_PER_ADDRESS: "8" } });
    try {
      const match = await createMatch(limited, { players: 7 });
      const aus = match.seats[0]!;
      const three = [
        await seated(match, aus, limited),
        await seated(match, aus, limited),
        await seated(match, aus, limited),
      ];
      const fourth = await raw(limited);
      const answer = await fourth.sync(match.matchID, aus.playerID, aus.credentials);
      expect(answer.event).toBe("entente:error");
      expect((answer.args[0] as ServerError).code).toBe("too-many-sockets");
      three[0]!.close();
      await sleep(200);
      expect((await fourth.sync(match.matchID, aus.playerID, aus.credentials)).event).toBe("sync");
      // 3 sockets are open now; 5 more spectators fill the address, the 9th is refused.
      for (let i = 0; i < 5; i++) await raw(limited);
      const over = new RawRecorder(limited.url);
      sockets.push(over);
      await expect(over.connected(5_000)).rejects.toThrow(/too-many-sockets/);
    } finally {
      for (const r of sockets.splice(0)) r.close();
      await limited.stop();
      removeDataDir(limited.dataDir);
    }
  });
});

describe("issue 10 finding 12: a seat's connected flag", () => {
  it("is true while a socket holds the seat and false once the last one leaves", async () => {
    const match = await createMatch(s, { players: 7 });
    const seatOf = async (): Promise<boolean> => {
      const info = await api(s, "GET", `/api/matches/${match.matchID}`);
      return (info.body as { seats: { connected: boolean }[] }).seats[0]!.connected;
    };
    expect(await seatOf()).toBe(false);
    const a = await seated(match, match.seats[0]!);
    const b = await seated(match, match.seats[0]!);
    expect(await seatOf()).toBe(true);
    a.close();
    await sleep(200);
    expect(await seatOf()).toBe(true);
    b.close();
    await waitUntil("the seat to show disconnected", async () => !(await seatOf()));
  });
});
