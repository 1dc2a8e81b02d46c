/**
 * `GET /api/matches/:id/record` (docs/api.md "Match records"): a match's record
 * (shared/src/wire/record.ts), built from its stored initial state and log by playing the log
 * again through the server's own `Game` (which gives each action its phase and each resolved
 * phase its checkpoint). Who may have it: the host (credentials of the seat the host holds) or,
 * for a class match, the teacher (the teacher key), at any time; any seat's holder once the match
 * has ended. A running match's record stops at its last resolved phase, for everyone: the orders
 * and moves of the phase in progress stay secret. No private press is in a record: private
 * messages are not moves, and a leak's proof is withheld (the leaked message is printed in the
 * next edition anyway; a leak that no edition printed yet ends the record before its phase).
 */
import { createHash } from "node:crypto";
import type { LogEntry, Server, State } from "boardgame.io";
import { canonicalJson, stepActions, type Step } from "../../../shared/src/match/replay";
import type { MatchState } from "../../../shared/src";
import {
  PROOF_WITHHELD,
  RECORD_FORMAT,
  RECORD_VERSION,
  type MatchRecord,
  type RecordAction,
  type RecordCheckpoint,
} from "../../../shared/src/wire";
import { ClassStore, keyMatches } from "../classes/store";
import type { ServerContext } from "../context";
import { seatHeld } from "../transport";
import { LobbyError } from "./guards";
import { loadMetadata } from "./load";

/** sha256 of a text, as hex. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Whether `key` holds a seat of the match: `seats` names which ones count. */
function holdsSeat(metadata: Server.MatchData, seats: readonly number[], key: string): boolean {
  return seats.some((seat) => seatHeld(metadata, String(seat), key));
}

/** Whether `key` is the teacher key of the class session the match belongs to. */
function isTeacher(ctx: ServerContext, matchID: string, key: string): boolean {
  const store = new ClassStore(ctx.db);
  const classId = store.classOfMatch(matchID);
  const row = classId === null ? null : store.byId(classId);
  return row !== null && keyMatches(key, row.teacherHash);
}

/**
 * Moves whose content stays with their seat after the phase resolves (secret pacts and what was
 * done with them, notices, draw votes): while a match runs, a player who asks for its record (the
 * host) gets none of other seats'.
 */
const KEPT_FROM_PLAYERS: ReadonlySet<string> = new Set([
  "propose",
  "accept",
  "reject",
  "withdraw",
  "notice",
  "drawVote",
]);

/**
 * Refuses a request that may not have the record: 401 `no-key` without a key, 403 `wrong-key`.
 * Returns the seat of a player who asks while the match runs (the host), else null (the teacher,
 * or anyone once it has ended).
 */
function mustMayRead(
  ctx: ServerContext,
  matchID: string,
  metadata: Server.MatchData,
  ended: boolean,
  key: string | null,
): number | null {
  if (key === null)
    throw new LobbyError(
      401,
      "no-key",
      "send the host's seat credentials (or the teacher key) as Authorization: Bearer <key>",
    );
  if (ended && holdsSeat(metadata, Object.keys(metadata.players).map(Number), key)) return null;
  if (isTeacher(ctx, matchID, key)) return null;
  const hostSeat = ctx.records.setup(matchID)?.hostSeat ?? null;
  if (hostSeat !== null && holdsSeat(metadata, [hostSeat], key)) return hostSeat;
  throw new LobbyError(
    403,
    "wrong-key",
    ended
      ? "that key holds no seat of this match and is not its teacher's"
      : "until the match ends, only its host or teacher may have its record",
  );
}

/** What a stored log entry's action holds when it is a move. */
interface LoggedMove {
  readonly type: "MAKE_MOVE";
  readonly payload: { readonly type: string; readonly args: unknown; readonly playerID: string };
}

/** Whether a stored log entry's action is a move. */
function isMove(action: unknown): action is LoggedMove {
  return (action as { type?: unknown }).type === "MAKE_MOVE";
}

