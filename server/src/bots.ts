/**
 * Bot seats: the server plays a seat whose kind is `bot`, or a human seat a bot stands in for
 * (`botActive`, after too many missed phases). A bot acts through exactly the moves a human has —
 * accept, reject, notice, propose, draw vote, orders, ready — run by the transport's `serverMove`,
 * so the rules check it like anyone; its private messages go through the press channel like a
 * player's (`BotPress`).
 *
 * What a bot does comes from the rules core's `botTurn`, a pure function of its seat's view, its
 * profile (the seat's personality, and tactics) and a seed per match and seat — so a server that
 * restarts mid-phase plays the same bot. A bot takes one full turn per phase (until it is ready),
 * then only answers proposals put to it. A stand-in for an absent player keeps that player's
 * commitments but signs, refuses and says nothing for them: it gives orders and readies.
 *
 * `playBotSeats` is one pass over a match; it is not re-entrant by itself. Its own moves fire the
 * transport's state-change callback, so the scheduler runs it through a per-match work loop that
 * coalesces those callbacks into one more pass instead of recursing.
 */
import {
  botProfile,
  botTurn,
  getMap,
  mustAct,
  MOVE_NAMES,
  PERSONALITIES,
  playerView,
  proposalsAwaiting,
  TACTICS,
  type Action,
  type BotProfile,
  type GameMap,
  type MatchState,
  type Personality,
  type PowerId,
  type Position,
  type Tactics,
} from "../../shared/src";
import type { ServerContext } from "./context";
import type { SeatRecord } from "./matches";

/** How bots post their private messages: the press channel's server-side sender. */
export interface BotPress {
  message(matchID: string, from: PowerId, to: readonly PowerId[], text: string): void;
}

/** The key of a phase: `${year}-${season}-${phase}`, e.g. `1901-spring-movement`. */
export function phaseKey(position: Pick<Position, "year" | "season" | "phase">): string {
  return `${position.year}-${position.season}-${position.phase}`;
}

/**
 * The profile of a bot-played seat. A bot seat's `personality` is a personality id, optionally
 * with tactics after a slash (`copycat/lookahead`); unknown values fall back to the steady
 * baseline. A stand-in plays steady: it keeps its player's commitments and signs nothing.
 */
export function profileOf(seat: Pick<SeatRecord, "kind" | "personality">): BotProfile {
  if (seat.kind !== "bot" || seat.personality === null) return botProfile("steady");
  const [name, tactics] = seat.personality.split("/");
  const personality = (PERSONALITIES as readonly string[]).includes(name ?? "")
    ? (name as Personality)
    : "steady";
  const chosen = (TACTICS as readonly string[]).includes(tactics ?? "") ? (tactics as Tactics) : "baseline";
  return botProfile(personality, chosen);
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

/** The payload of an action's move: the action without its type tag. */
function payloadOf(action: Action): Record<string, unknown> {
  return Object.fromEntries(Object.entries(action).filter(([key]) => key !== "type"));
}

/** Actions a stand-in may take for an absent player: its orders, readiness. */
const STAND_IN_ACTIONS: ReadonlySet<Action["type"]> = new Set(["orders", "ready"]);

/**
 * Plays every bot-played seat of a match: its turn for the current phase (a full one until it is
 * ready, then only answers to new proposals). Pending orders a seat already has are kept. Stops
 * early when the phase changes under it (the caller runs another pass on the state change).
 * Refusals are logged and skipped: the deadline still readies the seat.
 * @returns how many moves were accepted
 */
export async function playBotSeats(ctx: ServerContext, matchID: string, press?: BotPress): Promise<number> {
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
    if (power === undefined) continue;
    const standIn = seat.kind !== "bot";
    const acted = G.ready[power] === true || !mustAct(map, G, power);
    if (standIn && acted) continue;
    // Once it has played, a bot has something to do only when a proposal awaits its answer.
    if (acted && proposalsAwaiting(G, power).length === 0) continue;
    const turn = botTurn({
      map,
      view: playerView(G, power),
      power,
      profile: profileOf(seat),
      seed: `${matchID}|${seat.seat}`,
      respondOnly: acted,
    });
    const playerID = String(seat.seat);
    const hasOrders = (G.orders[power] ?? []).length > 0;
    for (const action of turn.actions) {
      if (standIn && !STAND_IN_ACTIONS.has(action.type)) continue;
      // Keep what the seat already ordered — unless the bot re-orders to keep a pact it signs now.
      if (action.type === "orders" && hasOrders && !acted) continue;
      if (action.type === "message") {
        press?.message(matchID, power, action.to, action.text);
        continue;
      }
      const refused = await ctx.transport.serverMove(
        ctx.game,
        matchID,
        playerID,
        MOVE_NAMES[action.type],
        payloadOf(action),
      );
      if (refused) console.warn(`bot ${matchID}/${power}: ${action.type} refused: ${refused.message}`);
      else moves++;
    }
  }
  return moves;
}
