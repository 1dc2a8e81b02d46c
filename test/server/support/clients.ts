/**
 * Socket clients for the server tests: a seat (or spectator) client built on boardgame.io's own
 * `Client` with its `SocketIO` transport, exactly as a browser plays, and a raw recorder that
 * connects with socket.io-client to the game namespace, logs every event and argument it
 * receives, and can send anything (for the secrecy and hostile-input tests). Every wait is
 * bounded.
 */
import { Client } from "boardgame.io/client";
import { SocketIO } from "boardgame.io/multiplayer";
import { applyPatch, type Operation } from "rfc6902";
import net from "node:net";
import { io, type Socket } from "socket.io-client";
import { createGame, GAME_NAME, type MatchState } from "../../../shared/src";
import { sleep } from "./server";

/** boardgame.io's client for Entente. */
export type MatchClient = ReturnType<typeof Client<MatchState>>;
/** The state a client holds. */
export type ClientState = NonNullable<ReturnType<MatchClient["getState"]>>;

/** An error the server sent back (`entente:error`). */
export interface ServerError {
  readonly code: string;
  readonly message: string;
}

/** Socket options for test clients: websocket only, one connection per client, no reconnection. */
const SOCKET_OPTS = { transports: ["websocket"], forceNew: true, reconnection: false };

const game = createGame();

/** A boardgame.io client on a real socket, for one seat or a spectator (no playerID). */
export class SeatClient {
  readonly client: MatchClient;
  readonly errors: ServerError[] = [];
  private stopped = false;

  constructor(
    readonly url: string,
    readonly matchID: string,
    readonly numPlayers: number,
    readonly playerID: string | null,
    readonly credentials: string | null,
  ) {
    this.client = Client<MatchState>({
      game,
      numPlayers,
      matchID,
      ...(playerID === null ? {} : { playerID }),
      ...(credentials === null ? {} : { credentials }),
      multiplayer: SocketIO({ server: url, socketOpts: SOCKET_OPTS }),
      debug: false,
    });
  }

  /** Connects and waits for the first state (bounded). */
  async start(timeoutMs = 10_000): Promise<this> {
    this.client.start();
    const socket = this.socket();
    socket?.on("entente:error", (e: ServerError) => this.errors.push(e));
    await this.waitFor("the first sync", (s) => s.isConnected && Array.isArray(s.G.powers), timeoutMs);
    return this;
  }

  /** The underlying socket.io socket of boardgame.io's transport. */
  socket(): Socket | null {
    return (this.client as unknown as { transport: { socket?: Socket | null } }).transport.socket ?? null;
  }

  /** Disconnects (idempotent). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.client.stop();
  }

  /** The current state (throws before the first sync). */
  state(): ClientState {
    const s = this.client.getState();
    if (s === null) throw new Error(`seat ${this.playerID ?? "spectator"} has no state yet`);
    return s;
  }

  /** The current G. */
  get G(): MatchState {
    return this.state().G;
  }

  /** Sends a move by name (fire and forget: use `waitFor` for its effect). */
  move(name: string, payload: unknown): void {
    const fn = this.client.moves[name];
    if (!fn) throw new Error(`no move ${name}`);
    fn(payload);
  }

  /**
   * Sends a move and waits until `applied` holds for the new state, or the server refuses the move
   * (an `entente:error` arrives: returned), or the wait times out (throws).
   */
  async act(
    name: string,
    payload: unknown,
    applied: (s: ClientState) => boolean,
    timeoutMs = 10_000,
  ): Promise<ServerError | null> {
    const errorsBefore = this.errors.length;
    this.move(name, payload);
    await this.waitFor(
      `${name} by seat ${this.playerID}`,
      (s) => applied(s) || this.errors.length > errorsBefore,
      timeoutMs,
    );
    return this.errors.length > errorsBefore ? this.errors[errorsBefore]! : null;
  }

  /** Waits until `check` holds for the client's state, polled every few ms (bounded). */
  async waitFor(what: string, check: (s: ClientState) => boolean, timeoutMs = 10_000): Promise<ClientState> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = this.client.getState();
      if (current && check(current)) return current;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await sleep(5);
    }
  }
}

/** Starts a client per seat and waits for each to sync. */
export async function startSeats(
  url: string,
  matchID: string,
  numPlayers: number,
  seats: readonly ({ playerID: string; credentials: string } | null)[],
): Promise<(SeatClient | null)[]> {
  return Promise.all(
    seats.map((s) =>
      s === null
        ? Promise.resolve(null)
        : new SeatClient(url, matchID, numPlayers, s.playerID, s.credentials).start(),
    ),
  );
}

/** One event a raw socket received. */
export interface Received {
  readonly event: string;
  readonly args: readonly unknown[];
}

/** A state as a raw game socket holds it (its view and its own sequence number). */
export interface RawState {
  readonly G: MatchState;
  readonly ctx: Record<string, unknown>;
  readonly _stateID: number;
}

