/**
 * The boardgame.io `Game` of Entente (name `entente`). Every seat acts at once, all game long:
 * one move per action type, each checked by the payload schemas and then by the pure `applyAction`;
 * when the last seat says it is ready, the phase resolves with boardgame.io's seeded random
 * numbers. Client-sent events are all switched off, moves run on the server only, and the moves
 * that carry secrets are redacted from other seats' logs. Nothing secret exists at setup, because
 * boardgame.io 0.50.2 sends the initial state unfiltered (docs/security.md, "boardgame.io 0.50.2").
 */
import type { Ctx, Game, LongFormMove, MoveMap, Plugin } from "boardgame.io";
import { ActivePlayers, INVALID_MOVE } from "boardgame.io/core";
import { getMap, MAP_IDS } from "../map/registry";
import type { GameMap, PowerId } from "../map/types";
import type { Rng } from "../random";
import { err, ok, type Result } from "../result";
import { applyAction, everyoneReady } from "./actions";
import { resolveMatchPhase } from "./resolve";
import { describeIssues, parseAction, settingsSchema } from "./schemas";
import { DEFAULT_SETTINGS, newMatch } from "./setup";
import { shortenText } from "./text";
import type { Action, ActionError, ActionType, MatchSettings, MatchState, PressChannel } from "./types";
import { actionTypeOf, MOVE_NAMES, payloadOf, type MoveName } from "./moves";
import { playerView } from "./view";

/** The name of the game on a boardgame.io server. */
export const GAME_NAME = "entente";

export { MOVE_NAMES, payloadOf, type MoveName } from "./moves";
import { SERVER_ONLY_MOVES } from "./moves";

/** Actions whose arguments other seats must not see in the log. */
const SECRET_ACTIONS: ReadonlySet<ActionType> = new Set([
  "orders",
  "propose",
  "accept",
  "reject",
  "withdraw",
  "notice",
  "message",
  "leak",
  "draw-vote",
]);

/** Every client-sent event, switched off: flow is decided by the game alone (docs/security.md). */
export const DISABLED_EVENTS = {
  endGame: false,
  endTurn: false,
  endPhase: false,
  setPhase: false,
  endStage: false,
  setStage: false,
  setActivePlayers: false,
  pass: false,
} as const;

/**
 * Why the flow of a state is not the game's own, or false. The game has one endless turn in which
 * every seat is active with no stage, and it ends only when `G.result` is set. boardgame.io 0.50.2
 * processes client-sent events on the server even when `events` disables them (docs/security.md), so
 * the flow guard checks this after every action and refuses any that breaks it.
 */
export function flowViolation(G: MatchState, ctx: Ctx): string | false {
  if (ctx.gameover !== undefined) return G.result === null ? "the game ends only by its rules" : false;
  if (ctx.turn > 1) return "the turn never ends";
  // What a client-sent event may have set, whatever boardgame.io's types say is possible.
  if ((ctx.phase as string | null) !== null) return "there are no boardgame.io phases";
  const active: Readonly<Record<string, string | null>> = ctx.activePlayers ?? {};
  for (let seat = 0; seat < ctx.numPlayers; seat++) {
    if (active[String(seat)] !== null) return "every seat stays active, with no stage";
  }
  return false;
}

/** A plugin that refuses any action after which `flowViolation` finds the flow changed. */
export const flowGuard: Plugin<undefined, undefined, MatchState> = {
  name: "entente-flow-guard",
  isInvalid: ({ G, ctx }) => flowViolation(G, ctx),
};

/** The only action type a client may send to the master: a move. */
export const CLIENT_ACTION_TYPE = "MAKE_MOVE";

/**
 * Whether an action a client sent over the socket may reach the boardgame.io master: a move of
 * this game, and nothing else. boardgame.io 0.50.2 also executes client-sent `GAME_EVENT`,
 * `UNDO`, `REDO`, `PLUGIN` — and `UPDATE`, `SYNC`, `RESET` and `PATCH`, which replace or patch
 * the authoritative state wholesale — so the server must drop everything this refuses.
 */
