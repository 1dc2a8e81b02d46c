/**
 * The game socket: boardgame.io's `Master` behind a socket.io transport of our own, which closes
 * the gaps of boardgame.io 0.50.2 (DESIGN §4):
 * - only `MAKE_MOVE` actions reach the master — client-sent events and the UPDATE/SYNC/RESET/PATCH
 *   actions that would overwrite the state are dropped;
 * - a sync for an unknown match id is refused instead of creating a match;
 * - a socket acts only for the seat it synced with credentials, and only in that match;
 * - the initial state goes out without the random plugin's seed;
 * - chat is not served (press has its own authenticated channel);
 * - origins are checked on the socket handshake;
 * - payloads are bounded, actions are rate-limited, and a refused move gets its reason back as an
 *   `entente:error` event.
 */
import type { Server as HttpServer } from "node:http";
import type { Game, LogEntry, State } from "boardgame.io";
import { Master } from "boardgame.io/master";
import { Server as SocketServer, type Socket } from "socket.io";
import { jsonParser } from "./socket-parser";
import { explainMove, isAllowedClientAction, type MatchState, type PressChannel } from "../../shared/src";
import type { Storage } from "./storage";
import { seatFilter } from "./patch";
import { RateLimiter } from "./rate-limit";

/** What the transport needs from the rest of the server. */
export interface TransportOptions {
  readonly storage: Storage;
  readonly origins: readonly string[]; // allowed Origin headers; a socket without one is allowed
  readonly auth: unknown; // boardgame.io's Auth, from the Server
  readonly actionsPerSecond: number; // per socket
  readonly maxPayloadBytes: number;
  readonly pressChannel?: PressChannel; // checks leak proofs, so a forged one gets its reason back
  /** Called after every accepted state change of a match (deadlines, bots, cleanup). */
  readonly onStateChange?: (matchID: string) => void;
  /** Called after a client's (not `serverMove`'s) accepted move: the seat's player is present. */
  readonly onAction?: (matchID: string, playerID: string) => void;
}

/** An error sent back to the socket that caused it. */
export interface SocketError {
  readonly code: string;
  readonly message: string;
}

interface Client {
  readonly socket: Socket;
  readonly matchID: string;
  readonly playerID: string | null;
  readonly credentials: string | undefined; // proven at sync; used to report the disconnect
}

type FilteredPayload = { type: string; args: unknown[] };

/** The socket transport. `init` is called by boardgame.io's `Server`; `attach` once listening. */
export class SecureTransport {
  private games: Game[] = [];
  private io: SocketServer | null = null;
  private readonly clients = new Map<string, Client>(); // socket id → client
  private readonly rooms = new Map<string, Set<string>>(); // match id → socket ids
  private readonly queues = new Map<string, Promise<unknown>>(); // match id → serialised work
  private options: TransportOptions | null = null;

  /** boardgame.io's hook: remembers the games; sockets attach later. */
  init(_app: unknown, games: Game[]): void {
    this.games = games;
  }

  /** Attaches socket.io to the listening HTTP server. */
  attach(server: HttpServer, options: TransportOptions): SocketServer {
    this.options = options;
    const io = new SocketServer(server, {
      parser: jsonParser,
      maxHttpBufferSize: options.maxPayloadBytes,
      cors: { origin: [...options.origins] },
      allowRequest: (req, callback) => {
        const origin = req.headers.origin;
        callback(null, origin === undefined || options.origins.includes(origin));
      },
    });
    this.io = io;
    for (const game of this.games) {
      const nsp = io.of(`/${game.name ?? "default"}`);
      nsp.on("connection", (socket) => this.onConnection(game, socket));
    }
    return io;
  }

  /** The socket.io server, once attached. */
  get socketServer(): SocketServer | null {
    return this.io;
  }

  /** Closes every socket. */
  close(): void {
    this.io?.close();
  }

  /** Sockets connected to a match (for tests and memory checks). */
  connectedCount(matchID: string): number {
    return this.rooms.get(matchID)?.size ?? 0;
  }

