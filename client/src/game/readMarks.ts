/**
 * Where the press read marks live: localStorage, one entry per match and seat, so unread counts
 * survive a reload. Shared by the online press (`usePress`) and the offline one (`useLocalPress`).
 */
import type { ReadMarks } from "../panels/press-logic";

/** The storage key of a seat's read marks in a match. */
export const readMarksKey = (matchID: string, playerID: string | null): string =>
  `entente.press.read:${matchID}:${playerID ?? "spectator"}`;

/** The read marks kept under a key (none when missing or unreadable). */
export function loadMarks(key: string): ReadMarks {
  try {
    const raw = globalThis.localStorage?.getItem(key);
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
    globalThis.localStorage?.setItem(key, JSON.stringify(marks));
  } catch {
    // storage full or off: unread counts just reset on reload
  }
}
