/**
 * Clients that connect as the browser does behind HAProxy: the match id in the handshake's query
 * (the proxy's balance key, deploy/haproxy.cfg), and socket.io's reconnection on, so a socket cut
 * by a node's death comes back through the proxy by itself. A game socket syncs again on every
 * connection, as boardgame.io's client does; a press socket gets its history again.
 */
import { io, type Socket } from "socket.io-client";
import { GAME_NAME, type MatchState } from "../../../shared/src";
import { RawRecorder, type RawState, type ServerError } from "../../server/support/clients";
import type { Received } from "../../server/support/clients";
import { waitUntil } from "../../server/support/server";

/** socket.io's reconnection, quick: a test waits seconds, not a browser's minutes. */
const RECONNECT = {
  transports: ["websocket"],
  forceNew: true,
  reconnection: true,
  reconnectionDelay: 100,
  reconnectionDelayMax: 1_000,
  randomizationFactor: 0.2,
};

/** A seat (or, with no seat, a spectator) on the game socket. */
export interface SeatProofLike {
  readonly playerID: string;
  readonly credentials: string;
}

/** A game socket that syncs on every connection and follows its view. */
export class RoutedGameClient {
  readonly recorder: RawRecorder;
  connections = 0; // how many times it connected (1: never cut)

  constructor(
    readonly url: string,
    readonly matchID: string,
    readonly seat: SeatProofLike | null,
    options: { readonly viaProxy: boolean } = { viaProxy: true },
  ) {
    const query = options.viaProxy ? { query: { matchID } } : {};
    this.recorder = new RawRecorder(url, `/${GAME_NAME}`, { ...RECONNECT, ...query });
    this.recorder.socket.on("connect", () => {
      this.connections++;
      this.recorder.emit("sync", matchID, seat?.playerID ?? null, seat?.credentials, 7);
    });
  }

  /** Waits (bounded) for a synced view. */
  async start(timeoutMs = 20_000): Promise<this> {
    await this.waitFor("the first sync", () => true, timeoutMs);
    return this;
  }

  /** The view it holds now (null before its first sync). */
  get state(): RawState | null {
    return this.recorder.state;
  }

  /** The view's `G` (throws before the first sync). */
  get G(): MatchState {
    const state = this.recorder.state;
    if (state === null) throw new Error(`seat ${this.seat?.playerID ?? "spectator"} has no state yet`);
    return state.G;
  }

  /** The errors the server sent (`entente:error`). */
  errors(from = 0): ServerError[] {
    return this.recorder.errors(from);
  }

  /** How many events it has received (an index for `errors`). */
  get receivedCount(): number {
    return this.recorder.received.length;
  }

  /** Waits (bounded) until the socket is connected and its view satisfies `check`. */
  async waitFor(what: string, check: (G: MatchState) => boolean, timeoutMs = 20_000): Promise<MatchState> {
    return waitUntil(
      `${what} (seat ${this.seat?.playerID ?? "spectator"})`,
      () => {
        const state = this.recorder.state;
        return this.recorder.socket.connected && state !== null && check(state.G) ? state.G : undefined;
      },
      timeoutMs,
    );
  }

  /**
   * Sends a move as its seat, as boardgame.io's client does, and waits (bounded) until its own view
   * shows it (`applied`): the server's acknowledgement. Returns the refusal instead when one comes.
   */
  async act(
    move: string,
    payload: unknown,
    applied: (G: MatchState) => boolean,
    timeoutMs = 20_000,
  ): Promise<ServerError | null> {
    const seat = this.seat;
    if (seat === null) throw new Error("a spectator has no moves");
    const from = this.receivedCount;
    this.recorder.emit(
      "update",
      {
        type: "MAKE_MOVE",
        payload: { type: move, args: [payload], playerID: seat.playerID, credentials: seat.credentials },
      },
      this.state?._stateID ?? 0,
      this.matchID,
      seat.playerID,
    );
    await waitUntil(
      `${move} by seat ${seat.playerID} to show`,
      () => this.errors(from).length > 0 || (this.state !== null && applied(this.state.G)),
      timeoutMs,
    );
    return this.errors(from)[0] ?? null;
  }

  /** Disconnects for good. */
  close(): void {
    this.recorder.close();
  }
}

/** A press socket of a seat or a spectator, reconnecting, with every event it received. */
export class RoutedPressClient {
  readonly socket: Socket;
  readonly received: Received[] = [];

  constructor(
    readonly url: string,
    readonly matchID: string,
    seat: SeatProofLike | null,
    options: { readonly viaProxy: boolean } = { viaProxy: true },
  ) {
    const auth =
      seat === null ? { matchID } : { matchID, playerID: seat.playerID, credentials: seat.credentials };
    const query = options.viaProxy ? { query: { matchID } } : {};
    this.socket = io(`${url}/press`, { ...RECONNECT, ...query, auth });
    this.socket.onAny((event: string, ...args: unknown[]) => this.received.push({ event, args }));
  }

  /** Waits (bounded) for the socket's first `press:history`. */
  async start(timeoutMs = 20_000): Promise<this> {
    await this.next((r) => r.event === "press:history", 0, timeoutMs);
    return this;
  }

  /** Waits (bounded) for a received event matching `match` at or after index `from`. */
  async next(match: (r: Received) => boolean, from = 0, timeoutMs = 20_000): Promise<Received> {
    return waitUntil(
      `a press event (${this.matchID})`,
      () => this.received.slice(from).find(match),
      timeoutMs,
    );
  }

  /**
   * Sends a press request and waits for its ack; while the socket is cut (a node went down), waits
   * for it to come back first. Bounded.
   */
  async request(event: string, payload: unknown, timeoutMs = 20_000): Promise<Record<string, unknown>> {
    await waitUntil("the press socket to be connected", () => this.socket.connected, timeoutMs);
    return (await this.socket.timeout(timeoutMs).emitWithAck(event, payload)) as Record<string, unknown>;
  }

  /** Disconnects for good. */
  close(): void {
    this.socket.close();
  }
}
