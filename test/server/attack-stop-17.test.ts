/**
 * Outsider attacks (stop 17): a raw game socket acting for another seat, seat-API routes in other
 * cases and encodings, extra fields on every payload, sockets per seat, and `kill -9` of a child
 * server while two seats post orders and ready flags through the seat API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeatContext } from "../../shared/src/wire";
import { RawRecorder, rawHttp } from "./support/clients";
import { api, matchCount, readStored, threeHumans } from "./support/matches";
import { readContext, seatPath, seatRequest, firstOrders } from "./support/seat";
import {
  removeDataDir,
  sleep,
  startChild,
  startInProcess,
  tempDataDir,
  waitUntil,
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

describe("stop 17: acting for another seat on a raw socket", () => {
  it("updates naming seat 1 from a socket synced as seat 0 change nothing of seat 1", async () => {
    const { matchID, ada, bob } = await threeHumans(s);
    const bobBefore = await readContext(s, matchID, bob.credentials);
    const storedBefore = readStored(s.dataDir, matchID).state;
    const r = new RawRecorder(s.url);
    await r.connected();
    expect((await r.sync(matchID, ada.playerID, ada.credentials, 3)).event).toBe("sync");
    const stateID = r.state?._stateID ?? 0;
    for (const [move, payload] of [
      ["orders", { orders: firstOrders(bobBefore) }],
      ["ready", { ready: true }],
      ["draw-vote", { vote: true }],
    ] as const)
      for (const credentials of [ada.credentials, undefined, "x"])
        for (const outer of ["1", "0", 1])
          r.emit(
            "update",
            { type: "MAKE_MOVE", payload: { type: move, args: [payload], playerID: "1", credentials } },
            stateID,
            matchID,
            outer,
          );
    await sleep(600);
    r.close();
    expect(await readContext(s, matchID, bob.credentials)).toEqual(bobBefore);
    const storedAfter = readStored(s.dataDir, matchID).state;
    expect(storedAfter._stateID).toBe(storedBefore._stateID);
  });
});

describe("stop 17: seat routes in other cases and encodings", () => {
  it("never a 500; a refused variant changes nothing; an answered one does what the canonical route does", async () => {
    const { matchID, ada, bob } = await threeHumans(s);
    const bobBefore = await readContext(s, matchID, bob.credentials);
    const own = (c: SeatContext) => JSON.stringify({ orders: [...c.orders].sort(), ready: c.ready });
    const choices = Object.values((await readContext(s, matchID, ada.credentials)).legalOrders);
    const paths = [
      `/API/Matches/${matchID}/SEAT/Orders`,
      `/api/matches/${matchID}/seat/%6Frders`,
      `/api/matches/${matchID}/seat/%6frders`,
      `/api/matches/${matchID}/seat/orders/`,
      `/api/matches/${matchID}/seat/orders//`,
      `//api/matches/${matchID}/seat/orders`,
      `/api//matches/${matchID}/seat/orders`,
      `/api/matches/${matchID}/seat//orders`,
      `/api/matches/%${matchID.charCodeAt(0).toString(16)}${matchID.slice(1)}/seat/orders`,
      `/api/matches/${matchID}/seat/orders%2F`,
      `/api/matches/${matchID}/seat/orders%00`,
      `/api/matches/${matchID}/seat/./orders`,
      `/api/matches/${matchID}/seat/x/../orders`,
      `/API/MATCHES/${matchID}/SEAT/READY/`,
      `/api/matches/${matchID}/seat/%72eady`,
      `/api/matches/${matchID}/seat/ready%20`,
    ];
    for (const [i, path] of paths.entries()) {
      const before = await readContext(s, matchID, ada.credentials);
      // a body that changes Ada's seat if anything applies it: other orders, the other ready flag
      const isReady = path.toLowerCase().includes("eady");
      const orders = choices.map((o) => o[(i + 1) % o.length]!);
      const body = isReady ? { ready: !before.ready } : { orders, ready: !before.ready };
      const res = await rawHttp(s.port, "POST", path, ada.credentials, JSON.stringify(body));
      const why = `${path}: ${res.status} ${res.text.slice(0, 200)}`;
      expect(res.status > 0 && res.status < 500, why).toBe(true);
      const after = await readContext(s, matchID, ada.credentials);
      if (res.status >= 300) expect(own(after), why).toBe(own(before));
      else
        expect(own(after), why).toBe(
          JSON.stringify({
            orders: isReady ? [...before.orders].sort() : [...orders].sort(),
            ready: !before.ready,
          }),
        );
    }
    expect(own(await readContext(s, matchID, bob.credentials))).toBe(own(bobBefore));
  });
});

describe("stop 17: extra fields on every payload", () => {
  it("seat orders/ready/press, lobby create and join with an extra key: 400 bad-payload, nothing changed", async () => {
    const { matchID, ada, bob } = await threeHumans(s);
    const adaBefore = await readContext(s, matchID, ada.credentials);
    const bodies: Record<string, Record<string, unknown>> = {
      orders: { orders: firstOrders(adaBefore), ready: true, phase: adaBefore.phase.key },
      ready: { ready: true, phase: adaBefore.phase.key },
      press: { to: [bob.power], text: "hello" },
    };
    for (const [route, b] of Object.entries(bodies))
      for (const extra of [{ extra: 1 }, { playerID: "1" }, { __proto__: { ready: true } }, { "": null }]) {
        const res = await seatRequest(s, "POST", seatPath(matchID, route), {
          token: ada.credentials,
          rawBody: JSON.stringify({ ...b, ...extra }).replace(/}$/, ',"zz":0}'),
        });
        expect(res.status, `${route}: ${res.text}`).toBe(400);
        expect((res.body as { error: { code: string } }).error.code, res.text).toBe("bad-payload");
      }
    expect(await readContext(s, matchID, ada.credentials)).toEqual(adaBefore);

    const count = matchCount(s.dataDir);
    const create = {
      map: "amber",
      players: 3,
      seats: [{ kind: "human" }, { kind: "open" }, { kind: "bot" }],
    };
    const open = (await api(s, "POST", "/api/matches", { ...create, hostName: "Eve" })).body as {
      matchID: string;
    };
    const metaBefore = readStored(s.dataDir, open.matchID).metadata;
    const countBefore = matchCount(s.dataDir);
    expect(countBefore).toBe(count + 1);
    for (const extra of [{ extra: 1 }, { unlisted: false, admin: true }, { credentials: "x" }]) {
      const made = await api(s, "POST", "/api/matches", { ...create, ...extra });
      expect(made.status, JSON.stringify(made.body)).toBe(400);
      expect((made.body as { error: { code: string } }).error.code).toBe("bad-payload");
      const joined = await api(s, "POST", `/api/matches/${open.matchID}/join`, {
        name: "Mal",
        seat: 1,
        ...extra,
      });
      expect(joined.status, JSON.stringify(joined.body)).toBe(400);
      expect((joined.body as { error: { code: string } }).error.code).toBe("bad-payload");
    }
    expect(matchCount(s.dataDir)).toBe(countBefore);
    expect(readStored(s.dataDir, open.matchID).metadata.players).toEqual(metaBefore.players);
  });
});

describe("stop 17: sockets per seat", () => {
  it("SOCKETS_PER_SEAT=2: of 6 sockets synced as seat 0 at most 2 are admitted; closing frees the slots", async () => {
    const limited = await startInProcess({ env: { SOCKETS_PER_SEAT: "2" } });
    const sockets: RawRecorder[] = [];
    try {
      const { matchID, ada } = await threeHumans(limited);
      for (let i = 0; i < 6; i++) {
        const r = new RawRecorder(limited.url);
        sockets.push(r);
        await r.connected();
        await r.sync(matchID, ada.playerID, ada.credentials, 3).catch(() => null);
      }
      await sleep(300);
      const admitted = sockets.filter(
        (r) => r.socket.connected && r.errors().length === 0 && r.received.some((x) => x.event === "sync"),
      );
      expect(admitted.length).toBeGreaterThan(0);
      expect(admitted.length).toBeLessThanOrEqual(2);
      for (const r of sockets) r.close();
      await sleep(300);
      const again = [new RawRecorder(limited.url), new RawRecorder(limited.url)];
      sockets.push(...again);
      for (const r of again) {
        await r.connected();
        expect((await r.sync(matchID, ada.playerID, ada.credentials, 3)).event).toBe("sync");
      }
      await sleep(200);
      for (const r of again) expect([r.errors().length, r.socket.connected]).toEqual([0, true]);
    } finally {
      for (const r of sockets) r.close();
      await limited.stop();
      removeDataDir(limited.dataDir);
    }
  });
});

describe("stop 17: kill -9 under seat-API load", () => {
  it("each seat's stored orders and ready equal the last acknowledged request or the one in flight", async () => {
    const dataDir = tempDataDir();
    let child = await startChild({ dataDir });
    try {
      const { matchID, ada, bob } = await threeHumans(child);
      /** One seat's orders and ready as comparable text. */
      const shape = (orders: readonly string[], ready: boolean): string =>
        JSON.stringify({ orders: [...orders].sort(), ready });
      const run = { stop: false };
      const killed = (): boolean =>
        run.stop || child.child.exitCode !== null || child.child.signalCode !== null;
      const loops = [ada, bob].map(async (seat) => {
        const ctx = await readContext(child, matchID, seat.credentials);
        const choices = Object.values(ctx.legalOrders);
        const phase = ctx.phase.key;
        const st = { ack: shape(ctx.orders, ctx.ready), flight: [] as string[], acks: 0 };
        let orders: string[] = [...ctx.orders];
        let ready = ctx.ready;
        for (let i = 0; !run.stop; i++) {
          try {
            const next = choices.map((o) => o[i % o.length]!);
            st.flight = [shape(next, ready), shape(next, false)];
            const o = await seatRequest(child, "POST", seatPath(matchID, "orders"), {
              token: seat.credentials,
              body: { orders: next, phase },
              timeoutMs: 2000,
            });
            if (o.status !== 200) throw new Error(`orders ${o.status} ${o.text}`);
            const oa = o.body as { accepted: string[]; ready: boolean };
            orders = oa.accepted;
            ready = oa.ready;
            st.ack = shape(orders, ready);
            const want = i % 2 === 0;
            st.flight = [shape(orders, want)];
            const r = await seatRequest(child, "POST", seatPath(matchID, "ready"), {
              token: seat.credentials,
              body: { ready: want, phase },
              timeoutMs: 2000,
            });
            if (r.status !== 200) throw new Error(`ready ${r.status} ${r.text}`);
            ready = want;
            st.ack = shape(orders, ready);
            st.flight = [];
            st.acks++;
          } catch (e) {
            if (!killed()) throw e;
            return st;
          }
        }
        return st;
      });
      await sleep(1500);
      run.stop = true;
      await child.kill("SIGKILL");
      const states = await Promise.all(loops);
      for (const st of states) expect(st.acks).toBeGreaterThan(0);
      child = await startChild({ dataDir, port: child.port });
      expect((await api(child, "GET", "/health")).status).toBe(200);
      for (const [i, seat] of [ada, bob].entries()) {
        const after = await waitUntil("context after restart", () =>
          readContext(child, matchID, seat.credentials).catch(() => false as const),
        );
        expect([states[i]!.ack, ...states[i]!.flight], seat.power).toContain(
          shape(after.orders, after.ready),
        );
      }
    } finally {
      await child.kill("SIGTERM");
      removeDataDir(dataDir);
    }
  }, 60_000);
});
