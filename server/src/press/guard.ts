/**
 * What every press event goes through: before its handler, the event is one the channel takes and
 * its payload within `MAX_PAYLOAD_BYTES` (as JSON) and `MAX_PAYLOAD_DEPTH` levels; around its
 * handler, a wrapper that answers through the ack and never throws.
 */
import {
  isPressRequestEvent,
  type PressAck,
  type PressAnswer,
  type PressRefused,
  type PressRequestEvent,
} from "../../../shared/src/wire/press";
import { measure } from "../move-guard";
import { ackOf, answer, Refusal, type Ack } from "./refusal";
import type { PressSocket } from "./session";
import { moduleLog } from "../log";

const logger = moduleLog("press");

/** How deep an event's payload may nest (a message needs three levels: itself, `to`, a power). */
export const MAX_PAYLOAD_DEPTH = 8;

/** Checks every event of a socket before its handler: known, bounded in size and depth. */
export function guardEvents(socket: PressSocket, maxBytes: number): void {
  socket.use((packet, next) => {
    const [event, ...args] = packet as [unknown, ...unknown[]];
    const ack: Ack<PressAck> | undefined = ackOf(args);
    const refuse = (
      code: "unknown-event" | "too-large" | "too-deep" | "bad-payload" | "server-error",
      message: string,
    ): void => {
      answer(ack, { ok: false, error: { code, message } });
    };
    try {
      if (!isPressRequestEvent(event)) {
        refuse(
          "unknown-event",
          `the press channel takes "message", "communique" and "leak", not "${String(event).slice(0, 40)}"`,
        );
        return;
      }
      // The arguments' list is one level more than the payload in it.
      const problem = measure(ack ? args.slice(0, -1) : args, {
        maxBytes,
        maxDepth: MAX_PAYLOAD_DEPTH + 1,
      });
      if (problem === "too-large")
        refuse("too-large", `an event's payload must be at most ${maxBytes} bytes`);
      else if (problem === "too-deep")
        refuse("too-deep", `a payload may nest at most ${MAX_PAYLOAD_DEPTH} levels deep`);
      else next();
    } catch (e) {
      logger.error({ err: e }, "an event could not be checked");
      refuse("server-error", "the event could not be checked");
    }
  });
}

/**
 * Serves one event: its handler gets the payload (unchecked: it parses it) and returns the `ok`
 * answer, or throws a `Refusal`; anything else it throws is logged and answered `server-error`.
 */
export function handle<E extends PressRequestEvent>(
  socket: PressSocket,
  event: E,
  work: (payload: unknown) => PressAnswer<E> | Promise<PressAnswer<E>>,
): void {
  const listener = (...args: unknown[]): void => {
    const ack: Ack<({ ok: true } & PressAnswer<E>) | PressRefused> | undefined = ackOf(args);
    void (async () => {
      try {
        answer(ack, { ok: true, ...(await work(args[0])) });
      } catch (e) {
        if (e instanceof Refusal) answer(ack, { ok: false, error: e.error });
        else {
          logger.error({ err: e, event }, `press ${event} failed`);
          answer(ack, { ok: false, error: { code: "server-error", message: "the press could not be sent" } });
        }
      }
    })();
  };
  // The listener takes anything: what a client sends is parsed by `work`.
  const name: PressRequestEvent = event;
  socket.on(name, listener);
}
