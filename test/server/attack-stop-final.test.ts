/**
 * Outsider attacks on today's changes: a raw game socket acting for another seat (also after its
 * seat was left and taken, the metadata now served from memory), seat and lobby routes in other
 * cases and encodings, extra fields on every payload (the "orders stored, ready not" path), many
 * sockets per seat from several addresses (the per-socket address cache), and `kill -9` of a child
 * server while three seats post orders with ready through the seat API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeatContext } from "../../shared/src/wire";
import { RawRecorder, rawMove } from "./support/clients";
import { api, joinSeat, readStored, threeHumans } from "./support/matches";
import { codeOf, readContext, seatPath, seatRequest } from "./support/seat";
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

/** The i-th offered order of every unit of a seat. */
function someOrders(c: SeatContext, i = 0): string[] {
  return Object.values(c.legalOrders).map((o) => o[i % o.length]!);
}

/** Hold orders for every unit of `power`, as a game socket sends them. */
function holds(r: RawRecorder, power: string): unknown[] {
  return (r.state?.G.position.units ?? [])
    .filter((u) => u.power === power)
    .map((u) => ({ kind: "hold", power, unit: { type: u.type, location: u.location } }));
}

/** A seat's own orders and ready flag, comparable. */
function own(c: SeatContext): string {
  return JSON.stringify({ orders: [...c.orders].sort(), ready: c.ready });
}

/** Every way of naming seat 1 in an update from a socket synced as `seat`. */
function sendAsOther(
  r: RawRecorder,
  matchID: string,
  creds: readonly (string | undefined)[],
  orders: unknown[],
) {
  const stateID = r.state?._stateID ?? 0;
  for (const [move, payload] of [
    ["orders", { orders }],
    ["ready", { ready: true }],
    ["drawVote", { vote: true }],
  ] as const)
    for (const credentials of creds)
      for (const outer of ["1", "0", 1, "01", " 1"])
        r.emit(
          "update",
          { type: "MAKE_MOVE", payload: { type: move, args: [payload], playerID: "1", credentials } },
          stateID,
          matchID,
          outer,
        );
}

describe("final 1: acting for another seat on a raw socket", () => {
  it("seat 0's socket naming seat 1 changes nothing of seat 1", async () => {
    const { matchID, ada, bob } = await threeHumans(s);
    const bobBefore = await readContext(s, matchID, bob.credentials);
    const before = readStored(s.dataDir, matchID).state._stateID;
    const r = new RawRecorder(s.url);
    try {
      await r.connected();
      expect((await r.sync(matchID, ada.playerID, ada.credentials, 3)).event).toBe("sync");
      expect(holds(r, bob.power).length).toBeGreaterThan(0);
      sendAsOther(r, matchID, [ada.credentials, undefined, "", "x"], holds(r, bob.power));
      await sleep(600);
    } finally {
      r.close();
    }
    expect(await readContext(s, matchID, bob.credentials)).toEqual(bobBefore);
    expect(readStored(s.dataDir, matchID).state._stateID).toBe(before);
  });

  it("after seat 0 is left and taken, the old credentials act on neither an open nor a new socket", async () => {
    const { matchID, ada, bob } = await threeHumans(s);
    const r = new RawRecorder(s.url);
    const sockets = [r];
    try {
      await r.connected();
      expect((await r.sync(matchID, ada.playerID, ada.credentials, 3)).event).toBe("sync");
      // warm the metadata in memory with a move, then leave and let Eve take the seat
      expect(await rawMove(r, ada, matchID, "orders", { orders: holds(r, ada.power) })).toBeNull();
      const left = await api(s, "POST", `/api/matches/${matchID}/leave`, {
        playerID: ada.playerID,
        credentials: ada.credentials,
      });
      expect(left.status, JSON.stringify(left.body)).toBe(200);
      const eve = await joinSeat(s, matchID, 0, "Eve");
      expect(eve.credentials).not.toBe(ada.credentials);
      const eveBefore = await readContext(s, matchID, eve.credentials);
      const bobBefore = await readContext(s, matchID, bob.credentials);
      const stored = readStored(s.dataDir, matchID).state._stateID;
      // the socket still open, then a fresh one
      const fresh = new RawRecorder(s.url);
      sockets.push(fresh);
      await fresh.connected();
      const synced = await fresh.sync(matchID, "0", ada.credentials, 3);
      for (const sock of [r, fresh]) {
        const stateID = sock.state?._stateID ?? 0;
        for (const [move, payload] of [
          ["orders", { orders: holds(r, ada.power).slice(0, 1) }],
          ["ready", { ready: !eveBefore.ready }],
        ] as const)
          for (const pid of ["0", "1"])
            sock.emit(
              "update",
              {
                type: "MAKE_MOVE",
                payload: { type: move, args: [payload], playerID: pid, credentials: ada.credentials },
              },
              stateID,
              matchID,
              pid,
            );
      }
      await sleep(600);
      // a fresh socket with the old credentials is not synced as seat 0 (or, if it is, moves nothing)
      expect(synced.event, JSON.stringify(synced.args).slice(0, 200)).toBe("entente:error");
      expect(own(await readContext(s, matchID, eve.credentials))).toBe(own(eveBefore));
      expect(own(await readContext(s, matchID, bob.credentials))).toBe(own(bobBefore));
      expect(readStored(s.dataDir, matchID).state._stateID).toBe(stored);
      // the old token on the seat API: refused
      const old = await seatRequest(s, "GET", seatPath(matchID, "context"), { token: ada.credentials });
      expect(old.status).toBe(401);
    } finally {
      for (const sock of sockets) sock.close();
    }
  });
});

