/**
 * Seats that travel (issue 13, item 1): a player's private device link carries their seat to a
 * second browser (`POST /api/matches/:id/seats/:seat/device-link`, `POST /api/matches/:id/continue`),
 * and revoking it (`…/device-link/revoke`) gives the seat new credentials, so every other device's
 * game and press sockets lose the seat at once. Tried as an outsider would over raw HTTP: replays,
 * used, replaced, revoked and expired links, another match's token, a changed letter case, garbage
 * and extra fields, another seat's or a bot's proof, a seat that changed hands — each refused with
 * its code and nothing changed — and the token never shows in any answer but its maker's, nor in
 * the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  ContinueAnswer,
  DeviceLinkAnswer,
  DeviceLinkRevokeAnswer,
  MatchInfo,
  SeatProof,
} from "../../shared/src/wire";
import { RawRecorder } from "./support/clients";
import { api, withDatabase, type ApiResponse } from "./support/matches";
import { PressClient } from "./support/press";
import { removeDataDir, startInProcess, waitUntil, type InProcessServer } from "./support/server";

const DAY = 24 * 60 * 60 * 1000;

let s: InProcessServer;
const opened: { close(): void }[] = [];
beforeAll(async () => {
  s = await startInProcess({ env: { TICK_MS: "60000" } });
});
afterAll(async () => {
  for (const c of opened.splice(0)) c.close();
  await s.stop();
  removeDataDir(s.dataDir);
});

/** A three-seat amber match: Ada (seat 0, the host), Bob (seat 1), a bot (seat 2). */
async function match(): Promise<{ matchID: string; ada: SeatProof; bob: SeatProof }> {
  const res = await api(s, "POST", "/api/matches", {
    map: "amber",
    players: 3,
    hostName: "Ada",
    seats: [{ kind: "human" }, { kind: "open" }, { kind: "bot" }],
  });
  expect(res.status).toBe(201);
  const body = res.body as { matchID: string; host: SeatProof };
  const joined = await api(s, "POST", `/api/matches/${body.matchID}/join`, { name: "Bob" });
  expect(joined.status).toBe(200);
  const bob = joined.body as SeatProof;
  return {
    matchID: body.matchID,
    ada: { playerID: body.host.playerID, credentials: body.host.credentials },
    bob: { playerID: bob.playerID, credentials: bob.credentials },
  };
}

/** Makes a seat's device link; returns the link and its token. */
async function makeLink(matchID: string, seat: SeatProof): Promise<DeviceLinkAnswer & { token: string }> {
  const res = await api(s, "POST", `/api/matches/${matchID}/seats/${seat.playerID}/device-link`, seat);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const answer = res.body as DeviceLinkAnswer;
  return { ...answer, token: new URL(answer.url).hash.slice(1) };
}

/** Takes a seat by a token. */
function redeem(matchID: string, body: unknown): Promise<ApiResponse> {
  return api(s, "POST", `/api/matches/${matchID}/continue`, body);
}

/** Revokes a seat's link with a proof. */
function revoke(matchID: string, seat: string, proof: unknown): Promise<ApiResponse> {
  return api(s, "POST", `/api/matches/${matchID}/seats/${seat}/device-link/revoke`, proof);
}

/** A refusal's status and code. */
function refusal(res: ApiResponse): [number, string] {
  return [res.status, (res.body as { error: { code: string } }).error.code];
}

/** What anyone may see of a match, its connection flags left out. */
async function seen(matchID: string): Promise<unknown> {
  const res = await api(s, "GET", `/api/matches/${matchID}`);
  const info = res.body as MatchInfo;
  return { seats: info.seats.map((x) => ({ ...x, connected: false })), host: info.host };
}

/** The seat's stored credentials. */
function storedCredentials(matchID: string, seat: number): string | undefined {
  return withDatabase(s.dataDir, (db) => {
    const row = db.prepare(`SELECT metadata FROM matches WHERE id = ?`).get(matchID) as { metadata: string };
    const metadata = JSON.parse(row.metadata) as { players: Record<string, { credentials?: string }> };
    return metadata.players[String(seat)]?.credentials;
  });
}

/** A raw game socket synced as a seat (or refused). */
async function gameSocket(matchID: string, seat: SeatProof): Promise<RawRecorder> {
  const r = await new RawRecorder(s.url).connected();
  opened.push(r);
  const synced = await r.sync(matchID, seat.playerID, seat.credentials, 3);
  expect(synced.event, JSON.stringify(synced.args)).toBe("sync");
  return r;
}

