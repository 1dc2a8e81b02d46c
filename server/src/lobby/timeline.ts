/**
 * A match's timeline: its stored log played again through the server's own `Game`, giving the
 * state after each resolved phase — the one source for its record (record.ts), its debrief and its
 * data exports — and who is asking. Who may have it: the host (credentials of the seat the host
 * holds) or, for a class match, the teacher (the teacher key), at any time; any seat's holder
 * once the match has ended. A running match's timeline stops at its last resolved phase, for
 * everyone: the orders and moves of the phase in progress stay secret.
 */
import type { LogEntry, Server, State } from "boardgame.io";
import type { MatchState } from "../../../shared/src";
import type { DebriefSource, PhaseState } from "../../../shared/src/debrief/source";
import { playerView } from "../../../shared/src/match/view";
import { canonicalJson, stepActions } from "../../../shared/src/match/replay";
import { PROOF_WITHHELD, type RecordAction, type RecordCheckpoint } from "../../../shared/src/wire";
import { ClassStore, keyMatches } from "../classes/store";
import type { ServerContext } from "../context";
import { seatHeld } from "../transport";
import { LobbyError } from "./guards";
import { loadMetadata } from "./load";
import { moduleLog } from "../log";

const logger = moduleLog("lobby");

/**
 * Who asks for a match's timeline: its class's teacher (everything), a seat once the match has
 * ended (everything but private press), or the host while it runs (what the host's seat may see).
 */
export type TimelineReader =
  | { readonly kind: "teacher"; readonly classId: string; readonly readsPress: boolean }
  | { readonly kind: "player"; readonly seat: number | null } // seat: the host's while the match runs; null once ended
  | { readonly kind: "host"; readonly seat: number };

/** A move of the stored log, as a record carries it before its phase is known. */
export type LoggedAction = Omit<RecordAction, "phase">;

/** One move of the log played again: its phase, and where the match stood when it resolved one. */
export interface PlayedMove {
  readonly index: number; // in the log's moves
  readonly phase: string; // the phase it was made in
  readonly checkpoint: RecordCheckpoint | null; // set when it resolved the phase
  readonly G: MatchState | null; // the state after it, kept when it resolved a phase
}

/** A match played again from its log, cut where its reader's view ends. */
export interface MatchTimeline {
  readonly matchID: string;
  readonly metadata: Server.MatchData;
  readonly reader: TimelineReader;
  readonly ended: boolean;
  readonly initial: State<MatchState>; // as stored (the whole truth: check the reader before showing)
  readonly moves: readonly LoggedAction[]; // every move of the log
  readonly played: readonly PlayedMove[]; // each move played again, in order
  readonly count: number; // how many moves the reader's view holds
  readonly complete: boolean; // the view reaches the match's end
  readonly end: MatchState; // G at the view's end (the whole truth)
  readonly start: MatchState; // the initial G as the reader may see it
  readonly phases: readonly PhaseState[]; // after each resolved phase, as the reader may see it
  readonly last: MatchState; // G at the view's end, as the reader may see it
}

/** Whether `key` holds a seat of the match: `seats` names which ones count. */
function holdsSeat(metadata: Server.MatchData, seats: readonly number[], key: string): boolean {
  return seats.some((seat) => seatHeld(metadata, String(seat), key));
}

/** The class session a match belongs to, when `key` is its teacher's key. */
function teacherOf(ctx: ServerContext, matchID: string, key: string): TimelineReader | null {
  const store = new ClassStore(ctx.db);
  const classId = store.classOfMatch(matchID);
  const row = classId === null ? null : store.byId(classId);
  if (row === null || classId === null || !keyMatches(key, row.teacherHash)) return null;
  return { kind: "teacher", classId, readsPress: row.settings.teacherReadsPress };
}

/**
 * Whether no person ever held a seat of the match: every seat a bot's, no host, not a class's. Such
 * a match is made with bots in every seat (a headless game on the server) and no one can join it,
 * so once it has ended its record, debrief and data are anyone's who knows its id.
 */
function playedByBotsOnly(ctx: ServerContext, matchID: string): boolean {
  if ((ctx.records.setup(matchID)?.hostSeat ?? null) !== null || ctx.records.isClassMatch(matchID))
    return false;
  const seats = ctx.records.seats(matchID);
  return seats.length > 0 && seats.every((s) => s.kind === "bot");
}

/**
 * Who the holder of `key` is to the match: 401 `no-key` without a key, 403 `wrong-key` for a key
 * that may not have it.
 */
