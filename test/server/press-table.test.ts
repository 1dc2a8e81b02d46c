/**
 * The host sees a friend sit down at once (issue 13, item 2): whenever a match's seats change — a
 * player joins or leaves, a seat goes to a bot, a bot stands in for an absent player — every press
 * socket of that match (seats and spectators) gets `press:table` within a bounded wait, carrying
 * the match's id and nothing else; another match's sockets hear nothing of it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeatProof } from "../../shared/src/wire";
import { pressTableSchema } from "../../shared/src/wire/press";
import { api, hostedAmberMatch } from "./support/matches";
import { PressClient } from "./support/press";
import { removeDataDir, startInProcess, waitUntil, type InProcessServer } from "./support/server";

/** How long a change of seats may take to reach the sockets (the old lobby poll took 15 s). */
const PROMPT_MS = 2_000;

let s: InProcessServer;
const clients: PressClient[] = [];
beforeAll(async () => {
  s = await startInProcess();
});
afterAll(async () => {
  for (const c of clients) c.stop();
  await s.stop();
  removeDataDir(s.dataDir);
});

/** Ada's match: amber, three seats, Ada the host at seat 0. */
function hostedMatch(): Promise<{ matchID: string; ada: SeatProof }> {
  return hostedAmberMatch(s, [{ kind: "open" }, { kind: "open" }]);
}

async function open(matchID: string, seat: SeatProof | null): Promise<PressClient> {
  const client = await PressClient.open(s.url, matchID, seat);
  clients.push(client);
  return client;
}

/** The `press:table` events a socket has received so far. */
function tables(client: PressClient): unknown[] {
  return client.received.filter((r) => r.event === "press:table").map((r) => r.args[0]);
}

/** Waits (bounded) until every socket has `count` table events; returns how long it took. */
async function heard(sockets: readonly PressClient[], count: number): Promise<number> {
  const from = Date.now();
  await waitUntil(
    `press:table number ${count}`,
    () => sockets.every((c) => tables(c).length >= count),
    PROMPT_MS,
    5,
  );
  return Date.now() - from;
}

describe("press:table", () => {
  it("reaches the host and a spectator at once on each change of seats, with only the match's id", async () => {
    const { matchID, ada } = await hostedMatch();
    const other = await hostedMatch();
    const host = await open(matchID, ada);
    const spectator = await open(matchID, null);
    const elsewhere = await open(other.matchID, null);
    const both = [host, spectator];

    // A friend joins over HTTP.
    const join = await api(s, "POST", `/api/matches/${matchID}/join`, { name: "Bea", seat: 1 });
    expect(join.status).toBe(200);
    const { playerID, credentials } = join.body as SeatProof;
    const bea: SeatProof = { playerID, credentials };
    expect(await heard(both, 1)).toBeLessThan(PROMPT_MS);

    // The host gives the last open seat to a bot (a metadata write and the lobby's hook: one event).
    const toBot = await api(s, "POST", `/api/matches/${matchID}/seats/2/bot`, {
      ...ada,
      personality: "grudger",
    });
    expect(toBot.status, JSON.stringify(toBot.body)).toBe(200);
    await heard(both, 2);
    expect(tables(host)).toHaveLength(2); // the join was one event, not two

    // A bot stands in for Bea, who is away: only the server's records change (the lobby's hook).
    const standIn = await api(s, "POST", `/api/matches/${matchID}/seats/1/bot`, {
      ...ada,
      personality: "grudger",
    });
    expect(standIn.status, JSON.stringify(standIn.body)).toBe(200);
    expect((standIn.body as { given: string }).given).toBe("stand-in");
    await heard(both, 3);

    // Bea leaves.
    const leave = await api(s, "POST", `/api/matches/${matchID}/leave`, bea);
    expect(leave.status).toBe(200);
    await heard(both, 4);
    expect(tables(spectator)).toHaveLength(4);

    // Each event is the shared shape, names the match, and carries nothing else: no names, no secrets.
    for (const client of both)
      for (const table of tables(client)) {
        expect(pressTableSchema.parse(table)).toEqual({ matchID });
        expect(Object.keys(table as object)).toEqual(["matchID"]);
      }
    for (const client of both) {
      const text = JSON.stringify(tables(client));
      for (const secret of [ada.credentials, bea.credentials, "Bea", "Ada"])
        expect(text).not.toContain(secret);
    }
    // The other match's socket heard nothing of this table.
    expect(tables(elsewhere)).toEqual([]);
  });
});
