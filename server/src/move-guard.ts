/**
 * What a game socket's `update` event may carry, checked before anything else reads it: the move
 * is for the match and seat the socket holds (never another seat's: boardgame.io would run the
 * move as whatever `playerID` the action names), it is a `MAKE_MOVE` of a known move name with at
 * most one argument and no field boardgame.io's client does not send (`clientActionSchema` of the
 * shared wire contract), and the argument is within the size and nesting limits. Pure; every
 * refusal has a stable code (`shared/src/wire/errors.ts`) and a message for the sender.
 */
import { describeIssues } from "../../shared/src";
import {
  clientActionSchema,
  updateArgsSchema,
  type ErrorCode,
  type SocketError,
} from "../../shared/src/wire";

/** A refusal sent back to the socket that caused it (`entente:error`). */
export type { SocketError } from "../../shared/src/wire";

/** A move read from an `update` event, for the socket's own seat. */
export interface ClientMove {
  readonly move: string;
  readonly arg: unknown;
  readonly credentials: unknown;
}

/** The seat a socket holds. */
export interface HeldSeat {
  readonly matchID: string;
  readonly playerID: string;
}

/** Limits on a move's argument. */
export interface MoveLimits {
  readonly maxBytes: number; // its JSON text, about
  readonly maxDepth: number; // nesting of arrays and objects
}

/** The deepest nesting any move's payload needs (an order list of orders of unit refs) is 4. */
export const MAX_MOVE_DEPTH = 12;

const refuse = (code: ErrorCode, message: string): { ok: false; error: SocketError } => ({
  ok: false,
  error: { code, message },
});

/** Reads an `update` event's arguments (`action, stateID, matchID, playerID`) for a held seat. */
export function readClientMove(
  args: readonly unknown[],
  seat: HeldSeat,
  limits: MoveLimits,
): { ok: true; value: ClientMove } | { ok: false; error: SocketError } {
  const [action, , matchID, playerID] = args;
  if (matchID !== seat.matchID) return refuse("not-synced", "this socket is synced with another match");
  const read = updateArgsSchema.safeParse(args);
  if (!read.success)
    return refuse("bad-action", read.error.issues[0]?.message ?? "a move's arguments are wrong");
  if (playerID !== undefined && playerID !== null && playerID !== seat.playerID)
    return wrongSeat(seat, playerID);
  const parsed = clientActionSchema.safeParse(action);
  if (!parsed.success) return refuse("bad-action", actionProblem(parsed.error));
  const { payload } = parsed.data;
  if (payload.playerID !== undefined && payload.playerID !== seat.playerID)
    return wrongSeat(seat, payload.playerID);
  const arg = payload.args?.[0];
  const size = measure(arg, limits);
  if (size === "too-deep")
    return refuse("too-deep", `a move's payload nests at most ${limits.maxDepth} levels`);
  if (size === "too-large")
    return refuse("too-large", `a move's payload is at most ${limits.maxBytes} bytes`);
  return { ok: true, value: { move: payload.type, arg, credentials: payload.credentials } };
}

/** Why an action is not a move of this game, for the sender. */
function actionProblem(error: Parameters<typeof describeIssues>[0]): string {
  const issue = error.issues[0];
  if (issue?.code === "unrecognized_keys")
    return `unknown field "${(issue.keys[0] ?? "").slice(0, 40)}" in the action`;
  if (issue !== undefined && issue.path.length <= 1 && issue.code !== "custom")
    return "only moves of this game may be sent";
  return describeIssues(error);
}

function wrongSeat(seat: HeldSeat, claimed: unknown): { ok: false; error: SocketError } {
  const named = typeof claimed === "string" ? `seat ${claimed.slice(0, 8)}` : "another seat";
  return refuse("wrong-seat", `this socket holds seat ${seat.playerID}; it cannot act for ${named}`);
}

/**
 * Whether a JSON value (a move's payload, a press event's arguments) is within the limits: about
 * its JSON size in bytes, and its nesting. Walks without recursion (so a deep value cannot
 * overflow the stack) and stops as soon as a limit is passed.
 */
export function measure(value: unknown, limits: MoveLimits): "ok" | "too-large" | "too-deep" {
  let bytes = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop()!;
    if (typeof v === "string") bytes += Buffer.byteLength(v) + 2;
    else if (v === null || typeof v !== "object") bytes += 8;
    else {
      if (depth >= limits.maxDepth) return "too-deep";
      const entries = Array.isArray(v) ? v : Object.entries(v);
      bytes += 2;
      for (const entry of entries) {
        if (Array.isArray(v)) stack.push({ value: entry, depth: depth + 1 });
        else {
          const [key, inner] = entry as [string, unknown];
          bytes += Buffer.byteLength(key) + 3;
          stack.push({ value: inner, depth: depth + 1 });
        }
      }
    }
    if (bytes > limits.maxBytes) return "too-large";
  }
  return "ok";
}
