/**
 * What the host's table controls offer, from the lobby's view of a match: pure, no DOM, tested in
 * node. The host (the player who made the match, `MatchInfo.host`) may give an open seat to a bot
 * and let a bot stand in for an absent player (`POST /api/matches/:id/seats/:seat/bot`); the server
 * decides, this only leaves out what it would refuse, so no button is dead.
 */
import type { MatchInfo, PublicSeat } from "../../../shared/src/wire";

/** A seat the host may hand to a bot. */
export interface HostSeat {
  readonly playerID: string;
  readonly power: string;
  readonly name: string | null; // the absent player's name; null for an open seat
}

/** The host's controls for a match, or null when the viewer is not its host or it has ended. */
export interface HostTable {
  readonly invite: string;
  readonly open: readonly HostSeat[]; // nobody holds them: give to a bot for good
  readonly away: readonly HostSeat[]; // their player has no socket: a bot may stand in
}

/** Whether a player holds the seat and is away: not connected, no stand-in yet. */
function isAway(seat: PublicSeat): boolean {
  return seat.kind === "human" && seat.name !== null && !seat.connected && !seat.botActive;
}

/**
 * The host's controls for the viewer holding `playerID` (null: a spectator), or null.
 * @param info the lobby's view of the match
 */
export function hostTable(info: MatchInfo | null, playerID: string | null): HostTable | null {
  if (info === null || playerID === null || info.host !== playerID || info.gameover !== null) return null;
  const others = info.seats.filter((s) => s.playerID !== playerID);
  return {
    invite: info.invite,
    open: others
      .filter((s) => s.kind === "open" && !s.reserved)
      .map((s) => ({ playerID: s.playerID, power: s.power, name: null })),
    away: others.filter(isAway).map((s) => ({ playerID: s.playerID, power: s.power, name: s.name })),
  };
}

/** The line the host's panel is folded under: what needs the host, in a few words. */
export function hostSummary(table: HostTable): string {
  const parts = [
    table.open.length > 0 ? `${table.open.length} open seat${table.open.length === 1 ? "" : "s"}` : null,
    table.away.length > 0 ? `${table.away.length} away` : null,
  ].filter((p) => p !== null);
  return parts.length === 0 ? "Host: invite and seats" : `Host: ${parts.join(", ")}`;
}
