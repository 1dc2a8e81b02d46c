/**
 * The lobby API under `/api`: create a match (map, seats, timing, settings), join it by invite
 * with a display name, leave, spectate, list listed matches, list my matches, and play again with
 * the same seats. JSON in and out; every body is schema-checked and a refusal comes back as
 * `{ "error": { "code", "message" } }` with a fitting status. Seat credentials live in
 * boardgame.io's match metadata (its master authenticates moves with them) and never leave the
 * server except to the player who holds the seat. boardgame.io's own `/games` lobby routes are not
 * served at all (the server does not run boardgame.io's server). Reference: docs/api.md.
 */
import crypto from "node:crypto";
import Router from "@koa/router";
import type { Server, State } from "boardgame.io";
import { createMatch } from "boardgame.io/internal";
import type Koa from "koa";
import type { z } from "zod";
import {
  describeIssues,
  getMap,
  mustAct,
  type MatchSettings,
  type MatchState,
  type PhaseKind,
  type Season,
} from "../../shared/src";
import type { ServerContext } from "./context";
import {
  createBodySchema,
  DEFAULT_PERSONALITY,
  joinBodySchema,
  listQuerySchema,
  matchIdSchema,
  myMatchesBodySchema,
  seatProofSchema,
  type CreateBody,
  type SeatSpec,
} from "./lobby-schemas";
import { TIMING_PRESETS, type SeatKind, type Timing } from "./matches";
import { RateLimits } from "./rate-limit";
import { ensureTables, isStorageTrouble, prepared } from "./storage";

/** The largest request body the lobby reads. */
export const MAX_BODY_BYTES = 64 * 1024;
/** The most matches `GET /api/matches` lists. */
export const MAX_LISTED = 50;

/** A refusal: HTTP status, stable kebab-case code, message for the sender. */
export class LobbyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A seat as anyone may see it. */
export interface PublicSeat {
  readonly playerID: string;
  readonly power: string | null;
  readonly name: string | null; // null while nobody holds it
  readonly kind: SeatKind;
  readonly personality: string | null; // bots only
  readonly connected: boolean;
  readonly missed: number; // phases missed by its player
  readonly botActive: boolean; // a bot is standing in
  readonly reserved: boolean; // held for its previous player after "play again"
}

/** A match as anyone (a spectator) may see it. */
export interface MatchInfo {
  readonly matchID: string;
  readonly invite: string;
  readonly map: string;
  readonly players: number;
  readonly settings: MatchSettings;
  readonly timing: Timing | null; // minutes per phase kind; null for a match made through /games
  readonly unlisted: boolean;
  readonly createdAt: number;
  readonly seats: readonly PublicSeat[];
  readonly phase: { readonly year: number; readonly season: Season; readonly phase: PhaseKind };
  readonly gameover: unknown; // boardgame.io's ctx.gameover (the match result), or null
  readonly deadline: number | null; // ms since the epoch; null while the clock is stopped (paused)
  readonly nextMatchID: string | null;
  readonly paused: boolean; // nobody has played for `idlePhases` phases: no deadline, no bots
  readonly idlePhases: number; // phases in a row that ended with no person acting
}

/** A seat handed to the player who took it. */
export interface SeatGrant {
  readonly matchID: string;
  readonly playerID: string;
  readonly credentials: string;
  readonly power: string | null;
}

/** A stored match: boardgame.io's metadata and current state. */
interface Loaded {
  readonly matchID: string;
  readonly metadata: Server.MatchData;
  readonly state: State<MatchState>;
}

/** What a new match is made of (by `create` and by `play-again`). */
interface NewMatch {
  readonly settings: MatchSettings;
  readonly numPlayers: number;
  readonly seats: readonly { readonly kind: SeatKind; readonly personality: string | null }[];
  readonly timing: Timing;
  readonly unlisted: boolean;
}

// ---------------------------------------------------------------------------------------------
// Shared per-server state: rate limits (the router and the guard share buckets).

/** Buckets per server context: joins and creations spend tokens per IP. */
const LIMITS = new WeakMap<ServerContext, RateLimits>();

