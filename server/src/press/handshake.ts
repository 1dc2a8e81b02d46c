/**
 * The press handshake (`nsp.use`): the socket budget (address, whole views, seat), then
 * `auth = { matchID, playerID, credentials }` checked against the match's metadata. Without a
 * `playerID` the socket is a spectator's. A refusal reaches the client as `connect_error` with
 * `data: { code, message }` and the message `code: message`; a refused socket keeps no slot.
 */
import type { ExtendedError } from "socket.io";
import { powerOfPlayer } from "../../../shared/src";
import { pressAuthSchema, type PressHandshakeError } from "../../../shared/src/wire/press";
import type { ServerContext } from "../context";
import { releaseOnClose } from "../sockets";
import type { SeatWatch } from "./seats";
import { matchState } from "./sender";
import type { HeldSeat, PressSession, PressSocket, Slots } from "./session";
import { moduleLog } from "../log";

const logger = moduleLog("press");

/** A refused handshake's error: `data` for programs, `message` as `code: message`. */
export function handshakeError(refusal: PressHandshakeError): ExtendedError {
  return Object.assign(new Error(`${refusal.code}: ${refusal.message}`), {
    data: { code: refusal.code, message: refusal.message },
  });
}

/** Why a handshake is refused, or the session it opens (its slots taken). */
function admit(
  ctx: ServerContext,
  seats: SeatWatch,
  socket: PressSocket,
  slots: Slots,
): PressHandshakeError | PressSession {
  const auth = pressAuthSchema.safeParse(socket.handshake.auth);
  if (!auth.success) return { code: "bad-handshake", message: "send { matchID, playerID, credentials }" };
  const { matchID } = auth.data;
  const playerID = auth.data.playerID ?? null;
  const credentials = auth.data.credentials ?? null;
  if (!ctx.storage.has(matchID)) return { code: "unknown-match", message: `no match "${matchID}"` };
  const G = matchState(ctx, matchID);
  if (G === null) return { code: "unknown-match", message: `no match "${matchID}"` };
  let seat: HeldSeat | null = null;
  if (playerID !== null) {
    const power = powerOfPlayer(G, playerID);
    const holder = credentials === null ? null : seats.holderOf(matchID, playerID, credentials);
    if (power === null || credentials === null || holder === null)
      return { code: "bad-credentials", message: "those credentials do not hold that seat" };
    const overSeat = ctx.sockets.admitSeat("press", matchID, playerID, holder);
    if (overSeat) return overSeat;
    slots.seat = { matchID, playerID, holder };
    seat = { playerID, credentials, power };
  }
  return { matchID, seat, lost: false, slots };
}

/** The press namespace's handshake middleware. */
export function handshake(
  ctx: ServerContext,
  seats: SeatWatch,
): (socket: PressSocket, next: (err?: ExtendedError) => void) => void {
  return (socket, next) => {
    const slots: Slots = { address: null, seat: null };
    let releaseNow = (): void => seats.release(slots);
    const refuse = (refusal: PressHandshakeError): void => {
      releaseNow();
      next(handshakeError(refusal));
    };
    try {
      const address = ctx.sockets.addressOf(socket);
      const overAddress = ctx.sockets.admitAddress(address);
      if (overAddress) {
        next(handshakeError(overAddress));
        return;
      }
      slots.address = address;
      releaseNow = releaseOnClose(socket, () => seats.release(slots));
      const overViews = ctx.sockets.admitView(address);
      const admitted = overViews ?? admit(ctx, seats, socket, slots);
      if ("code" in admitted) refuse(admitted);
      else {
        socket.data = admitted;
        next();
      }
    } catch (e) {
      logger.error({ err: e }, "a handshake could not be checked");
      refuse({ code: "server-error", message: "the handshake could not be checked" });
    }
  };
}
