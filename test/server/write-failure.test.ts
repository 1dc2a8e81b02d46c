/**
 * Issue 10 finding 6 on the game path, with the database made full under a running server (its
 * own connection's `max_page_count`, a real SQLITE_FULL): a move that cannot be stored is the
 * sender's `storage-failed` error, nobody is shown it, the stored match is as it was, the failure
 * is logged and `GET /health` answers 503 naming it; once there is room again, moves are stored and
 * shown and `/health` is 200.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { latestState, rawMove, RawRecorder } from "./support/clients";
import { api, createMatch, readStored, type CreatedMatch } from "./support/matches";
import { hearLogs } from "./support/logs";
import { sqliteOf } from "./support/storage";
import { removeDataDir, sleep, startInProcess, type InProcessServer } from "./support/server";

let s: InProcessServer;
let match: CreatedMatch;
/** The server's error records while the tests ran. */
const errors = hearLogs("error");

beforeAll(async () => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  s = await startInProcess();
  match = await createMatch(s, { players: 7, pressMode: "full" });
});

afterAll(async () => {
  await s.stop();
  removeDataDir(s.dataDir);
  errors.stop();
});

describe("issue 10 finding 6: a write that fails is an error, not an acknowledgement", () => {
  it("refuses the move with storage-failed, shows it to nobody, keeps the match, and /health says so", async () => {
    const aus = match.seats[0]!;
    const actor = await new RawRecorder(s.url).connected();
    const watcher = await new RawRecorder(s.url).connected();
    await actor.sync(match.matchID, aus.playerID, aus.credentials);
    await watcher.sync(match.matchID, null);
    try {
      expect((await api(s, "GET", "/health")).status).toBe(200);
      const db = sqliteOf(s.server.ctx.db);
      const pages = db.pragma("page_count", { simple: true }) as number;
      db.pragma(`max_page_count = ${pages}`);
      // Proposals with long texts grow the database until a write cannot fit.
      let failed = null;
      for (let i = 0; i < 400 && failed === null; i++) {
        const before = JSON.stringify(readStored(s.dataDir, match.matchID).state);
        const fromWatcher = watcher.received.length;
        const error = await rawMove(actor, aus, match.matchID, "propose", {
          parties: ["ENG"],
          clauses: [{ kind: "text", text: `${i} ${"x".repeat(450)}` }],
          until: null,
          visibility: "public",
        });
        if (error === null) continue;
        if (error.code !== "storage-failed") throw new Error(`${error.code}: ${error.message}`);
        failed = error;
        await sleep(200);
        expect(watcher.received.slice(fromWatcher)).toEqual([]);
        expect(JSON.stringify(readStored(s.dataDir, match.matchID).state)).toBe(before);
      }
      expect(failed?.code).toBe("storage-failed");
      const notStored = errors
        .records()
        .filter(
          (r) => r.module === "match-host" && r.msg === `match ${match.matchID}: a move could not be stored`,
        );
      expect(notStored.length).toBeGreaterThan(0);
      expect(notStored[0]).toMatchObject({ level: "error", matchID: match.matchID });
      expect(JSON.stringify(notStored[0]!["err"])).toMatch(/full/i); // the storage error, through pino's serializer
      const health = await api(s, "GET", "/health");
      expect(health.status).toBe(503);
      expect(JSON.stringify(health.body)).toMatch(/full/i);
      // The actor's view never showed the refused proposal.
      const shown = latestState(actor)!.G.commitments.length;
      expect(readStored(s.dataDir, match.matchID).state.G.commitments.length).toBe(shown);

      db.pragma("max_page_count = 1073741823");
      expect(await rawMove(actor, aus, match.matchID, "drawVote", { vote: true })).toBeNull();
      expect((await api(s, "GET", "/health")).status).toBe(200);
      expect(readStored(s.dataDir, match.matchID).state.G.drawVotes["AUS"]).toBe(true);
    } finally {
      actor.close();
      watcher.close();
    }
  });
});
