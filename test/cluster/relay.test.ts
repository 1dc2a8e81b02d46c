/**
 * Moves relayed between two nodes (docs/deploy.md): two servers in this process on one PostgreSQL
 * schema with Redis between them; node A runs the match, every move below is sent to node B. A seat
 * API request's orders and ready travel together and are stored together where the match is run,
 * and the phase the request named is checked there — where the moves run — not only on the node
 * that received it (the phase may end between the two).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { State } from "boardgame.io";
import { phaseKey, type MatchState } from "../../shared/src";
import { createMatch, joinSeat, type CreatedMatch } from "../server/support/matches";
import { PressClient } from "../server/support/press";
import { RawRecorder } from "../server/support/clients";
import {
  removeDataDir,
  sleep,
  startInProcess,
  waitUntil,
  type InProcessServer,
} from "../server/support/server";
import { freshSchema, leaseOf, services, type Schema } from "./support/nodes";

let schema: Schema;
let a: InProcessServer; // runs the match
let b: InProcessServer; // receives the moves
let match: CreatedMatch;

beforeAll(async () => {
  schema = await freshSchema("relay");
  const { redisUrl } = services();
  const env = (node: string) => ({
    DATABASE_URL: schema.url,
    REDIS_URL: redisUrl,
    NODE_ID: node,
    LEASE_MS: "5000",
  });
  a = await startInProcess({ env: env("relay-a") });
  b = await startInProcess({ env: env("relay-b") });
  match = await createMatch(a, {});
  expect(a.server.ctx.cluster.owns(match.matchID)).toBe(true);
}, 60_000);

afterAll(async () => {
  for (const node of [b, a]) {
    await node.stop();
    removeDataDir(node.dataDir);
  }
  await schema.drop();
}, 30_000);

/** The stored state, as node A reads it. */
function stored(): State<MatchState> {
  const { state } = a.server.ctx.storage.fetch(match.matchID, { state: true });
  return state as State<MatchState>;
}

describe("moves relayed to the node that runs the match", () => {
  it("a seat's orders and ready named for a phase the match has left are refused where they run, and nothing changes", async () => {
    const seat = match.seats[0]!;
    const before = stored();
    const refused = await b.server.ctx.transport.playerMovesAnywhere(
      match.matchID,
      seat.playerID,
      seat.credentials,
      [
        { move: "orders", arg: { orders: [] } },
        { move: "ready", arg: { ready: true } },
      ],
      "F1950M", // not the phase the match is in
    );
    expect(refused?.code).toBe("phase-moved-on");
    expect(refused?.message).toContain(`the match is in ${phaseKey(before.G.position)}, not F1950M`);
    expect(b.server.ctx.cluster.owns(match.matchID)).toBe(false); // it was relayed, not run on B
    expect(stored()._stateID).toBe(before._stateID);
  });

  it("named for the phase the match is in, they run on the owner together: both stored", async () => {
    const seat = match.seats[1]!;
    const before = stored();
    const key = phaseKey(before.G.position);
    const refused = await b.server.ctx.transport.playerMovesAnywhere(
      match.matchID,
      seat.playerID,
      seat.credentials,
      [
        { move: "orders", arg: { orders: [] } },
        { move: "ready", arg: { ready: true } },
      ],
      key,
    );
    expect(refused).toBeNull();
    const after = stored();
    expect(after._stateID).toBe(before._stateID + 2);
    expect(after.G.ready[seat.power]).toBe(true);
    expect(b.server.ctx.cluster.owns(match.matchID)).toBe(false);
  });

  it("someone else's credentials are refused on the owner, relayed or not", async () => {
    const [mine, theirs] = [match.seats[2]!, match.seats[3]!];
    const before = stored();
    const refused = await b.server.ctx.transport.playerMovesAnywhere(
      match.matchID,
      mine.playerID,
      theirs.credentials,
      [{ move: "ready", arg: { ready: true } }],
    );
    expect(refused).not.toBeNull();
    expect(stored()._stateID).toBe(before._stateID);
  });
});

describe("news of a table change on two nodes", () => {
  it("a join on one node reaches the press sockets of both nodes once each (socket.io's Redis adapter carries the one event)", async () => {
    const open = await createMatch(a, { join: false });
    const sockets = [
      await PressClient.open(a.url, open.matchID, null),
      await PressClient.open(b.url, open.matchID, null),
    ];
    try {
      await joinSeat(a, open.matchID, 0, "Ada");
      await sleep(1_500); // three times the gap between two table events of a match
      for (const socket of sockets)
        expect(socket.received.filter((r) => r.event === "press:table")).toHaveLength(1);
    } finally {
      for (const socket of sockets) socket.stop();
    }
  });
});

describe("a match run on one node whose players' sockets are on another", () => {
  it("is handed over to the node serving the sockets: after one relayed move, the next runs there", async () => {
    const moved = await createMatch(a, {});
    expect(a.server.ctx.cluster.owns(moved.matchID)).toBe(true);
    const db = schema.open();
    expect(leaseOf(db, moved.matchID)?.node).toBe("relay-a");
    // A player's socket on B (where the load balancer's hash sends the match's players).
    const socket = await new RawRecorder(b.url).connected();
    try {
      socket.socket.emit("sync", moved.matchID, null, undefined, 7);
      await waitUntil(
        "B serves a socket of the match",
        () => b.server.ctx.transport.connectedCount(moved.matchID) > 0,
      );
      const [first, second] = [moved.seats[4]!, moved.seats[5]!];
      const ready = (seat: typeof first) =>
        b.server.ctx.transport.playerMoveAnywhere(moved.matchID, seat.playerID, seat.credentials, "ready", {
          ready: true,
        });
      // The first move is relayed to A, which serves no socket of the match: A lets go of it.
      expect(await ready(first)).toBeNull();
      expect(leaseOf(db, moved.matchID)).toBeNull();
      expect(a.server.ctx.cluster.writesAlone(moved.matchID)).toBe(false);
      // The next move runs on B, which takes the match.
      expect(await ready(second)).toBeNull();
      expect(leaseOf(db, moved.matchID)?.node).toBe("relay-b");
      const { state } = b.server.ctx.storage.fetch(moved.matchID, { state: true });
      const G = (state as State<MatchState>).G;
      expect([first, second].map((seat) => G.ready[seat.power])).toEqual([true, true]);
    } finally {
      socket.close();
    }
  });

  it("is not handed over while the owner serves sockets of the match too", async () => {
    const kept = await createMatch(a, {});
    const db = schema.open();
    const [onA, onB] = [await new RawRecorder(a.url).connected(), await new RawRecorder(b.url).connected()];
    try {
      for (const r of [onA, onB]) r.socket.emit("sync", kept.matchID, null, undefined, 7);
      await waitUntil(
        "both nodes serve a socket of the match",
        () =>
          a.server.ctx.transport.connectedCount(kept.matchID) > 0 &&
          b.server.ctx.transport.connectedCount(kept.matchID) > 0,
      );
      const seat = kept.seats[4]!;
      expect(
        await b.server.ctx.transport.playerMoveAnywhere(
          kept.matchID,
          seat.playerID,
          seat.credentials,
          "ready",
          { ready: true },
        ),
      ).toBeNull();
      expect(leaseOf(db, kept.matchID)?.node).toBe("relay-a");
    } finally {
      onA.close();
      onB.close();
    }
  });
});
