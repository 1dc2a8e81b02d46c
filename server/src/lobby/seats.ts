/**
 * The seats of a match as the lobby keeps them: their kinds (the server's records), what anyone may
 * see of them, seating a player (a name and fresh credentials), the seat a joiner gets, the
 * host's hand-overs to bots, and the reservations that hold the human seats of a "play again"
 * match for their previous players.
 */
import crypto from "node:crypto";
import type { PublicSeat, SeatGrant, SeatKind } from "../../../shared/src/wire";
import type { ServerContext } from "../context";
import { prepared } from "../storage";
import { LobbyError } from "./guards";
import { playerOf, powerOf, seatCount, type Loaded } from "./load";

// ---------------------------------------------------------------------------------------------
// Reservations: after "play again", the other human seats wait for their previous players
// (the table lobby_reservations, created by the storage migrations).

/** The seats of a match still held for their previous players. */
function reservedSeats(ctx: ServerContext, matchID: string): Set<number> {
  const rows = prepared(ctx.db, `SELECT seat FROM lobby_reservations WHERE match_id = ? AND until > ?`).all(
    matchID,
    ctx.now(),
  ) as { seat: number }[];
  return new Set(rows.map((r) => r.seat));
}

/** Holds seats of a new match until a time. */
export function reserve(ctx: ServerContext, matchID: string, seats: readonly number[], until: number): void {
  const insert = prepared(ctx.db, `INSERT INTO lobby_reservations (match_id, seat, until) VALUES (?, ?, ?)`);
  for (const seat of seats) insert.run(matchID, seat, until);
}

/** Ends a seat's reservation (its player claimed it). */
function release(ctx: ServerContext, matchID: string, seat: number): void {
  prepared(ctx.db, `DELETE FROM lobby_reservations WHERE match_id = ? AND seat = ?`).run(matchID, seat);
}

// ---------------------------------------------------------------------------------------------
// Seats.

/** A fresh secret: 32 url-safe characters (192 bits). */
export function newCredentials(): string {
  return crypto.randomBytes(24).toString("base64url");
}

/** The kind of each seat: the server's records, or (a match made without the lobby) names. */
/** Refuses with 403 `not-a-player` unless `seat` is a player's (human) seat. */
export function mustBePlayersSeat(ctx: ServerContext, loaded: Loaded, seat: number): void {
  if (seatKinds(ctx, loaded)[seat] !== "human")
    throw new LobbyError(403, "not-a-player", `seat ${seat} is not a player's seat`);
}

export function seatKinds(ctx: ServerContext, loaded: Loaded): SeatKind[] {
  const records = ctx.records.seats(loaded.matchID);
  return Array.from({ length: seatCount(loaded.metadata) }, (_, i) => {
    const record = records.find((r) => r.seat === i);
    if (record) return record.kind;
    return loaded.metadata.players[i]?.name ? "human" : "open";
  });
}

/** The public seats of a match. */
export function publicSeats(ctx: ServerContext, loaded: Loaded): PublicSeat[] {
  const records = ctx.records.seats(loaded.matchID);
  const reserved = reservedSeats(ctx, loaded.matchID);
  const kinds = seatKinds(ctx, loaded);
  return kinds.map((kind, i) => {
    const player = loaded.metadata.players[i];
    const record = records.find((r) => r.seat === i);
    return {
      playerID: String(i),
      power: powerOf(loaded, i),
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

/** Seats a player: a name and fresh credentials in the metadata, the seat's kind human. */
export function claimSeat(ctx: ServerContext, loaded: Loaded, seat: number, name: string): SeatGrant {
  const credentials = newCredentials();
  const player = playerOf(loaded, seat);
  player.name = name;
  player.credentials = credentials;
  ctx.storage.transaction(() => {
    ctx.storage.setMetadata(loaded.matchID, loaded.metadata);
    ctx.records.setSeatKind(loaded.matchID, seat, "human");
    release(ctx, loaded.matchID, seat);
  });
  return { matchID: loaded.matchID, playerID: String(seat), credentials, power: powerOf(loaded, seat) };
}

/**
 * Makes a seat a bot's for good (recorded as `personality[/tactics]`): its name, fresh credentials
 * (whoever held it is cut off, `seat-lost`), no class members. The host's hand-over of an open
 * seat, and a teacher's of a class power.
 */
export function giveToBot(ctx: ServerContext, loaded: Loaded, seat: number, personality: string): void {
  const player = playerOf(loaded, seat);
  player.name = `Bot (${personality})`;
  player.credentials = newCredentials();
  delete player.data;
  ctx.storage.transaction(() => {
    ctx.storage.setMetadata(loaded.matchID, loaded.metadata);
    ctx.records.setBot(loaded.matchID, seat, personality);
  });
}

/** What the host did with a seat: made an open seat a bot's, or let a bot stand in for its player. */
export type SeatToBot = "bot" | "stand-in";

/**
 * The host hands a seat to a bot: an open seat becomes a bot's for good (its personality as the
 * host chose; recorded as `personality[/tactics]`), and an absent player's seat gets a bot standing
 * in until the player makes a move again (the scheduler's stand-in: orders only, their pacts kept).
 * Refused for a seat the host holds, a bot's seat, a seat held for its previous player, a player who
 * is connected, and a seat a bot already stands in for.
 */
export function seatToBot(ctx: ServerContext, loaded: Loaded, seat: number, personality: string): SeatToBot {
  const player = playerOf(loaded, seat);
  const hostSeat = ctx.records.setup(loaded.matchID)?.hostSeat ?? null;
  if (seat === hostSeat) throw new LobbyError(409, "player-present", `seat ${seat} is your own`);
  const kind = seatKinds(ctx, loaded)[seat];
  if (kind === "bot") throw new LobbyError(409, "seat-taken", `seat ${seat} is a bot's already`);
  if (player.credentials === undefined) {
    if (reservedSeats(ctx, loaded.matchID).has(seat))
      throw new LobbyError(409, "seat-reserved", `seat ${seat} is held for its previous player`);
    giveToBot(ctx, loaded, seat, personality);
    return "bot";
  }
  if (ctx.transport.isSeatConnected(loaded.matchID, String(seat)))
    throw new LobbyError(
      409,
      "player-present",
      `the player of seat ${seat} is here; a bot stands in only for an absent player`,
    );
  // What the lobby shows (`botShown`), not whether the player came back this phase: the answer must
  // not tell the host that an absent player made a (maybe secret) move before the phase ends.
  if (ctx.records.seats(loaded.matchID).find((r) => r.seat === seat)?.botShown === true)
    throw new LobbyError(409, "seat-taken", `a bot stands in for seat ${seat} this phase`);
  ctx.records.setBotActive(loaded.matchID, seat, true);
  return "stand-in";
}

/** The seat a joiner gets: the one asked for if free, else the first free one. */
export function seatForJoin(ctx: ServerContext, loaded: Loaded, wanted: number | undefined): number {
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
