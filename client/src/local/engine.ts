/**
 * A match played in this browser against bots, with no server: the whole `MatchState` in memory,
 * the rules run from shared/ exactly as the server runs them in headless mode (no press channel, so
 * private messages are `message` actions kept in `G.messages`, and a leak names one of them).
 *
 * Pure and seeded, so it is tested in node: `createLocalMatch` sets a match up, `humanAct` applies
 * one of the human's moves (the boardgame.io move name and payload the game screen sends, checked
 * by the same payload schemas as on the server), `nextStep` says what the bots or the table must do
 * next, and `runStep` does it. The hook (`useLocalMatch`) runs one step at a time, asynchronously.
 *
 * The schedule: in each phase every bot takes one full turn (answers, proposals, orders, ready),
 * in an order that rotates by round; a bot that a proposal is put to after its turn takes a
 * `respondOnly` turn to answer it; a bot the human sent a private message to this phase answers it
 * once (`answerMessage`: a short reply, perhaps with a matching proposal); when no bot has anything
 * left to do and every power that must act is ready, the phase resolves with randomness seeded by
 * the match's seed and the phase.
 */
import { phaseKey } from "../../../shared/src/game/position";
import { getMap } from "../../../shared/src/map/registry";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import { applyAction, everyoneReady } from "../../../shared/src/match/actions";
import { actionTypeOf, type MoveName } from "../../../shared/src/match/moves";
import { resolveMatchPhase } from "../../../shared/src/match/resolve";
import { parseAction } from "../../../shared/src/match/schemas";
import { DEFAULT_SETTINGS, newMatch } from "../../../shared/src/match/setup";
import {
  PRESS_MODES,
  type Action,
  type ActionError,
  type MatchState,
  type PressItem,
  type PressMode,
} from "../../../shared/src/match/types";
import { getPreset } from "../../../shared/src/trust/presets";
import { playerView } from "../../../shared/src/match/view";
import { createRng } from "../../../shared/src/random";
import { err, ok, type Result } from "../../../shared/src/result";
import { PERSONALITIES, botProfile, type Personality } from "../../../shared/src/bots/personality";
import { TACTICS, type Tactics } from "../../../shared/src/bots/tactics";
import { turnOrder } from "../../../shared/src/bots/self-play";
import { answerMessage } from "../../../shared/src/bots/replies";
import { botTurn, proposalsAwaiting } from "../../../shared/src/bots/turn";
import { phaseOf } from "../../../shared/src/trust/calendar";

/** The format version of a saved local match. */
export const LOCAL_VERSION = 1;

/** Where the one match in progress was kept before the list of matches (`store.ts` migrates it). */
export const LOCAL_STORAGE_KEY = "entente.local";

export { ACTION_OF_MOVE } from "../../../shared/src/match/moves";

/** The bot personality offered first. */
export const DEFAULT_PERSONALITY: Personality = "copycat";

/** What a new local match is made of. */
export interface LocalSetup {
  readonly mapId: string;
  readonly human: PowerId;
  /** A personality for each other power; a power left out gets `DEFAULT_PERSONALITY`. */
  readonly bots: Readonly<Partial<Record<PowerId, Personality>>>;
  readonly yearLimit: number | null;
  readonly seed: string;
  /** How the bots fight (default `baseline`). */
  readonly tactics?: Tactics;
  /** The rules preset (default `default`). */
  readonly preset?: string;
  /** What press is allowed (default `full`): private and public, public only, or none. */
  readonly pressMode?: PressMode;
}

/** A local match: the whole state, who plays what, and what the bots have done this phase. */
export interface LocalMatch {
  readonly version: typeof LOCAL_VERSION;
  readonly id: string; // "local-<seed>"
  readonly seed: string;
  readonly human: PowerId;
  readonly bots: Readonly<Record<PowerId, Personality>>;
  /** How the bots fight; absent in saves from before the choice existed (the baseline). */
  readonly tactics?: Tactics;
  readonly state: MatchState;
  /** The phase (`phaseKey`) the `done` list is for, and the bots that took their full turn in it. */
  readonly turns: { readonly phase: string; readonly done: readonly PowerId[] };
  /**
   * `${bot}|${commitmentId}`: the proposals each bot has answered (or tried to); `${bot}|${messageId}`:
   * the human's messages of this phase it has answered.
   */
  readonly answered: readonly string[];
  /** Every message and communiqué, oldest first, as the server's press channel would keep them. */
  readonly press: readonly PressItem[];
  readonly nextPressId: number;
  readonly startedAt: number; // ms since the epoch
}

