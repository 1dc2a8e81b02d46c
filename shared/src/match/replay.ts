/**
 * Replays of match records (shared/src/wire/record.ts): a record's actions run again through the
 * `Game` and boardgame.io's reducer, from an initial state rebuilt from the record's settings,
 * player count and seed — so the seeded `random` plugin draws what it drew on the server (ids, the
 * paper's misses, its headlines) — and checked after every resolved phase and at the end. The
 * server builds records with the same stepping (`stepActions`), so both sides cut phases alike.
 * Pure: the hash function is given by the caller (the rules core has no crypto).
 */
import type { Game, State } from "boardgame.io";
import { CreateGameReducer, InitializeGame, ProcessGameConfig } from "boardgame.io/internal";
import { phaseKey } from "../game/position";
import type { MatchRecord, RecordAction, RecordCheckpoint } from "../wire/record";
import { createGame, explainMove } from "./game";
import type { MatchState, PressChannel } from "./types";

/** A hash of a text, as lowercase hex (the server and the command use sha256). */
export type Digest = (text: string) => string;

/** JSON with every object's keys in sorted order and no `undefined` fields: the same data, the same text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(",")}]`;
  const fields = Object.entries(value as Record<string, unknown>)
    .filter(([, field]) => field !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`);
  return `{${fields.join(",")}}`;
}

/** The hash of a match state `G`: the digest of its canonical JSON. */
export function stateHash(G: MatchState, digest: Digest): string {
  return digest(canonicalJson(G));
}

type Reducer = (state: State, action: unknown) => State & { transients?: unknown; deltalog?: unknown };

/** A state as the server stores it: without the reducer's log entries and transients. */
function storedPart(next: ReturnType<Reducer>): State<MatchState> {
  const copy = { ...next };
  delete copy.deltalog;
  delete copy.transients;
  return copy;
}

/** What one action came to: the state after it, or null when the game refused it. */
export interface Step {
  readonly index: number; // the action's index in the list
  readonly phase: string; // the phase it was made in
  readonly after: State<MatchState> | null; // null: refused
  readonly refusal: string | null; // why it was refused, when the game says
  readonly checkpoint: RecordCheckpoint | null; // set when the action resolved a phase
}

/**
 * Runs actions in order from `initial` through the game's reducer, as the server's `MatchHost`
 * does (first the game's own check, `explainMove`, which says why a move would be refused), and
 * reports each step; stops after the first refused action.
 */
export function* stepActions(
  game: Game<MatchState>,
  initial: State<MatchState>,
  actions: readonly Omit<RecordAction, "phase">[],
): Generator<Step> {
  const reducer = CreateGameReducer({ game: ProcessGameConfig(game) }) as unknown as Reducer;
  let state: State<MatchState> = initial;
  for (const [index, action] of actions.entries()) {
    const phase = phaseKey(state.G.position);
    const refused = explainMove(state.G, action.playerID, action.move, action.args);
    if (refused !== null) {
      yield { index, phase, after: null, refusal: refused.message, checkpoint: null };
      return;
    }
    const next = reducer(state, {
      type: "MAKE_MOVE",
      payload: { type: action.move, args: [action.args], playerID: action.playerID },
    });
    if (next === state || next.transients !== undefined || next._stateID === state._stateID) {
      yield { index, phase, after: null, refusal: null, checkpoint: null };
      return;
    }
    const after = storedPart(next);
    const resolved =
      phaseKey(after.G.position) !== phase || after.G.history.length !== state.G.history.length;
    const checkpoint: RecordCheckpoint | null = resolved
      ? { phase, actions: index + 1, position: after.G.position, editions: after.G.editions.length }
      : null;
    yield { index, phase, after, refusal: null, checkpoint };
    state = after;
  }
}

/**
 * A press channel for a replay: the record's seal, and each leak's message as the record carries
 * it (the server checked its proof when the leak was made; a record withholds the proof).
 */
function replayChannel(seal: string): PressChannel {
  return { seal: () => seal, verify: (leak) => leak.message };
}

/** The game and initial state a record's match started from, rebuilt from its settings and seed. */
export function initialOf(record: MatchRecord & { readonly seed: string | number }): {
  game: Game<MatchState>;
  initial: State<MatchState>;
} {
  const game = createGame({
    seed: record.seed,
    ...(record.pressSeal === undefined ? {} : { pressChannel: replayChannel(record.pressSeal) }),
  });
  const initial = InitializeGame({
    game: game as Game,
    numPlayers: record.numPlayers,
    setupData: record.settings,
  }) as State<MatchState>;
  return { game, initial };
}

