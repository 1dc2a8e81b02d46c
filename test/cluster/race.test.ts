/**
 * Issue 17, "Real parts in the suite": two nodes race for one match. Each node here is a `Storage`
 * and a `MatchHost` over a connection of its own to one PostgreSQL schema, as two server processes
 * would have. The race is made exact rather than left to timing: node A's write of the phase's last
 * `ready` is held back until node B, starting from the same stored state, has run the same move
 * and stored it. Exactly one resolution may be stored; the other write is refused
 * (`StaleStateError`), and the phase is in the history once. Then the leases: two nodes want one
 * match, one holds it, and the other takes it only once the holder has stopped renewing and the
 * lease has run out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LogEntry, State } from "boardgame.io";
import { createMatch as bgioCreateMatch } from "boardgame.io/internal";
import { admitMove, createGame, phaseKey, type MatchState } from "../../shared/src";
import { SharedCluster } from "../../server/src/cluster";
import { Leases } from "../../server/src/cluster/leases";
import { MatchHost, type MoveOutcome } from "../../server/src/match-host";
import { StaleStateError, Storage, type SqlDatabase } from "../../server/src/storage";
import { sleep, waitUntil } from "../server/support/server";
import { freshSchema, services, type Schema } from "./support/nodes";

const game = createGame();
const admit = (G: unknown, playerID: string, move: string, payload: unknown) =>
  admitMove(G as MatchState, playerID, move, payload);

/** One node: its own connection, storage and match host. */
interface RacingNode {
  readonly db: SqlDatabase;
  readonly storage: Storage;
  readonly host: MatchHost;
}

function racingNode(schema: Schema): RacingNode {
  const db = schema.open();
  const storage = new Storage(db);
  return { db, storage, host: new MatchHost(game, storage, admit) };
}

/** Creates a classic match of seven seats in the schema; its id. */
function createClassic(storage: Storage, matchID: string): void {
  const made = bgioCreateMatch({ game, numPlayers: 7, setupData: { mapId: "classic" }, unlisted: true });
  if ("setupDataError" in made) throw new Error(made.setupDataError);
  storage.createMatch(matchID, made);
}

/** The stored state, read on a node's own connection (fresh: its memory checks the row). */
function stored(node: RacingNode, matchID: string): State<MatchState> {
  const { state } = node.storage.fetch(matchID, { state: true });
  if (!state) throw new Error(`no match ${matchID}`);
  return state as State<MatchState>;
}

/** A `ready` the log holds: whose, and the state id it was run on. */
interface StoredReady {
  readonly playerID: string;
  readonly stateID: number;
}

/** The `ready` moves a match's log holds, in order. */
function storedReadies(db: SqlDatabase, matchID: string): StoredReady[] {
  const rows = db.prepare(`SELECT entry FROM match_log WHERE match_id = ? ORDER BY seq`).all(matchID) as {
    entry: string;
  }[];
  return rows.flatMap((row) => {
    const entry = JSON.parse(row.entry) as LogEntry;
    const payload = entry.action.payload as { type?: string; playerID?: string };
    return payload.type === "ready" && payload.playerID !== undefined
      ? [{ playerID: payload.playerID, stateID: entry._stateID }]
      : [];
  });
}

/** What a race of two nodes over the phase's last `ready` came to. */
interface Race {
  readonly matchID: string;
  readonly nodes: readonly [RacingNode, RacingNode];
  readonly from: State<MatchState>; // the stored state both started from
  readonly key: string; // its phase
  readonly a: MoveOutcome; // the node whose write was held back
  readonly b: MoveOutcome; // the node that wrote first
  readonly refusals: readonly unknown[]; // what A's writes threw
}

/**
 * Six seats of a new classic match are ready; then nodes A and B both run seat 6's `ready` — the
 * phase's last — from the same stored state: A's write waits until B has run and stored it.
 */