/** A refusal of a human move: the code and message the server would give, and the move. */
export interface LocalError extends ActionError {
  readonly move?: MoveName;
}

/** What the table does next: a bot's turn, a bot's answer to a message, or resolving the phase. */
export type LocalStep =
  | { readonly kind: "turn"; readonly power: PowerId; readonly respondOnly: boolean }
  | { readonly kind: "reply"; readonly power: PowerId; readonly messageId: string }
  | { readonly kind: "resolve" };

/** The map of a local match (its settings name a shipped map). */
export function mapOfLocal(match: LocalMatch): GameMap {
  const map = getMap(match.state.settings.mapId);
  if (map === null) throw new Error(`unknown map "${match.state.settings.mapId}"`);
  return map;
}

/** Sets up a new local match: the map's starting position, the human's power, a bot for each other. */
export function createLocalMatch(setup: LocalSetup, now: number): Result<LocalMatch, ActionError> {
  const map = getMap(setup.mapId);
  if (map === null) return err({ code: "bad-map", message: `there is no map "${setup.mapId}"` });
  const powers = map.powers.map((p) => p.id);
  if (!powers.includes(setup.human))
    return err({ code: "bad-power", message: `${setup.human} is not a power of ${map.name}` });
  const first = map.start.year;
  if (setup.yearLimit !== null && (!Number.isInteger(setup.yearLimit) || setup.yearLimit < first))
    return err({ code: "bad-year-limit", message: `the year limit is a year from ${first} on` });
  const bots: Record<PowerId, Personality> = {};
  for (const p of powers) {
    if (p === setup.human) continue;
    const chosen = setup.bots[p] ?? DEFAULT_PERSONALITY;
    if (!PERSONALITIES.includes(chosen))
      return err({ code: "bad-personality", message: `there is no bot personality "${chosen}"` });
    bots[p] = chosen;
  }
  const tactics = setup.tactics ?? "baseline";
  if (!TACTICS.includes(tactics))
    return err({ code: "bad-tactics", message: `there are no bot tactics "${tactics}"` });
  const preset = setup.preset ?? DEFAULT_SETTINGS.preset;
  if (getPreset(preset) === null)
    return err({ code: "bad-preset", message: `there is no rules preset "${preset}"` });
  const pressMode = setup.pressMode ?? DEFAULT_SETTINGS.pressMode;
  if (!PRESS_MODES.includes(pressMode))
    return err({ code: "bad-press-mode", message: `there is no press mode "${pressMode}"` });
  const state = newMatch(map, {
    ...DEFAULT_SETTINGS,
    mapId: map.id,
    yearLimit: setup.yearLimit,
    preset,
    pressMode,
  });
  return ok({
    version: LOCAL_VERSION,
    id: `local-${setup.seed}`,
    seed: setup.seed,
    human: setup.human,
    bots,
    tactics,
    state,
    turns: { phase: phaseKey(state.position), done: [] },
    answered: [],
    press: [],
    nextPressId: 1,
    startedAt: now,
  });
}

/**
 * The setup of a match, to play it again with a new seed: the same map, power, bots, tactics,
 * preset, press and year limit.
 */
export function replaySetup(match: LocalMatch, seed: string): LocalSetup {
  return {
    mapId: match.state.settings.mapId,
    human: match.human,
    bots: match.bots,
    yearLimit: match.state.settings.yearLimit,
    seed,
    tactics: match.tactics ?? "baseline",
    preset: match.state.settings.preset,
    pressMode: match.state.settings.pressMode,
  };
}

/**
 * Applies one action of one power and keeps the press log: a new private message is logged under
 * its `G.messages` id (so a leak can name it), a communiqué under a fresh `q<n>` id.
 */
export function applyLocal(
  match: LocalMatch,
  map: GameMap,
  power: PowerId,
  action: Action,
  now: number,
): Result<LocalMatch, ActionError> {
  const applied = applyAction(map, match.state, power, action);
  if (!applied.ok) return applied;
  const state = applied.value;
  let press = match.press;
  let nextPressId = match.nextPressId;
  if (action.type === "message") {
    const m = state.messages[state.messages.length - 1];
    if (m !== undefined)
      press = [
        ...press,
        { id: m.id, kind: "message", from: m.from, to: m.to, text: m.text, at: m.at, sentAt: now },
      ];
  } else if (action.type === "communique") {
    const at = phaseOf(match.state.position);
    press = [
      ...press,
      { id: `q${nextPressId}`, kind: "communique", from: power, to: [], text: action.text, at, sentAt: now },
    ];
    nextPressId++;
  }
  return ok({ ...match, state, press, nextPressId });
}

