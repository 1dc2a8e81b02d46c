/**
 * The class seats this browser holds, kept in `localStorage["entente.classSeats"]` as
 * `[{ classId, studentId, studentKey, name, className, code?, matchId? }]`: what
 * `POST /api/classes/join` answered (the student key is the seat: it never leaves this browser
 * except to the server that made it), the name the student gave, the class's name and join code
 * (unknown after a rejoin link), and the match the student was last placed in (so the game screen
 * of that match knows it is a class seat and mounts the class bar); and, under
 * `localStorage["entente.classBroadcastDismissed"]`, the last teacher broadcast dismissed per class.
 */

/** One class seat held by this browser. */
export interface ClassSeat {
  readonly classId: string;
  readonly studentId: string;
  readonly studentKey: string;
  readonly name: string;
  readonly className: string;
  readonly code?: string; // the join code, when this browser joined by it (for the waiting room's count)
  readonly matchId?: string | null; // the match the student was last placed in (null: waiting)
}

const KEY = "entente.classSeats";

/** What the seats are kept in: the browser's localStorage (in a test, its stand-in). */
interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The browser's localStorage (reading it may throw where storage is blocked: callers catch). */
function storage(): KeyValueStorage {
  return (globalThis as unknown as { readonly localStorage: KeyValueStorage }).localStorage;
}

function isClassSeat(x: unknown): x is ClassSeat {
  if (typeof x !== "object" || x === null) return false;
  const s = x as Record<string, unknown>;
  const fields = ["classId", "studentId", "studentKey", "name", "className"];
  return (
    fields.every((k) => typeof s[k] === "string") &&
    (s["code"] === undefined || typeof s["code"] === "string") &&
    (s["matchId"] === undefined || s["matchId"] === null || typeof s["matchId"] === "string")
  );
}

/** Every class seat held, newest last. */
export function loadClassSeats(): ClassSeat[] {
  try {
    const parsed: unknown = JSON.parse(storage().getItem(KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isClassSeat) : [];
  } catch {
    return [];
  }
}

function store(seats: readonly ClassSeat[]): void {
  try {
    storage().setItem(KEY, JSON.stringify(seats));
  } catch {
    // storage full or blocked: the seat works for this visit only (the rejoin link still brings it back)
  }
}

/**
 * Remembers a class seat (replacing an older record of the same student); the code and the match
 * of the older record stay when the new one does not say.
 */
export function saveClassSeat(seat: ClassSeat): void {
  const old = classSeatOf(seat.classId, seat.studentId);
  const kept: ClassSeat = {
    ...seat,
    ...(seat.code === undefined && old?.code !== undefined ? { code: old.code } : {}),
    ...(seat.matchId === undefined && old?.matchId !== undefined ? { matchId: old.matchId } : {}),
  };
  store([...loadClassSeats().filter((s) => !sameStudent(s, seat)), kept]);
}

/** The class seat of a student, or null when this browser does not hold it. */
export function classSeatOf(classId: string, studentId: string): ClassSeat | null {
  return loadClassSeats().find((s) => s.classId === classId && s.studentId === studentId) ?? null;
}

/**
 * The class seat a game screen belongs to: the one whose key the screen's seat syncs with (a
 * student's key is their seat's credentials), else the newest placed in the match, or null.
 */
export function classSeatForMatch(matchId: string, credentials: string | null): ClassSeat | null {
  const held = loadClassSeats();
  const byKey = credentials === null ? undefined : held.find((s) => s.studentKey === credentials);
  if (byKey !== undefined) return byKey;
  const placed = held.filter((s) => s.matchId === matchId);
  return placed[placed.length - 1] ?? null;
}

/** Notes the match a held class seat was placed in (null: back to waiting); false when not held. */
export function placeClassSeat(classId: string, studentId: string, matchId: string | null): boolean {
  const held = classSeatOf(classId, studentId);
  if (held === null) return false;
  if (held.matchId !== matchId) saveClassSeat({ ...held, matchId });
  return true;
}

function sameStudent(a: ClassSeat, b: ClassSeat): boolean {
  return a.classId === b.classId && a.studentId === b.studentId;
}

const DISMISSED_KEY = "entente.classBroadcastDismissed";

/** The id of the last teacher broadcast dismissed in a class on this browser, or null. */
export function dismissedBroadcast(classId: string): number | null {
  try {
    const parsed: unknown = JSON.parse(storage().getItem(DISMISSED_KEY) ?? "{}");
    const id =
      typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>)[classId] : null;
    return typeof id === "number" ? id : null;
  } catch {
    return null;
  }
}

/** Remembers that a class's broadcasts up to `id` were dismissed (a newer one shows again). */
export function dismissBroadcast(classId: string, id: number): void {
  try {
    const parsed: unknown = JSON.parse(storage().getItem(DISMISSED_KEY) ?? "{}");
    const all = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? parsed : {};
    storage().setItem(DISMISSED_KEY, JSON.stringify({ ...all, [classId]: id }));
  } catch {
    // storage blocked: dismissed for this page only
  }
}
