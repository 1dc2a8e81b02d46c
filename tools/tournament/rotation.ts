/**
 * Seat rotation and seeds: game g gives the table's bot k the power (k + g) mod P, so over P games
 * every bot plays every power; its seed is `${seed}:${g}`. Pure.
 */
import type { BotSeat } from "../../shared/src/bots";

/** The seed of game `game` (0-based) of a tournament seeded `seed`. */
export function gameSeed(seed: string, game: number): string {
  return `${seed}:${game}`;
}

/** The power index bot `bot` of the table plays in game `game`, on a map of `powers` powers. */
export function powerIndexOf(bot: number, game: number, powers: number): number {
  return (((bot + game) % powers) + powers) % powers;
}

/** The seats of game `game`, one per power in the map's power order, from the table (one bot per power). */
export function seatsOf<Seat extends BotSeat>(table: readonly Seat[], game: number): Seat[] {
  const powers = table.length;
  const seats = new Array<Seat>(powers);
  table.forEach((bot, k) => {
    seats[powerIndexOf(k, game, powers)] = bot;
  });
  return seats;
}
