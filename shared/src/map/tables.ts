/**
 * Per-map index tables shared by the adjudicator and the legal-order generator: province and location
 * indices and adjacency matrices, built once per map and cached.
 */
import type { GameMap, LocationId } from "./types";

/** Index tables of one map. Provinces and locations are numbered in map order. */
export interface MapTables {
  readonly provinceCount: number;
  readonly locationCount: number;
  readonly provinceIndex: ReadonlyMap<string, number>; // province id → index
  readonly locationIndex: ReadonlyMap<string, number>; // location id → index
  readonly provinceIds: readonly string[];
  readonly locationIds: readonly LocationId[];
  readonly locationProvince: Int32Array; // location index → province index
  readonly locationArmy: Uint8Array; // 1 where an army may stand
  readonly locationFleet: Uint8Array; // 1 where a fleet may stand
  readonly provinceSea: Uint8Array; // 1 for sea provinces
  readonly provinceCoastal: Uint8Array; // 1 for coastal provinces
  readonly provinceLocations: readonly (readonly number[])[]; // province index → its location indices
  readonly armyAdjacent: Uint8Array; // [p * P + q] = 1 if an army moves p → q
  readonly fleetAdjacent: Uint8Array; // [l * L + m] = 1 if a fleet moves location l → m
  readonly fleetReaches: Uint8Array; // [l * P + q] = 1 if a fleet at location l can move into province q
  readonly seaAdjacent: Uint8Array; // [p * P + q] = 1 if some fleet move links provinces p and q (convoy routes)
  readonly anyAdjacent: Uint8Array; // [p * P + q] = 1 if p and q touch by land or sea (civil-disorder distance)
}

const cache = new WeakMap<GameMap, MapTables>();

/** Returns the tables of a map, building them on first use. */
export function tablesOf(map: GameMap): MapTables {
  const cached = cache.get(map);
  if (cached) return cached;
  const built = buildTables(map);
  cache.set(map, built);
  return built;
}

function buildTables(map: GameMap): MapTables {
  const P = map.provinces.length;
  const L = map.locations.length;
  const provinceIndex = new Map(map.provinces.map((p, i) => [p.id, i]));
  const locationIndex = new Map(map.locations.map((l, i) => [l.id, i]));
  const locationProvince = new Int32Array(L);
  const locationArmy = new Uint8Array(L);
  const locationFleet = new Uint8Array(L);
  const provinceLocations: number[][] = map.provinces.map(() => []);
  map.locations.forEach((l, i) => {
    const p = provinceIndex.get(l.province)!;
    locationProvince[i] = p;
    locationArmy[i] = l.army ? 1 : 0;
    locationFleet[i] = l.fleet ? 1 : 0;
    provinceLocations[p]!.push(i);
  });
  const provinceSea = new Uint8Array(P);
  const provinceCoastal = new Uint8Array(P);
  map.provinces.forEach((p, i) => {
    provinceSea[i] = p.kind === "sea" ? 1 : 0;
    provinceCoastal[i] = p.kind === "coast" ? 1 : 0;
  });
  const armyAdjacent = new Uint8Array(P * P);
  const fleetAdjacent = new Uint8Array(L * L);
  const fleetReaches = new Uint8Array(L * P);
  const seaAdjacent = new Uint8Array(P * P);
  const anyAdjacent = new Uint8Array(P * P);
  for (const [from, tos] of map.armyAdjacency) {
    const p = locationProvince[locationIndex.get(from)!]!;
    for (const to of tos) {
      const q = locationProvince[locationIndex.get(to)!]!;
      armyAdjacent[p * P + q] = 1;
      anyAdjacent[p * P + q] = 1;
    }
  }
  for (const [from, tos] of map.fleetAdjacency) {
    const l = locationIndex.get(from)!;
    const p = locationProvince[l]!;
    for (const to of tos) {
      const m = locationIndex.get(to)!;
      const q = locationProvince[m]!;
      fleetAdjacent[l * L + m] = 1;
      fleetReaches[l * P + q] = 1;
      seaAdjacent[p * P + q] = 1;
      anyAdjacent[p * P + q] = 1;
    }
  }
  return {
    provinceCount: P,
    locationCount: L,
    provinceIndex,
    locationIndex,
    provinceIds: map.provinces.map((p) => p.id),
    locationIds: map.locations.map((l) => l.id),
    locationProvince,
    locationArmy,
    locationFleet,
    provinceSea,
    provinceCoastal,
    provinceLocations,
    armyAdjacent,
    fleetAdjacent,
    fleetReaches,
    seaAdjacent,
    anyAdjacent,
  };
}