/**
 * One move of the human: the move name and payload the game screen sends to the server, checked
 * by the same schemas and rules. A refusal names the move, like the server's `entente:error`.
 */
export function humanAct(
  match: LocalMatch,
  move: string,
  payload: unknown,
  now: number,
): Result<LocalMatch, LocalError> {
  const type = actionTypeOf(move);
  if (type === undefined) return err({ code: "unknown-move", message: `there is no move "${move}"` });
  const name = move as MoveName;
  const parsed = parseAction(type, payload);
  if (!parsed.ok) return err({ ...parsed.error, move: name });
  const applied = applyLocal(match, mapOfLocal(match), match.human, parsed.value, now);
  return applied.ok ? applied : err({ ...applied.error, move: name });
}

/** The bots still in the game, in this round's turn order (the first mover rotates by round). */
export function botOrder(match: LocalMatch, map: GameMap): PowerId[] {
  return turnOrder(map, match.state).filter((p) => p !== match.human && Object.hasOwn(match.bots, p));
}

/** The proposals put to a bot that it has not answered yet. */
export function unanswered(match: LocalMatch, bot: PowerId): string[] {
  const answered = new Set(match.answered);
  return proposalsAwaiting(match.state, bot)
    .filter((c) => !answered.has(`${bot}|${c.id}`))
    .map((c) => c.id);
}

/**
 * The human's private messages to a bot, sent in the current phase, that it has not answered yet
 * (their ids, oldest first). Messages of earlier phases are not answered any more.
 */
export function unansweredMessages(match: LocalMatch, bot: PowerId): string[] {
  const answered = new Set(match.answered);
  const now = phaseOf(match.state.position);
  return match.state.messages
    .filter(
      (m) =>
        m.from === match.human &&
        m.to.includes(bot) &&
        m.at.year === now.year &&
        m.at.season === now.season &&
        m.at.phase === now.phase &&
        !answered.has(`${bot}|${m.id}`),
    )
    .map((m) => m.id);
}

/** What the table must do next, or null when it waits for the human (or the game is over). */
export function nextStep(match: LocalMatch, map: GameMap): LocalStep | null {
  if (match.state.result !== null) return null;
  const key = phaseKey(match.state.position);
  const done = match.turns.phase === key ? match.turns.done : [];
  const order = botOrder(match, map);
  for (const p of order) if (!done.includes(p)) return { kind: "turn", power: p, respondOnly: false };
  for (const p of order)
    if (unanswered(match, p).length > 0) return { kind: "turn", power: p, respondOnly: true };
  for (const p of order) {
    const messageId = unansweredMessages(match, p)[0];
    if (messageId !== undefined) return { kind: "reply", power: p, messageId };
  }
  return everyoneReady(map, match.state) ? { kind: "resolve" } : null;
}

/**
 * Does one step: a bot's turn (its actions applied for its power; the rules' refusals ignored,
 * as on the server), a bot's answer to a message, or the phase's resolution.
 */
export function runStep(match: LocalMatch, map: GameMap, step: LocalStep, now: number): LocalMatch {
  if (step.kind === "reply") return runReply(match, map, step.power, step.messageId, now);
  if (step.kind === "resolve") {
    const key = phaseKey(match.state.position);
    const state = resolveMatchPhase(map, match.state, createRng(`${match.seed}|${key}`));
    const open = new Set(state.commitments.filter((c) => c.status === "proposed").map((c) => c.id));
    return {
      ...match,
      state,
      turns: { phase: phaseKey(state.position), done: [] },
      answered: match.answered.filter((a) => open.has(a.slice(a.indexOf("|") + 1))),
    };
  }
  const { power, respondOnly } = step;
  const personality = match.bots[power];
  if (personality === undefined) return match;
  const pending = unanswered(match, power);
  const turn = botTurn({
    map,
    view: playerView(match.state, power),
    power,
    profile: botProfile(personality, match.tactics ?? "baseline"),
    seed: `${match.seed}|${power}`,
    respondOnly,
  });
  let next = match;
  for (const action of turn.actions) {
    const applied = applyLocal(next, map, power, action, now);
    if (applied.ok) next = applied.value;
  }
  const key = phaseKey(match.state.position);
  const done = match.turns.phase === key ? match.turns.done : [];
  return {
    ...next,
    turns:
      respondOnly || done.includes(power) ? { phase: key, done } : { phase: key, done: [...done, power] },
    answered: [...next.answered, ...pending.map((id) => `${power}|${id}`)],
  };
}

