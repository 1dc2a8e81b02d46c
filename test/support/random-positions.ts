/**
 * Test helper: pools of positions reached by seeded random play, each with the random orders
 * given in it and a label (map, seed, phase) that reproduces it in a failure message.
 */
import { playRandomGame } from "../../shared/src/game/random-play";
import type { Position } from "../../shared/src/game/position";
import { getMap } from "../../shared/src/map/registry";
import type { GameMap } from "../../shared/src/map/types";
import type { Order, PhaseKind } from "../../shared/src/orders/types";

/** A position from a random game, with the orders given in it. */
export interface PlayedPosition {
  readonly map: GameMap;
  readonly position: Position;
  readonly orders: readonly Order[];
  /** e.g. `classic seed 3, fall 1905 movement`. */
  readonly label: string;
}

/**
 * Every position of random games on `mapId` with the given seeds (optionally only one phase
 * kind), in play order. Deterministic.
 */
export function playedPositions(
  mapId: string,
  seeds: readonly (string | number)[],
  options: { readonly maxYears?: number; readonly phase?: PhaseKind } = {},
): PlayedPosition[] {
  const map = getMap(mapId);
  if (map === null) throw new Error(`no map "${mapId}"`);
  const out: PlayedPosition[] = [];
  for (const seed of seeds) {
    const game = playRandomGame(
      map,
      seed,
      options.maxYears === undefined ? {} : { maxYears: options.maxYears },
    );
    game.phases.forEach((phase, i) => {
      const position = game.positions[i]!;
      if (options.phase !== undefined && position.phase !== options.phase) return;
      const label = `${mapId} seed ${JSON.stringify(seed)}, ${position.season} ${position.year} ${position.phase}`;
      out.push({ map, position, orders: phase.orders, label });
    });
  }
  return out;
}
