/**
 * Refusals inside the press handlers: a handler stops with `fail(code, message)` and its event is
 * answered `{ ok: false, error: { code, message } }`; the codes are those of `ERROR_CODES`
 * (`shared/src/wire/errors.ts`), or the game's own refusal of a communiqué or leak passed on.
 */
import type { ActionError } from "../../../shared/src";
import type { ErrorCode } from "../../../shared/src/wire/errors";
import type { PressError, PressSeatLost } from "../../../shared/src/wire/press";

/** A refusal carried through the handlers to the event's ack. */
export class Refusal extends Error {
  constructor(readonly error: PressError) {
    super(error.message);
  }
}

/** Stops a handler with a refusal. */
export function fail(code: ErrorCode, message: string): never {
  throw new Refusal({ code, message });
}

/** Stops a handler with the game's refusal of a move (its rule code, e.g. `already-leaked`). */
export function passOn(refused: ActionError): never {
  throw new Refusal({ code: refused.code, message: refused.message });
}

/** `press:seat-lost`, and the refusal of every send after it. */
export const SEAT_LOST: PressSeatLost = {
  code: "seat-lost",
  message:
    "this socket's credentials no longer hold its seat (it was left, taken or handed over); it now sees only what a spectator sees — reconnect with the seat's current credentials",
};

/** An event's ack: the client's callback for the answer. */
export type Ack<A> = (result: A) => void;

/** Calls an ack, whatever the client made of it (nothing a client sends makes a handler throw). */
export function answer<A>(ack: Ack<A> | undefined, result: A): void {
  try {
    ack?.(result);
  } catch {
    // a misbehaving client's ack cannot hurt the server
  }
}

/** The ack of an event's arguments: their last, when it is a function (it takes any answer). */
export function ackOf(args: readonly unknown[]): Ack<unknown> | undefined {
  const last = args[args.length - 1];
  return typeof last === "function" ? (last as Ack<unknown>) : undefined;
}