function raceLastReady(schema: Schema, matchID: string): Race {
  const a = racingNode(schema);
  const b = racingNode(schema);
  createClassic(a.storage, matchID);
  for (let seat = 0; seat < 6; seat++)
    expect(a.host.run(matchID, String(seat), "ready", { ready: true }).ok).toBe(true);
  const from = stored(a, matchID);
  const refusals: unknown[] = [];
  const raced: { b: MoveOutcome | null } = { b: null }; // B's outcome, once it ran
  const write = a.storage.setState.bind(a.storage);
  a.storage.setState = (id, state, deltalog, stateFrom) => {
    if (raced.b === null) {
      expect(stored(b, matchID)._stateID).toBe(from._stateID); // B starts from A's state
      raced.b = b.host.run(matchID, "6", "ready", { ready: true });
    }
    try {
      write(id, state, deltalog, stateFrom);
    } catch (error) {
      refusals.push(error);
      throw error;
    }
  };
  const aOutcome = a.host.run(matchID, "6", "ready", { ready: true });
  if (raced.b === null) throw new Error("node B never ran");
  return { matchID, nodes: [a, b], from, key: phaseKey(from.G.position), a: aOutcome, b: raced.b, refusals };
}

describe("two nodes race to resolve one phase", () => {
  let schema: Schema | undefined;

  beforeAll(async () => {
    schema = await freshSchema("race");
  }, 60_000);

  afterAll(async () => {
    await schema?.drop();
  }, 30_000);

  it("both run the last ready from the same stored state: one resolution is stored, the other write is refused", () => {
    const race = raceLastReady(schema!, "race-ready");
    // B won: its write stored the phase's resolution, once.
    expect(race.b.ok).toBe(true);
    // A's write of the same resolution was refused, naming the state it was made from.
    expect(race.refusals).toHaveLength(1);
    expect(race.refusals[0]).toBeInstanceOf(StaleStateError);
    expect((race.refusals[0] as StaleStateError).from).toBe(race.from._stateID);
    const after = stored(race.nodes[1], race.matchID);
    expect(stored(race.nodes[0], race.matchID)._stateID).toBe(after._stateID);
    expect(after.G.history.map((h) => phaseKey(h.phase))).toEqual([race.key]);
    expect(phaseKey(after.G.position)).not.toBe(race.key);
    const readies = storedReadies(race.nodes[0].db, race.matchID).filter((r) => r.playerID === "6");
    expect(readies[0]).toEqual({ playerID: "6", stateID: race.from._stateID }); // B's, from the old phase
  });

  // Named bug (issue 17's multi-node work): MatchHost.run used to run a move that met a stale
  // state once more on the newer state, so the losing node's `ready`, meant for the phase that had
  // just resolved, was stored as the seat's `ready` in the next phase. Now it is refused.
  it("the losing node's move is refused, not carried into the next phase", () => {
    const race = raceLastReady(schema!, "race-carry");
    expect(race.a.ok).toBe(false);
    const after = stored(race.nodes[1], race.matchID);
    expect(Object.values(after.G.ready).some(Boolean)).toBe(false); // nobody is ready in the new phase
    expect(storedReadies(race.nodes[0].db, race.matchID).filter((r) => r.playerID === "6")).toHaveLength(1);
  });

  it("two stores write from the same state id: the second is refused and the first stands", () => {
    const a = racingNode(schema!);
    const b = racingNode(schema!);
    const matchID = "race-cas";
    createClassic(a.storage, matchID);
    const from = stored(a, matchID);
    const mine = { ...from, _stateID: from._stateID + 1, G: { ...from.G, nextId: 101 } };
    const theirs = { ...from, _stateID: from._stateID + 1, G: { ...from.G, nextId: 202 } };
    expect(stored(b, matchID)._stateID).toBe(from._stateID);
    a.storage.setState(matchID, mine, [], from._stateID);
    expect(() => b.storage.setState(matchID, theirs, [], from._stateID)).toThrow(StaleStateError);
    expect(stored(b, matchID).G.nextId).toBe(101);
    expect(stored(a, matchID).G.nextId).toBe(101);
  });
});

