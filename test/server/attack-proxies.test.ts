/**
 * Outsider attacks on the client's address (`TRUSTED_PROXIES`, `X-Forwarded-For`) and on the seat
 * API's optional `phase`. With no proxy trusted: forged forwarding headers in every letter case,
 * several lines, empty, garbage, IPv6 and `::ffff:` forms, commas, other header names, 64 kB values,
 * sent as raw HTTP bytes, through fetch and on socket.io handshakes (game and press namespaces,
 * websocket and polling) — none escapes the joins, creations or sockets of its peer. Behind a
 * trusted proxy: a client's own entries cannot spend another client's budget, malformed last
 * entries fall back to the peer, and the addresses of one IPv6 /64 share the socket budget as
 * they share the joins. The seat API's `phase` in other cases, padded, long, of other types or with
 * extra fields is refused 400/409 with nothing changed; the right one works.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io, type Socket } from "socket.io-client";
import { readConfig } from "../../server/src/config";
import { GAME_NAME } from "../../shared/src";
import type { SeatContext } from "../../shared/src/wire";
import { api, createMatch, joinSeat, type Seat } from "./support/matches";
import { codeOf, readContext, seatPath, seatRequest, firstOrders } from "./support/seat";
import { removeDataDir, startInProcess, type InProcessServer } from "./support/server";

const LIMITS = { JOINS_PER_MINUTE: "2", SOCKETS_PER_ADDRESS: "2", AFTER_MATCH_READS_PER_MINUTE: "2" };

/** Sends a request as raw bytes (`extra`: header lines, CRLF-separated); the status and body. */
function raw(
  server: InProcessServer,
  method: string,
  path: string,
  extra: string,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  const data = body === undefined ? "" : JSON.stringify(body);
  const head =
    `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(data)}\r\n` +
    `${extra === "" ? "" : `${extra}\r\n`}\r\n`;
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, "127.0.0.1", () => socket.end(head + data));
    let text = "";
    socket.setEncoding("latin1");
    socket.setTimeout(10_000, () => socket.destroy(new Error(`${method} ${path} timed out`)));
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text }));
  });
}

/** A game (or press) socket with handshake headers; null when admitted, else the refusal. */
function socketAs(
  server: InProcessServer,
  headers: Record<string, string>,
  opened: Socket[],
  nsp = `/${GAME_NAME}`,
  transport: "websocket" | "polling" = "websocket",
  auth: Record<string, string> = {},
): Promise<string | null> {
  const socket = io(`${server.url}${nsp}`, {
    transports: [transport],
    forceNew: true,
    reconnection: false,
    extraHeaders: headers,
    auth,
  });
  opened.push(socket);
  return new Promise((resolve) => {
    socket.on("connect", () => resolve(null));
    socket.on("connect_error", (e: Error) => resolve(e.message));
  });
}

/** The forged header lines a client tries (each would be a fresh address were it believed). */
const FORGED = [
  "X-Forwarded-For: 203.0.113.1",
  "x-FORWARDED-for: 203.0.113.2",
  "X-Forwarded-For: 203.0.113.3\r\nX-Forwarded-For: 203.0.113.4",
  "X-Forwarded-For: ",
  "X-Forwarded-For: garbage,,, ,",
  "X-Forwarded-For: 2001:db8::7",
  "X-Forwarded-For: ::FFFF:203.0.113.9",
  "X-Forwarded-For: 203.0.113.5 , 198.51.100.5",
  "Forwarded: for=203.0.113.6",
  "X-Real-IP: 203.0.113.8",
  "X-Client-IP: 203.0.113.10\r\nTrue-Client-IP: 203.0.113.11",
];

const CREATE = {
  map: "amber",
  players: 3,
  hostName: "Ada",
  seats: [{ kind: "human" }, { kind: "human" }, { kind: "human" }],
};

