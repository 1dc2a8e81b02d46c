/**
 * Per-map lookup tables for legal-order generation: province and location indices, move lists in
 * map order, province-level reach (for supports), and the sea graph used for convoys (with the
 * province-level adjacency that judges whether a convoy route takes a shortcut). Built lazily
 * once per `GameMap` and kept in a WeakMap, so the tables die with the map.
 */
import { tablesOf } from "../map/tables";
import type { GameMap, Location, LocationId, ProvinceId, UnitType } from "../map/types";

/** Lookup tables derived from one map. Province indices are `Province.index`. */
export interface LegalTables {
  /** Province ids by index. */
  readonly provinceIds: readonly ProvinceId[];
  /** Province index of every location id (bare ids of split-coast provinces included). */
  readonly locationProvince: ReadonlyMap<LocationId, number>;
  /** Locations of each province by index: the bare one first, then the coasts, in map order. */
  readonly provinceLocations: readonly (readonly Location[])[];
  /** 1 where the province is a sea. */
  readonly isSea: Uint8Array;
  /** 1 where the province is land with a shore. */
  readonly isCoast: Uint8Array;
  /** Where a unit of each type may move from a location, in map (location) order. */
  readonly moves: Readonly<Record<UnitType, ReadonlyMap<LocationId, readonly LocationId[]>>>;
  /** The provinces a unit of each type may move to from a location, sorted by index. */
  readonly reach: Readonly<Record<UnitType, ReadonlyMap<LocationId, readonly number[]>>>;
  /** For a sea province, the adjacent sea provinces (sorted); empty for land. */
  readonly seaToSeas: readonly (readonly number[])[];
  /** For a sea province, the adjacent coastal provinces (sorted); empty for land. */
  readonly seaToCoasts: readonly (readonly number[])[];
  /** For a coastal province, the sea provinces adjacent to any of its coasts (sorted). */
  readonly coastToSeas: readonly (readonly number[])[];
  /**
   * Province-level fleet adjacency, 1 at `[p * n + q]` (n provinces) when some fleet move leads
   * from a location of p to one of q: the adjudicator's test for shortcuts on convoy routes.
   */
  readonly touches: Uint8Array;
}

const cache = new WeakMap<GameMap, LegalTables>();

/** Returns the legal-order tables of a map, building them on first use. */
export function legalTables(map: GameMap): LegalTables {
  const cached = cache.get(map);
  if (cached) return cached;
  const built = buildTables(map);
  cache.set(map, built);
  return built;
}

/** Sorted, de-duplicated copy of a list of numbers. */
function sortedUnique(xs: Iterable<number>): number[] {
  return [...new Set(xs)].sort((a, b) => a - b);
}

function buildTables(map: GameMap): LegalTables {
  const shared = tablesOf(map);
  const provinceIds = shared.provinceIds;
  const provinceIndex = new Map(map.provinces.map((p) => [p.id, p.index]));
  const locationOrder = new Map(map.locations.map((l, i) => [l.id, i]));
  const locationProvince = new Map<LocationId, number>();
  const provinceLocations: Location[][] = map.provinces.map(() => []);
  for (const l of map.locations) {
    const p = provinceIndex.get(l.province);
    if (p === undefined) continue;
    locationProvince.set(l.id, p);
    provinceLocations[p]!.push(l);
  }
  const isSea = shared.provinceSea;
  const isCoast = shared.provinceCoastal;

  const byMapOrder = (a: LocationId, b: LocationId): number =>
    (locationOrder.get(a) ?? Infinity) - (locationOrder.get(b) ?? Infinity);
  const movesOf = (
    adjacency: ReadonlyMap<LocationId, readonly LocationId[]>,
  ): Map<LocationId, readonly LocationId[]> =>
    new Map([...adjacency].map(([from, tos]) => [from, [...new Set(tos)].sort(byMapOrder)]));
  const reachOf = (moves: ReadonlyMap<LocationId, readonly LocationId[]>): Map<LocationId, number[]> =>
    new Map(
      [...moves].map(([from, tos]) => [
        from,
        sortedUnique(tos.flatMap((t) => (locationProvince.has(t) ? [locationProvince.get(t)!] : []))),
      ]),
    );
  const armyMoves = movesOf(map.armyAdjacency);
  const fleetMoves = movesOf(map.fleetAdjacency);

  // The sea graph: which seas touch which seas and which shores, at province level.
  const seaToSeas: number[][] = map.provinces.map(() => []);
  const seaToCoasts: number[][] = map.provinces.map(() => []);
  const coastToSeas: number[][] = map.provinces.map(() => []);
  for (const [from, tos] of map.fleetAdjacency) {
    const p = locationProvince.get(from);
    if (p === undefined) continue;
    for (const to of tos) {
      const q = locationProvince.get(to);
      if (q === undefined) continue;
      if (isSea[p] && isSea[q]) seaToSeas[p]!.push(q);
      else if (isSea[p] && isCoast[q]) seaToCoasts[p]!.push(q);
      else if (isCoast[p] && isSea[q]) coastToSeas[p]!.push(q);
    }
  }
  const tidy = (lists: number[][]): number[][] => lists.map(sortedUnique);

  return {
    provinceIds,
    locationProvince,
    provinceLocations,
    isSea,
    isCoast,
    moves: { A: armyMoves, F: fleetMoves },
    reach: { A: reachOf(armyMoves), F: reachOf(fleetMoves) },
    seaToSeas: tidy(seaToSeas),
    seaToCoasts: tidy(seaToCoasts),
    coastToSeas: tidy(coastToSeas),
    touches: shared.seaAdjacent,
  };
}
