/**
 * The lobby API against a real running server, over real HTTP: creating matches (classic, amber
 * with bots), joining by invite, leaving, spectating, listing, my matches, play again, every
 * refusal code, the join rate limit, origins, and boardgame.io's own `/games` routes closed.
 * The rate-limit and reservation tests run on a second server with a clock the test moves.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../server/src/app";
import { readConfig } from "../../server/src/config";
import { MAX_BODY_BYTES } from "../../server/src/lobby";
import { expectLobbyContract } from "./support/wire";

/** An answer of the server. */
interface Answer {
  readonly status: number;
  readonly text: string;
  readonly body: unknown;
  readonly headers: Headers;
}

/** A JSON body as the tests read it. */
type Json = Record<string, unknown>;

/** A seat a test holds. */
interface Held {
  readonly playerID: string;
  readonly credentials: string;
  readonly power: string;
}

/** Sends a request; a non-string body is sent as JSON. */
async function call(
  base: string,
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const raw = body === undefined || typeof body === "string" ? body : JSON.stringify(body);
  const res = await fetch(new URL(route, base), {
    method,
    headers: { ...(raw === undefined ? {} : { "content-type": "application/json" }), ...headers },
    ...(raw === undefined ? {} : { body: raw }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  expectLobbyContract(method, route, res.status, parsed); // every answer keeps the shared contract
  return { status: res.status, text, body: parsed, headers: res.headers };
}

/** The error code of a refusal. */
function codeOf(answer: Answer): string {
  return (answer.body as { error?: { code?: string } }).error?.code ?? "";
}

/** The error message of a refusal. */
function messageOf(answer: Answer): string {
  return (answer.body as { error?: { message?: string } }).error?.message ?? "";
}

/** A fresh data folder. */
function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "entente-lobby-"));
}

let server: RunningServer;
let base: string;
let dataDir: string;
/** Every credential handed out or held by the server, to search the public answers for. */
const secrets = new Set<string>();

beforeAll(async () => {
  dataDir = tempDir();
  server = await startServer(
    readConfig({ PORT: "0", DATA_DIR: dataDir, JOINS_PER_MINUTE: "100000", ORIGINS: "http://friend.test" }),
  );
  base = server.url;
});

