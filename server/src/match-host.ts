/**
 * The authority over every match of this server, in place of boardgame.io's `Master` (which sends
 * a new state before it is stored, runs a move as whatever seat the action names, keeps whatever
 * arguments came with it, and broadcasts the log entries of secret moves). Here a move is:
 *
 * 1. admitted — the game's own check of seat, payload schema and rules, which returns the payload
 *    its schema admitted (nothing else reaches the state or the log);
 * 2. run through boardgame.io's reducer as the seat the server says, not the sender;
 * 3. stored — state, log entries and (when the game ends) metadata in one transaction;
 * 4. only then handed back, for the transport to show (`SeatViews`). A failed write is the
 *    sender's error (`storage-failed`), is logged, and leaves the stored match as it was.
 *
 * Storage is synchronous, so each move runs from read to write in one turn of the event loop and
 * moves of one match never interleave.
 */
import type { Game, LogEntry, MoveMap, State } from "boardgame.io";
import { CreateGameReducer, ProcessGameConfig } from "boardgame.io/internal";
import type { SocketError } from "./move-guard";
import { StaleStateError, type Storage } from "./storage";
import { moduleLog } from "./log";

const logger = moduleLog("match-host");

/** A move's try that met a state another node stored first. */
const STALE = Symbol("stale");

/** A move the game admitted: its name and the payload it will run with. */
export interface Admitted {
  readonly move: string;
  readonly payload: unknown;
}

/** The game's check of a move on the current state (for Entente, the rules core's `admitMove`). */
export type AdmitMove = (
  G: unknown,
  playerID: string,
  move: string,
  payload: unknown,
) => { ok: true; value: Admitted } | { ok: false; error: SocketError };

/** What a move came to: the stored state, or why nothing changed. */
export type MoveOutcome = { ok: true; state: State } | { ok: false; error: SocketError };

type Reducer = (state: State, action: unknown) => State & { transients?: unknown; deltalog?: LogEntry[] };

/** Runs and stores moves. */
export class MatchHost {
  private readonly reducer: Reducer;
  private running: unknown = undefined; // the `G` the reducer runs a move on, while it runs (`plainMoves`)

  constructor(
    game: Game,
    private readonly storage: Storage,
    private readonly admit: AdmitMove,
  ) {
    this.reducer = CreateGameReducer({
      game: ProcessGameConfig(this.plainMoves(game)),
    }) as unknown as Reducer;
  }

  /**
   * Runs a move as `playerID` and stores the result; nothing is stored when it is refused. When
   * another node stored a state first (`StaleStateError`), the move is refused, not run again on
   * that state: it was meant for the state its sender saw, which may be a phase that has ended.
   */
  run(matchID: string, playerID: string, move: string, payload: unknown): MoveOutcome {
    const outcome = this.runOnce(matchID, playerID, move, payload);
    if (outcome !== STALE) return outcome;
    return refused(
      "storage-failed",
      "the match moved on while that move was stored, so nothing changed; look again and resend",
    );
  }

  /** One try of `run`; `STALE` when the state it ran on was no longer the stored one. */
  private runOnce(
    matchID: string,
    playerID: string,
    move: string,
    payload: unknown,
  ): MoveOutcome | typeof STALE {
    const { state } = this.storage.fetch(matchID, { state: true });
    if (!state) return refused("unknown-match", "there is no such match");
    if (state.ctx.gameover !== undefined) return refused("game-over", "the game has ended");
    const admitted = this.admit(state.G, playerID, move, payload);
    if (!admitted.ok) return admitted;
    const action = {
      type: "MAKE_MOVE",
      payload: { type: admitted.value.move, args: [admitted.value.payload], playerID },
    };
    this.running = state.G;
    const given = detached(state);
    let next: ReturnType<Reducer>;
    try {
      next = this.reducer(given, action);
    } finally {
      this.running = undefined;
    }
    if (next === given || next.transients !== undefined || next._stateID === state._stateID)
      return refused("refused", "the game refused that move");
    const { deltalog, ...stored } = next;
    try {
      this.store(matchID, stored, deltalog ?? [], state._stateID);
    } catch (error) {
      if (error instanceof StaleStateError) return STALE;
      logger.error({ err: error, matchID }, `match ${matchID}: a move could not be stored`);
      return refused("storage-failed", "the server could not store that move, so nothing changed; try again");
    }
    return { ok: true, state: stored };
  }

  /**
   * The game with each move given the state's `G` itself instead of immer's draft of it.
   * boardgame.io wraps every move in immer's `produce`, so every read a move makes goes through a
   * proxy (and drafts every object it touches) — two to three times the cost of the move itself.
   * The moves of this server's games are pure (they return the next `G` and never change the one
   * they are given), so the draft buys nothing; `produce` still takes the `G` they return.
   */
  private plainMoves(game: Game): Game {
    const moves: Record<string, unknown> = {};
    for (const [name, move] of Object.entries(game.moves ?? {})) {
      const long = typeof move === "function" ? { move } : move;
      const run = long.move as (context: { G: unknown }, ...args: unknown[]) => unknown;
      moves[name] = {
        ...long,
        move: (context: { G: unknown }, ...args: unknown[]) =>
          run({ ...context, G: this.running === undefined ? context.G : this.running }, ...args),
      };
    }
    // A copy with the game's own property descriptors: a getter (Entente's secret `seed`) stays one.
    const plain = Object.defineProperties({}, Object.getOwnPropertyDescriptors(game)) as Game;
    plain.moves = moves as MoveMap;
    return plain;
  }

  /**
   * Writes a new state over the one it was made from (state id `from`: compare-and-set), its log
   * entries, and the result once the game ends, in one transaction.
   */
  private store(matchID: string, state: State, deltalog: LogEntry[], from: number): void {
    const write = (): void => {
      this.storage.setState(matchID, state, deltalog, from);
      if (state.ctx.gameover === undefined) return;
      const { metadata } = this.storage.fetch(matchID, { metadata: true });
      if (metadata)
        this.storage.setMetadata(matchID, { ...metadata, gameover: state.ctx.gameover as unknown });
    };
    this.storage.transaction(write);
  }
}

function refused(code: string, message: string): { ok: false; error: SocketError } {
  return { ok: false, error: { code, message } };
}

/**
 * A state to hand boardgame.io's reducer: the stored one with fresh copies of the ctx's maps the
 * reducer changes in place (its flow counts a move with `_activePlayersNumMoves[playerID]++`, and
 * sets a stage with `activePlayers[playerID] = …`). The state in memory is the one the file holds,
 * so a move that is refused, or whose write fails, must leave it untouched (named case in
 * test/server/attack-memory.test.ts).
 */
function detached(state: State): State {
  const ctx = { ...state.ctx };
  if (ctx.activePlayers) ctx.activePlayers = { ...ctx.activePlayers };
  if (ctx._activePlayersMinMoves) ctx._activePlayersMinMoves = { ...ctx._activePlayersMinMoves };
  if (ctx._activePlayersMaxMoves) ctx._activePlayersMaxMoves = { ...ctx._activePlayersMaxMoves };
  if (ctx._activePlayersNumMoves) ctx._activePlayersNumMoves = { ...ctx._activePlayersNumMoves };
  return { ...state, ctx };
}
