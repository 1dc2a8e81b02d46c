/**
 * The seat API attacked over raw HTTP (issue 16, item 1): another seat's credentials act only as
 * that seat; a request cannot name a seat, power or player of its own (extra fields are 400,
 * nothing changed); paths and `Bearer` in any letter case lead nowhere else; huge, chunked, non-JSON
 * and malformed bodies are refused with nothing changed; queries out of range are 400; open waits
 * are capped per seat (and per address) and every slot comes back; waits and event streams end
 * when the server stops; a seat whose player left loses the API at once; and no credential is ever
 * written to the server's log.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SeatContext } from "../../shared/src/wire";
import { WAITS_PER_ADDRESS, WAITS_PER_SEAT } from "../../server/src/seat";
import { api, type Seat, threeHumans, type ThreeHumans } from "./support/matches";
import { hearLogs } from "./support/logs";
import { codeOf, readContext, seatPath, seatRequest, type SeatResponse } from "./support/seat";
import { removeDataDir, startInProcess, waitUntil, type InProcessServer } from "./support/server";

let s: InProcessServer;
/** Every record the server logged while the tests ran, at any level. */
const logs = hearLogs("trace");
/** Everything else printed to the console while the tests ran. */
const logged: string[] = [];
beforeAll(async () => {
  s = await startInProcess();
  for (const level of ["log", "info", "warn", "error"] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(" "));
    });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await s.stop();
  removeDataDir(s.dataDir);
  logs.stop();
});

/** Every credential the tests handed out, to be sure none reaches the log. */
const handedOut: string[] = [];

/** An amber match of three humans: Ada (host), Bob and Cy joined. */
async function threePlayers(
  server: Pick<InProcessServer, "url" | "dataDir" | "port"> = s,
): Promise<ThreeHumans> {
  const three = await threeHumans(server);
  handedOut.push(three.ada.credentials, three.bob.credentials, three.cy.credentials);
  return three;
}

/** A context without what moves on by itself (the seq stays: nothing may change it). */
const still = (c: SeatContext): SeatContext => c;

describe("who a request acts as", () => {
  it("another seat's credentials act only as that seat: Ada's units cannot be ordered with Bob's", async () => {
    const { matchID, ada, bob } = await threePlayers();
    const adaBefore = await readContext(s, matchID, ada.credentials);
    const adaOrders = Object.values(adaBefore.legalOrders).map((o) => o[1]!);
    const res = await seatRequest(s, "POST", seatPath(matchID, "orders"), {
      token: bob.credentials,
      body: { orders: adaOrders.map((o) => `${ada.power} ${o}`) },
    });
    expect(res.status).toBe(200);
    const answer = res.body as { accepted: string[]; refused: { code: string }[] };
    expect(answer.accepted).toEqual([]);
    expect(answer.refused.map((r) => r.code)).toEqual(adaOrders.map(() => "power-mismatch"));
    const bare = await seatRequest(s, "POST", seatPath(matchID, "orders"), {
      token: bob.credentials,
      body: { orders: adaOrders },
    });
    expect((bare.body as { accepted: string[] }).accepted).toEqual([]);
    expect(still(await readContext(s, matchID, ada.credentials))).toEqual(adaBefore);
  });

  it("a body naming a seat, power, player or credentials is 400 with nothing changed", async () => {
    const { matchID, ada, bob } = await threePlayers();
    const before = await readContext(s, matchID, ada.credentials);
    const bodies: [string, unknown][] = [
      ["orders", { orders: [], power: bob.power }],
      ["orders", { orders: [], playerID: "1" }],
      ["draw", { vote: true, playerID: "1" }],
      ["ready", { ready: true, credentials: bob.credentials }],
      ["press", { to: [bob.power], text: "hi", from: bob.power }],
      [
        "proposals",
        { parties: [bob.power], clauses: [], until: null, visibility: "public", proposer: bob.power },
      ],
      ["accept", { commitmentId: "c1", by: bob.power }],
      ["communique", { text: "x", by: bob.power }],
    ];
    for (const [route, body] of bodies) {
      const res = await seatRequest(s, "POST", seatPath(matchID, route), { token: ada.credentials, body });
      expect(res.status, `${route}: ${res.text}`).toBe(400);
      expect(codeOf(res)).toBe("bad-payload");
    }
    expect(await readContext(s, matchID, ada.credentials)).toEqual(before);
  });

  it("a seat whose player left loses the API at once", async () => {
    const { matchID, cy } = await threePlayers();
    expect(
      (await seatRequest(s, "GET", seatPath(matchID, "context"), { token: cy.credentials })).status,
    ).toBe(200);
    const left = await api(s, "POST", `/api/matches/${matchID}/leave`, {
      playerID: cy.playerID,
      credentials: cy.credentials,
    });
    expect(left.status, JSON.stringify(left.body)).toBe(200);
    for (const route of ["context", "wait?after=0"])
      expect((await seatRequest(s, "GET", seatPath(matchID, route), { token: cy.credentials })).status).toBe(
        401,
      );
    const press = await seatRequest(s, "POST", seatPath(matchID, "communique"), {
      token: cy.credentials,
      body: { text: "still here?" },
    });
    expect(press.status).toBe(401);
  });
});

