/**
 * Per-address limits behind a proxy (docs/deploy.md, `TRUSTED_PROXIES`): the address a request or
 * socket counts against is the peer's, unless the peer is a proxy the operator named; then it is
 * the last entry of `X-Forwarded-For` (the one the proxy added). Table-driven for the pure rule,
 * then as an attacker tries it: raw HTTP requests and raw sockets with forged headers, with and
 * without a trusted proxy in front.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io, type Socket } from "socket.io-client";
import { clientAddress, trustedProxies } from "../../server/src/client-address";
import { readConfig } from "../../server/src/config";
import { GAME_NAME } from "../../shared/src";
import { createMatch } from "./support/matches";
import { removeDataDir, startInProcess, type InProcessServer } from "./support/server";

const LOOPBACK = new Set(["127.0.0.1"]);

describe("the client's address", () => {
  it.each([
    // peer, X-Forwarded-For, trusted proxies, the address counted
    ["127.0.0.1", undefined, LOOPBACK, "127.0.0.1"],
    ["::ffff:127.0.0.1", "203.0.113.7", LOOPBACK, "203.0.113.7"], // an IPv4 peer as IPv6 sees it
    ["127.0.0.1", "203.0.113.7", new Set<string>(), "127.0.0.1"], // no proxy trusted: the header is ignored
    ["198.51.100.4", "203.0.113.7", LOOPBACK, "198.51.100.4"], // a peer that is not the proxy forges it
    ["127.0.0.1", "10.9.9.9, 203.0.113.7", LOOPBACK, "203.0.113.7"], // the client's own entries come first
    ["127.0.0.1", ["10.9.9.9", "203.0.113.7"], LOOPBACK, "203.0.113.7"], // several header lines: one list
    ["127.0.0.1", "203.0.113.7, not-an-address", LOOPBACK, "127.0.0.1"], // a last entry that is no address
    ["127.0.0.1", "", LOOPBACK, "127.0.0.1"],
    ["127.0.0.1", " 2001:DB8::1 ", LOOPBACK, "2001:db8::1"],
    ["127.0.0.1", "::FFFF:203.0.113.7", LOOPBACK, "203.0.113.7"],
    [undefined, "203.0.113.7", LOOPBACK, ""], // a socket already closed has no address
  ] as const)("peer %s, X-Forwarded-For %j, trusted %j: %s", (peer, forwarded, trusted, expected) => {
    expect(clientAddress(peer, forwarded, trusted)).toBe(expected);
  });

  it("TRUSTED_PROXIES takes addresses only, and a bad one stops the server with its name", () => {
    expect(trustedProxies(" 127.0.0.1, ::1 ,,::ffff:10.0.0.2")).toEqual({
      ok: true,
      value: new Set(["127.0.0.1", "::1", "10.0.0.2"]),
    });
    expect(trustedProxies(undefined)).toEqual({ ok: true, value: new Set() });
    expect(() => readConfig({ TRUSTED_PROXIES: "127.0.0.1,haproxy.local" })).toThrow(
      'Bad setting TRUSTED_PROXIES: "haproxy.local" is not an IP address',
    );
  });
});

/** Joins a match over raw HTTP with an X-Forwarded-For header; the status. */
async function joinAs(
  server: InProcessServer,
  matchID: string,
  name: string,
  forwardedFor: string,
): Promise<number> {
  const res = await fetch(`${server.url}/api/matches/${matchID}/join`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
    body: JSON.stringify({ name }),
  });
  await res.arrayBuffer();
  return res.status;
}

/** A raw game socket with an X-Forwarded-For header; whether the server admitted it. */
function socketAs(server: InProcessServer, forwardedFor: string, opened: Socket[]): Promise<boolean> {
  const socket = io(`${server.url}/${GAME_NAME}`, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: { "x-forwarded-for": forwardedFor },
  });
  opened.push(socket);
  return new Promise((resolve) => {
    socket.on("connect", () => resolve(true));
    socket.on("connect_error", () => resolve(false));
  });
}

describe.each([
  ["behind a trusted proxy (TRUSTED_PROXIES=127.0.0.1)", "127.0.0.1", true],
  ["with no proxy trusted (the default)", "", false],
])("%s", (_label, trusted, counted) => {
  let server: InProcessServer;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startInProcess({
      env: { TRUSTED_PROXIES: trusted, JOINS_PER_MINUTE: "2", SOCKETS_PER_ADDRESS: "2" },
    });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.stop();
    removeDataDir(server.dataDir);
  });

  it(`joins count against ${counted ? "the forwarded address" : "the peer, whatever the header says"}`, async () => {
    const { matchID } = await createMatch(server, { join: false });
    expect(await joinAs(server, matchID, "Ann", "203.0.113.1")).toBe(200);
    expect(await joinAs(server, matchID, "Ben", "203.0.113.1")).toBe(200);
    expect(await joinAs(server, matchID, "Cat", "203.0.113.1")).toBe(429);
    // Another forwarded address: its own budget behind the proxy; the same budget without it.
    expect(await joinAs(server, matchID, "Dan", "203.0.113.2")).toBe(counted ? 200 : 429);
    // A client prepending addresses of its own choosing gains nothing: the last entry counts.
    expect(await joinAs(server, matchID, "Eve", "198.51.100.9, 203.0.113.1")).toBe(429);
  });

  it(`sockets count against ${counted ? "the forwarded address" : "the peer"}`, async () => {
    expect(await socketAs(server, "203.0.113.5", sockets)).toBe(true);
    expect(await socketAs(server, "203.0.113.5", sockets)).toBe(true);
    expect(await socketAs(server, "203.0.113.5", sockets)).toBe(false);
    expect(await socketAs(server, "203.0.113.6", sockets)).toBe(counted);
  });
});
