/**
 * Bot seats: the server plays a seat whose kind is `bot`, or a human seat a bot stands in for
 * (`botActive`, after too many missed phases). A bot acts through exactly the moves a human has —
 * `orders`, then `ready` — run by the transport's `serverMove`, so the rules check it like anyone.
 *
 * Tactics come from the rules core's bots: a seat with the `random` personality plays random
 * legal orders; every other bot (and a stand-in for an absent player) plays the baseline. Orders
 * are seeded by match, phase and power, so a replay of the same phase gives the same orders.
 * (Diplomatic personalities arrive with issue 6; until then they share the baseline's tactics.)
 *
 * `playBotSeats` is one pass over a match; it is not re-entrant by itself. Its own moves fire the
 * transport's state-change callback, so the scheduler runs it through a per-match work loop that
 * coalesces those callbacks into one more pass instead of recursing.
 */
import {
  botOrders,
  createRng,
  getMap,
  mustAct,
  type GameMap,
  type Tactics,
  type MatchState,
  type Position,
} from "../../shared/src";
import type { ServerContext } from "./context";
import type { SeatRecord } from "./matches";

/** The key of a phase: `${year}-${season}-${phase}`, e.g. `1901-spring-movement`. */
export function phaseKey(position: Pick<Position, "year" | "season" | "phase">): string {
  return `${position.year}-${position.season}-${position.phase}`;
}

/** The tactics a bot-played seat uses: `random` for the random personality, else the baseline. */
export function tacticsOf(seat: Pick<SeatRecord, "kind" | "personality">): Tactics {
  return seat.kind === "bot" && seat.personality === "random" ? "random" : "baseline";
}

/** Whether the server plays a seat: a bot seat, or a human seat with a bot standing in. */
export function botPlays(seat: Pick<SeatRecord, "kind" | "botActive">): boolean {
  return seat.kind === "bot" || seat.botActive;
}

/** A match's current state and map, or null when it is gone or over. */
export function liveMatch(ctx: ServerContext, matchID: string): { G: MatchState; map: GameMap } | null {
  const { state } = ctx.storage.fetch(matchID, { state: true });
  if (!state || state.ctx.gameover !== undefined) return null;
  const G = state.G as MatchState;
  if (G.result) return null;
  const map = getMap(G.settings.mapId);
  return map ? { G, map } : null;
}

/**
 * Plays every bot-played seat of a match that must act in the current phase and is not ready
 * yet: its tactics' orders for its power (kept instead when the seat already has pending orders),
 * then ready. Stops early when the phase changes under it (the caller runs another pass on the
 * state change). Refusals are logged and skipped: the deadline still readies the seat.
 * @returns how many moves were accepted
 */
export async function playBotSeats(ctx: ServerContext, matchID: string): Promise<number> {
  const start = liveMatch(ctx, matchID);
  if (!start) return 0;
  const key = phaseKey(start.G.position);
  let moves = 0;
  for (const seat of ctx.records.seats(matchID)) {
    if (!botPlays(seat)) continue;
    const current = liveMatch(ctx, matchID);
    if (!current || phaseKey(current.G.position) !== key) break;
    const { G, map } = current;
    const power = G.powers[seat.seat];
    if (power === undefined || G.ready[power] === true || !mustAct(map, G, power)) continue;
    const playerID = String(seat.seat);
    if ((G.orders[power] ?? []).length === 0) {
      const rng = createRng(`${matchID}:${key}:${power}`);
      const orders = botOrders(tacticsOf(seat), map, G.position, power, rng);
      if (orders.length > 0) {
        const refused = await ctx.transport.serverMove(ctx.game, matchID, playerID, "orders", { orders });
        if (refused) console.warn(`bot ${matchID}/${power}: orders refused: ${refused.message}`);
        else moves++;
      }
    }
    const refused = await ctx.transport.serverMove(ctx.game, matchID, playerID, "ready", { ready: true });
    if (refused) console.warn(`bot ${matchID}/${power}: ready refused: ${refused.message}`);
    else moves++;
  }
  return moves;
}
