/**
 * Device links: a player's private link that carries their seat to another browser (docs/api.md,
 * "Device links"; docs/security.md). A link is a random token kept only as its sha256 (table
 * `device_links`, migration 003), one per seat: making a new one replaces the old. It works once,
 * for `DEVICE_LINK_LIFETIME_MS`, and only while the seat's credentials are the ones it was made
 * with — so revoking (new credentials for the seat) kills it and signs out every other browser
 * holding the seat at the same time (the game and press sockets drop a seat whose credentials
 * changed).
 *
 * Making and revoking are limited per seat (`JOINS_PER_MINUTE` each minute, that many at once; 429
 * `rate-limited`): each is a write, and a revoke also tells every socket of the match that its
 * seats changed, so a seated player looping on them would keep the disk and the match's sockets busy.
 */
import crypto from "node:crypto";
import type { ContinueAnswer, DeviceLinkAnswer, SeatProof } from "../../../shared/src/wire";
import type { ServerContext } from "../context";
import { RateLimits } from "../rate-limit";
import { prepared } from "../storage";
import { authenticate, LobbyError } from "./guards";
import { playerOf, powerOf, type Loaded } from "./load";
import { mustBePlayersSeat, newCredentials, seatKinds } from "./seats";

/** How long a device link works: 7 days. */
export const DEVICE_LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** A fresh token: 32 random bytes, base64url (43 characters, 256 bits). */
function newToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** The sha256 of a secret, hex: what the table keeps of tokens and credentials. */
function digest(secret: string): string {
  return crypto.createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Per server: the buckets of the seats that make or revoke links (key `<matchID>/<seat>`). */
const SEAT_LIMITS = new WeakMap<ServerContext, RateLimits>();

/** Spends one of a seat's device-link changes, or refuses with 429 `rate-limited`. */
function spendSeatChange(ctx: ServerContext, matchID: string, seat: number): void {
  let limits = SEAT_LIMITS.get(ctx);
  if (!limits) {
    const perMinute = ctx.config.JOINS_PER_MINUTE;
    SEAT_LIMITS.set(ctx, (limits = new RateLimits(perMinute / 60, perMinute, ctx.now)));
  }
  if (!limits.take(`${matchID}/${seat}`)) {
    throw new LobbyError(429, "rate-limited", "too many device link changes for this seat; wait a minute");
  }
}

/** A device link's row. */
interface LinkRow {
  readonly match_id: string;
  readonly seat: number;
  readonly seat_hash: string;
  readonly expires_at: number;
  readonly used_at: number | null;
}

/**
 * The seat a proof holds, for the seat named in the path: the proof's playerID must be that seat,
 * its credentials must hold it (401 `bad-credentials`), and it must be a player's seat.
 */
export function provenSeat(loaded: Loaded, pathSeat: string, proof: SeatProof, ctx: ServerContext): number {
  if (proof.playerID !== pathSeat)
    throw new LobbyError(400, "bad-payload", `playerID: must be the seat of the path (${pathSeat})`);
  const seat = authenticate(loaded, proof.playerID, proof.credentials);
  mustBePlayersSeat(ctx, loaded, seat);
  return seat;
}

/**
 * Makes a seat's device link, replacing the seat's older one. Refused once the game has ended
 * (nothing is left to continue). Returns the link (`<origin>/m/<matchID>/continue#<token>`).
 */
export function makeDeviceLink(
  ctx: ServerContext,
  loaded: Loaded,
  seat: number,
  origin: string,
): DeviceLinkAnswer {
  if (loaded.state.ctx.gameover !== undefined) throw new LobbyError(409, "game-over", "the game has ended");
  spendSeatChange(ctx, loaded.matchID, seat);
  const credentials = playerOf(loaded, seat).credentials!; // proven by the caller
  const token = newToken();
  const now = ctx.now();
  const expiresAt = now + DEVICE_LINK_LIFETIME_MS;
  prepared(
    ctx.db,
    `INSERT INTO device_links (match_id, seat, token_hash, seat_hash, created_at, expires_at, used_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL)
     ON CONFLICT (match_id, seat) DO UPDATE SET token_hash = excluded.token_hash, seat_hash = excluded.seat_hash,
       created_at = excluded.created_at, expires_at = excluded.expires_at, used_at = NULL`,
  ).run(loaded.matchID, seat, digest(token), digest(credentials), now, expiresAt);
  return { url: `${origin}/m/${encodeURIComponent(loaded.matchID)}/continue#${token}`, expiresAt };
}

/**
 * Another browser takes the seat a token carries: its credentials, power and player's name. The
 * link is spent. Refused, with nothing changed: a token no live link of this match has (404
 * `unknown-device-link`, also when its seat's credentials changed since), one used (410
 * `device-link-used`) or past its lifetime (410 `device-link-expired`).
 */
export function redeemDeviceLink(ctx: ServerContext, loaded: Loaded, token: string): ContinueAnswer {
  const hash = digest(token);
  const row = prepared(
    ctx.db,
    `SELECT match_id, seat, seat_hash, expires_at, used_at FROM device_links WHERE token_hash = ? AND match_id = ?`,
  ).get(hash, loaded.matchID) as LinkRow | undefined;
  const unknown = new LobbyError(
    404,
    "unknown-device-link",
    "this device link does not work: it may be mistyped, revoked, or replaced by a newer one",
  );
  if (row === undefined) throw unknown;
  const player = loaded.metadata.players[row.seat];
  const credentials = player?.credentials;
  if (credentials === undefined || digest(credentials) !== row.seat_hash) throw unknown;
  if (seatKinds(ctx, loaded)[row.seat] !== "human") throw unknown;
  if (row.used_at !== null)
    throw new LobbyError(410, "device-link-used", "this device link was used already; make a new one");
  if (ctx.now() >= row.expires_at)
    throw new LobbyError(410, "device-link-expired", "this device link has expired; make a new one");
  prepared(ctx.db, `UPDATE device_links SET used_at = ? WHERE match_id = ? AND seat = ?`).run(
    ctx.now(),
    loaded.matchID,
    row.seat,
  );
  return {
    matchID: loaded.matchID,
    playerID: String(row.seat),
    credentials,
    power: powerOf(loaded, row.seat),
    name: player?.name ?? "Player",
  };
}

/**
 * Revokes a seat's device link and signs every other browser out of the seat: the link is deleted
 * and the seat gets new credentials (one transaction), which only the revoking browser learns.
 */
export function revokeDeviceLinks(ctx: ServerContext, loaded: Loaded, seat: number): string {
  spendSeatChange(ctx, loaded.matchID, seat);
  const credentials = newCredentials();
  playerOf(loaded, seat).credentials = credentials;
  ctx.storage.transaction(() => {
    forgetDeviceLinks(ctx, loaded.matchID, seat);
    ctx.storage.setMetadata(loaded.matchID, loaded.metadata);
  });
  return credentials;
}

/** Deletes a seat's device link (it was revoked, or its player left the seat). */
export function forgetDeviceLinks(ctx: ServerContext, matchID: string, seat: number): void {
  prepared(ctx.db, `DELETE FROM device_links WHERE match_id = ? AND seat = ?`).run(matchID, seat);
}