/** The join/create buckets of a server: JOINS_PER_MINUTE per IP, all at once at most. */
function limitsOf(ctx: ServerContext): RateLimits {
  let limits = LIMITS.get(ctx);
  if (!limits) {
    const perMinute = ctx.config.JOINS_PER_MINUTE;
    limits = new RateLimits(perMinute / 60, perMinute, ctx.now);
    LIMITS.set(ctx, limits);
  }
  return limits;
}

/** Spends one token of an IP's bucket for an action kind, or refuses with 429. */
function spend(ctx: ServerContext, kind: "join" | "create", ip: string): void {
  if (!limitsOf(ctx).take(`${kind}:${ip}`)) {
    throw new LobbyError(429, "rate-limited", `too many ${kind} requests from this address; wait a minute`);
  }
}

// ---------------------------------------------------------------------------------------------
// Reservations: after "play again", the other human seats wait for their previous players.

/** Creates the reservations table (idempotent). */
function ensureReservations(ctx: ServerContext): void {
  ensureTables(
    ctx.db,
    `CREATE TABLE IF NOT EXISTS lobby_reservations (
       match_id TEXT NOT NULL REFERENCES matches(id) ON DELETE CASCADE,
       seat INTEGER NOT NULL,
       until INTEGER NOT NULL,
       PRIMARY KEY (match_id, seat)
     );`,
  );
}

/** The seats of a match still held for their previous players. */
function reservedSeats(ctx: ServerContext, matchID: string): Set<number> {
  const rows = prepared(ctx.db, `SELECT seat FROM lobby_reservations WHERE match_id = ? AND until > ?`).all(
    matchID,
    ctx.now(),
  ) as { seat: number }[];
  return new Set(rows.map((r) => r.seat));
}

/** Holds seats of a new match until a time. */
function reserve(ctx: ServerContext, matchID: string, seats: readonly number[], until: number): void {
  const insert = prepared(ctx.db, `INSERT INTO lobby_reservations (match_id, seat, until) VALUES (?, ?, ?)`);
  for (const seat of seats) insert.run(matchID, seat, until);
}

/** Ends a seat's reservation (its player claimed it). */
function release(ctx: ServerContext, matchID: string, seat: number): void {
  prepared(ctx.db, `DELETE FROM lobby_reservations WHERE match_id = ? AND seat = ?`).run(matchID, seat);
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

/** A fresh secret: 32 url-safe characters (192 bits). */
function newCredentials(): string {
  return crypto.randomBytes(24).toString("base64url");
}

/** A fresh match id: 12 url-safe characters (72 bits). */
function newMatchID(): string {
  return crypto.randomBytes(9).toString("base64url");
}

/** Whether two secrets are equal, in constant time. */
function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** Parses a value with a schema, or refuses with 400 `bad-payload` naming the field. */
function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new LobbyError(400, "bad-payload", describeIssues(parsed.error));
  return parsed.data;
}

/** A refusal naming a field of the body. */
function badField(field: string, message: string): LobbyError {
  return new LobbyError(400, "bad-payload", `${field}: ${message}`);
}

/** Reads a JSON body of at most `MAX_BODY_BYTES`; undefined when there is none. */
async function readJson(kctx: Koa.Context): Promise<unknown> {
  if (!kctx.request.length && !kctx.get("Transfer-Encoding")) return undefined;
  if (kctx.request.length > MAX_BODY_BYTES) throw tooLarge();
  if (!kctx.is("application/json")) {
    throw new LobbyError(415, "bad-content-type", "send the body as application/json");
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of kctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new LobbyError(400, "bad-json", "the body is not valid JSON");
  }
}

/** 413 for a body over the limit. */
function tooLarge(): LobbyError {
  return new LobbyError(413, "payload-too-large", `the body must be at most ${MAX_BODY_BYTES} bytes`);
}

/** The public origin for invite links: PUBLIC_URL's, else the request's. */
function publicOrigin(ctx: ServerContext, kctx: Koa.Context): string {
  return ctx.config.PUBLIC_URL ? new URL(ctx.config.PUBLIC_URL).origin : kctx.origin;
}

/** The number of seats of a match. */
function seatCount(metadata: Server.MatchData): number {
  return Object.keys(metadata.players).length;
}

/** A seat's boardgame.io metadata, or a 404. */
function playerOf(loaded: Loaded, seat: number): Server.PlayerMetadata {
  const player = loaded.metadata.players[seat];
  if (!player) throw new LobbyError(404, "unknown-seat", `match ${loaded.matchID} has no seat ${seat}`);
  return player;
}

