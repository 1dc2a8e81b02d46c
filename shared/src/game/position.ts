/**
 * A position: everything the board rules need to know between two phases — the date, the phase,
 * the units, the dislodged units awaiting retreat, and who owns each supply centre. Plain data,
 * so it serialises as JSON unchanged. Also the small questions read off a position everywhere:
 * how many centres each power owns, and the key of its phase.
 */
import type { GameMap, LocationId, PowerId, ProvinceId, Unit } from "../map/types";
import type { PhaseKind } from "../orders/types";

/** The seasons of a game year. */
export const SEASONS = ["spring", "fall", "winter"] as const;
/** `spring` and `fall` hold movement and retreats; `winter` holds adjustments. */
export type Season = (typeof SEASONS)[number];

/** A unit dislodged in a movement phase, waiting for its retreat order. */
export interface Dislodgement {
  readonly unit: Unit; // where it stood when dislodged
  readonly attackerFrom: ProvinceId; // the province the dislodging unit came from
  readonly byConvoy: boolean; // the dislodging unit came by convoy
  readonly retreats: readonly LocationId[]; // where it may retreat, in map order
}

/** The board between two phases. */
export interface Position {
  readonly year: number;
  readonly season: Season;
  readonly phase: PhaseKind;
  readonly units: readonly Unit[]; // units on the board (not the dislodged ones)
  readonly dislodged: readonly Dislodgement[]; // non-empty only in a retreat phase
  readonly supplyCenters: Readonly<Record<ProvinceId, PowerId>>; // owner of each owned centre
}

/**
 * How many supply centres each power owns: every power of the map in map order (0 when it owns
 * none), then any other owner named, in the order first met.
 */
export function centreCounts(map: GameMap, position: Pick<Position, "supplyCenters">): Map<PowerId, number> {
  const counts = new Map<PowerId, number>(map.powers.map((p) => [p.id, 0]));
  for (const owner of Object.values(position.supplyCenters)) counts.set(owner, (counts.get(owner) ?? 0) + 1);
  return counts;
}

/** The key of a phase, e.g. `1901-spring-movement`: one string per phase of a game (seeds, clocks, caches). */
export function phaseKey(phase: Pick<Position, "year" | "season" | "phase">): string {
  return `${phase.year}-${phase.season}-${phase.phase}`;
}
