/**
 * The press channel (DESIGN §4): free-text press lives outside `G`, in its own authenticated
 * socket.io namespace `/press`, persisted in the server's SQLite file (table `press`).
 *
 * - Handshake: `auth = { matchID, playerID, credentials }`, checked against boardgame.io's
 *   metadata; without a `playerID` the socket is a spectator's (read-only, communiqués only). Bad
 *   credentials refuse the connection (`connect_error` with the reason).
 * - On connect: `press:history` — every message the seat's power sent or received and every
 *   communiqué of the match, oldest first.
 * - Client → server, each with an ack `(result) => …`, `{ ok: true, … }` or
 *   `{ ok: false, error: { code, message } }`; nothing a client sends makes a handler throw:
 *   `message { to, text }` (press mode `full`) → persisted, then `press:message` to the sender's
 *   and recipients' sockets; `communique { text }` (press mode `full` or `public`) → into the game
 *   through the `communique` move (printed in the next edition), persisted, then
 *   `press:communique` to everyone in the match; `leak { messageId }` (a recipient of that
 *   message) → into the game through the `leak` move with the server's proof.
 * - Limits: text 1–`MAX_PRESS_TEXT_LENGTH` characters after trimming; `PRESS_PER_MINUTE` sends per
 *   seat (a token bucket); payloads are bounded by socket.io's `maxHttpBufferSize`.
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
import { ensureTables } from "./storage";

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
export const pressAuthSchema = z.object({
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

/** Who a press socket is, fixed at the handshake. */
interface PressSession {
  readonly matchID: string;
  readonly playerID: string | null; // null: a spectator
  readonly credentials: string | null;
  readonly power: PowerId | null;
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

/** Compares two secrets in constant time. */
function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Serves the `/press` namespace on the server's socket.io server.
 * @returns the sender bots post their private messages with (stored and delivered like a player's)
 */
export function attachPress(ctx: ServerContext, io: SocketServer): BotPress {
  const verifier = pressVerifier(ctx.db);
  const perMinute = ctx.config.PRESS_PER_MINUTE;
  const limits = new RateLimits(perMinute / 60, perMinute, ctx.now);
  const nsp = io.of(PRESS_NAMESPACE);

  const insert = ctx.db.prepare(
    `INSERT INTO press (id, match_id, sender, recipients, text, kind, phase, created_at)
     VALUES (@id, @match_id, @sender, @recipients, @text, @kind, @phase, @created_at)`,
  );
  const historyOf = ctx.db.prepare(
    `SELECT * FROM press WHERE match_id = @match AND (kind = 'communique' OR (@power IS NOT NULL AND
       (sender = @power OR EXISTS (SELECT 1 FROM json_each(press.recipients) WHERE json_each.value = @power))))
     ORDER BY created_at, rowid`,
  );
  const findMessage = ctx.db.prepare(
    `SELECT * FROM press WHERE id = ? AND match_id = ? AND kind = 'message'`,
  );

  /** The match's state, or a refusal. */
  const stateOf = (matchID: string): MatchState => {
    const { state } = ctx.storage.fetch(matchID, { state: true });
    if (!state) return fail("unknown-match", "no such match");
    return state.G as MatchState;
  };

  /** Whether the credentials hold the seat now. */
  const holdsSeat = (matchID: string, playerID: string, credentials: string | null): boolean => {
    const { metadata } = ctx.storage.fetch(matchID, { metadata: true });
    const held = metadata?.players[Number(playerID)]?.credentials;
    return typeof held === "string" && credentials !== null && sameSecret(held, credentials);
  };

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
      nsp.to([from, ...item.to].map((p) => powerRoom(matchID, p))).emit("press:message", item);
    },
  };

  nsp.use((socket, next) => {
    try {
      const auth = pressAuthSchema.safeParse(socket.handshake.auth);
      if (!auth.success) return next(new Error("bad-handshake: send { matchID, playerID, credentials }"));
      const { matchID } = auth.data;
      const playerID = auth.data.playerID ?? null;
      const credentials = auth.data.credentials ?? null;
      if (!ctx.storage.has(matchID)) return next(new Error(`unknown-match: no match "${matchID}"`));
      const G = stateOf(matchID);
      let power: PowerId | null = null;
      if (playerID !== null) {
        power = powerOfPlayer(G, playerID);
        if (power === null || !holdsSeat(matchID, playerID, credentials))
          return next(new Error("unauthorized: those credentials do not hold that seat"));
      }
      const session: PressSession = { matchID, playerID, credentials, power };
      socket.data = session;
      next();
    } catch {
      next(new Error("server-error: the handshake could not be checked"));
    }
  });

