/**
 * The seats this browser holds, kept in `localStorage["entente.seats"]` as
 * `[{ matchID, playerID, credentials, power, name }]`: the lobby's seat grant (docs/api.md) and
 * the name the player gave. Credentials never leave this browser except to the server that issued
 * them.
 */
import type { HeldSeat } from "../../../shared/src/wire";

/** One held seat: what `my-matches` asks about, with the seat's power and the player's name. */
export interface StoredSeat extends Readonly<HeldSeat> {
  readonly power: string;
  readonly name: string;
}

const KEY = "entente.seats";

function isSeat(x: unknown): x is StoredSeat {
  if (typeof x !== "object" || x === null) return false;
  const s = x as Record<string, unknown>;
  return ["matchID", "playerID", "credentials", "power", "name"].every((k) => typeof s[k] === "string");
}

/** Every seat held, newest last. */
export function loadSeats(): StoredSeat[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isSeat) : [];
  } catch {
    return [];
  }
}

function store(seats: readonly StoredSeat[]): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(seats));
  } catch {
    // storage full or blocked: the seat works for this visit only
  }
}

/** Remembers a seat (replacing an older record of the same seat). */
export function saveSeat(seat: StoredSeat): void {
  store([...loadSeats().filter((s) => !(s.matchID === seat.matchID && s.playerID === seat.playerID)), seat]);
}

/** Forgets a seat. */
export function forgetSeat(matchID: string, playerID: string): void {
  store(loadSeats().filter((s) => !(s.matchID === matchID && s.playerID === playerID)));
}

/** The seat this browser holds in a match (the newest, if several), or null. */
export function seatFor(matchID: string): StoredSeat | null {
  const held = loadSeats().filter((s) => s.matchID === matchID);
  return held[held.length - 1] ?? null;
}

/**
 * Gives a held seat new credentials (after this browser revoked its device link); false when this
 * browser does not hold the seat.
 */
export function renewSeat(matchID: string, playerID: string, credentials: string): boolean {
  const held = loadSeats().find((s) => s.matchID === matchID && s.playerID === playerID);
  if (held === undefined) return false;
  saveSeat({ ...held, credentials });
  return true;
}