describe("paths and the Authorization header", () => {
  it("Bearer in any letter case; any other scheme or a token with junk is 401", async () => {
    const { matchID, ada } = await threePlayers();
    for (const scheme of ["Bearer", "bearer", "BEARER", "bEaReR"]) {
      const res = await seatRequest(s, "GET", seatPath(matchID, "context"), {
        headers: { authorization: `${scheme} ${ada.credentials}` },
      });
      expect(res.status, scheme).toBe(200);
    }
    for (const header of [
      `Basic ${ada.credentials}`,
      `Bearer${ada.credentials}`,
      `Bearer ${ada.credentials} extra`,
      `Bearer ${ada.credentials.toUpperCase()}x`,
      `Bearer ${ada.credentials.slice(0, -1)}`,
      `Bearer ${"a".repeat(5000)}`,
      "Bearer",
    ]) {
      const res = await seatRequest(s, "GET", seatPath(matchID, "context"), {
        headers: { authorization: header },
      });
      expect(res.status, header.slice(0, 40)).toBe(401);
    }
  });

  it("paths in any letter case lead to the same routes, with the same checks", async () => {
    const { matchID, ada } = await threePlayers();
    const before = await readContext(s, matchID, ada.credentials);
    for (const path of [
      `/API/MATCHES/${matchID}/SEAT/CONTEXT`,
      `/api/Matches/${matchID}/Seat/Context`,
      `/api/matches/${matchID}/seat/context/`,
    ]) {
      const none = await seatRequest(s, "GET", path);
      expect([401, 404], `${path} without credentials`).toContain(none.status);
      expect(none.text).not.toContain(before.power === "" ? "-" : `"legalOrders"`);
      const withKey = await seatRequest(s, "GET", path, { token: ada.credentials });
      if (withKey.status === 200) expect((withKey.body as SeatContext).power).toBe(ada.power);
      else expect(withKey.status).toBe(404);
    }
    const upper = await seatRequest(s, "POST", `/API/MATCHES/${matchID}/SEAT/DRAW`, { body: { vote: true } });
    expect([401, 404]).toContain(upper.status);
    expect(await readContext(s, matchID, ada.credentials)).toEqual(before);
    // A path that only looks like the seat API's (another match id spelling) is no seat of it.
    const encoded = await seatRequest(
      s,
      "GET",
      `/api/matches/${encodeURIComponent(`${matchID}/..`)}/seat/context`,
      {
        token: ada.credentials,
      },
    );
    expect([401, 404]).toContain(encoded.status);
  });
});

describe("bodies and queries", () => {
  it("huge, chunked, non-JSON and malformed bodies are refused with nothing changed", async () => {
    const { matchID, ada } = await threePlayers();
    const before = await readContext(s, matchID, ada.credentials);
    const huge = JSON.stringify({ orders: Array.from({ length: 7_000 }, () => "A vel H") }); // over 64 kB
    const answers: [SeatResponse, number, string][] = [
      [
        await seatRequest(s, "POST", seatPath(matchID, "orders"), { token: ada.credentials, rawBody: huge }),
        413,
        "payload-too-large",
      ],
      [await chunked(matchID, ada.credentials, huge), 413, "payload-too-large"],
      [
        await seatRequest(s, "POST", seatPath(matchID, "orders"), {
          token: ada.credentials,
          rawBody: "orders=A vel H",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }),
        415,
        "bad-content-type",
      ],
      [
        await seatRequest(s, "POST", seatPath(matchID, "orders"), {
          token: ada.credentials,
          rawBody: "{orders:",
        }),
        400,
        "bad-json",
      ],
      [
        await seatRequest(s, "POST", seatPath(matchID, "orders"), {
          token: ada.credentials,
          body: { orders: Array.from({ length: 51 }, () => "A vel H") },
        }),
        400,
        "bad-payload",
      ],
      [
        await seatRequest(s, "POST", seatPath(matchID, "orders"), {
          token: ada.credentials,
          body: { orders: ["A".repeat(201)] },
        }),
        400,
        "bad-payload",
      ],
      [
        await seatRequest(s, "POST", seatPath(matchID, "draw"), { token: ada.credentials }),
        400,
        "bad-payload",
      ],
    ];
    for (const [res, status, code] of answers) {
      expect(res.status, res.text).toBe(status);
      expect(codeOf(res)).toBe(code);
    }
    expect(await readContext(s, matchID, ada.credentials)).toEqual(before);
  });

  it("queries out of range are 400", async () => {
    const { matchID, ada } = await threePlayers();
    for (const query of [
      "wait",
      "wait?after=-1",
      "wait?after=abc",
      "wait?after=1&timeout=31",
      "wait?after=1&timeout=1.5",
      "context?since=x",
      "context?power=ORO",
      "wait?after=1&after=2",
    ]) {
      const res = await seatRequest(s, "GET", seatPath(matchID, query), { token: ada.credentials });
      expect(res.status, query).toBe(400);
      expect(codeOf(res)).toBe("bad-payload");
    }
  });
});