describe("no proxy trusted (the default): forged headers change nothing", () => {
  let s: InProcessServer;
  let matchID: string;
  let host: Seat;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    s = await startInProcess({ env: LIMITS });
    ({ matchID, host } = (await api(s, "POST", "/api/matches", CREATE)).body as {
      matchID: string;
      host: Seat;
    });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await s.stop();
    removeDataDir(s.dataDir);
  });

  it("attack: joins and creations with forged X-Forwarded-For in raw HTTP all count against the peer", async () => {
    const join = `/api/matches/${matchID}/join`;
    const joins = [];
    for (const [i, line] of FORGED.entries())
      joins.push((await raw(s, "POST", join, line, { name: `P${i}` })).status);
    expect(joins).toEqual([200, 200, ...FORGED.slice(2).map(() => 429)]);
    const creates = [];
    for (const line of FORGED) creates.push((await raw(s, "POST", "/api/matches", line, CREATE)).status);
    expect(creates).toEqual([201, ...FORGED.slice(1).map(() => 429)]);
    // fetch (undici) too
    const res = await fetch(`${s.url}${join}`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Forwarded-For": "198.51.100.200" },
      body: JSON.stringify({ name: "Zed" }),
    });
    expect(res.status).toBe(429);
  });

  it("attack: after-match reads with forged X-Forwarded-For count against the peer", async () => {
    const reads = [];
    for (const line of FORGED)
      reads.push(
        (
          await raw(
            s,
            "GET",
            `/api/matches/${matchID}/record`,
            `${line}\r\nAuthorization: Bearer ${host.credentials}`,
          )
        ).status,
      );
    expect(reads).toEqual([200, 200, ...FORGED.slice(2).map(() => 429)]);
  });

  it("attack: a 64 kB X-Forwarded-For is refused by Node (431), and the server stays up", async () => {
    const huge = await raw(s, "GET", "/api/server", `X-Forwarded-For: ${"1.".repeat(32_768)}1`);
    expect(huge.status).toBe(431);
    const many = await raw(
      s,
      "GET",
      "/api/server",
      Array(2_000).fill("X-Forwarded-For: 10.0.0.1, 10.0.0.2").join("\r\n"),
    );
    expect([400, 431]).toContain(many.status);
    expect((await api(s, "GET", "/api/server")).status).toBe(200);
  });

  it("attack: game and press sockets with forged handshake headers (websocket, polling) share the peer's budget", async () => {
    expect(await socketAs(s, { "x-forwarded-for": "203.0.113.21" }, sockets)).toBeNull();
    expect(await socketAs(s, { "X-Forwarded-For": "203.0.113.22" }, sockets)).toBeNull();
    const refused = [
      await socketAs(s, { "x-forwarded-for": "203.0.113.23" }, sockets),
      await socketAs(
        s,
        { "X-FORWARDED-FOR": "2001:db8::99, ::ffff:10.1.1.1" },
        sockets,
        `/${GAME_NAME}`,
        "polling",
      ),
      await socketAs(s, { forwarded: "for=203.0.113.24", "x-real-ip": "203.0.113.25" }, sockets),
      await socketAs(s, { "x-forwarded-for": "203.0.113.26" }, sockets, "/press", "websocket", {
        matchID: "nope",
      }),
      await socketAs(s, { "x-forwarded-for": "" }, sockets, "/press", "polling", { matchID: "nope" }),
    ];
    for (const reason of refused) expect(reason).toMatch(/too-many-sockets|already holds/);
    for (const socket of sockets.splice(0)) socket.close();
  });
});

describe("behind a trusted proxy (TRUSTED_PROXIES=127.0.0.1)", () => {
  let s: InProcessServer;
  let matchID: string;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    s = await startInProcess({ env: { ...LIMITS, TRUSTED_PROXIES: "127.0.0.1" } });
    ({ matchID } = await createMatch(s, { join: false }));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await s.stop();
    removeDataDir(s.dataDir);
  });
  let n = 0;
  const joinAs = async (forwarded: string): Promise<number> =>
    (
      await raw(s, "POST", `/api/matches/${matchID}/join`, `X-Forwarded-For: ${forwarded}`, {
        name: `J${n++}`,
      })
    ).status;

  it("attack: a client's own entries before the proxy's cannot spend another client's budget", async () => {
    const attacker = [];
    for (let i = 0; i < 3; i++) attacker.push(await joinAs("203.0.113.77, 198.51.100.1"));
    expect(attacker).toEqual([200, 200, 429]); // the proxy's entry (its own address) counted
    expect([
      await joinAs("203.0.113.77"),
      await joinAs("203.0.113.77"),
      await joinAs("203.0.113.77"),
    ]).toEqual([200, 200, 429]);
  });

  it("attack: malformed last entries fall back to the peer, never 500", async () => {
    const malformed = [
      "203.0.113.1, not-an-ip",
      "203.0.113.1,",
      "203.0.113.1, 999.1.1.1",
      "203.0.113.1, [2001:db8::1]",
      "203.0.113.1, 203.0.113.2:8080",
      "203.0.113.1, unknown",
      "203.0.113.1, 203.0.113.2 203.0.113.3",
      "203.0.113.1, 0x7f.1",
    ];
    const statuses = [];
    for (const forwarded of malformed) statuses.push(await joinAs(forwarded));
    expect(statuses).toEqual([200, 200, ...malformed.slice(2).map(() => 429)]); // all the peer's
    expect(await joinAs("203.0.113.1")).toBe(200); // the address named first was never spent
    const huge = await raw(s, "GET", "/api/server", `X-Forwarded-For: 10.0.0.1, ${"9".repeat(65_536)}`);
    expect(huge.status).toBe(431);
  });

  it("attack: the addresses of one IPv6 /64 share the joins budget", async () => {
    ({ matchID } = await createMatch(s, { join: false })); // the first one is full
    expect([
      await joinAs("2001:db8:1:2::1"),
      await joinAs("2001:db8:1:2::2"),
      await joinAs("2001:db8:1:2::3"),
    ]).toEqual([200, 200, 429]);
  });

  // Named case (found by this attack): SocketBudget counted the raw address, not `addressKey`'s /64
  // as the joins do, so one host with a /64 opened SOCKETS_PER_ADDRESS sockets per address, without
  // bound. Now every socket counts against its /64.
  it("attack: the addresses of one IPv6 /64 share the socket budget too", async () => {
    const got = [];
    for (const a of ["2001:db8:5:6::1", "2001:db8:5:6::2", "2001:db8:5:6::3", "2001:db8:5:6::4"])
      got.push(await socketAs(s, { "x-forwarded-for": a }, sockets));
    for (const socket of sockets.splice(0)) socket.close();
    expect(got.map((r) => r === null)).toEqual([true, true, false, false]);
  });
});

