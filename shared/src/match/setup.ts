/**
 * A new match: the map's starting position for the powers in play, everyone's reputation and
 * prestige at the preset's start, and nothing secret (boardgame.io sends the initial state to
 * every client unfiltered).
 */
import { initialPosition } from "../game/phases";
import type { GameMap, PowerId } from "../map/types";
import { getPreset } from "../trust/presets";
import type { MatchSettings, MatchState } from "./types";

/** The settings of a match nobody configured: classic map, default preset, full press. */
export const DEFAULT_SETTINGS: MatchSettings = {
  mapId: "classic",
  preset: "default",
  pressMode: "full",
  yearLimit: null,
  miscommunication: 0,
  scoring: "statesman",
};

/** Builds a record with the same value for every power. */
export function byPower<T>(powers: readonly PowerId[], value: T): Record<PowerId, T> {
  return Object.fromEntries(powers.map((p) => [p, value]));
}

/**
 * The first state of a match.
 * @param powers the powers in play (default: all of the map's); the others' units are removed and
 *   their home centres start neutral
 */
export function newMatch(map: GameMap, settings: MatchSettings, powers?: readonly PowerId[]): MatchState {
  const preset = getPreset(settings.preset) ?? getPreset("default")!;
  const playing = map.powers.map((p) => p.id).filter((p) => (powers ?? [p]).includes(p));
  const start = initialPosition(map);
  const inPlay = new Set(playing);
  const position = {
    ...start,
    units: start.units.filter((u) => inPlay.has(u.power)),
    supplyCenters: Object.fromEntries(
      Object.entries(start.supplyCenters).filter(([, owner]) => inPlay.has(owner)),
    ),
  };
  return {
    settings,
    powers: playing,
    position,
    orders: byPower(playing, []),
    ready: byPower(playing, false),
    commitments: [],
    notices: [],
    messages: [],
    communiques: [],
    leaks: [],
    drawVotes: {},
    reputation: byPower(playing, preset.reputation.start),
    prestige: byPower(playing, preset.prestige.start),
    editions: [],
    history: [],
    result: null,
    nextId: 1,
  };
}
