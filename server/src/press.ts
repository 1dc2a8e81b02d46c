/**
 * The press channel (DESIGN §4): free-text press lives outside `G`, in its own authenticated
 * socket.io namespace `/press`, persisted in the server's SQLite file (table `press`).
 * Reference: docs/api.md, "Press channel".
 *
 * - Handshake: `auth = { matchID, playerID, credentials }`, checked against boardgame.io's
 *   metadata; without a `playerID` the socket is a spectator's (read-only, communiqués only). Bad
 *   credentials refuse the connection (`connect_error` with the reason), and so does a full socket
 *   budget (`too-many-sockets`: `SOCKETS_PER_ADDRESS` sockets of both namespaces per address,
 *   `SOCKETS_PER_SEAT` press sockets per seat; the slots are given back on disconnect).
 * - On connect: `press:history` — every message the seat's power sent or received and every
 *   communiqué of the match, oldest first.
 * - A seat's view lasts only while the socket's credentials hold the seat: after every metadata
 *   write (a seat left, taken, handed over) each seat socket of the match is compared with the
 *   seat's credentials, and one that no longer holds it leaves its power's room, becomes a
 *   spectator's and gets `press:seat-lost`; its sends are then refused (`seat-lost`).
 * - Client → server, each with an ack `(result) => …`, `{ ok: true, … }` or
 *   `{ ok: false, error: { code, message } }`; nothing a client sends makes a handler throw:
 *   `message { to, text }` (press mode `full`) → stored, then `press:message` to the sender's
 *   and recipients' sockets; `communique { text }` (press mode `full` or `public`) → stored, into
 *   the game through the `communique` move (printed in the next edition), then `press:communique`
 *   to everyone in the match; `leak { messageId }` (a recipient of that message) → into the game
 *   through the `leak` move with the server's proof. Any other event is answered `unknown-event`.
 *   Press is stored before it is acknowledged or delivered; a failed write answers
 *   `storage-failed` and delivers nothing.
 * - Limits: each event's payload at most `MAX_PAYLOAD_BYTES` (as JSON; `too-large`) and
 *   `MAX_PAYLOAD_DEPTH` levels deep; text by the shared text rules (`bad-text`: no control,
 *   invisible or direction-changing characters; NFC), 1–`MAX_PRESS_TEXT_LENGTH` characters after
 *   trimming; `PRESS_PER_MINUTE` sends per seat (a token bucket).
 *
 * A leak can only enter `G` through this module: the server's `Game` is built with
 * `createGame({ pressChannel: pressVerifier(db) })`, whose `leak` move takes only a message
 * signed here (an HMAC under a key kept in the database and never sent, bound to the match's
 * `pressSeal`), and whose `message` move is refused (`use-press-channel`).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type Database from "better-sqlite3";
import type { Server as SocketServer, Socket } from "socket.io";
import { z } from "zod";
import {
  cleanPressText,
  eliminatedPowers,
  getMap,
  MAX_ACTION_POWERS,
  MAX_ID_LENGTH,
  MAX_PRESS_TEXT_LENGTH,
  phaseOf,
  powerOfPlayer,
  pressMessageSchema,
  type LeakProof,
  type MatchState,
  type PhaseRef,
  type PowerId,
  type PressChannel,
  type PressMessage,
} from "../../shared/src";
import type { BotPress } from "./bots";
import type { ServerContext } from "./context";
import { RateLimits } from "./rate-limit";
import { measure } from "./move-guard";
import { releaseOnClose } from "./sockets";
import { ensureTables } from "./storage";
import { seatHeld } from "./transport";

/** The namespace of the press channel. */
export const PRESS_NAMESPACE = "/press";

export type { PressItem, PressKind } from "../../shared/src/match/types";
import type { PressItem, PressKind } from "../../shared/src/match/types";

/** The `press:history` event: what a socket may read, oldest first. */
export interface PressHistory {
  readonly power: PowerId | null; // null for a spectator
  readonly items: readonly PressItem[];
}

/** Why a press event was refused. */
export interface PressError {
  readonly code: string;
  readonly message: string;
}

/** The answer to every client → server event. */
export type PressAck<T extends object = object> =
  | ({ readonly ok: true } & T)
  | { readonly ok: false; readonly error: PressError };

