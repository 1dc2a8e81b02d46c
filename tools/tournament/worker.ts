/**
 * A tournament worker thread (started by `run.ts` through `worker-entry.mjs`): receives the
 * settings as `workerData`, then chunks of game indices; posts each game's record as it finishes,
 * and a `done` after each chunk. A game that throws is posted as a `failed` message, not thrown.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { TournamentSettings } from "./game";
import { playTournamentGame } from "./game";
import type { FromWorker, ToWorker } from "./messages";

const settings = workerData as TournamentSettings;
const port = parentPort;
if (!port) throw new Error("tournament worker: not started as a worker thread");

port.on("message", (message: ToWorker) => {
  for (const game of message.games) {
    let reply: FromWorker;
    try {
      reply = { kind: "game", game, record: playTournamentGame(settings, game) };
    } catch (e) {
      reply = { kind: "failed", game, message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    port.postMessage(reply);
    if (reply.kind === "failed") return;
  }
  port.postMessage({ kind: "done" } satisfies FromWorker);
});
