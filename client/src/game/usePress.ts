/**
 * The press hook: one authenticated socket to the server's `/press` namespace per seat (or
 * spectator), holding the press this seat may read — its conversations and every communiqué —
 * with unread counts per conversation (read marks kept in localStorage), and the three things a
 * seat can send: a message, a communiqué, a leak. The socket is typed by the wire's event maps and
 * everything the server sends is parsed by the wire's schemas (`shared/src/wire/press.ts`) before
 * use. `press:table` (the match's seats changed) counts up `tableChanges`, so the game screen fetches
 * the lobby's view of the match at once. Every send resolves with the server's ack; a refusal lands in `error` with its code and
 * message.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { PowerId } from "../../../shared/src/map/types";
import {
  PRESS_ACKS,
  PRESS_NAMESPACE,
  pressErrorSchema,
  pressHistorySchema,
  pressItemSchema,
  pressSeatLostSchema,
  pressTableSchema,
  type PressAuth,
  type PressClientToServer,
  type PressRequestEvent,
  type PressServerToClient,
} from "../../../shared/src/wire/press";
import { mergeItems, type PressError, type PressItem } from "../panels/press-logic";
import { useReadMarks } from "./readMarks";

export type { PressError, PressItem } from "../panels/press-logic";

/** Who the press socket speaks for. */
export interface UsePressOptions {
  readonly matchID: string;
  readonly playerID: string | null; // null: a spectator (communiqués only, read-only)
  readonly credentials: string | null;
  readonly origin?: string; // the server's origin; default the page's
}

/** What `usePress` gives the panels. */
export interface PressState {
  readonly items: readonly PressItem[]; // oldest first
  readonly unread: Readonly<Record<string, number>>; // by conversation key; only keys with unread items
  readonly power: PowerId | null; // whom the server says this socket speaks for
  readonly connected: boolean;
  /** The press of a match played in this browser: no server carries it. */
  readonly offline?: boolean;
  readonly error: PressError | null; // the last refusal or connection failure
  /** How many times the server said the match's seats changed (`press:table`); 0 offline. */
  readonly tableChanges?: number;
  /** Sends a private message; resolves true when the server accepted it. */
  readonly send: (to: readonly PowerId[], text: string) => Promise<boolean>;
  /** Issues a communiqué for the next edition; resolves true when accepted. */
  readonly communique: (text: string) => Promise<boolean>;
  /** Leaks a received message to the press; resolves true when accepted. */
  readonly leak: (messageId: string) => Promise<boolean>;
  /** Marks every item of a conversation read. */
  readonly markRead: (key: string) => void;
  readonly clearError: () => void;
}

/** How long a send waits for the server's ack. */
const ACK_TIMEOUT_MS = 10_000;

/** The press socket, typed by the wire's event maps. */
type PressSocket = Socket<PressServerToClient, PressClientToServer>;

/** Why the socket could not connect: the server's refusal (`data`), or the transport's failure. */
function connectionError(err: Error): PressError {
  const refusal = pressErrorSchema.safeParse((err as Error & { data?: unknown }).data);
  return refusal.success ? refusal.data : { code: "connection", message: err.message };
}