// ---------------------------------------------------------------------------------------------
// Reading matches.

/** How many finished matches' facts the lobby keeps per server. */
const FINISHED_KEPT = 1024;

/**
 * What the lobby keeps of finished matches, per server: the storage reads a finished match's whole
 * state from the file on every fetch (it keeps only running matches in memory), and a finished
 * state never changes, so the few facts the lobby reads of it are kept here, least recently used
 * dropped first.
 */
const FINISHED = new WeakMap<ServerContext, Map<string, State<MatchState>>>();

function finishedOf(ctx: ServerContext): Map<string, State<MatchState>> {
  let kept = FINISHED.get(ctx);
  if (!kept) FINISHED.set(ctx, (kept = new Map()));
  return kept;
}

/**
 * The part of a finished match's state the lobby reads (its settings, powers, the phase it ended
 * in, its result; every other field of `G` is left out), small enough to keep.
 */
function finishedFacts(state: State<MatchState>): State<MatchState> {
  const { settings, powers, position, result } = state.G;
  const { year, season, phase } = position;
  const G = { settings, powers, position: { year, season, phase }, result } as unknown as MatchState;
  return { G, ctx: state.ctx, plugins: {}, _undo: [], _redo: [], _stateID: state._stateID };
}

/** A match's metadata by id, or a 404 `unknown-match` (reads no state). */
function loadMetadata(ctx: ServerContext, id: string): { matchID: string; metadata: Server.MatchData } {
  const matchID = matchIdSchema.safeParse(id);
  if (matchID.success) {
    const { metadata } = ctx.storage.fetch(matchID.data, { metadata: true });
    if (metadata) return { matchID: matchID.data, metadata };
  }
  throw new LobbyError(404, "unknown-match", `there is no match "${id.slice(0, 64)}"`);
}

/** Loads a match by id, or refuses with 404 `unknown-match` (a finished match: its kept facts). */
function load(ctx: ServerContext, id: string): Loaded {
  const finished = finishedOf(ctx);
  const kept = finished.get(id);
  if (kept) {
    const { matchID, metadata } = loadMetadata(ctx, id);
    finished.delete(matchID);
    finished.set(matchID, kept);
    return { matchID, metadata, state: kept };
  }
  const matchID = matchIdSchema.safeParse(id);
  if (matchID.success) {
    const { metadata, state } = ctx.storage.fetch(matchID.data, { metadata: true, state: true });
    if (metadata && state) {
      if (state.ctx.gameover === undefined)
        return { matchID: matchID.data, metadata, state: state as State<MatchState> };
      const facts = finishedFacts(state as State<MatchState>);
      finished.set(matchID.data, facts);
      if (finished.size > FINISHED_KEPT) finished.delete(finished.keys().next().value!);
      return { matchID: matchID.data, metadata, state: facts };
    }
  }
  throw new LobbyError(404, "unknown-match", `there is no match "${id.slice(0, 64)}"`);
}

/** Checks a seat's credentials, or refuses with 401 `bad-credentials`. */
function authenticate(
  loaded: { readonly metadata: Server.MatchData },
  playerID: string,
  credentials: string,
): number {
  const seat = Number(playerID);
  const stored = loaded.metadata.players[seat]?.credentials;
  if (stored === undefined || !sameSecret(stored, credentials)) {
    throw new LobbyError(401, "bad-credentials", `those credentials do not hold seat ${playerID}`);
  }
  return seat;
}

/** The kind of each seat: the server's records, or (a match made through /games) names. */
function seatKinds(ctx: ServerContext, loaded: Loaded): SeatKind[] {
  const records = ctx.records.seats(loaded.matchID);
  return Array.from({ length: seatCount(loaded.metadata) }, (_, i) => {
    const record = records.find((r) => r.seat === i);
    if (record) return record.kind;
    return loaded.metadata.players[i]?.name ? "human" : "open";
  });
}

