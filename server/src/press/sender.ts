/**
 * What every send shares: the sender's seat (held now, not rate-limited, in a running game, not
 * eliminated), its text by the shared text rules, a new item, and storing it before anything is
 * acknowledged or delivered.
 */
import { randomBytes } from "node:crypto";
import {
  cleanPressText,
  eliminatedPowers,
  getMap,
  MAX_PRESS_TEXT_LENGTH,
  textLength,
  phaseOf,
  type MatchState,
  type PowerId,
  type PressItem,
  type PressKind,
} from "../../../shared/src";
import type { ServerContext } from "../context";
import type { PressHost } from "./host";
import { fail, SEAT_LOST } from "./refusal";
import { matchRoom, powerRoom, type PressFrom } from "./session";
import { moduleLog } from "../log";

const logger = moduleLog("press");

/** The match's state, or null when the match has none. */
export function matchState(ctx: ServerContext, matchID: string): MatchState | null {
  const { state } = ctx.storage.fetch(matchID, { state: true });
  return state === undefined ? null : (state.G as MatchState);
}

/** The match's state, or a refusal. */
function stateOf(host: PressHost, matchID: string): MatchState {
  return matchState(host.ctx, matchID) ?? fail("unknown-match", "no such match");
}

/** The sender's seat after the checks every send shares, and the match's state. */
export function sender(
  host: PressHost,
  from: PressFrom,
): { power: PowerId; playerID: string; G: MatchState } {
  const { seat, matchID } = from;
  if (seat === null)
    return from.lost
      ? fail(SEAT_LOST.code, SEAT_LOST.message)
      : fail("read-only", "spectators cannot send press");
  if (!host.seats.holdsSeat(matchID, seat.playerID, seat.credentials)) {
    from.seatLost();
    return fail(SEAT_LOST.code, SEAT_LOST.message);
  }
  const { power, playerID } = seat;
  if (!host.limits.take(`${matchID}/${playerID}`)) return fail("rate-limited", "too much press; slow down");
  const G = stateOf(host, matchID);
  if (G.result !== null) return fail("game-over", "the game has ended");
  const map = getMap(G.settings.mapId);
  if (map === null) return fail("server-error", "the match's map is unknown");
  if (eliminatedPowers(map, G.position).includes(power))
    return fail("eliminated", "an eliminated power sends no more press");
  return { power, playerID, G };
}

/** Text by the shared text rules: clean characters, NFC, trimmed, not blank, not too long. */
export function textOf(raw: string): string {
  const cleaned = cleanPressText(raw);
  if (!cleaned.ok) return fail("bad-text", cleaned.error);
  const text = cleaned.value;
  if (text.length === 0) return fail("empty-text", "the text is blank");
  if (textLength(text) > MAX_PRESS_TEXT_LENGTH)
    return fail("text-too-long", `the text is longer than ${MAX_PRESS_TEXT_LENGTH} characters`);
  return text;
}

/** A new item, sent now in the match's current phase. */
export function newItem(
  host: PressHost,
  kind: PressKind,
  from: PowerId,
  to: readonly PowerId[],
  text: string,
  G: MatchState,
): PressItem {
  return {
    id: `p${randomBytes(12).toString("base64url")}`,
    kind,
    from,
    to,
    text,
    at: phaseOf(G.position),
    sentAt: host.ctx.now(),
  };
}

/** Stores an item, or refuses with `storage-failed` (logged) — then nothing may be delivered. */
export function store(host: PressHost, matchID: string, item: PressItem): void {
  try {
    host.store.insert(matchID, item);
  } catch (e) {
    logger.error({ err: e, matchID }, `could not store ${item.kind} ${item.id} of match ${matchID}`);
    fail("storage-failed", "the press could not be stored, so it was not sent; try again later");
  }
}

/** Takes back a stored item the game then refused (best effort, logged). */
export function unstore(host: PressHost, item: PressItem): void {
  try {
    host.store.remove(item.id);
  } catch (e) {
    logger.error({ err: e }, `could not remove refused ${item.kind} ${item.id}`);
  }
}

/** Delivers a private message to the sockets of its sender's and recipients' powers. */
export function deliverMessage(host: PressHost, matchID: string, item: PressItem): void {
  host.nsp.to([item.from, ...item.to].map((p) => powerRoom(matchID, p))).emit("press:message", item);
  delivered(host, matchID, item);
}

/** Sends a stored communiqué to every socket of its match. */
export function deliverCommunique(host: PressHost, matchID: string, item: PressItem): void {
  host.nsp.to(matchRoom(matchID)).emit("press:communique", item);
  delivered(host, matchID, item);
}

/** Tells `host.delivered` (the seat API's waits) of a delivered item; its fault is logged, the send stands. */
function delivered(host: PressHost, matchID: string, item: PressItem): void {
  try {
    host.delivered?.(matchID, item);
  } catch (e) {
    logger.error({ err: e, matchID }, `telling of ${item.kind} ${item.id} of match ${matchID} failed`);
  }
}