describe("final 2: routes in other cases and encodings", () => {
  it("never a 500; never another seat; a refused variant changes nothing", async () => {
    const { matchID, ada, bob } = await threeHumans(s);
    const bobBefore = own(await readContext(s, matchID, bob.credentials));
    const choices = await readContext(s, matchID, ada.credentials);
    const enc = (id: string) => `%${id.charCodeAt(0).toString(16)}${id.slice(1)}`;
    const seatPaths = [
      `/API/MATCHES/${matchID}/SEAT/ORDERS`,
      `/api/matches/${matchID}/seat/orders/`,
      `/api/matches/${matchID}//seat/orders`,
      `/api//matches/${matchID}/seat/orders`,
      `/api/matches/${enc(matchID)}/seat/orders`,
      `/api/matches/${matchID}%2Fseat%2Forders`,
      `/api/matches/${matchID}/seat%2Forders`,
      `/api%2Fmatches/${matchID}/seat/orders`,
      `/api/matches/${matchID}/seat/orders?playerID=1`,
      `/api/matches/${matchID}/seat/orders;playerID=1`,
      `/api/matches/${matchID}/seat/orders%3F`,
      `/api/matches/${matchID}%00/seat/orders`,
      `/api/matches/${matchID}/SEAT/READY`,
      `/api/matches/${matchID}/seat/ready%2F`,
      `/api/matches/%2e%2e/${matchID}/seat/ready`,
    ];
    for (const [i, path] of seatPaths.entries()) {
      const before = await readContext(s, matchID, ada.credentials);
      const isReady = path.toLowerCase().includes("ready");
      const orders = someOrders(choices, i + 1);
      const body = isReady ? { ready: !before.ready } : { orders, ready: !before.ready };
      const res = await seatRequest(s, "POST", path, { token: ada.credentials, body }).catch(
        (e: unknown) => ({ status: -1, text: String(e) }) as const,
      );
      const why = `${path}: ${res.status} ${res.text.slice(0, 200)}`;
      expect(res.status > 0 && res.status < 500, why).toBe(true);
      const after = await readContext(s, matchID, ada.credentials);
      if (res.status >= 300) expect(own(after), why).toBe(own(before));
      else
        expect(own(after), why).toBe(
          JSON.stringify({
            orders: isReady ? [...before.orders].sort() : [...after.orders].sort(),
            ready: !before.ready,
          }),
        );
    }
    expect(own(await readContext(s, matchID, bob.credentials))).toBe(bobBefore);
    // lobby routes in other cases and encodings
    const lobby: [string, string, unknown][] = [
      ["GET", `/API/MATCHES/${matchID}`, undefined],
      ["GET", `/api/matches/${matchID}/`, undefined],
      ["GET", `/api/matches/${enc(matchID)}`, undefined],
      ["GET", `/api/matches%2F${matchID}`, undefined],
      ["GET", `/api//matches//${matchID}`, undefined],
      ["POST", `/API/MATCHES/${matchID}/LEAVE`, { playerID: "1", credentials: ada.credentials }],
      ["POST", `/api/matches/${matchID}/leave/`, { playerID: "1", credentials: ada.credentials }],
      ["POST", `/api/matches/${matchID}%2Fleave`, { playerID: "1", credentials: ada.credentials }],
      ["POST", `/api/matches/${matchID}/JOIN`, { name: "Mal", seat: 1 }],
      ["POST", `/api/matches/${enc(matchID)}/join`, { name: "Mal", seat: 1 }],
      ["POST", `/API/MATCHES/`, { map: "amber", players: 3, seats: [] }],
    ];
    for (const [method, path, body] of lobby) {
      const res = await seatRequest(s, method, path, body === undefined ? {} : { body }).catch(
        (e: unknown) => ({ status: -1, text: String(e) }) as const,
      );
      expect(
        res.status > 0 && res.status < 500,
        `${method} ${path}: ${res.status} ${res.text.slice(0, 200)}`,
      ).toBe(true);
    }
    const meta = readStored(s.dataDir, matchID).metadata.players;
    expect(meta[1]?.name).toBe("Bob");
    expect(meta[1]?.credentials).toBe(bob.credentials);
    expect(own(await readContext(s, matchID, bob.credentials))).toBe(bobBefore);
  });
});

