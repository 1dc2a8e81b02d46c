/**
 * The host keeps the table going (issue 12, item 5): `POST /api/matches/:id/seats/:seat/bot`. The
 * player who made a match (its host) gives an open seat to a bot of a chosen personality — the
 * match, which waited for that seat, starts its clock and the bot plays — or lets a bot stand in
 * for an absent player until they make a move again. Tried as an attacker would: another player,
 * wrong or borrowed credentials, odd seat spellings, extra fields, a connected player, a bot's seat,
 * the host's own seat, a host who left, a match with no host — each refused with its code and
 * nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MatchInfo, SeatProof, SeatToBotAnswer } from "../../shared/src/wire";
import { latestState, rawMove, RawRecorder } from "./support/clients";
import { api, hostedAmberMatch } from "./support/matches";
import { removeDataDir, startInProcess, waitUntil, type InProcessServer } from "./support/server";

let s: InProcessServer;
beforeAll(async () => {
  s = await startInProcess();
});
afterAll(async () => {
  await s.stop();
  removeDataDir(s.dataDir);
});

/** Ada's match: amber, three seats, Ada the host at seat 0. */
function hostedMatch(): Promise<{ matchID: string; ada: SeatProof }> {
  return hostedAmberMatch(s, [{ kind: "open" }, { kind: "bot", personality: "grudger" }]);
}

async function info(matchID: string): Promise<MatchInfo> {
  const res = await api(s, "GET", `/api/matches/${matchID}`);
  expect(res.status).toBe(200);
  return res.body as MatchInfo;
}

