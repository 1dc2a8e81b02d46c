/**
 * Plays a tournament's games, in this thread (one worker) or on a pool of worker threads that take
 * chunks of games as they come free. Records are kept by game index, so the result is the same
 * whatever the worker count. A game that throws, or a worker that dies, fails the whole run.
 * A tournament with language-model seats plays in this thread, one game after another (llm.ts).
 */
import { Worker } from "node:worker_threads";
import type { BotMatchRecord } from "../../shared/src/bots";
import { hasLlmSeats, playTournamentGame, type TournamentSettings } from "./game";
import { playLlmTournamentGame, type LlmRun } from "./llm";
import type { FromWorker, ToWorker } from "./messages";
import { gameSeed } from "./rotation";

/** How to play a tournament's games. */
export interface RunOptions {
  /** Worker threads; 1 plays in this thread. */
  readonly workers: number;
  /** Games sent to a worker at a time (default: about a quarter of a worker's share, at most 10). */
  readonly chunkSize?: number;
  /** Called after each game with the number of games done. */
  readonly onGame?: (done: number) => void;
  /** The module a worker thread runs (default `worker-entry.mjs`; tests give one that crashes). */
  readonly workerEntry?: URL;
  /** How language-model seats think; required when the table has any. */
  readonly llm?: LlmRun;
}

/** The message of a game that threw. */
function gameFailed(settings: TournamentSettings, game: number, message: string): Error {
  return new Error(`game ${game} (seed "${gameSeed(settings.seed, game)}") failed: ${message}`);
}

/** The game indices 0..games-1 cut into chunks of `size`. */
export function chunksOf(games: number, size: number): number[][] {
  const chunks: number[][] = [];
  for (let start = 0; start < games; start += size)
    chunks.push(Array.from({ length: Math.min(size, games - start) }, (_, i) => start + i));
  return chunks;
}

/** Plays every game of a tournament; the records in game order. */
export async function runTournament(
  settings: TournamentSettings,
  options: RunOptions,
): Promise<BotMatchRecord[]> {
  if (hasLlmSeats(settings)) return runWithModel(settings, options);
  const workers = Math.max(1, Math.min(options.workers, settings.games));
  return workers === 1 ? runHere(settings, options) : runPool(settings, workers, options);
}

/** Plays the games one after another in this thread, yielding between games (for the progress bar). */
async function runHere(settings: TournamentSettings, options: RunOptions): Promise<BotMatchRecord[]> {
  const records: BotMatchRecord[] = [];
  for (let game = 0; game < settings.games; game++) {
    try {
      records.push(playTournamentGame(settings, game));
    } catch (e) {
      throw gameFailed(settings, game, e instanceof Error ? (e.stack ?? e.message) : String(e));
    }
    options.onGame?.(game + 1);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return records;
}

/** Plays the games of a tournament with language-model seats, one after another in this thread. */
async function runWithModel(settings: TournamentSettings, options: RunOptions): Promise<BotMatchRecord[]> {
  const run = options.llm;
  if (run === undefined)
    throw new Error("language-model seats need a model: set LLM_BASE_URL (docs/llm-bots.md)");
  const records: BotMatchRecord[] = [];
  for (let game = 0; game < settings.games; game++) {
    try {
      records.push(await playLlmTournamentGame(settings, game, run));
    } catch (e) {
      throw gameFailed(settings, game, e instanceof Error ? (e.stack ?? e.message) : String(e));
    }
    options.onGame?.(game + 1);
  }
  return records;
}

/** Plays the games on `count` worker threads. */
function runPool(
  settings: TournamentSettings,
  count: number,
  options: RunOptions,
): Promise<BotMatchRecord[]> {
  const size = options.chunkSize ?? Math.min(10, Math.max(1, Math.ceil(settings.games / (count * 4))));
  const chunks = chunksOf(settings.games, size);
  const records = new Array<BotMatchRecord | undefined>(settings.games);
  const entry = options.workerEntry ?? new URL("./worker-entry.mjs", import.meta.url);
  return new Promise((resolve, reject) => {
    const pool: Worker[] = [];
    const retired = new Set<Worker>();
    let nextChunk = 0;
    let done = 0;
    let settled = false;
    const stopAll = (): Promise<unknown> =>
      Promise.all(
        pool.map((w) => {
          retired.add(w);
          return w.terminate();
        }),
      );
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      void stopAll().then(() => reject(error));
    };
    const feed = (worker: Worker): void => {
      const games = chunks[nextChunk++];
      if (games) worker.postMessage({ games } satisfies ToWorker);
      else {
        retired.add(worker);
        void worker.terminate();
      }
    };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(entry, { workerData: settings });
      pool.push(worker);
      worker.on("message", (message: FromWorker) => {
        if (settled) return;
        switch (message.kind) {
          case "game":
            records[message.game] = message.record;
            done++;
            options.onGame?.(done);
            if (done === settings.games) {
              settled = true;
              void stopAll().then(() => resolve(records as BotMatchRecord[]));
            }
            break;
          case "failed":
            fail(gameFailed(settings, message.game, message.message));
            break;
          case "done":
            feed(worker);
        }
      });
      worker.on("error", (e) => fail(new Error(`tournament worker ${i} crashed: ${e.stack ?? e.message}`)));
      worker.on("messageerror", (e) =>
        fail(new Error(`tournament worker ${i} sent a bad message: ${e.message}`)),
      );
      worker.on("exit", (code) => {
        if (!retired.has(worker))
          fail(new Error(`tournament worker ${i} stopped (exit code ${code}) before its games were done`));
      });
      feed(worker);
    }
  });
}
