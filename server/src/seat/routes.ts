/**
 * The seat API's routes under `/api/matches/:id/seat` (docs/seat-api.md; the contract in
 * `shared/src/wire/seat.ts`): a program holding a seat's credentials reads the seat's context
 * (`context`, a long-poll `wait`, Server-Sent `events`) and acts (`orders`, `press`, `proposals`,
 * `accept`, `reject`, `withdraw`, `notice`, `leak`, `communique`, `draw`, `ready`). Every move goes
 * through the transport's one player-move path (credentials, a teacher's pause, the rules,
 * storage, the sockets, presence) and the seat's move budget; press through the press channel's
 * own handlers. Refusals are framed like the lobby's (`{ error: { code, message } }`): 401 for no
 * or bad credentials (the same whether the match exists or not), 409 when the phase has moved on,
 * 422 when the rules refuse (nothing changed), 429 over a limit. Credentials are never logged.
 */
import { PassThrough } from "node:stream";
import Router from "@koa/router";
import type Koa from "koa";
import { getMap, phaseKey, powerOfPlayer, type MatchState, type PowerId } from "../../../shared/src";
import {
  MAX_SEAT_WAIT_S,
  matchIdSchema,
  SEAT_ACTION_BODIES,
  seatContextQuerySchema,
  seatEventsQuerySchema,
  seatOrdersBodySchema,
  seatWaitQuerySchema,
  type ErrorCode,
  type SeatAction,
  type SeatActionAnswer,
  type SeatContext,
  type SeatOrdersAnswer,
} from "../../../shared/src/wire";
import { bearerKey } from "../classes/routes";
import type { ServerContext } from "../context";
import { apiFrame, LobbyError, parse, readJson } from "../lobby/guards";
import { Refusal, type PressFrom, type SeatPress } from "../press";
import { matchState } from "../press/sender";
import type { SocketError } from "../transport";
import { RateLimits } from "../rate-limit";
import { seatHolder, SEAT_ID } from "../transport";
import { seatView } from "./context";
import { readOrders } from "./orders";
import { SeatSeqs } from "./seq";
import { SeatWaits } from "./waits";

/**
 * The most an event stream may hold that its client has not read: past it the client has stopped
 * reading, and the stream ends rather than fill the server's memory (it reconnects, `Last-Event-ID`).
 */
export const MAX_STREAM_BACKLOG = 1024 * 1024;

/** How often an event stream sends a keep-alive comment. */
export const SSE_KEEPALIVE_MS = 15_000;

/** A seat proven by the request's credentials. */
interface Seat {
  readonly matchID: string;
  readonly playerID: string;
  readonly power: PowerId;
  readonly credentials: string;
  readonly holder: string; // "seat" or a class student's id
  readonly key: string; // `${matchID}/${playerID}`, for seqs and limits
}

/** 401, the same for every failure: a match that does not exist is not told apart. */
const NO_SEAT = (): LobbyError =>
  new LobbyError(
    401,
    "bad-credentials",
    "send Authorization: Bearer <the seat's credentials> for this match",
  );

/** The HTTP status of a refusal's code, from the transport, the press channel or the rules. */
export function statusOf(code: string): number {
  const statuses: Partial<Record<ErrorCode, number>> = {
    "bad-credentials": 401,
    "seat-lost": 401,
    "read-only": 401,
    "rate-limited": 429,
    "too-many-waits": 429,
    "paused-by-teacher": 409,
    "game-over": 409,
    "phase-moved-on": 409,
    "bad-payload": 400,
    "bad-action": 400,
    "too-large": 413,
    "too-deep": 400,
    "storage-failed": 503,
    "not-ready": 503,
    "server-error": 500,
  };
  return statuses[code as ErrorCode] ?? 422; // the rules' own refusals: nothing changed
}

/** A refusal (a transport `SocketError`, a press `Refusal`'s error) as the API's error. */
function refused(error: { readonly code: string; readonly message: string }): LobbyError {
  return new LobbyError(statusOf(error.code), error.code as ErrorCode, error.message);
}

/** Why moves meant for `phase` (a phase key) are refused: the match is in another phase; or null. */
export function phaseMovedOn(G: MatchState, phase: string): SocketError | null {
  const now = phaseKey(G.position);
  if (now === phase) return null;
  return {
    code: "phase-moved-on",
    message: `the match is in ${now}, not ${phase}; nothing changed — read the context again`,
  };
}

