/**
 * The press hook: one authenticated socket to the server's `/press` namespace per seat (or
 * spectator), holding the press this seat may read — its conversations and every communiqué —
 * with unread counts per conversation (read marks kept in localStorage), and the three things a
 * seat can send: a message, a communiqué, a leak. Every send resolves with the server's ack; a
 * refusal lands in `error` with its code and message.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { PowerId } from "../../../shared/src/map/types";
import { isPressItem, mergeItems, type PressError, type PressItem } from "../panels/press-logic";
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
  /** Sends a private message; resolves true when the server accepted it. */
  send(to: readonly PowerId[], text: string): Promise<boolean>;
  /** Issues a communiqué for the next edition; resolves true when accepted. */
  communique(text: string): Promise<boolean>;
  /** Leaks a received message to the press; resolves true when accepted. */
  leak(messageId: string): Promise<boolean>;
  /** Marks every item of a conversation read. */
  markRead(key: string): void;
  clearError(): void;
}

/** How long a send waits for the server's ack. */
const ACK_TIMEOUT_MS = 10_000;

/** The server's answer to a send. */
type Ack = { ok: true } | { ok: false; error: PressError };

/** A connection error's `code: message` text as a press error. */
function connectionError(err: Error): PressError {
  const m = /^([a-z-]+): (.*)$/s.exec(err.message);
  return m ? { code: m[1]!, message: m[2]! } : { code: "connection", message: err.message };
}

/** The press of one seat (or a spectator) in one match. */
export function usePress({ matchID, playerID, credentials, origin }: UsePressOptions): PressState {
  const [items, setItems] = useState<readonly PressItem[]>([]);
  const [power, setPower] = useState<PowerId | null>(null);
  const [connected, setConnected] = useState(false);
  const [error, setError] = useState<PressError | null>(null);
  const { unread, markRead } = useReadMarks(matchID, playerID, items, power);
  const socketRef = useRef<Socket | null>(null);

  useEffect(() => {
    const base = origin ?? globalThis.location?.origin ?? "";
    const socket = io(`${base}/press`, { auth: { matchID, playerID, credentials } });
    socketRef.current = socket;
    setItems([]);
    socket.on("connect", () => {
      setConnected(true);
      setError((e) =>
        e?.code === "connection" || e?.code === "unauthorized" || e?.code === "rate-limited" ? null : e,
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
    socket.on("press:history", (history: unknown) => {
      const h = history as { power?: unknown; items?: unknown };
      setPower(typeof h.power === "string" ? h.power : null);
      const list = Array.isArray(h.items) ? h.items.filter(isPressItem) : [];
      setItems((prev) => mergeItems(prev, list));
    });
    const onItem = (item: unknown): void => {
      if (isPressItem(item)) setItems((prev) => mergeItems(prev, [item]));
    };
    socket.on("press:seat-lost", (lost: unknown) => {
      setPower(null);
      const { message } = (lost ?? {}) as { message?: unknown };
      setError({
        code: "seat-lost",
        message: typeof message === "string" ? message : "You no longer hold this seat.",
      });
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

  /** Emits an event and resolves with whether the server accepted it, recording a refusal. */
  const emit = useCallback((event: string, payload: object): Promise<boolean> => {
    const socket = socketRef.current;
    if (!socket?.connected) {
      setError({ code: "offline", message: "the press is not connected; try again in a moment" });
      return Promise.resolve(false);
    }
    return new Promise((resolve) => {
      socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, (timeout: Error | null, ack: Ack | undefined) => {
        if (timeout || !ack) {
          setError({ code: "timeout", message: "the server did not answer; try again" });
          resolve(false);
        } else if (!ack.ok) {
          setError(ack.error);
          resolve(false);
        } else {
          setError(null);
          if ("message" in ack) onAckItem(ack.message);
          if ("communique" in ack) onAckItem(ack.communique);
          resolve(true);
        }
      });
    });
    function onAckItem(item: unknown): void {
      if (isPressItem(item)) setItems((prev) => mergeItems(prev, [item]));
    }
  }, []);

  const send = useCallback(
    (to: readonly PowerId[], text: string) => emit("message", { to: [...to], text }),
    [emit],
  );
  const communique = useCallback((text: string) => emit("communique", { text }), [emit]);
  const leak = useCallback((messageId: string) => emit("leak", { messageId }), [emit]);

  const clearError = useCallback(() => setError(null), []);

  return { items, unread, power, connected, error, send, communique, leak, markRead, clearError };
}