/** The handshake a press socket sends (`io(url + "/press", { auth })`). */
export const pressAuthSchema = z.strictObject({
  matchID: z.string().min(1).max(64),
  playerID: z.string().max(8).nullish(),
  credentials: z.string().max(256).nullish(),
});

const messageSchema = z.strictObject({
  to: z.array(z.string().min(1).max(MAX_ID_LENGTH)).min(1).max(MAX_ACTION_POWERS),
  text: z.string(),
});
const communiqueSchema = z.strictObject({ text: z.string() });
const leakSchema = z.strictObject({ messageId: z.string().min(1).max(MAX_ID_LENGTH) });

/** The press channel's signer and the `Game`'s verifier of leaks. */
export interface PressVerifier extends PressChannel {
  /** The proof that the server delivered `message` in the match sealed with `seal`. */
  sign(message: PressMessage, seal: string): string;
}

/** Creates the press tables (idempotent). */
export function ensurePressTables(db: Database.Database): void {
  ensureTables(
    db,
    `CREATE TABLE IF NOT EXISTS press (
       id TEXT PRIMARY KEY,
       match_id TEXT NOT NULL REFERENCES matches(id) ON DELETE CASCADE,
       sender TEXT NOT NULL,
       recipients TEXT NOT NULL,
       text TEXT NOT NULL,
       kind TEXT NOT NULL CHECK (kind IN ('message', 'communique')),
       phase TEXT NOT NULL,
       created_at INTEGER NOT NULL
     );
     CREATE INDEX IF NOT EXISTS press_match ON press(match_id, created_at);
     CREATE TABLE IF NOT EXISTS press_key (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       secret BLOB NOT NULL
     );`,
  );
}

/** What the HMAC covers: the match's seal and every field of the message, in a fixed order. */
function signedContent(message: PressMessage, seal: string): string {
  const { id, from, to, text, at } = message;
  return JSON.stringify(["entente-leak-v1", seal, id, from, [...to], text, at.year, at.season, at.phase]);
}

/**
 * The press channel's HMAC signer and verifier over a key kept in the database (table
 * `press_key`, made on first use), so proofs survive a restart. Give it to
 * `createGame({ pressChannel })`; `attachPress` makes its own over the same database.
 */
export function pressVerifier(db: Database.Database): PressVerifier {
  ensurePressTables(db);
  db.prepare(`INSERT OR IGNORE INTO press_key (id, secret) VALUES (1, ?)`).run(randomBytes(32));
  const row = db.prepare(`SELECT secret FROM press_key WHERE id = 1`).get() as { secret: Buffer };
  const key = Buffer.from(row.secret);
  const mac = (message: PressMessage, seal: string): Buffer =>
    createHmac("sha256", key).update(signedContent(message, seal)).digest();
  return {
    seal: () => randomBytes(16).toString("base64url"),
    sign: (message, seal) => mac(message, seal).toString("base64url"),
    verify: (leak: LeakProof, seal: string): PressMessage | null => {
      try {
        const parsed = pressMessageSchema.safeParse(leak.message);
        if (!parsed.success || parsed.data.id !== leak.messageId || typeof leak.proof !== "string")
          return null;
        const message: PressMessage = parsed.data;
        const given = Buffer.from(leak.proof, "base64url");
        const expected = mac(message, seal);
        return given.length === expected.length && timingSafeEqual(given, expected) ? message : null;
      } catch {
        return null;
      }
    },
  };
}

interface PressRow {
  id: string;
  match_id: string;
  sender: string;
  recipients: string;
  text: string;
  kind: PressKind;
  phase: string;
  created_at: number;
}

function itemOf(row: PressRow): PressItem {
  return {
    id: row.id,
    kind: row.kind,
    from: row.sender,
    to: JSON.parse(row.recipients) as PowerId[],
    text: row.text,
    at: JSON.parse(row.phase) as PhaseRef,
    sentAt: row.created_at,
  };
}

/** The events a client may send, each with an ack. */
const PRESS_EVENTS: ReadonlySet<string> = new Set(["message", "communique", "leak"]);

/** How deep an event's payload may nest (a message needs three levels: itself, `to`, a power). */
export const MAX_PAYLOAD_DEPTH = 8;

/** The event a socket gets when its credentials stop holding its seat. */
export const SEAT_LOST_EVENT = "press:seat-lost";

