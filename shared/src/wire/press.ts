/**
 * The press channel's wire shapes, declared once for the server (`server/src/press/`) and the
 * client (`client/src/game/usePress.ts`): the handshake, each client → server event with its
 * payload and ack, and each server → client event — zod schemas with the types inferred from them,
 * and the socket.io event maps both sides type their sockets with. Reference: docs/api.md, "Press
 * channel".
 *
 * Client → server shapes are strict (an unknown field is refused); server → client shapes are
 * checked by the client before use. Pure: no I/O.
 */
import { z } from "zod";
import { MAX_ACTION_POWERS, MAX_ID_LENGTH, pressMessageSchema } from "../match/schemas";
import type { PressItem } from "../match/types";
import type { ErrorCode, WireError } from "./errors";

/** The namespace of the press channel on the server's socket.io server. */
export const PRESS_NAMESPACE = "/press";

// ---- handshake ----------------------------------------------------------------------------------

/**
 * The handshake a press socket sends (`io(origin + "/press", { auth })`): a seat's `playerID` and
 * `credentials`, or neither for a spectator.
 */
export const pressAuthSchema = z.strictObject({
  matchID: z.string().min(1).max(64),
  playerID: z.string().max(8).nullish(), // absent or null: a spectator
  credentials: z.string().max(256).nullish(),
});
/** The press handshake. */
export type PressAuth = z.infer<typeof pressAuthSchema>;

/**
 * Why a press event or handshake was refused: a code of `ERROR_CODES` (`./errors`) or, for a
 * communiqué or leak, the game's own refusal passed on (e.g. `already-leaked`). A refused
 * handshake arrives as `connect_error` whose `data` is this and whose `message` is `code: message`.
 */
export const pressErrorSchema = z.object({
  code: z.string().min(1), // stable, kebab-case
  message: z.string(), // for the player
});
/** Why a press event or handshake was refused. */
export type PressError = WireError<string>;

/** A refused handshake's `connect_error.data`: always one of `ERROR_CODES`. */
export type PressHandshakeError = WireError<
  "bad-handshake" | "unknown-match" | "bad-credentials" | "too-many-sockets" | "rate-limited" | "server-error"
>;

// ---- items --------------------------------------------------------------------------------------

/** What kind of press an item is. */
export const PRESS_KINDS = ["message", "communique"] as const;

/** One item of press as the server sends it (`press:history`, `press:message`, `press:communique`, acks). */
export const pressItemSchema = z
  .object({
    id: z.string(), // random and opaque
    kind: z.enum(PRESS_KINDS),
    from: z.string(), // a power
    to: z.array(z.string()).readonly(), // the recipients; empty for a communiqué
    text: z.string(),
    at: pressMessageSchema.shape.at, // the phase it was sent in
    sentAt: z.number(), // ms since the epoch, by the server's clock
  })
  .readonly() satisfies z.ZodType<PressItem>; // one shape with the rules package's `PressItem`

// ---- client → server ----------------------------------------------------------------------------

/** `message`: a private message to one or more other powers (press mode `full`). */
export const pressMessageRequestSchema = z.strictObject({
  to: z.array(z.string().min(1).max(MAX_ID_LENGTH)).min(1).max(MAX_ACTION_POWERS),
  text: z.string(), // checked by the shared text rules after parsing
});
export type PressMessageRequest = z.infer<typeof pressMessageRequestSchema>;

/** `communique`: a public statement for the next edition (press mode `full` or `public`). */
export const pressCommuniqueRequestSchema = z.strictObject({ text: z.string() });
export type PressCommuniqueRequest = z.infer<typeof pressCommuniqueRequestSchema>;

/** `leak`: a recipient hands a message to the press (press mode `full`). */
export const pressLeakRequestSchema = z.strictObject({
  messageId: z.string().min(1).max(MAX_ID_LENGTH),
});
export type PressLeakRequest = z.infer<typeof pressLeakRequestSchema>;

