/**
 * An outsider's attack on several nodes (docs/deploy.md): three server processes on one fresh
 * PostgreSQL schema and one Redis. Every match is created on node A, which takes its lease (its
 * owner); the attacks come in through nodes B and C, whose moves are relayed to A over Redis.
 *
 * - a raw game socket on a non-owner node, synced as seat 0, names seat 1 every way it can;
 * - the seat API on non-owner nodes with credentials revoked or given up on the owner a moment ago;
 * - hostile relay messages published straight on the owner's Redis inbox;
 * - secrecy of orders for sockets on non-owner nodes (the `refresh` path);
 * - the last `ready` of a phase arriving on two nodes at once;
 * - an owner that stalls (SIGSTOP) while a relayed move waits: the move must run once;
 * - kill -9 of the owner while a non-owner relays moves in a loop.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "redis";
import { createRng, phaseKey as keyOf, type PowerId } from "../../shared/src";
import type { CreateAnswer, JoinAnswer } from "../../shared/src/wire";
import type { SqlDatabase } from "../../server/src/storage";
import { RawRecorder, rawMove, type ServerError } from "../server/support/clients";
import { api } from "../server/support/matches";
import { ordersFor, phaseKey } from "../server/support/play";
import { codeOf, seatPath, seatRequest } from "../server/support/seat";
import { sleep, waitUntil } from "../server/support/server";
import {
  freshSchema,
  leaseOf,
  services,
  startNode,
  stopNodes,
  storedG,
  storedMoves,
  type Node,
  type Schema,
} from "./support/nodes";

const LEASE_MS = 9_000;
const SEATS = 7;

/** GET /health of a node: its status. */
async function healthOf(node: Node): Promise<number> {
  return (await api(node.server, "GET", "/health")).status;
}

/** A proposal to England with a text of its own. */
function pactTo(power: PowerId, text: string): unknown {
  return { parties: [power], clauses: [{ kind: "text", text }], until: null, visibility: "public" };
}