afterAll(async () => {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Creates a match and returns its answer body (expects 201). */
async function create(body: Json): Promise<Json> {
  const res = await call(base, "POST", "/api/matches", body);
  expect(res.status, res.text).toBe(201);
  const created = res.body as Json;
  const host = created["host"] as Held | undefined;
  if (host) secrets.add(host.credentials);
  return created;
}

/** Joins a match (expects 200). */
async function join(matchID: string, body: Json): Promise<Held> {
  const res = await call(base, "POST", `/api/matches/${matchID}/join`, body);
  expect(res.status, res.text).toBe(200);
  const held = res.body as Held;
  secrets.add(held.credentials);
  return held;
}

/** The public info of a match. */
async function info(matchID: string): Promise<Json> {
  const res = await call(base, "GET", `/api/matches/${matchID}`);
  expect(res.status, res.text).toBe(200);
  return res.body as Json;
}

/** The public seats of a match. */
async function seatsOf(matchID: string): Promise<Json[]> {
  return (await info(matchID))["seats"] as Json[];
}

/** The stored boardgame.io metadata of a seat (server side, with credentials). */
function storedPlayer(matchID: string, seat: number): { name?: string; credentials?: string } {
  const { metadata } = server.ctx.storage.fetch(matchID, { metadata: true });
  return metadata?.players[seat] ?? {};
}

describe("creating a match", () => {
  it("makes a classic match of 7: seat 0 for the host, the rest open, unlisted, with an invite", async () => {
    const created = await create({ map: "classic" });
    const matchID = created["matchID"] as string;
    expect(matchID).toMatch(/^[A-Za-z0-9_-]{10,}$/);
    expect(created["invite"]).toBe(`${base}/m/${matchID}`);
    expect(created["host"]).toBeUndefined();
    const seats = created["seats"] as Json[];
    expect(seats.map((s) => s["power"])).toEqual(["AUS", "ENG", "FRA", "GER", "ITA", "RUS", "TUR"]);
    expect(seats.every((s) => s["kind"] === "open" && s["name"] === null)).toBe(true);
    const match = await info(matchID);
    expect(match).toMatchObject({
      matchID,
      map: "classic",
      players: 7,
      unlisted: true,
      timing: { movement: 10, retreat: 3, adjustment: 3 },
      settings: {
        mapId: "classic",
        preset: "default",
        pressMode: "full",
        yearLimit: null,
        scoring: "statesman",
      },
      phase: { year: 1901, season: "spring", phase: "movement" },
      gameover: null,
      nextMatchID: null,
    });
  });

  it("seats the host at once when a host name is given", async () => {
    const created = await create({
      map: "classic",
      hostName: "  Ada  ",
      timing: "slow",
      pressMode: "public",
    });
    const host = created["host"] as Held;
    expect(host.playerID).toBe("0");
    expect(host.power).toBe("AUS");
    expect(host.credentials.length).toBeGreaterThanOrEqual(32);
    const matchID = created["matchID"] as string;
    expect(storedPlayer(matchID, 0)).toMatchObject({ name: "Ada", credentials: host.credentials });
    const match = await info(matchID);
    expect(match["timing"]).toEqual({ movement: 1440, retreat: 720, adjustment: 720 });
    expect((match["settings"] as Json)["pressMode"]).toBe("public");
    expect((match["seats"] as Json[])[0]).toMatchObject({ name: "Ada", kind: "human", connected: false });
  });

  it("makes an amber match of 4 with bots that hold server-side credentials", async () => {
    const created = await create({
      map: "amber",
      players: 4,
      seats: [{ kind: "human" }, { kind: "bot", personality: "grudger" }, { kind: "bot" }, { kind: "open" }],
      timing: { movement: 5, retreat: 2, adjustment: 2 },
      preset: "realist",
      yearLimit: 1905,
      miscommunication: 0.25,
      scoring: "sum-of-squares",
      unlisted: false,
      hostName: "Host",
    });
    const matchID = created["matchID"] as string;
    const seats = created["seats"] as Json[];
    expect(seats.map((s) => s["power"])).toEqual(["BRY", "ORO", "SEL", "TAL"]);
    expect(seats.map((s) => s["kind"])).toEqual(["human", "bot", "bot", "open"]);
    expect(seats[1]).toMatchObject({ name: "Bot (grudger)", personality: "grudger" });
    expect(seats[2]).toMatchObject({ name: "Bot (steady)", personality: "steady" }); // the default personality
    for (const seat of [1, 2]) {
      const stored = storedPlayer(matchID, seat).credentials ?? "";
      expect(stored.length).toBeGreaterThanOrEqual(32);
      secrets.add(stored);
    }
    expect(server.ctx.records.seats(matchID).map((s) => s.kind)).toEqual(["human", "bot", "bot", "open"]);
    const match = await info(matchID);
    expect(match).toMatchObject({
      map: "amber",
      players: 4,
      unlisted: false,
      timing: { movement: 5, retreat: 2, adjustment: 2 },
      settings: { preset: "realist", yearLimit: 1905, miscommunication: 0.25, scoring: "sum-of-squares" },
    });
  });

  it("plays amber with 3 and 5 players by default with 5", async () => {
    const three = await create({ map: "amber", players: 3 });
    expect((three["seats"] as Json[]).map((s) => s["power"])).toEqual(["BRY", "ORO", "SEL"]);
    const byDefault = await create({ map: "amber" });
    expect((byDefault["seats"] as Json[]).length).toBe(5);
  });
});

describe("joining and leaving", () => {
  it("takes the first free seat, or the one asked for; refuses a taken seat and a full match", async () => {
    const created = await create({
      map: "amber",
      players: 3,
      seats: [{ kind: "human" }, { kind: "open" }, { kind: "bot" }],
    });
    const matchID = created["matchID"] as string;
    const first = await join(matchID, { name: " Bea " });
    expect(first).toMatchObject({ playerID: "0", power: "BRY" });
    expect(storedPlayer(matchID, 0)).toEqual({ id: 0, name: "Bea", credentials: first.credentials });

    const taken = await call(base, "POST", `/api/matches/${matchID}/join`, { name: "Cy", seat: 0 });
    expect(taken.status).toBe(409);
    expect(codeOf(taken)).toBe("seat-taken");
    const bot = await call(base, "POST", `/api/matches/${matchID}/join`, { name: "Cy", seat: 2 });
    expect(codeOf(bot)).toBe("seat-taken");

    const second = await join(matchID, { name: "Cy", seat: 1 });
    expect(second).toMatchObject({ playerID: "1", power: "ORO" });
    expect(server.ctx.records.seats(matchID).map((s) => s.kind)).toEqual(["human", "human", "bot"]);

    const full = await call(base, "POST", `/api/matches/${matchID}/join`, { name: "Dee" });
    expect(full.status).toBe(409);
    expect(codeOf(full)).toBe("match-full");
  });

  it("lets a seat leave only with its credentials; the seat is open again", async () => {
    const created = await create({ map: "classic", hostName: "Host" });
    const matchID = created["matchID"] as string;
    const held = await join(matchID, { name: "Leaver", seat: 3 });

    const bad = await call(base, "POST", `/api/matches/${matchID}/leave`, {
      playerID: "3",
      credentials: "x".repeat(32),
    });
    expect(bad.status).toBe(401);
    expect(codeOf(bad)).toBe("bad-credentials");
    const wrongSeat = await call(base, "POST", `/api/matches/${matchID}/leave`, {
      playerID: "0",
      credentials: held.credentials,
    });
    expect(codeOf(wrongSeat)).toBe("bad-credentials");
    expect(storedPlayer(matchID, 3).name).toBe("Leaver");

    const left = await call(base, "POST", `/api/matches/${matchID}/leave`, {
      playerID: "3",
      credentials: held.credentials,
    });
    expect(left.status).toBe(200);
    expect(storedPlayer(matchID, 3)).toEqual({ id: 3 });
    expect((await seatsOf(matchID))[3]).toMatchObject({ name: null, kind: "open" });
    const again = await call(base, "POST", `/api/matches/${matchID}/leave`, {
      playerID: "3",
      credentials: held.credentials,
    });
    expect(codeOf(again)).toBe("bad-credentials");
    expect((await join(matchID, { name: "Next", seat: 3 })).playerID).toBe("3");
  });

  it("refuses to seat anyone in a match that has ended", async () => {
    const created = await create({ map: "classic" });
    const matchID = created["matchID"] as string;
    const { state } = server.ctx.storage.fetch(matchID, { state: true });
    server.ctx.storage.setState(matchID, { ...state!, ctx: { ...state!.ctx, gameover: { kind: "draw" } } });
    const res = await call(base, "POST", `/api/matches/${matchID}/join`, { name: "Late" });
    expect(res.status).toBe(409);
    expect(codeOf(res)).toBe("game-over");
    expect((await info(matchID))["gameover"]).toEqual({ kind: "draw" });
  });
});

describe("spectating and listing", () => {
  it("lists listed matches only, newest first", async () => {
    const older = (await create({ map: "classic", unlisted: false }))["matchID"] as string;
    const hidden = (await create({ map: "classic" }))["matchID"] as string;
    const newer = (await create({ map: "amber", players: 3, unlisted: false }))["matchID"] as string;
    const res = await call(base, "GET", "/api/matches?listed=true");
    expect(res.status).toBe(200);
    const ids = ((res.body as Json)["matches"] as Json[]).map((m) => m["matchID"]);
    expect(ids).not.toContain(hidden);
    expect(ids.indexOf(newer)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
    expect(ids.length).toBeLessThanOrEqual(50);
    const plain = await call(base, "GET", "/api/matches");
    expect(((plain.body as Json)["matches"] as Json[]).map((m) => m["matchID"])).toEqual(ids);
  });

  it("never shows a credential to anyone in /api answers", async () => {
    const created = await create({
      map: "classic",
      unlisted: false,
      hostName: "Secretive",
      seats: [{ kind: "human" }, { kind: "bot" }, ...Array.from({ length: 5 }, () => ({ kind: "open" }))],
    });
    const matchID = created["matchID"] as string;
    secrets.add(storedPlayer(matchID, 1).credentials!);
    await join(matchID, { name: "Other" });
    const host = created["host"] as Held;
    const answers = [
      await call(base, "GET", `/api/matches/${matchID}`),
      await call(base, "GET", "/api/matches?listed=true"),
      await call(base, "POST", "/api/my-matches", {
        seats: [{ matchID, playerID: host.playerID, credentials: host.credentials }],
      }),
    ];
    expect(secrets.size).toBeGreaterThan(5);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      for (const secret of secrets) {
        if (secret === host.credentials && answer === answers[2]) continue; // the holder sent it
        expect(answer.text).not.toContain(secret);
      }
    }
    expect(answers[2]!.text).not.toContain(`"credentials"`);
  });
});

describe("my matches", () => {
  it("reports each valid seat with its match and whether it must act, and each invalid one", async () => {
    const created = await create({ map: "classic", hostName: "Mine" });
    const matchID = created["matchID"] as string;
    const host = created["host"] as Held;
    const other = await join(matchID, { name: "Ready" });
    const refused = await server.ctx.transport.serverMove(matchID, other.playerID, "ready", {
      ready: true,
    });
    expect(refused).toBeNull();
    const res = await call(base, "POST", "/api/my-matches", {
      seats: [
        { matchID, playerID: host.playerID, credentials: host.credentials },
        { matchID, playerID: other.playerID, credentials: other.credentials },
        { matchID, playerID: "2", credentials: host.credentials },
        { matchID: "nosuchmatch00", playerID: "0", credentials: "whatever" },
      ],
    });
    expect(res.status).toBe(200);
    const matches = (res.body as Json)["matches"] as Json[];
    expect(matches[0]).toMatchObject({ matchID, playerID: "0", power: "AUS", toAct: true });
    expect((matches[0]!["match"] as Json)["matchID"]).toBe(matchID);
    expect(matches[1]).toMatchObject({ matchID, playerID: "1", power: "ENG", toAct: false });
    expect(matches[2]).toEqual({
      matchID,
      error: { code: "bad-credentials", message: "those credentials do not hold seat 2" },
    });
    expect((matches[3]!["error"] as Json)["code"]).toBe("unknown-match");
    const none = await call(base, "POST", "/api/my-matches", { seats: [] });
    expect(none.body).toEqual({ matches: [] });
  });
});

describe("play again", () => {
  it("brings both players into the same next match, in their seats, with their names", async () => {
    const created = await create({
      map: "amber",
      players: 4,
      hostName: "Ann",
      seats: [
        { kind: "human" },
        { kind: "open" },
        { kind: "bot", personality: "detective" },
        { kind: "open" },
      ],
    });
    const old = created["matchID"] as string;
    const ann = created["host"] as Held;
    const bob = await join(old, { name: "Bob", seat: 1 });

    const first = await call(base, "POST", `/api/matches/${old}/play-again`, {
      playerID: ann.playerID,
      credentials: ann.credentials,
    });
    expect(first.status, first.text).toBe(201);
    const annNext = first.body as Held & { matchID: string };
    secrets.add(annNext.credentials);
    expect(annNext).toMatchObject({ playerID: "0", power: "BRY" });
    expect(annNext.matchID).not.toBe(old);
    expect((await info(old))["nextMatchID"]).toBe(annNext.matchID);

    const next = await info(annNext.matchID);
    expect(next).toMatchObject({ map: "amber", players: 4, unlisted: true });
    const seats = next["seats"] as Json[];
    expect(seats.map((s) => [s["name"], s["kind"], s["reserved"]])).toEqual([
      ["Ann", "human", false],
      [null, "open", true],
      ["Bot (detective)", "bot", false],
      [null, "open", false],
    ]);

    const stranger = await call(base, "POST", `/api/matches/${annNext.matchID}/join`, {
      name: "Eve",
      seat: 1,
    });
    expect(stranger.status).toBe(409);
    expect(codeOf(stranger)).toBe("seat-reserved");
    expect((await join(annNext.matchID, { name: "Eve" })).playerID).toBe("3");

    const second = await call(base, "POST", `/api/matches/${old}/play-again`, {
      playerID: bob.playerID,
      credentials: bob.credentials,
    });
    expect(second.status, second.text).toBe(200);
    const bobNext = second.body as Held & { matchID: string };
    expect(bobNext).toMatchObject({ matchID: annNext.matchID, playerID: "1", power: "ORO" });
    expect(storedPlayer(annNext.matchID, 1)).toMatchObject({ name: "Bob", credentials: bobNext.credentials });

    const twice = await call(base, "POST", `/api/matches/${old}/play-again`, {
      playerID: ann.playerID,
      credentials: ann.credentials,
    });
    expect(twice.status).toBe(409);
    expect(codeOf(twice)).toBe("seat-taken");
    const forged = await call(base, "POST", `/api/matches/${old}/play-again`, {
      playerID: "3",
      credentials: ann.credentials,
    });
    expect(codeOf(forged)).toBe("bad-credentials");
  });
});

describe("refusals", () => {
  /** Posts and expects a refusal with a status and code (and a message naming `field`). */
  async function refused(
    route: string,
    body: unknown,
    status: number,
    code: string,
    field?: string,
    headers: Record<string, string> = {},
  ): Promise<void> {
    const res = await call(base, "POST", route, body, headers);
    expect(res.status, res.text).toBe(status);
    expect(codeOf(res)).toBe(code);
    expect(messageOf(res).length).toBeGreaterThan(0);
    if (field !== undefined) expect(messageOf(res)).toContain(field);
  }

  it("checks every create body and names the field", async () => {
    const route = "/api/matches";
    await refused(route, {}, 400, "bad-payload", "map");
    await refused(route, { map: "mars" }, 400, "bad-payload", "map");
    await refused(route, { map: "classic", colour: "red" }, 400, "bad-payload", "colour");
    await refused(route, { map: "classic", players: 6 }, 400, "bad-payload", "players");
    await refused(route, { map: "amber", players: 6 }, 400, "bad-payload", "players");
    await refused(
      route,
      { map: "amber", players: 4, seats: [{ kind: "open" }] },
      400,
      "bad-payload",
      "seats",
    );
    await refused(route, { map: "amber", seats: [{ kind: "pilot" }] }, 400, "bad-payload", "seats[0].kind");
    const seats = [{ kind: "human", personality: "copycat" }, { kind: "open" }, { kind: "open" }];
    await refused(route, { map: "amber", seats }, 400, "bad-payload", "seats[0].personality");
    const botSeats = [{ kind: "bot", personality: "saint" }, { kind: "open" }, { kind: "open" }];
    await refused(route, { map: "amber", seats: botSeats }, 400, "bad-payload", "seats[0].personality");
    const hostBot = [{ kind: "bot" }, { kind: "open" }, { kind: "open" }];
    await refused(route, { map: "amber", seats: hostBot, hostName: "Al" }, 400, "bad-payload", "hostName");
    await refused(route, { map: "classic", timing: "fast" }, 400, "bad-payload", "timing");
    await refused(
      route,
      { map: "classic", timing: { movement: 0, retreat: 1, adjustment: 1 } },
      400,
      "bad-payload",
    );
    await refused(route, { map: "classic", pressMode: "loud" }, 400, "bad-payload", "pressMode");
    await refused(route, { map: "classic", preset: "anarchist" }, 400, "bad-payload", "preset");
    await refused(route, { map: "classic", yearLimit: 1900 }, 400, "bad-payload", "yearLimit");
    await refused(route, { map: "classic", miscommunication: 2 }, 400, "bad-payload", "miscommunication");
    await refused(route, { map: "classic", scoring: "elo" }, 400, "bad-payload", "scoring");
    await refused(route, { map: "classic", unlisted: "no" }, 400, "bad-payload", "unlisted");
    await refused(route, { map: "classic", hostName: "   " }, 400, "bad-payload", "hostName");
    await refused(route, { map: "classic", hostName: "x".repeat(41) }, 400, "bad-payload", "hostName");
    await refused(route, { map: "classic", hostName: "a\u0007b" }, 400, "bad-payload", "hostName");
  });

  it("checks the body's encoding and size", async () => {
    await refused("/api/matches", "{ nope", 400, "bad-json");
    await refused("/api/matches", "map=classic", 415, "bad-content-type", undefined, {
      "content-type": "application/x-www-form-urlencoded",
    });
    const big = JSON.stringify({ map: "classic", hostName: "x".repeat(MAX_BODY_BYTES) });
    await refused("/api/matches", big, 413, "payload-too-large");
  });

  it("checks join, leave, play-again and my-matches bodies and ids", async () => {
    const matchID = (await create({ map: "classic" }))["matchID"] as string;
    const joinRoute = `/api/matches/${matchID}/join`;
    await refused(joinRoute, {}, 400, "bad-payload", "name");
    await refused(joinRoute, { name: "" }, 400, "bad-payload", "name");
    await refused(joinRoute, { name: "Al", seat: -1 }, 400, "bad-payload", "seat");
    await refused(joinRoute, { name: "Al", seat: 1.5 }, 400, "bad-payload", "seat");
    await refused(joinRoute, { name: "Al", playerID: "1" }, 400, "bad-payload", "playerID");
    await refused(joinRoute, { name: "Al", seat: 9 }, 404, "unknown-seat");
    await refused("/api/matches/nosuchmatch00/join", { name: "Al" }, 404, "unknown-match");
    await refused("/api/matches/bad%20id/join", { name: "Al" }, 404, "unknown-match");
    const leaveRoute = `/api/matches/${matchID}/leave`;
    await refused(leaveRoute, { playerID: 0, credentials: "x" }, 400, "bad-payload", "playerID");
    await refused(leaveRoute, { playerID: "0" }, 400, "bad-payload", "credentials");
    await refused(leaveRoute, { playerID: "0", credentials: "x" }, 401, "bad-credentials");
    await refused(
      `/api/matches/${matchID}/play-again`,
      { playerID: "0", credentials: "x" },
      401,
      "bad-credentials",
    );
    const many = Array.from({ length: 101 }, () => ({ matchID, playerID: "0", credentials: "x" }));
    await refused("/api/my-matches", { seats: many }, 400, "bad-payload", "seats");
    await refused("/api/my-matches", { seats: [{ matchID }] }, 400, "bad-payload", "seats[0].playerID");

    const missing = await call(base, "GET", "/api/matches/nosuchmatch00");
    expect([missing.status, codeOf(missing)]).toEqual([404, "unknown-match"]);
    const query = await call(base, "GET", "/api/matches?listed=false");
    expect([query.status, codeOf(query)]).toEqual([400, "bad-payload"]);
    const route = await call(base, "GET", "/api/nothing-here");
    expect([route.status, codeOf(route)]).toEqual([404, "not-found"]);
  });
});

describe("origins", () => {
  it("refuses a foreign origin and answers an allowed one with CORS headers", async () => {
    const foreign = await call(
      base,
      "POST",
      "/api/matches",
      { map: "classic" },
      { origin: "http://evil.test" },
    );
    expect(foreign.status).toBe(403);
    expect(codeOf(foreign)).toBe("bad-origin");
    const friend = await call(
      base,
      "POST",
      "/api/matches",
      { map: "classic" },
      { origin: "http://friend.test" },
    );
    expect(friend.status).toBe(201);
    expect(friend.headers.get("access-control-allow-origin")).toBe("http://friend.test");
    const preflight = await call(base, "OPTIONS", "/api/matches", undefined, {
      origin: "http://friend.test",
      "access-control-request-method": "POST",
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toBe("Content-Type, Authorization");
  });
});

describe("issue 10 finding 5: boardgame.io's own lobby routes are closed in every spelling", () => {
  it("answers 404 to every /games route, whatever the letter case, and changes nothing", async () => {
    const created = await create({ map: "classic", unlisted: false, hostName: "Host" });
    const matchID = created["matchID"] as string;
    const before = await call(base, "GET", `/api/matches/${matchID}`);
    const matchesBefore = matchCountIn(server.ctx);
    const spellings = [
      ["POST", "/games/entente/create"],
      ["POST", "/GAMES/entente/create"],
      ["POST", "/Games/Entente/Create"],
      ["POST", `/games/entente/${matchID}/join`],
      ["POST", `/games/entente/${matchID}/JOIN`],
      ["POST", `/Games/entente/${matchID}/join`],
      ["POST", `/games/entente/${matchID}/Update`],
      ["POST", `/games/entente/${matchID}/LEAVE`],
      ["POST", `/games/entente/${matchID}/PlayAgain`],
      ["POST", `/games/entente/${matchID}/rename`],
      ["POST", `/g%61mes/entente/${matchID}/join`],
      ["POST", `/games/entente/${matchID}/join/`],
    ] as const;
    for (const [method, route] of spellings) {
      const res = await call(base, method, route, {
        playerID: "1",
        playerName: "x".repeat(5000),
        numPlayers: 7,
      });
      expect([route, res.status]).toEqual([route, 404]);
    }
    const burst = await Promise.all(
      Array.from({ length: 50 }, () => call(base, "POST", "/GAMES/entente/create", { numPlayers: 7 })),
    );
    expect(burst.every((r) => r.status === 404)).toBe(true);
    expect(matchCountIn(server.ctx)).toBe(matchesBefore);
    const after = await call(base, "GET", `/api/matches/${matchID}`);
    expect(after.text).toBe(before.text);
    for (const route of ["/games", "/GAMES/entente", `/games/entente/${matchID}`]) {
      const res = await call(base, "GET", route);
      expect(res.text).not.toContain(`"players"`);
    }
  });
});

/** How many matches a running server has stored. */
function matchCountIn(ctx: RunningServer["ctx"]): number {
  return (ctx.db.prepare("SELECT COUNT(*) AS n FROM matches").get() as { n: number }).n;
}

describe("limits (a second server with a clock the test moves)", () => {
  let limited: RunningServer;
  let limitedDir: string;
  let clock = 1_700_000_000_000;

  beforeAll(async () => {
    limitedDir = tempDir();
    limited = await startServer(
      readConfig({ PORT: "0", DATA_DIR: limitedDir, JOINS_PER_MINUTE: "3" }),
      () => clock,
    );
  });

  afterAll(async () => {
    await limited.stop();
    fs.rmSync(limitedDir, { recursive: true, force: true });
  });

  it("rate-limits joins per address", async () => {
    const created = await call(limited.url, "POST", "/api/matches", { map: "classic" });
    const matchID = (created.body as Json)["matchID"] as string;
    for (let i = 0; i < 3; i++) {
      const res = await call(limited.url, "POST", `/api/matches/${matchID}/join`, { name: `P${i}` });
      expect(res.status).toBe(200);
    }
    const over = await call(limited.url, "POST", `/api/matches/${matchID}/join`, { name: "P3" });
    expect([over.status, codeOf(over)]).toEqual([429, "rate-limited"]);
    clock += 60_000;
    const later = await call(limited.url, "POST", `/api/matches/${matchID}/join`, { name: "P3" });
    expect(later.status).toBe(200);
  });

  it("rate-limits match creation per address", async () => {
    clock += 120_000;
    for (let i = 0; i < 3; i++) {
      expect((await call(limited.url, "POST", "/api/matches", { map: "classic" })).status).toBe(201);
    }
    const over = await call(limited.url, "POST", "/api/matches", { map: "classic" });
    expect([over.status, codeOf(over)]).toEqual([429, "rate-limited"]);
  });

  it("holds a play-again seat for its previous player for one movement phase's time", async () => {
    clock += 600_000;
    const created = await call(limited.url, "POST", "/api/matches", {
      map: "amber",
      players: 3,
      hostName: "Ann",
      timing: { movement: 30, retreat: 5, adjustment: 5 },
    });
    const old = created.body as Json;
    const ann = old["host"] as Held;
    const bob = await call(limited.url, "POST", `/api/matches/${old["matchID"] as string}/join`, {
      name: "Bob",
    });
    expect(bob.status).toBe(200);
    const again = await call(limited.url, "POST", `/api/matches/${old["matchID"] as string}/play-again`, {
      playerID: ann.playerID,
      credentials: ann.credentials,
    });
    const next = (again.body as Json)["matchID"] as string;
    clock += 29 * 60_000;
    const early = await call(limited.url, "POST", `/api/matches/${next}/join`, { name: "Eve", seat: 1 });
    expect(codeOf(early)).toBe("seat-reserved");
    clock += 60_000;
    const late = await call(limited.url, "POST", `/api/matches/${next}/join`, { name: "Eve", seat: 1 });
    expect(late.status, late.text).toBe(200);
  });
});

describe("the host's seat", () => {
  it("seats the host in the seat they chose", async () => {
    const res = await fetch(`${base}/api/matches`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ map: "classic", hostName: "Ada", hostSeat: 1 }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { host: { playerID: string; power: string } };
    expect(body.host).toMatchObject({ playerID: "1", power: "ENG" });
  });

  it("refuses a host seat that does not exist", async () => {
    const res = await fetch(`${base}/api/matches`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ map: "classic", hostName: "Ada", hostSeat: 7 }),
    });
    expect(res.status).toBe(400);
  });
});