/**
 * A raw socket.io-client on a namespace that records everything it receives. On the game
 * namespace it also follows its state as boardgame.io's client does: a `sync` replaces it, a
 * `patch` from the sequence number it holds applies; a patch from any other number is a gap
 * (`gaps` counts them — a correct server never makes one).
 */
export class RawRecorder {
  readonly socket: Socket;
  readonly received: Received[] = [];
  disconnectReason: string | null = null;
  state: RawState | null = null;
  gaps = 0;

  constructor(url: string, namespace = `/${GAME_NAME}`, options: Record<string, unknown> = {}) {
    this.socket = io(`${url}${namespace}`, { ...SOCKET_OPTS, ...options });
    this.socket.onAny((event: string, ...args: unknown[]) => {
      this.received.push({ event, args });
      if (event === "sync") this.state = (args[1] as { state: RawState }).state;
      if (event === "patch") this.follow(args);
    });
    this.socket.on("disconnect", (reason) => {
      this.disconnectReason = reason;
    });
  }

  /** Applies a `patch` event's operations to the state it starts from. */
  private follow(args: readonly unknown[]): void {
    const [, prev, , ops] = args as [string, number, number, Operation[]];
    if (this.state === null || this.state._stateID !== prev) {
      this.gaps++;
      return;
    }
    const next = structuredClone(this.state);
    const failed = applyPatch(next, ops).some((e) => e !== null);
    if (failed) this.gaps++;
    else this.state = next;
  }

  /** Waits for the connection (bounded). */
  async connected(timeoutMs = 10_000): Promise<this> {
    if (this.socket.connected) return this;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("raw socket did not connect")), timeoutMs);
      this.socket.once("connect", () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.once("connect_error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    return this;
  }

  /** Emits an event with any arguments. */
  emit(event: string, ...args: unknown[]): void {
    this.socket.emit(event, ...args);
  }

  /** Syncs like boardgame.io's client does, and waits for the answer (a sync or an error). */
  async sync(
    matchID: unknown,
    playerID: unknown,
    credentials?: unknown,
    numPlayers: unknown = 7,
  ): Promise<Received> {
    const from = this.received.length;
    this.emit("sync", matchID, playerID, credentials, numPlayers);
    return this.next((r) => r.event === "sync" || r.event === "entente:error", from);
  }

  /** Waits for a received event matching `match` at or after index `from` (bounded). */
  async next(match: (r: Received) => boolean, from = 0, timeoutMs = 10_000): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(from).find(match);
      if (found) return found;
      if (Date.now() > deadline) {
        const seen = this.received
          .slice(from)
          .map((r) => r.event)
          .join(", ");
        throw new Error(`timed out after ${timeoutMs} ms; received since: ${seen || "nothing"}`);
      }
      await sleep(10);
    }
  }

  /** The `entente:error` events received at or after `from`. */
  errors(from = 0): ServerError[] {
    return this.received
      .slice(from)
      .filter((r) => r.event === "entente:error")
      .map((r) => r.args[0] as ServerError);
  }

  /** Everything received, serialised (for searching for secrets). */
  serialised(): string {
    return JSON.stringify(this.received);
  }

  /** Disconnects. */
  close(): void {
    this.socket.close();
  }
}

/** The state a raw game socket holds now (from its `sync` and the `patch`es since), or null. */
export function latestState(r: RawRecorder): RawState | null {
  return r.state;
}

/**
 * Sends a move on a raw seated socket as boardgame.io's client would, and waits (bounded) for the
 * patch that shows it to this seat or for the refusal. Returns the refusal or null.
 */
export async function rawMove(
  r: RawRecorder,
  seat: { playerID: string; credentials: string },
  matchID: string,
  move: string,
  payload: unknown,
): Promise<ServerError | null> {
  const from = r.received.length;
  const stateID = latestState(r)?._stateID ?? 0;
  r.emit(
    "update",
    {
      type: "MAKE_MOVE",
      payload: { type: move, args: [payload], playerID: seat.playerID, credentials: seat.credentials },
    },
    stateID,
    matchID,
    seat.playerID,
  );
  const got = await r.next((x) => x.event === "entente:error" || x.event === "patch", from);
  return got.event === "entente:error" ? (got.args[0] as ServerError) : null;
}

/**
 * One raw HTTP/1.1 request over node:net, the path sent exactly as written (no client tidies it):
 * its status and body. For attacks on how routes read their paths.
 */
export function rawHttp(
  port: number,
  method: string,
  path: string,
  token: string,
  body = '{"orders":[]}',
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, "127.0.0.1", () =>
      sock.write(
        `${method} ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      ),
    );
    let data = "";
    sock.setEncoding("utf8");
    sock.on("data", (chunk: string) => (data += chunk));
    sock.on("end", () =>
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0),
        text: data.slice(data.indexOf("\r\n\r\n") + 4),
      }),
    );
    sock.on("error", reject);
  });
}
