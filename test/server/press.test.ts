/**
 * The press channel on a real server (port 0, a fresh SQLite file in a temporary folder, an
 * injected clock that only moves by hand) through real sockets: the handshake, live delivery to
 * the sender and recipients only, history on reconnect and after a restart, size and rate limits,
 * press modes, communiqués and leaks printed in the next edition with the real sender, and leaks
 * or messages forged on the game socket refused without changing anything. Also the HMAC
 * verifier and the rules' side of a press channel (`pressSeal`), without a server.
 *
 * Needs the server's game built with the channel: `createGame({ pressChannel: pressVerifier(db) })`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createMatch } from "boardgame.io/internal";
import type { LogEntry, State } from "boardgame.io";
import { io, type Socket } from "socket.io-client";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  applyAction,
  createGame,
  explainMove,
  getMap,
  type MatchState,
  type PowerId,
  type PressChannel,
  type PressMessage,
  type PressMode,
} from "../../shared/src";
import { startServer, type RunningServer } from "../../server/src/app";
import { readConfig } from "../../server/src/config";
import { pressVerifier, type PressHistory, type PressItem } from "../../server/src/press";
import { isErrorCode } from "../../shared/src/wire/errors";
import {
  PRESS_ACKS,
  pressErrorSchema,
  pressHistorySchema,
  pressItemSchema,
  pressSeatLostSchema,
  type PressClientToServer,
  type PressRefused,
  type PressRequestEvent,
  type PressServerToClient,
} from "../../shared/src/wire/press";
import { openDatabase } from "../../server/src/storage";

const WAIT_MS = 10_000; // every wait is bounded; no test measures time
const PER_MINUTE = 8;

/** The test's clock: it moves only by hand (the rate limits and timestamps read it). */
const clock = { now: 1_700_000_000_000 };

// boardgame.io logs each refused move as "ERROR: …"; refusing forged moves is what these tests do.
beforeAll(() => {
  const original = console.error.bind(console);
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    if (typeof args[0] !== "string" || !args[0].startsWith("ERROR: invalid move")) original(...args);
  });
});

const servers: RunningServer[] = [];
const sockets: Socket[] = [];
const dirs: string[] = [];
let matchCount = 0;

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  for (const server of servers.splice(0)) await stop(server);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh data folder, removed after the test. */
function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entente-press-"));
  dirs.push(dir);
  return dir;
}

/** Starts a server on a data folder with the test clock; deadlines never fire. */
async function boot(dir = dataDir()): Promise<RunningServer> {
  const config = readConfig({
    PORT: "0",
    DATA_DIR: dir,
    TICK_MS: "60000",
    ACTIONS_PER_SECOND: "1000",
    JOINS_PER_MINUTE: "100000",
    PRESS_PER_MINUTE: String(PER_MINUTE),
  });
  const server = await startServer(config, () => clock.now);
  servers.push(server);
  return server;
}

async function stop(server: RunningServer): Promise<void> {
  const i = servers.indexOf(server);
  if (i >= 0) servers.splice(i, 1);
  await (server.scheduler as { idle?: () => Promise<void> }).idle?.();
  await server.stop();
}

/** Creates a seven-seat match as the lobby does; seat i's credentials are `secret-<i>`. */
function newMatch(server: RunningServer, pressMode: PressMode = "full"): string {
  const { ctx } = server;
  const created = createMatch({ game: ctx.game, numPlayers: 7, setupData: { pressMode }, unlisted: true });
  if ("setupDataError" in created) throw new Error(created.setupDataError);
  for (let seat = 0; seat < 7; seat++)
    created.metadata.players[seat] = { id: seat, name: `Player ${seat}`, credentials: `secret-${seat}` };
  const matchID = `press-${++matchCount}`;
  ctx.storage.createMatch(matchID, created);
  ctx.records.create(
    {
      matchID,
      timing: { movement: 10, retreat: 3, adjustment: 3 },
      unlisted: true,
      createdAt: clock.now,
      nextMatchID: null,
      hostSeat: null,
    },
    Array.from({ length: 7 }, () => ({ kind: "human" as const, personality: null })),
  );
  const G = stored(server, matchID).G;
  expect(
    G.pressSeal,
    "the server's game needs createGame({ pressChannel: pressVerifier(db) })",
  ).toBeDefined();
  return matchID;
}

