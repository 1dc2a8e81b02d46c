/**
 * The session as one student sees it, kept fresh by long-polling `GET …/students/:studentId`
 * (`after` = the version held, `wait` 20 s): the server answers as soon as anything the student
 * sees changes. A failed ask is asked again with a growing pause ("reconnecting…"); a refusal that
 * asking again cannot mend (a wrong key, no such student or class) stops the loop and says so.
 */
import { useEffect, useState } from "react";
import { ApiError } from "../app/api";
import { getStudent, type StudentView } from "./classApi";
import { retryDelayMs, worthRetrying } from "./student";

/** How long one ask waits on the server for a change, in seconds. */
const WAIT_SECONDS = 20;
/** The least time between two asks, so a server that answers at once is not asked in a tight loop. */
const MIN_GAP_MS = 1_000;

/** Whose view to follow. */
export interface StudentKeyed {
  readonly classId: string;
  readonly studentId: string;
  readonly studentKey: string;
}

/** What `useStudentView` returns. */
export interface StudentFeed {
  readonly view: StudentView | null;
  /** The last ask failed; the next one waits a little. */
  readonly reconnecting: boolean;
  /** A refusal asking again cannot mend (`wrong-key`, `unknown-student`, …): the loop has stopped. */
  readonly refused: { readonly code: string; readonly message: string } | null;
}

/** Waits `ms`, or less if `signal` aborts first. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = window.setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        window.clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}

/** Follows a student's view while mounted (nothing when `who` is null). */
export function useStudentView(who: StudentKeyed | null): StudentFeed {
  const [view, setView] = useState<StudentView | null>(null);
  const [reconnecting, setReconnecting] = useState(false);
  const [refused, setRefused] = useState<StudentFeed["refused"]>(null);
  const classId = who?.classId ?? null;
  const studentId = who?.studentId ?? null;
  const studentKey = who?.studentKey ?? null;

  useEffect(() => {
    if (classId === null || studentId === null || studentKey === null) return;
    const stop = new AbortController();
    const { signal } = stop;
    const stopped = (): boolean => signal.aborted; // read afresh after each wait
    setView(null);
    setRefused(null);
    setReconnecting(false);
    const follow = async () => {
      let version: number | undefined;
      let failures = 0;
      while (!signal.aborted) {
        const askedAt = Date.now();
        try {
          const next = await getStudent(
            classId,
            studentId,
            studentKey,
            version,
            version === undefined ? undefined : WAIT_SECONDS,
            signal,
          );
          if (stopped()) return;
          failures = 0;
          setReconnecting(false);
          if (next.version !== version) {
            version = next.version;
            setView(next);
          }
          const gap = MIN_GAP_MS - (Date.now() - askedAt);
          if (gap > 0) await pause(gap, signal);
        } catch (e) {
          if (stopped()) return;
          if (e instanceof ApiError && !worthRetrying(e.code)) {
            setRefused({ code: e.code, message: e.message });
            return;
          }
          failures += 1;
          setReconnecting(true);
          await pause(retryDelayMs(failures, Math.random()), signal);
        }
      }
    };
    void follow();
    return () => stop.abort();
  }, [classId, studentId, studentKey]);

  return { view, reconnecting, refused };
}
