/**
 * The game socket: boardgame.io's client protocol (`sync`, `update` → `sync`, `patch`,
 * `matchData`) over socket.io, served by our `MatchHost` instead of boardgame.io's `Master`, and
 * closing the gaps of boardgame.io 0.50.2 (docs/security.md):
 * - a socket acts only for the seat whose current credentials it synced with: a move naming any
 *   other seat is refused (`wrong-seat`), and when the seat's credentials change (its player
 *   left, another took it) the socket is cut back to a spectator's view (`seat-lost`);
 * - a seat without credentials cannot be synced (an open seat is nobody's view);
 * - only `MAKE_MOVE` actions of known moves, with one argument within size and depth limits, reach
 *   the game, which admits only what the move's schema takes;
 * - nothing is sent before it is stored; a failed write is the sender's error;
 * - each socket is sent only changes of its own view, as patches, with a sequence of its own — no
 *   log entries, no move counters, nothing when its view did not change;
 * - a sync for an unknown match id is refused instead of creating a match; origins are checked on
 *   the handshake; moves are rate-limited per seat; sockets are limited per seat and per address.
 * Every refusal goes back to the sender as `entente:error { code, message }`. The events both ways
 * are declared once in `shared/src/wire/socket.ts` (`ClientToServer`, `ServerToClient`), the
 * codes in `shared/src/wire/errors.ts`.
 */
import crypto from "node:crypto";
import type { Server as HttpServer } from "node:http";
import type { Game, Server as BgioServer, State } from "boardgame.io";
import { Server as SocketServer, type Namespace, type ServerOptions, type Socket } from "socket.io";
import {
  syncArgsSchema,
  type ClientToServer,
  type ErrorCode,
  type PublicPlayer,
  type ServerToClient,
} from "../../shared/src/wire";
import { MatchHost, type AdmitMove, type MoveOutcome } from "./match-host";
import { originAllowed } from "./origins";
import { MAX_MOVE_DEPTH, readClientMove, type SocketError } from "./move-guard";
import { RateLimiter, RateLimits } from "./rate-limit";
import { releaseOnClose, type SocketBudget } from "./sockets";
import { jsonParser } from "./socket-parser";
import type { Cluster, SeatMove } from "./cluster";
import { moduleLog } from "./log";
import type { Storage } from "./storage";
import { patchFor, SeatViews, type SocketView } from "./views";

export type { SocketError } from "./move-guard";

const logger = moduleLog("transport");

/** The largest message the socket engine reads at all; over `maxPayloadBytes` a move gets an error. */
export const ENGINE_MAX_BYTES = 1024 * 1024;

/** What the transport needs from the rest of the server. */
export interface TransportOptions {
  readonly storage: Storage;
  readonly game: Game;
  readonly admit: AdmitMove; // the game's check of a move, returning what may run
  readonly origins: readonly string[]; // allowed Origin headers; a socket without one is allowed
  readonly actionsPerSecond: number; // per seat
  readonly maxPayloadBytes: number; // per move
  readonly sockets: SocketBudget;
  /** Called after every accepted state change of a match (deadlines, bots, cleanup). */
  readonly onStateChange?: (matchID: string) => void;
  /** Called after a client's (not `serverMove`'s) accepted move: the seat's player is present. */
  readonly onAction?: (matchID: string, playerID: string) => void;
  /** Why a client's moves in a match are refused now (a teacher's pause), or null. */
  readonly moveRefusal?: (matchID: string) => SocketError | null;
  /** Why moves meant for a phase (its key) are refused: the match is in another one; or null. */
  readonly phaseRefusal?: (matchID: string, phase: string) => SocketError | null;
  /**
   * Called after a client's accepted move with who made it: `"seat"` (the seat's own credentials)
   * or a class student's id, and the move as admitted.
   */
  readonly onClientMove?: (
    matchID: string,
    playerID: string,
    holder: string,
    move: string,
    arg: unknown,
  ) => void;
  /** Called when a seat's first socket of a match syncs or its last one goes. */
  readonly onPresence?: (matchID: string) => void;
  /** Where each match is run (several nodes: docs/deploy.md); one node runs them all by default. */
  readonly cluster?: Cluster;
  /** socket.io's adapter (Redis, between nodes), when there is one. */
  readonly adapter?: unknown;
}

