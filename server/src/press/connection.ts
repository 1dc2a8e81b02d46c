/**
 * A press socket once its handshake is through: it joins its match's room (and its power's, for a
 * seat), gets `press:history` — every message its power sent or received and every communiqué of
 * the match, oldest first — and `press:seat-lost` if its seat changed hands meanwhile; then its
 * events are guarded and served, one handler per event.
 */
import type { PressHistory } from "../../../shared/src/wire/press";
import { onCommunique } from "./communique";
import { guardEvents, handle } from "./guard";
import type { PressHost } from "./host";
import { onLeak } from "./leak";
import { onMessage } from "./message";
import { SEAT_LOST } from "./refusal";
import { matchRoom, powerRoom, type PressFrom, type PressSocket } from "./session";

/** Serves a connected press socket. */
export function onConnection(host: PressHost, socket: PressSocket): void {
  const session = socket.data;
  const { matchID } = session;
  socket.on("disconnect", () => host.seats.untrack(socket, matchID)); // the slots go back by releaseOnClose
  // The seat may have changed hands between the handshake and now.
  if (
    session.seat !== null &&
    !host.seats.holdsSeat(matchID, session.seat.playerID, session.seat.credentials)
  )
    host.seats.loseSeat(session);
  void socket.join(matchRoom(matchID));
  if (session.seat !== null) {
    void socket.join(powerRoom(matchID, session.seat.power));
    host.seats.track(socket);
  }
  const power = session.seat?.power ?? null;
  const history: PressHistory = { power, items: host.store.history(matchID, power) };
  socket.emit("press:history", history);
  if (session.lost) socket.emit("press:seat-lost", SEAT_LOST);

  guardEvents(socket, host.ctx.config.MAX_PAYLOAD_BYTES);
  handle(socket, "message", (payload) => onMessage(host, socketFrom(host, socket), payload));
  handle(socket, "communique", (payload) => onCommunique(host, socketFrom(host, socket), payload));
  handle(socket, "leak", (payload) => onLeak(host, socketFrom(host, socket), payload));
}

/** Who a press socket sends as, now (its seat can be lost between events). */
function socketFrom(host: PressHost, socket: PressSocket): PressFrom {
  const { matchID, seat, lost } = socket.data;
  return { matchID, seat, lost, seatLost: () => host.seats.cutOff(socket) };
}
