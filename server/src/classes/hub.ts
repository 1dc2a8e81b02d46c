/**
 * Live class pages without busy polling: a teacher's dashboard, the projector and each student's
 * page ask for their view with the version they hold (`?after=<version>&wait=<s>`), and the server
 * answers at once when the view differs, or holds the request until something of the class
 * changes (then builds the view again) or the wait runs out. A view's version is a hash of its
 * content, so an answer tells nothing but what the view shows (not, say, the moment of a secret
 * move that changed nothing visible).
 *
 * Two channels per class: `class` (students, names, seats, pauses, broadcasts, team chat, drafts)
 * wakes every page; `match` (any state change or connection in a class match) wakes only the
 * teacher's and the projector's. Wakes are gathered for `COALESCE_MS`, so a burst of moves costs one
 * rebuild per page.
 */
import crypto from "node:crypto";
import type { ClassStore } from "./store";

/** What a page listens to. */
export type ClassChannel = "class" | "all";

/** How long wakes of one class are gathered before pages rebuild (ms). */
const COALESCE_MS = 100;
/**
 * The most requests held open per class and pool (more are answered at once): requests with a key
 * (the teacher's page, students' pages) and requests without one (the projector, which anyone with
 * the class id may open) never take each other's places.
 */
const MAX_WAITERS: Readonly<Record<WaitPool, number>> = { keyed: 1000, public: 50 };

/** Whose requests a held request counts among. */
export type WaitPool = "keyed" | "public";
/** The most match → class answers kept. */
const MAX_KNOWN_MATCHES = 10_000;

interface Waiter {
  readonly channel: ClassChannel;
  readonly pool: WaitPool;
  readonly wake: () => void;
}

/** The version of a view: a hash of its content, as a number (48 bits). */
export function versionOf(content: unknown): number {
  const digest = crypto.createHash("sha1").update(JSON.stringify(content)).digest();
  return digest.readUIntBE(0, 6);
}

/** Wakes the pages of a class when something of it changes. */
export class ClassHub {
  private readonly waiters = new Map<string, Set<Waiter>>(); // class id → held requests
  private readonly due = new Map<string, { classChange: boolean }>(); // wakes being gathered
  private readonly matchClass = new Map<string, string | null>(); // match id → class id (null: none)
  private closed = false; // the server is stopping: nothing more is held

  constructor(private readonly store: ClassStore) {}

  /** Something of a class changed (`class`: what students see too; `match`: a match's state). */
  changed(classId: string, kind: "class" | "match"): void {
    const pending = this.due.get(classId);
    if (pending) {
      pending.classChange ||= kind === "class";
      return;
    }
    const next = { classChange: kind === "class" };
    this.due.set(classId, next);
    setTimeout(() => {
      this.due.delete(classId);
      const held = this.waiters.get(classId);
      if (!held) return;
      for (const waiter of [...held]) if (next.classChange || waiter.channel === "all") waiter.wake();
    }, COALESCE_MS).unref();
  }

  /** A match's state or connections changed: the pages of its class (if it has one) rebuild. */
  matchChanged(matchId: string): void {
    const classId = this.classOf(matchId);
    if (classId !== null) this.changed(classId, "match");
  }

  /** Records that a match belongs to a class (when the class starts). */
  adopt(matchId: string, classId: string): void {
    this.matchClass.set(matchId, classId);
  }

  /** The class of a match, or null (remembered). */
  classOf(matchId: string): string | null {
    const known = this.matchClass.get(matchId);
    if (known !== undefined) return known;
    const classId = this.store.classOfMatch(matchId);
    if (this.matchClass.size >= MAX_KNOWN_MATCHES) this.matchClass.clear();
    this.matchClass.set(matchId, classId);
    return classId;
  }

  /**
   * Builds a view at once when it differs from version `after`, else waits (at most `waitMs`) for
   * a change on the channel, rebuilding after each, and returns the view as it is then.
   */
  async view<T extends { readonly version: number }>(
    classId: string,
    channel: ClassChannel,
    build: () => T,
    after: number | null,
    waitMs: number,
    pool: WaitPool = "keyed",
  ): Promise<T> {
    let view = build();
    if (after === null || waitMs <= 0 || view.version !== after) return view;
    const until = Date.now() + waitMs;
    for (;;) {
      const left = until - Date.now();
      if (left <= 0 || !(await this.wait(classId, channel, pool, left))) return build();
      view = build();
      if (view.version !== after) return view;
    }
  }

  /**
   * The server is stopping: every held request is answered now (while the database is still
   * open), and none is held from now on.
   */
  close(): void {
    this.closed = true;
    for (const held of [...this.waiters.values()]) for (const waiter of [...held]) waiter.wake();
  }

  /** Waits for a wake on the channel or `ms`; false when too many requests are held already. */
  private wait(classId: string, channel: ClassChannel, pool: WaitPool, ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    let held = this.waiters.get(classId);
    if (!held) this.waiters.set(classId, (held = new Set()));
    let inPool = 0;
    for (const w of held) if (w.pool === pool) inPool++;
    if (inPool >= MAX_WAITERS[pool]) return Promise.resolve(false);
    const set = held;
    return new Promise<boolean>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        set.delete(waiter);
        if (set.size === 0 && this.waiters.get(classId) === set) this.waiters.delete(classId);
        resolve(true);
      };
      const waiter: Waiter = { channel, pool, wake: done };
      const timer = setTimeout(done, ms);
      set.add(waiter);
    });
  }
}