/** The public seats of a match. */
function publicSeats(ctx: ServerContext, loaded: Loaded): PublicSeat[] {
  const records = ctx.records.seats(loaded.matchID);
  const reserved = reservedSeats(ctx, loaded.matchID);
  const kinds = seatKinds(ctx, loaded);
  return kinds.map((kind, i) => {
    const player = loaded.metadata.players[i];
    const record = records.find((r) => r.seat === i);
    return {
      playerID: String(i),
      power: loaded.state.G.powers[i] ?? null,
      name: player?.name ?? null,
      kind,
      personality: kind === "bot" ? (record?.personality ?? null) : null,
      connected: ctx.transport.isSeatConnected(loaded.matchID, String(i)),
      missed: record?.missed ?? 0,
      botActive: record?.botShown ?? false,
      reserved: reserved.has(i) && player?.credentials === undefined,
    };
  });
}

/** A match as anyone may see it. */
function matchInfo(ctx: ServerContext, loaded: Loaded, origin: string): MatchInfo {
  const setup = ctx.records.setup(loaded.matchID);
  const idle = ctx.records.idleness(loaded.matchID);
  const paused = (idle?.pausedLeft ?? null) !== null;
  const { G, ctx: flow } = loaded.state;
  return {
    matchID: loaded.matchID,
    invite: `${origin}/m/${loaded.matchID}`,
    map: G.settings.mapId,
    players: seatCount(loaded.metadata),
    settings: G.settings,
    timing: setup?.timing ?? null,
    unlisted: setup?.unlisted ?? loaded.metadata.unlisted === true,
    createdAt: setup?.createdAt ?? loaded.metadata.createdAt,
    seats: publicSeats(ctx, loaded),
    phase: { year: G.position.year, season: G.position.season, phase: G.position.phase },
    gameover: flow.gameover ?? null,
    deadline: paused ? null : (ctx.records.clock(loaded.matchID)?.deadline ?? null),
    nextMatchID: setup?.nextMatchID ?? loaded.metadata.nextMatchID ?? null,
    paused,
    idlePhases: idle?.idlePhases ?? 0,
  };
}

/** Whether a seat has something to do now: the game runs, its power must order and is not ready. */
function toAct(loaded: Loaded, seat: number): boolean {
  const { G, ctx: flow } = loaded.state;
  const power = G.powers[seat];
  const map = getMap(G.settings.mapId);
  if (flow.gameover !== undefined || power === undefined || map === null) return false;
  return mustAct(map, G, power) && G.ready[power] !== true;
}

// ---------------------------------------------------------------------------------------------
// Changing matches. Each runs synchronously from its first read to its last write, so no other
// request of this process can interleave with it.

/** Creates a match, its bot seats and its records. */
function openMatch(ctx: ServerContext, spec: NewMatch): Loaded {
  const { mapId, preset, pressMode, yearLimit, miscommunication, scoring } = spec.settings;
  const created = createMatch({
    game: ctx.game,
    numPlayers: spec.numPlayers,
    setupData: { mapId, preset, pressMode, yearLimit, miscommunication, scoring },
    unlisted: spec.unlisted,
  });
  if ("setupDataError" in created) throw new LobbyError(400, "bad-setup", created.setupDataError);
  const { metadata, initialState } = created;
  spec.seats.forEach((seat, i) => {
    if (seat.kind !== "bot") return;
    metadata.players[i] = { id: i, name: `Bot (${seat.personality})`, credentials: newCredentials() };
  });
  const matchID = newMatchID();
  ctx.storage.transaction(() => {
    ctx.storage.createMatch(matchID, { metadata, initialState });
    ctx.records.create(
      { matchID, timing: spec.timing, unlisted: spec.unlisted, createdAt: ctx.now(), nextMatchID: null },
      // A seat waits for a player as `open` whatever the host asked; it turns `human` when claimed.
      spec.seats.map((seat) => (seat.kind === "bot" ? seat : { kind: "open" as const, personality: null })),
    );
  });
  return { matchID, metadata, state: initialState as State<MatchState> };
}

/** Seats a player: a name and fresh credentials in the metadata, the seat's kind human. */
function claimSeat(ctx: ServerContext, loaded: Loaded, seat: number, name: string): SeatGrant {
  const credentials = newCredentials();
  const player = playerOf(loaded, seat);
  player.name = name;
  player.credentials = credentials;
  ctx.storage.transaction(() => {
    ctx.storage.setMetadata(loaded.matchID, loaded.metadata);
    ctx.records.setSeatKind(loaded.matchID, seat, "human");
    release(ctx, loaded.matchID, seat);
  });
  return {
    matchID: loaded.matchID,
    playerID: String(seat),
    credentials,
    power: loaded.state.G.powers[seat] ?? null,
  };
}

