/**
 * The press channel: free-text press lives outside `G`, in its own authenticated socket.io
 * namespace `/press`, persisted in the server's SQLite file (table `press`). Its wire shapes are
 * declared once in `shared/src/wire/press.ts`; the guarantees are in docs/security.md and the
 * protocol in docs/api.md, "Press channel".
 *
 * - `handshake`: the socket budget, then `auth = { matchID, playerID, credentials }` checked
 *   against the match's metadata (a spectator without a `playerID`); refusals as `connect_error`
 *   with `data: { code, message }`.
 * - `connection`: the rooms, `press:history` on connect, then each event guarded (`guard`: known,
 *   bounded; answered through its ack, never thrown) and served by its own handler: `message`,
 *   `communique`, `leak`, sharing the sender's checks (`sender`).
 * - `seats`: a seat's view lasts only while the socket's credentials hold the seat
 *   (`press:seat-lost`).
 * - `table`: `press:table` to every socket of a match when its seats change.
 * - `store`: the SQL; `verifier`: the HMAC signer of leaks; `bot`: the bots' sender.
 * - `SeatPress`: the same handlers for the seat API (server/src/seat), which sends as a held seat
 *   instead of a socket and hears of every delivered item (`delivered`) to wake its waits.
 *
 * A leak can only enter `G` through this module: the server's `Game` is built with
 * `createGame({ pressChannel: pressVerifier(db) })`, whose `leak` move takes only a message
 * signed here (an HMAC under a key kept in the database and never sent, bound to the match's
 * `pressSeal`), and whose `message` move is refused (`use-press-channel`).
 */
import type { Server as SocketServer } from "socket.io";
import type { PowerId, PressItem } from "../../../shared/src";
import { PRESS_NAMESPACE, type PressAnswer } from "../../../shared/src/wire/press";
import type { BotPress } from "../bots";
import type { ServerContext } from "../context";
import { RateLimits } from "../rate-limit";
import { botPress } from "./bot";
import { onCommunique } from "./communique";
import { onConnection } from "./connection";
import { handshake } from "./handshake";
import type { PressHost } from "./host";
import { onLeak } from "./leak";
import { onMessage } from "./message";
import type { PressFrom, PressNamespace } from "./session";
import { SeatWatch } from "./seats";
import { pressStore } from "./store";
import { TableNews } from "./table";
import { pressVerifier } from "./verifier";

export { PRESS_NAMESPACE } from "../../../shared/src/wire/press";
export type { PressAck, PressError, PressHistory } from "../../../shared/src/wire/press";
export type { PressItem, PressKind } from "../../../shared/src";
export { pressAuthSchema } from "../../../shared/src/wire/press";
export { MAX_PAYLOAD_DEPTH } from "./guard";
export { pressVerifier, type PressVerifier } from "./verifier";
export { TableNews } from "./table";
export { Refusal } from "./refusal";
export type { HeldSeat, PressFrom } from "./session";

/**
 * Press sent and read outside a socket (the seat API): the press socket's own handlers and checks,
 * delivered to the sockets exactly as a socket's send. A handler refuses by throwing `Refusal`.
 */
export interface SeatPress {
  message(from: PressFrom, payload: unknown): PressAnswer<"message">;
  communique(from: PressFrom, payload: unknown): Promise<PressAnswer<"communique">>;
  leak(from: PressFrom, payload: unknown): Promise<PressAnswer<"leak">>;
  /** Every communiqué of the match and every message `power` sent or received, oldest first. */
  history(matchID: string, power: PowerId): PressItem[];
}

/** The attached press channel: the bots' sender and the seat API's. */
export interface AttachedPress extends BotPress {
  readonly seat: SeatPress;
}

/** The event a socket gets when its credentials stop holding its seat. */
export const SEAT_LOST_EVENT = "press:seat-lost";

/**
 * Serves the `/press` namespace on the server's socket.io server. `heard` is told of each private
 * message a player sends, once it is stored and delivered (bot seats answer it). `table` sends
 * `press:table` on every metadata write, and whenever the lobby tells it of a change of seats.
 * `delivered` is told of every message and communiqué delivered (the seat API's waits).
 * @returns the sender bots post their private messages with (stored and delivered like a player's),
 *   and the seat API's
 */
export function attachPress(
  ctx: ServerContext,
  io: SocketServer,
  heard?: (matchID: string, item: PressItem) => void,
  table: TableNews = new TableNews(),
  delivered?: (matchID: string, item: PressItem) => void,
): AttachedPress {
  const perMinute = ctx.config.PRESS_PER_MINUTE;
  const seats = new SeatWatch(ctx);
  const host: PressHost = {
    ctx,
    nsp: io.of(PRESS_NAMESPACE) as PressNamespace,
    store: pressStore(ctx.db),
    verifier: pressVerifier(ctx.db),
    seats,
    limits: new RateLimits(perMinute / 60, perMinute, ctx.now),
    ...(heard ? { heard } : {}),
    ...(delivered ? { delivered } : {}),
  };
  seats.watch();
  table.attach(ctx, host.nsp);
  host.nsp.use(handshake(ctx, seats));
  host.nsp.on("connection", (socket) => onConnection(host, socket));
  const seat: SeatPress = {
    message: (from, payload) => onMessage(host, from, payload),
    communique: (from, payload) => onCommunique(host, from, payload),
    leak: (from, payload) => onLeak(host, from, payload),
    history: (matchID, power) => host.store.history(matchID, power),
  };
  return { ...botPress(host), seat };
}
