/**
 * A press-channel client for the tests: a socket.io-client on the server's `/press` namespace,
 * authenticated in the handshake with `{ matchID, playerID, credentials }` (none for a
 * spectator). It records every event it receives (for the secrecy test), keeps the
 * `press:history` it got on connect, and sends messages and communiqués with their acks. Every
 * wait is bounded.
 */
import { io, type Socket } from "socket.io-client";
import type { Received } from "./clients";
import type { ServerHandle } from "./server";
import { sleep } from "./server";

/** One item of press as the server sends it. */
export interface PressItemLike {
  readonly id: string;
  readonly kind: "message" | "communique";
  readonly from: string;
  readonly to: readonly string[];
  readonly text: string;
}

/** The answer to a press event. */
export type PressAckLike =
  | ({ readonly ok: true } & Record<string, unknown>)
  | { readonly ok: false; readonly error: { code: string; message: string } };

const OPTS = { transports: ["websocket"], forceNew: true, reconnection: false };

/** Whether the server serves the press namespace (a connection attempt; bounded). */
export async function pressAvailable(server: Pick<ServerHandle, "url">): Promise<boolean> {
  const socket = io(`${server.url}/press`, { ...OPTS, auth: { matchID: "probe" } });
  try {
    return await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 5_000);
      socket.once("connect", () => {
        clearTimeout(timer);
        resolve(true);
      });
      socket.once("connect_error", (e: Error) => {
        clearTimeout(timer);
        resolve(!/invalid namespace/i.test(e.message));
      });
    });
  } finally {
    socket.close();
  }
}

/** A press socket for one seat or a spectator. */
export class PressClient {
  readonly received: Received[] = [];

  private constructor(readonly socket: Socket) {
    socket.onAny((event: string, ...args: unknown[]) => this.received.push({ event, args }));
  }

  /** Connects and waits for `press:history` (bounded). Rejects with the server's reason. */
  static async open(
    url: string,
    matchID: string,
    seat: { playerID: string; credentials: string } | null,
    timeoutMs = 10_000,
  ): Promise<PressClient> {
    const auth =
      seat === null ? { matchID } : { matchID, playerID: seat.playerID, credentials: seat.credentials };
    const client = new PressClient(io(`${url}/press`, { ...OPTS, auth }));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("press socket did not connect")), timeoutMs);
      client.socket.once("connect_error", (e: Error) => {
        clearTimeout(timer);
        reject(e);
      });
      client.socket.once("connect", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await client.next("press:history", 0, timeoutMs);
    return client;
  }

  /** Waits for an event at or after index `from` (bounded). */
  async next(event: string, from = 0, timeoutMs = 10_000): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(from).find((r) => r.event === event);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${event}`);
      await sleep(10);
    }
  }

  /** The items of the `press:history` received on connect. */
  async history(): Promise<PressItemLike[]> {
    const got = await this.next("press:history");
    return [...(got.args[0] as { items: PressItemLike[] }).items];
  }

  /** Emits an event with a payload and waits for its ack (bounded). */
  request(event: string, payload: unknown, timeoutMs = 10_000): Promise<PressAckLike> {
    return this.socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<PressAckLike>;
  }

  /** Sends a private message; throws when refused. */
  async send(to: readonly string[], text: string): Promise<PressItemLike> {
    const ack = await this.request("message", { to, text });
    if (!ack.ok) throw new Error(`press message refused: ${ack.error.code} ${ack.error.message}`);
    return ack["message"] as PressItemLike;
  }

  /** Everything received, serialised. */
  serialised(): string {
    return JSON.stringify(this.received);
  }

  /** Disconnects. */
  stop(): void {
    this.socket.close();
  }
}