/** What a replay came to. */
export type ReplayOutcome =
  | { readonly kind: "identical"; readonly hash: string }
  | { readonly kind: "diverged"; readonly phase: string; readonly what: string };

/** Progress of a replay, for a command's output. */
export interface ReplayProgress {
  readonly checkpoint: RecordCheckpoint;
  readonly total: number; // the record's checkpoints
}

/** Options of `replayRecord`. */
export interface ReplayOptions {
  readonly digest: Digest;
  readonly onPhase?: (progress: ReplayProgress) => void; // after each phase checked
}

/** Names of the top-level fields in which two objects differ. */
function differingFields(a: object, b: object): string[] {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
  return keys.filter((key) => canonicalJson(left[key]) !== canonicalJson(right[key]));
}

/** What differs between the replay's state after a phase and the record's checkpoint, or null. */
function checkpointDifference(
  G: MatchState,
  want: RecordCheckpoint,
  got: RecordCheckpoint,
  editions: readonly unknown[],
): string | null {
  if (got.actions !== want.actions)
    return `the phase resolved after action ${got.actions}, the record says after action ${want.actions}`;
  if (got.phase !== want.phase) return `the replay resolved ${got.phase}, the record says ${want.phase}`;
  const position = differingFields(G.position, want.position);
  if (position.length > 0) return `the position differs (${position.join(", ")})`;
  if (G.editions.length !== want.editions)
    return `${G.editions.length} editions printed, the record says ${want.editions}`;
  const printed = editions.slice(0, want.editions);
  const edition = G.editions.findIndex((e, i) => canonicalJson(e) !== canonicalJson(printed[i]));
  if (edition >= 0) return `edition ${edition + 1} differs from the record's`;
  return null;
}

/** An action in words, for a divergence: `action 12 (orders by seat 3)`. */
function actionWords(index: number, action: RecordAction): string {
  return `action ${index + 1} (${action.move} by seat ${action.playerID})`;
}

/**
 * Replays a record: rebuilds its initial state, runs every action, compares the state after each
 * resolved phase with the record's checkpoint (phase, position, editions) and the final state's
 * hash with the record's. Identical, with the hash; or where it diverged first and what differs.
 */
export function replayRecord(record: MatchRecord, options: ReplayOptions): ReplayOutcome {
  const seed = record.seed;
  if (seed === null)
    return diverged("the start", "the record holds no seed (a running match's is given once it ends)");
  const { game, initial } = initialOf({ ...record, seed });
  let G = initial.G;
  let next = 0; // the next checkpoint to meet
  let lastPhase = phaseKey(G.position);
  for (const step of stepActions(game, initial, record.actions)) {
    const action = record.actions[step.index]!;
    if (action.phase !== step.phase)
      return diverged(step.phase, `${actionWords(step.index, action)} was made in ${action.phase}`);
    if (step.after === null) {
      const why = step.refusal === null ? "" : `: ${step.refusal}`;
      return diverged(step.phase, `${actionWords(step.index, action)} was refused${why}`);
    }
    G = step.after.G;
    lastPhase = step.phase;
    const want = record.checkpoints[next];
    if (step.checkpoint === null) {
      if (want?.actions === step.index + 1)
        return diverged(step.phase, `${want.phase} did not resolve after action ${want.actions}`);
      continue;
    }
    if (want === undefined)
      return diverged(step.phase, `${step.phase} resolved, the record has no such phase`);
    const difference = checkpointDifference(G, want, step.checkpoint, record.editions);
    if (difference !== null) return diverged(step.phase, difference);
    options.onPhase?.({ checkpoint: want, total: record.checkpoints.length });
    next++;
  }
  const missed = record.checkpoints[next];
  if (missed !== undefined)
    return diverged(missed.phase, `the record's actions end before ${missed.phase} resolved`);
  if (canonicalJson(G.editions) !== canonicalJson(record.editions))
    return diverged(lastPhase, "the editions printed differ from the record's");
  const hash = stateHash(G, options.digest);
  if (hash !== record.finalHash)
    return diverged(lastPhase, `the final state's hash is ${hash}, the record says ${record.finalHash}`);
  return { kind: "identical", hash };
}

function diverged(phase: string, what: string): ReplayOutcome {
  return { kind: "diverged", phase, what };
}