  /** Runs work for one match after the work already queued for it. */
  private enqueue<T>(matchID: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(matchID) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.queues.set(matchID, settled);
    void settled.then(() => {
      if (this.queues.get(matchID) === settled) this.queues.delete(matchID);
    });
    return next;
  }

  private readonly filters = new Map<
    Game,
    (playerID: string | null, payload: FilteredPayload) => FilteredPayload
  >();

  /** The per-seat filter of a game (built once). */
  private filterOf(game: Game): (playerID: string | null, payload: FilteredPayload) => FilteredPayload {
    let filter = this.filters.get(game);
    if (!filter) {
      filter = seatFilter(game);
      this.filters.set(game, filter);
    }
    return filter;
  }

  private master(game: Game, matchID: string, socket: Socket | null): Master {
    const options = this.options!;
    const filter = this.filterOf(game);
    const transportAPI = {
      send: ({ playerID, ...data }: { playerID: string | null; type: string; args: unknown[] }) => {
        if (socket) emitFiltered(socket, withoutSecrets(filter(playerID, data)));
      },
      sendAll: (payload: { type: string; args: unknown[] }) => {
        for (const id of this.rooms.get(matchID) ?? []) {
          const client = this.clients.get(id);
          if (client) emitFiltered(client.socket, withoutSecrets(filter(client.playerID, payload)));
        }
      },
    };
    // boardgame.io's Master types its collaborators loosely; these are the shapes it calls.
    return new Master(game, options.storage, transportAPI as never, options.auth as never);
  }

  private onConnection(game: Game, socket: Socket): void {
    const options = this.options!;
    const limiter = new RateLimiter(options.actionsPerSecond, options.actionsPerSecond * 2);
    const refuse = (error: SocketError): void => {
      socket.emit("entente:error", error);
    };

    socket.on("sync", (...args: unknown[]) => {
      const [matchID, playerID, credentials] = args;
      if (!limiter.take()) return refuse({ code: "rate-limited", message: "too many requests; slow down" });
      if (typeof matchID !== "string" || matchID.length > 64)
        return refuse({ code: "bad-sync", message: "sync needs a match id" });
      if (playerID !== null && playerID !== undefined && typeof playerID !== "string")
        return refuse({ code: "bad-sync", message: "the player id must be a string" });
      if (credentials !== undefined && credentials !== null && typeof credentials !== "string")
        return refuse({ code: "bad-sync", message: "credentials must be a string" });
      if (!options.storage.has(matchID))
        return refuse({ code: "unknown-match", message: `no match "${matchID}"` });
      const seat = typeof playerID === "string" ? playerID : null;
      void this.enqueue(matchID, async () => {
        const master = this.master(game, matchID, socket);
        const response = await master.onSync(matchID, seat as string, (credentials ?? undefined) as string);
        if (response && "error" in response) {
          refuse({ code: "unauthorized", message: "those credentials do not hold that seat" });
          return;
        }
        this.removeClient(socket.id);
        this.addClient({
          socket,
          matchID,
          playerID: seat,
          credentials: (credentials ?? undefined) as string | undefined,
        });
        if (seat !== null)
          await master.onConnectionChange(matchID, seat, (credentials ?? undefined) as string, true);
      });
    });

    socket.on("update", (...args: unknown[]) => {
      const [action, stateID, matchID, playerID] = args;
      if (!limiter.take()) return refuse({ code: "rate-limited", message: "too many actions; slow down" });
      const client = this.clients.get(socket.id);
      if (!client || client.matchID !== matchID || client.playerID === null || client.playerID !== playerID) {
        return refuse({ code: "not-synced", message: "sync with your seat's credentials before acting" });
      }
      if (typeof stateID !== "number" || !isAllowedClientAction(action)) {
        return refuse({ code: "bad-action", message: "only moves may be sent" });
      }
      void this.enqueue(client.matchID, async () => {
        const reason = this.explain(client, action);
        if (reason) {
          refuse(reason);
          return;
        }
        const master = this.master(game, client.matchID, socket);
        const refused = await master.onUpdate(
          action as never,
          stateID,
          client.matchID,
          client.playerID as string,
        );
        if (refused === undefined) options.onAction?.(client.matchID, client.playerID as string);
        options.onStateChange?.(client.matchID);
      });
    });

    socket.on("disconnect", () => {
      const client = this.clients.get(socket.id);
      this.removeClient(socket.id);
      if (client && client.playerID !== null) {
        void this.enqueue(client.matchID, async () => {
          const master = this.master(game, client.matchID, null);
          await master.onConnectionChange(
            client.matchID,
            client.playerID as string,
            undefined as never,
            false,
          );
        });
      }
    });
  }

