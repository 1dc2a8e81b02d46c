/**
 * News of a match's table: whenever its seats change — a player joins or leaves, a seat goes to a
 * bot, a player resumes — every press socket of the match (seats and spectators) gets
 * `press:table`, so a host sees a friend sit down at once instead of at the next look at the lobby.
 * Two sources tell of a change: every metadata write (names and credentials live there) and the
 * lobby's `onSeatsChanged` (a bot standing in, a resume: kept in the server's own records). Changes
 * within one turn of the event loop are sent as one event. The event carries only the match's id.
 */
import type { PressTable } from "../../../shared/src/wire/press";
import type { ServerContext } from "../context";
import { matchRoom, type PressNamespace } from "./session";

/** Sends `press:table` to a match's press sockets; made before the namespace exists, attached later. */
export class TableNews {
  private nsp: PressNamespace | null = null;
  private readonly pending = new Set<string>(); // matches whose event goes out at the next turn

  /** Starts sending on `nsp`, and hears of every metadata write of `ctx`'s storage. */
  attach(ctx: ServerContext, nsp: PressNamespace): void {
    this.nsp = nsp;
    ctx.storage.onMetadata((matchID) => this.changed(matchID));
  }

  /** The seats of `matchID` changed: its press sockets hear of it (once per turn of the event loop). */
  changed(matchID: string): void {
    if (this.nsp === null || this.pending.has(matchID)) return;
    this.pending.add(matchID);
    setImmediate(() => {
      this.pending.delete(matchID);
      const table: PressTable = { matchID };
      this.nsp?.to(matchRoom(matchID)).emit("press:table", table);
    });
  }
}
