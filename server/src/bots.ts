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
 * commitments but signs, refuses and says nothing for them: it gives orders and readies. A bot seat
 * also answers each private message a player sends it, once (`answerPrivateMessage`).
 *
 * A language-model bot seat (personality `llm` or `llm:<honesty>`, docs/llm-bots.md) takes its full
 * turn with the model (`llmTurn`, through the server's one `LlmSeats`), in time for the phase's
 * deadline, falling back to a copycat bot of its tactics for whatever the model did not give; its
 * answers to proposals after its turn and to private messages are that heuristic bot's. On a server
 * with no language-model endpoint it plays as that heuristic bot.
 *
 * `playBotSeats` is one pass over a match; it is not re-entrant by itself. Its own moves fire the
 * transport's state-change callback, so the scheduler runs it through a per-match work loop that
 * coalesces those callbacks into one more pass instead of recursing. Storage is synchronous, so a
 * pass never waits on its own: it takes a turn (`Turn`, the scheduler's) before working out a
 * seat's moves and before each move while the phase waits for the seat, which lets the event loop
 * serve sockets and HTTP between them. A seat that is already ready (a bot answering a proposal
 * after its orders) makes its moves together, so nobody can resolve the phase between a bot's
 * signature and the orders that keep it.
 *
 * Who plays a seat, in the game's words: the server plays a bot seat and a seat with a stand-in
 * (`botPlays`); a person plays a human seat with no stand-in whose power is still in the game
 * (`personPlays`). A match nobody plays in person (`serverPlaysAll`: bots, stand-ins, open seats
 * and eliminated powers only) is paced like a match of bots.
 */
import { createHash } from "node:crypto";
import {
  answerMessage,
  awaitsOrders,
  botProfile,
  botTurn,
  eliminatedPowers,
  getMap,
  mustAct,
  MOVE_NAMES,
  payloadOf,
  PERSONALITIES,
  phaseKey,
  playerView,
  proposalsAwaiting,
  TACTICS,
  type Action,
  type BotProfile,
  type GameMap,
  type MatchState,
  type Personality,
  type PowerId,
  type PressItem,
  type PressMessage,
  type Tactics,
} from "../../shared/src";
import { isHonesty, type Honesty } from "../../shared/src/bots/llm";
import type { ServerContext } from "./context";
import { llmSeatsOf } from "./llm";
import type { SeatRecord } from "./matches";
import { moduleLog } from "./log";

const logger = moduleLog("bots");

/** How bots post their private messages: the press channel's server-side sender. */
export interface BotPress {
  /**
   * Stores and delivers a bot's message; with an `id`, only if no message with that id is stored
   * yet. Returns whether it was sent.
   */
  message(matchID: string, from: PowerId, to: readonly PowerId[], text: string, id?: string): boolean;
  /** Every item a power sent or received in a match, oldest first (what a language-model bot reads). */
  history?(matchID: string, power: PowerId): PressItem[];
}

/**
 * The honesty of a language-model bot seat (personality `llm`, pragmatic, or `llm:<honesty>`,
 * optionally with tactics after a slash: `llm:honest/lookahead`); null for any other seat.
 */
export function llmHonesty(seat: Pick<SeatRecord, "kind" | "personality">): Honesty | null {
  if (seat.kind !== "bot" || seat.personality === null) return null;
  const name = seat.personality.split("/")[0] ?? "";
  if (name === "llm") return "pragmatic";
  const honesty = name.startsWith("llm:") ? name.slice("llm:".length) : "";
  return isHonesty(honesty) ? honesty : null;
}

/**
 * The profile of a bot-played seat. A bot seat's `personality` is a personality id, optionally
 * with tactics after a slash (`copycat/lookahead`); unknown values fall back to the steady
 * baseline. A language-model bot's profile (its fallback) is copycat. A stand-in plays steady: it
 * keeps its player's commitments and signs nothing.
 */
export function profileOf(seat: Pick<SeatRecord, "kind" | "personality">): BotProfile {
  if (seat.kind !== "bot" || seat.personality === null) return botProfile("steady");
  const [word, tactics] = seat.personality.split("/");
  const name = llmHonesty(seat) === null ? word : "copycat";
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

/**
 * Whether a person plays a seat now: a human seat with no stand-in, whose power is still in the
 * game (`eliminated`: the powers out of it).
 */
export function personPlays(
  seat: Pick<SeatRecord, "seat" | "kind" | "botActive">,
  G: MatchState,
  eliminated: readonly PowerId[],
): boolean {
  const power = G.powers[seat.seat];
  return seat.kind === "human" && !seat.botActive && power !== undefined && !eliminated.includes(power);
}

/**
 * Whether nobody plays a match in person: every seat is a bot, a stand-in, open, or out of the
 * game. The server alone moves such a match on, so it is paced like a match of bots.
 */
export function serverPlaysAll(
  seats: readonly Pick<SeatRecord, "seat" | "kind" | "botActive">[],
  map: GameMap,
  G: MatchState,
): boolean {
  const eliminated = eliminatedPowers(map, G.position);
  return !seats.some((s) => personPlays(s, G, eliminated));
}

/**
 * Whether a human seat (its person, or the stand-in for them) has something to do in the current
 * phase. A phase where none has is not counted as idle.
 */
export function humanOwes(
  seats: readonly Pick<SeatRecord, "seat" | "kind">[],
  map: GameMap,
  G: MatchState,
): boolean {
  return seats.some((s) => {
    const power = G.powers[s.seat];
    return s.kind === "human" && power !== undefined && mustAct(map, G, power);
  });
}

/**
 * Waits for the scheduler's next turn of the event loop; resolves false when the scheduler has
 * stopped and the pass should end.
 */
export type Turn = () => Promise<boolean>;

/** A turn that never waits (for callers with no scheduler). */
const NO_WAIT: Turn = () => Promise.resolve(true);

/** A match's current state and map, or null when it is gone or over. */
export function liveMatch(ctx: ServerContext, matchID: string): { G: MatchState; map: GameMap } | null {
  const { state } = ctx.storage.fetch(matchID, { state: true });
  if (!state || state.ctx.gameover !== undefined) return null;
  const G = state.G as MatchState;
  if (G.result) return null;
  const map = getMap(G.settings.mapId);
  return map ? { G, map } : null;
}

/** Actions a stand-in may take for an absent player: its orders, readiness. */
const STAND_IN_ACTIONS: ReadonlySet<Action["type"]> = new Set(["orders", "ready"]);

/**
 * Plays every bot-played seat of a match: its turn for the current phase (a full one until it is
 * ready, then only answers to new proposals). Pending orders a seat already has are kept. Stops
 * early when the phase changes under it (the caller runs another pass on the state change).
 * Refusals are logged and skipped: the deadline still readies the seat. Takes a `turn` before
 * working out a seat's moves and before each move while the phase waits for the seat, so one move
 * (or a ready bot's whole answer) is the most it does without letting the server breathe.
 * @returns how many moves were accepted
 */
export async function playBotSeats(
  ctx: ServerContext,
  matchID: string,
  press?: BotPress,
  turn: Turn = NO_WAIT,
): Promise<number> {
  const start = liveMatch(ctx, matchID);
  if (!start) return 0;
  const key = phaseKey(start.G.position);
  let moves = 0;
  for (const seat of ctx.records.seats(matchID)) {
    const due = seatTurn(ctx, matchID, seat.seat, key);
    if (due === "phase-over") break;
    if (due === null) continue;
    const played = await playSeat(ctx, matchID, seat.seat, key, press, turn);
    if (played === null) break;
    moves += played;
  }
  return moves;
}

/** What a seat has to do now: its full turn, only answers, nothing (null: or nobody to play it). */
type SeatDue = { readonly seat: SeatRecord; readonly respondOnly: boolean } | "phase-over" | null;

/**
 * What the server has to play for a seat in phase `key` of a match now ("phase-over": the phase
 * moved on; null: nothing, or the seat is not the server's to play).
 */
function seatTurn(ctx: ServerContext, matchID: string, index: number, key: string): SeatDue {
  const current = liveMatch(ctx, matchID);
  if (!current || phaseKey(current.G.position) !== key) return "phase-over";
  const seat = ctx.records.seats(matchID).find((s) => s.seat === index);
  if (!seat || !botPlays(seat)) return null;
  const { G, map } = current;
  const power = G.powers[index];
  if (power === undefined) return null;
  const acted = !awaitsOrders(map, G, power);
  if (!acted) return { seat, respondOnly: false };
  // Once it has played, a bot has something to do only when a proposal awaits its answer; a
  // stand-in answers nothing.
  if (seat.kind !== "bot" || proposalsAwaiting(G, power).length === 0) return null;
  return { seat, respondOnly: true };
}

/**
 * Plays one bot-played seat's turn through the transport, as its player would. It takes a turn
 * before working out its moves, and before each move while the phase waits for the seat, and
 * checks each time that the phase is the same and the seat still the server's (a returning player
 * takes their seat back at once).
 * @returns how many moves were accepted; null when the phase moved on or the scheduler stopped
 */
async function playSeat(
  ctx: ServerContext,
  matchID: string,
  index: number,
  key: string,
  press: BotPress | undefined,
  turn: Turn,
): Promise<number | null> {
  if (!(await turn())) return null;
  const due = seatTurn(ctx, matchID, index, key);
  if (due === "phase-over") return null;
  if (due === null) return 0;
  const { G, map } = liveMatch(ctx, matchID)!;
  const power = G.powers[index]!;
  const standIn = due.seat.kind !== "bot";
  const acted = due.respondOnly;
  const input = {
    map,
    view: playerView(G, power),
    power,
    profile: profileOf(due.seat),
    seed: `${matchID}|${index}`,
    respondOnly: acted,
  };
  const honesty = standIn || acted ? null : llmHonesty(due.seat);
  const llm = honesty === null ? null : llmSeatsOf(ctx);
  const actions: readonly Action[] =
    llm === null || honesty === null
      ? botTurn(input).actions
      : await llm.play({
          matchID,
          seat: index,
          honesty,
          input,
          press: readablePress(press, matchID, power),
          timeLeft: timeLeft(ctx, matchID),
        });
  // The model took time: play only if the phase and the seat are still as they were.
  if (llm !== null && !stillPlays(ctx, matchID, index, key))
    return seatTurn(ctx, matchID, index, key) === "phase-over" ? null : 0;
  const hasOrders = (G.orders[power] ?? []).length > 0;
  let moves = 0;
  for (const action of actions) {
    if (standIn && !STAND_IN_ACTIONS.has(action.type)) continue;
    // Keep what the seat already ordered — unless the bot re-orders to keep a pact it signs now.
    if (action.type === "orders" && hasOrders && !acted) continue;
    if (action.type === "message") {
      press?.message(matchID, power, action.to, action.text);
      continue;
    }
    // While the phase waits for this seat, its moves may each take a turn; once the seat is ready
    // (a bot answering after its orders), they go together: a bot that signs re-orders to keep its
    // word before anyone could resolve the phase.
    if (holdsPhase(ctx, matchID, power)) {
      if (!(await turn())) return null;
      if (!stillPlays(ctx, matchID, index, key)) return moves;
    }
    const refused = await ctx.transport.serverMove(
      matchID,
      String(index),
      MOVE_NAMES[action.type],
      payloadOf(action),
    );
    if (refused)
      logger.warn(
        { matchID, power, action: action.type, code: refused.code },
        `bot ${matchID}/${power}: ${action.type} refused: ${refused.message}`,
      );
    else moves++;
  }
  return moves;
}

/** The private messages a power sent or received in a match, as a language-model bot reads them. */
function readablePress(press: BotPress | undefined, matchID: string, power: PowerId): PressMessage[] {
  return (press?.history?.(matchID, power) ?? []).flatMap((item) =>
    item.kind === "message"
      ? [{ id: item.id, from: item.from, to: item.to, text: item.text, at: item.at }]
      : [],
  );
}

/** The time left to the current phase's deadline by the server's clock, in ms (null: no clock). */
function timeLeft(ctx: ServerContext, matchID: string): number | null {
  const clock = ctx.records.clock(matchID);
  return clock ? clock.deadline - ctx.now() : null;
}

/** Whether the current phase of a match waits for a power (it must act and is not ready). */
function holdsPhase(ctx: ServerContext, matchID: string, power: PowerId): boolean {
  const live = liveMatch(ctx, matchID);
  return live !== null && awaitsOrders(live.map, live.G, power);
}

/** Whether the server still plays a seat in phase `key` of a match. */
function stillPlays(ctx: ServerContext, matchID: string, index: number, key: string): boolean {
  const live = liveMatch(ctx, matchID);
  const seat = ctx.records.seats(matchID).find((s) => s.seat === index);
  return live !== null && phaseKey(live.G.position) === key && seat !== undefined && botPlays(seat);
}

/** The id of a bot's reply to a message: derived from the message, so it can be stored only once. */
export function replyId(matchID: string, messageID: string, bot: PowerId): string {
  const digest = createHash("sha256").update(`entente-reply|${matchID}|${messageID}|${bot}`).digest();
  return `p${digest.subarray(0, 12).toString("base64url")}`;
}

/**
 * Answers a player's private message on behalf of every bot seat it went to (`answerMessage`: a
 * short reply by personality, ledger and plan, and perhaps a matching proposal, made through the
 * `propose` move like a player's). Each bot answers a message once: its reply's id is derived
 * from the message's (`replyId`), and the press store keeps ids unique, so a message heard again
 * is not answered again; the proposal goes only with a reply that was sent. A stand-in says
 * nothing for its player; a paused or finished match gets no answer.
 * @returns how many replies were sent
 */
export async function answerPrivateMessage(
  ctx: ServerContext,
  matchID: string,
  item: PressItem,
  press: BotPress | undefined,
): Promise<number> {
  if (press === undefined || item.kind !== "message") return 0;
  if ((ctx.records.idleness(matchID)?.pausedLeft ?? null) !== null) return 0;
  let sent = 0;
  for (const to of item.to) {
    const live = liveMatch(ctx, matchID);
    if (!live) return sent;
    const { G, map } = live;
    const index = G.powers.indexOf(to);
    const seat = ctx.records.seats(matchID).find((s) => s.seat === index);
    if (!seat || seat.kind !== "bot") continue;
    const reply = answerMessage({
      map,
      view: playerView(G, to),
      power: to,
      profile: profileOf(seat),
      seed: `${matchID}|${index}`,
      message: item,
    });
    if (reply === null) continue;
    if (!press.message(matchID, to, [item.from], reply.text, replyId(matchID, item.id, to))) continue;
    sent++;
    if (reply.propose === null) continue;
    const refused = await ctx.transport.serverMove(
      matchID,
      String(index),
      MOVE_NAMES.propose,
      payloadOf(reply.propose),
    );
    if (refused)
      logger.warn(
        { matchID, power: to, action: "propose", code: refused.code },
        `bot ${matchID}/${to}: propose refused: ${refused.message}`,
      );
  }
  return sent;
}
