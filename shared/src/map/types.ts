/**
 * The map model: provinces, coasts, adjacency per unit type, supply centres, powers and the start
 * position. A map is data (see `assets/maps/`); `loadMap` turns validated data into a `GameMap`.
 * Nothing in the engine knows any particular map.
 */

/** The two kinds of unit. */
export const UNIT_TYPES = ["A", "F"] as const;
/** `A` for army, `F` for fleet. */
export type UnitType = (typeof UNIT_TYPES)[number];

/** What a province is made of. */
export const PROVINCE_KINDS = ["land", "sea", "coast"] as const;
/** `land` (inland), `sea`, or `coast` (land with a shore). */
export type ProvinceKind = (typeof PROVINCE_KINDS)[number];

/** A power's id on its map, e.g. `ENG`. */
export type PowerId = string;
/** A province's id, lower case, e.g. `stp`. */
export type ProvinceId = string;
/** A place a unit can stand: a province id, or a province with a coast, e.g. `stp/nc`. */
export type LocationId = string;
/** A coast id within a province, e.g. `nc`. */
export type CoastId = string;

/** A unit on the board. */
export interface Unit {
  readonly power: PowerId; // who owns it
  readonly type: UnitType; // army or fleet
  readonly location: LocationId; // where it stands (a coast for a fleet in a split-coast province)
}

/** A power as the map defines it. */
export interface Power {
  readonly id: PowerId; // e.g. ENG
  readonly name: string; // e.g. England
  readonly adjective: string; // e.g. English
  readonly homeCenters: readonly ProvinceId[]; // where it may build
}

/** A province as the map defines it. */
export interface Province {
  readonly id: ProvinceId; // e.g. spa
  readonly index: number; // position in `GameMap.provinces`, for fast tables
  readonly name: string; // e.g. Spain
  readonly kind: ProvinceKind;
  readonly supplyCenter: boolean;
  readonly homeOf: PowerId | null; // the power whose home centre it is, if any
  readonly coasts: readonly CoastId[]; // named coasts of a split-coast province, else empty
  readonly aliases: readonly string[]; // other names players type for it
}

/** A place a unit can stand. Split-coast provinces have one location per coast plus the bare one. */
export interface Location {
  readonly id: LocationId; // e.g. spa/nc
  readonly province: ProvinceId; // e.g. spa
  readonly coast: CoastId | null; // e.g. nc
  readonly army: boolean; // an army may stand here
  readonly fleet: boolean; // a fleet may stand here
}

/** The starting position of a map. */
export interface StartPosition {
  readonly year: number; // first year, e.g. 1901
  readonly units: readonly Unit[];
  readonly supplyCenters: Readonly<Record<PowerId, readonly ProvinceId[]>>; // owned centres at start
}

/** A loaded, validated map, with lookup tables built once. */
export interface GameMap {
  readonly id: string; // e.g. classic
  readonly name: string;
  readonly description: string;
  readonly victoryCenters: number; // centres needed for a solo
  readonly powers: readonly Power[];
  readonly provinces: readonly Province[]; // in a fixed order; `Province.index` points here
  readonly locations: readonly Location[];
  readonly start: StartPosition;
  /** Province by id. */
  readonly province: ReadonlyMap<ProvinceId, Province>;
  /** Location by id (bare province ids of split-coast provinces included). */
  readonly location: ReadonlyMap<LocationId, Location>;
  /** Power by id. */
  readonly power: ReadonlyMap<PowerId, Power>;
  /** Locations an army may move to from a location, without convoy. */
  readonly armyAdjacency: ReadonlyMap<LocationId, readonly LocationId[]>;
  /** Locations a fleet may move to from a location. */
  readonly fleetAdjacency: ReadonlyMap<LocationId, readonly LocationId[]>;
  /** All supply centre ids, in province order. */
  readonly supplyCenters: readonly ProvinceId[];
  /**
   * The powers that play at each supported player count (the others sit out), when the map says;
   * e.g. 3 → BRY, ORO, SEL. Absent on maps made for one player count only.
   */
  readonly playerCounts?: ReadonlyMap<number, readonly PowerId[]>;
}