  nsp.on("connection", (socket: Socket) => {
    const session = socket.data as PressSession;
    void socket.join(matchRoom(session.matchID));
    if (session.power !== null) void socket.join(powerRoom(session.matchID, session.power));
    const rows = historyOf.all({ match: session.matchID, power: session.power }) as PressRow[];
    const history: PressHistory = { power: session.power, items: rows.map(itemOf) };
    socket.emit("press:history", history);

    /** Registers a handler that answers through the ack and never throws. */
    const handle = (event: string, work: (payload: unknown) => Promise<object>): void => {
      socket.on(event, (...args: unknown[]) => {
        const ack = args.find((a): a is (result: PressAck) => void => typeof a === "function");
        const answer = (result: PressAck): void => {
          try {
            ack?.(result);
          } catch {
            // a misbehaving client's ack cannot hurt the server
          }
        };
        void (async () => {
          try {
            answer({ ok: true, ...(await work(args[0])) });
          } catch (e) {
            if (e instanceof Refusal) answer({ ok: false, error: { code: e.code, message: e.message } });
            else {
              console.error(`press ${event} failed:`, e);
              answer({ ok: false, error: { code: "server-error", message: "the press could not be sent" } });
            }
          }
        })();
      });
    };

    /** The sender's power after the checks every send shares; its state. */
    const sender = (): { power: PowerId; playerID: string; G: MatchState } => {
      const { matchID, playerID, credentials, power } = session;
      if (playerID === null || power === null) return fail("read-only", "spectators cannot send press");
      if (!holdsSeat(matchID, playerID, credentials)) {
        socket.disconnect(true);
        return fail("unauthorized", "those credentials no longer hold that seat");
      }
      if (!limits.take(`${matchID}/${playerID}`)) return fail("rate-limited", "too much press; slow down");
      const G = stateOf(matchID);
      if (G.result !== null) return fail("game-over", "the game has ended");
      const map = getMap(G.settings.mapId);
      if (map === null) return fail("server-error", "the match's map is unknown");
      if (eliminatedPowers(map, G.position).includes(power))
        return fail("eliminated", "an eliminated power sends no more press");
      return { power, playerID, G };
    };

    const textOf = (raw: string): string => {
      const text = raw.trim();
      if (text.length === 0) return fail("empty-text", "the text is blank");
      if (text.length > MAX_PRESS_TEXT_LENGTH)
        return fail("text-too-long", `the text is longer than ${MAX_PRESS_TEXT_LENGTH} characters`);
      return text;
    };

    const store = (item: PressItem): void => {
      insert.run({
        id: item.id,
        match_id: session.matchID,
        sender: item.from,
        recipients: JSON.stringify(item.to),
        text: item.text,
        kind: item.kind,
        phase: JSON.stringify(item.at),
        created_at: item.sentAt,
      });
    };

    const newItem = (
      kind: PressKind,
      from: PowerId,
      to: readonly PowerId[],
      text: string,
      G: MatchState,
    ) => ({
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
      const item: PressItem = newItem(
        "message",
        power,
        G.powers.filter((p) => to.includes(p)),
        text,
        G,
      );
      store(item);
      nsp.to([power, ...item.to].map((p) => powerRoom(session.matchID, p))).emit("press:message", item);
      return { message: item };
    });

    handle("communique", async (payload) => {
      const parsed = communiqueSchema.safeParse(payload);
      if (!parsed.success) return fail("bad-payload", "a communiqué is { text }");
      const { power, playerID, G } = sender();
      if (G.settings.pressMode === "none") return fail("press-not-allowed", "this is a no-press match");
      const text = textOf(parsed.data.text);
      const item: PressItem = newItem("communique", power, [], text, G);
      const refused = await ctx.transport.serverMove(ctx.game, session.matchID, playerID, "communique", {
        text,
      });
      if (refused) return fail(refused.code, refused.message);
      store(item);
      nsp.to(matchRoom(session.matchID)).emit("press:communique", item);
      return { communique: item };
    });

    handle("leak", async (payload) => {
      const parsed = leakSchema.safeParse(payload);
      if (!parsed.success) return fail("bad-payload", "a leak is { messageId }");
      const { power, playerID, G } = sender();
      if (G.settings.pressMode !== "full")
        return fail("press-not-allowed", "there is no private press to leak");
      const row = findMessage.get(parsed.data.messageId, session.matchID) as PressRow | undefined;
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
      const refused = await ctx.transport.serverMove(ctx.game, session.matchID, playerID, "leak", {
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
