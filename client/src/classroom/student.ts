/**
 * A student's side of a class session in words and decisions, with no React and no I/O: the join
 * code as typed (as shown: `spacedCode` in dashboard.ts), why a join was refused, the key in a
 * rejoin link's fragment, where a student's view sends them (wait, play, watch), whether the seat
 * changed under them, which teacher broadcast is new, who drafted each order, and how long to
 * wait before asking again. The pages (JoinPage, StudentPage, ClassBar, TeamPanel) only show what
 * these return.
 */
import {
  JOIN_CODE_LENGTH,
  joinCodeSchema,
  type Broadcast,
  type DraftMark,
  type StudentView,
} from "../../../shared/src/wire";

// ---------------------------------------------------------------------------------------------
// The join code.

/** A join code as typed, read: the code the server will see, or what is wrong with it. */
export type CodeReading =
  | { readonly ok: true; readonly code: string }
  | { readonly ok: false; readonly message: string };

/**
 * Reads a join code as people type it (any case, spaces or dashes anywhere), by the shared
 * schema: `" abc-d2f "` is `ABCD2F`.
 */
export function readJoinCode(typed: string): CodeReading {
  const parsed = joinCodeSchema.safeParse(typed);
  if (parsed.success) return { ok: true, code: parsed.data };
  const bare = typed.replace(/[\s-]+/gu, "");
  if (bare === "") return { ok: false, message: "Type the code your teacher shows." };
  if (bare.length !== JOIN_CODE_LENGTH)
    return {
      ok: false,
      message: `A class code has ${JOIN_CODE_LENGTH} letters and digits; this has ${bare.length}.`,
    };
  return {
    ok: false,
    message: "That is not a class code: codes have no I, L, O, 0 or 1. Check it with your teacher.",
  };
}

// ---------------------------------------------------------------------------------------------
// Refusals.

/** What the join page does after a refusal: say it, and ask for the code again or the name again. */
export interface JoinRefusal {
  readonly text: string;
  readonly askFor: "code" | "name";
}

/** A refusal of the preview or the join, in a student's words (by the server's error code). */
export function joinRefusal(code: string, message: string): JoinRefusal {
  switch (code) {
    case "unknown-code":
    case "class-ended":
      return {
        text: "No class has that code, or it has ended. Check the code your teacher shows and type it again.",
        askFor: "code",
      };
    case "name-taken":
      return { text: "That name is taken in this class — add an initial.", askFor: "name" };
    case "rate-limited":
      return { text: "Too many tries — wait a minute, then try again.", askFor: "name" };
    case "network":
      return {
        text: "The server could not be reached. Check your connection and try again.",
        askFor: "name",
      };
    default:
      return { text: sentence(message), askFor: "name" };
  }
}

/** "N students have joined" (one student has). */
export function joinedText(students: number): string {
  if (students === 0) return "Nobody has joined yet";
  return students === 1 ? "1 student has joined" : `${students} students have joined`;
}

/** What the join page says about the teacher reading private messages, before anyone joins. */
export function pressNotice(teacherReadsPress: boolean): string {
  return teacherReadsPress
    ? "Your teacher can read your private messages in this class."
    : "Your teacher cannot read your private messages: only the powers you write to read them.";
}

// ---------------------------------------------------------------------------------------------
// The rejoin link.

/** The student key in a rejoin link's fragment (`#<studentKey>`), or null when there is none. */
export function keyFromFragment(hash: string): string | null {
  const raw = hash.startsWith("#") ? hash.slice(1) : hash;
  let key: string;
  try {
    key = decodeURIComponent(raw).trim();
  } catch {
    return null; // a broken escape: not a key this server made
  }
  return key === "" || /\s/u.test(key) ? null : key;
}

// ---------------------------------------------------------------------------------------------
// Where a student belongs.

/** Where a student's view sends them. */
export type StudentPlace =
  | { readonly kind: "waiting" }
  | { readonly kind: "play"; readonly seat: NonNullable<StudentView["seat"]> }
  | { readonly kind: "watch"; readonly matchId: string }
  | { readonly kind: "ended" };

/** Where the student belongs now: waiting to be placed, playing a seat, watching a match, or done. */
export function studentPlace(view: Pick<StudentView, "status" | "matchId" | "seat">): StudentPlace {
  if (view.seat !== null) return { kind: "play", seat: view.seat };
  if (view.matchId !== null) return { kind: "watch", matchId: view.matchId };
  return view.status === "ended" ? { kind: "ended" } : { kind: "waiting" };
}