const SEAT_LOST: PressError = {
  code: "seat-lost",
  message:
    "this socket's credentials no longer hold its seat (it was left, taken or handed over); it now sees only what a spectator sees — reconnect with the seat's current credentials",
};

/** A seat a press socket holds, proven by its credentials. */
interface HeldSeat {
  readonly playerID: string;
  readonly credentials: string;
  readonly power: PowerId;
}

/** The socket budget's slots a press socket took (each given back once). */
interface Slots {
  address: string | null;
  seat: { readonly matchID: string; readonly playerID: string } | null;
}

/** Who a press socket is: fixed at the handshake, except that its seat can be lost. */
interface PressSession {
  readonly matchID: string;
  seat: HeldSeat | null; // null: a spectator's view
  lost: boolean; // it held a seat whose credentials have changed since
  readonly slots: Slots;
}

/** A refusal carried through the handlers. */
class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const fail = (code: string, message: string): never => {
  throw new Refusal(code, message);
};

/** The room of every socket of a match (players and spectators). */
const matchRoom = (matchID: string): string => `match:${matchID}`;
/** The room of the sockets of one power in a match. */
const powerRoom = (matchID: string, power: PowerId): string => `match:${matchID}:power:${power}`;

/** Calls an ack, whatever the client made of it. */
function answer(ack: ((result: PressAck) => void) | undefined, result: PressAck): void {
  try {
    ack?.(result);
  } catch {
    // a misbehaving client's ack cannot hurt the server
  }
}

/**
 * Serves the `/press` namespace on the server's socket.io server.
 * @returns the sender bots post their private messages with (stored and delivered like a player's)
 */
