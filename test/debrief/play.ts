/**
 * A bot match played headless as `playBotMatch` plays it (shared/src/bots/self-play.ts), kept as a
 * debrief's source: the state after each resolved phase and every action with its phase.
 */
import { botProfile, type Personality } from "../../shared/src/bots/personality";
import { turnOrder } from "../../shared/src/bots/self-play";
import { botTurn, proposalsAwaiting } from "../../shared/src/bots/turn";
import type { DebriefSource, PhaseState } from "../../shared/src/debrief/source";
import { phaseKey } from "../../shared/src/game/position";
import { getMap } from "../../shared/src/map/registry";
import type { GameMap, PowerId } from "../../shared/src/map/types";
import { applyAction } from "../../shared/src/match/actions";
import { MOVE_NAMES, payloadOf } from "../../shared/src/match/moves";
import { resolveMatchPhase } from "../../shared/src/match/resolve";
import { newMatch } from "../../shared/src/match/setup";
import type { MatchState } from "../../shared/src/match/types";
import { playerView } from "../../shared/src/match/view";
import { createRng } from "../../shared/src/random";
import type { RecordAction } from "../../shared/src/wire/record";

/** How to play one match. */
export interface PlayOptions {
  readonly mapId: string;
  readonly personalities: readonly Personality[]; // one per power, in map order
  readonly seed: string;
  readonly yearLimit: number;
  readonly miscommunication?: number;
}

/** A match played by bots to its end, as a debrief's source. */
export function playedSource(options: PlayOptions): { map: GameMap; source: DebriefSource } {
  const map = getMap(options.mapId)!;
  let state: MatchState = newMatch(map, {
    mapId: map.id,
    preset: "default",
    pressMode: "full",
    yearLimit: options.yearLimit,
    miscommunication: options.miscommunication ?? 0,
    scoring: "statesman",
  });
  const start = state;
  const phases: PhaseState[] = [];
  const actions: RecordAction[] = [];
  const act = (power: PowerId, respondOnly: boolean): void => {
    const seat = state.powers.indexOf(power);
    const turn = botTurn({
      map,
      view: playerView(state, power),
      power,
      profile: botProfile(options.personalities[seat]!),
      seed: `${options.seed}|${power}`,
      respondOnly,
    });
    for (const action of turn.actions) {
      const next = applyAction(map, state, power, action);
      if (!next.ok) continue;
      actions.push({
        phase: phaseKey(state.position),
        playerID: String(seat),
        move: MOVE_NAMES[action.type],
        args: payloadOf(action),
      });
      state = next.value;
    }
  };
  while (state.result === null && phases.length < 200) {
    const order = turnOrder(map, state);
    for (const p of order) act(p, false);
    for (const p of order) if (proposalsAwaiting(state, p).length > 0) act(p, true);
    const key = phaseKey(state.position);
    state = resolveMatchPhase(map, state, createRng(`${options.seed}|resolve|${key}`));
    phases.push({ phase: key, G: state });
  }
  return {
    map,
    source: {
      matchID: options.seed,
      ended: state.result !== null,
      view: "whole",
      start,
      phases,
      last: state,
      actions,
    },
  };
}
