/**
 * Benchmark inputs, built once before any timing: full-board movement positions from games played
 * with random legal orders, each with the random orders given in it, and those orders as text.
 */
import { playRandomGame } from "../shared/src/game/random-play";
import type { Position } from "../shared/src/game/position";
import type { GameMap } from "../shared/src/map/types";
import type { Order } from "../shared/src/orders/types";

/** A movement position together with the orders that were given in it. */
export interface MovementSample {
  readonly position: Position;
  readonly orders: readonly Order[];
}

/**
 * Movement positions with at least `minUnits` units, from random games with seeds 1, 2, 3, …
 * until `count` are collected. Deterministic: the same arguments give the same samples.
 */
export function movementSamples(
  map: GameMap,
  count: number,
  minUnits: number,
  maxYears = 10,
): MovementSample[] {
  const samples: MovementSample[] = [];
  for (let seed = 1; samples.length < count; seed++) {
    if (seed > count * 10) throw new Error(`only ${samples.length} positions with ${minUnits}+ units found`);
    const game = playRandomGame(map, `bench-${seed}`, { maxYears });
    game.phases.forEach((phase, i) => {
      const position = game.positions[i]!;
      if (samples.length >= count || phase.resolved.phase !== "movement") return;
      if (position.units.length >= minUnits) samples.push({ position, orders: phase.orders });
    });
  }
  return samples;
}
