/**
 * Reading matches for the lobby: a match's boardgame.io metadata and state by id (404
 * `unknown-match` for anything else), with the few facts of finished matches kept in memory, and
 * the small reads every route makes of them.
 */
import type { Server, State } from "boardgame.io";
import type Koa from "koa";
import type { MatchState, PowerId } from "../../../shared/src";
import { matchIdSchema } from "../../../shared/src/wire";
import type { ServerContext } from "../context";
import { LobbyError } from "./guards";

/** A stored match: boardgame.io's metadata and current state. */
export interface Loaded {
  readonly matchID: string;
  readonly metadata: Server.MatchData;
  readonly state: State<MatchState>;
}

/** How many finished matches' facts the lobby keeps per server. */
const FINISHED_KEPT = 1024;

/**
 * What the lobby keeps of finished matches, per server: the storage reads a finished match's whole
 * state from the file on every fetch (it keeps only running matches in memory), and a finished
 * state never changes, so the few facts the lobby reads of it are kept here, least recently used
 * dropped first.
 */
const FINISHED = new WeakMap<ServerContext, Map<string, State<MatchState>>>();

function finishedOf(ctx: ServerContext): Map<string, State<MatchState>> {
  let kept = FINISHED.get(ctx);
  if (!kept) FINISHED.set(ctx, (kept = new Map<string, State<MatchState>>()));
  return kept;
}

/**
 * The part of a finished match's state the lobby reads (its settings, powers, the phase it ended
 * in, its result; every other field of `G` is left out), small enough to keep.
 */
function finishedFacts(state: State<MatchState>): State<MatchState> {
  const { settings, powers, position, result } = state.G;
  const { year, season, phase } = position;
  const G = { settings, powers, position: { year, season, phase }, result } as unknown as MatchState;
  return { G, ctx: state.ctx, plugins: {}, _undo: [], _redo: [], _stateID: state._stateID };
}

/** A refusal for an id that names no match. */
function unknownMatch(id: string): LobbyError {
  return new LobbyError(404, "unknown-match", `there is no match "${id.slice(0, 64)}"`);
}

/** A match's metadata by id, or a 404 `unknown-match` (reads no state). */
export function loadMetadata(
  ctx: ServerContext,
  id: string,
): { matchID: string; metadata: Server.MatchData } {
  const matchID = matchIdSchema.safeParse(id);
  if (matchID.success) {
    const { metadata } = ctx.storage.fetch(matchID.data, { metadata: true });
    if (metadata) return { matchID: matchID.data, metadata };
  }
  throw unknownMatch(id);
}

/** Loads a match by id, or refuses with 404 `unknown-match` (a finished match: its kept facts). */
export function load(ctx: ServerContext, id: string): Loaded {
  const finished = finishedOf(ctx);
  const kept = finished.get(id);
  if (kept) {
    const { matchID, metadata } = loadMetadata(ctx, id);
    finished.delete(matchID);
    finished.set(matchID, kept);
    return { matchID, metadata, state: kept };
  }
  const matchID = matchIdSchema.safeParse(id);
  if (matchID.success) {
    const { metadata, state } = ctx.storage.fetch(matchID.data, { metadata: true, state: true });
    if (metadata && state) {
      if (state.ctx.gameover === undefined)
        return { matchID: matchID.data, metadata, state: state as State<MatchState> };
      const facts = finishedFacts(state as State<MatchState>);
      finished.set(matchID.data, facts);
      if (finished.size > FINISHED_KEPT) finished.delete(finished.keys().next().value!);
      return { matchID: matchID.data, metadata, state: facts };
    }
  }
  throw unknownMatch(id);
}

/** The number of seats of a match. */
export function seatCount(metadata: Server.MatchData): number {
  return Object.keys(metadata.players).length;
}

/** A seat's boardgame.io metadata, or a 404. */
export function playerOf(loaded: Loaded, seat: number): Server.PlayerMetadata {
  const player = loaded.metadata.players[seat];
  if (!player) throw new LobbyError(404, "unknown-seat", `match ${loaded.matchID} has no seat ${seat}`);
  return player;
}

/** The power a seat plays: every seat of a match plays one (seat i plays `G.powers[i]`). */
export function powerOf(loaded: Loaded, seat: number): PowerId {
  const power = loaded.state.G.powers[seat];
  if (power === undefined) throw new Error(`match ${loaded.matchID} has no power for seat ${seat}`);
  return power;
}

/** The public origin for invite links: PUBLIC_URL's, else the request's. */
export function publicOrigin(ctx: ServerContext, kctx: Koa.Context): string {
  return ctx.config.PUBLIC_URL ? new URL(ctx.config.PUBLIC_URL).origin : kctx.origin;
}
