/**
 * The press channel against a hostile client, on raw socket.io-client sockets and raw HTTP as an
 * attacker would use them, each test on a real server (port 0, a fresh SQLite file):
 * - a socket sees a seat's press only while it holds the seat's current credentials: leaving, the
 *   seat changing hands or its credentials being rewritten cut it off (`press:seat-lost`), and its
 *   sends are refused with an error, not dropped and not answered by closing the socket;
 * - the socket budget: `SOCKETS_PER_ADDRESS` sockets per address, `SOCKETS_PER_SEAT` press sockets
 *   per seat, refused as `too-many-sockets` and given back on disconnect (and, for a seat's slot,
 *   when the seat is lost);
 * - text with control, invisible or direction-changing characters is refused (`bad-text`), a
 *   payload over `MAX_PAYLOAD_BYTES` gets `too-large`, unknown events, wrong types and deep nesting
 *   get an error — and the socket stays usable;
 * - press is stored before it is acknowledged or delivered: when the write fails (the database
 *   is full) the sender gets `storage-failed`, the error is logged and nothing is delivered.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { MatchState } from "../../shared/src";
import { pressSeatLostSchema } from "../../shared/src/wire/press";
import type { Received } from "./support/clients";
import { api, createMatch, joinSeat, type Seat } from "./support/matches";
import { PressClient, type PressAckLike, type PressItemLike } from "./support/press";
import { hearLogs, type HeardLogs } from "./support/logs";
import { ON_POSTGRES } from "./support/database";
import { sqliteOf } from "./support/storage";
import { removeDataDir, startInProcess, waitUntil, type InProcessServer } from "./support/server";

/** How long a test waits for an ack before calling the event unanswered. */
const ACK_MS = 3_000;

const servers: InProcessServer[] = [];
const clients: PressClient[] = [];
/** The logs a test hears, stopped after it. */
const hearing: HeardLogs[] = [];

/** Keeps `logs` to be stopped after the test. */
function heard(logs: HeardLogs): HeardLogs {
  hearing.push(logs);
  return logs;
}

afterEach(async () => {
  for (const logs of hearing.splice(0)) logs.stop();
  for (const c of clients.splice(0)) c.stop();
  for (const s of servers.splice(0)) {
    await s.stop();
    removeDataDir(s.dataDir);
  }
});

/** Starts a server in this process (deadlines far apart) with extra settings. */
async function boot(env: Record<string, string> = {}): Promise<InProcessServer> {
  const server = await startInProcess({ env: { TICK_MS: "60000", ...env } });
  servers.push(server);
  return server;
}

/** Opens a press socket for a seat (or a spectator), closed after the test. */
async function open(
  server: InProcessServer,
  matchID: string,
  seat: { playerID: string; credentials: string } | null,
): Promise<PressClient> {
  const client = await PressClient.open(server.url, matchID, seat);
  clients.push(client);
  return client;
}

/** The refusal of a handshake, or "connected". */
async function attempt(
  server: InProcessServer,
  matchID: string,
  seat: { playerID: string; credentials: string } | null,
): Promise<string> {
  try {
    await open(server, matchID, seat);
    return "connected";
  } catch (e) {
    return (e as Error).message;
  }
}

/** Emits raw arguments with an ack and waits for it (bounded); "no-ack" when none came. */
async function raw(client: PressClient, event: string, ...args: unknown[]): Promise<PressAckLike | "no-ack"> {
  try {
    return (await client.socket.timeout(ACK_MS).emitWithAck(event, ...args)) as PressAckLike;
  } catch {
    return "no-ack";
  }
}

/** The refusal code of an ack, "ok", or "no-ack". */
const codeOf = (ack: PressAckLike | "no-ack"): string =>
  ack === "no-ack" ? ack : ack.ok ? "ok" : ack.error.code;

/** The items a socket received live with an event. */
function live(client: PressClient, event: string): PressItemLike[] {
  return client.received.filter((r: Received) => r.event === event).map((r) => r.args[0] as PressItemLike);
}

/** Waits until a socket received an item with this text. */
async function receives(client: PressClient, event: string, text: string): Promise<void> {
  await waitUntil(`${event} "${text.slice(0, 30)}"`, () => live(client, event).some((i) => i.text === text));
}