/** A socket of the game namespace, typed by the shared event maps. */
type GameSocket = Socket<ClientToServer, ServerToClient>;

/** A refusal with one of the shared codes. */
function refusal(code: ErrorCode, message: string): SocketError {
  return { code, message };
}

/** The refusal of credentials that do not hold the seat they name. */
const BAD_CREDENTIALS = refusal("bad-credentials", "those credentials do not hold that seat");

/** One game socket. */
interface Client {
  readonly socket: GameSocket;
  readonly address: string;
  matchID: string | null;
  playerID: string | null; // null: a spectator (or not synced)
  holder: string | null; // who holds the seat (`seatHolder`), for its socket slot
  credentials: string | null;
  readonly view: SocketView;
}

/** The game namespace of the socket server. */
export class SecureTransport {
  private io: SocketServer | null = null;
  private options: TransportOptions | null = null;
  private host: MatchHost | null = null;
  private views: SeatViews | null = null;
  private actions: RateLimits | null = null;
  private readonly clients = new Map<string, Client>(); // socket id → client
  private readonly rooms = new Map<string, Set<Client>>(); // match id → synced clients
  private readonly metadata = new Map<string, BgioServer.MatchData>(); // last read or written, per match
  private readonly unshown = new Map<string, State>(); // match id → stored state its sockets are yet to be shown

  /** Attaches socket.io to the listening HTTP server and serves the game's namespace. */
  attach(server: HttpServer, options: TransportOptions): SocketServer {
    this.options = options;
    this.host = new MatchHost(options.game, options.storage, options.admit);
    this.views = new SeatViews(options.game);
    this.actions = new RateLimits(options.actionsPerSecond, options.actionsPerSecond * 2);
    const io = new SocketServer(server, {
      ...(options.adapter === undefined ? {} : { adapter: options.adapter as ServerOptions["adapter"] }),
      parser: jsonParser,
      maxHttpBufferSize: Math.max(ENGINE_MAX_BYTES, options.maxPayloadBytes * 2),
      cors: { origin: [...options.origins] },
      allowRequest: (req, callback) => {
        const origin = req.headers.origin;
        callback(null, origin === undefined || originAllowed(origin, req.headers.host, options.origins));
      },
    });
    this.io = io;
    // The game namespace speaks only the shared event maps (the server's other namespaces, e.g.
    // the press channel, declare their own).
    const nsp = io.of(`/${options.game.name ?? "default"}`) as unknown as Namespace<
      ClientToServer,
      ServerToClient
    >;
    nsp.use((socket, next) => {
      const address = options.sockets.addressOf(socket);
      const refusal = options.sockets.admitAddress(address);
      if (refusal) {
        next(new Error(`${refusal.code}: ${refusal.message}`));
        return;
      }
      releaseOnClose(socket, () => options.sockets.releaseAddress(address));
      next();
    });
    nsp.on("connection", (socket) => this.onConnection(socket));
    options.storage.onMetadata((matchID, metadata) => this.onMetadata(matchID, metadata));
    return io;
  }

  /** The socket.io server, once attached. */
  get socketServer(): SocketServer | null {
    return this.io;
  }

  /** Closes every socket (socket.io closes the HTTP server too); a failure is logged. */
  close(): void {
    this.io?.close().catch((error: unknown) => {
      logger.error({ err: error }, "closing the sockets failed");
    });
  }

  /** Sockets synced with a match (for tests and memory checks). */
  connectedCount(matchID: string): number {
    return this.rooms.get(matchID)?.size ?? 0;
  }

  /** Whether a seat of a match has a socket synced with it now. */
  isSeatConnected(matchID: string, playerID: string): boolean {
    for (const client of this.rooms.get(matchID) ?? []) if (client.playerID === playerID) return true;
    return false;
  }

  /**
   * Runs a move as a seat from inside the server (deadlines, bots, the press channel) through the
   * same host as a client's move, and shows the result. Returns the reason when it is refused.
   */
  serverMove(matchID: string, playerID: string, move: string, arg: unknown): Promise<SocketError | null> {
    const moves = [{ move, arg }];
    const local = (): SocketError | null => this.serverMovesHere(matchID, playerID, moves);
    const cluster = this.options?.cluster;
    if (!cluster) return Promise.resolve(local());
    return cluster.run({ kind: "server", matchID, playerID, credentials: null, moves }, local);
  }

