/**
 * The offline matches kept in the browser (`client/src/local/store.ts`): several at once, each
 * under its own key with an index; resume, delete; the old single save moved into the list; a
 * corrupt entry skipped with a note; a full storage reported, not swallowed. Over a fake storage.
 */
import { describe, expect, it } from "vitest";
import {
  createLocalMatch,
  LOCAL_STORAGE_KEY,
  replaySetup,
  type LocalMatch,
  type LocalSetup,
  type SaveStorage,
} from "../../client/src/local/engine";
import {
  currentLocalId,
  deleteLocalMatch,
  keepLocalMatch,
  listLocalMatches,
  loadKept,
  LOCAL_INDEX_KEY,
  localMatchKey,
  setCurrentLocal,
  startLocalMatch,
} from "../../client/src/local/store";

const NOW = 1_700_000_000_000;

function make(seed: string, overrides: Partial<LocalSetup> = {}): LocalMatch {
  const made = createLocalMatch(
    { mapId: "classic", human: "ENG", bots: {}, yearLimit: null, seed, ...overrides },
    NOW,
  );
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

class MemoryStorage implements SaveStorage {
  readonly data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

/** A storage that refuses writes past `limit` characters in all, as a browser's quota does. */
class QuotaStorage extends MemoryStorage {
  constructor(private readonly limit: number) {
    super();
  }
  override setItem(key: string, value: string): void {
    let size = value.length;
    for (const [k, v] of this.data) if (k !== key) size += v.length;
    if (size > this.limit) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    super.setItem(key, value);
  }
}

describe("the list of offline matches", () => {
  it("adds matches without replacing any, lists them last played first, and resumes one", () => {
    const s = new MemoryStorage();
    expect(listLocalMatches(s)).toEqual({ matches: [], skipped: [] });
    const a = make("a");
    const b = make("b", { mapId: "amber", human: "SEL" });
    expect(startLocalMatch(s, a, NOW + 1)).toEqual({ ok: true });
    expect(currentLocalId(s)).toBe(a.id);
    expect(startLocalMatch(s, b, NOW + 2)).toEqual({ ok: true });
    expect(currentLocalId(s)).toBe(b.id);
    const list = listLocalMatches(s);
    expect(list.skipped).toEqual([]);
    expect(list.matches.map((k) => [k.match.id, k.playedAt])).toEqual([
      [b.id, NOW + 2],
      [a.id, NOW + 1],
    ]);
    expect(list.matches[1]!.match).toEqual(a);
    // Resume the first: it becomes current, and playing it updates it and its last-played time.
    expect(setCurrentLocal(s, a.id)).toEqual({ ok: true });
    expect(currentLocalId(s)).toBe(a.id);
    const moved = { ...a, nextPressId: 7 };
    expect(keepLocalMatch(s, moved, NOW + 3)).toEqual({ ok: true });
    expect(loadKept(s, a.id)).toEqual(moved);
    expect(listLocalMatches(s).matches.map((k) => k.match.id)).toEqual([a.id, b.id]);
  });

  it("play again keeps the finished match beside the new one", () => {
    const s = new MemoryStorage();
    const a = make("a", { preset: "default", pressMode: "public", tactics: "random" });
    startLocalMatch(s, a, NOW);
    const again = createLocalMatch(replaySetup(a, "a2"), NOW + 5);
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.state.settings).toEqual(a.state.settings);
    startLocalMatch(s, again.value, NOW + 5);
    expect(listLocalMatches(s).matches.map((k) => k.match.id)).toEqual([again.value.id, a.id]);
    expect(currentLocalId(s)).toBe(again.value.id);
  });

  it("deletes one match and no other", () => {
    const s = new MemoryStorage();
    const a = make("a");
    const b = make("b");
    startLocalMatch(s, a, NOW);
    startLocalMatch(s, b, NOW + 1);
    expect(deleteLocalMatch(s, b.id)).toEqual({ ok: true });
    expect(s.getItem(localMatchKey(b.id))).toBeNull();
    expect(currentLocalId(s)).toBeNull(); // the deleted one was current
    expect(listLocalMatches(s).matches.map((k) => k.match.id)).toEqual([a.id]);
    expect(deleteLocalMatch(s, a.id)).toEqual({ ok: true });
    expect(listLocalMatches(s).matches).toEqual([]);
  });

  it("moves the old single save into the list, once, as the current match", () => {
    const s = new MemoryStorage();
    const old = make("old");
    s.setItem(LOCAL_STORAGE_KEY, JSON.stringify(old));
    const list = listLocalMatches(s);
    expect(list.skipped).toEqual([]);
    expect(list.matches).toEqual([{ match: old, playedAt: old.startedAt }]);
    expect(currentLocalId(s)).toBe(old.id);
    expect(s.getItem(LOCAL_STORAGE_KEY)).toBeNull();
    expect(listLocalMatches(s).matches).toHaveLength(1);
    // Beside matches already listed, the current one stays current.
    const t = new MemoryStorage();
    const a = make("a");
    startLocalMatch(t, a, NOW + 9);
    t.setItem(LOCAL_STORAGE_KEY, JSON.stringify(old));
    expect(listLocalMatches(t).matches.map((k) => k.match.id)).toEqual([a.id, old.id]);
    expect(currentLocalId(t)).toBe(a.id);
  });

  it("skips a corrupt or foreign entry with a note, and lists the rest", () => {
    const s = new MemoryStorage();
    const a = make("a");
    const b = make("b");
    startLocalMatch(s, a, NOW);
    startLocalMatch(s, b, NOW + 1);
    s.setItem(localMatchKey(b.id), "{not json");
    let list = listLocalMatches(s);
    expect(list.matches.map((k) => k.match.id)).toEqual([a.id]);
    expect(list.skipped).toHaveLength(1);
    expect(list.skipped[0]).toContain(b.id);
    s.setItem(localMatchKey(b.id), JSON.stringify({ ...b, version: 99 }));
    expect(listLocalMatches(s).skipped).toHaveLength(1);
    // A foreign old save and a broken index are noted too, never thrown.
    s.setItem(LOCAL_STORAGE_KEY, JSON.stringify({ hello: "world" }));
    s.setItem(LOCAL_INDEX_KEY, "[[[");
    list = listLocalMatches(s);
    expect(list.matches).toEqual([]);
    expect(list.skipped).toHaveLength(2);
    // The broken index starts afresh: a new match can still be kept.
    expect(startLocalMatch(s, a, NOW + 2)).toEqual({ ok: true });
    expect(listLocalMatches(s).matches.map((k) => k.match.id)).toEqual([a.id]);
  });

  it("reports a full storage, and keeps what was already kept", () => {
    const a = make("a");
    const size = JSON.stringify(a).length;
    const s = new QuotaStorage(size + 500);
    expect(startLocalMatch(s, a, NOW)).toEqual({ ok: true });
    const b = make("b");
    const result = startLocalMatch(s, b, NOW + 1);
    expect(result).toMatchObject({ ok: false, error: { code: "storage-full" } });
    expect(result.ok ? "" : result.error.message).toMatch(/full/);
    expect(listLocalMatches(s).matches.map((k) => k.match.id)).toEqual([a.id]);
    expect(currentLocalId(s)).toBe(a.id);
    // Storage that is off is told apart from storage that is full.
    const off: SaveStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error("SecurityError");
      },
      removeItem: () => undefined,
    };
    expect(keepLocalMatch(off, a, NOW)).toMatchObject({ ok: false, error: { code: "storage-off" } });
  });

  it("offers the preset and the press mode, and refuses unknown ones", () => {
    const m = make("p", { preset: "default", pressMode: "none" });
    expect(m.state.settings.pressMode).toBe("none");
    const bad = createLocalMatch(
      { mapId: "classic", human: "ENG", bots: {}, yearLimit: null, seed: "x", preset: "nope" },
      NOW,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: "bad-preset" } });
  });
});