/** The seat a joiner gets: the one asked for if free, else the first free one. */
function seatForJoin(ctx: ServerContext, loaded: Loaded, wanted: number | undefined): number {
  const kinds = seatKinds(ctx, loaded);
  const reserved = reservedSeats(ctx, loaded.matchID);
  const free = (i: number): boolean =>
    kinds[i] !== "bot" && loaded.metadata.players[i]?.credentials === undefined && !reserved.has(i);
  if (wanted === undefined) {
    const first = kinds.findIndex((_, i) => free(i));
    if (first < 0) {
      const held = reserved.size > 0 ? " or held for a returning player" : "";
      throw new LobbyError(409, "match-full", `every seat of match ${loaded.matchID} is taken${held}`);
    }
    return first;
  }
  playerOf(loaded, wanted);
  if (reserved.has(wanted) && loaded.metadata.players[wanted]?.credentials === undefined) {
    throw new LobbyError(409, "seat-reserved", `seat ${wanted} is held for its previous player`);
  }
  if (!free(wanted)) throw new LobbyError(409, "seat-taken", `seat ${wanted} is taken`);
  return wanted;
}

/** The seats and settings of `POST /api/matches`, checked against the map. */
function newMatchFromBody(body: CreateBody): NewMatch {
  const map = getMap(body.map)!;
  const numPlayers = body.players ?? body.seats?.length ?? maxPlayers(body.map);
  if (map.playerCounts !== undefined ? !map.playerCounts.has(numPlayers) : numPlayers !== map.powers.length) {
    const counts = map.playerCounts ? [...map.playerCounts.keys()].join(", ") : String(map.powers.length);
    throw badField("players", `map ${body.map} takes ${counts} players, not ${numPlayers}`);
  }
  const hostSeat = body.hostSeat ?? 0;
  if (hostSeat >= numPlayers) throw badField("hostSeat", `must be a seat from 0 to ${numPlayers - 1}`);
  const specs: readonly SeatSpec[] =
    body.seats ??
    Array.from({ length: numPlayers }, (_, i): SeatSpec => ({ kind: i === hostSeat ? "human" : "open" }));
  if (specs.length !== numPlayers) throw badField("seats", `must list ${numPlayers} seats, one per player`);
  if (body.hostName !== undefined && specs[hostSeat]?.kind === "bot")
    throw badField("hostName", `seat ${hostSeat} is a bot's`);
  if (typeof body.yearLimit === "number" && body.yearLimit < map.start.year) {
    throw badField("yearLimit", `must be ${map.start.year} (the first year) or later`);
  }
  const settings: MatchSettings = {
    mapId: body.map,
    preset: body.preset ?? "default",
    pressMode: body.pressMode ?? "full",
    yearLimit: body.yearLimit ?? null,
    miscommunication: body.miscommunication ?? 0,
    scoring: body.scoring ?? "statesman",
  };
  const timing = typeof body.timing === "object" ? body.timing : TIMING_PRESETS[body.timing ?? "live"];
  const seats = specs.map((s) => ({
    kind: s.kind,
    personality: s.kind === "bot" ? botPersonality(s.personality ?? DEFAULT_PERSONALITY, s.tactics) : null,
  }));
  return { settings, numPlayers, seats, timing, unlisted: body.unlisted ?? true };
}

/** How a bot seat is recorded: its personality, with its tactics after a slash unless baseline. */
function botPersonality(personality: string, tactics: string | undefined): string {
  return tactics === undefined || tactics === "baseline" ? personality : `${personality}/${tactics}`;
}

/** The most players a map supports. */
function maxPlayers(mapId: string): number {
  const map = getMap(mapId)!;
  return map.playerCounts ? Math.max(...map.playerCounts.keys()) : map.powers.length;
}

/**
 * The match "play again" leads to: the existing one, or a new one with the same map, settings,
 * timing, listing and seat kinds, whose human seats are held for their previous players for one
 * movement phase's time. Returns it and whether it was made now.
 */