/** A press socket for a seat. */
async function pressSocket(matchID: string, seat: SeatProof): Promise<PressClient> {
  const p = await PressClient.open(s.url, matchID, seat);
  opened.push({ close: () => p.stop() });
  return p;
}

describe("a device link carries a seat to a second browser", () => {
  it("answers the seat, its power and its player's name; the second browser plays it", async () => {
    const { matchID, ada } = await match();
    const link = await makeLink(matchID, ada);
    expect(link.url).toMatch(new RegExp(`^${s.url}/m/${matchID}/continue#[A-Za-z0-9_-]{43}$`));
    expect(link.expiresAt - Date.now()).toBeGreaterThan(7 * DAY - 60_000);
    expect(link.expiresAt - Date.now()).toBeLessThanOrEqual(7 * DAY + 60_000);

    const res = await redeem(matchID, { token: link.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const grant = res.body as ContinueAnswer;
    expect(grant).toEqual({
      matchID,
      playerID: "0",
      credentials: ada.credentials,
      power: grant.power,
      name: "Ada",
    });
    const info = (await api(s, "GET", `/api/matches/${matchID}`)).body as MatchInfo;
    expect(grant.power).toBe(info.seats[0]!.power);
    // The second browser syncs as the seat and sees it in "my games".
    const phone = await gameSocket(matchID, grant);
    expect(phone.errors()).toEqual([]);
    const mine = await api(s, "POST", "/api/my-matches", {
      seats: [{ matchID, playerID: grant.playerID, credentials: grant.credentials }],
    });
    expect((mine.body as { matches: { power?: string }[] }).matches[0]?.power).toBe(grant.power);
  });

  it("works once: a replay is refused with device-link-used and changes nothing", async () => {
    const { matchID, ada } = await match();
    const { token } = await makeLink(matchID, ada);
    expect((await redeem(matchID, { token })).status).toBe(200);
    const before = await seen(matchID);
    for (let i = 0; i < 2; i++)
      expect(refusal(await redeem(matchID, { token }))).toEqual([410, "device-link-used"]);
    expect(await seen(matchID)).toEqual(before);
    expect(storedCredentials(matchID, 0)).toBe(ada.credentials);
  });

  it("a new link replaces the old one", async () => {
    const { matchID, ada } = await match();
    const first = await makeLink(matchID, ada);
    const second = await makeLink(matchID, ada);
    expect(second.token).not.toBe(first.token);
    expect(refusal(await redeem(matchID, { token: first.token }))).toEqual([404, "unknown-device-link"]);
    expect((await redeem(matchID, { token: second.token })).status).toBe(200);
  });

  it("stops working after 7 days (device-link-expired), nothing changed", async () => {
    // Its own server, whose clock this test moves on (the shared one's only goes forward too).
    let shift = 0;
    const main = s;
    s = await startInProcess({ env: { TICK_MS: "60000" }, now: () => Date.now() + shift });
    try {
      const { matchID, ada } = await match();
      const { token } = await makeLink(matchID, ada);
      shift = 7 * DAY - 60_000;
      const inTime = await makeLink(matchID, ada); // replaces the first, made a week later
      expect(refusal(await redeem(matchID, { token }))).toEqual([404, "unknown-device-link"]);
      shift = 14 * DAY;
      for (let i = 0; i < 2; i++)
        expect(refusal(await redeem(matchID, { token: inTime.token }))).toEqual([410, "device-link-expired"]);
      expect(storedCredentials(matchID, 0)).toBe(ada.credentials);
      // A fresh link works again.
      const fresh = await makeLink(matchID, ada);
      expect((await redeem(matchID, { token: fresh.token })).status).toBe(200);
    } finally {
      await s.stop();
      removeDataDir(s.dataDir);
      s = main;
    }
  });

  it("keeps only the token's hash, and the token shows in no answer but its maker's", async () => {
    const { matchID, ada, bob } = await match();
    const { token } = await makeLink(matchID, ada);
    const rows = withDatabase(s.dataDir, (db) =>
      db.prepare(`SELECT * FROM device_links WHERE match_id = ?`).all(matchID),
    );
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(ada.credentials);
    const answers = [
      await api(s, "GET", `/api/matches/${matchID}`),
      await api(s, "GET", `/api/matches?listed=true`),
      await api(s, "POST", "/api/my-matches", {
        seats: [
          { matchID, ...ada },
          { matchID, ...bob },
        ],
      }),
      await api(s, "POST", `/api/matches/${matchID}/resume`, ada),
      await redeem(matchID, { token }),
    ];
    for (const a of answers) expect(JSON.stringify(a.body)).not.toContain(token);
    const watcher = await new RawRecorder(s.url).connected();
    opened.push(watcher);
    await watcher.sync(matchID, null, null, 3);
    const bobSocket = await gameSocket(matchID, bob);
    for (const r of [watcher, bobSocket]) expect(r.serialised()).not.toContain(token);
  });
});

describe("revoking signs every other device out of the seat", () => {
  it("cuts the old device's game and press sockets off, kills the link, and only the revoker holds the seat", async () => {
    const { matchID, ada } = await match();
    const { token } = await makeLink(matchID, ada);
    const phone = (await redeem(matchID, { token })).body as ContinueAnswer;
    const phoneGame = await gameSocket(matchID, phone);
    const phonePress = await pressSocket(matchID, phone);
    const newer = await makeLink(matchID, ada); // a second link, not yet used

    const res = await revoke(matchID, "0", ada);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const revoked = res.body as DeviceLinkRevokeAnswer;
    expect(revoked.revoked).toBe(true);
    expect(revoked.playerID).toBe("0");
    expect(revoked.credentials).not.toBe(ada.credentials);
    expect(storedCredentials(matchID, 0)).toBe(revoked.credentials);

    // The phone is a spectator now, on both sockets.
    await waitUntil("the phone's game socket to lose the seat", () =>
      phoneGame.errors().some((e) => e.code === "seat-lost"),
    );
    await phonePress.next("press:seat-lost");
    // Its credentials open nothing any more.
    const again = await new RawRecorder(s.url).connected();
    opened.push(again);
    const refused = await again.sync(matchID, "0", phone.credentials, 3);
    expect(refused.args[0]).toMatchObject({ code: "bad-credentials" });
    expect(refusal(await api(s, "POST", `/api/matches/${matchID}/leave`, ada))).toEqual([
      401,
      "bad-credentials",
    ]);
    // Replays after the revoke: the links, and the revoke itself with the old proof.
    expect(refusal(await redeem(matchID, { token }))).toEqual([404, "unknown-device-link"]);
    expect(refusal(await redeem(matchID, { token: newer.token }))).toEqual([404, "unknown-device-link"]);
    expect(refusal(await revoke(matchID, "0", ada))).toEqual([401, "bad-credentials"]);
    expect(storedCredentials(matchID, 0)).toBe(revoked.credentials);
    // The revoking browser plays on with its new credentials.
    const kept = { playerID: "0", credentials: revoked.credentials };
    const laptop = await gameSocket(matchID, kept);
    expect(laptop.errors()).toEqual([]);
    expect((await makeLink(matchID, kept)).url).toContain("/continue#");
  });

  it("a revoke with no link still signs the other devices out", async () => {
    const { matchID, ada } = await match();
    const other = await gameSocket(matchID, ada);
    const res = await revoke(matchID, "0", ada);
    expect(res.status).toBe(200);
    await waitUntil("the other socket to lose the seat", () =>
      other.errors().some((e) => e.code === "seat-lost"),
    );
  });
});

describe("refused, changing nothing", () => {
  it("a token of match A opens nothing in match B, and still works in A", async () => {
    const a = await match();
    const b = await match();
    const { token } = await makeLink(a.matchID, a.ada);
    const before = await seen(b.matchID);
    expect(refusal(await redeem(b.matchID, { token }))).toEqual([404, "unknown-device-link"]);
    expect(await seen(b.matchID)).toEqual(before);
    expect(refusal(await redeem("nosuchmatch00", { token }))).toEqual([404, "unknown-match"]);
    expect((await redeem(a.matchID, { token })).status).toBe(200);
  });

  it("garbage, another letter case, a missing or extra field", async () => {
    const { matchID, ada } = await match();
    const { token } = await makeLink(matchID, ada);
    const swapped = token.replace(/[a-z]/gi, (c) =>
      c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase(),
    );
    expect(swapped).not.toBe(token);
    expect(refusal(await redeem(matchID, { token: swapped }))).toEqual([404, "unknown-device-link"]);
    expect(refusal(await redeem(matchID, { token: "A".repeat(43) }))).toEqual([404, "unknown-device-link"]);
    for (const body of [
      { token: token.slice(0, 42) },
      { token: `${token}=` },
      { token: `${token.slice(0, 42)}+` },
      { token: ` ${token.slice(1)}` },
      { token, playerID: "0" },
      { token: [token] },
      { Token: token },
      {},
    ])
      expect(refusal(await redeem(matchID, body)), JSON.stringify(body)).toEqual([400, "bad-payload"]);
    expect(refusal(await redeem(matchID, undefined))).toEqual([400, "bad-payload"]);
    // After all that, the real link still works (nothing was spent).
    expect((await redeem(matchID, { token })).status).toBe(200);
  });

  it("another seat's proof, a stranger's, a bot's seat, odd seat spellings, extra fields", async () => {
    const { matchID, ada, bob } = await match();
    const path = (seat: string, tail = "") => `/api/matches/${matchID}/seats/${seat}/device-link${tail}`;
    for (const tail of ["", "/revoke"]) {
      expect(refusal(await api(s, "POST", path("0", tail), bob))).toEqual([400, "bad-payload"]);
      expect(
        refusal(await api(s, "POST", path("0", tail), { playerID: "0", credentials: bob.credentials })),
      ).toEqual([401, "bad-credentials"]);
      expect(
        refusal(await api(s, "POST", path("0", tail), { playerID: "0", credentials: "x".repeat(32) })),
      ).toEqual([401, "bad-credentials"]);
      expect(refusal(await api(s, "POST", path("2", tail), { playerID: "2", credentials: "x" }))).toEqual([
        401,
        "bad-credentials",
      ]);
      expect(refusal(await api(s, "POST", path("9", tail), { playerID: "9", credentials: "x" }))).toEqual([
        401,
        "bad-credentials",
      ]);
      for (const seat of ["00", "-1", "0x0", "%200"])
        expect(refusal(await api(s, "POST", path(seat, tail), ada)), seat).toEqual([400, "bad-payload"]);
      expect(refusal(await api(s, "POST", path("0", tail), { ...ada, token: "x" }))).toEqual([
        400,
        "bad-payload",
      ]);
    }
    expect(storedCredentials(matchID, 0)).toBe(ada.credentials);
    expect(storedCredentials(matchID, 1)).toBe(bob.credentials);
    expect(
      withDatabase(s.dataDir, (db) =>
        db.prepare(`SELECT * FROM device_links WHERE match_id = ?`).all(matchID),
      ),
    ).toEqual([]);
  });

  it("a bot's seat is not a player's: not-a-player, even with the server's own credentials", async () => {
    const { matchID } = await match();
    const bot = { playerID: "2", credentials: storedCredentials(matchID, 2)! };
    expect(refusal(await api(s, "POST", `/api/matches/${matchID}/seats/2/device-link`, bot))).toEqual([
      403,
      "not-a-player",
    ]);
    expect(refusal(await revoke(matchID, "2", bot))).toEqual([403, "not-a-player"]);
    expect(storedCredentials(matchID, 2)).toBe(bot.credentials);
  });

  it("a link dies with its seat: after the player leaves, it never opens the next player's seat", async () => {
    const { matchID, ada } = await match();
    const { token } = await makeLink(matchID, ada);
    expect((await api(s, "POST", `/api/matches/${matchID}/leave`, ada)).status).toBe(200);
    const bea = await api(s, "POST", `/api/matches/${matchID}/join`, { name: "Bea", seat: 0 });
    expect(bea.status).toBe(200);
    expect(refusal(await redeem(matchID, { token }))).toEqual([404, "unknown-device-link"]);
    expect(storedCredentials(matchID, 0)).toBe((bea.body as SeatProof).credentials);
  });

  it("no new link once the game has ended; revoking still works", async () => {
    const { matchID, ada } = await match();
    const { state } = s.server.ctx.storage.fetch(matchID, { state: true });
    s.server.ctx.storage.setState(matchID, { ...state!, ctx: { ...state!.ctx, gameover: { kind: "draw" } } });
    const res = await api(s, "POST", `/api/matches/${matchID}/seats/0/device-link`, ada);
    expect(refusal(res)).toEqual([409, "game-over"]);
    expect((await revoke(matchID, "0", ada)).status).toBe(200);
  });

  it("taking links is rate-limited per address", async () => {
    const limited = await startInProcess({ env: { JOINS_PER_MINUTE: "3", TICK_MS: "60000" } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push(
          (await api(limited, "POST", `/api/matches/nosuchmatch00/continue`, { token: "A".repeat(43) }))
            .status,
        );
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await limited.stop();
      removeDataDir(limited.dataDir);
    }
  });
});
