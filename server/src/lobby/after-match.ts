/**
 * The cost of the after-match routes (records, debriefs, data exports, a class's debrief and
 * export): each plays a match's log again (cached per match, timeline.ts) and then builds its
 * answer in one piece. So that many such requests cannot hold up the rest of the server, they run
 * one at a time, with a turn of the event loop between two (other requests go in between), and an
 * address may have `AFTER_MATCH_READS_PER_MINUTE` (a server setting) of them answered a minute (429 `rate-limited`
 * beyond). A refused request (no key, a wrong one, no such match) costs little and spends nothing.
 */
import type { ServerContext } from "../context";
import { RateLimits } from "../rate-limit";
import { addressKey } from "../client-address";
import { LobbyError } from "./guards";

/** Per server: the buckets of each address, and the tail of the queue of work. */
interface AfterMatch {
  readonly limits: RateLimits;
  tail: Promise<void>;
}

const SERVERS = new WeakMap<ServerContext, AfterMatch>();

/** The server's after-match state. */
function afterMatchOf(ctx: ServerContext): AfterMatch {
  let state = SERVERS.get(ctx);
  if (!state) {
    const perMinute = ctx.config.AFTER_MATCH_READS_PER_MINUTE;
    state = { limits: new RateLimits(perMinute / 60, perMinute, ctx.now), tail: Promise.resolve() };
    SERVERS.set(ctx, state);
  }
  return state;
}

/**
 * Runs an after-match request's `work` for the address `ip`: refused with 429 over the address's
 * budget, else queued behind the server's other after-match work and run alone.
 */
export async function afterMatchRead<T>(ctx: ServerContext, ip: string, work: () => Promise<T>): Promise<T> {
  const state = afterMatchOf(ctx);
  const address = addressKey(ip);
  if (!state.limits.peek(address))
    throw new LobbyError(
      429,
      "rate-limited",
      "too many records, debriefs or exports asked for from this address; wait a minute",
    );
  const before = state.tail;
  let done: () => void = () => undefined;
  state.tail = new Promise<void>((resolve) => (done = resolve));
  try {
    await before;
    await new Promise((resolve) => setImmediate(resolve)); // other requests go first
    const answer = await work();
    state.limits.take(address); // answered: it counts
    return answer;
  } finally {
    done();
  }
}
