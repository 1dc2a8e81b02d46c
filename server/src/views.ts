/**
 * What one socket is shown of a match: the game's `playerView` of `G` for the socket's seat (or a
 * spectator's), and of boardgame.io's `ctx` only the flow a client needs — not the counters of
 * moves (`numMoves`, `_activePlayersNumMoves`), which would tell every seat that someone made a
 * secret move. Nothing else of the state is sent: no plugin data (the random seed), no log.
 *
 * Each socket keeps the last body it was sent and a sequence number of its own (its `_stateID`):
 * a socket whose view did not change is sent nothing at all, so neither a message nor its timing
 * gives away a move it may not see, and the numbers it sees count only what it saw change.
 */
import type { Ctx, Game, State } from "boardgame.io";
import { diff, type PatchOperation } from "./patch";

/** The flow fields of `ctx` a client is sent. */
export type PublicCtx = Pick<
  Ctx,
  | "numPlayers"
  | "playOrder"
  | "playOrderPos"
  | "activePlayers"
  | "currentPlayer"
  | "turn"
  | "phase"
  | "gameover"
> & { readonly numMoves: 0 };

/** A state as sent to one socket, before its sequence number. */
export interface ViewBody {
  readonly G: unknown;
  readonly ctx: PublicCtx;
  readonly plugins: Record<string, never>;
  readonly _undo: readonly never[];
  readonly _redo: readonly never[];
}

/** A state as the client holds it. */
export type SentState = ViewBody & { readonly _stateID: number };

const NO_PLUGINS: Record<string, never> = Object.freeze({});
const NOTHING: readonly never[] = Object.freeze([]);

const publicCtxs = new WeakMap<Ctx, PublicCtx>();

/** The flow a client is sent (one object per `ctx`, so an unchanged flow diffs to nothing). */
export function publicCtx(ctx: Ctx): PublicCtx {
  let shown = publicCtxs.get(ctx);
  if (shown === undefined) {
    const { numPlayers, playOrder, playOrderPos, activePlayers, currentPlayer, turn, phase } = ctx;
    const gameover: unknown = ctx.gameover;
    shown = { numPlayers, playOrder, playOrderPos, activePlayers, currentPlayer, turn, phase, numMoves: 0 };
    if (gameover !== undefined) shown = { ...shown, gameover };
    publicCtxs.set(ctx, shown);
  }
  return shown;
}

/** Builds the bodies of one state for each seat, once per seat per state. */
export class SeatViews {
  private state: State | null = null;
  private readonly bodies = new Map<string, ViewBody>();

  constructor(private readonly game: Game) {}

  /** The body of `state` for a seat (`null`: a spectator). */
  bodyOf(state: State, playerID: string | null): ViewBody {
    if (state !== this.state) {
      this.state = state;
      this.bodies.clear();
    }
    const key = playerID ?? "";
    let body = this.bodies.get(key);
    if (body === undefined) {
      const G: unknown = this.game.playerView
        ? this.game.playerView({ G: state.G as never, ctx: state.ctx, playerID })
        : state.G;
      body = { G, ctx: publicCtx(state.ctx), plugins: NO_PLUGINS, _undo: NOTHING, _redo: NOTHING };
      this.bodies.set(key, body);
    }
    return body;
  }
}

/** What a socket holds of a match: its sequence number and the last body it was sent. */
export interface SocketView {
  seq: number;
  body: ViewBody | null;
}

/** The patch that brings a socket from what it holds to `body`, or null when nothing changed. */
export function patchFor(
  view: SocketView,
  body: ViewBody,
): { prev: number; next: number; ops: PatchOperation[] } | null {
  const ops = diff(view.body, body);
  if (ops.length === 0) return null;
  const prev = view.seq;
  view.seq += 1;
  view.body = body;
  ops.push({ op: "replace", path: "/_stateID", value: view.seq });
  return { prev, next: view.seq, ops };
}