  /**
   * Moves as a seat from inside the server (`serverMove`, or relayed from another node), run on
   * this node, which runs their match: one after another; the first refusal, or null.
   */
  serverMovesHere(matchID: string, playerID: string, moves: readonly SeatMove[]): SocketError | null {
    for (const { move, arg } of moves) {
      const outcome = this.run(matchID, playerID, move, arg);
      if (!outcome.ok) return outcome.error;
    }
    return null;
  }

  /**
   * A player's move (`playerMove`) run where its match is run: here, or relayed to the node that
   * owns the match (several nodes: docs/deploy.md). Resolves with the refusal, or null when it ran.
   */
  playerMoveAnywhere(
    matchID: string,
    playerID: string,
    credentials: unknown,
    move: string,
    arg: unknown,
    phase?: string,
  ): Promise<SocketError | null> {
    return this.playerMovesAnywhere(matchID, playerID, credentials, [{ move, arg }], phase);
  }

  /**
   * Moves of one seat that belong together (its orders, then ready), run where the match is run —
   * here, or relayed together to the node that owns it — in one transaction, so a crash keeps all
   * or none. With `phase` (a phase key: the phase their sender saw) they run only while the match
   * is still in it, checked where they run (`phase-moved-on` else). Stops at the first refusal
   * (the moves before it stand) and resolves with it.
   */
  playerMovesAnywhere(
    matchID: string,
    playerID: string,
    credentials: unknown,
    moves: readonly SeatMove[],
    phase?: string,
  ): Promise<SocketError | null> {
    const local = (): SocketError | null =>
      this.playerMovesHere(matchID, playerID, credentials, moves, phase);
    const cluster = this.options?.cluster;
    if (!cluster) return Promise.resolve(local());
    const relayed = { kind: "player" as const, matchID, playerID, credentials, moves: [...moves] };
    return cluster.run(phase === undefined ? relayed : { ...relayed, phase }, local);
  }

  /** `playerMovesAnywhere` on this node, which runs the match. */
  playerMovesHere(
    matchID: string,
    playerID: string,
    credentials: unknown,
    moves: readonly SeatMove[],
    phase?: string,
  ): SocketError | null {
    const options = this.options;
    if (!options) return refusal("not-ready", "the server is starting");
    const [only] = moves;
    if (moves.length === 1 && only && phase === undefined)
      return this.playerMove(matchID, playerID, credentials, only.move, only.arg); // its own transaction
    return options.storage.transaction(() => {
      const elsewhere = phase === undefined ? null : (options.phaseRefusal?.(matchID, phase) ?? null);
      if (elsewhere) return elsewhere;
      for (const [i, { move, arg }] of moves.entries()) {
        const refused = this.playerMove(matchID, playerID, credentials, move, arg);
        if (refused) return i === 0 ? refused : afterStored(refused, moves.slice(0, i), move);
      }
      return null;
    });
  }

  /**
   * Another node changed a match: its sockets here are shown the stored state (each its own
   * view's patch, if it changed).
   */
  refresh(matchID: string): void {
    if (!this.rooms.has(matchID)) return;
    const { state } = this.options!.storage.fetch(matchID, { state: true });
    if (state) this.show(matchID, state);
  }

  /**
   * Takes one move from a seat's budget (`actionsPerSecond`, shared by its sockets and the seat
   * API); false when the seat is over it.
   */
  takeAction(matchID: string, playerID: string): boolean {
    return this.actions?.take(`${matchID}/${playerID}`) ?? false;
  }

  /**
   * A player's move, from a game socket or the seat API (one path through the rules): the
   * credentials must hold the seat (a class team's member is told apart by their key), a
   * teacher's pause refuses it, then it runs and is shown; the seat's player counts as present.
   * Returns why it was refused, or null when it ran. The caller has taken it from the budget.
   */
  playerMove(
    matchID: string,
    playerID: string,
    credentials: unknown,
    move: string,
    arg: unknown,
  ): SocketError | null {
    const options = this.options;
    if (!options) return refusal("not-ready", "the server is starting");
    const holder = this.holderOf(matchID, playerID, credentials);
    if (holder === null) return BAD_CREDENTIALS;
    const paused = options.moveRefusal?.(matchID) ?? null;
    if (paused) return paused;
    const outcome = this.run(matchID, playerID, move, arg);
    if (!outcome.ok) return outcome.error;
    options.onAction?.(matchID, playerID);
    options.onClientMove?.(matchID, playerID, holder, move, arg);
    return null;
  }