describe("many waits", () => {
  it(`at most ${WAITS_PER_SEAT} open waits per seat; slots come back`, async () => {
    const { matchID, ada } = await threePlayers();
    const { seq } = await readContext(s, matchID, ada.credentials);
    const open = Array.from({ length: WAITS_PER_SEAT }, () =>
      seatRequest(s, "GET", `${seatPath(matchID, "wait")}?after=${seq}&timeout=2`, {
        token: ada.credentials,
      }),
    );
    await waitUntil("the waits to be open", () => s.server.seatApi.waits.open >= WAITS_PER_SEAT);
    const over = await seatRequest(s, "GET", `${seatPath(matchID, "wait")}?after=${seq}&timeout=2`, {
      token: ada.credentials,
    });
    expect(over.status).toBe(429);
    expect(codeOf(over)).toBe("too-many-waits");
    const events = await seatRequest(s, "GET", seatPath(matchID, "events"), { token: ada.credentials });
    expect(events.status).toBe(429);
    expect((await Promise.all(open)).map((r) => r.status)).toEqual(open.map(() => 204));
    const again = await seatRequest(s, "GET", `${seatPath(matchID, "wait")}?after=${seq}&timeout=0`, {
      token: ada.credentials,
    });
    expect(again.status).toBe(204);
  }, 20_000);

  it(`at most ${WAITS_PER_ADDRESS} open waits per address, whatever the seats`, async () => {
    const seats: { matchID: string; seat: Seat; seq: number }[] = [];
    while (seats.length * WAITS_PER_SEAT <= WAITS_PER_ADDRESS) {
      const m = await threePlayers();
      for (const seat of [m.ada, m.bob, m.cy])
        seats.push({
          matchID: m.matchID,
          seat,
          seq: (await readContext(s, m.matchID, seat.credentials)).seq,
        });
    }
    const opened: Promise<SeatResponse>[] = [];
    for (const { matchID, seat, seq } of seats.slice(0, WAITS_PER_ADDRESS / WAITS_PER_SEAT))
      for (let i = 0; i < WAITS_PER_SEAT; i++)
        opened.push(
          seatRequest(s, "GET", `${seatPath(matchID, "wait")}?after=${seq}&timeout=3`, {
            token: seat.credentials,
          }),
        );
    await waitUntil("the address's waits to be open", () => s.server.seatApi.waits.open >= WAITS_PER_ADDRESS);
    const last = seats.at(-1)!;
    const over = await seatRequest(
      s,
      "GET",
      `${seatPath(last.matchID, "wait")}?after=${last.seq}&timeout=3`,
      {
        token: last.seat.credentials,
      },
    );
    expect(over.status).toBe(429);
    expect(codeOf(over)).toBe("too-many-waits");
    expect(new Set((await Promise.all(opened)).map((r) => r.status))).toEqual(new Set([204]));
  }, 60_000);

  it("waits and event streams end when the server stops", async () => {
    const own = await startInProcess();
    try {
      const { matchID, ada, bob } = await threePlayers(own);
      const { seq } = await readContext(own, matchID, ada.credentials);
      const wait = seatRequest(own, "GET", `${seatPath(matchID, "wait")}?after=${seq}&timeout=30`, {
        token: ada.credentials,
      });
      const stream = new Promise<string>((resolve, reject) => {
        http
          .get(
            new URL(seatPath(matchID, "events"), own.url),
            { headers: { authorization: `Bearer ${bob.credentials}` } },
            (res) => {
              let text = "";
              res.setEncoding("utf8");
              res.on("data", (c: string) => (text += c));
              res.on("end", () => resolve(text));
              res.on("error", reject);
            },
          )
          .on("error", reject);
      });
      await waitUntil("both open", () => own.server.seatApi.waits.open === 2);
      const started = Date.now();
      await own.stop();
      expect((await wait).status).toBe(204);
      expect(await stream).toContain("event: context");
      expect(Date.now() - started).toBeLessThan(2_000); // no keep-alive connection to wait out
    } finally {
      await own.stop();
      removeDataDir(own.dataDir);
    }
  }, 20_000);
});

describe("the log", () => {
  it("never holds a credential, in a record at any level or a line printed", () => {
    expect(handedOut.length).toBeGreaterThan(0);
    expect(logs.lines.length).toBeGreaterThan(0); // the records were heard (every HTTP request at debug)
    const records = logs.lines.join("");
    const text = logged.join("\n");
    for (const credentials of handedOut) {
      expect(records).not.toContain(credentials);
      expect(text).not.toContain(credentials);
    }
  });
});

/** POSTs a body with chunked transfer encoding (no Content-Length). */
function chunked(matchID: string, token: string, body: string): Promise<SeatResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(seatPath(matchID, "orders"), s.url),
      { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            body: JSON.parse(text) as unknown,
          }),
        );
      },
    );
    req.on("error", (e) =>
      e.message.includes("EPIPE") || e.message.includes("ECONNRESET") ? undefined : reject(e),
    );
    for (let i = 0; i < body.length; i += 16_384) req.write(body.slice(i, i + 16_384));
    req.end();
  });
}
