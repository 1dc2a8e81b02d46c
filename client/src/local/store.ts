/**
 * The offline matches kept in this browser: each under its own key (`entente.local.match.<id>`),
 * an index of them with when each was last played (`entente.local.index`), and the one being
 * played (`entente.local.current`). The one match kept before the list (`entente.local`) is moved
 * into it on first read, so no match in progress is lost. A corrupt or foreign entry is skipped
 * and named in `skipped`; a write that fails says why (full storage apart from storage that is off).
 */
import { LOCAL_STORAGE_KEY, parseLocalMatch, type LocalMatch, type SaveStorage } from "./engine";

/** The index of the kept matches. */
export const LOCAL_INDEX_KEY = "entente.local.index";
/** The id of the match `/local/play` plays. */
export const LOCAL_CURRENT_KEY = "entente.local.current";
/** The key of one kept match. */
export const localMatchKey = (id: string): string => `entente.local.match.${id}`;

/** One kept match and when it was last played (ms since the epoch). */
export interface KeptMatch {
  readonly match: LocalMatch;
  readonly playedAt: number;
}

/** The kept matches, last played first, and a note for each entry that could not be read. */
export interface KeptList {
  readonly matches: readonly KeptMatch[];
  readonly skipped: readonly string[];
}

/** Why a match could not be kept. */
export interface StoreError {
  readonly code: "storage-full" | "storage-off";
  readonly message: string;
}

export type StoreResult = { readonly ok: true } | { readonly ok: false; readonly error: StoreError };

interface IndexEntry {
  readonly id: string;
  readonly playedAt: number;
}

const FULL: StoreError = {
  code: "storage-full",
  message:
    "This browser's storage for the page is full, so the match could not be kept. Delete an old match and try again.",
};
const OFF: StoreError = {
  code: "storage-off",
  message: "This browser does not let the page keep data (storage is off), so a match cannot be kept.",
};

function isQuota(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const { name, code } = e as { name?: unknown; code?: unknown };
  return (
    name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || code === 22 || code === 1014
  );
}

function write(storage: SaveStorage, key: string, value: string): StoreResult {
  try {
    storage.setItem(key, value);
    return { ok: true };
  } catch (e) {
    return { ok: false, error: isQuota(e) ? FULL : OFF };
  }
}

function read(storage: SaveStorage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

function remove(storage: SaveStorage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // nothing to forget
  }
}

/** The index as stored (a broken one reads as empty, with a note). */
function readIndex(storage: SaveStorage, skipped: string[]): IndexEntry[] {
  const raw = read(storage, LOCAL_INDEX_KEY);
  if (raw === null) return [];
  try {
    const v: unknown = JSON.parse(raw);
    if (!Array.isArray(v)) throw new Error("not a list");
    return v.filter(
      (e): e is IndexEntry =>
        typeof e === "object" &&
        e !== null &&
        typeof (e as IndexEntry).id === "string" &&
        typeof (e as IndexEntry).playedAt === "number",
    );
  } catch {
    skipped.push("The list of offline matches could not be read; it was started afresh.");
    return [];
  }
}

const writeIndex = (storage: SaveStorage, index: readonly IndexEntry[]): StoreResult =>
  write(storage, LOCAL_INDEX_KEY, JSON.stringify(index));

/** Moves the one match kept before the list into it (once); the old key goes only once it is moved. */
function migrate(storage: SaveStorage, index: IndexEntry[], skipped: string[]): IndexEntry[] {
  const raw = read(storage, LOCAL_STORAGE_KEY);
  if (raw === null) return index;
  let match: LocalMatch | null = null;
  try {
    match = parseLocalMatch(JSON.parse(raw));
  } catch {
    match = null;
  }
  if (match === null) {
    skipped.push(
      "An older saved match could not be read (it is from another version or damaged); it was left out.",
    );
    return index;
  }
  const id = match.id;
  if (index.some((e) => e.id === id)) {
    remove(storage, LOCAL_STORAGE_KEY);
    return index;
  }
  const next = [...index, { id, playedAt: match.startedAt }];
  if (!write(storage, localMatchKey(id), raw).ok || !writeIndex(storage, next).ok) return index;
  if (read(storage, LOCAL_CURRENT_KEY) === null) write(storage, LOCAL_CURRENT_KEY, id);
  remove(storage, LOCAL_STORAGE_KEY);
  return next;
}

/** The kept matches, last played first (migrating the old single save first). */
export function listLocalMatches(storage: SaveStorage): KeptList {
  const skipped: string[] = [];
  const index = migrate(storage, readIndex(storage, skipped), skipped);
  const matches: KeptMatch[] = [];
  for (const entry of index) {
    const match = loadKept(storage, entry.id);
    if (match === null) skipped.push(`A saved match (${entry.id}) could not be read and was left out.`);
    else matches.push({ match, playedAt: entry.playedAt });
  }
  matches.sort((a, b) => b.playedAt - a.playedAt);
  return { matches, skipped };
}

/** One kept match, or null when there is none by that id or it cannot be read. */
export function loadKept(storage: SaveStorage, id: string): LocalMatch | null {
  const raw = read(storage, localMatchKey(id));
  if (raw === null) return null;
  try {
    const match = parseLocalMatch(JSON.parse(raw));
    return match !== null && match.id === id ? match : null;
  } catch {
    return null;
  }
}

/**
 * Keeps a match: a new one joins the list, a kept one is updated; either way it is last played
 * `now`. Never replaces another match.
 */
export function keepLocalMatch(storage: SaveStorage, match: LocalMatch, now: number): StoreResult {
  const saved = write(storage, localMatchKey(match.id), JSON.stringify(match));
  if (!saved.ok) return saved;
  const index = readIndex(storage, []).filter((e) => e.id !== match.id);
  return writeIndex(storage, [...index, { id: match.id, playedAt: now }]);
}

/** Forgets one kept match (and stops playing it, when it was the current one). */
export function deleteLocalMatch(storage: SaveStorage, id: string): StoreResult {
  const index = readIndex(storage, []).filter((e) => e.id !== id);
  const result = writeIndex(storage, index);
  if (!result.ok) return result;
  remove(storage, localMatchKey(id));
  if (read(storage, LOCAL_CURRENT_KEY) === id) remove(storage, LOCAL_CURRENT_KEY);
  return { ok: true };
}

/** The id of the match `/local/play` plays, or null. */
export function currentLocalId(storage: SaveStorage): string | null {
  return read(storage, LOCAL_CURRENT_KEY);
}

/** Makes a kept match the one `/local/play` plays. */
export function setCurrentLocal(storage: SaveStorage, id: string): StoreResult {
  return write(storage, LOCAL_CURRENT_KEY, id);
}

/** Keeps a new match and makes it the current one. */
export function startLocalMatch(storage: SaveStorage, match: LocalMatch, now: number): StoreResult {
  const kept = keepLocalMatch(storage, match, now);
  return kept.ok ? setCurrentLocal(storage, match.id) : kept;
}