  /** Runs and stores a move, then shows it to every socket whose view it changed. */
  private run(matchID: string, playerID: string, move: string, arg: unknown): MoveOutcome {
    if (!this.host) return { ok: false, error: refusal("not-ready", "the server is starting") };
    const outcome = this.host.run(matchID, playerID, move, arg);
    if (outcome.ok) {
      this.show(matchID, outcome.state);
      this.options?.onStateChange?.(matchID);
    }
    return outcome;
  }

  /**
   * Shows a stored state to the match's sockets at the end of this turn of the event loop
   * (`setImmediate`), so the states that several moves of one match stored in one turn go out as
   * one patch per socket: from what it holds to the latest stored state.
   */
  private show(matchID: string, state: State): void {
    if (this.unshown.size === 0) setImmediate(() => this.showUnshown());
    this.unshown.set(matchID, state);
  }

  /** Sends each socket of each match in `unshown` the patch of its own view, if its view changed. */
  private showUnshown(): void {
    const views = this.views!;
    const unshown = [...this.unshown];
    this.unshown.clear();
    for (const [matchID, state] of unshown) {
      for (const client of this.rooms.get(matchID) ?? []) {
        const patch = patchFor(client.view, views.bodyOf(state, client.playerID));
        if (patch) client.socket.emit("patch", matchID, patch.prev, patch.next, patch.ops, []);
      }
    }
  }

  private onConnection(socket: GameSocket): void {
    const options = this.options!;
    const client: Client = {
      socket,
      address: options.sockets.addressOf(socket),
      matchID: null,
      playerID: null,
      holder: null,
      credentials: null,
      view: { seq: 0, body: null },
    };
    this.clients.set(socket.id, client);
    const limiter = new RateLimiter(options.actionsPerSecond, options.actionsPerSecond * 2);
    const refuse = (error: SocketError): void => {
      socket.emit("entente:error", error);
    };

    socket.on("sync", (...args: unknown[]) => {
      if (!limiter.take()) {
        refuse(refusal("rate-limited", "too many requests; slow down"));
        return;
      }
      const refused = this.sync(client, args);
      if (refused) refuse(refused);
    });

    socket.on("update", (...args: unknown[]) => {
      const { matchID, playerID } = client;
      if (matchID === null || playerID === null) {
        if (!limiter.take()) return;
        refuse(refusal("not-synced", "sync with your seat's credentials before acting"));
        return;
      }
      if (!this.actions!.take(`${matchID}/${playerID}`)) {
        refuse(refusal("rate-limited", "too many moves from this seat; slow down"));
        return;
      }
      const read = readClientMove(
        args,
        { matchID, playerID },
        {
          maxBytes: options.maxPayloadBytes,
          maxDepth: MAX_MOVE_DEPTH,
        },
      );
      if (!read.ok) {
        refuse(read.error);
        return;
      }
      void this.playerMoveAnywhere(
        matchID,
        playerID,
        read.value.credentials,
        read.value.move,
        read.value.arg,
      ).then((refused) => {
        if (refused) refuse(refused);
      });
    });

    socket.onAny((event: unknown) => {
      if (event === "sync" || event === "update") return;
      if (!limiter.take()) return;
      refuse(refusal("unknown-event", `the game socket does not take "${String(event).slice(0, 40)}"`));
    });

    socket.on("disconnect", () => {
      this.leaveMatch(client);
      this.clients.delete(socket.id);
    });
  }