function nextMatch(ctx: ServerContext, loaded: Loaded): { next: Loaded; created: boolean } {
  const existing = ctx.records.setup(loaded.matchID)?.nextMatchID ?? loaded.metadata.nextMatchID;
  if (existing) return { next: load(ctx, existing), created: false };
  const next = ctx.storage.transaction(() => rematch(ctx, loaded));
  return { next, created: true };
}

/** Makes the next match of `nextMatch` and links the old one to it. */
function rematch(ctx: ServerContext, loaded: Loaded): Loaded {
  const setup = ctx.records.setup(loaded.matchID);
  const kinds = seatKinds(ctx, loaded);
  const records = ctx.records.seats(loaded.matchID);
  const timing = setup?.timing ?? TIMING_PRESETS.live;
  const next = openMatch(ctx, {
    settings: loaded.state.G.settings,
    numPlayers: kinds.length,
    seats: kinds.map((kind, i) => ({
      kind: kind === "bot" ? ("bot" as const) : ("open" as const),
      personality:
        kind === "bot" ? (records.find((r) => r.seat === i)?.personality ?? DEFAULT_PERSONALITY) : null,
    })),
    timing,
    unlisted: setup?.unlisted ?? loaded.metadata.unlisted === true,
  });
  const humans = kinds.flatMap((kind, i) => (kind === "human" ? [i] : []));
  reserve(ctx, next.matchID, humans, ctx.now() + timing.movement * 60_000);
  ctx.records.setNextMatch(loaded.matchID, next.matchID);
  loaded.metadata.nextMatchID = next.matchID;
  ctx.storage.setMetadata(loaded.matchID, loaded.metadata);
  return next;
}

// ---------------------------------------------------------------------------------------------
// Routes.

/** Answers JSON errors, sets CORS headers for allowed origins and answers preflights. */
function apiFrame(ctx: ServerContext): Router.Middleware {
  return async (kctx, next) => {
    const origin = kctx.get("Origin");
    if (origin && ctx.config.origins.includes(origin)) {
      kctx.set("Access-Control-Allow-Origin", origin);
      kctx.vary("Origin");
    }
    if (kctx.method === "OPTIONS") {
      kctx.set("Access-Control-Allow-Methods", "GET, POST");
      kctx.set("Access-Control-Allow-Headers", "Content-Type");
      kctx.set("Access-Control-Max-Age", "600");
      kctx.status = 204;
      return;
    }
    try {
      await next();
    } catch (error) {
      if (isStorageTrouble(error)) {
        // A full disk or a failing file: nothing was stored (one transaction), and /health says so.
        console.error("lobby: storage:", error);
        kctx.status = 503;
        kctx.body = {
          error: {
            code: "storage-failed",
            message: "the server could not store that, so nothing changed; try again",
          },
        };
        return;
      }
      const known = error instanceof LobbyError;
      if (!known) console.error("lobby:", error);
      kctx.status = known ? error.status : 500;
      kctx.body = {
        error: known
          ? { code: error.code, message: error.message }
          : { code: "internal", message: "server error" },
      };
    }
  };
}