/** The stored state of a match. */
function stored(server: RunningServer, matchID: string): State<MatchState> {
  const { state } = server.ctx.storage.fetch(matchID, { state: true }) as { state?: State };
  if (!state) throw new Error(`no state for ${matchID}`);
  return state as State<MatchState>;
}

/** The seat that plays a power. */
function seatOf(server: RunningServer, matchID: string, power: PowerId): string {
  const i = stored(server, matchID).G.powers.indexOf(power);
  if (i < 0) throw new Error(`${power} is not in ${matchID}`);
  return String(i);
}

/** Every seat says it is ready (server moves), so the phase resolves. */
async function resolvePhase(server: RunningServer, matchID: string): Promise<void> {
  const before = stored(server, matchID).G.editions.length;
  for (let seat = 0; seat < 7; seat++) {
    const refused = await server.ctx.transport.serverMove(matchID, String(seat), "ready", {
      ready: true,
    });
    expect(refused).toBeNull();
  }
  expect(stored(server, matchID).G.editions).toHaveLength(before + 1);
}

/** Resolves with the first call of `register`'s callback, or rejects after `WAIT_MS`. */
function bounded<T>(what: string, register: (done: (value: T) => void, fail: (e: Error) => void) => void) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
    register(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** An ack as a test reads it: a refusal, or `ok` with whatever the event answers. */
type AnyAck = PressRefused | ({ readonly ok: true } & Record<string, unknown>);

/** A press socket that records every event it receives. */
class PressSocket {
  readonly events: { event: string; args: unknown[] }[] = [];
  private readonly waiters: (() => void)[] = [];

  private constructor(readonly socket: Socket) {
    socket.onAny((event: string, ...args: unknown[]) => {
      this.events.push({ event, args });
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Connects; resolves once the history arrived, rejects with the server's refusal. */
  static async open(server: RunningServer, auth: Record<string, unknown>): Promise<PressSocket> {
    const socket = io(`${server.url}/press`, {
      auth,
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      autoConnect: false,
    });
    sockets.push(socket);
    const press = new PressSocket(socket);
    socket.connect();
    await bounded<true>("the press history", (done, fail) => {
      socket.once("press:history", () => done(true));
      socket.once("connect_error", (e: Error) => fail(e));
    });
    return press;
  }

  /** Connects as a seat of a match. */
  static seat(server: RunningServer, matchID: string, power: PowerId): Promise<PressSocket> {
    const playerID = seatOf(server, matchID, power);
    return PressSocket.open(server, { matchID, playerID, credentials: `secret-${playerID}` });
  }

  /** The history received on connect. */
  get history(): PressHistory {
    const first = this.events.find((e) => e.event === "press:history");
    if (!first) throw new Error("no history");
    return first.args[0] as PressHistory;
  }

  /** Every item received live with an event. */
  received(event: string): PressItem[] {
    return this.events.filter((e) => e.event === event).map((e) => e.args[0] as PressItem);
  }

  /** Sends an event and waits for its ack. */
  send(event: string, payload: unknown): Promise<AnyAck> {
    return this.socket.timeout(WAIT_MS).emitWithAck(event, payload) as Promise<AnyAck>;
  }

  /** Sends a message and expects it accepted. */
  async message(to: PowerId[], text: string): Promise<PressItem> {
    const ack = await this.send("message", { to, text });
    if (!ack.ok) throw new Error(`message refused: ${ack.error.code} ${ack.error.message}`);
    return ack["message"] as PressItem;
  }

  /** Waits until an event satisfying `test` has been received. */
  async waitFor(what: string, test: (e: { event: string; args: unknown[] }) => boolean): Promise<void> {
    await bounded<true>(what, (done) => {
      const check = (): void => {
        if (this.events.some(test)) done(true);
        else this.waiters.push(check);
      };
      check();
    });
  }

  /** Waits for a live item with this id. */
  waitForItem(event: string, id: string): Promise<void> {
    return this.waitFor(`${event} ${id}`, (e) => e.event === event && (e.args[0] as PressItem).id === id);
  }
}

/** The refusal code of an ack (or "ok"). */
const codeOf = (ack: AnyAck): string => (ack.ok ? "ok" : ack.error.code);

describe("the press channel", () => {
  it("refuses a bad handshake and admits a spectator read-only", async () => {
    const server = await boot();
    const matchID = newMatch(server);
    const refusal = (auth: Record<string, unknown>): Promise<string> =>
      PressSocket.open(server, auth).then(
        () => "connected",
        (e: unknown) => (e as Error).message,
      );
    expect(await refusal({ matchID, playerID: "1", credentials: "secret-2" })).toMatch(/^bad-credentials/);
    expect(await refusal({ matchID, playerID: "1" })).toMatch(/^bad-credentials/);
    expect(await refusal({ matchID, playerID: "9", credentials: "secret-9" })).toMatch(/^bad-credentials/);
    expect(await refusal({ matchID: "no-such-match", playerID: "1", credentials: "secret-1" })).toMatch(
      /^unknown-match/,
    );
    expect(await refusal({ matchID: 7 })).toMatch(/^bad-handshake/);
    // The refusal also arrives as data: `{ code, message }`, like every other refusal.
    const data = await PressSocket.open(server, { matchID, playerID: "1", credentials: "secret-2" }).then(
      () => null,
      (e: unknown) => pressErrorSchema.parse((e as { data?: unknown }).data),
    );
    expect(data).toEqual({ code: "bad-credentials", message: "those credentials do not hold that seat" });

    const spectator = await PressSocket.open(server, { matchID });
    expect(spectator.history).toEqual({ power: null, items: [] });
    expect(codeOf(await spectator.send("message", { to: ["ENG"], text: "hi" }))).toBe("read-only");
    expect(codeOf(await spectator.send("communique", { text: "hi" }))).toBe("read-only");
    expect(codeOf(await spectator.send("leak", { messageId: "p1" }))).toBe("read-only");
    const eng = await PressSocket.seat(server, matchID, "ENG");
    expect(eng.history).toEqual({ power: "ENG", items: [] });
  });

  it("delivers a message live to its sender and recipients only, and keeps it out of G", async () => {
    const server = await boot();
    const matchID = newMatch(server);
    const before = stored(server, matchID);
    const eng = await PressSocket.seat(server, matchID, "ENG");
    const fra = await PressSocket.seat(server, matchID, "FRA");
    const ger = await PressSocket.seat(server, matchID, "GER");
    const spectator = await PressSocket.open(server, { matchID });

    const sent = await eng.message(["FRA"], "  Shall we split the Channel?  ");
    expect(sent).toMatchObject({
      kind: "message",
      from: "ENG",
      to: ["FRA"],
      text: "Shall we split the Channel?",
    });
    expect(sent.at).toEqual({ year: 1901, season: "spring", phase: "movement" });
    await fra.waitForItem("press:message", sent.id);
    await eng.waitForItem("press:message", sent.id);
    expect(fra.received("press:message")).toEqual([sent]);
    expect(eng.received("press:message")).toEqual([sent]);

    // A second message reaches Germany (and, in a later test, the spectator's communiqués): the
    // server sends in order, so anything meant for them about the first would have come first.
    const second = await eng.message(["GER", "FRA"], "A word to you both");
    expect(second.to).toEqual(["FRA", "GER"]); // in the match's power order
    await ger.waitForItem("press:message", second.id);
    expect(ger.events.map((e) => e.event)).toEqual(["press:history", "press:message"]);
    expect(ger.received("press:message")).toEqual([second]);
    const third = await eng.send("communique", { text: "England greets the world" });
    expect(third.ok).toBe(true);
    await spectator.waitFor("the communiqué", (e) => e.event === "press:communique");
    expect(spectator.events.map((e) => e.event)).toEqual(["press:history", "press:communique"]);

    // Opaque, random ids; nothing of the private press in the game state.
    expect(sent.id).toMatch(/^p[\w-]{16}$/);
    expect(sent.id).not.toBe(second.id);
    const after = stored(server, matchID);
    expect(after.G.messages).toEqual([]);
    expect(JSON.stringify(after)).not.toContain("split the Channel");
    expect(after.G.communiques).toEqual([{ by: "ENG", text: "England greets the world" }]);
    expect(after._stateID).toBe(before._stateID + 1);
    const rows = server.ctx.db.prepare(`SELECT * FROM press WHERE match_id = ? ORDER BY rowid`).all(matchID);
    expect(rows).toEqual([
      {
        id: sent.id,
        match_id: matchID,
        sender: "ENG",
        recipients: '["FRA"]',
        text: "Shall we split the Channel?",
        kind: "message",
        phase: JSON.stringify(sent.at),
        created_at: clock.now,
      },
      expect.objectContaining({ id: second.id, recipients: '["FRA","GER"]', kind: "message" }),
      expect.objectContaining({ sender: "ENG", recipients: "[]", kind: "communique" }),
    ]);
  });

  it("gives exactly the seat's conversations and every communiqué on reconnect, also after a restart", async () => {
    const dir = dataDir();
    let server = await boot(dir);
    const matchID = newMatch(server);
    const eng = await PressSocket.seat(server, matchID, "ENG");
    const fra = await PressSocket.seat(server, matchID, "FRA");
    const ger = await PressSocket.seat(server, matchID, "GER");
    const a = await eng.message(["FRA"], "one");
    clock.now += 1;
    const b = await fra.message(["ENG"], "two");
    clock.now += 1;
    await ger.message(["ITA"], "not for France");
    const c = await eng.message(["GER", "FRA"], "three");
    const comm = await ger.send("communique", { text: "Germany speaks" });
    expect(comm.ok).toBe(true);
    const communique = comm.ok ? (comm["communique"] as PressItem) : null;
    await eng.message(["GER"], "not for France either");

    const expected = [a, b, c, communique];
    const again = await PressSocket.seat(server, matchID, "FRA");
    expect(again.history).toEqual({ power: "FRA", items: expected });
    expect((await PressSocket.open(server, { matchID })).history.items).toEqual([communique]);

    // The press is in the database: a restarted server gives the same history.
    for (const s of sockets.splice(0)) s.disconnect();
    await stop(server);
    server = await boot(dir);
    const restarted = await PressSocket.seat(server, matchID, "FRA");
    expect(restarted.history).toEqual({ power: "FRA", items: expected });
  });

  it("limits the text's size and each seat's rate, and answers any payload without throwing", async () => {
    const server = await boot();
    const matchID = newMatch(server);
    const eng = await PressSocket.seat(server, matchID, "ENG");
    const fra = await PressSocket.seat(server, matchID, "FRA");

    // Malformed payloads are refused before they cost anything; one without an ack is ignored.
    eng.socket.emit("message", { to: ["FRA"], text: "no ack" });
    eng.socket.emit("leak");
    for (const junk of [null, 7, "hello", [], { to: "FRA", text: "x" }, { to: ["FRA"], text: 5 }])
      expect(codeOf(await eng.send("message", junk))).toBe("bad-payload");
    expect(codeOf(await eng.send("message", { to: ["FRA"], text: "x", extra: 1 }))).toBe("bad-payload");
    expect(codeOf(await eng.send("communique", { text: ["x"] }))).toBe("bad-payload");
    expect(codeOf(await eng.send("leak", { messageId: "" }))).toBe("bad-payload");

    expect(codeOf(await eng.send("message", { to: ["FRA"], text: "   " }))).toBe("empty-text");
    expect(codeOf(await eng.send("message", { to: ["FRA"], text: "x".repeat(2001) }))).toBe("text-too-long");
    expect(codeOf(await eng.send("communique", { text: "x".repeat(2001) }))).toBe("text-too-long");
    expect(codeOf(await eng.send("message", { to: ["FRA"], text: ` ${"x".repeat(2000)} ` }))).toBe("ok");
    for (const to of [["ENG"], ["XXX"], ["FRA", "FRA"], []])
      expect(codeOf(await eng.send("message", { to, text: "hi" }))).toMatch(/^bad-(recipients|payload)$/);
    // Spent so far: 7 sends (size and recipients), and the unacknowledged message (which went out).
    expect(fra.history.items).toEqual([]);
    await fra.waitFor("both messages", () => fra.received("press:message").length === 2);
    expect(fra.received("press:message").map((m) => m.text)).toEqual(["no ack", "x".repeat(2000)]);

    // England has no token left; France still has all of its own.
    expect(codeOf(await eng.send("message", { to: ["FRA"], text: "too much" }))).toBe("rate-limited");
    for (let i = 0; i < PER_MINUTE; i++)
      expect(codeOf(await fra.send("message", { to: ["ENG"], text: `n${i}` }))).toBe("ok");
    expect(codeOf(await fra.send("message", { to: ["ENG"], text: "one more" }))).toBe("rate-limited");
    expect(codeOf(await fra.send("communique", { text: "one more" }))).toBe("rate-limited");
    // A minute later the bucket is full again.
    clock.now += 60_000;
    expect(codeOf(await fra.send("message", { to: ["ENG"], text: "a minute later" }))).toBe("ok");
  });

  it("refuses private messages in a public-press match but takes communiqués; takes neither without press", async () => {
    const server = await boot();
    const publicMatch = newMatch(server, "public");
    const eng = await PressSocket.seat(server, publicMatch, "ENG");
    const fra = await PressSocket.seat(server, publicMatch, "FRA");
    const spectator = await PressSocket.open(server, { matchID: publicMatch });
    expect(codeOf(await eng.send("message", { to: ["FRA"], text: "psst" }))).toBe("press-not-allowed");
    const ack = await eng.send("communique", { text: "England stands for peace" });
    expect(codeOf(ack)).toBe("ok");
    const item = ack.ok ? (ack["communique"] as PressItem) : null;
    expect(item).toMatchObject({ kind: "communique", from: "ENG", to: [], text: "England stands for peace" });
    for (const s of [eng, fra, spectator]) {
      await s.waitForItem("press:communique", item!.id);
      expect(s.received("press:message")).toEqual([]);
    }
    expect(stored(server, publicMatch).G.communiques).toEqual([
      { by: "ENG", text: "England stands for peace" },
    ]);

    const gunboat = newMatch(server, "none");
    const ger = await PressSocket.seat(server, gunboat, "GER");
    expect(codeOf(await ger.send("message", { to: ["FRA"], text: "psst" }))).toBe("press-not-allowed");
    expect(codeOf(await ger.send("communique", { text: "hello" }))).toBe("press-not-allowed");
    expect(codeOf(await ger.send("leak", { messageId: "p1" }))).toBe("press-not-allowed");
    expect(stored(server, gunboat).G.communiques).toEqual([]);
  });

  it("prints a communiqué in the next edition once the phase resolves", async () => {
    const server = await boot();
    const matchID = newMatch(server);
    const tur = await PressSocket.seat(server, matchID, "TUR");
    expect(codeOf(await tur.send("communique", { text: "The Sultan wants only peace" }))).toBe("ok");
    await resolvePhase(server, matchID);
    const G = stored(server, matchID).G;
    const events = G.editions[0]!.articles.map((a) => a.event);
    expect(events).toContainEqual({ type: "communique", by: "TUR", text: "The Sultan wants only peace" });
    expect(G.communiques).toEqual([]);
    // The press record keeps it.
    const back = await PressSocket.seat(server, matchID, "RUS");
    expect(back.history.items.map((i) => i.text)).toEqual(["The Sultan wants only peace"]);
  });

  it("prints a recipient's leak in the next edition with the real sender", async () => {
    const server = await boot();
    const matchID = newMatch(server);
    const eng = await PressSocket.seat(server, matchID, "ENG");
    const fra = await PressSocket.seat(server, matchID, "FRA");
    const sent = await eng.message(["FRA", "GER"], "Let us both turn on Germany... I mean, dear Germany");
    await fra.waitForItem("press:message", sent.id);

    const ack = await fra.send("leak", { messageId: sent.id });
    expect(ack).toEqual({ ok: true, leak: { messageId: sent.id } });
    const pending = stored(server, matchID).G.leaks;
    expect(pending).toEqual([
      {
        by: "FRA",
        messageId: sent.id,
        message: { id: sent.id, from: "ENG", to: ["FRA", "GER"], text: sent.text, at: sent.at },
      },
    ]);
    expect(codeOf(await fra.send("leak", { messageId: sent.id }))).toBe("already-leaked");

    await resolvePhase(server, matchID);
    const G = stored(server, matchID).G;
    const leaks = G.editions[0]!.articles.map((a) => a.event).filter((e) => e.type === "leak");
    expect(leaks).toEqual([
      {
        type: "leak",
        messageId: sent.id,
        leaker: "FRA",
        sender: "ENG",
        recipients: ["FRA", "GER"],
        text: sent.text,
        sentAt: sent.at,
        exposesBrokenPromise: false,
      },
    ]);
    expect(G.leaks).toEqual([]);
    // Printed once: leaking it again is refused.
    expect(codeOf(await fra.send("leak", { messageId: sent.id }))).toBe("already-leaked");
  });

  it("refuses a leak by a non-recipient, by the sender, or of an unknown id", async () => {
    const server = await boot();
    const matchID = newMatch(server);
    const other = newMatch(server);
    const eng = await PressSocket.seat(server, matchID, "ENG");
    const fra = await PressSocket.seat(server, matchID, "FRA");
    const ger = await PressSocket.seat(server, matchID, "GER");
    const sent = await eng.message(["FRA"], "between us");
    const comm = await eng.send("communique", { text: "public words" });
    const commId = comm.ok ? (comm["communique"] as PressItem).id : "";
    const elsewhere = await (await PressSocket.seat(server, other, "ENG")).message(["FRA"], "other match");

    expect(codeOf(await ger.send("leak", { messageId: sent.id }))).toBe("unknown-message");
    expect(codeOf(await eng.send("leak", { messageId: sent.id }))).toBe("not-a-recipient");
    expect(codeOf(await fra.send("leak", { messageId: "pNoSuchMessage000" }))).toBe("unknown-message");
    expect(codeOf(await fra.send("leak", { messageId: commId }))).toBe("unknown-message");
    expect(codeOf(await fra.send("leak", { messageId: elsewhere.id }))).toBe("unknown-message");
    expect(stored(server, matchID).G.leaks).toEqual([]);
  });

  it("sends only what the wire declares: every event and ack fits shared/src/wire/press.ts", async () => {
    const server = await boot();
    const matchID = newMatch(server);
    const eng = await PressSocket.seat(server, matchID, "ENG");
    const fra = await PressSocket.seat(server, matchID, "FRA");
    const spectator = await PressSocket.open(server, { matchID });
    // A client typed by the wire's event maps, as usePress is.
    const typed = fra.socket as unknown as Socket<PressServerToClient, PressClientToServer>;
    const acks: { event: PressRequestEvent; ack: unknown }[] = [];
    const sent = await eng.message(["FRA"], "typed or not");
    await fra.waitForItem("press:message", sent.id);
    acks.push({
      event: "message",
      ack: await typed.timeout(WAIT_MS).emitWithAck("message", { to: ["ENG"], text: "hi" }),
    });
    acks.push({
      event: "communique",
      ack: await typed.timeout(WAIT_MS).emitWithAck("communique", { text: "all" }),
    });
    acks.push({
      event: "leak",
      ack: await typed.timeout(WAIT_MS).emitWithAck("leak", { messageId: sent.id }),
    });
    acks.push({
      event: "leak",
      ack: await typed.timeout(WAIT_MS).emitWithAck("leak", { messageId: sent.id }),
    });
    acks.push({ event: "message", ack: await fra.send("message", { to: "ENG" }) });
    acks.push({ event: "communique", ack: await spectator.send("communique", { text: "hi" }) });
    await spectator.waitFor("the communiqué", (e) => e.event === "press:communique");

    const codes = new Set<string>();
    for (const { event, ack } of acks) {
      const parsed = PRESS_ACKS[event].parse(ack);
      if (!parsed.ok) codes.add(parsed.error.code);
    }
    expect([...codes].sort()).toEqual(["already-leaked", "bad-payload", "read-only"]);
    // The press's own codes are the shared list's; only the game's refusals (a rule) pass through.
    expect([...codes].filter((c) => !isErrorCode(c))).toEqual(["already-leaked"]);
    const schemas = {
      "press:history": pressHistorySchema,
      "press:message": pressItemSchema,
      "press:communique": pressItemSchema,
      "press:seat-lost": pressSeatLostSchema,
    } as const;
    for (const socket of [eng, fra, spectator])
      for (const { event, args } of socket.events) {
        expect(Object.keys(schemas)).toContain(event);
        expect(args).toHaveLength(1);
        schemas[event as keyof typeof schemas].parse(args[0]);
      }
  });

  it("refuses messages and forged leaks sent on the game socket, changing nothing", async () => {
    const server = await boot();
    const matchID = newMatch(server);
    const other = newMatch(server);
    const eng = await PressSocket.seat(server, matchID, "ENG");
    const fra = await PressSocket.seat(server, matchID, "FRA");
    const real = await eng.message(["FRA"], "a real message");
    await fra.waitForItem("press:message", real.id);
    // A genuine leak in another match, whose proof France then sees in its own log.
    const engOther = await PressSocket.seat(server, other, "ENG");
    const fraOther = await PressSocket.seat(server, other, "FRA");
    const otherMessage = await engOther.message(["FRA"], "leak me");
    expect(codeOf(await fraOther.send("leak", { messageId: otherMessage.id }))).toBe("ok");
    const genuine = leakArgs(server, other);
    expect(genuine.message.text).toBe("leak me");

    const seat = seatOf(server, matchID, "FRA");
    const game = await GameSocket.open(server, matchID, seat, `secret-${seat}`);
    const before = stored(server, matchID);
    const madeUp: PressMessage = {
      id: "pMadeUp0000000000",
      from: "ENG",
      to: ["FRA"],
      text: "England plans to stab Germany",
      at: { year: 1901, season: "spring", phase: "movement" },
    };
    game.move("message", { to: ["ENG"], text: "the old way" });
    game.move("leak", { messageId: real.id });
    game.move("leak", { messageId: madeUp.id, message: madeUp, proof: "bm90IGEgcHJvb2Y" });
    game.move("leak", { messageId: real.id, message: { ...madeUp, id: real.id }, proof: "AAAA" });
    // Replays of a genuine proof: in another match, and with the text changed.
    game.move("leak", genuine);
    game.move("leak", { ...genuine, message: { ...genuine.message, text: "changed" } });
    await game.barrier();

    const codes = game.errors.map((e) => e.code);
    expect(codes.slice(0, 2)).toEqual(["use-press-channel", "use-press-channel"]);
    const after = stored(server, matchID);
    expect(after._stateID).toBe(before._stateID);
    expect(after.G).toEqual(before.G);
    expect(after.G.leaks).toEqual([]);
    await resolvePhase(server, matchID);
    const printed = stored(server, matchID).G.editions[0]!.articles.filter((a) => a.event.type === "leak");
    expect(printed).toEqual([]);
  });
});

/** The arguments of the leak move the server made in a match, as its leaker's log shows them. */
function leakArgs(
  server: RunningServer,
  matchID: string,
): { messageId: string; message: PressMessage; proof: string } {
  const { log } = server.ctx.storage.fetch(matchID, { log: true }) as { log?: LogEntry[] };
  const entry = (log ?? []).find(
    (e: LogEntry) => e.action.type === "MAKE_MOVE" && e.action.payload.type === "leak",
  );
  if (!entry) throw new Error("no leak in the log");
  return (entry.action.payload.args as unknown[])[0] as {
    messageId: string;
    message: PressMessage;
    proof: string;
  };
}

/** A raw socket on the game namespace, synced to a seat: sends moves as a hostile client could. */
class GameSocket {
  readonly errors: { code: string; message: string }[] = [];
  private syncs = 0;
  private stateID = 0;

  private constructor(
    readonly socket: Socket,
    readonly matchID: string,
    readonly playerID: string,
    readonly credentials: string,
  ) {
    socket.on("entente:error", (e: { code: string; message: string }) => this.errors.push(e));
    socket.on("sync", (_id: string, info: { state: { _stateID: number } }) => {
      this.stateID = info.state._stateID;
      this.syncs++;
    });
  }

  static async open(server: RunningServer, matchID: string, playerID: string, credentials: string) {
    const socket = io(`${server.url}/${createGame().name}`, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
    });
    sockets.push(socket);
    const game = new GameSocket(socket, matchID, playerID, credentials);
    await game.barrier();
    return game;
  }

  /** Syncs again and waits for the answer: everything sent before has been handled. */
  async barrier(): Promise<void> {
    const target = this.syncs + 1;
    this.socket.emit("sync", this.matchID, this.playerID, this.credentials);
    await bounded<true>("a sync", (done) => {
      const check = (): void => {
        if (this.syncs >= target) done(true);
        else setImmediate(check);
      };
      check();
    });
  }

  /** Sends a move straight on the socket, past any client. */
  move(type: string, arg: unknown): void {
    const action = {
      type: "MAKE_MOVE",
      payload: { type, args: [arg], playerID: this.playerID, credentials: this.credentials },
    };
    this.socket.emit("update", action, this.stateID, this.matchID, this.playerID);
  }
}

describe("the rules' side of the press channel", () => {
  const map = getMap("classic")!;
  const fakeChannel: PressChannel = {
    seal: () => "seal-1",
    verify: (leak, seal) =>
      seal === "seal-1" && leak.proof === `ok:${leak.message.id}` ? leak.message : null,
  };
  const setup = (channel?: PressChannel): MatchState => {
    const game = createGame(channel ? { pressChannel: channel } : {});
    const created = createMatch({ game, numPlayers: 7, setupData: {}, unlisted: true });
    if ("setupDataError" in created) throw new Error(created.setupDataError);
    return created.initialState.G as MatchState;
  };
  const message: PressMessage = {
    id: "pX",
    from: "ENG",
    to: ["FRA"],
    text: "hello",
    at: { year: 1901, season: "spring", phase: "movement" },
  };

  it("seals a match only when the game has a press channel", () => {
    expect(setup().pressSeal).toBeUndefined();
    expect(setup(fakeChannel).pressSeal).toBe("seal-1");
  });

  it("refuses private messages as moves and leaks without the channel's proof", () => {
    const G = setup(fakeChannel);
    const r = applyAction(map, G, "ENG", { type: "message", to: ["FRA"], text: "hi" });
    expect(!r.ok && r.error.code).toBe("use-press-channel");
    expect(explainMove(G, "2", "leak", { messageId: "pX" })?.code).toBe("use-press-channel");
    const forged = { messageId: "pX", message, proof: "forged" };
    expect(explainMove(G, "2", "leak", forged, { pressChannel: fakeChannel })?.code).toBe("unverified-leak");
    const genuine = { messageId: "pX", message, proof: "ok:pX" };
    expect(explainMove(G, "2", "leak", genuine, { pressChannel: fakeChannel })).toBeNull();
    expect(explainMove(G, "1", "leak", genuine, { pressChannel: fakeChannel })?.code).toBe("not-a-recipient");
    expect(explainMove(G, "2", "leak", { ...genuine, messageId: "pY" })?.code).toBe("unverified-leak");
  });

  it("keeps headless play as it was: no snapshot is taken without a channel", () => {
    const G = setup();
    const r = applyAction(map, G, "FRA", { type: "leak", messageId: "pX", message, proof: "ok:pX" });
    expect(!r.ok && r.error.code).toBe("unverified-leak");
    expect(explainMove(G, "2", "leak", { messageId: "pX", message, proof: "ok:pX" })?.code).toBe(
      "unverified-leak",
    );
  });
});

describe("the press verifier", () => {
  it("vouches only for a message signed with the key for the same match, and keeps its key", async () => {
    const dir = dataDir();
    const db = await openDatabase(dir);
    const verifier = pressVerifier(db);
    const message: PressMessage = {
      id: "pAbc",
      from: "ENG",
      to: ["FRA", "GER"],
      text: "hello",
      at: { year: 1901, season: "spring", phase: "movement" },
    };
    const seal = verifier.seal();
    expect(seal).not.toBe(verifier.seal());
    const proof = verifier.sign(message, seal);
    expect(verifier.verify({ messageId: "pAbc", message, proof }, seal)).toEqual(message);
    expect(verifier.verify({ messageId: "pAbc", message, proof }, verifier.seal())).toBeNull();
    expect(verifier.verify({ messageId: "pAbd", message, proof }, seal)).toBeNull();
    for (const changed of [
      { ...message, text: "hello!" },
      { ...message, from: "GER" },
      { ...message, to: ["FRA"] },
      { ...message, at: { ...message.at, year: 1902 } },
    ])
      expect(verifier.verify({ messageId: "pAbc", message: changed, proof }, seal)).toBeNull();
    expect(verifier.verify({ messageId: "pAbc", message, proof: "" }, seal)).toBeNull();
    expect(verifier.verify({ messageId: "pAbc", message: null as never, proof }, seal)).toBeNull();
    db.close();

    // The key is kept in the database: a restarted server still vouches for the message.
    const reopened = await openDatabase(dir);
    expect(pressVerifier(reopened).verify({ messageId: "pAbc", message, proof }, seal)).toEqual(message);
    reopened.close();
    const elsewhere = await openDatabase(":memory:");
    expect(pressVerifier(elsewhere).verify({ messageId: "pAbc", message, proof }, seal)).toBeNull();
    elsewhere.close();
  });
});
