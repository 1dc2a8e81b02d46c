/**
 * The seat API (docs/seat-api.md) attacked by an outsider over raw HTTP and raw TCP, beyond what
 * its authors' tests (seat-api.test.ts, attack-seat-api.test.ts) cover. Each test is named for an
 * attack and passes when the server defends: who a request acts as (doubled and odd
 * `Authorization` headers, credentials elsewhere, class keys, revoked and left seats and their
 * open waits); what a seat may not see (its `seq`, waits and streams when two other powers move
 * in secret; `since` and `Last-Event-ID` at odd values; error answers that would tell a secret's
 * existence); moves when they must not work (a teacher's pause, a finished match, an eliminated
 * power, an adjustment phase beyond its builds, odd order text, hostile bodies); resource abuse
 * (timeouts, dropped waits, a stream that never reads, the move budget shared with the game
 * socket, an orders-with-ready request over the budget); and the press through HTTP.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import net from "node:net";
import type { State } from "boardgame.io";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMap, type MatchState, type PowerId, type Unit } from "../../shared/src";
import type { JoinClassAnswer, SeatContext } from "../../shared/src/wire";
import { classKit } from "./support/classes";
import { RawRecorder, rawMove } from "./support/clients";
import { PressClient } from "./support/press";
import { api, threeHumans, type ThreeHumans } from "./support/matches";
import { codeOf, readContext, seatPath, seatRequest, type SeatResponse } from "./support/seat";
import { removeDataDir, sleep, startInProcess, waitUntil, type InProcessServer } from "./support/server";

let s: InProcessServer;
const closers: (() => void)[] = [];
beforeAll(async () => {
  s = await startInProcess();
});
afterAll(async () => {
  for (const close of closers) close();
  await s.stop();
  removeDataDir(s.dataDir);
});

/** POSTs a JSON body to a seat route. */
function post(
  matchID: string,
  token: string,
  route: string,
  body: unknown,
  server: InProcessServer = s,
): Promise<SeatResponse> {
  return seatRequest(server, "POST", seatPath(matchID, route), { token, body });
}

/** GETs a seat route. */
function get(
  matchID: string,
  token: string,
  route: string,
  server: InProcessServer = s,
): Promise<SeatResponse> {
  return seatRequest(server, "GET", seatPath(matchID, route), { token });
}

/** The first legal order of each unit (a hold), as text. */
function holds(context: SeatContext): string[] {
  return Object.values(context.legalOrders).map((orders) => orders[0]!);
}

/** A raw HTTP exchange over TCP: what the server wrote until it closed (or the time ran out). */
function rawHttp(request: string, timeoutMs = 5_000, server: InProcessServer = s): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(server.port, "127.0.0.1");
    let text = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(text);
    }, timeoutMs);
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(text);
    });
    socket.on("error", () => undefined);
    socket.write(request);
  });
}

/** The status of a raw HTTP answer (0 when there was none). */
function statusOfRaw(answer: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
}

/** The JSON body of a raw HTTP answer, or null. */
function bodyOfRaw(answer: string): unknown {
  const at = answer.indexOf("\r\n\r\n");
  try {
    return JSON.parse(answer.slice(at + 4)) as unknown;
  } catch {
    return null;
  }
}

/** A GET of a seat route over raw TCP, with these header lines (each without its CRLF). */
function rawGet(matchID: string, route: string, headerLines: readonly string[]): Promise<string> {
  const lines = [
    `GET ${seatPath(matchID, route)} HTTP/1.1`,
    `Host: 127.0.0.1:${s.port}`,
    "Connection: close",
    ...headerLines,
  ];
  return rawHttp(`${lines.join("\r\n")}\r\n\r\n`);
}

/** An event stream kept open: what arrived, whether the server ended it, closing it. */
interface Stream {
  text(): string;
  status(): number;
  ended(): boolean;
  close(): void;
}

/** Opens `GET …/seat/events` with node:http. */
function openStream(
  matchID: string,
  token: string,
  headers: Readonly<Record<string, string>> = {},
  query = "",
  server: InProcessServer = s,
): Stream {
  let text = "";
  let status = 0;
  let ended = false;
  const req = http.get(
    new URL(`${seatPath(matchID, "events")}${query}`, server.url),
    { headers: { authorization: `Bearer ${token}`, ...headers } },
    (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => (ended = true));
      res.on("close", () => (ended = true));
    },
  );
  req.on("error", () => (ended = true));
  const close = (): void => {
    req.destroy();
  };
  closers.push(close);
  return { text: () => text, status: () => status, ended: () => ended, close };
}

/** The first seated student's view. */
function me0<V extends { seat: unknown }>(views: readonly V[]): V {
  return views[0]!;
}

/** The contexts in an event stream's text. */
function eventsOf(text: string): SeatContext[] {
  return [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!) as SeatContext);
}

/** The match's stored state (in-process: the server's own storage). */
function storedState(matchID: string, server: InProcessServer = s): State<MatchState> {
  const { state } = server.server.ctx.storage.fetch(matchID, { state: true });
  if (state === undefined) throw new Error(`no state for ${matchID}`);
  return state as State<MatchState>;
}

/**
 * Puts a match into a position of the test's making (the server's own storage, write-through),
 * with no pending orders or ready flags, and wakes the seat API's waits.
 */
function setPosition(matchID: string, make: (G: MatchState) => MatchState["position"]): MatchState {
  const state = storedState(matchID);
  const G: MatchState = { ...state.G, position: make(state.G), orders: {}, ready: {} };
  s.server.ctx.storage.setState(matchID, { ...state, G, _stateID: state._stateID + 1 });
  s.server.seatApi.changed(matchID);
  return G;
}

// ---------------------------------------------------------------------------------------------

