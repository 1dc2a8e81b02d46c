/**
 * Several server nodes on one database (docs/deploy.md). A node is one `npm start` process; with
 * `DATABASE_URL` (PostgreSQL) and `REDIS_URL` several of them serve the same matches behind a load
 * balancer. Any node serves the pages, the lobby and any match's sockets; each live match is run by
 * one node at a time, its owner (`./leases`). A move that reaches another node is relayed to the
 * owner over Redis (`./bus`) and answered from there; when the owner is gone, the node waits for
 * its lease to run out, takes the match and runs the move itself — unless the owner stored it before
 * it died, which the owner records with the move (`relayed_moves`), so a move is never run twice.
 * Every change a node makes is
 * announced, and each node shows it to its own sockets, dashboards and seat API waits.
 *
 * On SQLite (the default), and on PostgreSQL without Redis, there is one node, which owns every
 * match: `localCluster`.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { z } from "zod";
import { ERROR_MEANINGS, type SocketError } from "../../../shared/src/wire";
import { moduleLog } from "../log";
import { prepared, type SqlDatabase } from "../storage";
import { Bus, type MatchNews } from "./bus";
import { Leases, NOW_MS } from "./leases";

export type { MatchNews } from "./bus";

const logger = moduleLog("cluster");

/** One move of a seat: its name and argument. */
const seatMoveSchema = z.strictObject({ move: z.string().min(1).max(64), arg: z.unknown() });
export type SeatMove = z.infer<typeof seatMoveSchema>;

/**
 * Moves of one seat to run on the node that owns their match, in one transaction (a seat API
 * request's orders and ready); with `phase`, only while the match is in that phase (its key).
 */
const relayedMoveSchema = z.strictObject({
  kind: z.enum(["player", "server"]),
  matchID: z.string().min(1).max(200),
  playerID: z.string().min(1).max(4),
  credentials: z.unknown(),
  moves: z.array(seatMoveSchema).min(1).max(4),
  phase: z.string().min(1).max(64).optional(),
});
export type RelayedMove = z.infer<typeof relayedMoveSchema>;

/**
 * A relayed move as it travels: with an id, so that a move sent twice runs once; whether it is sent
 * again after a send went unanswered (only then may a node have run it already — and died — so only
 * then does the owner look for it among the moves run); and whether the sender serves game sockets
 * of the match (then an owner serving none hands the match over).
 */
const relayRequestSchema = relayedMoveSchema.extend({
  id: z.string().min(1).max(64),
  resent: z.boolean(),
  servesSockets: z.boolean(),
});

/** How many relayed moves' answers an owner remembers (by id), for a move sent again. */
const ANSWERS_KEPT = 10_000;

/** What the owner answers: the move's refusal or null, or that it does not own the match. */
type RelayAnswer = { readonly error: SocketError | null } | { readonly notOwner: true };

/** How long a node waits for the owner's answer before it looks at the lease again. */
const RELAY_TIMEOUT_MS = 3_000;

/** How long the record of a relayed move run is kept: long past every retry of its sender. */
const RELAYED_KEPT_MS = 10 * 60_000;

/** How often a node drops records of relayed moves older than `RELAYED_KEPT_MS`. */
const RELAYED_SWEEP_MS = 60_000;

/** What `/health` says of the cluster. */
export interface ClusterHealth {
  readonly node: string;
  readonly redis: string; // "none" (no Redis), "ok", or what is wrong with it
  readonly leases: number | null; // matches this node runs now (null: one node, no leases)
}

/** The cluster as the rest of the server sees it. */
export interface Cluster {
  readonly node: string;
  /** Whether this node is the only one (no other node writes the database, lobby included). */
  readonly alone: boolean;
  /** Whether this node runs the match now (taking or renewing its lease). */
  owns(matchID: string): boolean;
  /** Whether no other node can write the match now, by this node's memory alone (no database). */
  writesAlone(matchID: string): boolean;
  /**
   * Runs a move where its match is run: here (`local`) when this node owns it or can take it, else
   * on its owner. Resolves with the refusal, or null when it ran.
   */
  run(
    move: RelayedMove,
    local: () => SocketError | null | Promise<SocketError | null>,
  ): Promise<SocketError | null>;
  /** Tells the other nodes of a change. */
  announce(kind: MatchNews["kind"], matchID: string): void;
  /** Hears other nodes' news and requests, and adopts dead nodes' matches (`start` once the server is wired). */
  start(handlers: ClusterHandlers): Promise<void>;
  stop(): Promise<void>;
  health(): ClusterHealth;
  /** socket.io's Redis adapter for the socket server, when there is Redis. */
  socketAdapter(): Promise<unknown>;
}

