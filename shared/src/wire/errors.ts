/**
 * Every error code the lobby (`/api`), the game socket (`/entente`) and the press channel
 * (`/press`) send, declared once with what it means: one code per failure, the same code for the
 * same failure on every surface. A refusal on the wire is `{ code, message }`; the message is for
 * people, the code for programs. The game socket also passes on the rules' own refusals of a move
 * (`unknown-move`, `not-your-unit`, …), which the rules declare, not this list.
 * Reference: docs/api.md, "Error codes".
 */
import { z } from "zod";

/** Each code and its meaning, in one line. */
export const ERROR_MEANINGS = {
  // Requests that are not understood.
  "bad-payload": "a body, query or event payload does not fit its schema; the message names the field",
  "bad-json": "a request body is not JSON",
  "bad-content-type": "a request body is not application/json",
  "payload-too-large": "a request body over the lobby's limit (64 kB)",
  "bad-setup": "the game refused a new match's settings",
  "bad-sync": "a game-socket sync whose arguments are not a match id, a seat id and credentials",
  "bad-action": "not a move of this game, an unknown field, or more than one argument",
  "bad-handshake": "a press handshake that is not { matchID, playerID?, credentials? }",
  "too-large": "a move's or press event's payload over MAX_PAYLOAD_BYTES",
  "too-deep": "a move's or press event's payload nested deeper than allowed",
  "unknown-event": "an event the socket namespace does not take",
  "not-found": "no such route under /api",
  // Who may do what.
  "bad-origin": "the Origin header is not an allowed origin",
  "bad-credentials": "those credentials do not hold that seat (now)",
  "not-a-player": "the seat is not a player's (a bot's) for an action only players take",
  "not-host": "only the match's host (the player who made it) may do that",
  "not-synced": "a move before syncing with a seat, or for another match",
  "wrong-seat": "a move in another seat's name",
  "seat-lost": "this socket's credentials no longer hold its seat; it watches as a spectator",
  "read-only": "a spectator's socket tried to send press",
  "no-key": "a class route without `Authorization: Bearer <key>`",
  "wrong-key": "the key is not this class's teacher key, or not this student's key",
  "class-seat":
    "a class seat is the teacher's to manage: leaving, play again and device links are not for it",
  "not-announced": "the session did not say up front that the teacher reads private press",
  // What exists.
  "unknown-match": "no match with that id",
  "unknown-seat": "the match has no such seat",
  "unknown-message": "a leak of a message not in the seat's conversations",
  "unknown-device-link":
    "no live device link of this match has that token (mistyped, revoked, replaced by a newer one, or its seat changed hands)",
  "device-link-used": "the device link was used already: each works once",
  "device-link-expired": "the device link is older than its lifetime (7 days)",
  "unknown-class": "no class session with that id",
  "unknown-code": "no class session with that join code, or it has ended",
  "unknown-student": "the class has no such student",
  "unknown-power": "the match has no such power",
  // The state of a match.
  "seat-taken": "the seat is a bot's or someone holds it",
  "seat-reserved": "the seat is held for its previous player after play again",
  "match-full": "no free seat is left",
  "player-present": "the seat's player is connected; a bot stands in only for an absent player",
  "game-over": "the game has ended",
  "name-taken": "another student of the class has that name",
  "class-started": "the teacher has started the class already",
  "class-not-started": "the teacher has not started the class yet",
  "class-empty": "no student has joined the class yet: share the code first",
  "class-full": "the class has as many students as a class may have (200)",
  "class-ended": "the class session has ended",
  "no-llm": "a language-model bot seat on a server with no language-model endpoint (LLM_BASE_URL unset)",
  "paused-by-teacher": "the teacher paused the match: moves wait until they resume it",
  "phase-moved-on": "a seat API request named a phase the match is no longer in; nothing changed",
  eliminated: "the sender's power is out of the game",
  "press-not-allowed": "the match's press mode does not allow it",
  "bad-recipients": "a recipient is the sender, not in the match, eliminated, or named twice",
  "not-a-recipient": "a leak by the message's sender",
  "no-press-channel": "the match's game does not take leaks from the press channel",
  // Press text.
  "bad-text": "the text holds characters that are not allowed; the message names them",
  "empty-text": "the text is blank",
  "text-too-long": "the text is longer than the press limit",
  // Limits.
  "rate-limited": "too many requests, moves or sends in too short a time; wait and try again",
  "too-many-sockets": "the address or the seat already holds as many sockets as it may",
  "too-many-waits":
    "the seat or the address already holds as many seat API waits and event streams as it may",
  // The server.
  "storage-failed": "the server could not store it, so nothing changed; try again",
  "not-ready": "the server is starting",
  "match-elsewhere": "the server node running this match could not be reached, so nothing changed; try again",
  "server-error": "a fault of the server (logged)",
} as const satisfies Record<string, string>;

/** One error code the server sends. */
export type ErrorCode = keyof typeof ERROR_MEANINGS;

/** Every error code, in the order of `ERROR_MEANINGS`. */
export const ERROR_CODES = Object.keys(ERROR_MEANINGS) as [ErrorCode, ...ErrorCode[]];

/** An error code the server sends. */
export const errorCodeSchema = z.enum(ERROR_CODES);

/** A refusal on the wire: a stable code and a message for people. */
export interface WireError<C extends string = ErrorCode> {
  readonly code: C;
  readonly message: string;
}

/** A refusal whose code is one of `ERROR_CODES`. */
export const wireErrorSchema = z.strictObject({ code: errorCodeSchema, message: z.string() });

/** Whether a string is one of `ERROR_CODES`. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_MEANINGS, code);
}
