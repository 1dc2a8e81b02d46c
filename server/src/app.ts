/**
 * The whole server in one process on one port: the game sockets (boardgame.io's client protocol,
 * served by our own match host and transport), the lobby API, the press channel, deadlines and bot
 * seats, `GET /health`, and the built client. Storage is one SQLite file. boardgame.io's own
 * server (its `Master` and its `/games` lobby routes) is not run at all: it stored after it sent,
 * ran moves as any seat the action named, and its routes bypassed the lobby (docs/security.md).
 */
import "./production";
import { randomBytes } from "node:crypto";
import http from "node:http";
import Koa from "koa";
import { admitMove, createGame, type MatchState } from "../../shared/src";
import type { ServerConfig } from "./config";
import { answerPrivateMessage } from "./bots";
import type { ServerContext } from "./context";
import { classRouter } from "./classes/routes";
import { lobbyRouter } from "./lobby";
import { originAllowed } from "./origins";
import { MatchRecords } from "./matches";
import { attachPress, pressVerifier, TableNews } from "./press";
import { matchState } from "./press/sender";
import { Scheduler } from "./scheduler";
import { phaseMovedOn, seatApi, type SeatApi } from "./seat";
import { dialectOf, openServerDatabase, Storage, type Dialect } from "./storage";
import { localCluster, nodeName, SharedCluster, type Cluster } from "./cluster";
import { SocketBudget } from "./sockets";
import { SecureTransport } from "./transport";
import { CLIENT_DIST } from "./client-build";
import { staticClient } from "./static-client";
import { moduleLog, requestLog } from "./log";
import { requestAddress } from "./client-address";

/** A running server. */
export interface RunningServer {
  readonly ctx: ServerContext;
  readonly port: number;
  readonly url: string; // e.g. http://localhost:8000
  readonly scheduler: Scheduler;
  readonly seatApi: SeatApi; // the seat API (docs/seat-api.md)
  /** Stops listening and closes the database. */
  stop(): Promise<void>;
}

/** Where the built client is, if it has been built. */