export function isAllowedClientAction(action: unknown): boolean {
  if (typeof action !== "object" || action === null) return false;
  const { type, payload } = action as { type?: unknown; payload?: unknown };
  if (type !== CLIENT_ACTION_TYPE || typeof payload !== "object" || payload === null) return false;
  const move = (payload as { type?: unknown }).type;
  return (
    typeof move === "string" &&
    (Object.values(MOVE_NAMES) as string[]).includes(move) &&
    !SERVER_ONLY_MOVES.has(move)
  );
}

/** The slice of boardgame.io's random API the adapter needs. */
export interface RandomSource {
  Number(): number;
}

/** Adapts boardgame.io's seeded `random` plugin to the rules core's `Rng`. */
export function rngFromRandom(random: RandomSource): Rng {
  const next = (): number => {
    const x = random.Number();
    return x >= 0 && x < 1 ? x : 0; // the plugin promises [0, 1); guard the contract anyway
  };
  const int = (n: number): number => Math.min(n - 1, Math.floor(next() * n));
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]! };
}

/**
 * The power a boardgame.io player id plays: seat `"i"` plays `G.powers[i]`. Null for a spectator
 * (no player id) or an id that names no seat.
 */
export function powerOfPlayer(state: MatchState, playerID: string | null | undefined): PowerId | null {
  if (playerID === null || playerID === undefined || !/^\d{1,3}$/.test(playerID)) return null;
  return state.powers[Number(playerID)] ?? null;
}

/** The fewest and most players a map supports: its player counts, else all its powers. */
export function playerRange(map: GameMap): { readonly min: number; readonly max: number } {
  const counts = map.playerCounts === undefined ? [] : [...map.playerCounts.keys()];
  if (counts.length === 0) return { min: map.powers.length, max: map.powers.length };
  return { min: Math.min(...counts), max: Math.max(...counts) };
}

/** The powers that play at a player count, or null when the map does not support that count. */
export function powersForCount(map: GameMap, numPlayers: number): readonly PowerId[] | null {
  const listed = map.playerCounts?.get(numPlayers);
  if (listed !== undefined) return listed;
  return numPlayers === map.powers.length ? map.powers.map((p) => p.id) : null;
}

/** Options of `createGame`. */
export interface CreateGameOptions {
  /** Match settings; unset fields come from `DEFAULT_SETTINGS`. The map is `settings.mapId`. */
  readonly settings?: Partial<MatchSettings>;
  /**
   * The seed of boardgame.io's random numbers: fixed, for reproducible headless runs, or a source
   * asked afresh for each new match — a server gives a secret one, because boardgame.io's own
   * default is the creation time, which anyone who knows when the match began can guess (and with
   * it every random draw: ids, headlines, the paper's misses).
   */
  readonly seed?: string | number | (() => string);
  /**
   * The server's press channel, when private press runs outside `G` (docs/security.md). Each new match
   * gets a `pressSeal`; the `message` move is then refused (`use-press-channel`), and the `leak`
   * move takes only a message the channel vouches for. Without it (headless play) messages are
   * moves and a leak names one of `G.messages`.
   */
  readonly pressChannel?: PressChannel;
}

/** The map a match is played on (its settings name a shipped map). */
function mapOf(G: MatchState): GameMap {
  const map = getMap(G.settings.mapId);
  if (map === null) throw new Error(`unknown map "${G.settings.mapId}"`);
  return map;
}

/**
 * A leak carrying a message snapshot, with the snapshot replaced by the message the press channel
 * vouches for; any other action unchanged. A snapshot with no channel to check it is refused.
 */
