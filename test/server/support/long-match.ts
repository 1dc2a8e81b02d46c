/**
 * A long match for the storage tests and benchmark: bots play the classic map headless (the same
 * turns and resolutions as self-play) and every state is kept, one per accepted action and one per
 * resolved phase, as boardgame.io states with consecutive `_stateID`s. Consecutive states share
 * every element they did not change, as they do on the server.
 */
import type { State } from "boardgame.io";
import { createMatch } from "boardgame.io/internal";
import {
  applyAction,
  botProfile,
  botTurn,
  createGame,
  createRng,
  getMap,
  playerView,
  resolveMatchPhase,
  type GameMap,
  type MatchState,
  type Personality,
} from "../../../shared/src";
import { turnOrder } from "../../../shared/src/bots/self-play";

/** A match's states in the order they happened. */
export interface LongMatch {
  readonly states: readonly State<MatchState>[];
  /** The last state (the match has not ended unless its year limit or a result came first). */
  readonly last: State<MatchState>;
}

/** How to play it. */
export interface LongMatchOptions {
  readonly seed: string;
  /** Stops at the first state of this year's spring (or at a result). */
  readonly untilYear: number;
  /** Cycled over the seats; these two keep a match going with pacts and press to 1916. */
  readonly personalities?: readonly Personality[];
}

/** A boardgame.io state around a match state, as the server stores it. */
function wrap(template: State, G: MatchState, stateID: number): State<MatchState> {
  return { ...template, G, _stateID: stateID };
}

/** The boardgame.io initial state of a classic match (ctx and plugins as the server has them). */
function initialState(): State<MatchState> {
  const made = createMatch({
    game: createGame(),
    numPlayers: 7,
    setupData: { mapId: "classic" },
    unlisted: true,
  });
  if ("setupDataError" in made) throw new Error(made.setupDataError);
  return made.initialState as State<MatchState>;
}

/** One phase: every power's bot turn, each accepted action a state, then the resolution. */
function playPhase(map: GameMap, G: MatchState, options: LongMatchOptions, out: MatchState[]): MatchState {
  const personalities = options.personalities ?? ["steady", "copycat"];
  let state = G;
  for (const [i, power] of turnOrder(map, state).entries()) {
    const profile = botProfile(personalities[i % personalities.length]!);
    const view = playerView(state, power);
    const seed = `${options.seed}|${power}`;
    for (const action of botTurn({ map, view, power, profile, seed, respondOnly: false }).actions) {
      const next = applyAction(map, state, power, action);
      if (!next.ok) continue;
      state = next.value;
      out.push(state);
    }
  }
  const p = state.position;
  state = resolveMatchPhase(
    map,
    state,
    createRng(`${options.seed}|resolve|${p.year}-${p.season}-${p.phase}`),
  );
  out.push(state);
  return state;
}

/** Plays a match until `untilYear` and keeps every state. */
export function playLongMatch(options: LongMatchOptions): LongMatch {
  const map = getMap("classic")!;
  const template = initialState();
  const Gs: MatchState[] = [template.G];
  let G = template.G;
  while (!G.result && !(G.position.year >= options.untilYear && G.position.season === "spring")) {
    G = playPhase(map, G, options, Gs);
  }
  const states = Gs.map((g, i) => wrap(template, g, i));
  return { states, last: states[states.length - 1]! };
}

/** The first state of a year's spring movement. */
export function springOf(match: LongMatch, year: number): State<MatchState> {
  const found = match.states.find((s) => s.G.position.year === year && s.G.position.season === "spring");
  if (!found) throw new Error(`the match has no spring ${year}`);
  return found;
}

/** The state just after `state` (one action later), or throws at the end. */
export function nextOf(match: LongMatch, state: State<MatchState>): State<MatchState> {
  const next = match.states[state._stateID + 1];
  if (!next) throw new Error(`no state after ${state._stateID}`);
  return next;
}
