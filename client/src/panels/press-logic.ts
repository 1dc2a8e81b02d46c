/**
 * The press as plain data, with no DOM and no socket: conversation keys (the sorted set of
 * participants), grouping into conversations, and unread counting against per-conversation read
 * marks, over the items the `/press` namespace sends (their shape is the wire's,
 * `shared/src/wire/press.ts`). `usePress` and the Press panel use these; the tests run them in node.
 */
import type { PowerId } from "../../../shared/src/map/types";
import type { PressItem } from "../../../shared/src/match/types";
import { pressItemSchema } from "../../../shared/src/wire/press";

export type { PressItem, PressKind } from "../../../shared/src/match/types";
/** Why a press event was refused (the ack's `error`), or why the socket could not connect. */
export type { PressError } from "../../../shared/src/wire/press";

/** The conversation key of the communiqués (public statements), shown as their own thread. */
export const COMMUNIQUES_KEY = "public";

/** The key of a conversation: its participants, each once, sorted, joined by `+` (e.g. `ENG+FRA`). */
export function conversationKey(participants: readonly PowerId[]): string {
  return [...new Set(participants)].sort().join("+");
}

/** The participants a conversation key names. */
export function participantsOf(key: string): PowerId[] {
  return key === COMMUNIQUES_KEY || key === "" ? [] : key.split("+");
}

/** The conversation an item belongs to: its sender and recipients, or the communiqués. */
export function conversationOf(item: PressItem): string {
  return item.kind === "communique" ? COMMUNIQUES_KEY : conversationKey([item.from, ...item.to]);
}

/** A conversation: its key, its participants and its items, oldest first. */
export interface Conversation {
  readonly key: string;
  readonly participants: readonly PowerId[]; // sorted
  readonly items: readonly PressItem[];
  readonly lastAt: number; // sentAt of the newest item; 0 when empty
}

/**
 * The private conversations in the items (communiqués left out), most recently active first.
 * Each distinct set of participants is one conversation, so a group and its one-to-one
 * conversations are separate threads.
 */
export function conversations(items: readonly PressItem[]): Conversation[] {
  const byKey = new Map<string, PressItem[]>();
  for (const item of items) {
    if (item.kind !== "message") continue;
    const key = conversationOf(item);
    const list = byKey.get(key);
    if (list) list.push(item);
    else byKey.set(key, [item]);
  }
  return [...byKey.entries()]
    .map(([key, list]) => ({
      key,
      participants: participantsOf(key),
      items: list,
      lastAt: list.reduce((t, i) => Math.max(t, i.sentAt), 0),
    }))
    .sort((a, b) => b.lastAt - a.lastAt || a.key.localeCompare(b.key));
}

/** The items in one conversation, oldest first. */
export function itemsIn(items: readonly PressItem[], key: string): PressItem[] {
  return items.filter((i) => conversationOf(i) === key);
}

/**
 * Read marks: for each conversation key, how many items written by others have been read. Items
 * only ever append, so a count survives reloads and ties of `sentAt`.
 */
export type ReadMarks = Readonly<Record<string, number>>;

/** How many items written by others each conversation holds (communiqués under `COMMUNIQUES_KEY`). */
export function incomingCounts(items: readonly PressItem[], me: PowerId | null): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    if (item.from === me) continue;
    const key = conversationOf(item);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The unread items of each conversation that has any: items by others beyond the read mark. */
export function unreadCounts(
  items: readonly PressItem[],
  me: PowerId | null,
  marks: ReadMarks,
): Record<string, number> {
  const unread: Record<string, number> = {};
  for (const [key, count] of Object.entries(incomingCounts(items, me))) {
    const n = count - Math.min(count, marks[key] ?? 0);
    if (n > 0) unread[key] = n;
  }
  return unread;
}

/** The read marks after reading every item of a conversation so far. */
export function markRead(
  marks: ReadMarks,
  items: readonly PressItem[],
  me: PowerId | null,
  key: string,
): ReadMarks {
  const count = incomingCounts(items, me)[key] ?? 0;
  return marks[key] === count ? marks : { ...marks, [key]: count };
}

/** Merges newly received items into a list: each id once (the newest copy), oldest first. */
export function mergeItems(existing: readonly PressItem[], incoming: readonly PressItem[]): PressItem[] {
  const byId = new Map<string, PressItem>();
  for (const item of existing) byId.set(item.id, item);
  for (const item of incoming) byId.set(item.id, item);
  // A stable sort keeps the server's order among items of the same millisecond.
  return [...byId.values()].sort((a, b) => a.sentAt - b.sentAt);
}

/** Whether a value is a press item (the wire's `pressItemSchema`). */
export function isPressItem(value: unknown): value is PressItem {
  return pressItemSchema.safeParse(value).success;
}