describe("a node that trusts its memory of a match (it holds the lease)", () => {
  let schema: Schema | undefined;

  beforeAll(async () => {
    schema = await freshSchema("trust");
  }, 60_000);

  afterAll(async () => {
    await schema?.drop();
  }, 30_000);

  it("reads no row to check it; were it wrong, its next move is refused, never stored over the other write", () => {
    const a = racingNode(schema!);
    const b = racingNode(schema!);
    a.storage.trustMemoryOf(() => true, { alone: false });
    const matchID = "trust-memory";
    createClassic(a.storage, matchID);
    expect(a.host.run(matchID, "0", "ready", { ready: true }).ok).toBe(true);
    // Its memory is used as it is: B's write behind its back (a lease lost unawares) goes unseen.
    const behind = stored(b, matchID);
    b.storage.setState(matchID, { ...behind, _stateID: behind._stateID + 1 }, [], behind._stateID);
    expect(stored(a, matchID)._stateID).toBe(behind._stateID);
    // A's move from its old memory: the compare-and-set refuses it; B's write stands.
    const outcome = a.host.run(matchID, "1", "ready", { ready: true });
    expect(outcome.ok).toBe(false);
    expect(stored(b, matchID)._stateID).toBe(behind._stateID + 1);
    // The refusal made A forget its memory: it reads the stored state, and moves on from it.
    expect(stored(a, matchID)._stateID).toBe(behind._stateID + 1);
    expect(a.host.run(matchID, "1", "ready", { ready: true }).ok).toBe(true);
  });
});

describe("a node that takes a match", () => {
  let schema: Schema | undefined;

  beforeAll(async () => {
    schema = await freshSchema("take");
  }, 60_000);

  afterAll(async () => {
    await schema?.drop();
  }, 30_000);

  it("reads it again, though it trusts its memory of the matches it holds: another node wrote since", () => {
    const a = racingNode(schema!);
    const b = racingNode(schema!);
    const matchID = "take-fresh";
    createClassic(a.storage, matchID);
    const taken: string[] = [];
    const leases = new Leases(b.db, "node-b", 5_000, (id) => {
      taken.push(id);
      b.storage.forget(id);
    });
    b.storage.trustMemoryOf((id) => leases.surelyHolds(id), { alone: false });
    const before = stored(b, matchID); // B remembers the match as it stands
    expect(a.host.run(matchID, "0", "ready", { ready: true }).ok).toBe(true); // A moves it on
    expect(leases.take(matchID)).toBe(true); // then B takes it (A let go, or died)
    expect(leases.take(matchID)).toBe(true); // a renewal: heard once only
    expect(taken).toEqual([matchID]);
    expect(stored(b, matchID)._stateID).toBe(before._stateID + 1); // A's move, not B's old memory
    expect(b.host.run(matchID, "1", "ready", { ready: true }).ok).toBe(true);
  });
});

describe("leases", () => {
  let schema: Schema | undefined;

  beforeAll(async () => {
    schema = await freshSchema("lease");
  }, 60_000);

  afterAll(async () => {
    await schema?.drop();
  }, 30_000);

  it("two nodes want one match: one holds it; the other takes it only after the holder stops renewing and the lease runs out", async () => {
    const leaseMs = 1_500;
    const dbA = schema!.open();
    const dbB = schema!.open();
    const matchID = "lease-match";
    createClassic(new Storage(dbA), matchID);
    const a = new Leases(dbA, "node-a", leaseMs);
    const b = new Leases(dbB, "node-b", leaseMs);

    expect(a.take(matchID)).toBe(true);
    expect(b.take(matchID)).toBe(false);
    expect(b.holds(matchID)).toBe(false);
    expect(a.holds(matchID)).toBe(true);
    expect(b.holder(matchID)?.node).toBe("node-a");
    expect(a.take("no-such-match")).toBe(false); // nobody holds a match that does not exist

    // While A renews, B never gets it, even long after one lease's length.
    const renewUntil = Date.now() + leaseMs * 2;
    let renewedAt = Date.now();
    while (Date.now() < renewUntil) {
      renewedAt = Date.now();
      expect(a.renewAll()).toEqual([]);
      expect(b.take(matchID)).toBe(false);
      await sleep(leaseMs / 5);
    }

    // A stops renewing (a node that died). Until the lease runs out, B still may not take it.
    expect(b.take(matchID)).toBe(false);
    const taken = await waitUntil("B to take the lease", () => b.take(matchID), leaseMs * 4, 50);
    expect(taken).toBe(true);
    expect(Date.now() - renewedAt).toBeGreaterThanOrEqual(leaseMs - 100); // timed by the database's clock
    expect(b.holder(matchID)?.node).toBe("node-b");

    // A comes back: it has lost the match, and knows it once its trust in the old lease is spent.
    expect(a.take(matchID)).toBe(false);
    expect(a.holds(matchID)).toBe(false);
    expect(a.count()).toBe(0);
    expect(b.renewAll()).toEqual([]);
    // B lets go (a clean stop): A may take it at once.
    b.releaseAll();
    expect(a.take(matchID)).toBe(true);
  });
});