describe("final 3: extra and unknown fields", () => {
  it("orders with a ready of another shape: 400, the orders not stored either; a good pair stores both", async () => {
    const { matchID, ada } = await threeHumans(s);
    const before = await readContext(s, matchID, ada.credentials);
    const orders = someOrders(before, 1);
    for (const ready of [{ ready: true, extra: 1 }, { ready: true }, "true", 1, null, [true]]) {
      const res = await seatRequest(s, "POST", seatPath(matchID, "orders"), {
        token: ada.credentials,
        body: { orders, ready, phase: before.phase.key },
      });
      expect(res.status, res.text).toBe(400);
      expect(codeOf(res)).toBe("bad-payload");
      expect(own(await readContext(s, matchID, ada.credentials))).toBe(own(before));
    }
    const good = await seatRequest(s, "POST", seatPath(matchID, "orders"), {
      token: ada.credentials,
      body: { orders, ready: true, phase: before.phase.key },
    });
    expect(good.status, good.text).toBe(200);
    const after = await readContext(s, matchID, ada.credentials);
    expect(after.ready).toBe(true);
    expect((good.body as { ready: boolean }).ready).toBe(true);
    expect([...after.orders].sort()).toEqual([...(good.body as { accepted: string[] }).accepted].sort());
  });

  it("lobby leave with an extra field, and socket move args with extra fields: refused, nothing changed", async () => {
    const { matchID, ada, bob } = await threeHumans(s);
    const metaBefore = readStored(s.dataDir, matchID).metadata.players;
    for (const extra of [{ extra: 1 }, { seat: 1 }, { name: "x" }]) {
      const res = await api(s, "POST", `/api/matches/${matchID}/leave`, {
        playerID: bob.playerID,
        credentials: bob.credentials,
        ...extra,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
    }
    for (const extra of [{ extra: 1 }, { credentials: "x" }, { playerID: "0" }]) {
      const joined = await api(s, "POST", `/api/matches/${matchID}/join`, { name: "Mal", seat: 1, ...extra });
      expect(joined.status, JSON.stringify(joined.body)).toBe(400);
      const made = await api(s, "POST", "/api/matches", {
        map: "amber",
        players: 3,
        seats: [{ kind: "human" }, { kind: "open" }, { kind: "bot", x: 1 }],
        ...extra,
      });
      expect(made.status, JSON.stringify(made.body)).toBe(400);
    }
    const seatPress = await seatRequest(s, "POST", seatPath(matchID, "press"), {
      token: ada.credentials,
      body: { to: [bob.power], text: "hi", from: bob.power },
    });
    expect(seatPress.status, seatPress.text).toBe(400);
    expect(readStored(s.dataDir, matchID).metadata.players).toEqual(metaBefore);
    const adaBefore = await readContext(s, matchID, ada.credentials);
    const stored = readStored(s.dataDir, matchID).state._stateID;
    const r = new RawRecorder(s.url);
    try {
      await r.connected();
      expect((await r.sync(matchID, ada.playerID, ada.credentials, 3)).event).toBe("sync");
      for (const [move, payload] of [
        ["orders", { orders: holds(r, ada.power), extra: 1 }],
        ["orders", { orders: holds(r, ada.power), ready: true }],
        ["orders", { orders: holds(r, ada.power).map((o) => ({ ...(o as object), x: 1 })) }],
        ["ready", { ready: true, extra: 1 }],
        ["ready", { ready: true, playerID: "1" }],
        ["drawVote", { vote: true, power: bob.power }],
      ] as const) {
        const err = await rawMove(r, ada, matchID, move, payload);
        expect(err, `${move} ${JSON.stringify(payload)}`).not.toBeNull();
      }
    } finally {
      r.close();
    }
    expect(own(await readContext(s, matchID, ada.credentials))).toBe(own(adaBefore));
    expect(readStored(s.dataDir, matchID).state._stateID).toBe(stored);
  });
});

describe("final 4: sockets per seat and the address cache", () => {
  it("SOCKETS_PER_SEAT=2: of 8 sockets from several addresses at most 2 admitted; 50 open/close leak nothing", async () => {
    const limited = await startInProcess({
      // 3 per address: were the forwarded addresses not read, at most 3 of the 8 would connect
      env: { SOCKETS_PER_SEAT: "2", SOCKETS_PER_ADDRESS: "3", TRUSTED_PROXIES: "127.0.0.1" },
    });
    const sockets: RawRecorder[] = [];
    const addresses = [
      "10.0.0.1",
      "2001:db8::1",
      "2001:db8:0:1::2",
      "::ffff:10.0.0.9",
      "10.0.0.2",
      "fe80::1",
      "192.0.2.7",
      "2001:db8::2",
    ];
    const open = async (i: number) => {
      const r = new RawRecorder(limited.url, undefined, {
        extraHeaders: { "x-forwarded-for": addresses[i % addresses.length]! },
      });
      sockets.push(r);
      await r.connected();
      return r;
    };
    const admitted = (rs: RawRecorder[]) =>
      rs.filter(
        (r) => r.socket.connected && r.errors().length === 0 && r.received.some((x) => x.event === "sync"),
      );
    try {
      const { matchID, ada } = await threeHumans(limited);
      const eight: RawRecorder[] = [];
      for (let i = 0; i < 8; i++) {
        const r = await open(i);
        eight.push(r);
        await r.sync(matchID, ada.playerID, ada.credentials, 3).catch(() => null);
      }
      await sleep(300);
      expect(eight.filter((r) => r.socket.connected || r.errors().length > 0).length).toBe(8);
      expect(admitted(eight).length).toBeGreaterThan(0);
      expect(admitted(eight).length).toBeLessThanOrEqual(2);
      for (const r of eight) r.close();
      await sleep(200);
      for (let i = 0; i < 50; i++) {
        const r = await open(i);
        await r.sync(matchID, ada.playerID, ada.credentials, 3).catch(() => null);
        r.close();
      }
      await sleep(300);
      const last: RawRecorder[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await open(i);
        last.push(r);
        await r.sync(matchID, ada.playerID, ada.credentials, 3).catch(() => null);
      }
      await sleep(300);
      expect(admitted(last).length).toBe(2);
    } finally {
      for (const r of sockets) r.close();
      await limited.stop();
      removeDataDir(limited.dataDir);
    }
  });
});

describe("final 5: kill -9 under seat-API load of three seats", () => {
  it("every acknowledged orders+ready is stored; nothing of a refused one", async () => {
    const dataDir = tempDataDir();
    let child = await startChild({ dataDir });
    try {
      const { matchID, ada, bob, cy } = await threeHumans(child);
      const shape = (orders: readonly string[], ready: boolean): string =>
        JSON.stringify({ orders: [...orders].sort(), ready });
      const run = { stop: false };
      const killed = (): boolean =>
        run.stop || child.child.exitCode !== null || child.child.signalCode !== null;
      const loops = [ada, bob, cy].map(async (seat) => {
        const ctx = await readContext(child, matchID, seat.credentials);
        const phase = ctx.phase.key;
        const st = { ack: shape(ctx.orders, ctx.ready), flight: [] as string[], acks: 0, refusedLast: false };
        for (let i = 0; !run.stop; i++) {
          try {
            const next = someOrders(ctx, i);
            // never all three ready at once (that would end the phase): only seat 0 says ready true
            const ready = seat === ada ? i % 2 === 0 : false;
            st.flight = [shape(next, ready)];
            const o = await seatRequest(child, "POST", seatPath(matchID, "orders"), {
              token: seat.credentials,
              body: { orders: next, ready, phase },
              timeoutMs: 2000,
            });
            if (o.status !== 200) {
              // refused: nothing of it may be stored
              st.flight = [];
              st.refusedLast = true;
              if (!killed()) throw new Error(`orders ${o.status} ${o.text}`);
              return st;
            }
            const a = o.body as { accepted: string[]; ready: boolean };
            st.ack = shape(a.accepted, a.ready);
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
      for (const [i, seat] of [ada, bob, cy].entries()) {
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