export function attachPress(ctx: ServerContext, io: SocketServer): BotPress {
  const verifier = pressVerifier(ctx.db);
  const perMinute = ctx.config.PRESS_PER_MINUTE;
  const maxBytes = ctx.config.MAX_PAYLOAD_BYTES;
  const limits = new RateLimits(perMinute / 60, perMinute, ctx.now);
  const nsp = io.of(PRESS_NAMESPACE);
  /** The connected sockets that hold a seat, by match. */
  const seatSockets = new Map<string, Set<Socket>>();

  const insert = ctx.db.prepare(
    `INSERT INTO press (id, match_id, sender, recipients, text, kind, phase, created_at)
     VALUES (@id, @match_id, @sender, @recipients, @text, @kind, @phase, @created_at)`,
  );
  const remove = ctx.db.prepare(`DELETE FROM press WHERE id = ?`);
  const historyOf = ctx.db.prepare(
    `SELECT * FROM press WHERE match_id = @match AND (kind = 'communique' OR (@power IS NOT NULL AND
       (sender = @power OR EXISTS (SELECT 1 FROM json_each(press.recipients) WHERE json_each.value = @power))))
     ORDER BY created_at, rowid`,
  );
  const findMessage = ctx.db.prepare(
    `SELECT * FROM press WHERE id = ? AND match_id = ? AND kind = 'message'`,
  );

  /** Stores an item, or refuses with `storage-failed` (logged) — then nothing may be delivered. */
  const store = (matchID: string, item: PressItem): void => {
    try {
      insert.run({
        id: item.id,
        match_id: matchID,
        sender: item.from,
        recipients: JSON.stringify(item.to),
        text: item.text,
        kind: item.kind,
        phase: JSON.stringify(item.at),
        created_at: item.sentAt,
      });
    } catch (e) {
      console.error(`press: could not store ${item.kind} ${item.id} of match ${matchID}:`, e);
      fail("storage-failed", "the press could not be stored, so it was not sent; try again later");
    }
  };

  /** Takes back a stored item the game then refused (best effort, logged). */
  const unstore = (item: PressItem): void => {
    try {
      remove.run(item.id);
    } catch (e) {
      console.error(`press: could not remove refused ${item.kind} ${item.id}:`, e);
    }
  };

  /** The match's state, or a refusal. */
  const stateOf = (matchID: string): MatchState => {
    const { state } = ctx.storage.fetch(matchID, { state: true });
    if (!state) return fail("unknown-match", "no such match");
    return state.G as MatchState;
  };

  /** Whether the credentials hold the seat now. */
  const holdsSeat = (matchID: string, playerID: string, credentials: string): boolean => {
    const { metadata } = ctx.storage.fetch(matchID, { metadata: true });
    return seatHeld(metadata, playerID, credentials);
  };

  /** Gives a socket's budget slots back (each once). */
  const release = (slots: Slots): void => {
    if (slots.address !== null) ctx.sockets.releaseAddress(slots.address);
    if (slots.seat !== null) ctx.sockets.releaseSeat("press", slots.seat.matchID, slots.seat.playerID);
    slots.address = null;
    slots.seat = null;
  };

  /** Makes a session a spectator's whose seat was lost (gives the seat's slot back). */
  const loseSeat = (session: PressSession): void => {
    if (session.slots.seat !== null) {
      ctx.sockets.releaseSeat("press", session.slots.seat.matchID, session.slots.seat.playerID);
      session.slots.seat = null;
    }
    session.seat = null;
    session.lost = true;
  };

  const track = (socket: Socket, matchID: string): void => {
    let held = seatSockets.get(matchID);
    if (!held) seatSockets.set(matchID, (held = new Set()));
    held.add(socket);
  };

  const untrack = (socket: Socket, matchID: string): void => {
    const held = seatSockets.get(matchID);
    held?.delete(socket);
    if (held?.size === 0) seatSockets.delete(matchID);
  };

  /** Cuts a connected socket off its seat's view: it leaves its power's room and becomes a spectator. */
  const cutOff = (socket: Socket): void => {
    const session = socket.data as PressSession;
    const seat = session.seat;
    if (seat === null) return;
    untrack(socket, session.matchID);
    void socket.leave(powerRoom(session.matchID, seat.power));
    loseSeat(session);
    socket.emit(SEAT_LOST_EVENT, SEAT_LOST);
  };

  // After every metadata write, every seat socket of the match must still hold its seat.
  ctx.storage.onMetadata((matchID, metadata) => {
    try {
      const held = seatSockets.get(matchID);
      if (!held) return;
      for (const socket of [...held]) {
        const seat = (socket.data as PressSession).seat;
        if (seat !== null && !seatHeld(metadata, seat.playerID, seat.credentials)) cutOff(socket);
      }
    } catch (e) {
      // never into the writer's transaction; a socket that was not cut off is refused at its next send
      console.error(`press: checking the seats of match ${matchID} failed:`, e);
    }
  });

  const botPress: BotPress = {
    message(matchID, from, to, text) {
      const { state } = ctx.storage.fetch(matchID, { state: true });
      if (!state) return;
      const G = state.G as MatchState;
      if (G.settings.pressMode !== "full" || to.length === 0) return;
      const item: PressItem = {
        id: `p${randomBytes(12).toString("base64url")}`,
        kind: "message",
        from,
        to: G.powers.filter((p) => to.includes(p)),
        text: text.slice(0, MAX_PRESS_TEXT_LENGTH),
        at: phaseOf(G.position),
        sentAt: ctx.now(),
      };
      try {
        store(matchID, item);
      } catch {
        return; // logged; a bot's message that was not stored is not delivered
      }
      nsp.to([from, ...item.to].map((p) => powerRoom(matchID, p))).emit("press:message", item);
    },
  };

  nsp.use((socket, next) => {
    const slots: Slots = { address: null, seat: null };
    let releaseNow = (): void => release(slots);
    const refuse = (reason: string): void => {
      releaseNow();
      next(new Error(reason));
    };
    try {
      const address = socket.handshake.address;
      const overAddress = ctx.sockets.admitAddress(address);
      if (overAddress) return next(new Error(`${overAddress.code}: ${overAddress.message}`));
      slots.address = address;
      releaseNow = releaseOnClose(socket, () => release(slots));

      const overViews = ctx.sockets.admitView(address);
      if (overViews) return refuse(`${overViews.code}: ${overViews.message}`);
      const auth = pressAuthSchema.safeParse(socket.handshake.auth);
      if (!auth.success) return refuse("bad-handshake: send { matchID, playerID, credentials }");
      const { matchID } = auth.data;
      const playerID = auth.data.playerID ?? null;
      const credentials = auth.data.credentials ?? null;
      if (!ctx.storage.has(matchID)) return refuse(`unknown-match: no match "${matchID}"`);
      const G = stateOf(matchID);
      let seat: HeldSeat | null = null;
      if (playerID !== null) {
        const power = powerOfPlayer(G, playerID);
        if (power === null || credentials === null || !holdsSeat(matchID, playerID, credentials))
          return refuse("unauthorized: those credentials do not hold that seat");
        const overSeat = ctx.sockets.admitSeat("press", matchID, playerID);
        if (overSeat) return refuse(`${overSeat.code}: ${overSeat.message}`);
        slots.seat = { matchID, playerID };
        seat = { playerID, credentials, power };
      }
      const session: PressSession = { matchID, seat, lost: false, slots };
      socket.data = session;
      next();
    } catch (e) {
      console.error("press: a handshake could not be checked:", e);
      refuse("server-error: the handshake could not be checked");
    }
  });

  nsp.on("connection", (socket: Socket) => {
    const session = socket.data as PressSession;
    const { matchID } = session;
    socket.on("disconnect", () => untrack(socket, matchID)); // the slots go back by releaseOnClose
    // The seat may have changed hands between the handshake and now.
    if (session.seat !== null && !holdsSeat(matchID, session.seat.playerID, session.seat.credentials))
      loseSeat(session);
    void socket.join(matchRoom(matchID));
    if (session.seat !== null) {
      void socket.join(powerRoom(matchID, session.seat.power));
      track(socket, matchID);
    }
    const power = session.seat?.power ?? null;
    const rows = historyOf.all({ match: matchID, power }) as PressRow[];
    const history: PressHistory = { power, items: rows.map(itemOf) };
    socket.emit("press:history", history);
    if (session.lost) socket.emit(SEAT_LOST_EVENT, SEAT_LOST);

    // Every event is checked before its handler: known, bounded in size and depth.
    socket.use((packet, next) => {
      const [event, ...args] = packet as [unknown, ...unknown[]];
      const last = args[args.length - 1];
      const ack = typeof last === "function" ? (last as (result: PressAck) => void) : undefined;
      const refuse = (code: string, message: string): void =>
        answer(ack, { ok: false, error: { code, message } });
      try {
        if (typeof event !== "string" || !PRESS_EVENTS.has(event))
          return refuse(
            "unknown-event",
            `the press channel takes "message", "communique" and "leak", not "${String(event).slice(0, 40)}"`,
          );
        // The arguments' list is one level more than the payload in it.
        const problem = measure(ack ? args.slice(0, -1) : args, {
          maxBytes,
          maxDepth: MAX_PAYLOAD_DEPTH + 1,
        });
        if (problem === "too-large")
          return refuse("too-large", `an event's payload must be at most ${maxBytes} bytes`);
        if (problem === "too-deep")
          return refuse("bad-payload", `a payload may nest at most ${MAX_PAYLOAD_DEPTH} levels deep`);
        next();
      } catch (e) {
        console.error("press: an event could not be checked:", e);
        refuse("server-error", "the event could not be checked");
      }
    });

    /** Registers a handler that answers through the ack and never throws. */
    const handle = (event: string, work: (payload: unknown) => Promise<object>): void => {
      socket.on(event, (...args: unknown[]) => {
        const last = args[args.length - 1];
        const ack = typeof last === "function" ? (last as (result: PressAck) => void) : undefined;
        void (async () => {
          try {
            answer(ack, { ok: true, ...(await work(args[0])) });
          } catch (e) {
            if (e instanceof Refusal) answer(ack, { ok: false, error: { code: e.code, message: e.message } });
            else {
              console.error(`press ${event} failed:`, e);
              answer(ack, {
                ok: false,
                error: { code: "server-error", message: "the press could not be sent" },
              });
            }
          }
        })();
      });
    };

    /** The sender's seat after the checks every send shares; its state. */
    const sender = (): { power: PowerId; playerID: string; G: MatchState } => {
      const { seat } = session;
      if (seat === null)
        return session.lost
          ? fail(SEAT_LOST.code, SEAT_LOST.message)
          : fail("read-only", "spectators cannot send press");
      if (!holdsSeat(matchID, seat.playerID, seat.credentials)) {
        cutOff(socket);
        return fail(SEAT_LOST.code, SEAT_LOST.message);
      }
      const { power, playerID } = seat;
      if (!limits.take(`${matchID}/${playerID}`)) return fail("rate-limited", "too much press; slow down");
      const G = stateOf(matchID);
      if (G.result !== null) return fail("game-over", "the game has ended");
      const map = getMap(G.settings.mapId);
      if (map === null) return fail("server-error", "the match's map is unknown");
      if (eliminatedPowers(map, G.position).includes(power))
        return fail("eliminated", "an eliminated power sends no more press");
      return { power, playerID, G };
    };

    /** Text by the shared text rules: clean characters, NFC, trimmed, not blank, not too long. */
    const textOf = (raw: string): string => {
      const cleaned = cleanPressText(raw);
      if (!cleaned.ok) return fail("bad-text", cleaned.error);
      const text = cleaned.value;
      if (text.length === 0) return fail("empty-text", "the text is blank");
      if (text.length > MAX_PRESS_TEXT_LENGTH)
        return fail("text-too-long", `the text is longer than ${MAX_PRESS_TEXT_LENGTH} characters`);
      return text;
    };

    const newItem = (
      kind: PressKind,
      from: PowerId,
      to: readonly PowerId[],
      text: string,
      G: MatchState,
    ): PressItem => ({
      id: `p${randomBytes(12).toString("base64url")}`,
      kind,
      from,
      to,
      text,
      at: phaseOf(G.position),
      sentAt: ctx.now(),
    });

    handle("message", async (payload) => {
      const parsed = messageSchema.safeParse(payload);
      if (!parsed.success) return fail("bad-payload", "a message is { to: [powers], text }");
      const { power, G } = sender();
      if (G.settings.pressMode !== "full")
        return fail("press-not-allowed", "private conversations are off in this match");
      const text = textOf(parsed.data.text);
      const to = parsed.data.to;
      const map = getMap(G.settings.mapId)!;
      const eliminated = eliminatedPowers(map, G.position);
      if (
        new Set(to).size !== to.length ||
        to.some((p) => p === power || !G.powers.includes(p) || eliminated.includes(p))
      )
        return fail(
          "bad-recipients",
          "a message goes to one or more other powers still in play, each named once",
        );
      const item = newItem(
        "message",
        power,
        G.powers.filter((p) => to.includes(p)),
        text,
        G,
      );
      store(matchID, item);
      nsp.to([power, ...item.to].map((p) => powerRoom(matchID, p))).emit("press:message", item);
      return { message: item };
    });

    handle("communique", async (payload) => {
      const parsed = communiqueSchema.safeParse(payload);
      if (!parsed.success) return fail("bad-payload", "a communiqué is { text }");
      const { power, playerID, G } = sender();
      if (G.settings.pressMode === "none") return fail("press-not-allowed", "this is a no-press match");
      const text = textOf(parsed.data.text);
      const item = newItem("communique", power, [], text, G);
      // Stored first: a communiqué the file does not keep never reaches the game.
      store(matchID, item);
      let refused: { code: string; message: string } | null;
      try {
        refused = await ctx.transport.serverMove(matchID, playerID, "communique", { text });
      } catch (e) {
        unstore(item);
        throw e;
      }
      if (refused) {
        unstore(item);
        return fail(refused.code, refused.message);
      }
      nsp.to(matchRoom(matchID)).emit("press:communique", item);
      return { communique: item };
    });

    handle("leak", async (payload) => {
      const parsed = leakSchema.safeParse(payload);
      if (!parsed.success) return fail("bad-payload", "a leak is { messageId }");
      const { power, playerID, G } = sender();
      if (G.settings.pressMode !== "full")
        return fail("press-not-allowed", "there is no private press to leak");
      const row = findMessage.get(parsed.data.messageId, matchID) as PressRow | undefined;
      const item = row === undefined ? null : itemOf(row);
      if (item === null || (item.from !== power && !item.to.includes(power)))
        return fail("unknown-message", "there is no such message in your conversations");
      if (!item.to.includes(power)) return fail("not-a-recipient", "only a recipient can leak a message");
      if (G.pressSeal === undefined)
        return fail("no-press-channel", "this match's game does not take leaks from the press channel");
      const message: PressMessage = {
        id: item.id,
        from: item.from,
        to: item.to,
        text: item.text,
        at: item.at,
      };
      const proof = verifier.sign(message, G.pressSeal);
      const refused = await ctx.transport.serverMove(matchID, playerID, "leak", {
        messageId: item.id,
        message,
        proof,
      });
      if (refused) return fail(refused.code, refused.message);
      return { leak: { messageId: item.id } };
    });
  });
  return botPress;
}