/** Gives a seat up through the lobby (raw HTTP), as its player would. */
async function leave(server: InProcessServer, matchID: string, seat: Seat): Promise<number> {
  const body = { playerID: seat.playerID, credentials: seat.credentials };
  return (await api(server, "POST", `/api/matches/${matchID}/leave`, body)).status;
}

/** A seven-seat classic match whose seats are all joined through the lobby. */
async function sevenSeats(server: InProcessServer): Promise<{ matchID: string; seats: Seat[] }> {
  const match = await createMatch(server);
  expect(match.via).toBe("api");
  return { matchID: match.matchID, seats: match.seats.map((s) => s!) };
}

/** The match's stored state, as the server holds it. */
function storedG(server: InProcessServer, matchID: string): MatchState {
  const { state } = server.server.ctx.storage.fetch(matchID, { state: true });
  return state!.G as MatchState;
}

describe("a press socket sees a seat's press only while it holds the seat's credentials", () => {
  it("cuts off a player who left: the new occupant's private messages never reach the old socket, whose sends are refused", async () => {
    const server = await boot();
    const { matchID, seats } = await sevenSeats(server);
    const [ada, eng] = [seats[0]!, seats[1]!]; // AUS, ENG
    expect([ada.power, eng.power]).toEqual(["AUS", "ENG"]);
    const adaSocket = await open(server, matchID, ada);
    const engSocket = await open(server, matchID, eng);
    const before = await engSocket.send(["AUS"], "for Ada, while she plays Austria");
    await receives(adaSocket, "press:message", before.text);

    expect(await leave(server, matchID, ada)).toBe(200);
    const lost = await adaSocket.next("press:seat-lost");
    expect(pressSeatLostSchema.parse(lost.args[0]).code).toBe("seat-lost");

    // Bea takes the seat Ada left; her socket reads Austria's press.
    const bea = await joinSeat(server, matchID, 0, "Bea");
    expect(bea.power).toBe("AUS");
    expect(bea.credentials).not.toBe(ada.credentials);
    const beaSocket = await open(server, matchID, bea);
    const toBea = await engSocket.send(["AUS"], "for Bea only: the secret plan");
    const fromBea = await beaSocket.send(["ENG"], "Bea's private reply");
    await receives(beaSocket, "press:message", toBea.text);
    await receives(engSocket, "press:message", fromBea.text);
    // A communiqué goes to every socket after the messages: once Ada's old socket has it, it would
    // have had the messages too.
    const communique = await engSocket.request("communique", { text: "England speaks to the world" });
    expect(codeOf(communique)).toBe("ok");
    await receives(adaSocket, "press:communique", "England speaks to the world");
    expect(live(adaSocket, "press:message").map((i) => i.text)).toEqual([before.text]);
    expect(adaSocket.serialised()).not.toContain("secret plan");
    expect(adaSocket.serialised()).not.toContain("private reply");

    // Ada's old socket is a spectator's now: each send gets an error, and it stays connected.
    for (const [event, payload] of [
      ["message", { to: ["ENG"], text: "I am still Austria" }],
      ["communique", { text: "Austria speaks" }],
      ["leak", { messageId: toBea.id }],
    ] as const) {
      const ack = await raw(adaSocket, event, payload);
      expect(codeOf(ack), event).toBe("seat-lost");
    }
    expect(adaSocket.socket.connected).toBe(true);
    expect(JSON.stringify(live(engSocket, "press:message"))).not.toContain("I am still Austria");
    // Her old credentials open nothing.
    expect(await attempt(server, matchID, ada)).toMatch(/^bad-credentials/);
  });

  it("cuts off every socket of a seat whose credentials are rewritten, and no other", async () => {
    const server = await boot();
    const { matchID, seats } = await sevenSeats(server);
    const [fra, ger] = [seats[2]!, seats[3]!];
    const fraSockets = [await open(server, matchID, fra), await open(server, matchID, fra)];
    const gerSocket = await open(server, matchID, ger);
    const spectator = await open(server, matchID, null);

    // Whoever writes the metadata (a bot standing in, a seat handed over), the seat's old sockets
    // lose its view at once.
    const { storage } = server.server.ctx;
    const metadata = storage.fetch(matchID, { metadata: true }).metadata!;
    const players = { ...metadata.players, 2: { ...metadata.players[2]!, credentials: "handed-over" } };
    storage.setMetadata(matchID, { ...metadata, players });
    for (const s of fraSockets) await s.next("press:seat-lost");
    const toFrance = await gerSocket.send(["FRA"], "France, are you there?");
    expect(toFrance.to).toEqual(["FRA"]);
    expect(codeOf(await raw(gerSocket, "communique", { text: "Germany speaks" }))).toBe("ok");
    for (const s of [...fraSockets, spectator]) await receives(s, "press:communique", "Germany speaks");
    for (const s of fraSockets) {
      expect(live(s, "press:message")).toEqual([]);
      expect(codeOf(await raw(s, "message", { to: ["GER"], text: "hello" }))).toBe("seat-lost");
    }
    expect(gerSocket.received.filter((r) => r.event === "press:seat-lost")).toEqual([]);
    expect(spectator.received.filter((r) => r.event === "press:seat-lost")).toEqual([]);
  });
});