describe("attacking three nodes through the non-owners", () => {
  let schema: Schema | undefined;
  let db: SqlDatabase;
  let nodes: Node[] = [];
  let a: Node;
  let b: Node;
  let c: Node;
  const recorders: RawRecorder[] = [];

  /** A match created and joined on A (its owner): its id, seats and powers. */
  async function matchOnA(): Promise<{ id: string; seats: JoinAnswer[]; powers: PowerId[] }> {
    const created = await api(a.server, "POST", "/api/matches", {
      map: "classic",
      players: SEATS,
      seats: Array.from({ length: SEATS }, () => ({ kind: "human" })),
      timing: { movement: 600, retreat: 600, adjustment: 600 },
    });
    expect(created.status).toBe(201);
    const id = (created.body as CreateAnswer).matchID;
    const seats: JoinAnswer[] = [];
    for (let seat = 0; seat < SEATS; seat++) {
      const joined = await api(a.server, "POST", `/api/matches/${id}/join`, { name: `P${seat}`, seat });
      expect(joined.status).toBe(200);
      seats.push(joined.body as JoinAnswer);
    }
    expect(leaseOf(db, id)?.node).toBe(a.name);
    return { id, seats, powers: seats.map((s) => s.power) };
  }

  /** A raw game socket on `node`, synced as `seat` (null: a spectator). */
  async function socketOn(node: Node, id: string, seat: JoinAnswer | null): Promise<RawRecorder> {
    const r = new RawRecorder(node.server.url);
    recorders.push(r);
    await r.connected();
    const got = await r.sync(id, seat?.playerID ?? null, seat?.credentials);
    expect(got.event).toBe("sync");
    return r;
  }

  /** Emits an `update` and waits (bounded) for its refusal. */
  async function refusalOf(r: RawRecorder, ...args: unknown[]): Promise<ServerError> {
    const from = r.received.length;
    r.emit("update", ...args);
    const got = await r.next((x) => x.event === "entente:error" || x.event === "patch", from, 15_000);
    expect(got.event).toBe("entente:error");
    return got.args[0] as ServerError;
  }

  beforeAll(async () => {
    const fresh = await freshSchema("attack");
    schema = fresh;
    db = fresh.open();
    nodes = await Promise.all(
      ["atk-a", "atk-b", "atk-c"].map((name) => startNode(name, { schema: fresh, leaseMs: LEASE_MS })),
    );
    [a, b, c] = nodes as [Node, Node, Node];
  }, 120_000);

  afterAll(async () => {
    for (const r of recorders) r.close();
    for (const n of nodes) if (n.server.child.signalCode === "SIGSTOP") n.server.child.kill("SIGCONT");
    await stopNodes(nodes);
    await schema?.drop();
  }, 60_000);

  it("a raw socket on a non-owner, synced as seat 0, cannot move seat 1 by any spelling", async () => {
    const { id, seats, powers } = await matchOnA();
    const [s0, s1] = [seats[0]!, seats[1]!];
    const r = await socketOn(b, id, s0);
    const G = storedG(db, id);
    const theirs = ordersFor(G, powers[1]!, createRng("attack-1"));
    const mine = ordersFor(G, powers[0]!, createRng("attack-0"));
    const action = (playerID: unknown, credentials: unknown, extra: Record<string, unknown> = {}) => ({
      type: "MAKE_MOVE",
      payload: { type: "orders", args: [{ orders: theirs }], playerID, credentials, ...extra },
    });
    const attempts: [string, unknown[]][] = [
      ["payload and outer seat 1", [action("1", s0.credentials), 0, id, "1"]],
      ["payload seat 1", [action("1", s0.credentials), 0, id, "0"]],
      ["outer seat 1", [action("0", s0.credentials), 0, id, "1"]],
      ["seat 1's own credentials", [action("1", s1.credentials), 0, id, "1"]],
      ["seat 1 spelled 01", [action("01", s1.credentials), 0, id, "01"]],
      ["seat 1 as a number", [action(1, s1.credentials), 0, id, 1]],
      ["seat 0 with seat 1's credentials", [action("0", s1.credentials), 0, id, "0"]],
      ["seat 0 with upper-cased credentials", [action("0", s0.credentials.toUpperCase()), 0, id, "0"]],
      ["an extra field", [action("0", s0.credentials, { admin: true }), 0, id, "0"]],
      ["an upper-case move", [{ ...action("0", s0.credentials), type: "make_move" }, 0, id, "0"]],
      [
        "a move of another letter case",
        [
          {
            type: "MAKE_MOVE",
            payload: { type: "Orders", args: [{ orders: mine }], playerID: "0", credentials: s0.credentials },
          },
          0,
          id,
          "0",
        ],
      ],
    ];
    const codes: Record<string, string> = {};
    for (const [what, args] of attempts) codes[what] = (await refusalOf(r, ...args)).code;
    expect(codes["payload and outer seat 1"]).toBe("wrong-seat");
    expect(codes["payload seat 1"]).toBe("wrong-seat");
    expect(codes["outer seat 1"]).toBe("wrong-seat");
    expect(codes["seat 1's own credentials"]).toBe("wrong-seat");
    expect(codes["seat 1 spelled 01"]).toBe("wrong-seat");
    expect(codes["seat 0 with seat 1's credentials"]).toBe("bad-credentials"); // checked by the owner
    expect(codes["seat 0 with upper-cased credentials"]).toBe("bad-credentials");
    for (const code of Object.values(codes)) expect(code).not.toBe("match-elsewhere");
    // Seat 0 ordering England's units is the rules' business: England's orders stay empty.
    await rawMove(r, s0, id, "orders", { orders: theirs });
    const after = storedG(db, id);
    expect(after.orders[powers[1]!] ?? []).toEqual([]);
    expect(storedMoves(db, id).filter((m) => m.playerID !== "0")).toEqual([]);
    // The socket still works for its own seat, relayed to the owner.
    expect(await rawMove(r, s0, id, "orders", { orders: mine })).toBeNull();
    expect(storedG(db, id).orders[powers[0]!]).toEqual(mine);
    expect(await healthOf(a)).toBe(200);
  }, 90_000);

  it("the seat API on non-owners refuses credentials given up or revoked on the owner a moment ago", async () => {
    const { id, seats, powers } = await matchOnA();
    const [s0, s1, s2] = [seats[0]!, seats[1]!, seats[2]!];
    const ready = (token: string, node: Node) =>
      seatRequest(node.server, "POST", seatPath(id, "ready"), { token, body: { ready: true } });

    // A device link revoked on A: the old credentials are refused on B and C at once.
    const link = await api(a.server, "POST", `/api/matches/${id}/seats/1/device-link`, {
      playerID: "1",
      credentials: s1.credentials,
    });
    expect(link.status).toBe(200);
    const revoked = await api(a.server, "POST", `/api/matches/${id}/seats/1/device-link/revoke`, {
      playerID: "1",
      credentials: s1.credentials,
    });
    expect(revoked.status).toBe(200);
    const fresh1 = (revoked.body as { credentials: string }).credentials;
    const [onB, onC] = await Promise.all([ready(s1.credentials, b), ready(s1.credentials, c)]);
    expect([onB.status, onC.status]).toEqual([401, 401]);
    expect(storedG(db, id).ready[powers[1]!]).not.toBe(true);
    expect((await ready(fresh1, c)).status).toBe(200);

    // A player who left on A: refused on B and C; the one who takes the seat next is not them.
    const left = await api(a.server, "POST", `/api/matches/${id}/leave`, {
      playerID: "2",
      credentials: s2.credentials,
    });
    expect(left.status).toBe(200);
    const [leftB, leftC] = await Promise.all([ready(s2.credentials, b), ready(s2.credentials, c)]);
    expect([leftB.status, leftC.status]).toEqual([401, 401]);
    const rejoined = await api(a.server, "POST", `/api/matches/${id}/join`, { name: "New", seat: 2 });
    expect(rejoined.status).toBe(200);
    expect((await ready(s2.credentials, b)).status).toBe(401);
    expect(storedG(db, id).ready[powers[2]!]).not.toBe(true);

    // Another seat's credentials act only as that seat; credentials naming no seat are refused.
    expect((await ready(s0.credentials.slice(0, -1), b)).status).toBe(401);
    expect(codeOf(await ready(s0.credentials.toUpperCase(), c))).toBe("bad-credentials");
    const moves = storedMoves(db, id);
    expect(moves.filter((m) => m.playerID === "2")).toEqual([]);
    expect(moves.filter((m) => m.playerID === "1")).toEqual([{ move: "ready", playerID: "1" }]);
  }, 90_000);

  it("a socket of a seat given up on the owner is cut on the non-owner and its moves are refused", async () => {
    const { id, seats, powers } = await matchOnA();
    const s3 = seats[3]!;
    const r = await socketOn(c, id, s3);
    const from = r.received.length;
    const left = await api(a.server, "POST", `/api/matches/${id}/leave`, {
      playerID: "3",
      credentials: s3.credentials,
    });
    expect(left.status).toBe(200);
    // A move sent at once, before or after the news reached C: refused either way.
    const refused = await refusalOf(
      r,
      {
        type: "MAKE_MOVE",
        payload: { type: "ready", args: [{ ready: true }], playerID: "3", credentials: s3.credentials },
      },
      0,
      id,
      "3",
    );
    expect(["bad-credentials", "seat-lost", "not-synced"]).toContain(refused.code);
    await r.next((x) => x.event === "entente:error" && (x.args[0] as ServerError).code === "seat-lost", from);
    expect(storedG(db, id).ready[powers[3]!]).not.toBe(true);
  }, 60_000);

  it("hostile relay messages on the owner's Redis inbox are refused, change nothing and crash nothing", async () => {
    const { id, seats, powers } = await matchOnA();
    const before = storedG(db, id);
    const redis = createClient({ url: services().redisUrl });
    const listener = redis.duplicate();
    await Promise.all([redis.connect(), listener.connect()]);
    const answers: unknown[] = [];
    await listener.subscribe("entente:reply:attacker", (message) => answers.push(JSON.parse(message)));
    try {
      const inbox = `entente:node:${a.name}`;
      const move = (body: Record<string, unknown>) => ({
        kind: "player",
        matchID: id,
        playerID: "1",
        credentials: seats[0]!.credentials,
        move: "ready",
        arg: { ready: true },
        ...body,
      });
      const deep = "[".repeat(200_000) + "]".repeat(200_000);
      const messages = [
        "not json",
        "null",
        "5",
        "[]",
        JSON.stringify({}),
        JSON.stringify({ id: "x1", from: "attacker" }),
        JSON.stringify({ id: "x2", from: "attacker", body: "ready" }),
        JSON.stringify({ id: "x3", from: "attacker", body: move({}) }), // seat 1 with seat 0's credentials
        JSON.stringify({ id: "x4", from: "attacker", body: move({ credentials: null }) }),
        JSON.stringify({ id: "x5", from: "attacker", body: move({ credentials: { $ne: "" } }) }),
        JSON.stringify({ id: "x6", from: "attacker", body: move({ playerID: "01" }) }),
        JSON.stringify({ id: "x7", from: "attacker", body: move({ playerID: "-1" }) }),
        JSON.stringify({ id: "x8", from: "attacker", body: move({ kind: "admin" }) }),
        JSON.stringify({ id: "x9", from: "attacker", body: move({ extra: true }) }),
        JSON.stringify({ id: "x10", from: "attacker", body: move({ arg: "x".repeat(4_000_000) }) }),
        `{"id":"x11","from":"attacker","body":{"kind":"player","matchID":"${id}","playerID":"1","credentials":"${seats[0]!.credentials}","move":"ready","arg":${deep}}}`,
        JSON.stringify({ id: "x12", from: "attacker", body: move({ matchID: "no-such-match" }) }),
        JSON.stringify({ id: "x13", from: { toString: 1 }, body: move({}) }),
        JSON.stringify({ id: "x14", from: "attacker", body: move({ __proto__: { kind: "server" } }) }),
      ];
      for (const message of messages) await redis.publish(inbox, message);
      // Hostile news and answers, for every node.
      for (const news of [
        "{",
        JSON.stringify({ kind: "metadata", matchID: { id }, node: "attacker" }),
        JSON.stringify({ kind: "state", matchID: ["x"], node: "attacker" }),
        JSON.stringify({ kind: "state", matchID: id, node: { toString: 1 } }),
      ])
        await redis.publish("entente:news", news);
      for (const node of nodes)
        await redis.publish(`entente:reply:${node.name}`, JSON.stringify({ id: { toString: 1 }, from: 1 }));
      await waitUntil("the owner to answer the well-formed requests", () => answers.length >= 10, 20_000, 50);
      await sleep(500);
      for (const answer of answers) {
        const inner = (answer as { answer?: unknown }).answer;
        if (inner !== null && inner !== undefined) {
          const error = (inner as { error?: ServerError | null }).error;
          expect(error).toBeTruthy(); // refused, never run
        }
      }
    } finally {
      await Promise.allSettled([listener.close(), redis.close()]);
    }
    for (const node of nodes) {
      const alive = node.server.child.exitCode === null && node.server.child.signalCode === null;
      if (!alive) throw new Error(`${node.name} died:\n${node.server.output().slice(-3000)}`);
      expect(await healthOf(node)).toBe(200);
    }
    const after = storedG(db, id);
    expect(after.ready).toEqual(before.ready);
    expect(after.ready[powers[1]!]).not.toBe(true);
    expect(storedMoves(db, id)).toEqual([]);
    // The owner still runs moves relayed the normal way.
    const r = await socketOn(b, id, seats[1]!);
    expect(await rawMove(r, seats[1]!, id, "ready", { ready: true })).toBeNull();
    expect(storedG(db, id).ready[powers[1]!]).toBe(true);
  }, 90_000);

  it("sockets on non-owners never see another seat's orders before resolution (as on the owner)", async () => {
    const { id, seats, powers } = await matchOnA();
    const watchers = [
      await socketOn(b, id, null),
      await socketOn(c, id, seats[1]!),
      await socketOn(b, id, seats[2]!),
      await socketOn(a, id, null), // the owner itself, for comparison
      await socketOn(a, id, seats[1]!),
    ];
    const actor = await socketOn(c, id, seats[0]!);
    const orders = ordersFor(storedG(db, id), powers[0]!, createRng("secret"));
    expect(orders.length).toBeGreaterThan(0);
    expect(await rawMove(actor, seats[0]!, id, "orders", { orders })).toBeNull();
    expect(await rawMove(actor, seats[0]!, id, "ready", { ready: true })).toBeNull();
    for (const w of watchers)
      await waitUntil("the readiness to show", () => w.state?.G.ready[powers[0]!] === true, 15_000);
    const secret = JSON.stringify(orders[0]);
    for (const w of watchers) {
      expect(w.state?.G.orders[powers[0]!] ?? []).toEqual([]);
      expect(w.serialised()).not.toContain(secret);
      expect(w.gaps).toBe(0);
    }
    expect(actor.state?.G.orders[powers[0]!]).toEqual(orders);
  }, 90_000);

  it("the last ready of a phase arriving on two nodes at once resolves the phase once", async () => {
    const { id, seats } = await matchOnA();
    const ready = (seat: number, node: Node, phase?: string) =>
      seatRequest(node.server, "POST", seatPath(id, "ready"), {
        token: seats[seat]!.credentials,
        body: phase === undefined ? { ready: true } : { ready: true, phase },
      });
    for (let seat = 0; seat < 5; seat++) expect((await ready(seat, a)).status).toBe(200);
    const key = phaseKey(storedG(db, id));
    // The two last seats at once on B and C, and seat 6 once more on A.
    const answers = await Promise.all([ready(5, b, key), ready(6, c, key), ready(6, a, key)]);
    for (const res of answers) expect([200, 409]).toContain(res.status);
    const G = await waitUntil(
      "the phase to resolve",
      () => {
        const g = storedG(db, id);
        return phaseKey(g) !== key ? g : undefined;
      },
      20_000,
      50,
    );
    await sleep(1_000);
    const final = storedG(db, id);
    expect(final.history.filter((h) => keyOf(h.phase) === key)).toHaveLength(1);
    expect(final.history).toHaveLength(1);
    expect(phaseKey(final)).toBe(phaseKey(G));
    // A ready that named the phase just resolved is not carried into the next one.
    expect(Object.values(final.ready).some(Boolean)).toBe(false);
  }, 90_000);

  it("an owner that stalls while a relayed move waits for it: the move runs once", async () => {
    const { id, seats, powers } = await matchOnA();
    const s0 = seats[0]!;
    // The owner stops answering (a long pause: GC, swap, a stalled VM) just as B relays a proposal.
    a.server.child.kill("SIGSTOP");
    let resumed = false;
    try {
      const sent = seatRequest(b.server, "POST", seatPath(id, "proposals"), {
        token: s0.credentials,
        body: pactTo(powers[1]!, "stalled"),
        timeoutMs: 60_000,
      });
      // B gives up waiting after its relay timeout (3 s); the owner wakes a moment later, with its
      // lease still valid, and finds the request in its inbox.
      await sleep(3_400);
      a.server.child.kill("SIGCONT");
      resumed = true;
      const res = await sent;
      expect([200, 409, 422, 503]).toContain(res.status);
    } finally {
      if (!resumed) a.server.child.kill("SIGCONT");
    }
    await sleep(1_000);
    const made = storedG(db, id).commitments.filter((x) => x.proposer === powers[0]);
    const proposes = storedMoves(db, id).filter((m) => m.move === "propose");
    expect(proposes).toHaveLength(made.length);
    expect(made.length).toBeLessThanOrEqual(1); // run once (or refused), never twice
  }, 90_000);

  it("kill -9 of the owner while a non-owner relays moves in a loop: every acked move stored once, play goes on", async () => {
    const { id, seats, powers } = await matchOnA();
    const s0 = seats[0]!;
    const acked: string[] = [];
    const sentTexts: string[] = [];
    let killedAt = 0;
    const deadline = Date.now() + 60_000;
    for (let i = 0; Date.now() < deadline && (killedAt === 0 || acked.length < 14); i++) {
      if (i === 6) {
        a.server.child.kill("SIGKILL");
        killedAt = Date.now();
      }
      const text = `pact ${i}`;
      sentTexts.push(text);
      const res = await seatRequest(b.server, "POST", seatPath(id, "proposals"), {
        token: s0.credentials,
        body: pactTo(powers[1]!, text),
        timeoutMs: 40_000,
      });
      if (res.status === 200) acked.push(text);
      else expect([409, 422, 503]).toContain(res.status);
    }
    expect(killedAt).toBeGreaterThan(0);
    expect(acked.length).toBeGreaterThanOrEqual(14);
    const G = storedG(db, id);
    const texts = G.commitments
      .filter((x) => x.proposer === powers[0])
      .map((x) => (x.clauses[0] as { text?: string } | undefined)?.text ?? "");
    for (const text of acked) expect(texts.filter((t) => t === text)).toHaveLength(1);
    for (const text of sentTexts) expect(texts.filter((t) => t === text).length).toBeLessThanOrEqual(1);
    const lease = leaseOf(db, id);
    expect([b.name, c.name]).toContain(lease?.node);
    // The match goes on: a move through C after the takeover is acknowledged within seconds.
    const startedAt = Date.now();
    const readyAnswer = await seatRequest(c.server, "POST", seatPath(id, "ready"), {
      token: seats[3]!.credentials,
      body: { ready: true },
      timeoutMs: 20_000,
    });
    expect(readyAnswer.status).toBe(200);
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect(storedG(db, id).ready[powers[3]!]).toBe(true);
    for (const node of [b, c]) expect(await healthOf(node)).toBe(200);
  }, 150_000);
});