function verifiedLeak(
  G: MatchState,
  action: Action,
  channel: PressChannel | undefined,
): Result<Action, ActionError> {
  if (action.type !== "leak" || (action.message === undefined && action.proof === undefined))
    return ok(action);
  const refusal = {
    code: "unverified-leak",
    message: "the leaked message is not one the server's press channel delivered",
  };
  if (channel === undefined || G.pressSeal === undefined) return err(refusal);
  if (action.message === undefined || action.proof === undefined) return err(refusal);
  let message: ReturnType<PressChannel["verify"]>;
  try {
    message = channel.verify(
      { messageId: action.messageId, message: action.message, proof: action.proof },
      G.pressSeal,
    );
  } catch {
    message = null;
  }
  if (message === null || message.id !== action.messageId) return err(refusal);
  return ok({ ...action, message });
}

/**
 * Random ids for new commitments and messages (a server's match, with a press channel): drawn from
 * boardgame.io's seeded random plugin, whose seed no client sees, so an id tells nothing of how
 * many proposals or messages exist that the seat may not see.
 */
function randomIds(G: MatchState, random: RandomSource): (prefix: "c" | "m") => string {
  const used = new Set([...G.commitments.map((c) => c.id), ...G.messages.map((m) => m.id)]);
  const token = (): string =>
    Math.floor(random.Number() * 2 ** 32)
      .toString(36)
      .padStart(7, "0");
  return (prefix) => {
    let id = `${prefix}${token()}${token()}`;
    while (used.has(id)) id = `${prefix}${token()}${token()}`;
    return id;
  };
}

/** The long-form move for one action type. */
function moveFor(type: ActionType, channel: PressChannel | undefined): LongFormMove<MatchState> {
  return {
    move: ({ G, playerID, random }, payload: unknown) => {
      const map = mapOf(G);
      const power = powerOfPlayer(G, playerID);
      if (power === null) return INVALID_MOVE;
      const parsed = parseAction(type, payload);
      if (!parsed.ok) return INVALID_MOVE;
      const action = verifiedLeak(G, parsed.value, channel);
      if (!action.ok) return INVALID_MOVE;
      const applied = applyAction(map, G, power, action.value, {
        ...(G.pressSeal === undefined ? {} : { newId: randomIds(G, random) }),
      });
      if (!applied.ok) return INVALID_MOVE;
      const next = applied.value;
      if (type === "ready" && everyoneReady(map, next))
        return resolveMatchPhase(map, next, rngFromRandom(random));
      return next;
    },
    client: false,
    ignoreStaleStateID: true,
    redact: SECRET_ACTIONS.has(type),
  };
}

/**
 * Builds the boardgame.io `Game` for a map and settings. Seats are `"0"`…`"n-1"` and play
 * `G.powers` in order; the player count must be one the map supports (`minPlayers`–`maxPlayers`).
 * `setupData` may override any setting but the map (it is validated; a bad one is refused).
 * Each move takes the action's payload (the action without `type`), e.g.
 * `client.moves.message({ to: ["GER"], text: "Hello" })`; an invalid payload or a refused action is
 * `INVALID_MOVE` and changes nothing. Throws for an unknown map id (a programming error).
 */