export function mustMayRead(
  ctx: ServerContext,
  matchID: string,
  metadata: Server.MatchData,
  ended: boolean,
  key: string | null,
): TimelineReader {
  if (ended && playedByBotsOnly(ctx, matchID)) return { kind: "player", seat: null };
  if (key === null)
    throw new LobbyError(
      401,
      "no-key",
      "send the host's seat credentials (or the teacher key) as Authorization: Bearer <key>",
    );
  const teacher = teacherOf(ctx, matchID, key);
  if (teacher !== null) return teacher;
  if (ended && holdsSeat(metadata, Object.keys(metadata.players).map(Number), key))
    return { kind: "player", seat: null };
  const hostSeat = ctx.records.setup(matchID)?.hostSeat ?? null;
  if (hostSeat !== null && holdsSeat(metadata, [hostSeat], key)) return { kind: "host", seat: hostSeat };
  throw new LobbyError(
    403,
    "wrong-key",
    ended
      ? "that key holds no seat of this match and is not its teacher's"
      : "until the match ends, only its host or teacher may have this",
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
function movesOf(log: readonly LogEntry[]): LoggedAction[] {
  return log.flatMap((entry): LoggedAction[] => {
    const action: unknown = entry.action;
    if (!isMove(action)) return [];
    const { type, args, playerID } = action.payload;
    return [{ playerID, move: type, args: Array.isArray(args) ? (args as unknown[])[0] : undefined }];
  });
}

/**
 * How many moves a view holds: all of an ended match, else those up to its last resolved phase —
 * and up to there too when the unresolved end holds a leak, which no edition printed.
 */
function cutAt(played: readonly PlayedMove[], moves: readonly LoggedAction[], ended: boolean): number {
  const resolved = played.filter((s) => s.checkpoint !== null).at(-1)?.index ?? -1;
  if (!ended) return resolved + 1;
  const unprinted = moves.slice(resolved + 1, played.length).some((m) => m.move === "leak");
  return unprinted ? resolved + 1 : played.length;
}

/** A log played again as far as it goes: the moves played and the state after the last one. */
interface Replay {
  readonly identity: string; // the match's random seed and press seal: another match under the same id starts over
  readonly fed: readonly LoggedAction[]; // the moves given so far
  readonly played: readonly PlayedMove[];
  readonly refused: boolean; // a move was refused: nothing after it was played
  readonly last: State<MatchState>; // after the last move played
}

/** How many matches' replays are kept (the most recently asked for). */
const REPLAYS_KEPT = 64;
/** Moves played between two turns of the event loop, so a long log does not hold up other requests. */
const MOVES_PER_TURN = 50;

/** Replays by match, most recent last, per server context. */
const replays = new WeakMap<ServerContext, Map<string, Promise<Replay>>>();

/** The cache of a server context. */
function replaysOf(ctx: ServerContext): Map<string, Promise<Replay>> {
  let known = replays.get(ctx);
  if (!known) replays.set(ctx, (known = new Map<string, Promise<Replay>>()));
  return known;
}

/** What tells one match's start from another's: its random seed and its press seal. */
function identityOf(initial: State<MatchState>): string {
  const random = (initial.plugins["random"]?.data ?? {}) as { seed?: unknown };
  return canonicalJson([random.seed ?? null, initial.G.pressSeal ?? null]);
}

/** Whether a replay of `fed` moves can go on with `moves` (the log only grows). */
function continues(replay: Replay, initial: State<MatchState>, moves: readonly LoggedAction[]): boolean {
  if (replay.identity !== identityOf(initial) || replay.fed.length > moves.length) return false;
  const lastFed = replay.fed.length - 1;
  return lastFed < 0 || canonicalJson(replay.fed[lastFed]) === canonicalJson(moves[lastFed]);
}

/** Plays `moves` on from `from` (moves before `from.fed.length` are played already). */
async function playOn(
  ctx: ServerContext,
  matchID: string,
  from: Replay,
  moves: readonly LoggedAction[],
): Promise<Replay> {
  const played = [...from.played];
  let last = from.last;
  let refused = from.refused;
  const offset = from.fed.length;
  for (const step of stepActions(ctx.game, from.last, refused ? [] : moves.slice(offset))) {
    if (step.after === null) {
      refused = true;
      logger.error(
        { matchID },
        `timeline of match ${matchID}: the server's own replay of its log was refused`,
      );
      break;
    }
    last = step.after;
    const { checkpoint } = step;
    played.push({
      index: step.index + offset,
      phase: step.phase,
      // Counted from the match's first move, not from where this replay went on.
      checkpoint: checkpoint ? { ...checkpoint, actions: checkpoint.actions + offset } : null,
      G: checkpoint ? step.after.G : null,
    });
    if ((step.index + 1) % MOVES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return { identity: from.identity, fed: moves, played, refused, last };
}

/** The log of a match played again, going on from what was played for an earlier request. */
function replayOf(
  ctx: ServerContext,
  matchID: string,
  initial: State<MatchState>,
  moves: readonly LoggedAction[],
): Promise<Replay> {
  const cache = replaysOf(ctx);
  const known = cache.get(matchID);
  const start: Replay = { identity: identityOf(initial), fed: [], played: [], refused: false, last: initial };
  const next = (async () => {
    const before = known ? await known.catch(() => null) : null;
    const from = before !== null && continues(before, initial, moves) ? before : start;
    return from.fed.length === moves.length ? from : playOn(ctx, matchID, from, moves);
  })();
  cache.delete(matchID);
  cache.set(matchID, next);
  if (cache.size > REPLAYS_KEPT) cache.delete(cache.keys().next().value!);
  return next;
}

/** A state as the reader may see it: the host while the match runs sees what their seat sees. */
export function seenBy(reader: TimelineReader, G: MatchState): MatchState {
  if (reader.kind !== "host") return G;
  return playerView(G, G.powers[reader.seat] ?? null);
}

/**
 * A match's timeline for the holder of `key` (`Authorization: Bearer <key>`): 404 `unknown-match`
 * for no such match, 401/403 as `mustMayRead` says. The log is played again only as far as an
 * earlier request has not played it already, a few dozen moves per turn of the event loop.
 */
export async function matchTimeline(
  ctx: ServerContext,
  id: string,
  key: string | null,
): Promise<MatchTimeline> {
  const { matchID, metadata } = loadMetadata(ctx, id);
  const state = ctx.storage.fetch(matchID, { state: true }).state as State<MatchState> | undefined;
  if (!state) throw new LobbyError(404, "unknown-match", "there is no such match");
  const ended = state.ctx.gameover !== undefined;
  const reader = mustMayRead(ctx, matchID, metadata, ended, key);
  // Only now the log, which may be long: a request that may not have it costs little.
  const stored = ctx.storage.fetch(matchID, { initialState: true, log: true });
  const initial = stored.initialState as State<MatchState> | undefined;
  if (!initial) throw new LobbyError(404, "unknown-match", "there is no such match");
  const log: readonly LogEntry[] = stored.log ?? [];
  const moves = movesOf(log);
  const { played, last: lastPlayed } = await replayOf(ctx, matchID, initial, moves);
  const count = cutAt(played, moves, ended);
  const complete = ended && count === moves.length;
  const cut = count === 0 ? initial.G : count === played.length ? lastPlayed.G : played[count - 1]!.G!;
  const end = complete ? state.G : cut;
  const phases = played
    .slice(0, count)
    .flatMap((s): PhaseState[] => (s.G === null ? [] : [{ phase: s.phase, G: seenBy(reader, s.G) }]));
  return {
    matchID,
    metadata,
    reader,
    ended,
    initial,
    moves,
    played,
    count,
    complete,
    end,
    start: seenBy(reader, initial.G),
    phases,
    last: seenBy(reader, end),
  };
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

/** An action as a record carries it: a leak's proof withheld. */
function recorded(action: LoggedAction, phase: string): RecordAction {
  const args = action.args;
  if (action.move !== "leak" || typeof args !== "object" || args === null || !("proof" in args))
    return { phase, ...action };
  return { phase, ...action, args: { ...args, proof: PROOF_WITHHELD } };
}

/**
 * The actions of a timeline as its reader may see them, each with its phase: a leak's proof
 * withheld, and while the match runs, none of other seats' secret moves for the host.
 */
export function visibleActions(timeline: MatchTimeline): RecordAction[] {
  const { reader, played, count, moves } = timeline;
  const player = reader.kind === "host" ? String(reader.seat) : null;
  const actions = played.slice(0, count).map((s) => recorded(moves[s.index]!, s.phase));
  if (player === null) return actions;
  // Another seat's orders are public once adjudicated: only the last it gave in each phase.
  const lastOrders = new Map<string, number>(); // "<seat>/<phase>" → the index of its last orders move
  actions.forEach((a, i) => {
    if (a.move === "orders") lastOrders.set(`${a.playerID}/${a.phase}`, i);
  });
  return actions.filter((a, i) => {
    if (a.playerID === player) return true;
    if (a.move === "orders") return lastOrders.get(`${a.playerID}/${a.phase}`) === i;
    return !KEPT_FROM_PLAYERS.has(a.move);
  });
}

/** A timeline as a debrief or an export reads it. */
export function sourceOf(timeline: MatchTimeline): DebriefSource {
  return {
    matchID: timeline.matchID,
    ended: timeline.complete,
    view: timeline.reader.kind === "host" ? "seat" : "whole",
    start: timeline.start,
    phases: timeline.phases,
    last: timeline.last,
    actions: visibleActions(timeline),
  };
}