  /** The reason a move would be refused — credentials, then the rules on the current state. */
  private explain(client: Client, action: unknown): SocketError | null {
    const payload = (action as { payload: { type: unknown; args: unknown; credentials?: unknown } }).payload;
    const { metadata } = this.options!.storage.fetch(client.matchID, { metadata: true });
    const held = metadata?.players[Number(client.playerID)]?.credentials;
    if (held === undefined || payload.credentials !== held) {
      return { code: "unauthorized", message: "those credentials do not hold that seat" };
    }
    const { state } = this.options!.storage.fetch(client.matchID, { state: true });
    if (!state) return { code: "unknown-match", message: "no such match" };
    if (state.ctx.gameover !== undefined) return { code: "game-over", message: "the game has ended" };
    const args = Array.isArray(payload.args) ? payload.args : [];
    if (typeof payload.type !== "string") return { code: "bad-action", message: "a move needs a name" };
    return explainMove(state.G as MatchState, client.playerID, payload.type, args[0], this.explainOptions());
  }

  /**
   * Runs a move as a seat from inside the server (deadlines, bots, the press channel), through the
   * same master as a client's move. Returns the reason when the rules refuse it.
   */
  async serverMove(
    game: Game,
    matchID: string,
    playerID: string,
    move: string,
    arg: unknown,
  ): Promise<SocketError | null> {
    return this.enqueue(matchID, async () => {
      const storage = this.options!.storage;
      const { state, metadata } = storage.fetch(matchID, { state: true, metadata: true });
      if (!state || !metadata) return { code: "unknown-match", message: "no such match" };
      const reason = explainMove(state.G as MatchState, playerID, move, arg, this.explainOptions());
      if (reason) return reason;
      const credentials = metadata.players[Number(playerID)]?.credentials;
      const action = {
        type: "MAKE_MOVE",
        payload: { type: move, args: [arg], playerID, credentials },
      };
      await this.master(game, matchID, null).onUpdate(action as never, state._stateID, matchID, playerID);
      this.options!.onStateChange?.(matchID);
      return null;
    });
  }

  private explainOptions(): { pressChannel?: PressChannel } {
    const channel = this.options?.pressChannel;
    return channel ? { pressChannel: channel } : {};
  }

  private addClient(client: Client): void {
    this.clients.set(client.socket.id, client);
    let room = this.rooms.get(client.matchID);
    if (!room) {
      room = new Set();
      this.rooms.set(client.matchID, room);
    }
    room.add(client.socket.id);
  }

  private removeClient(socketID: string): void {
    const client = this.clients.get(socketID);
    if (!client) return;
    this.clients.delete(socketID);
    const room = this.rooms.get(client.matchID);
    room?.delete(socketID);
    if (room && room.size === 0) this.rooms.delete(client.matchID);
  }
}

/** Emits a filtered boardgame.io payload the way boardgame.io's client expects it. */
function emitFiltered(socket: Socket, payload: FilteredPayload): void {
  socket.emit(payload.type, ...payload.args);
}

/**
 * Removes the random plugin's seed from a sync's initial state (it is sent unfiltered), and the id
 * counter, which no view carries either.
 */
function withoutSecrets(payload: FilteredPayload): FilteredPayload {
  if (payload.type !== "sync") return payload;
  const [matchID, info] = payload.args as [string, { initialState?: State; log?: LogEntry[] }];
  if (!info.initialState) return payload;
  const plugins = { ...info.initialState.plugins };
  delete plugins["random"];
  const G = { ...(info.initialState.G as MatchState), nextId: 0 };
  return { type: "sync", args: [matchID, { ...info, initialState: { ...info.initialState, G, plugins } }] };
}
