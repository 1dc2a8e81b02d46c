/**
 * Attack: whole views for the asking. A `sync` answers with the socket's whole view — in a long
 * classic match some 300 kB of JSON — and a press socket's connection with the whole press
 * history. One address with a few sockets that sync again and again (or connect again and again)
 * made the server encode and send views until `/health` took seconds. Views are now budgeted per
 * address across sockets and both namespaces (from `SOCKETS_PER_ADDRESS`: that many at once, a
 * twentieth of it per second): beyond that a sync is answered `rate-limited` and a press handshake
 * is refused with it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { RawRecorder } from "./support/clients";
import { api, createMatch, type CreatedMatch } from "./support/matches";
import { PressClient } from "./support/press";
import { removeDataDir, sleep, startInProcess, type InProcessServer } from "./support/server";

let s: InProcessServer;
let match: CreatedMatch;
const closers: (() => void)[] = [];

beforeAll(async () => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  // The default 200 sockets per address: 200 views at once, 10 more per second.
  s = await startInProcess({ env: { SOCKETS_PER_ADDRESS: "200", ACTIONS_PER_SECOND: "1000" } });
  match = await createMatch(s, { join: false });
});

afterAll(async () => {
  for (const close of closers.splice(0)) close();
  await s.stop();
  removeDataDir(s.dataDir);
});

describe("attack: a flood of syncs and press connections from one address", () => {
  it("attack: repeated syncs over a few sockets are answered rate-limited beyond the address's budget", async () => {
    const sockets = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const r = await new RawRecorder(s.url).connected();
        closers.push(() => r.close());
        return r;
      }),
    );
    for (let i = 0; i < 80; i++) for (const r of sockets) r.emit("sync", match.matchID, null, undefined, 7);
    await sleep(500);
    const syncs = sockets.reduce((n, r) => n + r.received.filter((x) => x.event === "sync").length, 0);
    const limited = sockets.reduce(
      (n, r) => n + r.errors().filter((e) => e.code === "rate-limited").length,
      0,
    );
    expect(syncs).toBeLessThanOrEqual(215);
    expect(syncs + limited).toBe(320);
    expect((await api(s, "GET", "/health")).status).toBe(200);
  });

  it("attack: press connections beyond the address's budget are refused rate-limited", async () => {
    const refusals: string[] = [];
    for (let i = 0; i < 15; i++) {
      try {
        const p = await PressClient.open(s.url, match.matchID, null);
        p.stop();
      } catch (e) {
        refusals.push((e as Error).message);
      }
    }
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.every((m) => m.startsWith("rate-limited"))).toBe(true);
  });

  it("attack: the budget comes back with time", async () => {
    await sleep(1_000);
    const r = await new RawRecorder(s.url).connected();
    closers.push(() => r.close());
    expect((await r.sync(match.matchID, null)).event).toBe("sync");
  });
});