async function join(matchID: string, name: string, seat?: number): Promise<SeatProof> {
  const res = await api(
    s,
    "POST",
    `/api/matches/${matchID}/join`,
    seat === undefined ? { name } : { name, seat },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const body = res.body as SeatProof;
  return { playerID: body.playerID, credentials: body.credentials };
}

/** Asks for a seat to go to a bot; returns the answer. */
function toBot(
  matchID: string,
  seat: string,
  body: unknown,
  path = `/api/matches/${matchID}/seats/${seat}/bot`,
) {
  return api(s, "POST", path, body);
}

/** What must not change when a hand-over is refused: seats, host and clock. */
function unchanged(m: MatchInfo): unknown {
  return { seats: m.seats.map((x) => ({ ...x, connected: false })), host: m.host, deadline: m.deadline };
}

describe("the host gives an open seat to a bot", () => {
  it("names the host in the match's info, and a match made without a host has none", async () => {
    const { matchID } = await hostedMatch();
    expect((await info(matchID)).host).toBe("0");
    const hostless = await api(s, "POST", "/api/matches", { map: "amber", players: 3 });
    expect((await info((hostless.body as { matchID: string }).matchID)).host).toBeNull();
  });

  it("makes the seat a bot's with the chosen personality; the waiting match starts and the bot plays", async () => {
    const { matchID, ada } = await hostedMatch();
    const before = await info(matchID);
    expect(before.deadline).toBeNull(); // the clock waits for the open seat
    const res = await toBot(matchID, "1", { ...ada, personality: "backstabber", tactics: "lookahead" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const answer = res.body as SeatToBotAnswer;
    expect(answer.given).toBe("bot");
    expect(answer.match.seats[1]).toMatchObject({
      kind: "bot",
      personality: "backstabber/lookahead",
      name: "Bot (backstabber/lookahead)",
    });
    await waitUntil("the clock to start", async () => (await info(matchID)).deadline !== null);
    // Nobody can join the seat now.
    const late = await api(s, "POST", `/api/matches/${matchID}/join`, { name: "Late", seat: 1 });
    expect(late.status).toBe(409);
    expect((late.body as { error: { code: string } }).error.code).toBe("seat-taken");
    // The bot plays: its power is ready in the spectator's view.
    const watcher = await new RawRecorder(s.url).connected();
    try {
      await watcher.sync(matchID, null, null);
      const power = answer.match.seats[1]!.power;
      await waitUntil(
        `${power} (the new bot) to be ready`,
        () => latestState(watcher)?.G.ready[power] === true,
      );
    } finally {
      watcher.close();
    }
  });

  it("a bot by default plays steady", async () => {
    const { matchID, ada } = await hostedMatch();
    const res = await toBot(matchID, "1", ada);
    expect((res.body as SeatToBotAnswer).match.seats[1]).toMatchObject({
      kind: "bot",
      personality: "steady",
    });
  });
});

describe("the host lets a bot stand in for an absent player", () => {
  it("stands in for a player with no socket, refuses while the player is connected or already stood in for", async () => {
    const { matchID, ada } = await hostedMatch();
    const bob = await join(matchID, "Bob");
    const socket = await new RawRecorder(s.url).connected();
    const synced = await socket.sync(matchID, bob.playerID, bob.credentials);
    expect(synced.event).toBe("sync");
    const present = await toBot(matchID, bob.playerID, ada);
    expect(present.status).toBe(409);
    expect((present.body as { error: { code: string } }).error.code).toBe("player-present");
    socket.close();
    await waitUntil("Bob's socket to be gone", async () => !(await info(matchID)).seats[1]!.connected);
    const res = await toBot(matchID, bob.playerID, ada);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const answer = res.body as SeatToBotAnswer;
    expect(answer.given).toBe("stand-in");
    expect(answer.match.seats[1]).toMatchObject({ kind: "human", name: "Bob", botActive: true });
    const again = await toBot(matchID, bob.playerID, ada);
    expect(again.status).toBe(409);
    expect((again.body as { error: { code: string } }).error.code).toBe("seat-taken");
    // Bob keeps his seat: his credentials still hold it.
    const back = await new RawRecorder(s.url).connected();
    try {
      expect((await back.sync(matchID, bob.playerID, bob.credentials)).event).toBe("sync");
    } finally {
      back.close();
    }
  });
});

describe("refusals change nothing", () => {
  it("refuses everyone but the host, odd seats, extra fields, the host's own seat and a bot's", async () => {
    const { matchID, ada } = await hostedMatch();
    const bob = await join(matchID, "Bob");
    await waitUntil("the clock to start", async () => (await info(matchID)).deadline !== null);
    const before = unchanged(await info(matchID));
    const cases: [string, string, unknown, number, string, string?][] = [
      ["another player", "0", bob, 403, "not-host"],
      ["wrong credentials", "1", { ...ada, credentials: "not-these" }, 401, "bad-credentials"],
      [
        "the host's secret under another seat",
        "1",
        { playerID: "1", credentials: ada.credentials },
        401,
        "bad-credentials",
      ],
      ["a bot's credentials unknown", "1", { playerID: "2", credentials: "x" }, 401, "bad-credentials"],
      ["an extra field", "1", { ...ada, seat: 1 }, 400, "bad-payload"],
      ["an unknown personality", "1", { ...ada, personality: "saint" }, 400, "bad-payload"],
      ["no credentials", "1", { playerID: "0" }, 400, "bad-payload"],
      ["a seat with a leading zero", "01", ada, 400, "bad-payload"],
      ["a negative seat", "-1", ada, 400, "bad-payload"],
      ["a seat written as a word", "one", ada, 400, "bad-payload"],
      ["a seat that is not there", "9", ada, 404, "unknown-seat"],
      ["the host's own seat", "0", ada, 409, "player-present"],
      ["a bot's seat", "2", ada, 409, "seat-taken"],
    ];
    for (const [label, seat, body, status, code] of cases) {
      const res = await toBot(matchID, seat, body);
      expect(res.status, label).toBe(status);
      expect((res.body as { error: { code: string } }).error.code, label).toBe(code);
    }
    // Any letter case reaches the same route, and the same guard.
    const shouted = await toBot(matchID, "1", bob, `/API/MATCHES/${matchID}/SEATS/1/BOT`);
    expect(shouted.status).toBe(403);
    const raw = await api(s, "POST", `/api/matches/${matchID}/seats/1/bot`, undefined, {
      "content-type": "text/plain",
    });
    expect(raw.status).toBeGreaterThanOrEqual(400);
    expect(unchanged(await info(matchID))).toEqual(before);
  });

  it("a match with no host refuses every seat holder; a host who left is host no more", async () => {
    const hostless = await api(s, "POST", "/api/matches", { map: "amber", players: 3 });
    const id = (hostless.body as { matchID: string }).matchID;
    const carol = await join(id, "Carol");
    const res = await toBot(id, "1", carol);
    expect(res.status).toBe(403);
    expect((res.body as { error: { code: string } }).error.code).toBe("not-host");

    const { matchID, ada } = await hostedMatch();
    expect((await api(s, "POST", `/api/matches/${matchID}/leave`, ada)).status).toBe(200);
    expect((await info(matchID)).host).toBeNull();
    const dave = await join(matchID, "Dave", 0); // takes the host's old seat
    const taken = await toBot(matchID, "1", dave);
    expect(taken.status).toBe(403);
    expect((taken.body as { error: { code: string } }).error.code).toBe("not-host");
    expect((await toBot(matchID, "1", ada)).status).toBe(401); // the old credentials are gone
  });

  it("an unknown match is a 404, checked after the body", async () => {
    const res = await toBot("nosuchmatch00", "1", { playerID: "0", credentials: "x" });
    expect(res.status).toBe(404);
    expect((res.body as { error: { code: string } }).error.code).toBe("unknown-match");
  });
});

describe("attack findings (named): nothing the host asks reveals or steals", () => {
  it("a stand-in stays 'taken' all phase even once its player moved: the answer never dates a secret move", async () => {
    const { matchID, ada } = await hostedMatch();
    await toBot(matchID, "2", ada); // the last open seat: the clock starts
    const bob = await join(matchID, "Bob");
    await waitUntil("the clock to start", async () => (await info(matchID)).deadline !== null);
    expect((await toBot(matchID, bob.playerID, ada)).status).toBe(200); // a bot stands in for Bob
    // Bob comes back, saves orders without being ready (a move only he sees), and leaves again.
    const socket = await new RawRecorder(s.url).connected();
    await socket.sync(matchID, bob.playerID, bob.credentials);
    expect(await rawMove(socket, bob, matchID, "orders", { orders: [] })).toBeNull();
    socket.close();
    await waitUntil("Bob's socket to be gone", async () => !(await info(matchID)).seats[1]!.connected);
    expect((await info(matchID)).seats[1]!.botActive).toBe(true); // shown until the phase ends
    const again = await toBot(matchID, bob.playerID, ada);
    expect(again.status).toBe(409); // as before his move: the host learns nothing
    expect((again.body as { error: { code: string } }).error.code).toBe("seat-taken");
  });
});

describe("attack findings (named): play again hosts only the returning host", () => {
  let clock = Date.now();
  let t: InProcessServer;
  beforeAll(async () => {
    t = await startInProcess({ now: () => clock });
  });
  afterAll(async () => {
    await t.stop();
    removeDataDir(t.dataDir);
  });

  it("a stranger who takes the host's lapsed seat of the next match is no host; the host who plays again is", async () => {
    const made = await api(t, "POST", "/api/matches", {
      map: "amber",
      players: 3,
      hostName: "Ada",
      timing: { movement: 1, retreat: 1, adjustment: 1 },
    });
    const old = (made.body as { matchID: string }).matchID;
    const ada = (made.body as { host: SeatProof }).host;
    const bob = (await api(t, "POST", `/api/matches/${old}/join`, { name: "Bob" })).body as SeatProof;
    await api(t, "POST", `/api/matches/${old}/join`, { name: "Carl" });
    // Bob asks for the next match first: it has no host until Ada comes back for her seat.
    const again = await api(t, "POST", `/api/matches/${old}/play-again`, {
      playerID: bob.playerID,
      credentials: bob.credentials,
    });
    expect(again.status).toBe(201);
    const next = (again.body as { matchID: string }).matchID;
    expect(((await api(t, "GET", `/api/matches/${next}`)).body as MatchInfo).host).toBeNull();
    // The seats held for Ada and Carl lapse; a stranger takes Ada's.
    clock += 61_000;
    const eve = (await api(t, "POST", `/api/matches/${next}/join`, { name: "Eve", seat: 0 }))
      .body as SeatProof;
    const stolen = await api(t, "POST", `/api/matches/${next}/seats/2/bot`, {
      playerID: eve.playerID,
      credentials: eve.credentials,
    });
    expect(stolen.status).toBe(403);
    expect((stolen.body as { error: { code: string } }).error.code).toBe("not-host");
    // Ada comes too late for her seat: it is Eve's, and Eve is a player, not the host.
    const late = await api(t, "POST", `/api/matches/${old}/play-again`, {
      playerID: ada.playerID,
      credentials: ada.credentials,
    });
    expect(late.status).toBe(409);

    // When Ada herself plays again, she hosts the next match.
    const made2 = await api(t, "POST", "/api/matches", { map: "amber", players: 3, hostName: "Ada" });
    const first = (made2.body as { matchID: string }).matchID;
    const host = (made2.body as { host: SeatProof }).host;
    const back = await api(t, "POST", `/api/matches/${first}/play-again`, {
      playerID: host.playerID,
      credentials: host.credentials,
    });
    expect(back.status).toBe(201);
    const hosted = (back.body as { matchID: string }).matchID;
    expect(((await api(t, "GET", `/api/matches/${hosted}`)).body as MatchInfo).host).toBe("0");
  });
});
