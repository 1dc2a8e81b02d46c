/**
 * Where the press read marks live: localStorage, one entry per match and seat, so unread counts
 * survive a reload. Shared by the online press (`usePress`) and the offline one (`useLocalPress`).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { PowerId } from "../../../shared/src/map/types";
import type { PressItem } from "../../../shared/src/match/types";
import { markRead as markReadOf, unreadCounts, type ReadMarks } from "../panels/press-logic";

/** The page's localStorage, if there is one (none outside a browser: the tests run in node). */
function pageStorage(): Storage | undefined {
  return (globalThis as { localStorage?: Storage }).localStorage;
}

/** The storage key of a seat's read marks in a match. */
export const readMarksKey = (matchID: string, playerID: string | null): string =>
  `entente.press.read:${matchID}:${playerID ?? "spectator"}`;

/** The read marks kept under a key (none when missing or unreadable). */
export function loadMarks(key: string): ReadMarks {
  try {
    const raw = pageStorage()?.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (typeof parsed !== "object" || parsed === null) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((e): e is [string, number] => typeof e[1] === "number"),
    );
  } catch {
    return {};
  }
}

/** Keeps read marks under a key. */
export function saveMarks(key: string, marks: ReadMarks): void {
  try {
    pageStorage()?.setItem(key, JSON.stringify(marks));
  } catch {
    // storage full or off: unread counts just reset on reload
  }
}

/**
 * A seat's read marks over its press: unread counts per conversation, and `markRead` to mark a
 * conversation read (kept under `readMarksKey(matchID, playerID)`).
 */
export function useReadMarks(
  matchID: string,
  playerID: string | null,
  items: readonly PressItem[],
  power: PowerId | null,
): { readonly unread: Readonly<Record<string, number>>; readonly markRead: (key: string) => void } {
  const marksKey = readMarksKey(matchID, playerID);
  const [marks, setMarks] = useState<ReadMarks>(() => loadMarks(marksKey));
  const latest = useRef({ items, power });
  latest.current = { items, power };
  useEffect(() => {
    setMarks(loadMarks(marksKey));
  }, [marksKey]);
  const markRead = useCallback(
    (key: string) => {
      setMarks((prev) => {
        const next = markReadOf(prev, latest.current.items, latest.current.power, key);
        if (next !== prev) saveMarks(marksKey, next);
        return next;
      });
    },
    [marksKey],
  );
  const unread = useMemo(() => unreadCounts(items, power, marks), [items, power, marks]);
  return { unread, markRead };
}