/** The press of one seat (or a spectator) in one match. */
export function usePress({ matchID, playerID, credentials, origin }: UsePressOptions): PressState {
  const [items, setItems] = useState<readonly PressItem[]>([]);
  const [power, setPower] = useState<PowerId | null>(null);
  const [connected, setConnected] = useState(false);
  const [error, setError] = useState<PressError | null>(null);
  const [tableChanges, setTableChanges] = useState(0);
  const { unread, markRead } = useReadMarks(matchID, playerID, items, power);
  const socketRef = useRef<PressSocket | null>(null);

  useEffect(() => {
    // No `location` outside a browser (the tests run in node).
    const page = (globalThis as { location?: { origin: string } }).location;
    const base = origin ?? page?.origin ?? "";
    const auth: PressAuth = { matchID, playerID, credentials };
    // The match id in the handshake too: HAProxy routes by it (deploy/haproxy.cfg).
    const socket: PressSocket = io(`${base}${PRESS_NAMESPACE}`, { auth, query: { matchID } });
    socketRef.current = socket;
    setItems([]);
    socket.on("connect", () => {
      setConnected(true);
      setError((e) =>
        e?.code === "connection" || e?.code === "bad-credentials" || e?.code === "rate-limited" ? null : e,
      );
    });
    socket.on("disconnect", () => setConnected(false));
    let retry: ReturnType<typeof setTimeout> | undefined;
    socket.on("connect_error", (err: Error) => {
      setConnected(false);
      const refusal = connectionError(err);
      setError(refusal);
      // A busy address (a whole class connecting at once) is told to wait: try again shortly.
      if (refusal.code === "rate-limited")
        retry = setTimeout(() => socket.connect(), 1_000 + Math.random() * 2_000);
    });
    // Each event's argument is parsed before use: the types say what the server promises, not what arrived.
    socket.on("press:history", (history: unknown) => {
      const parsed = pressHistorySchema.safeParse(history);
      if (!parsed.success) return;
      setPower(parsed.data.power);
      setItems((prev) => mergeItems(prev, parsed.data.items));
    });
    const onItem = (item: unknown): void => {
      const parsed = pressItemSchema.safeParse(item);
      if (parsed.success) setItems((prev) => mergeItems(prev, [parsed.data]));
    };
    socket.on("press:seat-lost", (lost: unknown) => {
      setPower(null);
      const parsed = pressSeatLostSchema.safeParse(lost);
      setError({
        code: "seat-lost",
        message: parsed.success ? parsed.data.message : "You no longer hold this seat.",
      });
    });
    socket.on("press:table", (table: unknown) => {
      const parsed = pressTableSchema.safeParse(table);
      if (parsed.success && parsed.data.matchID === matchID) setTableChanges((n) => n + 1);
    });
    socket.on("press:message", onItem);
    socket.on("press:communique", onItem);
    return () => {
      clearTimeout(retry);
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
      setConnected(false);
    };
  }, [matchID, playerID, credentials, origin]);

  /**
   * Sends an event (through `send`, on the socket with the ack's time limit) and resolves with
   * whether the server accepted it, recording a refusal; an accepted item joins the list at once.
   */
  const request = useCallback(
    async (
      event: PressRequestEvent,
      send: (socket: ReturnType<PressSocket["timeout"]>) => Promise<unknown>,
    ): Promise<boolean> => {
      const socket = socketRef.current;
      if (!socket?.connected) {
        setError({ code: "offline", message: "the press is not connected; try again in a moment" });
        return false;
      }
      let answer: unknown;
      try {
        answer = await send(socket.timeout(ACK_TIMEOUT_MS));
      } catch {
        setError({ code: "timeout", message: "the server did not answer; try again" });
        return false;
      }
      const ack = PRESS_ACKS[event].safeParse(answer);
      if (!ack.success) {
        setError({ code: "server-error", message: "the server's answer could not be read; try again" });
        return false;
      }
      if (!ack.data.ok) {
        setError(ack.data.error);
        return false;
      }
      setError(null);
      const data = ack.data;
      const item = "message" in data ? data.message : "communique" in data ? data.communique : null;
      if (item !== null) setItems((prev) => mergeItems(prev, [item]));
      return true;
    },
    [],
  );

  const send = useCallback(
    (to: readonly PowerId[], text: string) =>
      request("message", (socket) => socket.emitWithAck("message", { to: [...to], text })),
    [request],
  );
  const communique = useCallback(
    (text: string) => request("communique", (socket) => socket.emitWithAck("communique", { text })),
    [request],
  );
  const leak = useCallback(
    (messageId: string) => request("leak", (socket) => socket.emitWithAck("leak", { messageId })),
    [request],
  );

  const clearError = useCallback(() => setError(null), []);

  return {
    items,
    unread,
    power,
    connected,
    error,
    tableChanges,
    send,
    communique,
    leak,
    markRead,
    clearError,
  };
}
