/** The messages between the tournament pool (`run.ts`) and its workers (`worker.ts`). */
import type { BotMatchRecord } from "../../shared/src/bots";

/** To a worker: a chunk of games to play, by index. */
export interface ToWorker {
  readonly games: readonly number[];
}

/** From a worker: a game's record, a game that threw, or the end of a chunk. */
export type FromWorker =
  | { readonly kind: "game"; readonly game: number; readonly record: BotMatchRecord }
  | { readonly kind: "failed"; readonly game: number; readonly message: string }
  | { readonly kind: "done" };
