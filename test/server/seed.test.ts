/**
 * Each match a server creates gets a secret random seed: boardgame.io's default seed is the
 * creation time, which a player who knows when the match began could guess — and with it every
 * random draw of the match (commitment ids, headlines, the paper's misses). No client sees it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { api } from "./support/matches";
import { removeDataDir, startInProcess, type InProcessServer } from "./support/server";

const running: InProcessServer[] = [];

afterEach(async () => {
  for (const s of running.splice(0)) {
    await s.stop();
    removeDataDir(s.dataDir);
  }
});

describe("the seed of a server's match", () => {
  it("is random and different for every match, even when created in the same instant", async () => {
    const instant = 1_700_000_000_000;
    const s = await startInProcess({ env: { TICK_MS: "60000" }, now: () => instant });
    running.push(s);
    const server = s.server;
    const seeds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await api(s, "POST", "/api/matches", { map: "amber", players: 3 });
      expect(created.status).toBe(201);
      const { matchID } = created.body as { matchID: string };
      const { state } = server.ctx.storage.fetch(matchID, { state: true });
      const random = state!.plugins["random"] as { data: { seed: string } };
      seeds.push(random.data.seed);
    }
    expect(new Set(seeds).size).toBe(3);
    for (const seed of seeds) expect(seed).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