/** The page of a place: the match (a seat plays it, a watcher watches it), or the waiting room. */
export function placePath(place: StudentPlace, classId: string, studentId: string): string {
  switch (place.kind) {
    case "play":
      return `/m/${encodeURIComponent(place.seat.matchID)}`;
    case "watch":
      return `/watch/${encodeURIComponent(place.matchId)}`;
    case "waiting":
    case "ended":
      return `/class/${encodeURIComponent(classId)}/s/${encodeURIComponent(studentId)}`;
  }
}

/** Where the game screen stands: the match it shows, and the seat it plays (null: it watches). */
export interface ScreenAt {
  readonly matchID: string;
  readonly playerID: string | null;
  readonly credentials: string | null;
}

/**
 * Whether the student's place moved away from what the game screen shows (the teacher moved them
 * to another match or power, made them a watcher, gave them a power, or took them out).
 */
export function placeMoved(screen: ScreenAt, place: StudentPlace): boolean {
  switch (place.kind) {
    case "play":
      return (
        place.seat.matchID !== screen.matchID ||
        place.seat.playerID !== screen.playerID ||
        place.seat.credentials !== screen.credentials
      );
    case "watch":
      return place.matchId !== screen.matchID || screen.playerID !== null;
    case "waiting":
      return true;
    case "ended":
      return false; // the session ended: the match stays on screen, over
  }
}

// ---------------------------------------------------------------------------------------------
// Broadcasts, drafts, team.

/** The newest broadcast the student has not dismissed (`dismissed`: the id last dismissed), or null. */
export function newBroadcast(broadcasts: readonly Broadcast[], dismissed: number | null): Broadcast | null {
  let newest: Broadcast | null = null;
  for (const b of broadcasts) if (newest === null || b.id > newest.id) newest = b;
  if (newest === null) return null;
  return dismissed !== null && newest.id <= dismissed ? null : newest;
}

const ORDER_WORDS = new Set(["build", "remove", "waive", "via", "convoy"]);

/**
 * An order in the canonical notation (`A par - bur`, `FRA F nth C A lon - nwy`, `build F stp/nc`)
 * as the team panel shows it: `A Par–Bur`, `F Nth C A Lon–Nwy`, `build F Stp/nc`. The power id
 * in front, if any, goes (the panel is the team's own power); words that are not place ids stay.
 */
export function shortOrder(order: string): string {
  const words = order.trim().split(/\s+/u);
  if (words.length > 1 && /^[A-Z]{2,}$/u.test(words[0]!)) words.shift();
  return words
    .map((w) => (/^[a-z]{2,4}(?:\/[a-z]{2})?$/u.test(w) && !ORDER_WORDS.has(w) ? capitalise(w) : w))
    .join(" ")
    .replace(/ - /gu, "–");
}

/** One line of the team panel's drafts: `A Par–Bur · drafted by Ana` ("by you" for the student). */
export function draftLine(mark: DraftMark, you: string | null): string {
  return `${shortOrder(mark.order)} · drafted by ${mark.studentId === you ? "you" : mark.name}`;
}

/** The drafts in board order (by unit), for a list that does not jump as teammates draft. */
export function draftsInOrder(drafts: readonly DraftMark[]): DraftMark[] {
  return [...drafts].sort((a, b) => a.unit.localeCompare(b.unit));
}

/** "With Ana and Ben" / "With Ana, Ben and Cy": the student's teammates, or null when alone. */
export function teammatesText(team: StudentView["team"], you: string): string | null {
  const others = team.filter((m) => m.studentId !== you).map((m) => m.name);
  if (others.length === 0) return null;
  const last = others[others.length - 1]!;
  return `With ${others.length === 1 ? last : `${others.slice(0, -1).join(", ")} and ${last}`}`;
}

// ---------------------------------------------------------------------------------------------
// Asking again.

/** Error codes after which asking again cannot help: the key or the student is not (or no longer) right. */
const FINAL_CODES = new Set(["wrong-key", "no-key", "unknown-student", "unknown-class"]);

/** Whether a refused student view is worth asking for again (a blip) or final (wrong key, no such student). */
export function worthRetrying(code: string): boolean {
  return !FINAL_CODES.has(code);
}

/** How long to wait before the `attempt`-th retry (1, 2, 4, 8, 15, 15… seconds), with up to 20% jitter. */
export function retryDelayMs(attempt: number, jitter: number): number {
  const base = Math.min(15_000, 1_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 + 0.2 * Math.min(1, Math.max(0, jitter))));
}

// ---------------------------------------------------------------------------------------------
// Words.

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A server message as a sentence: a capital first, a full stop last. */
export function sentence(message: string): string {
  const text = capitalise(message.trim());
  return text === "" || /[.!?]$/u.test(text) ? text : `${text}.`;
}
