/**
 * Attack: device links and the press table event, tried as an outsider (or a hostile seated player)
 * would over raw HTTP and several sockets at once: one token redeemed twice in parallel, a revoke
 * racing a redeem, the seat in other spellings, other methods, another site's Origin, the continue
 * bucket against a classroom's joins, a seat revoking in a loop to flood every socket of the match
 * with `press:table`, and whether any answer to someone else, any record the server logs or any line
 * printed holds a token or credentials.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type {
  ContinueAnswer,
  DeviceLinkAnswer,
  DeviceLinkRevokeAnswer,
  SeatProof,
} from "../../shared/src/wire";
import { api, withDatabase, type ApiResponse } from "./support/matches";
import { PressClient } from "./support/press";
import { hearLogs } from "./support/logs";
import { ON_POSTGRES } from "./support/database";
import { sqliteOf } from "./support/storage";
import { removeDataDir, startInProcess, waitUntil, type InProcessServer } from "./support/server";

/** Every record the server logged while the tests ran, at any level (checked for secrets at the end). */
const logs = hearLogs("trace");
/** Everything else printed to the console while the tests ran (checked for secrets too). */
const printed: string[] = [];
/** Every token and credential the tests were given. */
const secrets = new Set<string>();

let s: InProcessServer;
const clients: PressClient[] = [];
beforeAll(async () => {
  for (const level of ["log", "info", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      printed.push(
        args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack ?? ""}` : String(a))).join(" "),
      );
    });
  }
  s = await startInProcess({ env: { TICK_MS: "60000" } });
});
afterAll(async () => {
  for (const c of clients.splice(0)) c.stop();
  await s.stop();
  removeDataDir(s.dataDir);
  logs.stop();
  vi.restoreAllMocks();
});

/** A three-seat amber match on `server`: Ada (seat 0, the host), Bob (seat 1), seat 2 open. */
async function match(
  server: InProcessServer = s,
): Promise<{ matchID: string; ada: SeatProof; bob: SeatProof }> {
  const made = await api(server, "POST", "/api/matches", {
    map: "amber",
    players: 3,
    hostName: "Ada",
    seats: [{ kind: "human" }, { kind: "open" }, { kind: "open" }],
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const body = made.body as { matchID: string; host: SeatProof };
  const joined = await api(server, "POST", `/api/matches/${body.matchID}/join`, { name: "Bob", seat: 1 });
  expect(joined.status, JSON.stringify(joined.body)).toBe(200);
  const bob = joined.body as SeatProof;
  secrets.add(body.host.credentials).add(bob.credentials);
  return {
    matchID: body.matchID,
    ada: { playerID: body.host.playerID, credentials: body.host.credentials },
    bob: { playerID: bob.playerID, credentials: bob.credentials },
  };
}

/** Makes a seat's device link; returns its token. */
async function makeLink(matchID: string, seat: SeatProof, server: InProcessServer = s): Promise<string> {
  const res = await api(server, "POST", `/api/matches/${matchID}/seats/${seat.playerID}/device-link`, seat);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const token = new URL((res.body as DeviceLinkAnswer).url).hash.slice(1);
  secrets.add(token);
  return token;
}

function redeem(matchID: string, token: string, server: InProcessServer = s): Promise<ApiResponse> {
  return api(server, "POST", `/api/matches/${matchID}/continue`, { token });
}

function revoke(matchID: string, seat: SeatProof, server: InProcessServer = s): Promise<ApiResponse> {
  return api(server, "POST", `/api/matches/${matchID}/seats/${seat.playerID}/device-link/revoke`, seat);
}

/** Whether a proof still holds its seat (making a link is the cheapest check that needs it). */
async function holds(matchID: string, seat: SeatProof): Promise<boolean> {
  const res = await api(s, "POST", `/api/matches/${matchID}/seats/${seat.playerID}/device-link`, seat);
  if (res.status === 200) secrets.add(new URL((res.body as DeviceLinkAnswer).url).hash.slice(1));
  return res.status === 200;
}

function code(res: ApiResponse): string | undefined {
  return (res.body as { error?: { code: string } } | null)?.error?.code;
}

/** One raw HTTP/1.1 request (no client tidies the path or the headers); the whole answer. */
function rawHttp(server: InProcessServer, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, "127.0.0.1", () => socket.write(request));
    let answer = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
    socket.setTimeout(5_000, () => socket.destroy(new Error("raw request timed out")));
  });
}

/** A raw JSON POST. */
function rawPost(
  server: InProcessServer,
  route: string,
  body: string,
  headers = "",
  type = "application/json",
): Promise<string> {
  return rawHttp(
    server,
    `POST ${route} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: ${type}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n${headers}\r\n${body}`,
  );
}

function rawStatus(answer: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
}

describe("attack: device links", () => {
  it("attack: one token sent 20 times at once over raw sockets opens the seat exactly once", async () => {
    const { matchID, bob } = await match();
    const token = await makeLink(matchID, bob);
    const body = JSON.stringify({ token });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => rawPost(s, `/api/matches/${matchID}/continue`, body)),
    );
    const statuses = answers.map(rawStatus);
    expect(statuses.filter((st) => st === 200)).toHaveLength(1);
    expect(statuses.filter((st) => st === 410)).toHaveLength(19);
    for (const answer of answers.filter((a) => rawStatus(a) === 410)) {
      expect(answer).toContain("device-link-used");
      expect(answer).not.toContain(bob.credentials);
    }
  });

  it("attack: a revoke racing a redeem leaves the seat only to the revoking browser", async () => {
    for (let round = 0; round < 5; round++) {
      const { matchID, bob } = await match();
      const token = await makeLink(matchID, bob);
      const [revoked, taken] = await Promise.all([revoke(matchID, bob), redeem(matchID, token)]);
      expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
      const fresh: SeatProof = {
        playerID: "1",
        credentials: (revoked.body as DeviceLinkRevokeAnswer).credentials,
      };
      secrets.add(fresh.credentials);
      // Whichever came first, the redeemer holds nothing now: the link died, or it gave the old
      // credentials, which the revoke replaced.
      expect([200, 404]).toContain(taken.status);
      if (taken.status === 200) {
        expect((taken.body as ContinueAnswer).credentials).toBe(bob.credentials);
      }
      expect(await holds(matchID, bob)).toBe(false);
      expect(await holds(matchID, fresh)).toBe(true);
    }
  });

  it("attack: a token works only in its own match, and a stranger's revoke changes nothing", async () => {
    const first = await match();
    const second = await match();
    const token = await makeLink(first.matchID, first.bob);
    expect(code(await redeem(second.matchID, token))).toBe("unknown-device-link");
    // Seat 1 of the second match, with the first match's credentials.
    expect((await revoke(second.matchID, first.bob)).status).toBe(401);
    expect(await holds(second.matchID, second.bob)).toBe(true);
    expect((await redeem(first.matchID, token)).status).toBe(200);
  });

  it("attack: the seat in other spellings in the path is refused and makes no link", async () => {
    const { matchID, bob } = await match();
    const rows = (): number =>
      withDatabase(s.dataDir, (db) => {
        const row = db.prepare(`SELECT COUNT(*) AS n FROM device_links WHERE match_id = ?`).get(matchID);
        return (row as { n: number }).n;
      });
    for (const seat of [
      "01",
      "0x1",
      "%201",
      "1%20",
      "-0",
      "-1",
      "+1",
      "1.0",
      "1e0",
      "%EF%BC%91",
      "Infinity",
      "__proto__",
    ]) {
      const answer = await rawPost(
        s,
        `/api/matches/${matchID}/seats/${seat}/device-link`,
        JSON.stringify(bob),
      );
      expect(rawStatus(answer), `${seat}: ${answer}`).toBe(400);
      expect(answer, seat).toContain("bad-payload");
    }
    expect(rows()).toBe(0);
  });

  it("attack: another site's Origin, other methods and odd bodies spend nothing", async () => {
    const { matchID, bob } = await match();
    const token = await makeLink(matchID, bob);
    const route = `/api/matches/${matchID}/continue`;
    const body = JSON.stringify({ token });
    for (const origin of ["https://evil.example", "null", "http://localhost.evil.example"]) {
      const answer = await rawPost(s, route, body, `Origin: ${origin}\r\n`);
      expect(rawStatus(answer), origin).toBe(403);
      expect(answer).not.toContain("Access-Control-Allow-Origin");
    }
    for (const method of ["GET", "PUT", "DELETE", "PATCH", "HEAD"]) {
      const answer = await rawHttp(
        s,
        `${method} ${route} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${body.length}\r\n\r\n${body}`,
      );
      expect(rawStatus(answer), method).toBe(404);
      expect(answer.toLowerCase(), method).not.toContain("text/html");
    }
    const odd = [
      `{"token":"${token}","token":"${token}","extra":1}`,
      `[${JSON.stringify(token)}]`,
      `{"token":"${token.toUpperCase()}"}`,
      `{"token":"${token} "}`,
      `{"__proto__":{"token":"${token}"}}`,
      `{"token":"${"A".repeat(70_000)}"}`,
    ];
    for (const text of odd)
      expect(rawStatus(await rawPost(s, route, text)), text.slice(0, 60)).toBeGreaterThanOrEqual(400);
    expect(rawStatus(await rawPost(s, route, body, "", "text/plain"))).toBeGreaterThanOrEqual(400);
    // The link is still whole after all that.
    expect((await redeem(matchID, token)).status).toBe(200);
  });

  // SQLite's own way to refuse writes; the PostgreSQL run has its own storage-failure story.
  it.skipIf(ON_POSTGRES)(
    "attack: while the disk refuses writes, no link, seat or new credentials are given out",
    async () => {
      const { matchID, ada, bob } = await match();
      const token = await makeLink(matchID, bob);
      const db = sqliteOf(s.server.ctx.db);
      db.pragma("query_only = 1"); // every write fails (SQLITE_READONLY), as on a full disk
      try {
        const made = await api(s, "POST", `/api/matches/${matchID}/seats/0/device-link`, ada);
        expect(made.status).toBe(503);
        expect(JSON.stringify(made.body)).not.toContain("#");
        const taken = await redeem(matchID, token);
        expect(taken.status).toBe(503);
        expect(JSON.stringify(taken.body)).not.toContain(bob.credentials);
        const revoked = await revoke(matchID, bob);
        expect(revoked.status).toBe(503);
        expect(JSON.stringify(revoked.body)).not.toContain("credentials");
      } finally {
        db.pragma("query_only = 0");
      }
      // Nothing changed: Bob's credentials hold his seat, and his link was not spent.
      const taken = await redeem(matchID, token);
      expect(taken.status, JSON.stringify(taken.body)).toBe(200);
      expect((taken.body as ContinueAnswer).credentials).toBe(bob.credentials);
      expect(await holds(matchID, bob)).toBe(true);
    },
  );

  it("attack: wrong tokens use the continue bucket, never the joins of a classroom behind one address", async () => {
    const server = await startInProcess({ env: { TICK_MS: "60000", JOINS_PER_MINUTE: "40" } });
    try {
      const made = await api(server, "POST", "/api/matches", { map: "amber", players: 3 });
      const matchID = (made.body as { matchID: string }).matchID;
      const wrong = "A".repeat(43);
      for (let i = 0; i < 40; i++) expect((await redeem(matchID, wrong, server)).status).toBe(404);
      expect((await redeem(matchID, wrong, server)).status).toBe(429);
      // 40 pupils join from the same address within the minute: every one of them sits down.
      const matches: string[] = [];
      for (let i = 0; i < 14; i++) {
        const res = await api(server, "POST", "/api/matches", { map: "amber", players: 3, unlisted: true });
        if (res.status !== 201) break; // creations have their own bucket (40)
        matches.push((res.body as { matchID: string }).matchID);
      }
      expect(matches).toHaveLength(14);
      const joins = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          api(server, "POST", `/api/matches/${matches[Math.floor(i / 3)]!}/join`, { name: `Pupil ${i + 1}` }),
        ),
      );
      expect(joins.map((j) => j.status)).toEqual(Array.from({ length: 40 }, () => 200));
    } finally {
      await server.stop();
      removeDataDir(server.dataDir);
    }
  });

  it("attack: a seat cannot make or revoke links in a loop: beyond JOINS_PER_MINUTE a 429 changes nothing", async () => {
    const server = await startInProcess({ env: { TICK_MS: "60000", JOINS_PER_MINUTE: "5" } });
    try {
      const { matchID, ada, bob } = await match(server);
      for (let i = 0; i < 4; i++) await makeLink(matchID, bob, server);
      const last = await revoke(matchID, bob, server); // the seat's fifth change
      expect(last.status, JSON.stringify(last.body)).toBe(200);
      const fresh: SeatProof = {
        playerID: "1",
        credentials: (last.body as DeviceLinkRevokeAnswer).credentials,
      };
      secrets.add(fresh.credentials);
      const again = await revoke(matchID, fresh, server);
      expect(again.status).toBe(429);
      expect(code(again)).toBe("rate-limited");
      const made = await api(server, "POST", `/api/matches/${matchID}/seats/1/device-link`, fresh);
      expect(made.status).toBe(429);
      // Nothing changed: the credentials from the last revoke still hold the seat; Ada's seat has
      // its own bucket.
      const leave = await api(server, "POST", `/api/matches/${matchID}/leave`, fresh);
      expect(leave.status, JSON.stringify(leave.body)).toBe(200);
      await makeLink(matchID, ada, server);
    } finally {
      await server.stop();
      removeDataDir(server.dataDir);
    }
  });
});

describe("attack: press:table", () => {
  it("attack: a seat revoking in a loop reaches the match's sockets as a few events, not one each", async () => {
    const { matchID, bob } = await match();
    const other = await match();
    const spectator = await PressClient.open(s.url, matchID, null);
    const elsewhere = await PressClient.open(s.url, other.matchID, null);
    clients.push(spectator, elsewhere);
    const tables = (c: PressClient): unknown[] =>
      c.received.filter((r) => r.event === "press:table").map((r) => r.args[0]);
    let proof = bob;
    for (let i = 0; i < 60; i++) {
      const res = await revoke(matchID, proof);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      proof = { playerID: "1", credentials: (res.body as DeviceLinkRevokeAnswer).credentials };
      secrets.add(proof.credentials);
    }
    // The changes are still told, and a later one too (at the end of the gap at most).
    const join = await api(s, "POST", `/api/matches/${matchID}/join`, { name: "Cy", seat: 2 });
    expect(join.status).toBe(200);
    secrets.add((join.body as SeatProof).credentials);
    const before = tables(spectator).length;
    await waitUntil("the join's event", () => tables(spectator).length > before, 3_000, 10);
    expect(tables(spectator).length).toBeLessThanOrEqual(10);
    expect(tables(spectator)).toEqual(tables(spectator).map(() => ({ matchID })));
    // The other match's socket hears only of its own match (its own join may still be on its way).
    expect(tables(elsewhere)).toEqual(tables(elsewhere).map(() => ({ matchID: other.matchID })));
  });
});

describe("attack: credentials kept by a cache", () => {
  it("attack: answers that carry a seat's credentials (create, join, play again) say no-store", async () => {
    const made = await fetch(`${s.url}/api/matches`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ map: "amber", players: 3, hostName: "Ada" }),
    });
    expect(made.status).toBe(201);
    const { matchID, host } = (await made.json()) as { matchID: string; host: SeatProof };
    secrets.add(host.credentials);
    expect(made.headers.get("cache-control")).toBe("no-store");
    const joined = await fetch(`${s.url}/api/matches/${matchID}/join`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Bob" }),
    });
    expect(joined.status).toBe(200);
    secrets.add(((await joined.json()) as SeatProof).credentials);
    expect(joined.headers.get("cache-control")).toBe("no-store");
    const refused = await fetch(`${s.url}/api/matches/${matchID}/join`, { method: "POST" });
    expect(refused.headers.get("cache-control")).toBe("no-store");
  });
});

describe("attack: secrets in answers and in the server's output", () => {
  it("attack: no token or credentials appear in any record the server logged or line it printed", () => {
    expect(secrets.size).toBeGreaterThan(10);
    expect(logs.lines.length).toBeGreaterThan(0); // the records were heard (every HTTP request at debug)
    const logged = logs.lines.join("");
    const all = printed.join("\n");
    for (const secret of secrets) {
      expect(logged.includes(secret), `logged a secret ${secret.slice(0, 4)}…`).toBe(false);
      expect(all.includes(secret), `printed a secret ${secret.slice(0, 4)}…`).toBe(false);
    }
  });
});
