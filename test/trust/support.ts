/**
 * What the trust suites share: small boards on the classic map (starting centre owners unless
 * changed), orders parsed on them, and commitments in force between given parties.
 */
import { initialPosition, type Position } from "../../shared/src/game";
import { getMap, parseUnitString, type PowerId, type ProvinceId, type Unit } from "../../shared/src/map";
import { parseOrder, type Order } from "../../shared/src/orders";
import type { Clause, Commitment, CommitmentStatus } from "../../shared/src/trust/types";

/** The classic map. */
export const map = getMap("classic")!;
/** Who owns each centre at the start. */
export const START_CENTRES = initialPosition(map).supplyCenters;

/** A small board: its units, and changes to the starting centre owners. */
export interface Board {
  readonly units: readonly string[]; // e.g. "GER A mun"
  readonly year?: number;
  readonly season?: Position["season"];
  readonly phase?: Position["phase"];
  readonly centres?: Readonly<Record<ProvinceId, PowerId>>;
}

/** Units from their text, e.g. "GER A mun". */
export const unitsOf = (texts: readonly string[]): Unit[] => texts.map((t) => parseUnitString(t)!);

/** The position of a small board (spring 1901 movement unless it says otherwise). */
export function boardPosition(board: Board): Position {
  return {
    year: board.year ?? 1901,
    season: board.season ?? "spring",
    phase: board.phase ?? "movement",
    units: unitsOf(board.units),
    dislodged: [],
    supplyCenters: { ...START_CENTRES, ...board.centres },
  };
}

/** Parses orders written with their power first, e.g. "GER A mun - bur". */
export function ordersFor(at: Position, texts: readonly string[]): Order[] {
  return texts.map((text) => {
    const parsed = parseOrder(text, { map, phase: at.phase, units: at.units });
    if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
    return parsed.value;
  });
}

/** A commitment signed in spring 1901 by every one of `parties` (the first proposed it). */
export function commitment(
  id: string,
  parties: readonly PowerId[],
  clauses: readonly Clause[],
  options: { readonly status?: CommitmentStatus; readonly visibility?: Commitment["visibility"] } = {},
): Commitment {
  const at = { year: 1901, season: "spring", phase: "movement" } as const;
  const status = options.status ?? "active";
  return {
    id,
    proposer: parties[0]!,
    parties,
    clauses,
    until: null,
    visibility: options.visibility ?? "public",
    status,
    acceptedBy: parties,
    proposedAt: at,
    signedAt: status === "proposed" ? null : at,
    endedAt: null,
    exposed: false,
  };
}
