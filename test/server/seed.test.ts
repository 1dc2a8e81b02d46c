/**
 * Each match a server creates gets a secret random seed: boardgame.io's default seed is the
 * creation time, which a player who knows when the match began could guess — and with it every
 * random draw of the match (commitment ids, headlines, the paper's misses). No client sees it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../server/src/app";
import { readConfig } from "../../server/src/config";
import { api } from "./support/matches";

const servers: RunningServer[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    await server.scheduler.idle();
    await server.stop();
  }
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the seed of a server's match", () => {
  it("is random and different for every match, even when created in the same instant", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entente-seed-"));
    dirs.push(dir);
    const instant = 1_700_000_000_000;
    const config = readConfig({ PORT: "0", DATA_DIR: dir, TICK_MS: "60000", JOINS_PER_MINUTE: "100000" });
    const server = Object.assign(await startServer(config, () => instant), { dataDir: dir });
    servers.push(server);
    const seeds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await api(server, "POST", "/api/matches", { map: "amber", players: 3 });
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
