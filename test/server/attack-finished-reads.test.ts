/**
 * Attack: reading finished matches for free. The storage keeps running matches' states in memory
 * but reads a finished match's state from the file every time (hundreds of kB for a long match,
 * about 7 ms each), and the lobby read the whole state of every match it was asked about — before
 * checking any credentials. One `POST /api/my-matches` naming a finished long match 100 times with
 * made-up credentials held the event loop for most of a second; `GET /api/matches/:id` and the
 * listing read it again on every request. Now credentials are checked on the metadata first, each
 * match is read once per request, and what the lobby shows of a finished match is kept.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { api, createMatch, type CreatedMatch } from "./support/matches";
import { playLongMatch } from "./support/long-match";
import { removeDataDir, startInProcess, type InProcessServer } from "./support/server";

let s: InProcessServer;
let match: CreatedMatch;
let stateReads = 0;

beforeAll(async () => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  s = await startInProcess();
  match = await createMatch(s);
  const long = playLongMatch({ seed: "finished", untilYear: 1905 });
  const finished = { ...long.last, _stateID: 1, ctx: { ...long.last.ctx, gameover: { draw: true } } };
  s.server.ctx.storage.setState(match.matchID, finished as never, []);
  const storage = s.server.ctx.storage;
  const fetch = storage.fetch.bind(storage);
  vi.spyOn(storage, "fetch").mockImplementation((id, opts) => {
    if (opts.state) stateReads++;
    return fetch(id, opts);
  });
});

afterAll(async () => {
  vi.restoreAllMocks();
  await s.stop();
  removeDataDir(s.dataDir);
});

describe("attack: reads of finished matches", () => {
  it("attack: my-matches with made-up credentials reads no state", async () => {
    stateReads = 0;
    const seats = Array.from({ length: 100 }, () => ({
      matchID: match.matchID,
      playerID: "0",
      credentials: "x".repeat(32),
    }));
    const res = await api(s, "POST", "/api/my-matches", { seats });
    expect(res.status).toBe(200);
    const answers = (res.body as { matches: { error?: { code: string } }[] }).matches;
    expect(answers.every((m) => m.error?.code === "bad-credentials")).toBe(true);
    expect(stateReads).toBe(0);
  });

  it("attack: my-matches naming one real seat 100 times reads its match once", async () => {
    const seat = match.seats[0]!;
    stateReads = 0;
    const seats = Array.from({ length: 100 }, () => ({
      matchID: match.matchID,
      playerID: seat.playerID,
      credentials: seat.credentials,
    }));
    const res = await api(s, "POST", "/api/my-matches", { seats });
    expect(res.status).toBe(200);
    const answers = (res.body as { matches: { match?: { gameover: unknown } }[] }).matches;
    expect(answers.every((m) => m.match?.gameover !== null)).toBe(true);
    expect(stateReads).toBeLessThanOrEqual(1);
  });

  it("attack: asking for a finished match again and again reads its state at most once", async () => {
    stateReads = 0;
    for (let i = 0; i < 20; i++) {
      const res = await api(s, "GET", `/api/matches/${match.matchID}`);
      expect(res.status).toBe(200);
      expect((res.body as { gameover: unknown }).gameover).toEqual({ draw: true });
      expect((res.body as { phase: { year: number } }).phase.year).toBeGreaterThanOrEqual(1905);
    }
    expect(stateReads).toBeLessThanOrEqual(1);
    const join = await api(s, "POST", `/api/matches/${match.matchID}/join`, { name: "Late" });
    expect(join.status).toBe(409);
  });
});