describe("who a request acts as, from outside", () => {
  it("attack: two Authorization headers (Bob's then Ada's, and the reverse) act as the first seat or not at all, never as a mix", async () => {
    const { matchID, ada, bob } = await threeHumans(s);
    for (const [first, second] of [
      [bob, ada],
      [ada, bob],
    ] as const) {
      const answer = await rawGet(matchID, "context", [
        `Authorization: Bearer ${first.credentials}`,
        `Authorization: Bearer ${second.credentials}`,
      ]);
      const status = statusOfRaw(answer);
      expect([200, 400, 401], answer.slice(0, 200)).toContain(status);
      if (status === 200) expect((bodyOfRaw(answer) as SeatContext).power).toBe(first.power);
      expect(answer).not.toContain(second.credentials);
    }
    // The same through a header list that a proxy may fold into one line.
    const folded = await rawGet(matchID, "context", [
      `Authorization: Bearer ${bob.credentials}, Bearer ${ada.credentials}`,
    ]);
    expect(statusOfRaw(folded)).toBe(401);
  });

  it("attack: odd Authorization spellings (tabs, NBSP, obs-fold, NUL, a colon, Bearer twice) are 401/400; spaces and any letter case are the seat's own", async () => {
    const { matchID, ada } = await threeHumans(s);
    const token = ada.credentials;
    const refused = [
      `Authorization: Bearer\t${token}`,
      `Authorization: Bearer\u00a0${token}`,
      `Authorization: Bearer:${token}`,
      `Authorization: Bearer Bearer ${token}`,
      `Authorization: Token ${token}`,
      `Authorization: ${token}`,
      `Authorization: Bearer "${token}"`,
      `Authorization: Bearer ${token}\u0000`,
      `Authorization: Bearer\r\n ${token}`, // obs-fold
      `X-Authorization: Bearer ${token}`,
      `Cookie: credentials=${token}`,
    ];
    for (const line of refused) {
      const answer = await rawGet(matchID, "context", [line]);
      const status = statusOfRaw(answer);
      expect([400, 401], `${JSON.stringify(line.slice(0, 30))} → ${answer.slice(0, 80)}`).toContain(status);
      expect(answer).not.toContain('"legalOrders"');
    }
    for (const line of [
      `Authorization: BeArEr ${token}`,
      `Authorization: Bearer    ${token}`,
      `Authorization:    Bearer ${token}   `,
      `authorization: bearer ${token}`,
    ]) {
      const answer = await rawGet(matchID, "context", [line]);
      expect(statusOfRaw(answer), line).toBe(200);
      expect((bodyOfRaw(answer) as SeatContext).power).toBe(ada.power);
    }
  });

  it("attack: credentials in the query or the body instead of the header are never taken", async () => {
    const { matchID, ada, bob } = await threeHumans(s);
    const before = await readContext(s, matchID, ada.credentials);
    for (const query of [
      `context?credentials=${ada.credentials}`,
      `context?access_token=${ada.credentials}`,
      `context?token=${ada.credentials}&playerID=0`,
      `wait?after=0&credentials=${ada.credentials}`,
      `events?access_token=${ada.credentials}`,
    ]) {
      const res = await seatRequest(s, "GET", seatPath(matchID, query));
      expect(res.status, query).toBe(401);
    }
    // With Bob's header and Ada's credentials in the query: 400, not Ada.
    const mixed = await seatRequest(s, "GET", seatPath(matchID, `context?credentials=${ada.credentials}`), {
      token: bob.credentials,
    });
    expect(mixed.status).toBe(400);
    for (const body of [
      { orders: [], credentials: ada.credentials },
      { orders: [], playerID: ada.playerID, credentials: ada.credentials },
    ]) {
      const res = await seatRequest(s, "POST", seatPath(matchID, "orders"), { body });
      expect(res.status).toBe(401);
      const withBob = await post(matchID, bob.credentials, "orders", body);
      expect(withBob.status).toBe(400);
    }
    expect(await readContext(s, matchID, ada.credentials)).toEqual(before);
  });

  it("attack: a class student's key, a teammate's key, and a key whose power the teacher gave to a bot", async () => {
    const kit = classKit();
    const c = await kit.newClass(s, { map: "amber", studentsPerPower: 2 });
    const students: JoinClassAnswer[] = [];
    for (const name of ["Ana", "Ben", "Cai", "Dee"]) students.push(await kit.join(s, c.code, name));
    expect((await kit.teacher(s, c, "/start")).status).toBe(200);
    const views = await Promise.all(students.map((st) => kit.studentView(s, c, st)));
    const seated = views.filter((v) => v.seat !== null);
    expect(seated.length).toBeGreaterThanOrEqual(2);
    const matchID = seated[0]!.seat!.matchID;
    // Each key acts only as its own team's power; teammates share one seat (and its seq).
    const byPower = new Map<string, SeatContext[]>();
    for (const v of seated) {
      const context = await readContext(s, v.seat!.matchID, v.seat!.credentials);
      expect(context.power).toBe(v.seat!.power);
      byPower.set(context.power, [...(byPower.get(context.power) ?? []), context]);
    }
    for (const [power, contexts] of byPower) {
      expect(contexts.every((x) => x.power === power)).toBe(true);
    }
    // Teammates share the seat's seq (read twice around the teammate's read: a bot may move meanwhile).
    const team = [...byPower.values()].find((x) => x.length > 1);
    const mates = seated.filter((v) => v.seat!.power === team?.[0]?.power);
    if (mates.length > 1) {
      await waitUntil("one seq for both teammates", async () => {
        const [a1, b, a2] = [
          await readContext(s, matchID, mates[0]!.seat!.credentials),
          await readContext(s, matchID, mates[1]!.seat!.credentials),
          await readContext(s, matchID, mates[0]!.seat!.credentials),
        ];
        return a1.seq === a2.seq && b.seq === a1.seq;
      });
    }
    // The teacher's key and a key's sha256 hold no seat.
    const hash = createHash("sha256").update(me0(seated).seat!.credentials).digest("hex");
    for (const key of [c.teacherKey, hash, students[0]!.studentId])
      expect((await get(matchID, key, "context")).status).toBe(401);
    // A key cannot order another team's units, written with that power's name.
    const [mine, theirs] = [...byPower.keys()];
    const me = seated.find((v) => v.seat!.power === mine)!;
    if (theirs !== undefined) {
      const other = seated.find((v) => v.seat!.power === theirs)!;
      const otherContext = await readContext(s, matchID, other.seat!.credentials);
      const res = await post(matchID, me.seat!.credentials, "orders", {
        orders: holds(otherContext).map((o) => `${theirs} ${o}`),
      });
      expect(res.status).toBe(200);
      expect((res.body as { accepted: string[] }).accepted).toEqual([]);
      expect((await readContext(s, matchID, other.seat!.credentials)).orders).toEqual(otherContext.orders);
    }
    // The teacher gives the student's power to a bot: their key is 401 at once, their stream ends.
    const stream = openStream(matchID, me.seat!.credentials);
    await waitUntil("the stream's first context", () => stream.text().includes("event: context"));
    const bot = await kit.teacher(s, c, `/matches/${matchID}/powers/${mine}/bot`, {});
    expect(bot.status, JSON.stringify(bot.body)).toBe(200);
    expect((await get(matchID, me.seat!.credentials, "context")).status).toBe(401);
    expect((await post(matchID, me.seat!.credentials, "draw", { vote: true })).status).toBe(401);
    await waitUntil("the stream of a key that lost its seat to end", () => stream.ended(), 3_000);
  }, 30_000);

  it("attack: a revoked device link's old credentials lose the API at once — their open wait and event stream end too", async () => {
    const { matchID, ada } = await threeHumans(s);
    const { seq } = await readContext(s, matchID, ada.credentials);
    const started = Date.now();
    const base = s.server.seatApi.waits.open;
    const wait = seatRequest(s, "GET", `${seatPath(matchID, "wait")}?after=${seq}&timeout=10`, {
      token: ada.credentials,
    });
    const stream = openStream(matchID, ada.credentials);
    await waitUntil("both open", () => s.server.seatApi.waits.open >= base + 2);
    const revoked = await api(s, "POST", `/api/matches/${matchID}/seats/${ada.playerID}/device-link/revoke`, {
      playerID: ada.playerID,
      credentials: ada.credentials,
    });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    const fresh = (revoked.body as { credentials: string }).credentials;
    expect((await get(matchID, ada.credentials, "context")).status).toBe(401);
    expect((await readContext(s, matchID, fresh)).power).toBe(ada.power);
    // Docs: "When the seat's credentials stop holding it … every request with them is 401 at
    // once, and open waits end." Nothing else happens in the match meanwhile.
    const answer = await wait;
    const waited = Date.now() - started;
    expect(answer.status).toBe(204);
    expect(waited, `the old credentials' wait was held ${waited} ms after the revocation`).toBeLessThan(
      3_000,
    );
    const ended = stream.ended();
    stream.close();
    expect(ended, "the old credentials' event stream is still open").toBe(true);
  }, 30_000);

  it("attack: a seat whose player left keeps no event stream open", async () => {
    const { matchID, cy } = await threeHumans(s);
    const stream = openStream(matchID, cy.credentials);
    await waitUntil("the stream's first context", () => stream.text().includes("event: context"));
    const left = await api(s, "POST", `/api/matches/${matchID}/leave`, {
      playerID: cy.playerID,
      credentials: cy.credentials,
    });
    expect(left.status).toBe(200);
    await sleep(1_500);
    const ended = stream.ended();
    stream.close();
    expect(ended, "the leaver's event stream is still open (nothing else moved in the match)").toBe(true);
  }, 20_000);
});

