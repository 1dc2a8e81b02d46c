/**
 * The game socket (`/entente`, docs/api.md "Game socket"): boardgame.io 0.50.2's client protocol
 * as the server speaks it, declared once as socket.io event maps — `ClientToServer` and
 * `ServerToClient` — for the server's typed namespace and the client's typed socket, with schemas
 * for the arguments the server receives from clients (which it never trusts: it parses them).
 */
import { z } from "zod";
import { CLIENT_ACTION_TYPE } from "../match/game";
import { MOVE_NAMES, SERVER_ONLY_MOVES, type MoveName } from "../match/moves";
import type { ErrorCode } from "./errors";

// ---------------------------------------------------------------------------------------------
// Client → server.

/** The arguments of a `sync`: `matchID, playerID | null, credentials` (boardgame.io adds `numPlayers`). */
export const syncArgsSchema = z
  .tuple([
    z
      .string({ error: "sync needs a match id" })
      .min(1, "sync needs a match id")
      .max(64, "sync needs a match id"),
    z.string({ error: "the player id must be a string" }).nullish(), // null or absent: a spectator
    z.string({ error: "credentials must be a string" }).nullish(),
  ])
  .rest(z.unknown());

/** A move as boardgame.io's client sends it. */
export const clientActionSchema = z.strictObject({
  type: z.literal(CLIENT_ACTION_TYPE, { error: "only moves of this game may be sent" }),
  payload: z.strictObject({
    type: z.enum(
      Object.values(MOVE_NAMES).filter((m) => !SERVER_ONLY_MOVES.has(m)) as [MoveName, ...MoveName[]],
      {
        error: "only moves of this game may be sent",
      },
    ),
    args: z
      .array(z.unknown(), { error: "a move's arguments are a list" })
      .max(1, "a move takes one argument")
      .nullish(),
    playerID: z.unknown().optional(), // must be the socket's seat (`wrong-seat`)
    credentials: z.unknown().optional(), // must hold that seat now (`bad-credentials`)
  }),
});
/** A move as boardgame.io's client sends it. */
export type ClientAction = z.infer<typeof clientActionSchema>;

/** The arguments of an `update`: `action, stateID, matchID, playerID`. */
export const updateArgsSchema = z
  .tuple([
    z.unknown(), // the action: `clientActionSchema`, read after the seat checks
    z.number({ error: "a move carries the number of the state it was made on" }),
    z.unknown(), // the match id: must be the socket's (`not-synced`)
    z.unknown().optional(), // the player id: must be the socket's seat (`wrong-seat`)
  ])
  .rest(z.unknown());

/** What a client sends on the game socket. */
export interface ClientToServer {
  /** Follow a match as a seat (its current credentials) or as a spectator (`playerID` null). */
  sync: (matchID: string, playerID: string | null, credentials?: string | null, numPlayers?: number) => void;
  /** Make a move for the socket's seat. */
  update: (action: ClientAction, stateID: number, matchID: string, playerID: string | null) => void;
}

// ---------------------------------------------------------------------------------------------
// Server → client.

/** A seat as boardgame.io's client expects it: id, name, connection; never credentials. */
export interface PublicPlayer {
  readonly id: number;
  readonly name?: string;
  readonly isConnected: boolean;
}

/** A socket's view of a match: the seat's `playerView` of `G`, the flow of `ctx`, its sequence. */
export interface SentView {
  readonly G: unknown;
  readonly ctx: object; // the flow only: no move counters
  readonly plugins: Readonly<Record<string, never>>;
  readonly _undo: readonly never[];
  readonly _redo: readonly never[];
  readonly _stateID: number; // this socket's own sequence number
}

/** The whole view a `sync` sends. */
export interface SyncInfo {
  readonly state: SentView;
  readonly log: readonly never[]; // no log entries are ever sent
  readonly filteredMetadata: readonly PublicPlayer[];
  readonly initialState: SentView;
}

/** One RFC 6902 operation of a `patch`. */
export type PatchOperation =
  | { readonly op: "add"; readonly path: string; readonly value: unknown }
  | { readonly op: "remove"; readonly path: string }
  | { readonly op: "replace"; readonly path: string; readonly value: unknown };

/**
 * A refusal (`entente:error`): one of `ERROR_CODES`, or the rules' own refusal of a move
 * (`unknown-move`, `not-your-unit`, …) passed on as the game gave it.
 */
export interface SocketError {
  readonly code: ErrorCode | (string & {});
  readonly message: string;
}

/** What the server sends on the game socket. */
export interface ServerToClient {
  /** The socket's whole view. */
  sync: (matchID: string, info: SyncInfo) => void;
  /** The change of the socket's view from sequence `prevSeq` to `nextSeq`; the log part is always empty. */
  patch: (
    matchID: string,
    prevSeq: number,
    nextSeq: number,
    ops: readonly PatchOperation[],
    deltalog: readonly never[],
  ) => void;
  /** Who sits where and who is connected. */
  matchData: (matchID: string, players: readonly PublicPlayer[]) => void;
  /** Why the socket's last request was refused, or that it lost its seat. */
  "entente:error": (error: SocketError) => void;
}