/** A bot answers one of the human's messages (marked answered whatever the rules say of it). */
function runReply(
  match: LocalMatch,
  map: GameMap,
  power: PowerId,
  messageId: string,
  now: number,
): LocalMatch {
  const personality = match.bots[power];
  const message = match.state.messages.find((m) => m.id === messageId);
  const marked = { ...match, answered: [...match.answered, `${power}|${messageId}`] };
  if (personality === undefined || message === undefined) return marked;
  const reply = answerMessage({
    map,
    view: playerView(match.state, power),
    power,
    profile: botProfile(personality, match.tactics ?? "baseline"),
    seed: `${match.seed}|${power}`,
    message,
  });
  if (reply === null) return marked;
  let next: LocalMatch = marked;
  const actions: Action[] = [{ type: "message", to: [message.from], text: reply.text }];
  if (reply.propose !== null) actions.push(reply.propose);
  for (const action of actions) {
    const applied = applyLocal(next, map, power, action, now);
    if (applied.ok) next = applied.value;
  }
  return next;
}

/**
 * Runs steps until the table waits for the human or the game ends (at most `maxSteps`). For tests
 * and tools; the browser runs one step at a time.
 */
export function settle(match: LocalMatch, now: number, maxSteps = 1000): LocalMatch {
  const map = mapOfLocal(match);
  let current = match;
  for (let i = 0; i < maxSteps; i++) {
    const step = nextStep(current, map);
    if (step === null) return current;
    current = runStep(current, map, step, now);
  }
  return current;
}

/** The press the human may read: their conversations and every communiqué, oldest first. */
export function pressFor(match: Pick<LocalMatch, "press">, power: PowerId): PressItem[] {
  return match.press.filter((i) => i.kind === "communique" || i.from === power || i.to.includes(power));
}

/** The slice of `Storage` the save uses (a fake in tests). */
export interface SaveStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Saves the match in progress; false when storage is full or off. */
export function saveLocalMatch(storage: SaveStorage, match: LocalMatch): boolean {
  try {
    storage.setItem(LOCAL_STORAGE_KEY, JSON.stringify(match));
    return true;
  } catch {
    return false;
  }
}

/** Forgets the match in progress. */
export function clearLocalMatch(storage: SaveStorage): void {
  try {
    storage.removeItem(LOCAL_STORAGE_KEY);
  } catch {
    // nothing to forget
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** The saved match, or null when there is none or it is not one this version can play. */
export function loadLocalMatch(storage: SaveStorage): LocalMatch | null {
  let raw: string | null;
  try {
    raw = storage.getItem(LOCAL_STORAGE_KEY);
  } catch {
    return null;
  }
  if (raw === null) return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  return parseLocalMatch(v);
}

/** A saved match (parsed JSON), or null when it is not one this version can play. */
export function parseLocalMatch(v: unknown): LocalMatch | null {
  if (!isRecord(v) || v["version"] !== LOCAL_VERSION) return null;
  const { state, bots, turns } = v;
  if (typeof v["seed"] !== "string" || typeof v["id"] !== "string" || typeof v["human"] !== "string")
    return null;
  if (!isRecord(state) || !isRecord(state["settings"]) || !isRecord(state["position"])) return null;
  if (!Array.isArray(state["powers"]) || !state["powers"].includes(v["human"])) return null;
  if (typeof state["settings"]["mapId"] !== "string" || getMap(state["settings"]["mapId"]) === null)
    return null;
  if (!isRecord(bots) || !Object.values(bots).every((b) => (PERSONALITIES as readonly unknown[]).includes(b)))
    return null;
  if (!isRecord(turns) || typeof turns["phase"] !== "string" || !Array.isArray(turns["done"])) return null;
  if (v["tactics"] !== undefined && !(TACTICS as readonly unknown[]).includes(v["tactics"])) return null;
  if (!Array.isArray(v["answered"]) || !Array.isArray(v["press"]) || typeof v["nextPressId"] !== "number")
    return null;
  return v as unknown as LocalMatch;
}
