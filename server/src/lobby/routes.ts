/**
 * The lobby's routes under `/api` (docs/api.md): create, list, show, join, leave, play again,
 * resume, seats to bots, device links (make, revoke, continue), my matches, a match's record. Each
 * parses its request with the shared wire schema and builds its answer typed by the shared answer
 * type, so server and client read one contract. (Class sessions: ../classes/routes.ts.)
 */
import Router from "@koa/router";
import {
  continueBodySchema,
  createBodySchema,
  joinBodySchema,
  listQuerySchema,
  MAX_LISTED,
  myMatchesBodySchema,
  seatParamSchema,
  seatProofSchema,
  seatToBotBodySchema,
  type ContinueAnswer,
  type CreateAnswer,
  type DeviceLinkAnswer,
  type DeviceLinkRevokeAnswer,
  type JoinAnswer,
  type LeaveAnswer,
  type ListAnswer,
  type MatchDebrief,
  type MatchInfo,
  type MatchRecord,
  type MyMatch,
  type MyMatchesAnswer,
  type ResumeAnswer,
  type SeatGrant,
  type SeatToBotAnswer,
  type ServerInfo,
} from "../../../shared/src/wire";
import { bearerKey } from "../classes/routes";
import type { ServerContext } from "../context";
import { prepared } from "../storage";
import { botPersonality, DEFAULT_PERSONALITY, newMatchFromBody, openMatch } from "./create";
import { matchDebrief } from "./debrief";
import {
  forgetDeviceLinks,
  makeDeviceLink,
  provenSeat,
  redeemDeviceLink,
  revokeDeviceLinks,
} from "./device-links";
import { afterMatchRead } from "./after-match";
import { apiFrame, authenticate, LobbyError, parse, readJson, spend } from "./guards";
import { matchInfo, toAct } from "./info";
import { load, loadMetadata, playerOf, powerOf, publicOrigin, type Loaded } from "./load";
import { answerMatchExport } from "./export";
import { matchRecord } from "./record";
import { hostOnReturn, nextMatch } from "./rematch";
import { claimSeat, mustBePlayersSeat, seatForJoin, seatToBot } from "./seats";

/** What the lobby tells the rest of the server. */
export interface LobbyHooks {
  /**
   * Seats were created, claimed or handed to bots, or a paused match resumed: the match may start
   * (or restart) its clock and its bots may play.
   */
  readonly onSeatsChanged?: (matchID: string) => void;
}

/**
 * `POST /api/matches/:id/resume`: a seated player (any human seat's holder — there is no separate
 * host record, so "the host" is whoever sits at the table) resumes a paused match. Resuming counts
 * as that person acting: the run of idle phases ends, the phase gets back the time it had left, and
 * a bot standing in for the resuming player's seat stops. A match that is not paused is left as it
 * is (`resumed: false`).
 */
function resumeBySeat(ctx: ServerContext, loaded: Loaded, seat: number): boolean {
  if (loaded.state.ctx.gameover !== undefined) throw new LobbyError(409, "game-over", "the game has ended");
  mustBePlayersSeat(ctx, loaded, seat);
  if (ctx.records.teacherHeld(loaded.matchID))
    throw new LobbyError(409, "paused-by-teacher", "paused by your teacher: only they can resume it");
  if ((ctx.records.idleness(loaded.matchID)?.pausedLeft ?? null) === null) return false; // runs
  return ctx.records.playerActed(loaded.matchID, seat, ctx.now()); // as when they make a move
}

/** Refuses with 409 `class-seat` for a class session's match: its seats are the teacher's to manage. */
function notClassMatch(ctx: ServerContext, matchID: string): void {
  if (ctx.records.isClassMatch(matchID))
    throw new LobbyError(
      409,
      "class-seat",
      "this is a class match: your teacher manages its seats (use your class rejoin link on another device)",
    );
}