describe("the socket budget of the press namespace", () => {
  it("refuses the sixth socket of an address with SOCKETS_PER_ADDRESS=5 and admits one again after one closes", async () => {
    const server = await boot({ SOCKETS_PER_ADDRESS: "5" });
    const { matchID, seats } = await sevenSeats(server);
    // Refused handshakes take no slot.
    for (let i = 0; i < 3; i++)
      expect(await attempt(server, matchID, { playerID: "0", credentials: "wrong" })).toMatch(
        /^bad-credentials/,
      );
    const admitted = [
      await open(server, matchID, null),
      await open(server, matchID, null),
      await open(server, matchID, null),
      await open(server, matchID, seats[0]!),
      await open(server, matchID, seats[1]!),
    ];
    const refusal = await attempt(server, matchID, null);
    expect(refusal).toMatch(/^too-many-sockets: /);
    expect(await attempt(server, matchID, seats[2]!)).toMatch(/^too-many-sockets: /);

    admitted[0]!.stop();
    await waitUntil(
      "a slot to come back",
      async () => (await attempt(server, matchID, null)) === "connected",
    );
    expect(await attempt(server, matchID, null)).toMatch(/^too-many-sockets: /);
    // A seat socket's slot comes back too.
    admitted[3]!.stop();
    await waitUntil(
      "a seat socket's slot to come back",
      async () => (await attempt(server, matchID, seats[0]!)) === "connected",
    );
    expect(await attempt(server, matchID, null)).toMatch(/^too-many-sockets: /);
  });

  it("refuses the third press socket of a seat with SOCKETS_PER_SEAT=2; a lost seat gives its slots back", async () => {
    const server = await boot({ SOCKETS_PER_SEAT: "2" });
    const { matchID, seats } = await sevenSeats(server);
    const ada = seats[0]!;
    const first = await open(server, matchID, ada);
    const second = await open(server, matchID, ada);
    expect(await attempt(server, matchID, ada)).toMatch(/^too-many-sockets: /);
    // Other seats and spectators are not held back by Austria's sockets.
    await open(server, matchID, seats[1]!);
    await open(server, matchID, seats[1]!);
    await open(server, matchID, null);
    await open(server, matchID, null);
    await open(server, matchID, null);

    first.stop();
    await waitUntil(
      "the seat's slot to come back",
      async () => (await attempt(server, matchID, ada)) === "connected",
    );
    expect(await attempt(server, matchID, ada)).toMatch(/^too-many-sockets: /);

    // Ada leaves: her sockets lose the seat and its slots; Bea gets the seat's whole budget.
    expect(await leave(server, matchID, ada)).toBe(200);
    await second.next("press:seat-lost");
    const bea = await joinSeat(server, matchID, 0, "Bea");
    await open(server, matchID, bea);
    await open(server, matchID, bea);
    expect(await attempt(server, matchID, bea)).toMatch(/^too-many-sockets: /);
    expect(second.socket.connected).toBe(true);
  });
});