  /** A `sync`: checks the seat, joins the match's room and sends the socket its whole view. */
  private sync(client: Client, args: readonly unknown[]): SocketError | null {
    const options = this.options!;
    const read = syncArgsSchema.safeParse(args);
    if (!read.success) return refusal("bad-sync", read.error.issues[0]?.message ?? "sync needs a match id");
    const [matchID, playerID, credentials] = read.data;
    const overViews = options.sockets.admitView(client.address);
    if (overViews) return overViews;
    const { state, metadata } = options.storage.fetch(matchID, { state: true, metadata: true });
    if (!state || !metadata) return refusal("unknown-match", `no match "${matchID.slice(0, 64)}"`);
    const seat = typeof playerID === "string" ? playerID : null;
    const holder = seat === null ? null : seatHolder(metadata, seat, credentials);
    if (seat !== null && holder === null) return BAD_CREDENTIALS;
    const same = client.matchID === matchID && client.playerID === seat && client.holder === holder;
    if (!same && seat !== null) {
      const refusal = options.sockets.admitSeat("game", matchID, seat, holder ?? "seat");
      if (refusal) return refusal;
    }
    if (!same) this.leaveMatch(client);
    client.matchID = matchID;
    client.playerID = seat;
    client.holder = holder;
    client.credentials = seat === null ? null : (credentials as string);
    const wasConnected = seat !== null && this.isSeatConnected(matchID, seat);
    let room = this.rooms.get(matchID);
    if (!room) this.rooms.set(matchID, (room = new Set()));
    room.add(client);
    this.sendSync(client, state, metadata);
    if (seat !== null && !wasConnected) this.sendMatchData(matchID, metadata);
    if (seat !== null) options.onPresence?.(matchID);
    return null;
  }

  /** Sends a socket its whole view (a new sequence number). */
  private sendSync(client: Client, state: State, metadata: BgioServer.MatchData): void {
    const body = this.views!.bodyOf(state, client.playerID);
    client.view.seq += 1;
    client.view.body = body;
    const shown = { ...body, _stateID: client.view.seq };
    const matchID = client.matchID!;
    client.socket.emit("sync", matchID, {
      state: shown,
      log: [],
      filteredMetadata: this.publicPlayers(matchID, metadata),
      initialState: shown,
    });
  }

  /** Leaves a socket's match (its seat's slot is given back; others learn if the seat went away). */
  private leaveMatch(client: Client): void {
    const { matchID, playerID } = client;
    if (matchID === null) return;
    const room = this.rooms.get(matchID);
    room?.delete(client);
    if (room?.size === 0) this.rooms.delete(matchID);
    const holder = client.holder ?? "seat";
    client.matchID = null;
    client.playerID = null;
    client.holder = null;
    client.credentials = null;
    if (playerID === null) return;
    this.options!.sockets.releaseSeat("game", matchID, playerID, holder);
    this.options!.onPresence?.(matchID);
    if (!this.isSeatConnected(matchID, playerID)) {
      const { metadata } = this.options!.storage.fetch(matchID, { metadata: true });
      if (metadata) this.sendMatchData(matchID, metadata);
    }
  }

  /** Who holds the seat with credentials sent with a move (see `seatHolder`), or null. */
  private holderOf(matchID: string, playerID: string, credentials: unknown): string | null {
    // Several nodes: another may have changed the seats a moment ago, so the database decides.
    let metadata = this.options!.storage.shared ? undefined : this.metadata.get(matchID);
    if (metadata === undefined) {
      metadata = this.options!.storage.fetch(matchID, { metadata: true }).metadata;
      if (metadata !== undefined) this.remember(matchID, metadata);
    }
    return seatHolder(metadata, playerID, credentials);
  }

  /** How many class students play a seat (0: not a class team). */
  teamSize(matchID: string, playerID: string): number {
    const metadata =
      this.metadata.get(matchID) ?? this.options?.storage.fetch(matchID, { metadata: true }).metadata;
    return Object.keys(membersOf(metadata?.players[Number(playerID)]?.data) ?? {}).length;
  }