/** What a node does with what the other nodes send. */
export interface ClusterHandlers {
  readonly news: (news: MatchNews) => void;
  /**
   * Runs a relayed move here, its match being this node's: in one transaction, the move and —
   * when it ran — `ran`, which records that it did (so it is never run again after a crash).
   */
  readonly move: (move: RelayedMove, ran: () => void) => SocketError | null;
  /** Whether this node serves game sockets synced with a match (its players, its spectators). */
  readonly hasSockets: (matchID: string) => boolean;
  /** A live match whose owner stopped renewing its lease: look at it (take it, play what is due). */
  readonly adopt: (matchID: string) => void;
}

/** This node's name: `NODE_ID`, else the host's and the process's. */
export function nodeName(configured: string | undefined): string {
  return configured ?? `${os.hostname()}-${process.pid}`;
}

/** One node that owns everything (SQLite, or PostgreSQL without Redis). */
export function localCluster(node: string): Cluster {
  return {
    node,
    alone: true,
    owns: () => true,
    writesAlone: () => true,
    run: async (_move, local) => local(),
    announce: () => undefined,
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    health: () => ({ node, redis: "none", leases: null }),
    socketAdapter: () => Promise.resolve(undefined),
  };
}

/** Nodes sharing a PostgreSQL database, with Redis between them. */
export class SharedCluster implements Cluster {
  readonly alone = false;
  readonly leases: Leases;
  private readonly bus: Bus;
  private renewal: ReturnType<typeof setInterval> | null = null;
  private readonly answers = new Map<string, RelayAnswer>(); // relayed moves run here, by id
  private swept = 0; // when this node last dropped old records of relayed moves (performance.now)
  private handlers: ClusterHandlers | null = null; // once started

  constructor(
    private readonly db: SqlDatabase,
    readonly node: string,
    leaseMs: number,
    redisUrl: string,
    acquired?: (matchID: string) => void, // a match this node takes: its memory of it is read again
  ) {
    this.leases = new Leases(db, node, leaseMs, acquired);
    this.bus = new Bus(redisUrl, node);
  }

  owns(matchID: string): boolean {
    return this.leases.holds(matchID);
  }

  writesAlone(matchID: string): boolean {
    return this.leases.surelyHolds(matchID);
  }

  async run(
    move: RelayedMove,
    local: () => SocketError | null | Promise<SocketError | null>,
  ): Promise<SocketError | null> {
    // One id for every send of this move: an owner that got it already answers again, runs nothing.
    const servesSockets = this.handlers?.hasSockets(move.matchID) ?? false;
    const id = randomUUID();
    let unanswered = false; // a send went unanswered: the owner may have run the move, then died
    for (let attempt = 0; attempt < 3; attempt++) {
      if (unanswered && this.ranBefore(id)) return null;
      if (this.owns(move.matchID)) return local();
      const holder = this.leases.holder(move.matchID);
      if (holder === null) continue; // it ran out just now: take it
      const request = { ...move, id, resent: unanswered, servesSockets };
      const answer = (await this.bus.request(holder.node, request, RELAY_TIMEOUT_MS)) as
        | RelayAnswer
        | undefined;
      if (answer && "error" in answer) return answer.error;
      if (answer === undefined) {
        unanswered = true;
        // The owner did not answer: it may be gone. Wait for its lease to run out, then take over.
        const left = this.leases.holder(move.matchID)?.leftMs ?? 0;
        await new Promise((resolve) => setTimeout(resolve, Math.min(left + 50, this.leases.leaseMs + 50)));
      }
    }
    return { code: "match-elsewhere", message: ERROR_MEANINGS["match-elsewhere"] };
  }