describe("hostile press payloads get an error and the socket stays usable", () => {
  it("refuses NUL, invisible and direction-changing characters (bad-text); keeps newlines and tabs; stores NFC", async () => {
    const server = await boot();
    const { matchID, seats } = await sevenSeats(server);
    const eng = await open(server, matchID, seats[1]!);
    const fra = await open(server, matchID, seats[2]!);
    for (const text of [
      "hello\u0000world",
      "Ada\u200B",
      "\u202Egnitset",
      "x\u2066y\u2069",
      "\uFEFFhello",
      "soft\u00ADhyphen",
      "zero\u200Dwidth\u200Cjoiners",
      "left\u200Eright\u200Fmarks",
      "bell\u0007",
      "lone\rreturn",
      "private\uE000use",
      "line\u2028separator",
    ]) {
      const ack = await raw(eng, "message", { to: ["FRA"], text });
      expect(codeOf(ack), JSON.stringify(text)).toBe("bad-text");
      if (ack !== "no-ack" && !ack.ok) expect(ack.error.message).toMatch(/U\+[0-9A-F]{4}/);
      expect(codeOf(await raw(eng, "communique", { text })), JSON.stringify(text)).toBe("bad-text");
    }
    const nul = await raw(eng, "message", { to: ["FRA"], text: "a\u0000b" });
    expect(nul !== "no-ack" && !nul.ok && nul.error.message).toMatch(/^U\+0000 \(NUL\) is not allowed/);
    expect(storedG(server, matchID).communiques).toEqual([]);

    const kept = await eng.send(["FRA"], "Line one\r\nLine two\n\tindented");
    expect(kept.text).toBe("Line one\nLine two\n\tindented");
    const nfc = await eng.send(["FRA"], "Caf\u0065\u0301 ❤️ 1️⃣");
    expect(nfc.text).toBe("Caf\u00E9 ❤️ 1️⃣");
    await receives(fra, "press:message", nfc.text);
    expect(live(fra, "press:message").map((i) => i.text)).toEqual([kept.text, nfc.text]);
    const rows = server.server.ctx.db.prepare(`SELECT text FROM press WHERE match_id = ?`).all(matchID);
    expect(rows).toEqual([{ text: kept.text }, { text: nfc.text }]);
  });

  it("answers a 70 kB message with too-large (MAX_PAYLOAD_BYTES at its default) and keeps the socket", async () => {
    const server = await boot();
    expect(server.server.ctx.config.MAX_PAYLOAD_BYTES).toBe(65_536);
    const { matchID, seats } = await sevenSeats(server);
    const eng = await open(server, matchID, seats[1]!);
    const fra = await open(server, matchID, seats[2]!);
    const huge = "x".repeat(70_000);
    expect(codeOf(await raw(eng, "message", { to: ["FRA"], text: huge }))).toBe("too-large");
    expect(codeOf(await raw(eng, "communique", { text: huge }))).toBe("too-large");
    // Under the payload limit but over the text limit: text-too-long.
    expect(codeOf(await raw(eng, "message", { to: ["FRA"], text: "y".repeat(60_000) }))).toBe(
      "text-too-long",
    );
    expect(eng.socket.connected).toBe(true);
    const after = await eng.send(["FRA"], "still here");
    await receives(fra, "press:message", after.text);
    expect(live(fra, "press:message").map((i) => i.text)).toEqual(["still here"]);
  });

  it("answers unknown events, wrong types and deep nesting with an error, and never throws", async () => {
    const errors = heard(hearLogs("error"));
    const server = await boot();
    const { matchID, seats } = await sevenSeats(server);
    const eng = await open(server, matchID, seats[1]!);
    const fra = await open(server, matchID, seats[2]!);

    for (const event of [
      "hello",
      "press:message",
      "sync",
      "update",
      "__proto__",
      "constructor",
      "x".repeat(500),
    ])
      expect(codeOf(await raw(eng, event, { to: ["FRA"], text: "hi" })), event).toBe("unknown-event");
    eng.socket.emit("hello", { no: "ack" }); // nothing to answer, nothing breaks
    eng.socket.emit("message"); // a known event without payload or ack

    for (const payload of [
      undefined,
      null,
      5,
      "text",
      true,
      [],
      [{ to: ["FRA"], text: "x" }],
      { to: "FRA", text: "x" },
    ])
      expect(codeOf(await raw(eng, "message", payload)), JSON.stringify(payload)).toBe("bad-payload");
    expect(codeOf(await raw(eng, "message", { to: ["FRA"], text: { toString: "x" } }))).toBe("bad-payload");
    const proto: unknown = JSON.parse('{"text":"x","__proto__":{"polluted":true}}');
    expect(codeOf(await raw(eng, "communique", proto))).toBe("bad-payload");
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(codeOf(await raw(eng, "leak", { messageId: ["x"] }))).toBe("bad-payload");
    expect(codeOf(await raw(eng, "message", { to: ["FRA"], text: "two" }, "extra", 3))).toBe("ok");

    // Deep nesting, in arrays and in objects.
    let deepArray: unknown = "FRA";
    for (let i = 0; i < 2_000; i++) deepArray = [deepArray];
    let deepObject: unknown = {};
    for (let i = 0; i < 2_000; i++) deepObject = { a: deepObject };
    expect(codeOf(await raw(eng, "message", { to: deepArray, text: "deep" }))).toBe("too-deep");
    expect(codeOf(await raw(eng, "leak", deepObject))).toBe("too-deep");
    expect(codeOf(await raw(eng, "communique", { text: "x" }, deepObject))).toBe("too-deep");

    expect(eng.socket.connected).toBe(true);
    const last = await eng.send(["FRA"], "after all that");
    await receives(fra, "press:message", last.text);
    expect(live(fra, "press:message").map((i) => i.text)).toEqual(["two", "after all that"]);
    const failures = errors.records().filter((r) => r.module === "press");
    expect(failures).toEqual([]);
  });
});