  /**
   * Who has a game socket open on each seat of a match: seat id → holders (`"seat"` or class
   * student ids), for the teacher's dashboard.
   */
  holdersOf(matchID: string): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    const metadata =
      this.metadata.get(matchID) ?? this.options?.storage.fetch(matchID, { metadata: true }).metadata;
    for (const client of this.rooms.get(matchID) ?? []) {
      if (client.playerID === null) continue;
      const holder = seatHolder(metadata, client.playerID, client.credentials);
      if (holder === null) continue;
      let set = out.get(client.playerID);
      if (!set) out.set(client.playerID, (set = new Set()));
      set.add(holder);
    }
    return out;
  }

  /** Keeps a match's metadata (every write comes through `onMetadata`), for the most recent matches. */
  private remember(matchID: string, metadata: BgioServer.MatchData): void {
    this.metadata.delete(matchID);
    this.metadata.set(matchID, metadata);
    if (this.metadata.size > 1024) this.metadata.delete(this.metadata.keys().next().value!);
  }

  /**
   * After a metadata write: every socket whose credentials no longer hold its seat is cut back to
   * a spectator's view, told why, and sent the spectator's view; every socket learns the seats.
   */
  private onMetadata(matchID: string, metadata: BgioServer.MatchData): void {
    this.remember(matchID, structuredClone(metadata));
    const room = this.rooms.get(matchID);
    if (!room) return;
    const { state } = this.options!.storage.fetch(matchID, { state: true });
    for (const client of [...room]) {
      if (client.playerID === null || seatHeld(metadata, client.playerID, client.credentials)) continue;
      const seat = client.playerID;
      this.options!.sockets.releaseSeat("game", matchID, seat, client.holder ?? "seat");
      client.playerID = null;
      client.holder = null;
      client.credentials = null;
      client.socket.emit(
        "entente:error",
        refusal(
          "seat-lost",
          `you no longer hold seat ${seat} (its player left it, someone else took it, or its player signed other devices out of it); you are watching as a spectator`,
        ),
      );
      if (state) this.sendSync(client, state, metadata);
    }
    this.sendMatchData(matchID, metadata);
  }

  /** Tells every socket of a match who sits where and who is connected. */
  private sendMatchData(matchID: string, metadata: BgioServer.MatchData): void {
    const players = this.publicPlayers(matchID, metadata);
    for (const client of this.rooms.get(matchID) ?? []) client.socket.emit("matchData", matchID, players);
  }

  /** The seats as boardgame.io's client expects them: ids, names, connection; never credentials. */
  private publicPlayers(matchID: string, metadata: BgioServer.MatchData): PublicPlayer[] {
    return Object.values(metadata.players).map((p) => ({
      id: p.id,
      ...(p.name === undefined ? {} : { name: p.name }),
      isConnected: this.isSeatConnected(matchID, String(p.id)),
    }));
  }
}

/**
 * A seat id as the server writes it: the seat's number in plain decimal ("0", "12"). Other
 * spellings of the same number ("01", "001") are refused, or each would count as a seat of its own
 * against every limit kept per seat (sockets, moves, press) and against `connected`.
 */
export const SEAT_ID = /^(?:0|[1-9]\d{0,2})$/;

/**
 * Whether `credentials` hold a seat now: the seat's own credentials, or — a class seat played by a
 * team of students — the key of one of its members (kept in the metadata only as its sha256, under
 * `data.members`; server/src/classes).
 */
export function seatHeld(
  metadata: BgioServer.MatchData | undefined,
  playerID: string,
  credentials: unknown,
): boolean {
  return seatHolder(metadata, playerID, credentials) !== null;
}

/**
 * Who holds a seat with `credentials`: `"seat"` for the seat's own credentials, a student id for a
 * member's key, or null when they do not hold it.
 */
export function seatHolder(
  metadata: BgioServer.MatchData | undefined,
  playerID: string,
  credentials: unknown,
): string | null {
  if (metadata === undefined || !SEAT_ID.test(playerID) || typeof credentials !== "string") return null;
  const player = metadata.players[Number(playerID)];
  const held = player?.credentials;
  if (typeof held !== "string" || held.length === 0) return null;
  if (sameSecret(held, credentials)) return "seat";
  const members = membersOf(player?.data);
  if (members === null) return null;
  const hash = crypto.createHash("sha256").update(credentials).digest("hex");
  for (const [studentID, memberHash] of Object.entries(members))
    if (sameSecret(memberHash, hash)) return studentID;
  return null;
}

/** A class seat's members (student id → sha256 of their key, hex), or null. */
export function membersOf(data: unknown): Readonly<Record<string, string>> | null {
  if (typeof data !== "object" || data === null) return null;
  const members = (data as { members?: unknown }).members;
  if (typeof members !== "object" || members === null) return null;
  return members as Record<string, string>;
}

/** Whether two secrets are equal, in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * A later move's refusal in a request of several, saying that the moves before it are stored (its
 * own message speaks of that move alone: "… so nothing changed" is true of it, not of them).
 */
function afterStored(refused: SocketError, stored: readonly SeatMove[], move: string): SocketError {
  const names = stored.map((m) => m.move).join(" and ");
  return { ...refused, message: `${names} stored, ${move} not: ${refused.message}` };
}