  /**
   * The owner's answer to a relayed move: the one it gave before to a move of this id (a send
   * again), that it ran (sent again: a node that ran it stored that with it, then maybe died), that this node
   * is not the owner, or the move run here now. When the sender serves the match's game sockets
   * and this node serves none, this node then lets go of the match: the sender takes it at its
   * next move and runs it without relays (the match is where the load balancer sends its players).
   */
  private answer(
    { id, resent, servesSockets }: { id: string; resent: boolean; servesSockets: boolean },
    move: RelayedMove,
    handlers: ClusterHandlers,
  ): RelayAnswer {
    const known = this.answers.get(id);
    if (known) return known;
    if (resent && this.ranBefore(id)) return { error: null };
    if (!this.owns(move.matchID)) return { notOwner: true };
    let answer: RelayAnswer;
    try {
      answer = { error: handlers.move(move, () => this.recordRan(id, move.matchID)) };
    } catch (error) {
      // The move's transaction failed (the database went away): nothing of it is stored.
      logger.error({ err: error, matchID: move.matchID }, "a relayed move could not be stored");
      return { error: { code: "storage-failed", message: ERROR_MEANINGS["storage-failed"] } };
    }
    this.answers.set(id, answer);
    if (this.answers.size > ANSWERS_KEPT) this.answers.delete(this.answers.keys().next().value!);
    if (servesSockets && !handlers.hasSockets(move.matchID)) {
      this.leases.release(move.matchID);
      logger.debug({ matchID: move.matchID }, "handed the match over to the node serving its sockets");
    }
    return answer;
  }

  /** Whether a relayed move of this id was run (by any node: it is recorded with the move). */
  private ranBefore(id: string): boolean {
    return prepared(this.db, `SELECT 1 AS ran FROM relayed_moves WHERE id = ?`).get(id) !== undefined;
  }

  /** Records that a relayed move ran: called inside the transaction that stores the move. */
  private recordRan(id: string, matchID: string): void {
    prepared(this.db, `INSERT INTO relayed_moves (id, match_id, at) VALUES (?, ?, ${NOW_MS})`).run(
      id,
      matchID,
    );
  }

  /** Drops the records of relayed moves older than any sender still waiting for them. */
  private sweepRelayed(): void {
    this.swept = performance.now();
    prepared(this.db, `DELETE FROM relayed_moves WHERE at < ${NOW_MS} - ?::bigint`).run(RELAYED_KEPT_MS);
  }

  announce(kind: MatchNews["kind"], matchID: string): void {
    this.bus.announce(kind, matchID);
  }

  async start(handlers: ClusterHandlers): Promise<void> {
    this.handlers = handlers;
    this.bus.onNews(handlers.news);
    this.bus.onRequest((body) => {
      const read = relayRequestSchema.safeParse(body);
      if (!read.success) return Promise.resolve(null);
      const { id, resent, servesSockets, ...move } = read.data;
      return Promise.resolve(this.answer({ id, resent, servesSockets }, move, handlers));
    });
    await this.bus.start();
    this.swept = performance.now();
    this.renewal = setInterval(
      () => {
        try {
          const lost = this.leases.renewAll();
          if (lost.length > 0)
            logger.warn({ lost }, `lost the lease of ${lost.length} match(es) to other nodes`);
          for (const matchID of this.leases.orphans()) handlers.adopt(matchID);
          if (performance.now() - this.swept >= RELAYED_SWEEP_MS) this.sweepRelayed();
        } catch (error) {
          logger.error({ err: error }, "renewing the leases failed");
        }
      },
      Math.max(200, Math.floor(this.leases.leaseMs / 3)),
    );
    this.renewal.unref();
  }

  async stop(): Promise<void> {
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = null;
    try {
      this.leases.releaseAll();
    } catch (error) {
      logger.warn({ err: error }, "could not let go of the leases (they run out by themselves)");
    }
    await this.bus.stop();
  }

  health(): ClusterHealth {
    return { node: this.node, redis: this.bus.health() ?? "ok", leases: this.leases.count() };
  }

  async socketAdapter(): Promise<unknown> {
    const { createAdapter } = await import("@socket.io/redis-adapter");
    const pub = this.bus.publisher.duplicate();
    const sub = this.bus.publisher.duplicate();
    pub.on("error", () => undefined); // the bus logs Redis's trouble once
    sub.on("error", () => undefined);
    await Promise.all([pub.connect(), sub.connect()]);
    return createAdapter(pub, sub);
  }
}