describe("press is stored before it is acknowledged or delivered", () => {
  // SQLite's own way to refuse writes; the PostgreSQL run has its own storage-failure story.
  it.skipIf(ON_POSTGRES)(
    "answers storage-failed when the database is full, logs it and delivers nothing",
    async () => {
      const errors = heard(hearLogs("error"));
      const server = await boot();
      const { matchID, seats } = await sevenSeats(server);
      const eng = await open(server, matchID, seats[1]!);
      const fra = await open(server, matchID, seats[2]!);
      const db = sqliteOf(server.server.ctx.db);
      const pages = db.pragma("page_count", { simple: true }) as number;
      db.pragma(`max_page_count = ${pages}`); // the file may not grow: "database or disk is full"

      const accepted: string[] = [];
      let refused: { text: string; ack: PressAckLike | "no-ack" } | null = null;
      for (let i = 0; i < 200 && refused === null; i++) {
        const text = `message ${i} ${"x".repeat(1_900)}`;
        const ack = await raw(eng, "message", { to: ["FRA"], text });
        if (codeOf(ack) === "ok") accepted.push(text);
        else refused = { text, ack };
      }
      expect(refused, "the database never filled up").not.toBeNull();
      expect(codeOf(refused!.ack)).toBe("storage-failed");
      const notStored = errors
        .records()
        .filter((r) => r.module === "press" && r.msg.startsWith("could not store message "));
      expect(notStored.length).toBeGreaterThan(0);
      expect(notStored[0]).toMatchObject({ level: "error", matchID });
      expect(notStored[0]!.msg).toMatch(new RegExp(`^could not store message \\S+ of match ${matchID}$`));
      expect(JSON.stringify(notStored[0]!["err"])).toMatch(/full/i); // the storage error, through pino's serializer
      const communique = await raw(eng, "communique", { text: "a communiqué into a full file" });
      expect(codeOf(communique)).toBe("storage-failed");

      db.pragma("max_page_count = 1073741823");
      const after = await eng.send(["FRA"], "room again");
      await receives(fra, "press:message", after.text);
      expect(live(fra, "press:message").map((i) => i.text)).toEqual([...accepted, "room again"]);
      expect(live(eng, "press:message").map((i) => i.text)).toEqual([...accepted, "room again"]);
      expect(live(fra, "press:communique")).toEqual([]);
      const rows = db.prepare(`SELECT text FROM press WHERE match_id = ? ORDER BY rowid`).all(matchID);
      expect(rows).toEqual([...accepted, "room again"].map((text) => ({ text })));
      expect(storedG(server, matchID).communiques).toEqual([]);
    },
  );
});

describe("the press handshake takes only its own fields", () => {
  it("refuses a handshake with an extra field (bad-handshake) and admits the same without it", async () => {
    const server = await boot();
    const { matchID, seats } = await sevenSeats(server);
    const seat = seats[0]!;
    const { io } = await import("socket.io-client");
    const refusal = await new Promise<string>((resolve) => {
      const socket = io(`${server.url}/press`, {
        transports: ["websocket"],
        forceNew: true,
        reconnection: false,
        auth: { matchID, playerID: seat.playerID, credentials: seat.credentials, admin: true },
      });
      socket.on("connect", () => {
        socket.close();
        resolve("connected");
      });
      socket.on("connect_error", (e) => {
        socket.close();
        resolve(e.message);
      });
    });
    expect(refusal).toMatch(/^bad-handshake/);
    expect(await attempt(server, matchID, seat)).toBe("connected");
  });
});
