/**
 * The server's clock as seen from this browser: deadlines are the server's times, so a countdown
 * on a browser whose clock is off by minutes would be off by as much. Each lobby answer carries
 * the server's time (its HTTP `Date` header, to the second); the offset is measured once per
 * answer and the countdown runs on `Date.now() + offset`.
 */

/** One request and its answer, as the browser timed them (milliseconds since the epoch). */
export interface TimedAnswer {
  readonly serverDate: string | null; // the answer's `Date` header, as sent
  readonly sentAt: number; // this browser's clock when the request left
  readonly receivedAt: number; // this browser's clock when the answer arrived
}

/**
 * How far the server's clock is ahead of this browser's (negative: behind), in milliseconds, or
 * null when the answer carries no readable time. The header is written to the second, so the
 * server's time is taken as the middle of that second; the answer left the server half a round
 * trip before it arrived.
 */
export function clockOffset({ serverDate, sentAt, receivedAt }: TimedAnswer): number | null {
  if (serverDate === null) return null;
  const server = Date.parse(serverDate);
  if (Number.isNaN(server)) return null;
  const halfTrip = Math.max(0, receivedAt - sentAt) / 2;
  const serverAtReceipt = server + 500 + halfTrip;
  return Math.round(serverAtReceipt - receivedAt);
}

/** Milliseconds left until a server-time `deadline`, by this browser's clock `now` and the offset. */
export function msLeft(deadline: number, now: number, offset: number): number {
  return deadline - (now + offset);
}
