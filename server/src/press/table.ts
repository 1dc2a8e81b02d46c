/**
 * News of a match's table: whenever its seats change — a player joins or leaves, a seat goes to a
 * bot, a player resumes — every press socket of the match (seats and spectators) gets
 * `press:table`, so a host sees a friend sit down at once instead of at the next look at the lobby.
 * Two sources tell of a change: every metadata write (names and credentials live there) and the
 * lobby's `onSeatsChanged` (a bot standing in, a resume: kept in the server's own records). The
 * event carries only the match's id.
 *
 * Changes are coalesced: the first goes out at the next turn of the event loop, and after it a
 * match's sockets hear at most one event per `TABLE_NEWS_GAP_MS` (a change inside the gap goes out
 * at its end, once however many there were). A seated player who revokes their device link in a
 * loop (a metadata write each time) would otherwise make every socket of the match — and every
 * browser, which fetches the match on each event — hear of it a thousand times a second.
 */
import { performance } from "node:perf_hooks";
import type { PressTable } from "../../../shared/src/wire/press";
import type { ServerContext } from "../context";
import { matchRoom, type PressNamespace } from "./session";

/** The least time between two `press:table` events of one match. */
export const TABLE_NEWS_GAP_MS = 500;

/** How many matches' last send times are kept before the old ones are dropped. */
const LAST_SENT_KEPT = 1024;

/** Sends `press:table` to a match's press sockets; made before the namespace exists, attached later. */
export class TableNews {
  private nsp: PressNamespace | null = null;
  private readonly pending = new Set<string>(); // matches whose event is on its way
  private readonly lastSent = new Map<string, number>(); // when each match's last event went out

  /**
   * Starts sending on `nsp`, and hears of every metadata write this node makes. With several
   * nodes (docs/deploy.md) the event goes to the match's press sockets on every node (socket.io's
   * Redis adapter), so only the node that wrote sends it: the others hear of the write too
   * (`Storage.heardMetadata`), and would send it once more each.
   */
  attach(ctx: ServerContext, nsp: PressNamespace): void {
    this.nsp = nsp;
    ctx.storage.onMetadata((matchID) => this.changed(matchID), { ownWritesOnly: true });
  }

  /**
   * The seats of `matchID` changed: its press sockets hear of it at the next turn of the event
   * loop, or at the end of the gap after the match's last event (one event for every change since).
   */
  changed(matchID: string): void {
    if (this.nsp === null || this.pending.has(matchID)) return;
    this.pending.add(matchID);
    const wait = (this.lastSent.get(matchID) ?? -Infinity) + TABLE_NEWS_GAP_MS - performance.now();
    const send = (): void => {
      this.pending.delete(matchID);
      this.remember(matchID, performance.now());
      const table: PressTable = { matchID };
      this.nsp?.to(matchRoom(matchID)).emit("press:table", table);
    };
    if (wait <= 0) setImmediate(send);
    else setTimeout(send, wait).unref();
  }

  /** Records when a match's event went out, dropping the times that no longer hold anything back. */
  private remember(matchID: string, at: number): void {
    this.lastSent.delete(matchID);
    this.lastSent.set(matchID, at);
    if (this.lastSent.size <= LAST_SENT_KEPT) return;
    for (const [id, sent] of this.lastSent) {
      if (this.lastSent.size <= LAST_SENT_KEPT || at - sent < TABLE_NEWS_GAP_MS) break;
      this.lastSent.delete(id);
    }
  }
}