/** The moves of a stored log, in order (other entries, such as events, are not actions). */
function movesOf(log: readonly LogEntry[]): Omit<RecordAction, "phase">[] {
  return log.flatMap((entry): Omit<RecordAction, "phase">[] => {
    const action: unknown = entry.action;
    if (!isMove(action)) return [];
    const { type, args, playerID } = action.payload;
    return [{ playerID, move: type, args: Array.isArray(args) ? (args as unknown[])[0] : undefined }];
  });
}

/** An action as a record carries it: a leak's proof withheld. */
function recorded(action: Omit<RecordAction, "phase">, phase: string): RecordAction {
  const args = action.args;
  if (action.move !== "leak" || typeof args !== "object" || args === null || !("proof" in args))
    return { phase, ...action };
  return { phase, ...action, args: { ...args, proof: PROOF_WITHHELD } };
}

/**
 * How many actions a record holds: all of an ended match, else those up to its last resolved
 * phase — and up to there too when the unresolved end holds a leak, which no edition printed.
 */
function cutAt(
  steps: readonly Step[],
  moves: readonly Omit<RecordAction, "phase">[],
  ended: boolean,
): number {
  const played = steps.filter((s) => s.after !== null);
  const resolved = played.filter((s) => s.checkpoint !== null).at(-1)?.index ?? -1;
  if (!ended) return resolved + 1;
  const unprinted = moves.slice(resolved + 1, played.length).some((m) => m.move === "leak");
  return unprinted ? resolved + 1 : played.length;
}

/**
 * A match's record, for the holder of `key` (`Authorization: Bearer <key>`): 404 `unknown-match`
 * for no such match, 401/403 as `mustMayRead` says.
 */
export function matchRecord(ctx: ServerContext, id: string, key: string | null): MatchRecord {
  const { matchID, metadata } = loadMetadata(ctx, id);
  const state = ctx.storage.fetch(matchID, { state: true }).state as State<MatchState> | undefined;
  if (!state) throw new LobbyError(404, "unknown-match", "there is no such match");
  const ended = state.ctx.gameover !== undefined;
  const player = mustMayRead(ctx, matchID, metadata, ended, key);
  // Only now the log, which may be long: a request that may not have the record costs little.
  const stored = ctx.storage.fetch(matchID, { initialState: true, log: true });
  const initialState = stored.initialState as State<MatchState> | undefined;
  if (!initialState) throw new LobbyError(404, "unknown-match", "there is no such match");
  const log: readonly LogEntry[] = stored.log ?? [];
  const moves = movesOf(log);
  const steps = [...stepActions(ctx.game, initialState, moves)];
  if (steps.some((s) => s.after === null))
    console.error(`record: match ${matchID}: the server's own replay of its log was refused`);
  const count = cutAt(steps, moves, ended);
  const complete = ended && count === moves.length;
  const last = count === 0 ? initialState : (steps[count - 1]?.after ?? initialState);
  const end = complete ? state : last;
  const random = (initialState.plugins["random"]?.data ?? {}) as { seed?: string | number };
  if (random.seed === undefined) throw new Error(`match ${matchID} has no random seed`);
  const G = initialState.G;
  return {
    format: RECORD_FORMAT,
    version: RECORD_VERSION,
    matchID,
    map: G.settings.mapId as MatchRecord["map"],
    settings: { ...G.settings, mapId: G.settings.mapId as MatchRecord["map"] },
    numPlayers: initialState.ctx.numPlayers,
    seed: ended ? random.seed : null, // the draws still to come stay the server's while it runs
    ...(G.pressSeal === undefined ? {} : { pressSeal: G.pressSeal }),
    complete,
    actions: steps
      .slice(0, count)
      .map((s) => recorded(moves[s.index]!, s.phase))
      .filter((a) => player === null || a.playerID === String(player) || !KEPT_FROM_PLAYERS.has(a.move)),
    checkpoints: steps
      .slice(0, count)
      .flatMap((s): RecordCheckpoint[] => (s.checkpoint === null ? [] : [s.checkpoint])),
    editions: end.G.editions as unknown as MatchRecord["editions"],
    finalHash: sha256(canonicalJson(end.G)),
  };
}
