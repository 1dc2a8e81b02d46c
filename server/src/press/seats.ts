/**
 * Keeping press sockets honest: a seat's view lasts only while the socket's
 * credentials hold the seat. After every metadata write (a seat left, taken, handed over) each seat
 * socket of the match is compared with the seat's credentials, and one that no longer holds it
 * leaves its power's room, becomes a spectator's and gets `press:seat-lost` (docs/security.md).
 * Also gives back the socket budget's slots a press socket holds, each once.
 */
import type { ServerContext } from "../context";
import { seatHeld, seatHolder } from "../transport";
import { SEAT_LOST } from "./refusal";
import { powerRoom, type PressSession, type PressSocket, type Slots } from "./session";
import { moduleLog } from "../log";

const logger = moduleLog("press");

/** The connected press sockets that hold a seat, and what happens when a seat changes hands. */
export class SeatWatch {
  /** The connected sockets that hold a seat, by match. */
  private readonly held = new Map<string, Set<PressSocket>>();

  constructor(private readonly ctx: ServerContext) {}

  /** Compares every seat socket of a match with its seat after each metadata write. */
  watch(): void {
    this.ctx.storage.onMetadata((matchID, metadata) => {
      try {
        const held = this.held.get(matchID);
        if (!held) return;
        for (const socket of [...held]) {
          const seat = socket.data.seat;
          if (seat !== null && !seatHeld(metadata, seat.playerID, seat.credentials)) this.cutOff(socket);
        }
      } catch (e) {
        // never into the writer's transaction; a socket that was not cut off is refused at its next send
        logger.error({ err: e, matchID }, `checking the seats of match ${matchID} failed`);
      }
    });
  }

  /** Whether the credentials hold the seat now. */
  holdsSeat(matchID: string, playerID: string, credentials: string): boolean {
    return this.holderOf(matchID, playerID, credentials) !== null;
  }

  /** Who holds the seat with the credentials now (`seatHolder`), or null when they do not. */
  holderOf(matchID: string, playerID: string, credentials: string): string | null {
    const { metadata } = this.ctx.storage.fetch(matchID, { metadata: true });
    return seatHolder(metadata, playerID, credentials);
  }

  /** Gives a socket's budget slots back (each once). */
  release(slots: Slots): void {
    if (slots.address !== null) this.ctx.sockets.releaseAddress(slots.address);
    if (slots.seat !== null)
      this.ctx.sockets.releaseSeat("press", slots.seat.matchID, slots.seat.playerID, slots.seat.holder);
    slots.address = null;
    slots.seat = null;
  }

  /** Makes a session a spectator's whose seat was lost (gives the seat's slot back). */
  loseSeat(session: PressSession): void {
    const { seat } = session.slots;
    if (seat !== null) {
      this.ctx.sockets.releaseSeat("press", seat.matchID, seat.playerID);
      session.slots.seat = null;
    }
    session.seat = null;
    session.lost = true;
  }

  /** Follows a connected socket that holds a seat. */
  track(socket: PressSocket): void {
    const { matchID } = socket.data;
    let held = this.held.get(matchID);
    if (!held) this.held.set(matchID, (held = new Set()));
    held.add(socket);
  }

  /** Stops following a socket (it disconnected or lost its seat). */
  untrack(socket: PressSocket, matchID: string): void {
    const held = this.held.get(matchID);
    held?.delete(socket);
    if (held?.size === 0) this.held.delete(matchID);
  }

  /** Cuts a connected socket off its seat's view: it leaves its power's room and becomes a spectator. */
  cutOff(socket: PressSocket): void {
    const session = socket.data;
    const seat = session.seat;
    if (seat === null) return;
    this.untrack(socket, session.matchID);
    void socket.leave(powerRoom(session.matchID, seat.power));
    this.loseSeat(session);
    socket.emit("press:seat-lost", SEAT_LOST);
  }
}