describe("TRUSTED_PROXIES that are not addresses", () => {
  it.each([
    "localhost",
    "127.0.0.1/8",
    "127.0.0.1:80",
    "*",
    "10.0.0.1;10.0.0.2",
    "::ffff:1.2.3.4.5",
    "0x7f000001",
  ])("attack: TRUSTED_PROXIES=%s stops the server naming the setting", (value) => {
    expect(() => readConfig({ TRUSTED_PROXIES: `127.0.0.1, ${value}` })).toThrow(
      /Bad setting TRUSTED_PROXIES/,
    );
  });
});

describe("the seat API's phase", () => {
  let s: InProcessServer;
  let matchID: string;
  let ada: Seat;
  beforeAll(async () => {
    s = await startInProcess();
    const res = await api(s, "POST", "/api/matches", CREATE);
    ({ matchID, host: ada } = res.body as { matchID: string; host: Seat });
    await joinSeat(s, matchID, 1, "Bob");
    await joinSeat(s, matchID, 2, "Cy");
  });
  afterAll(async () => {
    await s.stop();
    removeDataDir(s.dataDir);
  });
  const post = (route: string, body: unknown) =>
    seatRequest(s, "POST", seatPath(matchID, route), { token: ada.credentials, body });
  const mine = (c: SeatContext) => ({ orders: c.orders, ready: c.ready, phase: c.phase.key });

  it("attack: phases in other cases, padded, long, of other types or with extra fields change nothing", async () => {
    const before = await readContext(s, matchID, ada.credentials);
    const key = before.phase.key;
    expect(key).toMatch(/^\d+-spring-movement$/);
    const orders = firstOrders(before);
    const bad: [unknown, number][] = [
      [key.toUpperCase(), 400],
      [` ${key}`, 400],
      [`${key} `, 400],
      [`${key}\n`, 400],
      [key.replace("-", "‐"), 400], // a Unicode hyphen
      [`${key}${"x".repeat(1_000)}`, 400],
      [`${key}${"x".repeat(100_000)}`, 413], // over the 64 kB body limit
      [`9${key}`.slice(0, 40), 409],
      [`0${key}`, 409],
      [key.replace("spring", "fall"), 409],
      [123, 400],
      [null, 400],
      [[key], 400],
      [{ key }, 400],
      [true, 400],
    ];
    for (const [phase, status] of bad) {
      for (const [route, body] of [
        ["orders", { orders, ready: true, phase }],
        ["ready", { ready: true, phase }],
      ] as const) {
        const res = await post(route, body);
        expect([route, phase, res.status]).toEqual([route, phase, status]);
        expect(codeOf(res)).toBe(
          { 400: "bad-payload", 409: "phase-moved-on", 413: "payload-too-large" }[status],
        );
      }
    }
    for (const [route, body] of [
      ["orders", { orders, phase: key, Phase: key }],
      ["orders", { orders, phase: key, extra: 1 }],
      ["ready", { ready: true, phase: key, playerID: "1" }],
      ["ready", { ready: "true", phase: key }],
    ] as const) {
      const res = await post(route, body);
      expect([route, res.status, codeOf(res)]).toEqual([route, 400, "bad-payload"]);
    }
    expect(mine(await readContext(s, matchID, ada.credentials))).toEqual(mine(before));
  });

  it("attack: the right phase works on both routes", async () => {
    const before = await readContext(s, matchID, ada.credentials);
    const orders = firstOrders(before);
    const res = await post("orders", { orders, phase: before.phase.key });
    expect(res.status).toBe(200);
    expect((await post("ready", { ready: true, phase: before.phase.key })).status).toBe(200);
    const after = await readContext(s, matchID, ada.credentials);
    expect(after.orders.length).toBe(orders.length);
    expect(after.ready).toBe(true);
    expect(after.phase.key).toBe(before.phase.key);
  });
});
