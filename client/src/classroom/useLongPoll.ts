/**
 * A long-poll loop over a versioned view (the teacher's `GET /api/classes/:id`, the projector's):
 * ask for the view, then again and again with the version last seen (the server answers at once
 * when its view's version differs — a version is a hash of the view, not a counter — else when
 * something changes or its wait runs out). A network or server failure is retried
 * after a growing delay (`retryDelay`) and shown as "reconnecting"; a refusal that will not change
 * by waiting (a wrong key, no such class) stops the loop. A teacher's action can hand its own
 * answer in (`accept`), so the page changes before the next poll returns.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../app/api";
import type { Timed } from "./classApi";
import { retryDelay } from "./dashboard";

/** The statuses a poll stops at: waiting will not change them. */
const FATAL_STATUSES = new Set([400, 401, 403, 404]);

/** How long the server is asked to hold a poll, in seconds. */
export const POLL_WAIT_S = 20;

/** What the loop holds. */
export interface LongPoll<T> {
  readonly view: T | null;
  readonly offset: number; // how far the server's clock is ahead of this browser's, in ms
  readonly reconnecting: boolean; // the last poll failed; the loop is waiting to try again
  readonly fatal: ApiError | null; // a refusal that stopped the loop
  readonly accept: (view: T) => void; // a newer view from elsewhere (an action's answer)
}

/**
 * Polls `fetchView(after, wait, signal)` while the component is mounted (and `enabled`). `key`
 * restarts the loop when it changes (another class).
 */
export function useLongPoll<T extends { readonly version: number }>(
  key: string,
  enabled: boolean,
  fetchView: (after: number | undefined, wait: number | undefined, signal: AbortSignal) => Promise<Timed<T>>,
): LongPoll<T> {
  const [view, setView] = useState<T | null>(null);
  const [offset, setOffset] = useState(0);
  const [reconnecting, setReconnecting] = useState(false);
  const [fatal, setFatal] = useState<ApiError | null>(null);
  const versionRef = useRef<number | null>(null);
  const fetchRef = useRef(fetchView);
  fetchRef.current = fetchView;

  const accept = useCallback((next: T) => {
    versionRef.current = next.version;
    setView(next);
  }, []);

  useEffect(() => {
    if (!enabled) return;
    const stop = new AbortController();
    versionRef.current = null;
    setView(null);
    setFatal(null);
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        const t = window.setTimeout(resolve, ms);
        stop.signal.addEventListener("abort", () => {
          window.clearTimeout(t);
          resolve();
        });
      });
    const stopped = (): boolean => stop.signal.aborted;
    const loop = async () => {
      let failures = 0;
      while (!stopped()) {
        const after = versionRef.current;
        const startedAt = Date.now();
        try {
          const answer = await fetchRef.current(
            after ?? undefined,
            after === null ? undefined : POLL_WAIT_S,
            stop.signal,
          );
          if (stopped()) return;
          failures = 0;
          setReconnecting(false);
          if (answer.offset !== null) setOffset(answer.offset);
          const changed = answer.data.version !== versionRef.current;
          if (changed) {
            versionRef.current = answer.data.version;
            setView(answer.data);
          }
          // A server that answered at once with nothing new is not held to its wait: do not spin.
          if (!changed && Date.now() - startedAt < 2000) await sleep(2000);
        } catch (err) {
          if (stopped()) return;
          if (err instanceof ApiError && FATAL_STATUSES.has(err.status)) {
            setFatal(err);
            return;
          }
          failures += 1;
          setReconnecting(true);
          await sleep(retryDelay(failures));
        }
      }
    };
    void loop();
    return () => stop.abort();
  }, [key, enabled]);

  return { view, offset, reconnecting, fatal, accept };
}
