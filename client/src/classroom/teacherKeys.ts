/**
 * The teacher keys this browser holds, kept in `localStorage["entente.classes"]` as
 * `[{ classId, name, teacherKey, createdAt }]`, like the seats in `../app/seats.ts`. A teacher key
 * is the teacher's whole access to a class session: it never leaves this browser except to the
 * server that issued it (and in the secret teacher link the teacher chooses to keep).
 *
 * The dashboard's address may carry the key in its fragment (`/class/<id>/teacher#<key>`, the
 * secret teacher link); `keyFromFragment` reads it so the page can take it out of the address bar
 * and store it once the server accepts it.
 */

/** One class session this browser may steer. */
export interface HeldClass {
  readonly classId: string;
  readonly name: string; // the class's name, as the teacher gave it
  readonly teacherKey: string;
  readonly createdAt: number; // ms since the epoch, when this browser first held it
}

const KEY = "entente.classes";

/** What this module needs of `localStorage`. */
interface KeyStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The browser's `localStorage`, or null where there is none (blocked, or not a browser). */
function storage(): KeyStorage | null {
  try {
    return (globalThis as { localStorage?: KeyStorage }).localStorage ?? null;
  } catch {
    return null; // reading it throws when the browser blocks storage
  }
}

function isHeldClass(x: unknown): x is HeldClass {
  if (typeof x !== "object" || x === null) return false;
  const c = x as Record<string, unknown>;
  return (
    typeof c["classId"] === "string" &&
    typeof c["name"] === "string" &&
    typeof c["teacherKey"] === "string" &&
    c["teacherKey"] !== "" &&
    typeof c["createdAt"] === "number"
  );
}

/** The held classes in a stored text (what `localStorage` holds); [] for anything unreadable. */
export function parseHeldClasses(text: string | null): HeldClass[] {
  try {
    const parsed: unknown = JSON.parse(text ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isHeldClass) : [];
  } catch {
    return [];
  }
}

/** Every class this browser holds a key to, newest last. */
export function loadClasses(): HeldClass[] {
  try {
    return parseHeldClasses(storage()?.getItem(KEY) ?? null);
  } catch {
    return [];
  }
}

function store(classes: readonly HeldClass[]): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(classes));
  } catch {
    // storage full or blocked: the key works for this visit only (the teacher link still holds it)
  }
}

/**
 * `held` with `next` remembered: an older record of the same class is replaced, keeping its first
 * `createdAt` (and its name when `next` has none).
 */
export function withClass(held: readonly HeldClass[], next: HeldClass): HeldClass[] {
  const older = held.find((c) => c.classId === next.classId);
  const kept: HeldClass =
    older === undefined
      ? next
      : { ...next, createdAt: older.createdAt, name: next.name === "" ? older.name : next.name };
  return [...held.filter((c) => c.classId !== next.classId), kept];
}

/** Remembers a class's teacher key. */
export function saveClass(next: HeldClass): void {
  store(withClass(loadClasses(), next));
}

/** Forgets a class's teacher key. */
export function forgetClass(classId: string): void {
  store(loadClasses().filter((c) => c.classId !== classId));
}

/** The teacher key this browser holds for a class, or null. */
export function teacherKeyFor(classId: string): string | null {
  return loadClasses().find((c) => c.classId === classId)?.teacherKey ?? null;
}

/**
 * The key a dashboard address carries in its fragment (`#<key>`, with or without the `#`), or
 * null when there is none: only 8–512 url-safe characters count, so a skip link's fragment
 * (`#main`) is not taken for a key. A wrong key that fits is refused by the server, which the
 * dashboard then says.
 */
export function keyFromFragment(hash: string): string | null {
  const raw = hash.startsWith("#") ? hash.slice(1) : hash;
  let key: string;
  try {
    key = decodeURIComponent(raw).trim();
  } catch {
    return null;
  }
  return /^[A-Za-z0-9_~.-]{8,512}$/u.test(key) ? key : null;
}

/**
 * The key the dashboard uses: the one its address carries (taken out of the address bar, and
 * stored once the server accepts it), else the one this browser holds, else none.
 */
export function chooseTeacherKey(
  hash: string,
  stored: string | null,
): { readonly key: string; readonly fromAddress: boolean } | null {
  const carried = keyFromFragment(hash);
  if (carried !== null) return { key: carried, fromAddress: true };
  return stored === null ? null : { key: stored, fromAddress: false };
}