/** Starts a server. `config.PORT` 0 picks a free port (tests). */
export async function startServer(
  config: ServerConfig,
  now: () => number = () => Date.now(),
): Promise<RunningServer> {
  const db = await openServerDatabase(config);
  const storage = new Storage(db);
  const pressChannel = pressVerifier(db);
  // A secret seed per match: boardgame.io's default (the creation time) could be guessed.
  const game = createGame({ pressChannel, seed: () => randomBytes(24).toString("base64url") });
  const transport = new SecureTransport();
  const records = new MatchRecords(db);
  const sockets = new SocketBudget(
    config.SOCKETS_PER_ADDRESS,
    config.SOCKETS_PER_SEAT,
    config.trustedProxies,
  );
  const node = nodeName(config.NODE_ID);
  // Several nodes need both a shared database and Redis between them; either alone is one node.
  const cluster =
    config.DATABASE_URL === undefined || config.REDIS_URL === undefined
      ? localCluster(node)
      : new SharedCluster(db, node, config.LEASE_MS, config.REDIS_URL, (matchID) => storage.forget(matchID));
  storage.trustMemoryOf((matchID) => cluster.writesAlone(matchID), { alone: cluster.alone });
  const ctx: ServerContext = { config, db, storage, game, transport, records, sockets, cluster, now };
  const scheduler = new Scheduler(ctx);

  const app = new Koa();
  app.proxy = false;
  app.use(async (kctx, next) => {
    kctx.request.ip = requestAddress(kctx.req, config.trustedProxies); // the limits' address (TRUSTED_PROXIES)
    await next();
  });
  app.use(requestLog(moduleLog("http"))); // at debug only: method, path (no query), status, ms
  app.use(originGuard(config.origins));
  app.use(health(storage, cluster, dialectOf(db)));
  const table = new TableNews(); // press sockets hear of a change of seats (attached with the press)
  const seat = seatApi(ctx); // mounted before the lobby, which answers every other /api path
  // Seats changed (a join, a leave, a revoked device link, a teacher's move): a seat API wait or
  // event stream on credentials that no longer hold its seat ends.
  storage.onMetadata((matchID) => setImmediate(() => seat.changed(matchID)));
  // Several nodes: the others hear of every change this node makes (docs/deploy.md).
  storage.onMetadata((matchID) => cluster.announce("metadata", matchID), { ownWritesOnly: true });
  const lobby = lobbyRouter(ctx, {
    onSeatsChanged: (matchID) => {
      scheduler.onStateChange(matchID);
      table.changed(matchID);
    },
  });
  const classes = classRouter(ctx, {
    scheduler,
    onSeatsChanged: (matchID) => {
      scheduler.onStateChange(matchID);
      table.changed(matchID);
    },
    onTableChanged: (matchID) => table.changed(matchID),
  });
  app.use(seat.router.routes()).use(seat.router.allowedMethods());
  app.use(classes.router.routes()).use(classes.router.allowedMethods());
  app.use(lobby.routes()).use(lobby.allowedMethods());
  app.use(staticClient(CLIENT_DIST));

  const handle = app.callback();
  // Koa's handler answers its own errors (its promise does not reject).
  const server = http.createServer((req, res) => void handle(req, res));
  const io = transport.attach(server, {
    storage,
    game,
    admit: (G, playerID, move, payload) =>
      admitMove(G as MatchState, playerID, move, payload, { pressChannel }),
    origins: config.origins,
    actionsPerSecond: config.ACTIONS_PER_SECOND,
    maxPayloadBytes: config.MAX_PAYLOAD_BYTES,
    sockets,
    onStateChange: (matchID) => {
      scheduler.onStateChange(matchID);
      classes.hub.matchChanged(matchID);
      seat.changed(matchID);
      cluster.announce("state", matchID);
    },
    cluster,
    adapter: await cluster.socketAdapter(),
    onAction: (matchID, playerID) => scheduler.onAction(matchID, playerID),
    moveRefusal: classes.moveRefusal,
    phaseRefusal: (matchID, phase) => {
      const G = matchState(ctx, matchID);
      return G === null ? null : phaseMovedOn(G, phase);
    },
    onClientMove: classes.onClientMove,
    onPresence: (matchID) => classes.hub.matchChanged(matchID),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.PORT, () => resolve());
  });
  // Bot seats answer each private message a player sends them, once, after the sender's ack.
  const press = attachPress(
    ctx,
    io,
    (matchID, item) =>
      setImmediate(() => {
        answerPrivateMessage(ctx, matchID, item, scheduler.press).catch((error: unknown) => {
          moduleLog("bots").error(
            { err: error, matchID },
            `answering message ${item.id} of match ${matchID} failed`,
          );
        });
      }),
    table,
    (matchID) => {
      seat.changed(matchID);
      cluster.announce("press", matchID);
    },
  );
  scheduler.press = press;
  seat.press = press.seat;
  await cluster.start({
    news: (news) => {
      if (news.kind === "metadata") storage.heardMetadata(news.matchID);
      if (news.kind === "state") {
        transport.refresh(news.matchID);
        classes.hub.matchChanged(news.matchID);
      }
      seat.changed(news.matchID);
    },
    move: (move, ran) =>
      storage.transaction(() => {
        const refused =
          move.kind === "player"
            ? transport.playerMovesHere(move.matchID, move.playerID, move.credentials, move.moves, move.phase)
            : transport.serverMovesHere(move.matchID, move.playerID, move.moves);
        if (refused === null) ran();
        return refused;
      }),
    hasSockets: (matchID) => transport.connectedCount(matchID) > 0,
    adopt: (matchID) => scheduler.onStateChange(matchID),
  });
  scheduler.start();
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  return {
    ctx,
    port,
    url: `http://localhost:${port}`,
    scheduler,
    seatApi: seat,
    stop: async () => {
      seat.close();
      classes.hub.close();
      scheduler.stop();
      await scheduler.idle();
      transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await cluster.stop();
      db.close();
    },
  };
}

/** Refuses cross-origin writes: a request with an Origin header must come from an allowed origin. */
function originGuard(origins: readonly string[]): Koa.Middleware {
  return async (ctx, next) => {
    const origin = ctx.get("Origin");
    if (origin && !originAllowed(origin, ctx.get("Host"), origins)) {
      ctx.status = 403;
      ctx.body = { error: { code: "bad-origin", message: `origin ${origin} is not allowed` } };
      return;
    }
    await next();
  };
}

/**
 * `GET /health`: 200 while the database answers and the last write succeeded, 503 otherwise (a
 * failed write, damage met at runtime, the database gone). It says which database (`sqlite` or
 * `postgres`) and its schema, this node's name, Redis (`none`, `ok`, or its trouble: news between
 * nodes is late then, but every node keeps serving) and how many matches this node runs now
 * (`leases`, null on one node). `storage` is the problem's description when there is one.
 */
function health(storage: Storage, cluster: Cluster, database: Dialect): Koa.Middleware {
  return async (ctx, next) => {
    if (ctx.path !== "/health") {
      await next();
      return;
    }
    const report = storage.health();
    const { node, redis, leases } = cluster.health();
    const about = { database, schema: report.schema ?? null, node, redis, leases };
    ctx.set("Cache-Control", "no-store");
    if (report.ok) ctx.body = { ok: true, ...about };
    else {
      ctx.status = 503;
      ctx.body = { ok: false, storage: report.problem ?? "storage trouble", ...about };
    }
  };
}