describe("raw HTTP on one connection", () => {
  it("attack: pipelined requests on one keep-alive connection — Ada's, then one without credentials — do not share a seat", async () => {
    const { matchID, ada } = await threeHumans(s);
    const one = [
      `GET ${seatPath(matchID, "context")} HTTP/1.1`,
      `Host: 127.0.0.1`,
      `Authorization: Bearer ${ada.credentials}`,
      "",
      "",
    ].join("\r\n");
    const two = [
      `POST ${seatPath(matchID, "draw")} HTTP/1.1`,
      "Host: 127.0.0.1",
      "Content-Type: application/json",
      "Content-Length: 13",
      "Connection: close",
      "",
      '{"vote":true}',
    ].join("\r\n");
    const answer = await rawHttp(one + two);
    const statuses = [...answer.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
    expect(statuses).toEqual([200, 401]);
    expect((await readContext(s, matchID, ada.credentials)).draw.vote).toBe(false);
  });

  it("attack: a request smuggled in a body with both Content-Length and Transfer-Encoding is refused, and the smuggled move never runs", async () => {
    const { matchID, ada } = await threeHumans(s);
    const smuggled = [
      `POST ${seatPath(matchID, "draw")} HTTP/1.1`,
      "Host: 127.0.0.1",
      `Authorization: Bearer ${ada.credentials}`,
      "Content-Type: application/json",
      "Content-Length: 13",
      "",
      '{"vote":true}',
    ].join("\r\n");
    const outer = [
      `POST ${seatPath(matchID, "orders")} HTTP/1.1`,
      "Host: 127.0.0.1",
      "Content-Type: application/json",
      `Content-Length: ${Buffer.byteLength(smuggled) + 5}`,
      "Transfer-Encoding: chunked",
      "",
      `0\r\n\r\n${smuggled}`,
    ].join("\r\n");
    const answer = await rawHttp(outer, 3_000);
    const statuses = [...answer.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
    expect(statuses[0]).toBe(400);
    expect(statuses).not.toContain(200);
    expect((await readContext(s, matchID, ada.credentials)).draw.vote).toBe(false);
  });

  it("attack: other methods (HEAD, PUT, DELETE, PATCH, OPTIONS) on seat routes tell nothing without credentials and move nothing with them", async () => {
    const { matchID, ada } = await threeHumans(s);
    const before = await readContext(s, matchID, ada.credentials);
    const withoutDate = (answer: string): string => answer.replace(/^Date: .*$/m, "");
    for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]) {
      const answers = new Set<string>();
      for (const route of ["orders", "draw", "context", "nothing-here"]) {
        const none = await rawHttp(
          `${method} ${seatPath(matchID, route)} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
        );
        // A CORS preflight may answer, but alike for every path: no route is told from another.
        if (method !== "OPTIONS")
          expect(statusOfRaw(none), `${method} ${route}: ${none.slice(0, 60)}`).toBe(401);
        answers.add(withoutDate(none));
        const res = await seatRequest(s, method, seatPath(matchID, route), {
          token: ada.credentials,
          rawBody: '{"vote":true}',
        });
        if (method !== "OPTIONS") expect([404, 405], `${method} ${route}`).toContain(res.status);
      }
      expect(answers.size, `${method}: answers differ between routes without credentials`).toBe(1);
    }
    const head = await rawHttp(
      `HEAD ${seatPath(matchID, "context")} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    );
    expect(statusOfRaw(head)).toBe(401);
    expect(await readContext(s, matchID, ada.credentials)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------

describe("what a seat may not see, from outside", () => {
  it("attack: Cy's seq, wait and stream stay still while Ada and Bob exchange letters, make a secret pact, give notice and order", async () => {
    const { matchID, ada, bob, cy } = await threeHumans(s);
    const cyBefore = await readContext(s, matchID, cy.credentials);
    const stream = openStream(matchID, cy.credentials);
    await waitUntil("Cy's stream", () => eventsOf(stream.text()).length === 1);
    const wait = seatRequest(s, "GET", `${seatPath(matchID, "wait")}?after=${cyBefore.seq}&timeout=4`, {
      token: cy.credentials,
    });
    const adaCtx = await readContext(s, matchID, ada.credentials);
    const bobCtx = await readContext(s, matchID, bob.credentials);
    const secret = "Secret-7f3a: take the north together";
    const steps: [string, string, unknown][] = [
      [ada.credentials, "press", { to: [bob.power], text: secret }],
      [bob.credentials, "press", { to: [ada.power], text: `${secret} — agreed` }],
      [
        ada.credentials,
        "proposals",
        {
          parties: [bob.power],
          clauses: [{ kind: "non-aggression", from: bob.power, to: ada.power }],
          until: null,
          visibility: "secret",
        },
      ],
    ];
    for (const [token, route, body] of steps)
      expect((await post(matchID, token, route, body)).status).toBe(200);
    const proposed = await readContext(s, matchID, bob.credentials);
    const commitmentId = proposed.commitments[0]!.id;
    expect((await post(matchID, bob.credentials, "accept", { commitmentId })).status).toBe(200);
    expect((await post(matchID, ada.credentials, "notice", { commitmentId })).status).toBe(200);
    const adaMove = adaCtx.legalOrders[Object.keys(adaCtx.legalOrders)[0]!]!.find((o) => o.includes(" - "))!;
    expect((await post(matchID, ada.credentials, "orders", { orders: [adaMove] })).status).toBe(200);
    expect((await post(matchID, bob.credentials, "orders", { orders: holds(bobCtx) })).status).toBe(200);
    expect((await post(matchID, bob.credentials, "draw", { vote: false })).status).toBe(200);
    const cyAfter = await readContext(s, matchID, cy.credentials);
    expect(cyAfter.seq, "Cy's seq moved on moves Cy may not see").toBe(cyBefore.seq);
    expect(cyAfter).toEqual(cyBefore);
    expect((await wait).status, "Cy's wait woke for moves Cy may not see").toBe(204);
    expect(eventsOf(stream.text()).length, "Cy's stream sent a context for moves Cy may not see").toBe(1);
    const raw = stream.text() + JSON.stringify(cyAfter);
    for (const secretBit of [secret, commitmentId, adaMove]) expect(raw).not.toContain(secretBit);
    stream.close();
  }, 30_000);

  it("attack: since and Last-Event-ID at odd values (0, huge, another seat's seq, the seq ahead) never widen what a seat sees", async () => {
    const { matchID, ada, bob, cy } = await threeHumans(s);
    const secret = "Between-us-91c2";
    await post(matchID, ada.credentials, "press", { to: [bob.power], text: secret });
    const bobSeq = (await readContext(s, matchID, bob.credentials)).seq;
    const cyNow = await readContext(s, matchID, cy.credentials);
    const texts: string[] = [];
    for (const since of [
      "0",
      "1",
      String(bobSeq),
      String(cyNow.seq + 1),
      "9999999999999999",
      "0000000000000001",
    ]) {
      const res = await get(matchID, cy.credentials, `context?since=${since}`);
      expect(res.status, since).toBe(200);
      const ctx = res.body as SeatContext;
      expect(ctx.power).toBe(cy.power);
      expect([null, cyNow.seq], `since=${since}`).toContain(ctx.since);
      texts.push(res.text);
    }
    for (const since of ["-1", "1e3", "0x10", "NaN", "Infinity", " 1", "1 ", "12345678901234567", "1.0"]) {
      const res = await get(matchID, cy.credentials, `context?since=${encodeURIComponent(since)}`);
      expect(res.status, since).toBe(400);
    }
    for (const lastId of ["0", "-5", String(bobSeq), "99999999999999999999", "abc", `${cyNow.seq}\u0000`]) {
      const stream = openStream(matchID, cy.credentials, { "Last-Event-ID": lastId.replace("\u0000", "") });
      await waitUntil(`a stream with Last-Event-ID ${lastId}`, () => stream.text().includes("retry:"));
      await sleep(100);
      texts.push(stream.text());
      for (const ctx of eventsOf(stream.text())) expect(ctx.power).toBe(cy.power);
      stream.close();
    }
    const raw = texts.join("\n");
    expect(raw).not.toContain(secret);
  }, 30_000);

  it("attack: refusals do not tell a secret's existence — another pair's message id and secret pact id answer as a made-up id", async () => {
    const { matchID, ada, bob, cy } = await threeHumans(s);
    const sent = await post(matchID, ada.credentials, "press", { to: [bob.power], text: "for Bob only" });
    const messageId = (sent.body as { item: { id: string } }).item.id;
    const made = await post(matchID, ada.credentials, "proposals", {
      parties: [bob.power],
      clauses: [{ kind: "text", text: "a secret pact" }],
      until: null,
      visibility: "secret",
    });
    const commitmentId = (made.body as { commitmentId: string }).commitmentId;
    const pairs: [string, unknown, unknown][] = [
      ["leak", { messageId }, { messageId: "pAAAAAAAAAAAAAAAAAAAAAAAA" }],
      ["accept", { commitmentId }, { commitmentId: "cAAAAAAAAAAAAAAAA" }],
      ["reject", { commitmentId }, { commitmentId: "cAAAAAAAAAAAAAAAA" }],
      ["withdraw", { commitmentId }, { commitmentId: "cAAAAAAAAAAAAAAAA" }],
      ["notice", { commitmentId }, { commitmentId: "cAAAAAAAAAAAAAAAA" }],
    ];
    for (const [route, real, madeUp] of pairs) {
      const a = await post(matchID, cy.credentials, route, real);
      const b = await post(matchID, cy.credentials, route, madeUp);
      expect(a.status, `${route}: ${a.text}`).toBe(b.status);
      expect(codeOf(a), route).toBe(codeOf(b));
      expect(a.text).not.toContain("for Bob only");
      expect(a.text).not.toContain("a secret pact");
    }
    // Ada sent the letter but did not receive it: she may not leak it.
    const own = await post(matchID, ada.credentials, "leak", { messageId });
    expect(own.status).toBe(422);
  }, 20_000);
});

// ---------------------------------------------------------------------------------------------

describe("moves when they must not work", () => {
  it("attack: a class match the teacher paused refuses every seat API move with 409 paused-by-teacher, like the socket", async () => {
    const kit = classKit();
    const c = await kit.newClass(s, { map: "amber" });
    const students: JoinClassAnswer[] = [];
    for (const name of ["Eve", "Fin", "Gus"]) students.push(await kit.join(s, c.code, name));
    expect((await kit.teacher(s, c, "/start")).status).toBe(200);
    const views = await Promise.all(students.map((st) => kit.studentView(s, c, st)));
    const [one, two] = views.filter((v) => v.seat !== null);
    const matchID = one!.seat!.matchID;
    const token = one!.seat!.credentials;
    const proposal = await post(matchID, two!.seat!.credentials, "proposals", {
      parties: [one!.seat!.power],
      clauses: [{ kind: "text", text: "peace" }],
      until: null,
      visibility: "public",
    });
    expect(proposal.status, proposal.text).toBe(200);
    const commitmentId = (proposal.body as { commitmentId: string }).commitmentId;
    expect((await kit.teacher(s, c, `/matches/${matchID}/pause`)).status).toBe(200);
    const before = await readContext(s, matchID, token);
    const moves: [string, unknown][] = [
      ["orders", { orders: holds(before) }],
      ["orders", { orders: holds(before), ready: true, phase: before.phase.key }],
      ["ready", { ready: true }],
      ["draw", { vote: true }],
      ["accept", { commitmentId }],
      ["reject", { commitmentId }],
      [
        "proposals",
        {
          parties: [two!.seat!.power],
          clauses: [{ kind: "text", text: "x" }],
          until: null,
          visibility: "public",
        },
      ],
    ];
    for (const [route, body] of moves) {
      const res = await post(matchID, token, route, body);
      expect(res.status, `${route}: ${res.text}`).toBe(409);
      expect(codeOf(res)).toBe("paused-by-teacher");
    }
    const after = await readContext(s, matchID, token);
    expect(after.orders).toEqual(before.orders);
    expect(after.ready).toBe(false);
    expect(after.draw.vote).toBe(false);
    expect(after.commitments).toEqual(before.commitments);
    // The socket says the same.
    const r = await new RawRecorder(s.url).connected();
    closers.push(() => r.close());
    await r.sync(matchID, one!.seat!.playerID, token);
    const refused = await rawMove(r, one!.seat!, matchID, "drawVote", { vote: true });
    expect(refused?.code).toBe("paused-by-teacher");
  }, 30_000);

  it("attack: after the match ended every move is refused (orders and ready 409 game-over), reads still work", async () => {
    const { matchID, ada, bob, cy } = await threeHumans(s);
    for (const seat of [ada, bob, cy])
      expect((await post(matchID, seat.credentials, "draw", { vote: true })).status).toBe(200);
    for (const seat of [ada, bob, cy])
      await post(matchID, seat.credentials, "orders", {
        orders: [],
        ready: true,
        phase: "1901-spring-movement",
      });
    const ended = await waitUntil("the draw", async () => {
      const ctx = await readContext(s, matchID, ada.credentials);
      return ctx.standing.result !== null ? ctx : undefined;
    });
    expect(ended.phase.deadline).toBeNull();
    expect(ended.legalOrders).toEqual({});
    const tries: [string, unknown, number[]][] = [
      ["orders", { orders: ["A vel H"] }, [409]],
      ["ready", { ready: true }, [409]],
      ["draw", { vote: false }, [409, 422]],
      [
        "proposals",
        { parties: [bob.power], clauses: [{ kind: "text", text: "x" }], until: null, visibility: "public" },
        [409, 422],
      ],
      ["press", { to: [bob.power], text: "after the end" }, [409]],
      ["communique", { text: "after the end" }, [409]],
    ];
    for (const [route, body, statuses] of tries) {
      const res = await post(matchID, ada.credentials, route, body);
      expect(statuses, `${route}: ${res.status} ${res.text}`).toContain(res.status);
    }
    const last = await readContext(s, matchID, ada.credentials);
    expect(last.seq).toBe(ended.seq);
  }, 30_000);

  it("attack: an eliminated power neither orders, votes nor sends press, and receives none", async () => {
    const { matchID, ada, bob, cy } = await threeHumans(s);
    const G = setPosition(matchID, (G) => {
      const centres: Record<string, PowerId> = {};
      for (const [province, owner] of Object.entries(G.position.supplyCenters))
        centres[province] = owner === cy.power ? ada.power : owner;
      return {
        ...G.position,
        units: G.position.units.filter((u) => u.power !== cy.power),
        supplyCenters: centres,
      };
    });
    expect(G.powers).toEqual([ada.power, bob.power, cy.power]);
    const cyCtx = await readContext(s, matchID, cy.credentials);
    expect(cyCtx.legalOrders).toEqual({});
    const orders = await post(matchID, cy.credentials, "orders", { orders: ["A vel H", "F ska H"] });
    expect([200, 422], orders.text).toContain(orders.status);
    if (orders.status === 200) expect((orders.body as { accepted: string[] }).accepted).toEqual([]);
    const refusals: [string, string, unknown][] = [
      [cy.credentials, "draw", { vote: true }],
      [cy.credentials, "ready", { ready: true }],
      [cy.credentials, "press", { to: [ada.power], text: "from the grave" }],
      [cy.credentials, "communique", { text: "from the grave" }],
      [ada.credentials, "press", { to: [cy.power], text: "to the grave" }],
      [ada.credentials, "press", { to: [bob.power, cy.power], text: "to the grave" }],
      [
        ada.credentials,
        "proposals",
        { parties: [cy.power], clauses: [{ kind: "text", text: "x" }], until: null, visibility: "public" },
      ],
    ];
    for (const [token, route, body] of refusals) {
      const res = await post(matchID, token, route, body);
      expect(res.status, `${route}: ${res.text}`).toBe(422);
    }
    const after = await readContext(s, matchID, cy.credentials);
    expect(after.press).toEqual([]);
    expect(after.draw.vote).toBe(false);
    expect(after.ready).toBe(false);
  }, 20_000);

  it("attack: builds beyond the adjustment's count, two builds on one centre and doubled waives never build more units than centres", async () => {
    const { matchID, ada, bob, cy } = await threeHumans(s);
    const map = getMap("amber")!;
    const home = new Set(map.powers.find((p) => p.id === ada.power)!.homeCenters);
    // Winter: two of Ada's home centres emptied, her third home centre Bob's — she may build one.
    let kept: Unit | null = null;
    const G = setPosition(matchID, (G0) => {
      const mine = G0.position.units.filter(
        (u) => u.power === ada.power && home.has(u.location.split("/")[0]!),
      );
      kept = mine[2] ?? null;
      const centres: Record<string, PowerId> = { ...G0.position.supplyCenters };
      if (kept !== null) centres[kept.location.split("/")[0]!] = bob.power;
      return {
        ...G0.position,
        season: "winter",
        phase: "adjustment",
        units: G0.position.units.filter((u) => u.power !== ada.power || u === kept),
        supplyCenters: centres,
      };
    });
    expect(G.position.phase).toBe("adjustment");
    const ctx = await readContext(s, matchID, ada.credentials);
    expect(ctx.phase.change, JSON.stringify([ctx.board, ctx.legalOrders])).toBe(1);
    const builds = ctx.legalOrders["build"] ?? [];
    const sites = new Set(builds.filter((b) => b !== "waive").map((b) => b.split(" ").slice(-2).join(" ")));
    expect(sites.size, JSON.stringify(builds)).toBeGreaterThanOrEqual(2);
    const distinctSites = [
      ...new Map(builds.filter((b) => b !== "waive").map((b) => [b.split(" ").pop(), b])).values(),
    ];
    const res = await post(matchID, ada.credentials, "orders", {
      orders: [...distinctSites, ...builds.filter((b) => b !== "waive"), "waive", "waive"],
      phase: ctx.phase.key,
    });
    expect([200, 422], res.text).toContain(res.status);
    const pending = (await readContext(s, matchID, ada.credentials)).orders;
    const buildsPending = pending.filter((o) => o !== "waive");
    expect(new Set(buildsPending.map((o) => o.split(" ").pop())).size).toBe(buildsPending.length); // one per centre
    // Resolve: Ada ends with no more units than centres.
    for (const seat of [ada, bob, cy]) await post(matchID, seat.credentials, "ready", { ready: true });
    const next = await waitUntil("the spring after the winter", async () => {
      const c2 = await readContext(s, matchID, ada.credentials);
      return c2.phase.kind !== "adjustment" ? c2 : undefined;
    });
    const units = next.board.units.filter((u) => u.power === ada.power).length;
    const centres = next.standing.centres[ada.power] ?? 0;
    expect(units, `Ada built ${units} units on ${centres} centres`).toBeLessThanOrEqual(centres);
  }, 30_000);

  it("attack: in a retreat phase only the dislodged unit takes an order — others' units, held units and a second retreat are refused", async () => {
    const { matchID, ada, bob } = await threeHumans(s);
    const start = await readContext(s, matchID, ada.credentials);
    const G = setPosition(matchID, (G0) => {
      const victim = G0.position.units.find((u) => u.power === ada.power && u.location === "vel")!;
      return {
        ...G0.position,
        phase: "retreat",
        units: [
          ...G0.position.units.filter((u) => u !== victim),
          { power: bob.power, type: "A", location: "vel" },
        ],
        dislodged: [{ unit: victim, attackerFrom: "har", byConvoy: false, retreats: ["wyr", "sal"] }],
      };
    });
    expect(G.position.phase).toBe("retreat");
    const ctx = await readContext(s, matchID, ada.credentials);
    expect(Object.keys(ctx.legalOrders)).toEqual(["A vel"]);
    const retreats = ctx.legalOrders["A vel"]!;
    const retreat = retreats.find((o) => o.includes("wyr"))!;
    const second = retreats.find((o) => o.includes("sal"))!;
    expect(retreat).toBeDefined();
    const res = await post(matchID, ada.credentials, "orders", {
      orders: [
        "F ska H",
        "A ost - har",
        ...holds(start).slice(0, 1),
        "A vel - ska",
        "A vel - har",
        retreat,
        second,
        `${bob.power} A vel H`,
        "A vel H",
      ],
      phase: ctx.phase.key,
    });
    expect(res.status, res.text).toBe(200);
    const answer = res.body as { accepted: string[]; refused: { order: string; code: string }[] };
    expect(answer.accepted).toEqual([retreat]);
    expect(answer.refused.find((r) => r.order === second)?.code).toBe("unit-ordered-twice");
    // A phase named otherwise is refused whole.
    for (const phase of [
      "1901-spring-movement",
      "1901-fall-movement",
      "01901-spring-retreat",
      "1900-spring-retreat",
    ]) {
      const other = await post(matchID, ada.credentials, "orders", { orders: [second], phase });
      expect(other.status, phase).toBe(409);
      expect(codeOf(other)).toBe("phase-moved-on");
    }
    expect((await readContext(s, matchID, ada.credentials)).orders).toEqual([retreat]);
  });

  it("attack: the same unit ordered in several spellings, odd unicode and casing, and another power's units are never ordered twice or wrongly", async () => {
    const { matchID, ada, bob } = await threeHumans(s);
    const ctx = await readContext(s, matchID, ada.credentials);
    const unit = Object.keys(ctx.legalOrders)[0]!; // e.g. "A vel"
    const [type, where] = unit.split(" ") as [string, string];
    const bobCtx = await readContext(s, matchID, bob.credentials);
    const texts = [
      `${unit} H`,
      `${type.toLowerCase()} ${where.toUpperCase()} hold`,
      `  ${type}   ${where}   H  `,
      `${type}\u200b ${where} H`, // zero-width space
      `${type} ${where}\u202e H`, // a bidi override
      `\uff21 ${where} H`, // a fullwidth A
      `${type} ${where} H\u0000`,
      `${type} ${where.replace(/[a-z]/g, (ch) => `${ch}\u0301`)} H`, // combining accents
      ...holds(bobCtx),
      ...holds(bobCtx).map((o) => `${bob.power} ${o}`),
      "__proto__",
      "constructor",
      "A __proto__ H",
      "A constructor - toString",
    ];
    const res = await post(matchID, ada.credentials, "orders", { orders: texts });
    expect(res.status, res.text).toBe(200);
    const answer = res.body as { accepted: string[]; refused: { order: string; code: string }[] };
    expect(answer.accepted.length).toBe(1);
    expect(answer.accepted[0]!.startsWith(unit)).toBe(true);
    expect(answer.accepted.length + answer.refused.length).toBe(texts.length);
    expect((await readContext(s, matchID, bob.credentials)).orders).toEqual([]);
  });

  it("attack: hostile bodies — deep JSON, prototype keys, numbers as strings, extra fields deep inside — are 400 with nothing changed and nothing polluted", async () => {
    const { matchID, ada, bob } = await threeHumans(s);
    const before = await readContext(s, matchID, ada.credentials);
    const deep = `${"[".repeat(30_000)}${"]".repeat(30_000)}`;
    const raws: [string, string][] = [
      ["orders", `{"orders":${deep}}`],
      ["proposals", `{"parties":["${bob.power}"],"clauses":${deep},"until":null,"visibility":"public"}`],
      ["orders", `{"__proto__":{"ready":true,"polluted":1},"orders":[]}`],
      ["orders", `{"orders":[],"constructor":{"prototype":{"polluted":1}}}`],
      ["draw", `{"vote":"true"}`],
      ["draw", `{"vote":1}`],
      ["ready", `{"ready":true,"phase":1901}`],
      ["orders", `{"orders":[1,2,3]}`],
      ["orders", `{"orders":[{"toString":"A vel H"}]}`],
      ["accept", `{"commitmentId":{"__proto__":"c1"}}`],
      ["press", `{"to":"${bob.power}","text":"x"}`],
      ["press", `{"to":["${bob.power}"],"text":["x"]}`],
      ["press", `{"to":["${bob.power}"],"text":"x","__proto__":{"to":["${ada.power}"]}}`],
      [
        "proposals",
        `{"parties":["${bob.power}"],"clauses":[{"kind":"text","text":"x","extra":1}],"until":null,"visibility":"public"}`,
      ],
      [
        "proposals",
        `{"parties":["${bob.power}"],"clauses":[{"kind":"non-aggression","from":"${bob.power}","to":"${ada.power}","__proto__":{"kind":"cede"}}],"until":null,"visibility":"public"}`,
      ],
      ["orders", `{"orders":[],"orders":["A vel H"],"ready":true,"ready":"yes"}`],
      ["orders", `\ufeff{"orders":[]}`],
      ["orders", `{"orders":[]}garbage`],
    ];
    const statuses: string[] = [];
    for (const [route, rawBody] of raws) {
      const res = await seatRequest(s, "POST", seatPath(matchID, route), { token: ada.credentials, rawBody });
      statuses.push(`${route} ${rawBody.slice(0, 40)} → ${res.status} ${codeOf(res) ?? ""}`);
      expect(
        res.status,
        `${route} ${rawBody.slice(0, 80)}: ${res.text.slice(0, 200)}`,
      ).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    for (const party of ["__proto__", "constructor", "toString", "hasOwnProperty", ""]) {
      const res = await post(matchID, ada.credentials, "proposals", {
        parties: [party],
        clauses: [{ kind: "non-aggression", from: party, to: ada.power }],
        until: null,
        visibility: "public",
      });
      expect([400, 422], `${party}: ${res.text}`).toContain(res.status);
      const press = await post(matchID, ada.credentials, "press", { to: [party], text: "hi" });
      expect([400, 422], `${party}: ${press.text}`).toContain(press.status);
    }
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(({} as Record<string, unknown>)["ready"]).toBeUndefined();
    const after = await readContext(s, matchID, ada.credentials);
    expect(after.seq, statuses.join("\n")).toBe(before.seq);
    expect((await get(matchID, ada.credentials, "context")).status).toBe(200);
  }, 30_000);
});

// ---------------------------------------------------------------------------------------------

describe("resource abuse, from outside", () => {
  it("attack: wait timeouts out of range (31, -1, 1e9, NaN, 0x1e, +5, ' 5') are 400; 0 answers at once", async () => {
    const { matchID, ada } = await threeHumans(s);
    const { seq } = await readContext(s, matchID, ada.credentials);
    const base = s.server.seatApi.waits.open;
    for (const timeout of ["31", "-1", "1e9", "NaN", "0x1e", "+5", " 5", "5 ", "100", "1.", "", "Infinity"]) {
      const res = await get(
        matchID,
        ada.credentials,
        `wait?after=${seq}&timeout=${encodeURIComponent(timeout)}`,
      );
      expect(res.status, `timeout=${JSON.stringify(timeout)}`).toBe(400);
    }
    const started = Date.now();
    const zero = await get(matchID, ada.credentials, `wait?after=${seq}&timeout=0`);
    expect(zero.status).toBe(204);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(s.server.seatApi.waits.open).toBe(base);
  });

  it("attack: 200 waits and streams opened from one address and dropped give every slot back", async () => {
    const matches: ThreeHumans[] = [];
    for (let i = 0; i < 20; i++) matches.push(await threeHumans(s));
    const seats = matches.flatMap((m) => [m.ada, m.bob, m.cy].map((seat) => ({ matchID: m.matchID, seat })));
    const seqs = await Promise.all(seats.map((x) => readContext(s, x.matchID, x.seat.credentials)));
    const base = s.server.seatApi.waits.open;
    const requests: http.ClientRequest[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const { matchID, seat } = seats[i % seats.length]!;
      const path =
        i % 2 === 0
          ? `${seatPath(matchID, "wait")}?after=${seqs[i % seats.length]!.seq}&timeout=30`
          : seatPath(matchID, "events");
      const req = http.get(
        new URL(path, s.url),
        { headers: { authorization: `Bearer ${seat.credentials}` } },
        (res) => {
          statuses.push(res.statusCode ?? 0);
          res.resume();
        },
      );
      req.on("error", () => undefined);
      requests.push(req);
    }
    await waitUntil(
      "every request open or refused",
      () => statuses.filter((x) => x === 429).length + s.server.seatApi.waits.open - base >= 200,
    );
    const openAtPeak = s.server.seatApi.waits.open - base;
    const refused = statuses.filter((x) => x === 429).length;
    console.info(`200 waits and streams from one address: ${openAtPeak} open, ${refused} refused 429`);
    expect(openAtPeak).toBeLessThanOrEqual(64);
    for (const req of requests) req.destroy();
    await waitUntil("every slot back", () => s.server.seatApi.waits.open === base, 5_000);
    const { matchID, seat } = seats[0]!;
    const fresh = await get(matchID, seat.credentials, `wait?after=${seqs[0]!.seq}&timeout=1`);
    expect(fresh.status).toBe(204);
    const stream = openStream(matchID, seat.credentials);
    await waitUntil("a new stream", () => stream.text().includes("event: context"));
    stream.close();
  }, 60_000);

  it("attack: an event stream whose client never reads, on a seat whose proposals swell its context, is not buffered without bound", async () => {
    const { matchID, ada, bob } = await threeHumans(s);
    // A raw client that sends the request and then never reads (its receive window fills).
    const base = s.server.seatApi.waits.open;
    const socket = net.connect(s.port, "127.0.0.1");
    closers.push(() => socket.destroy());
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write(
      `GET ${seatPath(matchID, "events")} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ada.credentials}\r\n\r\n`,
    );
    socket.pause();
    await waitUntil("the stream open", () => s.server.seatApi.waits.open === base + 1);
    // Each proposal (twenty text clauses of 500 characters: a 10 kB body) stays in Ada's context
    // while it is proposed, and each is a change: the stream sends her whole context every time.
    const clauses = Array.from({ length: 20 }, (_, i) => ({ kind: "text", text: `${i}`.padEnd(500, "x") }));
    const proposals = 150;
    const rssBefore = process.memoryUsage().rss;
    for (let i = 0; i < proposals; i++) {
      const res = await post(matchID, ada.credentials, "proposals", {
        parties: [bob.power],
        clauses,
        until: null,
        visibility: "secret",
      });
      expect(res.status, res.text.slice(0, 200)).toBe(200);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const rssPeak = process.memoryUsage().rss;
    const contextBytes = (await get(matchID, ada.credentials, "context")).text.length;
    // What the server still holds for this client: read the socket now and count what arrives.
    let received = 0;
    socket.on("data", (chunk: Buffer) => (received += chunk.length));
    socket.resume();
    await waitUntil(
      "the buffered events to drain",
      async () => {
        const at = received;
        await sleep(300);
        return received === at;
      },
      30_000,
      0,
    );
    socket.destroy();
    console.info(
      `stalled stream: ${proposals} proposals, last context ${Math.round(contextBytes / 1024)} kB; ` +
        `${Math.round(received / 1024 / 1024)} MB delivered after the client resumed; ` +
        `rss grew ${Math.round((rssPeak - rssBefore) / 1024 / 1024)} MB`,
    );
    // A server that drops a client this far behind holds a bounded amount for it.
    expect(received, `the server buffered ${received} bytes for a client that did not read`).toBeLessThan(
      16 * 1024 * 1024,
    );
  }, 90_000);

  it("attack: the server stops promptly while event streams are open, one of them stalled with data buffered", async () => {
    const own = await startInProcess();
    let stopped = false;
    try {
      const { matchID, ada, bob, cy } = await threeHumans(own);
      const socket = net.connect(own.port, "127.0.0.1");
      closers.push(() => socket.destroy());
      await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
      socket.write(
        `GET ${seatPath(matchID, "events")} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ada.credentials}\r\n\r\n`,
      );
      socket.pause();
      const readers = [bob, cy].map((seat) => openStream(matchID, seat.credentials, {}, "", own));
      await waitUntil("three streams", () => own.server.seatApi.waits.open === 3);
      const clauses = Array.from({ length: 20 }, (_, i) => ({ kind: "text", text: `${i}`.padEnd(500, "x") }));
      for (let i = 0; i < 60; i++) {
        const res = await post(
          matchID,
          ada.credentials,
          "proposals",
          { parties: [bob.power], clauses, until: null, visibility: "secret" },
          own,
        );
        expect(res.status).toBe(200);
        await new Promise((resolve) => setImmediate(resolve));
      }
      const started = Date.now();
      const outcome = await Promise.race([
        own.stop().then(() => "stopped"),
        sleep(5_000).then(() => "still stopping"),
      ]);
      stopped = outcome === "stopped";
      const took = Date.now() - started;
      console.info(`server stop with a stalled stream: ${outcome} after ${took} ms`);
      expect(outcome, "the server's stop waits for a client that does not read").toBe("stopped");
      await waitUntil("the reading streams to end", () => readers.every((r) => r.ended()), 3_000);
    } finally {
      if (!stopped) {
        // Let the stop finish: the stalled client goes away.
        for (const close of closers) close();
        await own.stop();
      }
      removeDataDir(own.dataDir);
    }
  }, 30_000);

  it("attack: orders with ready over the move budget change nothing when refused 429", async () => {
    const slow = await startInProcess({ env: { ACTIONS_PER_SECOND: "1" } });
    try {
      const { matchID, ada } = await threeHumans(slow);
      const ctx = await readContext(slow, matchID, ada.credentials);
      const unit = Object.keys(ctx.legalOrders)[0]!;
      const hold = ctx.legalOrders[unit]![0]!;
      const move = ctx.legalOrders[unit]!.find((o) => o.includes(" - "))!;
      // Orders with ready spend the whole burst (two moves): both taken.
      const first = await post(matchID, ada.credentials, "orders", { orders: [hold], ready: true }, slow);
      expect(first.status, first.text).toBe(200);
      // One second later one move is back: orders with ready again (two moves).
      await sleep(1_050);
      const before = await readContext(slow, matchID, ada.credentials);
      expect(before).toMatchObject({ orders: [hold], ready: true });
      const res = await post(matchID, ada.credentials, "orders", { orders: [move], ready: true }, slow);
      const after = await readContext(slow, matchID, ada.credentials);
      if (res.status === 429) {
        expect(codeOf(res)).toBe("rate-limited");
        expect(
          { orders: after.orders, ready: after.ready, seq: after.seq },
          "answered 429 rate-limited, yet the orders were replaced and ready cleared",
        ).toEqual({ orders: before.orders, ready: before.ready, seq: before.seq });
      } else {
        expect(res.status).toBe(200);
        expect(after).toMatchObject({ orders: [move], ready: true });
      }
    } finally {
      await slow.stop();
      removeDataDir(slow.dataDir);
    }
  }, 30_000);

  it("attack: the move budget is one for the seat API and the game socket — neither bypasses the other", async () => {
    const slow = await startInProcess({ env: { ACTIONS_PER_SECOND: "2" } });
    try {
      const { matchID, ada } = await threeHumans(slow);
      const r = await new RawRecorder(slow.url).connected();
      closers.push(() => r.close());
      expect((await r.sync(matchID, ada.playerID, ada.credentials, 3)).event).toBe("sync");
      // HTTP spends the burst (4): the socket's next move is refused.
      const http429: number[] = [];
      for (let i = 0; i < 4; i++)
        http429.push((await post(matchID, ada.credentials, "draw", { vote: i % 2 === 0 }, slow)).status);
      expect(http429.filter((x) => x === 200).length).toBeGreaterThan(0);
      // The sockets are shown a turn's moves once the turn ends: let the HTTP moves' patch land
      // first, so the next thing the socket hears is its own move's answer (0.2 s refills 0.4 of a move).
      await sleep(200);
      const onSocket = await rawMove(r, ada, matchID, "drawVote", { vote: true });
      expect(onSocket?.code).toBe("rate-limited");
      // The socket spends it: the HTTP move is refused.
      await sleep(2_100);
      const socketSpent: (string | null)[] = [];
      for (let i = 0; i < 4; i++)
        socketSpent.push((await rawMove(r, ada, matchID, "drawVote", { vote: i % 2 === 0 }))?.code ?? null);
      const res = await post(matchID, ada.credentials, "draw", { vote: true }, slow);
      expect(res.status, `socket moves: ${socketSpent.join(",")}`).toBe(429);
    } finally {
      await slow.stop();
      removeDataDir(slow.dataDir);
    }
  }, 30_000);
});

// ---------------------------------------------------------------------------------------------

describe("the press through HTTP", () => {
  it("attack: press text with control characters, bidi overrides, zero-width joins and 10k characters", async () => {
    const { matchID, ada, bob } = await threeHumans(s);
    const tries: [string, string][] = [
      ["control", "hello\u0007\u001b[31m red"],
      ["bidi", "pay \u202eSUE\u202c now"],
      ["isolate", "x\u2066y\u2069"],
      ["zero-width", "\u200b\u200c\u200d\ufeff"],
      ["only zero-width and spaces", " \u200b \u00a0 "],
      ["10k", "x".repeat(10_000)],
      ["nul", "a\u0000b"],
      ["lone surrogate", "a\ud800b"],
    ];
    const stored: string[] = [];
    for (const [what, text] of tries) {
      for (const route of ["press", "communique"] as const) {
        const body = route === "press" ? { to: [bob.power], text } : { text };
        const res = await post(matchID, ada.credentials, route, body);
        expect([200, 400, 413, 422], `${route} ${what}: ${res.text.slice(0, 200)}`).toContain(res.status);
        if (res.status === 200) stored.push((res.body as { item: { text: string } }).item.text);
      }
    }
    for (const text of stored) {
      const forbidden = Array.from(text).filter((ch) => {
        const code = ch.codePointAt(0)!;
        return (
          (code < 0x20 && ch !== "\n" && ch !== "\t") ||
          code === 0x7f ||
          (code >= 0x202a && code <= 0x202e) ||
          (code >= 0x2066 && code <= 0x2069)
        );
      });
      expect(forbidden, JSON.stringify(text.slice(0, 80))).toEqual([]);
      expect(text.length).toBeLessThanOrEqual(10_000);
      expect(text.trim().length).toBeGreaterThan(0);
    }
  });

  it("attack: press over PRESS_PER_MINUTE is 429 through HTTP, communiqués too, and the budget is one with the press socket", async () => {
    const tight = await startInProcess({ env: { PRESS_PER_MINUTE: "3" } });
    try {
      const { matchID, ada, bob } = await threeHumans(tight);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          (await post(matchID, ada.credentials, "press", { to: [bob.power], text: `n${i}` }, tight)).status,
        );
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses.slice(3)).toEqual([429, 429, 429]);
      const communique = await post(matchID, ada.credentials, "communique", { text: "one more" }, tight);
      expect(communique.status).toBe(429);
      const bobPress = (await readContext(tight, matchID, bob.credentials)).press;
      expect(bobPress.map((p) => p.text)).toEqual(["n0", "n1", "n2"]);
      // Bob spends his press on the press socket: HTTP gets what is left, and no more.
      const socket = await PressClient.open(tight.url, matchID, bob);
      closers.push(() => socket.stop());
      await socket.send([ada.power], "s0");
      await socket.send([ada.power], "s1");
      const http1 = await post(matchID, bob.credentials, "press", { to: [ada.power], text: "h0" }, tight);
      const http2 = await post(matchID, bob.credentials, "press", { to: [ada.power], text: "h1" }, tight);
      expect([http1.status, http2.status]).toEqual([200, 429]);
      const overSocket = await socket.request("message", { to: [ada.power], text: "s2" });
      expect(overSocket.ok).toBe(false);
    } finally {
      await tight.stop();
      removeDataDir(tight.dataDir);
    }
  });
});
