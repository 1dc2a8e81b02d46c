/**
 * What the storage keeps in memory of recently active matches: the latest state, parsed, with the
 * parts its rows hold; and the metadata last written or read. The memory must never run ahead of the file.
 * A state written inside a transaction may yet be rolled back: it is kept as pending, with the
 * states before it, until the row's `write_id` in the file says which of them is stored
 * (`settle`).
 */
import type { State } from "boardgame.io";
import type { Parts } from "./parts";

/** A match's latest state in memory. */
export interface CachedState {
  readonly state: State;
  /** The parts the rows hold (the very arrays last written or read); null when not known. */
  readonly parts: Parts | null;
  /** The row's `write_id` once this state is stored (null for rows written before it existed). */
  readonly writeID: number | null;
  /** Whether it was written inside a transaction not yet known to have committed. */
  readonly pending: boolean;
  /** The state it replaced, while pending. */
  readonly before?: CachedState;
}

/** How many matches stay in memory (the rest are read from disk). */
const CACHED_MATCHES = 512;

/** Puts an entry last in a map kept in order of use, dropping the least recent past the limit. */
function touch<V>(map: Map<string, V>, key: string, value: V | null): void {
  map.delete(key);
  if (value === null) return;
  map.set(key, value);
  if (map.size > CACHED_MATCHES) map.delete(map.keys().next().value!);
}

/**
 * Which of a pending state and the states before it the file holds, given the row's `write_id`
 * now: the first whose id matches, made settled unless a transaction is still open; none when no
 * id matches (then the file must be read).
 */
export function settle(
  entry: CachedState,
  stored: number | null | undefined,
  inTransaction: boolean,
): CachedState | undefined {
  for (let e: CachedState | undefined = entry; e; e = e.pending ? e.before : undefined) {
    if (e.writeID !== stored) continue;
    return inTransaction || !e.pending
      ? e
      : { state: e.state, parts: e.parts, writeID: e.writeID, pending: false };
  }
  return undefined;
}

/** A match's metadata as its row holds it, and its comparison key (`updatedAt` left out). */
export interface CachedMetadata {
  readonly json: string;
  readonly key: string;
}

/** The comparison key of a match's metadata: boardgame.io bumps `updatedAt` after every move. */
export function metadataKey(metadata: object): string {
  return JSON.stringify({ ...metadata, updatedAt: 0 });
}

/** The storage's memory of matches. */
export class MatchCache {
  private readonly states = new Map<string, CachedState>();
  private readonly metadata = new Map<string, CachedMetadata>();

  /** A match's latest state in memory (pending or not). */
  state(matchID: string): CachedState | undefined {
    return this.states.get(matchID);
  }

  /** Records a match's latest state just written or read (null: forget it). */
  putState(matchID: string, entry: CachedState | null): void {
    touch(this.states, matchID, entry);
  }

  /** A match's metadata as last written or read, when memory holds it. */
  knownMetadata(matchID: string): CachedMetadata | undefined {
    return this.metadata.get(matchID);
  }

  /** Records the metadata just written or read (null: forget it). */
  putMetadata(matchID: string, entry: CachedMetadata | null): void {
    touch(this.metadata, matchID, entry);
  }
}
