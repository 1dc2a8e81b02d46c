/**
 * Final outsider attacks on what is new: a raw game socket naming another seat, the seat API with
 * another seat's name in the body, routes in other letter cases (seat API, after-match reads,
 * `/api/server`), extra fields on every new POST body (and a language-model seat without a model),
 * sockets per seat bounded and freed, and `kill -9` of a child server under seat-API load.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawRecorder, rawHttp } from "./support/clients";
import { api, matchCount, threeHumans } from "./support/matches";
import { codeOf, readContext, seatPath, seatRequest, firstOrders } from "./support/seat";
import {
  removeDataDir,
  sleep,
  startChild,
  startInProcess,
  tempDataDir,
  type InProcessServer,
} from "./support/server";

let s: InProcessServer;
beforeAll(async () => {
  s = await startInProcess();
});
afterAll(async () => {
  await s.stop();
  removeDataDir(s.dataDir);
});

describe("acting for another seat", () => {
  it("a raw game socket synced as seat 0 sending an update naming seat 1 moves nothing of seat 1", async () => {
    const { matchID, ada, bob } = await threeHumans(s);
    const bobBefore = await readContext(s, matchID, bob.credentials);
    const r = new RawRecorder(s.url);
    await r.connected();
    await r.sync(matchID, ada.playerID, ada.credentials, 3);
    const stateID = r.state?._stateID ?? 0;
    const from = r.received.length;
    for (const [move, payload] of [
      ["orders", { orders: firstOrders(bobBefore) }],
      ["ready", { ready: true }],
    ] as const) {
      // seat 1 named in the payload, in the envelope, and both; seat 0's credentials
      r.emit(
        "update",
        {
          type: "MAKE_MOVE",
          payload: { type: move, args: [payload], playerID: "1", credentials: ada.credentials },
        },
        stateID,
        matchID,
        "1",
      );
      r.emit(
        "update",
        {
          type: "MAKE_MOVE",
          payload: { type: move, args: [payload], playerID: "1", credentials: ada.credentials },
        },
        stateID,
        matchID,
        "0",
      );
    }
    await sleep(500);
    r.close();
    expect(r.received.slice(from).filter((x) => x.event === "patch")).toEqual([]);
    expect(await readContext(s, matchID, bob.credentials)).toEqual(bobBefore);
  });

  it("the seat API with seat 0's credentials and playerID/power of seat 1 in the body is 400, nothing changed", async () => {
    const { matchID, ada, bob } = await threeHumans(s);
    const adaBefore = await readContext(s, matchID, ada.credentials);
    const bobBefore = await readContext(s, matchID, bob.credentials);
    for (const extra of [
      { playerID: "1" },
      { power: bob.power },
      { seat: 1 },
      { credentials: bob.credentials },
    ]) {
      const orders = await seatRequest(s, "POST", seatPath(matchID, "orders"), {
        token: ada.credentials,
        body: { orders: firstOrders(bobBefore), ready: true, ...extra },
      });
      expect(orders.status).toBe(400);
      const ready = await seatRequest(s, "POST", seatPath(matchID, "ready"), {
        token: ada.credentials,
        body: { ready: true, ...extra },
      });
      expect(ready.status).toBe(400);
    }
    expect(await readContext(s, matchID, bob.credentials)).toEqual(bobBefore);
    expect(await readContext(s, matchID, ada.credentials)).toEqual(adaBefore);
  });
});

describe("routes in other letter cases", () => {
  it("seat, after-match and server routes in other cases: same key checks, never a 500 or data", async () => {
    const { matchID, ada } = await threeHumans(s);
    const pairs: [string, string][] = [
      [seatPath(matchID, "context"), `/API/Matches/${matchID}/SEAT/Context`],
      [seatPath(matchID, "wait") + "?timeout=0", `/Api/MATCHES/${matchID}/Seat/WAIT?timeout=0`],
      [`/api/matches/${matchID}/record`, `/api/matches/${matchID}/RECORD`],
      [`/api/matches/${matchID}/debrief`, `/API/MATCHES/${matchID}/Debrief`],
      [`/api/matches/${matchID}/export.json`, `/api/matches/${matchID}/EXPORT.JSON`],
      [`/api/matches/${matchID}/export.zip`, `/API/matches/${matchID}/Export.Zip`],
      ["/api/classes/nope/debrief", "/API/CLASSES/nope/DEBRIEF"],
      ["/api/classes/nope/export.json", "/api/Classes/nope/Export.json"],
      ["/api/classes/nope/export.zip", "/api/CLASSES/nope/export.ZIP"],
      ["/api/server", "/API/SERVER"],
    ];
    for (const token of [null, "wrong-token", ada.credentials]) {
      for (const [lower, other] of pairs) {
        const a = await seatRequest(s, "GET", lower, { token });
        const b = await seatRequest(s, "GET", other, { token });
        expect(b.status, `${other} (${token === null ? "none" : "key"})`).toBeLessThan(500);
        // another case never gives what the canonical path refuses
        if (a.status >= 400) expect(b.status, other).toBeGreaterThanOrEqual(400);
        if (b.status < 300) {
          expect(a.status, lower).toBe(b.status);
          if (lower.endsWith("/record") || lower.endsWith("/debrief") || lower === "/api/server")
            expect(b.text).toBe(a.text);
        }
      }
    }
  });
});

describe("raw paths", () => {
  it("encoded, dotted, doubled-slash and NUL paths to the new routes give no data and never a 500", async () => {
    const { matchID, ada, bob } = await threeHumans(s); // the match runs: Bob (not the host) may not have its record
    const before = await readContext(s, matchID, ada.credentials);
    const paths = [
      `/api/matches/${matchID}/record/`,
      `/api/matches/${matchID}%2Frecord`,
      `/api/matches/${matchID}/seat/..%2Frecord`,
      `/api/matches/${matchID}/%72ecord`,
      `/api/matches/${matchID}%00/record`,
      `/api/matches/${matchID}/export.zip%00.json`,
      `/api/matches/${matchID}/seat/%2e%2e/record`,
      `/api/classes/%2e%2e/debrief`,
      `//api/matches/${matchID}/record`,
      `/api/matches/${matchID}/seat/context%00`,
    ];
    for (const path of paths)
      for (const token of ["wrong", bob.credentials]) {
        const res = await rawHttp(s.port, "GET", path, token);
        expect(
          res.status,
          `${path} (${token === "wrong" ? "wrong" : "Bob"}): ${res.text.slice(0, 200)}`,
        ).toBeGreaterThanOrEqual(300);
        expect(res.status, path).toBeLessThan(500);
      }
    for (const path of [
      `/api/matches/${matchID}/seat/%6frders`,
      `/api/matches/${matchID}/seat/orders%00`,
      `/api/matches/${matchID}%2Fseat%2Forders`,
      `/api/matches/${matchID}/seat/./orders/..`,
    ]) {
      const res = await rawHttp(s.port, "POST", path, ada.credentials);
      expect(res.status, path).toBeLessThan(500);
    }
    expect(await readContext(s, matchID, ada.credentials)).toEqual(before);
  });
});

describe("extra fields on new POST bodies", () => {
  it("seat API orders and every action with an extra field: 400, nothing changed", async () => {
    const { matchID, ada } = await threeHumans(s);
    const before = await readContext(s, matchID, ada.credentials);
    const bodies: Record<string, Record<string, unknown>> = {
      orders: { orders: firstOrders(before) },
      press: { to: ["x"], text: "hello" },
      proposals: { parties: [], clauses: [], until: null, visibility: "secret" },
      accept: { commitmentId: "c1" },
      reject: { commitmentId: "c1" },
      withdraw: { commitmentId: "c1" },
      notice: { commitmentId: "c1" },
      leak: { messageId: "m1" },
      communique: { text: "hello all" },
      draw: { vote: true },
      ready: { ready: true },
    };
    for (const [route, body] of Object.entries(bodies)) {
      for (const extra of [{ extra: 1 }, { __proto__x: 1 }, { ["constructor"]: {} }]) {
        const res = await seatRequest(s, "POST", seatPath(matchID, route), {
          token: ada.credentials,
          body: { ...body, ...extra },
        });
        expect(res.status, `${route} ${JSON.stringify(extra)}: ${res.text}`).toBe(400);
      }
    }
    expect(await readContext(s, matchID, ada.credentials)).toEqual(before);
  });

  it("a create body with an llm seat (no LLM_BASE_URL) and with extra fields is 400, no match made", async () => {
    const count = matchCount(s.dataDir);
    const base = {
      map: "amber",
      players: 3,
      seats: [{ kind: "human" }, { kind: "bot", personality: "llm:honest" }, { kind: "bot" }],
    };
    const plain = await api(s, "POST", "/api/matches", base);
    expect(plain.status).toBe(400);
    expect((plain.body as { error: { code: string } }).error.code).toBe("no-llm");
    for (const body of [
      { ...base, llm: { baseUrl: "http://127.0.0.1:1" } },
      {
        ...base,
        seats: [{ kind: "human" }, { kind: "bot", personality: "llm:honest", model: "x" }, { kind: "bot" }],
      },
      {
        ...base,
        seats: [
          { kind: "human" },
          { kind: "bot", personality: "llm:honest", baseUrl: "http://x" },
          { kind: "bot" },
        ],
      },
      {
        ...base,
        seats: [{ kind: "human" }, { kind: "bot", personality: "baseline", extra: 1 }, { kind: "bot" }],
      },
    ]) {
      const res = await api(s, "POST", "/api/matches", body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
    }
    expect(matchCount(s.dataDir)).toBe(count);
  });
});

describe("bounds", () => {
  it("sockets per seat are bounded and freed on disconnect", async () => {
    const limited = await startInProcess({ env: { SOCKETS_PER_SEAT: "2" } });
    try {
      const { matchID, ada } = await threeHumans(limited);
      const sockets: RawRecorder[] = [];
      const answers: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = new RawRecorder(limited.url);
        sockets.push(r);
        await r.connected();
        const got = await r.sync(matchID, ada.playerID, ada.credentials, 3).catch(() => null);
        answers.push(got?.event ?? "none");
      }
      await sleep(200);
      const refused = sockets.filter(
        (r) =>
          r.errors().length > 0 || r.disconnectReason !== null || !r.received.some((x) => x.event === "sync"),
      );
      expect(refused.length, answers.join(",")).toBeGreaterThanOrEqual(3);
      for (const r of sockets) r.close();
      await sleep(300);
      const again = new RawRecorder(limited.url);
      await again.connected();
      expect((await again.sync(matchID, ada.playerID, ada.credentials, 3)).event).toBe("sync");
      again.close();
    } finally {
      await limited.stop();
      removeDataDir(limited.dataDir);
    }
  });

  it("seat API waits per seat are bounded (429) and come back when dropped", async () => {
    const { matchID, ada } = await threeHumans(s);
    const seq = (await readContext(s, matchID, ada.credentials)).seq; // a wait after it waits
    const controllers: AbortController[] = [];
    const open: Promise<Response | null>[] = [];
    for (let i = 0; i < 20; i++) {
      const c = new AbortController();
      controllers.push(c);
      open.push(
        fetch(
          `${s.url}${i % 2 === 0 ? `${seatPath(matchID, "wait")}?after=${seq}&timeout=25` : seatPath(matchID, "events")}`,
          {
            headers: { authorization: `Bearer ${ada.credentials}` },
            signal: c.signal,
          },
        ).catch(() => null),
      );
    }
    await sleep(500);
    const over = await seatRequest(s, "GET", `${seatPath(matchID, "wait")}?after=${seq}&timeout=5`, {
      token: ada.credentials,
    });
    expect(over.status, over.text).toBe(429);
    for (const c of controllers) c.abort();
    await Promise.all(open);
    await sleep(300);
    const back = await seatRequest(s, "GET", `${seatPath(matchID, "wait")}?after=${seq}&timeout=0`, {
      token: ada.credentials,
    });
    expect(back.status).toBeLessThan(300);
  });
});

describe("kill -9 under load", () => {
  it("every acknowledged move survives; /health ok; the match continues", async () => {
    const dataDir = tempDataDir();
    let child = await startChild({ dataDir });
    try {
      const { matchID, ada, bob, cy } = await threeHumans(child);
      const host = new RawRecorder(child.url);
      await host.connected();
      await host.sync(matchID, ada.playerID, ada.credentials, 3);
      const ctx = await readContext(child, matchID, ada.credentials);
      const choices = Object.entries(ctx.legalOrders);
      /** A seat's orders and ready, as one comparable text. */
      const shape = (orders: readonly string[], ready: boolean): string =>
        JSON.stringify({ orders: [...orders].sort(), ready });
      let acknowledged: string | null = null; // the last answered 200
      let inFlight: string | null = null; // sent, not answered: it may or may not have been stored
      const run = { stop: false };
      const loop = (async () => {
        for (let i = 0; !run.stop; i++) {
          const orders = choices.map(([, o]) => o[i % o.length]!);
          const ready = i % 2 === 0;
          inFlight = shape(orders, ready);
          try {
            const res = await seatRequest(child, "POST", seatPath(matchID, "orders"), {
              token: ada.credentials,
              body: { orders, ready },
              timeoutMs: 2000,
            });
            if (res.status === 200) {
              const answer = res.body as { accepted: string[]; ready: boolean };
              acknowledged = shape(answer.accepted, answer.ready);
            }
          } catch {
            return;
          }
        }
      })();
      await sleep(800);
      await child.kill("SIGKILL");
      run.stop = true;
      await loop;
      host.close();
      expect(acknowledged).not.toBeNull();
      child = await startChild({ dataDir, port: child.port });
      expect((await api(child, "GET", "/health")).status).toBe(200);
      const after = await readContext(child, matchID, ada.credentials);
      expect([acknowledged, inFlight]).toContain(shape(after.orders, after.ready));
      const phase = after.phase.key;
      for (const seat of [ada, bob, cy]) {
        const res = await seatRequest(child, "POST", seatPath(matchID, "ready"), {
          token: seat.credentials,
          body: { ready: true },
        });
        expect(res.status, res.text).toBe(200);
      }
      const deadline = Date.now() + 10_000;
      let moved = false;
      while (!moved && Date.now() < deadline) {
        moved = (await readContext(child, matchID, ada.credentials)).phase.key !== phase;
        if (!moved) await sleep(100);
      }
      expect(moved).toBe(true);
      expect(codeOf(await seatRequest(child, "GET", seatPath(matchID, "context"), { token: "x" }))).toBe(
        "bad-credentials",
      );
    } finally {
      await child.kill("SIGTERM");
      removeDataDir(dataDir);
    }
  }, 60_000);
});