/** The seat API: its router, and the hooks that wake its waits. */
export interface SeatApi {
  readonly router: Router;
  readonly waits: SeatWaits;
  /** The press channel, once attached (press routes answer 503 before). */
  press: SeatPress | null;
  /** How often event streams send keep-alives (ms). */
  keepAliveMs: number;
  /** A match changed (a state change, press delivered): its waits look again. */
  changed(matchID: string): void;
  /** Ends every wait and stream (the server stops). */
  close(): void;
}

/** Builds the seat API over a server's context. */
export function seatApi(ctx: ServerContext): SeatApi {
  const seqs = new SeatSeqs(ctx.now());
  const waits = new SeatWaits();
  const reads = new RateLimits(ctx.config.ACTIONS_PER_SECOND, ctx.config.ACTIONS_PER_SECOND * 2, ctx.now);
  const router = new Router({ prefix: "/api/matches/:id/seat" });
  const api: SeatApi = {
    router,
    waits,
    press: null,
    keepAliveMs: SSE_KEEPALIVE_MS,
    changed: (matchID) => waits.changed(matchID),
    close: () => waits.close(),
  };

  /** The seat the request's credentials hold in the match of its path, or 401. */
  const seatOf = (kctx: Router.RouterContext): Seat => {
    const credentials = bearerKey(kctx);
    const matchID = kctx.params["id"] ?? "";
    if (credentials === null || !matchIdSchema.safeParse(matchID).success) throw NO_SEAT();
    const { metadata } = ctx.storage.fetch(matchID, { metadata: true });
    if (metadata === undefined) throw NO_SEAT();
    for (const id of Object.keys(metadata.players)) {
      if (!SEAT_ID.test(id)) continue;
      const holder = seatHolder(metadata, id, credentials);
      if (holder === null) continue;
      const G = matchState(ctx, matchID);
      const power = G === null ? null : powerOfPlayer(G, id);
      if (power === null) throw NO_SEAT();
      return { matchID, playerID: id, power, credentials, holder, key: `${matchID}/${id}` };
    }
    throw NO_SEAT();
  };

  /** Whether the seat's credentials still hold it. */
  const stillHeld = (seat: Seat): boolean => {
    const { metadata } = ctx.storage.fetch(seat.matchID, { metadata: true });
    return seatHolder(metadata, seat.playerID, seat.credentials) !== null;
  };

  /** The seat's context now; press and editions cut after `since` when the seat's seqs know it. */
  const contextOf = (seat: Seat, since: number | null): SeatContext => {
    const G = matchState(ctx, seat.matchID);
    if (G === null) throw NO_SEAT();
    const press = api.press?.history(seat.matchID, seat.power) ?? [];
    const clock = ctx.records.clock(seat.matchID);
    const deadline = clock !== null && clock.phaseKey === phaseKey(G.position) ? clock.deadline : null;
    const view = seatView(seat.matchID, G, seat.power, press, deadline);
    const mark = seqs.observe(seat.key, view);
    const from = since === null || since === mark.seq ? null : seqs.markAt(seat.key, since);
    if (since !== null && since === mark.seq)
      return { ...view, press: [], editions: [], seq: mark.seq, since };
    if (from === null) return { ...view, seq: mark.seq, since: null };
    return {
      ...view,
      press: view.press.slice(from.press),
      editions: view.editions.slice(from.editions),
      seq: mark.seq,
      since,
    };
  };

  /** Spends one read of the seat's budget, or 429. */
  const spendRead = (seat: Seat): void => {
    if (!reads.take(seat.key))
      throw new LobbyError(429, "rate-limited", "too many reads from this seat; slow down");
  };

  /** Spends one move of the seat's budget (shared with its sockets), or 429. */
  const spendMove = (seat: Seat): void => {
    if (!ctx.transport.takeAction(seat.matchID, seat.playerID))
      throw new LobbyError(429, "rate-limited", "too many moves from this seat; slow down");
  };

  /**
   * Runs a move through the transport's player-move path (on the node that runs the match), or
   * throws its refusal.
   */
  const move = async (seat: Seat, name: string, arg: unknown, phase?: string): Promise<void> => {
    const error = await ctx.transport.playerMoveAnywhere(
      seat.matchID,
      seat.playerID,
      seat.credentials,
      name,
      arg,
      phase,
    );
    if (error !== null) throw refused(error);
  };

  /**
   * 409 when the body names a phase the match is no longer in (nothing changed). Checked again
   * where the moves run (`playerMovesAnywhere`'s phase), as the phase may end meanwhile.
   */
  const samePhase = (seat: Seat, phase: string | undefined): MatchState => {
    const G = matchState(ctx, seat.matchID);
    if (G === null) throw NO_SEAT();
    if (G.result !== null) throw new LobbyError(409, "game-over", "the game has ended");
    const moved = phase === undefined ? null : phaseMovedOn(G, phase);
    if (moved) throw refused(moved);
    return G;
  };

  /** Who sends press: the seat, as the press channel's handlers take it. */
  const pressFrom = (seat: Seat): PressFrom => ({
    matchID: seat.matchID,
    seat: { playerID: seat.playerID, credentials: seat.credentials, power: seat.power },
    lost: false,
    seatLost: () => {},
  });

  /** Runs a press handler, passing its refusal on as the API's. */
  const sendPress = async <A>(work: (press: SeatPress) => A | Promise<A>): Promise<A> => {
    const press = api.press;
    if (press === null) throw new LobbyError(503, "not-ready", "the server is starting");
    try {
      return await work(press);
    } catch (e) {
      if (e instanceof Refusal) throw refused(e.error);
      throw e;
    }
  };

  /**
   * Holds a request until the seat's context has a seq other than `after`, the timeout, the
   * request's end or the server's: the context, or null.
   */
  const waitFor = (
    kctx: Koa.Context,
    seat: Seat,
    after: number,
    timeoutMs: number,
  ): Promise<SeatContext | null> => {
    const now = contextOf(seat, after);
    if (now.seq !== after) return Promise.resolve(now);
    const release = waits.admit(seat.key, kctx.ip);
    if (typeof release === "string") throw new LobbyError(statusOf(release), release, "too many open waits");
    return new Promise((resolve) => {
      let done = false;
      const finish = (context: SeatContext | null): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        stop();
        release();
        resolve(context);
      };
      const timer = setTimeout(() => finish(null), timeoutMs);
      const stop = waits.listen(seat.matchID, {
        changed: () => {
          if (!stillHeld(seat)) {
            finish(null);
            return;
          }
          const next = contextOf(seat, after);
          if (next.seq !== after) finish(next);
        },
        closed: () => {
          kctx.set("Connection", "close"); // the server stops: no keep-alive to wait out
          finish(null);
        },
      });
      kctx.res.once("close", () => finish(null));
    });
  };

  router.use(apiFrame(ctx));

  router.get("/context", (kctx) => {
    const seat = seatOf(kctx);
    const query = parse(seatContextQuerySchema, { ...kctx.query });
    spendRead(seat);
    kctx.body = contextOf(seat, query.since === undefined ? null : Number(query.since));
  });

  router.get("/wait", async (kctx) => {
    const seat = seatOf(kctx);
    const query = parse(seatWaitQuerySchema, { ...kctx.query });
    spendRead(seat);
    const timeoutS = query.timeout === undefined ? MAX_SEAT_WAIT_S : Number(query.timeout);
    const context = await waitFor(kctx, seat, Number(query.after), timeoutS * 1000);
    if (context === null) kctx.status = 204;
    else kctx.body = context;
  });

  router.get("/events", (kctx) => {
    const seat = seatOf(kctx);
    const query = parse(seatEventsQuerySchema, { ...kctx.query });
    const lastId = kctx.get("Last-Event-ID");
    spendRead(seat);
    const release = waits.admit(seat.key, kctx.ip);
    if (typeof release === "string") throw new LobbyError(statusOf(release), release, "too many open waits");
    const stream = new PassThrough();
    kctx.req.socket.setTimeout(0);
    kctx.req.socket.setNoDelay(true);
    kctx.status = 200;
    kctx.type = "text/event-stream";
    kctx.set("X-Accel-Buffering", "no");
    kctx.set("Connection", "close"); // a stream's connection ends with it (a stopping server waits for none)
    kctx.body = stream;
    let seq = /^\d{1,16}$/.test(lastId)
      ? Number(lastId)
      : query.since === undefined
        ? null
        : Number(query.since);
    /** What is written but not yet taken by the client. */
    const backlog = (): number => stream.readableLength + stream.writableLength + kctx.res.writableLength;
    /** Writes, unless the client has stopped reading: then the stream ends (it reconnects with Last-Event-ID). */
    const write = (text: string): void => {
      if (backlog() > MAX_STREAM_BACKLOG) end(true);
      else stream.write(text);
    };
    const send = (): void => {
      const context = contextOf(seat, seq);
      if (context.seq === seq) return;
      seq = context.seq;
      write(`id: ${context.seq}\nevent: context\ndata: ${JSON.stringify(context)}\n\n`);
    };
    let ended = false;
    /** Ends the stream; `cut`: at once, dropping what the client has not read (it stalled, or the server stops). */
    const end = (cut = false): void => {
      if (ended) return;
      ended = true;
      clearInterval(keepAlive);
      stop();
      release();
      stream.end();
      if (cut) kctx.req.socket.destroy();
    };
    const keepAlive = setInterval(() => write(`: keep-alive\n\n`), api.keepAliveMs);
    const stop = waits.listen(seat.matchID, {
      changed: () => {
        if (stillHeld(seat)) send();
        else end();
      },
      closed: () => end(backlog() > 0),
    });
    kctx.res.once("close", () => end());
    stream.write(`retry: 3000\n\n`);
    send();
  });

  router.post("/orders", async (kctx) => {
    const seat = seatOf(kctx);
    const body = parse(seatOrdersBodySchema, await readJson(kctx));
    const G = samePhase(seat, body.phase);
    // Both moves are taken from the budget before either runs: a 429 changes nothing.
    spendMove(seat);
    if (body.ready !== undefined) spendMove(seat);
    const map = getMap(G.settings.mapId);
    if (map === null) throw new LobbyError(500, "server-error", "the match's map is unknown");
    const read = readOrders(map, G, seat.power, body.orders);
    // Orders and ready are stored together: a crash between them keeps both or neither.
    const moves = [
      { move: "orders", arg: { orders: read.accepted } },
      ...(body.ready === undefined ? [] : [{ move: "ready", arg: { ready: body.ready } }]),
    ];
    const error = await ctx.transport.playerMovesAnywhere(
      seat.matchID,
      seat.playerID,
      seat.credentials,
      moves,
      body.phase,
    );
    if (error !== null) throw refused(error);
    const context = contextOf(seat, null);
    const answer: SeatOrdersAnswer = {
      accepted: context.orders,
      refused: [...read.refused],
      ready: context.ready,
      seq: context.seq,
    };
    kctx.body = answer;
  });

  /** Each action route: parse the browser's payload, spend the budget, one path through the rules. */
  const actions: Record<SeatAction, (seat: Seat, body: unknown) => Promise<Partial<SeatActionAnswer>>> = {
    press: (seat, body) => sendPress((p) => ({ item: p.message(pressFrom(seat), body).message })),
    communique: (seat, body) =>
      sendPress(async (p) => ({ item: (await p.communique(pressFrom(seat), body)).communique })),
    leak: (seat, body) => sendPress(async (p) => (await p.leak(pressFrom(seat), body), {})),
    proposals: async (seat, body) => {
      // The seat is a party to its own proposal: the one the state did not hold before is it.
      const before = new Set(matchState(ctx, seat.matchID)?.commitments.map((c) => c.id));
      await move(seat, "propose", body);
      const made = matchState(ctx, seat.matchID)?.commitments.find((c) => !before.has(c.id));
      return made === undefined ? {} : { commitmentId: made.id };
    },
    accept: async (seat, body) => (await move(seat, "accept", body), {}),
    reject: async (seat, body) => (await move(seat, "reject", body), {}),
    withdraw: async (seat, body) => (await move(seat, "withdraw", body), {}),
    notice: async (seat, body) => (await move(seat, "notice", body), {}),
    draw: async (seat, body) => (await move(seat, "drawVote", body), {}),
    ready: async (seat, body) => {
      const { phase, ...payload } = body as { phase?: string; ready: boolean };
      samePhase(seat, phase);
      await move(seat, "ready", payload, phase);
      return {};
    },
  };

  for (const [action, work] of Object.entries(actions) as [SeatAction, (typeof actions)[SeatAction]][]) {
    router.post(`/${action}`, async (kctx) => {
      const seat = seatOf(kctx);
      const body: unknown = parse(SEAT_ACTION_BODIES[action], await readJson(kctx));
      spendMove(seat);
      const made = await work(seat, body);
      const answer: SeatActionAnswer = { ok: true, seq: contextOf(seat, null).seq, ...made };
      kctx.body = answer;
    });
  }

  router.all("/(.*)", (kctx) => {
    seatOf(kctx); // who may not use the seat API learns nothing of its routes
    throw new LobbyError(404, "not-found", `no seat route ${kctx.method} ${kctx.path.slice(0, 120)}`);
  });
  return api;
}