export function createGame(options: CreateGameOptions = {}): Game<MatchState> {
  const base: MatchSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  if (getMap(base.mapId) === null) throw new Error(`createGame: unknown map "${base.mapId}"`);
  const settingsOf = (setupData: unknown): MatchSettings => {
    const parsed = settingsSchema.safeParse(setupData ?? {});
    return parsed.success ? { ...base, ...parsed.data } : base;
  };
  const ranges = MAP_IDS.map((id) => playerRange(getMap(id)!));
  const moves: MoveMap<MatchState> = {};
  const channel = options.pressChannel;
  for (const [type, name] of Object.entries(MOVE_NAMES)) moves[name] = moveFor(type as ActionType, channel);
  const game: Game<MatchState> = {
    name: GAME_NAME,
    minPlayers: Math.min(...ranges.map((r) => r.min)),
    maxPlayers: Math.max(...ranges.map((r) => r.max)),
    ...(options.seed === undefined || typeof options.seed === "function" ? {} : { seed: options.seed }),
    disableUndo: true,
    setup: ({ ctx }: { ctx: Ctx }, setupData?: unknown) => {
      const settings = settingsOf(setupData);
      const map = getMap(settings.mapId)!;
      const G = newMatch(map, settings, powersForCount(map, ctx.numPlayers) ?? undefined);
      return channel === undefined ? G : { ...G, pressSeal: channel.seal() };
    },
    validateSetupData: (setupData: unknown, numPlayers: number) => {
      const parsed = settingsSchema.safeParse(setupData ?? {});
      if (!parsed.success) return `Bad setup data: ${describeIssues(parsed.error)}`;
      const map = getMap(parsed.data.mapId ?? base.mapId);
      if (map === null) return `Unknown map "${parsed.data.mapId}"; maps: ${MAP_IDS.join(", ")}`;
      if (powersForCount(map, numPlayers) === null) {
        const range = playerRange(map);
        return `The ${map.name} map is played by ${range.min === range.max ? range.min : `${range.min}–${range.max}`} players, not ${numPlayers}`;
      }
      return undefined;
    },
    turn: { activePlayers: ActivePlayers.ALL },
    moves,
    events: DISABLED_EVENTS,
    plugins: [flowGuard],
    endIf: ({ G }: { G: MatchState }) => G.result ?? undefined,
    playerView: ({ G, playerID }: { G: MatchState; playerID: string | null }) =>
      playerView(G, powerOfPlayer(G, playerID)),
  };
  const source = options.seed;
  // boardgame.io copies the game (`{ ...game }`) when it sets up each match and reads `seed` from
  // the copy, so a getter is asked once per new match.
  if (typeof source === "function") Object.defineProperty(game, "seed", { get: source, enumerable: true });
  return game;
}

/** Options of `explainMove`. */
export interface ExplainOptions {
  /** The `Game`'s press channel: with it a leak's proof is checked too; without it, it is not. */
  readonly pressChannel?: PressChannel;
}

/** A move as the server runs it: its name and the payload its schema admitted (nothing else). */
export interface AdmittedMove {
  readonly move: MoveName;
  readonly payload: Readonly<Record<string, unknown>>;
}

/**
 * Checks a move a seat sends against the current state, as the move itself will (seat, payload
 * schema, rules): the move with the payload the schema admitted — strict schemas, so no field the
 * move does not know reaches the state or the log — or why it would be refused (boardgame.io only
 * logs `INVALID_MOVE`, so a server sends this reason back). A leak's proof is checked only when
 * `options.pressChannel` is given; without it a forged proof passes here and is refused by the move.
 */
export function admitMove(
  G: MatchState,
  playerID: string | null,
  moveName: string,
  payload: unknown,
  options: ExplainOptions = {},
): Result<AdmittedMove, ActionError> {
  const type = actionTypeOf(moveName);
  if (type === undefined)
    return err({ code: "unknown-move", message: `there is no move "${shortenText(moveName, 40)}"` });
  const power = powerOfPlayer(G, playerID);
  if (power === null) return err({ code: "not-a-seat", message: "spectators cannot act" });
  const parsed = parseAction(type, payload);
  if (!parsed.ok) return parsed;
  const action =
    options.pressChannel === undefined ? parsed : verifiedLeak(G, parsed.value, options.pressChannel);
  if (!action.ok) return action;
  const applied = applyAction(mapOf(G), G, power, action.value);
  if (!applied.ok) return applied;
  return ok({ move: MOVE_NAMES[type], payload: payloadOf(parsed.value) });
}

/** Why a move would be refused, or null when it would be accepted (see `admitMove`). */
export function explainMove(
  G: MatchState,
  playerID: string | null,
  moveName: string,
  payload: unknown,
  options: ExplainOptions = {},
): ActionError | null {
  const admitted = admitMove(G, playerID, moveName, payload, options);
  return admitted.ok ? null : admitted.error;
}
