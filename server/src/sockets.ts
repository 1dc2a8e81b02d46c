/**
 * How many sockets one address and one seat may hold: every socket of the game and press
 * namespaces counts against its address (`SOCKETS_PER_ADDRESS`), and every socket that holds a
 * seat counts against that seat in its namespace (`SOCKETS_PER_SEAT`). A socket over a limit is
 * refused with a reason; its slot is given back when it disconnects.
 *
 * Views are budgeted too: a game socket's `sync` answers with its whole view (hundreds of kB late in
 * a classic match) and a press socket's connection with its whole history, so one address that
 * syncs or connects again and again could keep the server encoding views for nobody. Each address
 * may take as many views at once as it may hold sockets (`SOCKETS_PER_ADDRESS`: a class behind one
 * school address opens its game and press sockets together) and a twentieth of that per second
 * after (10 by default), at least 50 at once and 5 a second, across both namespaces.
 */
import type { Socket } from "socket.io";
import { addressKey, requestAddress } from "./client-address";
import { RateLimits } from "./rate-limit";

/**
 * Calls `release` once: when the socket disconnects, or when its connection closes first —
 * socket.io drops a socket whose connection closes before it connected without a `disconnect`, so
 * a slot taken in a namespace middleware would otherwise stay taken. Returns a function that
 * releases at once (for a middleware that refuses the socket after taking the slot).
 */
export function releaseOnClose(socket: Socket, release: () => void): () => void {
  let released = false;
  const once = (): void => {
    if (released) return;
    released = true;
    socket.conn.off("close", once);
    release();
  };
  socket.conn.once("close", once);
  socket.once("disconnect", once);
  return once;
}

/** The reason a socket was refused. */
export interface BudgetRefusal {
  readonly code: "too-many-sockets" | "rate-limited";
  readonly message: string;
}

/** Counts sockets per address and per seat. */
export class SocketBudget {
  private readonly byAddress = new Map<string, number>();
  private readonly bySeat = new Map<string, number>();
  private readonly views: RateLimits;
  private readonly addresses = new WeakMap<Socket, string>(); // each socket's address, once known

  constructor(
    private readonly perAddress: number,
    private readonly perSeat: number,
    private readonly trustedProxies: ReadonlySet<string> = new Set(),
  ) {
    this.views = new RateLimits(Math.max(5, perAddress / 20), Math.max(50, perAddress));
  }

  /**
   * The address a socket counts against: its client's (`client-address.ts`, `TRUSTED_PROXIES`), an
   * IPv6 address by its /64 as every other per-address limit counts it (`addressKey`). Worked out
   * once per socket (its handshake asks, then its connection and every sync).
   */
  addressOf(socket: Socket): string {
    let address = this.addresses.get(socket);
    if (address === undefined) {
      address = addressKey(requestAddress(socket.request, this.trustedProxies));
      this.addresses.set(socket, address);
    }
    return address;
  }

  /** Takes one of an address's views (a sync, a press history), or says why not. */
  admitView(address: string): BudgetRefusal | null {
    if (this.views.take(address)) return null;
    return {
      code: "rate-limited",
      message: "this address asked for too many whole views (syncs, press connections); wait a little",
    };
  }

  /** Takes an address's slot for a new socket, or says why not. */
  admitAddress(address: string): BudgetRefusal | null {
    const held = this.byAddress.get(address) ?? 0;
    if (held >= this.perAddress) {
      return {
        code: "too-many-sockets",
        message: `this address already holds ${held} sockets (at most ${this.perAddress}); close some`,
      };
    }
    this.byAddress.set(address, held + 1);
    return null;
  }

  /** Gives an address's slot back. */
  releaseAddress(address: string): void {
    const held = (this.byAddress.get(address) ?? 0) - 1;
    if (held > 0) this.byAddress.set(address, held);
    else this.byAddress.delete(address);
  }

  /**
   * Takes a seat's slot in a namespace (`kind`), or says why not. `holder` is who holds the seat
   * (`seatHolder`: "seat" for its own credentials, a class student's id): each holder of a team
   * seat has `SOCKETS_PER_SEAT` of their own, so no member can crowd out another.
   */
  admitSeat(kind: string, matchID: string, playerID: string, holder = "seat"): BudgetRefusal | null {
    const key = `${kind}|${matchID}|${playerID}|${holder}`;
    const held = this.bySeat.get(key) ?? 0;
    const most = this.perSeat;
    if (held >= most) {
      return {
        code: "too-many-sockets",
        message: `you already have ${held} sockets open on this seat (at most ${most}); close a tab`,
      };
    }
    this.bySeat.set(key, held + 1);
    return null;
  }

  /** Gives a seat's slot back (the holder's, as taken). */
  releaseSeat(kind: string, matchID: string, playerID: string, holder = "seat"): void {
    const key = `${kind}|${matchID}|${playerID}|${holder}`;
    const held = (this.bySeat.get(key) ?? 0) - 1;
    if (held > 0) this.bySeat.set(key, held);
    else this.bySeat.delete(key);
  }
}
