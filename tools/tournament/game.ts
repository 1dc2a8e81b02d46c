/**
 * A tournament's settings and one of its games. Every game is a pure function of the settings and
 * its index, so games may be played in any order, on any thread, and give the same records.
 */
import { playBotMatch, type BotMatchRecord } from "../../shared/src/bots";
import type { LlmSeat } from "../../shared/src/bots/llm";
import type { PressMode } from "../../shared/src/match/types";
import { gameSeed, seatsOf } from "./rotation";

/** Everything that decides a tournament's records (the worker count does not). Plain JSON data. */
export interface TournamentSettings {
  readonly map: string;
  /** The `--bots` spec as given. */
  readonly bots: string;
  /**
   * The bots of the table, one per power, before rotation (bot k plays power k in game 0); a seat
   * with `llm` is a language-model bot, played by `playLlmTournamentGame` (llm.ts), never here.
   */
  readonly table: readonly LlmSeat[];
  readonly games: number;
  readonly seed: string;
  /** The last year played. */
  readonly yearLimit: number;
  readonly preset: string;
  readonly pressMode: PressMode;
  readonly miscommunication: number;
}

/** Plays game `game` (0-based) of a tournament. */
export function playTournamentGame(settings: TournamentSettings, game: number): BotMatchRecord {
  if (hasLlmSeats(settings))
    throw new Error("language-model seats are played by playLlmTournamentGame (llm.ts)");
  return playBotMatch({
    mapId: settings.map,
    seats: seatsOf(settings.table, game),
    seed: gameSeed(settings.seed, game),
    yearLimit: settings.yearLimit,
    preset: settings.preset,
    pressMode: settings.pressMode,
    miscommunication: settings.miscommunication,
  });
}

/** Whether a tournament has language-model seats (played on the main thread, see llm.ts). */
export function hasLlmSeats(settings: TournamentSettings): boolean {
  return settings.table.some((seat) => seat.llm !== undefined);
}