/** What the lobby tells the rest of the server. */
export interface LobbyHooks {
  /**
   * Seats were created or claimed, or a paused match resumed: the match may start (or restart)
   * its clock and its bots may play.
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
  if (seatKinds(ctx, loaded)[seat] !== "human") {
    throw new LobbyError(403, "not-a-player", `seat ${seat} is not a player's seat`);
  }
  if ((ctx.records.idleness(loaded.matchID)?.pausedLeft ?? null) === null) return false; // runs
  return ctx.records.playerActed(loaded.matchID, seat, ctx.now()); // as when they make a move
}

/** The lobby's routes, under `/api` (see docs/api.md). */
export function lobbyRouter(ctx: ServerContext, hooks: LobbyHooks = {}): Router {
  ensureReservations(ctx);
  const router = new Router({ prefix: "/api" });
  router.use(apiFrame(ctx));

  router.post("/matches", async (kctx) => {
    const body = parse(createBodySchema, await readJson(kctx));
    spend(ctx, "create", kctx.ip);
    const loaded = openMatch(ctx, newMatchFromBody(body));
    const host =
      body.hostName === undefined ? undefined : claimSeat(ctx, loaded, body.hostSeat ?? 0, body.hostName);
    hooks.onSeatsChanged?.(loaded.matchID);
    const info = matchInfo(ctx, loaded, publicOrigin(ctx, kctx));
    kctx.status = 201;
    kctx.body = {
      matchID: loaded.matchID,
      invite: info.invite,
      seats: info.seats,
      ...(host
        ? { host: { playerID: host.playerID, credentials: host.credentials, power: host.power } }
        : {}),
    };
  });

  router.get("/matches", (kctx) => {
    parse(listQuerySchema, { ...kctx.query });
    const rows = prepared(
      ctx.db,
      `SELECT match_id FROM match_setup WHERE unlisted = 0 ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    ).all(MAX_LISTED) as { match_id: string }[];
    const origin = publicOrigin(ctx, kctx);
    kctx.body = { matches: rows.map((r) => matchInfo(ctx, load(ctx, r.match_id), origin)) };
  });

  router.get("/matches/:id", (kctx) => {
    kctx.body = matchInfo(ctx, load(ctx, kctx.params["id"] ?? ""), publicOrigin(ctx, kctx));
  });

  router.post("/matches/:id/join", async (kctx) => {
    const body = parse(joinBodySchema, await readJson(kctx));
    spend(ctx, "join", kctx.ip);
    const loaded = load(ctx, kctx.params["id"] ?? "");
    if (loaded.state.ctx.gameover !== undefined) throw new LobbyError(409, "game-over", "the game has ended");
    const seat = seatForJoin(ctx, loaded, body.seat);
    const { playerID, credentials, power } = claimSeat(ctx, loaded, seat, body.name);
    hooks.onSeatsChanged?.(loaded.matchID);
    kctx.body = { playerID, credentials, power };
  });

  router.post("/matches/:id/leave", async (kctx) => {
    const body = parse(seatProofSchema, await readJson(kctx));
    const loaded = load(ctx, kctx.params["id"] ?? "");
    const seat = authenticate(loaded, body.playerID, body.credentials);
    const player = playerOf(loaded, seat);
    delete player.name;
    delete player.credentials;
    ctx.storage.transaction(() => {
      ctx.storage.setMetadata(loaded.matchID, loaded.metadata);
      ctx.records.setSeatKind(loaded.matchID, seat, "open");
    });
    kctx.body = { left: true, matchID: loaded.matchID, playerID: body.playerID };
  });

  router.post("/matches/:id/play-again", async (kctx) => {
    const body = parse(seatProofSchema, await readJson(kctx));
    spend(ctx, "join", kctx.ip);
    const loaded = load(ctx, kctx.params["id"] ?? "");
    const seat = authenticate(loaded, body.playerID, body.credentials);
    const name = playerOf(loaded, seat).name ?? "Player";
    const { next, created } = nextMatch(ctx, loaded);
    if (playerOf(next, seat).credentials !== undefined) {
      throw new LobbyError(409, "seat-taken", `seat ${seat} of match ${next.matchID} is taken`);
    }
    kctx.status = created ? 201 : 200;
    kctx.body = claimSeat(ctx, next, seat, name);
    hooks.onSeatsChanged?.(next.matchID);
  });

  router.post("/matches/:id/resume", async (kctx) => {
    const body = parse(seatProofSchema, await readJson(kctx));
    const loaded = load(ctx, kctx.params["id"] ?? "");
    const resumed = resumeBySeat(ctx, loaded, authenticate(loaded, body.playerID, body.credentials));
    if (resumed) hooks.onSeatsChanged?.(loaded.matchID);
    kctx.body = { resumed, match: matchInfo(ctx, loaded, publicOrigin(ctx, kctx)) };
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
    kctx.body = {
      matches: body.seats.map((s) => {
        try {
          const seat = authenticate(loadMetadata(ctx, s.matchID), s.playerID, s.credentials);
          const loaded = loadOnce(s.matchID);
          const match = matchInfo(ctx, loaded, origin);
          const power = loaded.state.G.powers[seat] ?? null;
          return { matchID: s.matchID, playerID: s.playerID, power, toAct: toAct(loaded, seat), match };
        } catch (error) {
          if (!(error instanceof LobbyError)) throw error;
          return { matchID: s.matchID, error: { code: error.code, message: error.message } };
        }
      }),
    };
  });

  router.all("/(.*)", (kctx) => {
    throw new LobbyError(404, "not-found", `no lobby route ${kctx.method} ${kctx.path}`);
  });
  return router;
}