/** Each client → server event's payload schema; the events the press channel takes. */
export const PRESS_REQUESTS = {
  message: pressMessageRequestSchema,
  communique: pressCommuniqueRequestSchema,
  leak: pressLeakRequestSchema,
} as const;
/** A client → server event. */
export type PressRequestEvent = keyof typeof PRESS_REQUESTS;
/** The client → server events, in the order the docs name them. */
export const PRESS_REQUEST_EVENTS: readonly PressRequestEvent[] = ["message", "communique", "leak"];

/** Whether a value names a client → server event. */
export function isPressRequestEvent(event: unknown): event is PressRequestEvent {
  return typeof event === "string" && (PRESS_REQUEST_EVENTS as readonly string[]).includes(event);
}

/** A refused ack. */
export const pressRefusedSchema = z.object({ ok: z.literal(false), error: pressErrorSchema });
export type PressRefused = z.infer<typeof pressRefusedSchema>;

/** The ack of `message`: the stored item. */
export const pressMessageAckSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), message: pressItemSchema }),
  pressRefusedSchema,
]);
export type PressMessageAck = z.infer<typeof pressMessageAckSchema>;

/** The ack of `communique`: the stored item. */
export const pressCommuniqueAckSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), communique: pressItemSchema }),
  pressRefusedSchema,
]);
export type PressCommuniqueAck = z.infer<typeof pressCommuniqueAckSchema>;

/** The ack of `leak`: the leaked message's id. */
export const pressLeakAckSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), leak: z.object({ messageId: z.string() }) }),
  pressRefusedSchema,
]);
export type PressLeakAck = z.infer<typeof pressLeakAckSchema>;

/** Each client → server event's ack schema. */
export const PRESS_ACKS = {
  message: pressMessageAckSchema,
  communique: pressCommuniqueAckSchema,
  leak: pressLeakAckSchema,
} as const;

/** Each client → server event's ack. */
export interface PressAcks {
  message: PressMessageAck;
  communique: PressCommuniqueAck;
  leak: PressLeakAck;
}

/** Any press ack: a refusal, or `{ ok: true }` with the event's answer. */
export type PressAck = PressAcks[PressRequestEvent];

/** What an event's `ok` ack carries besides `ok` (e.g. `{ message: item }`). */
export type PressAnswer<E extends PressRequestEvent> = Omit<Extract<PressAcks[E], { ok: true }>, "ok">;

// ---- server → client ----------------------------------------------------------------------------

/** `press:history`, on connect: what the socket may read, oldest first. */
export const pressHistorySchema = z.object({
  power: z.string().nullable(), // the seat's power; null for a spectator
  items: z.array(pressItemSchema).readonly(),
});
export type PressHistory = z.infer<typeof pressHistorySchema>;

/** `press:seat-lost`: this socket's credentials no longer hold its seat. */
export const pressSeatLostSchema = z.object({
  code: z.literal("seat-lost" satisfies ErrorCode),
  message: z.string(),
});
export type PressSeatLost = z.infer<typeof pressSeatLostSchema>;

/**
 * `press:table`, to every socket of a match (seats and spectators): the match's seats changed — a
 * player joined or left, a seat went to a bot, a player resumed — so the lobby's view of the match
 * is worth fetching again. It carries the match's id and nothing else (no names, no credentials).
 */
export const pressTableSchema = z.object({ matchID: z.string() });
export type PressTable = z.infer<typeof pressTableSchema>;

// ---- socket.io event maps -----------------------------------------------------------------------

/** What a press client sends: `Namespace<PressClientToServer, PressServerToClient>` on the server. */
export interface PressClientToServer {
  message: (payload: PressMessageRequest, ack: (answer: PressMessageAck) => void) => void;
  communique: (payload: PressCommuniqueRequest, ack: (answer: PressCommuniqueAck) => void) => void;
  leak: (payload: PressLeakRequest, ack: (answer: PressLeakAck) => void) => void;
}

/** What the server sends a press client: `Socket<PressServerToClient, PressClientToServer>` on the client. */
export interface PressServerToClient {
  "press:history": (history: PressHistory) => void;
  "press:message": (item: PressItem) => void;
  "press:communique": (item: PressItem) => void;
  "press:seat-lost": (lost: PressSeatLost) => void;
  "press:table": (table: PressTable) => void;
}
