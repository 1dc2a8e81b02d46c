/**
 * A match debrief (shared/src/wire/debrief.ts) as the page draws it: its standings as the series the
 * existing charts take, the alliance network of one phase as the network graph's edges, and short
 * words for phases and outcomes. Pure.
 */
import { phaseOfKey } from "../../../shared/src/debrief/debrief";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import type { PhaseRef } from "../../../shared/src/trust/types";
import type { DebriefPhaseRef, DebriefStanding, MatchDebrief } from "../../../shared/src/wire/debrief";
import type { CentrePoint } from "../game/endScreen";
import type { NetworkEdge, StandingPoint } from "../panels/standing";

/** A phase as a debrief names it, as a phase of the calendar (null at the start). */
export function phaseOf(ref: DebriefPhaseRef | null): PhaseRef | null {
  return ref === null ? null : phaseOfKey(ref.key);
}

/** "S01", "F01", "W01", "F01r": a short label for a phase on a time axis; "Start" before the first. */
export function shortPhase(ref: DebriefPhaseRef | null): string {
  const p = phaseOf(ref);
  if (p === null) return ref === null ? "Start" : ref.label;
  const s = p.season === "spring" ? "S" : p.season === "fall" ? "F" : "W";
  return `${s}${String(p.year).slice(-2)}${p.phase === "retreat" ? "r" : ""}`;
}

/** A phase in words: "the start" or e.g. "Fall 1902 movement". */
export function phaseWords(ref: DebriefPhaseRef | null): string {
  return ref === null ? "the start" : ref.label;
}

/** The centres of every power after each phase, as the centre chart takes them. */
export function centrePoints(standings: readonly DebriefStanding[]): CentrePoint[] {
  return standings.map((s) => ({ label: shortPhase(s.phase), centres: s.centres }));
}

/** Reputation and prestige after each phase, as the standing chart takes them. */
export function standingPoints(standings: readonly DebriefStanding[]): StandingPoint[] {
  return standings.map((s, i) => ({
    edition: i,
    phase: phaseOf(s.phase),
    reputation: s.reputation,
    prestige: s.prestige,
  }));
}

/** The alliance network after one phase, as the network graph's edges (secret pacts dashed). */
export function networkEdges(debrief: MatchDebrief, standing: DebriefStanding): NetworkEdge[] {
  const secret = new Set(debrief.commitments.filter((c) => c.visibility === "secret").map((c) => c.id));
  return standing.ties.map((t) => {
    const [a, b] = [...t.powers].sort() as [PowerId, PowerId];
    return {
      a,
      b,
      publicIds: t.commitments.filter((id) => !secret.has(id)),
      secretIds: t.commitments.filter((id) => secret.has(id)),
    };
  });
}

/** A power's name on the map. */
export function nameOf(map: GameMap, power: PowerId): string {
  return map.power.get(power)?.name ?? power;
}

/** Names in a list: "France", "France and Italy", "France, Italy and Russia". */
export function namesOf(map: GameMap, powers: readonly PowerId[]): string {
  const names = powers.map((p) => nameOf(map, p));
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;
}

/** How the match ended, in one sentence (or that it still runs). */
export function outcomeWords(debrief: MatchDebrief, map: GameMap): string {
  const o = debrief.outcome;
  const last = debrief.standings.at(-1)?.phase ?? null;
  if (o === null) return `The match is still running; this debrief runs up to ${phaseWords(last)}.`;
  const winner = o.winner === null ? null : nameOf(map, o.winner);
  const when = o.at.label;
  switch (o.kind) {
    case "solo":
      return `${winner ?? "A power"} won outright in ${when}.`;
    case "draw":
      return `The survivors agreed a draw in ${when}${winner ? `; ${winner} scored highest` : ""}.`;
    case "year-limit":
      return `The match reached its year limit in ${when}${winner ? `; ${winner} scored highest` : ""}.`;
    case "called":
      return `Time was called in ${when}${winner ? `; ${winner} scored highest` : ""}.`;
  }
}

/** What a defection kind means, in a few words. */
export const KIND_WORDS: Readonly<Record<string, string>> = {
  surprise: "Surprise (no notice)",
  announced: "Announced (notice given)",
  retaliation: "Retaliation",
};

/** A signed number: "+3", "−15", "0". */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : "0";
}
