/**
 * The seat API's open waits (long-polls and event streams): who listens to which match, woken by a
 * small hook — the transport's state changes and the press channel's deliveries call `changed` —
 * never by polling the database. Open waits are capped per seat and per address (as the socket
 * budget caps sockets), and all end when the server stops.
 */
import type { ErrorCode } from "../../../shared/src/wire";
import { addressKey } from "../client-address";
import { moduleLog } from "../log";

const logger = moduleLog("seat");

/** How many waits and event streams one seat may hold open at once. */
export const WAITS_PER_SEAT = 4;
/** How many waits and event streams one address may hold open at once. */
export const WAITS_PER_ADDRESS = 64;

/** A listener of a match's changes. */
export interface Listener {
  changed(): void; // something in the match may have changed
  closed(): void; // the server stops
}

/** The open waits of a server. */
export class SeatWaits {
  private readonly listeners = new Map<string, Set<Listener>>(); // match id → listeners
  private readonly bySeat = new Map<string, number>();
  private readonly byAddress = new Map<string, number>();
  private readonly pending = new Set<string>(); // matches whose wake-up is on its way
  private stopped = false;

  /**
   * Takes a slot for a seat's wait from an address, or says why not.
   * @returns the function that gives the slot back (once), or the refusal's code
   */
  admit(seat: string, address: string): (() => void) | ErrorCode {
    if (this.stopped) return "not-ready";
    const where = addressKey(address);
    if ((this.bySeat.get(seat) ?? 0) >= WAITS_PER_SEAT) return "too-many-waits";
    if ((this.byAddress.get(where) ?? 0) >= WAITS_PER_ADDRESS) return "too-many-waits";
    bump(this.bySeat, seat, 1);
    bump(this.byAddress, where, 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      bump(this.bySeat, seat, -1);
      bump(this.byAddress, where, -1);
    };
  }

  /** Listens to a match's changes until the returned function is called. */
  listen(matchID: string, listener: Listener): () => void {
    let set = this.listeners.get(matchID);
    if (!set) this.listeners.set(matchID, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(matchID) === set) this.listeners.delete(matchID);
    };
  }

  /** Something of a match changed: its listeners hear of it at the next turn of the event loop (once for a burst). */
  changed(matchID: string): void {
    if (!this.listeners.has(matchID) || this.pending.has(matchID)) return;
    this.pending.add(matchID);
    setImmediate(() => {
      this.pending.delete(matchID);
      for (const listener of [...(this.listeners.get(matchID) ?? [])]) {
        try {
          listener.changed();
        } catch (e) {
          logger.error({ err: e, matchID }, `waking a wait of match ${matchID} failed`);
        }
      }
    });
  }

  /** How many waits are open (tests). */
  get open(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  /** Ends every wait (the server stops); later ones are refused. */
  close(): void {
    this.stopped = true;
    for (const set of [...this.listeners.values()]) for (const listener of [...set]) listener.closed();
    this.listeners.clear();
  }
}

/** Adds to a counter, dropping it at zero. */
function bump(counts: Map<string, number>, key: string, by: number): void {
  const n = (counts.get(key) ?? 0) + by;
  if (n <= 0) counts.delete(key);
  else counts.set(key, n);
}