// Named case (issue 17's stop review): a move relayed to a match's owner, stored by it, whose answer
// was lost when the owner died before sending it. The sender used to wait for the lease, take the
// match and run the move a second time (a `ready` carried into the next phase, an order set twice).
describe("a relayed move whose owner stored it and died before answering", () => {
  let schema: Schema | undefined;
  const clusters: SharedCluster[] = [];

  beforeAll(async () => {
    schema = await freshSchema("relay");
  }, 60_000);

  afterAll(async () => {
    for (const cluster of clusters) await cluster.stop();
    await schema?.drop();
  }, 30_000);

  it("is not run again by the node that takes the match over: the owner recorded it with the move", async () => {
    const { redisUrl } = services();
    const leaseMs = 1_000;
    const a = racingNode(schema!);
    const b = racingNode(schema!);
    const matchID = "relay-once";
    createClassic(a.storage, matchID);
    const owner = new SharedCluster(a.db, "relay-a", leaseMs, redisUrl);
    const sender = new SharedCluster(b.db, "relay-b", leaseMs, redisUrl);
    clusters.push(owner, sender);
    const ranOnOwner: string[] = [];
    const died: { at: number | null } = { at: null };
    await owner.start({
      news: () => undefined,
      adopt: () => undefined,
      hasSockets: () => false,
      move: (move, ran) => {
        a.storage.transaction(() => {
          const [{ move: name, arg }] = move.moves as [{ move: string; arg: unknown }];
          const outcome = a.host.run(move.matchID, move.playerID, name, arg);
          expect(outcome.ok).toBe(true);
          ran();
        });
        ranOnOwner.push(move.playerID);
        // The owner dies before its answer leaves: its Redis connections close at once, and it
        // renews no lease again (kill -9 between storing a move and answering it).
        (owner as unknown as { bus: { publisher: { destroy(): void } } }).bus.publisher.destroy();
        died.at = Date.now();
        void owner.stop();
        return null;
      },
    });
    await sender.start({
      news: () => undefined,
      adopt: () => undefined,
      hasSockets: () => false,
      move: () => {
        throw new Error("the sender owns nothing: no move is relayed to it");
      },
    });
    expect(owner.leases.take(matchID)).toBe(true);

    const ranLocally: string[] = [];
    const refused = await sender.run(
      {
        kind: "server",
        matchID,
        playerID: "0",
        credentials: null,
        moves: [{ move: "ready", arg: { ready: true } }],
      },
      () => {
        ranLocally.push("0");
        return b.host.run(matchID, "0", "ready", { ready: true }).ok ? null : { code: "x", message: "x" };
      },
    );

    expect(ranOnOwner).toEqual(["0"]);
    expect(died.at).not.toBeNull();
    expect(refused).toBeNull(); // the sender's player hears that the move ran
    expect(ranLocally).toEqual([]); // and the sender never ran it again
    expect(storedReadies(b.db, matchID)).toHaveLength(1);
    expect(Object.values(stored(b, matchID).G.ready).filter(Boolean)).toHaveLength(1);
    expect(b.db.prepare(`SELECT match_id FROM relayed_moves`).all()).toEqual([{ match_id: matchID }]);
  }, 30_000);
});
