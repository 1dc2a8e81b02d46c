/**
 * The game's calendar: phase and season references, and their order, so that commitments can
 * say "until fall 1902" and the engine can tell which phases came before which.
 */
import type { Position, Season } from "../game/position";
import type { PhaseKind } from "../orders/types";
import type { PhaseRef, SeasonRef } from "./types";

const SEASON_ORDER: Readonly<Record<Season, number>> = { spring: 0, fall: 1, winter: 2 };
const PHASE_ORDER: Readonly<Record<PhaseKind, number>> = { movement: 0, retreat: 1, adjustment: 2 };

/** The phase a position is in. */
export function phaseOf(position: Position): PhaseRef {
  return { year: position.year, season: position.season, phase: position.phase };
}

/** Compares two seasons: negative when `a` comes first. */
export function compareSeasons(a: SeasonRef, b: SeasonRef): number {
  return a.year - b.year || SEASON_ORDER[a.season] - SEASON_ORDER[b.season];
}

/** Compares two phases: negative when `a` comes first. */
export function comparePhases(a: PhaseRef, b: PhaseRef): number {
  return compareSeasons(a, b) || PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase];
}

/**
 * Whether a season named by a term or a deadline ends with the phase just played (`now`), given the
 * phase that comes next: `now` is not after the season and `next` is. A season is over when the
 * game moves past it, not when a phase of it is played: when nobody builds or removes, no winter is
 * played, and "until winter 1901" ends with the last phase of fall 1901 (the game goes from there
 * straight to spring 1902). The one rule for every term and deadline.
 */
export function seasonEndsWith(season: SeasonRef, now: SeasonRef, next: SeasonRef): boolean {
  return compareSeasons(now, season) <= 0 && compareSeasons(season, next) < 0;
}

/** Whether two phase references name the same phase. */
export function samePhase(a: PhaseRef, b: PhaseRef): boolean {
  return comparePhases(a, b) === 0;
}

/** "Spring 1901", "Fall 1902", "Winter 1903". */
export function seasonName(s: SeasonRef): string {
  return `${s.season[0]!.toUpperCase()}${s.season.slice(1)} ${s.year}`;
}

/** "Spring 1901 movement". */
export function phaseName(p: PhaseRef): string {
  return `${seasonName(p)} ${p.phase}`;
}