/** The lobby's routes, under `/api` (see docs/api.md). */
export function lobbyRouter(ctx: ServerContext, hooks: LobbyHooks = {}): Router {
  const router = new Router({ prefix: "/api" });
  router.use(apiFrame(ctx));

  router.post("/matches", async (kctx) => {
    const body = parse(createBodySchema, await readJson(kctx));
    spend(ctx, "create", kctx.ip);
    const loaded = openMatch(ctx, newMatchFromBody(body, ctx.config.llm !== null));
    const host =
      body.hostName === undefined ? undefined : claimSeat(ctx, loaded, body.hostSeat ?? 0, body.hostName);
    hooks.onSeatsChanged?.(loaded.matchID);
    const info = matchInfo(ctx, loaded, publicOrigin(ctx, kctx));
    const answer: CreateAnswer = {
      matchID: loaded.matchID,
      invite: info.invite,
      seats: info.seats,
      ...(host
        ? { host: { playerID: host.playerID, credentials: host.credentials, power: host.power } }
        : {}),
    };
    kctx.status = 201;
    kctx.body = answer;
  });

  router.get("/matches", (kctx) => {
    parse(listQuerySchema, { ...kctx.query });
    const rows = prepared(
      ctx.db,
      `SELECT match_id FROM match_setup WHERE unlisted = 0 ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    ).all(MAX_LISTED) as { match_id: string }[];
    const origin = publicOrigin(ctx, kctx);
    const answer: ListAnswer = { matches: rows.map((r) => matchInfo(ctx, load(ctx, r.match_id), origin)) };
    kctx.body = answer;
  });

  router.get("/server", (kctx) => {
    const answer: ServerInfo = { llmBots: ctx.config.llm !== null };
    kctx.body = answer;
  });

  router.get("/matches/:id", (kctx) => {
    const answer: MatchInfo = matchInfo(ctx, load(ctx, kctx.params["id"] ?? ""), publicOrigin(ctx, kctx));
    kctx.body = answer;
  });

  router.post("/matches/:id/join", async (kctx) => {
    const body = parse(joinBodySchema, await readJson(kctx));
    spend(ctx, "join", kctx.ip);
    const loaded = load(ctx, kctx.params["id"] ?? "");
    if (loaded.state.ctx.gameover !== undefined) throw new LobbyError(409, "game-over", "the game has ended");
    const seat = seatForJoin(ctx, loaded, body.seat);
    const { playerID, credentials, power } = claimSeat(ctx, loaded, seat, body.name);
    hooks.onSeatsChanged?.(loaded.matchID);
    const answer: JoinAnswer = { playerID, credentials, power };
    kctx.body = answer;
  });

  router.post("/matches/:id/leave", async (kctx) => {
    const body = parse(seatProofSchema, await readJson(kctx));
    const loaded = load(ctx, kctx.params["id"] ?? "");
    const seat = authenticate(loaded, body.playerID, body.credentials);
    notClassMatch(ctx, loaded.matchID);
    const player = playerOf(loaded, seat);
    delete player.name;
    delete player.credentials;
    ctx.storage.transaction(() => {
      ctx.storage.setMetadata(loaded.matchID, loaded.metadata);
      ctx.records.setSeatKind(loaded.matchID, seat, "open");
      // A host who leaves hands on no powers: whoever takes the seat next is a player, not the host.
      if (ctx.records.setup(loaded.matchID)?.hostSeat === seat) ctx.records.setHost(loaded.matchID, null);
      forgetDeviceLinks(ctx, loaded.matchID, seat);
    });
    const answer: LeaveAnswer = { left: true, matchID: loaded.matchID, playerID: body.playerID };
    kctx.body = answer;
  });

  router.post("/matches/:id/play-again", async (kctx) => {
    const body = parse(seatProofSchema, await readJson(kctx));
    spend(ctx, "join", kctx.ip);
    const loaded = load(ctx, kctx.params["id"] ?? "");
    const seat = authenticate(loaded, body.playerID, body.credentials);
    notClassMatch(ctx, loaded.matchID);
    const name = playerOf(loaded, seat).name ?? "Player";
    const { next, created } = nextMatch(ctx, loaded);
    if (playerOf(next, seat).credentials !== undefined) {
      throw new LobbyError(409, "seat-taken", `seat ${seat} of match ${next.matchID} is taken`);
    }
    const answer: SeatGrant = claimSeat(ctx, next, seat, name);
    hostOnReturn(ctx, loaded, next, seat);
    kctx.status = created ? 201 : 200;
    kctx.body = answer;
    hooks.onSeatsChanged?.(next.matchID);
  });

  router.post("/matches/:id/resume", async (kctx) => {
    const body = parse(seatProofSchema, await readJson(kctx));
    const loaded = load(ctx, kctx.params["id"] ?? "");
    const resumed = resumeBySeat(ctx, loaded, authenticate(loaded, body.playerID, body.credentials));
    if (resumed) hooks.onSeatsChanged?.(loaded.matchID);
    const answer: ResumeAnswer = { resumed, match: matchInfo(ctx, loaded, publicOrigin(ctx, kctx)) };
    kctx.body = answer;
  });

  router.post("/matches/:id/seats/:seat/bot", async (kctx) => {
    const body = parse(seatToBotBodySchema, await readJson(kctx));
    const seat = Number(parse(seatParamSchema, { seat: kctx.params["seat"] }).seat);
    const loaded = load(ctx, kctx.params["id"] ?? "");
    const by = authenticate(loaded, body.playerID, body.credentials);
    if (ctx.records.setup(loaded.matchID)?.hostSeat !== by)
      throw new LobbyError(403, "not-host", "only the match's host may hand a seat to a bot");
    if (loaded.state.ctx.gameover !== undefined) throw new LobbyError(409, "game-over", "the game has ended");
    const personality = botPersonality(body.personality ?? DEFAULT_PERSONALITY, body.tactics);
    const given = seatToBot(ctx, loaded, seat, personality);
    hooks.onSeatsChanged?.(loaded.matchID);
    const answer: SeatToBotAnswer = { given, match: matchInfo(ctx, loaded, publicOrigin(ctx, kctx)) };
    kctx.body = answer;
  });

  router.post("/matches/:id/seats/:seat/device-link", async (kctx) => {
    const body = parse(seatProofSchema, await readJson(kctx));
    const pathSeat = parse(seatParamSchema, { seat: kctx.params["seat"] }).seat;
    const loaded = load(ctx, kctx.params["id"] ?? "");
    const seat = provenSeat(loaded, pathSeat, body, ctx);
    notClassMatch(ctx, loaded.matchID);
    const answer: DeviceLinkAnswer = makeDeviceLink(ctx, loaded, seat, publicOrigin(ctx, kctx));
    kctx.set("Cache-Control", "no-store");
    kctx.body = answer;
  });

  router.post("/matches/:id/seats/:seat/device-link/revoke", async (kctx) => {
    const body = parse(seatProofSchema, await readJson(kctx));
    const pathSeat = parse(seatParamSchema, { seat: kctx.params["seat"] }).seat;
    const loaded = load(ctx, kctx.params["id"] ?? "");
    const seat = provenSeat(loaded, pathSeat, body, ctx);
    notClassMatch(ctx, loaded.matchID);
    const credentials = revokeDeviceLinks(ctx, loaded, seat);
    const answer: DeviceLinkRevokeAnswer = { revoked: true, playerID: String(seat), credentials };
    kctx.set("Cache-Control", "no-store");
    kctx.body = answer;
  });

  router.post("/matches/:id/continue", async (kctx) => {
    const body = parse(continueBodySchema, await readJson(kctx));
    spend(ctx, "continue", kctx.ip);
    const loaded = load(ctx, kctx.params["id"] ?? "");
    notClassMatch(ctx, loaded.matchID);
    const answer: ContinueAnswer = redeemDeviceLink(ctx, loaded, body.token);
    kctx.set("Cache-Control", "no-store");
    kctx.body = answer;
  });

  router.get("/matches/:id/record", async (kctx) => {
    const answer: MatchRecord = await afterMatchRead(ctx, kctx.ip, () =>
      matchRecord(ctx, kctx.params["id"] ?? "", bearerKey(kctx)),
    );
    kctx.set("Cache-Control", "no-store");
    kctx.body = answer;
  });

  router.get("/matches/:id/debrief", async (kctx) => {
    const answer: MatchDebrief = await afterMatchRead(ctx, kctx.ip, () =>
      matchDebrief(ctx, kctx.params["id"] ?? "", bearerKey(kctx)),
    );
    kctx.set("Cache-Control", "no-store");
    kctx.body = answer;
  });

  router.get("/matches/:id/export.zip", async (kctx) => {
    await afterMatchRead(ctx, kctx.ip, () =>
      answerMatchExport(ctx, kctx, kctx.params["id"] ?? "", bearerKey(kctx), "zip"),
    );
  });

  router.get("/matches/:id/export.json", async (kctx) => {
    await afterMatchRead(ctx, kctx.ip, () =>
      answerMatchExport(ctx, kctx, kctx.params["id"] ?? "", bearerKey(kctx), "json"),
    );
  });

  router.post("/my-matches", async (kctx) => {
    const body = parse(myMatchesBodySchema, await readJson(kctx));
    const origin = publicOrigin(ctx, kctx);
    // Credentials are checked on the metadata before any state is read, and each match is read
    // once per request however often it is named.
    const loads = new Map<string, Loaded>();
    const loadOnce = (matchID: string): Loaded => {
      let loaded = loads.get(matchID);
      if (!loaded) loads.set(matchID, (loaded = load(ctx, matchID)));
      return loaded;
    };
    const answer: MyMatchesAnswer = {
      matches: body.seats.map((s): MyMatch => {
        try {
          const seat = authenticate(loadMetadata(ctx, s.matchID), s.playerID, s.credentials);
          const loaded = loadOnce(s.matchID);
          const match = matchInfo(ctx, loaded, origin);
          const power = powerOf(loaded, seat);
          return { matchID: s.matchID, playerID: s.playerID, power, toAct: toAct(loaded, seat), match };
        } catch (error) {
          if (!(error instanceof LobbyError)) throw error;
          return { matchID: s.matchID, error: { code: error.code, message: error.message } };
        }
      }),
    };
    kctx.body = answer;
  });

  router.all("/(.*)", (kctx) => {
    throw new LobbyError(404, "not-found", `no lobby route ${kctx.method} ${kctx.path}`);
  });
  return router;
}
