/**
 * Map loading: parse map data (as stored under `assets/maps/`) with a schema, check that it is a
 * coherent board, and build the lookup tables of a `GameMap`. Every problem is reported with a
 * stable code and the place it was found; nothing half-valid is returned.
 */
import { z } from "zod";
import { err, ok, type Result } from "../result";
import type {
  GameMap,
  Location,
  LocationId,
  Power,
  PowerId,
  Province,
  ProvinceId,
  Unit,
  UnitType,
} from "./types";
import { PROVINCE_KINDS } from "./types";

/** The version tag every map file carries. */
export const MAP_FORMAT = "entente-map/1";

const idPattern = /^[a-z][a-z0-9]*$/;
const powerPattern = /^[A-Z][A-Z0-9]*$/;

/** The schema of a map file. */
export const mapDataSchema = z.object({
  format: z.literal(MAP_FORMAT),
  id: z.string().regex(idPattern),
  name: z.string().min(1),
  description: z.string(),
  source: z.unknown().optional(), // provenance note, kept verbatim
  victoryCenters: z.number().int().positive(),
  startYear: z.number().int(),
  powers: z
    .array(
      z.object({
        id: z.string().regex(powerPattern),
        name: z.string().min(1),
        adjective: z.string().min(1),
        homeCenters: z.array(z.string()),
      }),
    )
    .min(1),
  provinces: z
    .array(
      z.object({
        id: z.string().regex(idPattern),
        name: z.string().min(1),
        kind: z.enum(PROVINCE_KINDS),
        supplyCenter: z.boolean(),
        coasts: z.array(z.string().regex(idPattern)),
        aliases: z.array(z.string()),
      }),
    )
    .min(1),
  armyAdjacency: z.record(z.string(), z.array(z.string())),
  fleetAdjacency: z.record(z.string(), z.array(z.string())),
  start: z.object({
    units: z.array(z.string()),
    supplyCenters: z.record(z.string(), z.array(z.string())),
  }),
});

/** A map file after schema parsing. */
export type MapData = z.infer<typeof mapDataSchema>;

/** Stable codes of map-data problems. */
export const MAP_ERROR_CODES = [
  "schema",
  "duplicate-province",
  "duplicate-power",
  "duplicate-name",
  "unknown-province",
  "unknown-location",
  "unknown-power",
  "coast-without-province",
  "coasts-on-non-coastal-province",
  "one-way-adjacency",
  "self-adjacency",
  "army-adjacency-at-sea",
  "fleet-adjacency-inland",
  "home-center-not-supply-center",
  "home-center-shared",
  "bad-start-unit",
  "start-units-collide",
  "start-center-not-supply-center",
  "start-center-owned-twice",
  "bad-victory-centers",
] as const;
/** One of `MAP_ERROR_CODES`. */
export type MapErrorCode = (typeof MAP_ERROR_CODES)[number];

/** One problem found in map data. */
export interface MapError {
  readonly code: MapErrorCode;
  readonly message: string; // plain-language explanation naming the place
}

/**
 * Parses a start-unit string such as `ENG F lon` or `RUS F stp/sc`.
 * Returns null when it is not of that shape.
 */
export function parseUnitString(text: string): Unit | null {
  const m = /^\s*([A-Za-z][A-Za-z0-9]*)\s+([AaFf])\s+([A-Za-z0-9]+(?:\/[A-Za-z0-9]+)?)\s*$/.exec(text);
  if (!m) return null;
  return {
    power: m[1]!.toUpperCase(),
    type: m[2]!.toUpperCase() as UnitType,
    location: m[3]!.toLowerCase(),
  };
}

/** Formats a unit as `POWER T location`, e.g. `ENG F lon`. */
export function formatUnit(unit: Unit): string {
  return `${unit.power} ${unit.type} ${unit.location}`;
}

/** Derives the locations of a province from its kind and coasts. */
function locationsOf(p: MapData["provinces"][number]): Location[] {
  switch (p.kind) {
    case "land":
      return [{ id: p.id, province: p.id, coast: null, army: true, fleet: false }];
    case "sea":
      return [{ id: p.id, province: p.id, coast: null, army: false, fleet: true }];
    case "coast":
      if (p.coasts.length === 0) return [{ id: p.id, province: p.id, coast: null, army: true, fleet: true }];
      return [
        { id: p.id, province: p.id, coast: null, army: true, fleet: false },
        ...p.coasts.map((c) => ({ id: `${p.id}/${c}`, province: p.id, coast: c, army: false, fleet: true })),
      ];
  }
}

/**
 * Loads a map from parsed JSON: schema check, coherence checks, lookup tables.
 * @returns the map, or every problem found.
 */
export function loadMap(json: unknown): Result<GameMap, readonly MapError[]> {
  const parsed = mapDataSchema.safeParse(json);
  if (!parsed.success) {
    return err(
      parsed.error.issues.map((i) => ({
        code: "schema" as const,
        message: `${i.path.join(".") || "(root)"}: ${i.message}`,
      })),
    );
  }
  const data = parsed.data;
  const errors: MapError[] = [];
  const fail = (code: MapErrorCode, message: string): void => {
    errors.push({ code, message });
  };

  // Provinces and their locations.
  const provinceData = new Map<ProvinceId, MapData["provinces"][number]>();
  const names = new Map<string, string>();
  for (const p of data.provinces) {
    if (provinceData.has(p.id)) fail("duplicate-province", `province "${p.id}" is defined twice`);
    provinceData.set(p.id, p);
    if (p.coasts.length > 0 && p.kind !== "coast")
      fail("coasts-on-non-coastal-province", `province "${p.id}" is ${p.kind} but names coasts`);
    for (const n of [p.name, ...p.aliases]) {
      const key = n.toLowerCase();
      const other = names.get(key);
      if (other !== undefined && other !== p.id)
        fail("duplicate-name", `the name "${n}" is used by both "${other}" and "${p.id}"`);
      names.set(key, p.id);
    }
  }
  const locations: Location[] = data.provinces.flatMap(locationsOf);
  const locationById = new Map(locations.map((l) => [l.id, l]));

  // Powers and home centres.
  const powerIds = new Set<PowerId>();
  const homeOf = new Map<ProvinceId, PowerId>();
  for (const pw of data.powers) {
    if (powerIds.has(pw.id)) fail("duplicate-power", `power "${pw.id}" is defined twice`);
    powerIds.add(pw.id);
    for (const c of pw.homeCenters) {
      const p = provinceData.get(c);
      if (!p) fail("unknown-province", `home centre "${c}" of ${pw.id} is not a province`);
      else if (!p.supplyCenter)
        fail("home-center-not-supply-center", `home centre "${c}" of ${pw.id} is not a supply centre`);
      const owner = homeOf.get(c);
      if (owner !== undefined && owner !== pw.id)
        fail("home-center-shared", `"${c}" is a home centre of both ${owner} and ${pw.id}`);
      homeOf.set(c, pw.id);
    }
  }

  checkAdjacency(data, provinceData, locationById, fail);

  // Start position.
  const startUnits: Unit[] = [];
  const occupied = new Map<ProvinceId, string>();
  for (const text of data.start.units) {
    const u = parseUnitString(text);
    const loc = u ? locationById.get(u.location) : undefined;
    if (!u || !loc) {
      fail("bad-start-unit", `start unit "${text}" is not "POWER A|F location" on this map`);
      continue;
    }
    if (!powerIds.has(u.power)) fail("unknown-power", `start unit "${text}" belongs to an unknown power`);
    if (u.type === "A" ? !loc.army : !loc.fleet)
      fail(
        "bad-start-unit",
        `start unit "${text}": ${u.type === "A" ? "an army" : "a fleet"} cannot stand there`,
      );
    const other = occupied.get(loc.province);
    if (other !== undefined)
      fail("start-units-collide", `start units "${other}" and "${text}" share a province`);
    occupied.set(loc.province, text);
    startUnits.push(u);
  }
  const centreOwner = new Map<ProvinceId, PowerId>();
  for (const [pw, centres] of Object.entries(data.start.supplyCenters)) {
    if (!powerIds.has(pw)) fail("unknown-power", `start supply centres name unknown power "${pw}"`);
    for (const c of centres) {
      const p = provinceData.get(c);
      if (!p) fail("unknown-province", `start supply centre "${c}" of ${pw} is not a province`);
      else if (!p.supplyCenter)
        fail("start-center-not-supply-center", `start centre "${c}" of ${pw} is not a supply centre`);
      const owner = centreOwner.get(c);
      if (owner !== undefined) fail("start-center-owned-twice", `"${c}" is owned by both ${owner} and ${pw}`);
      centreOwner.set(c, pw);
    }
  }
  const centreCount = data.provinces.filter((p) => p.supplyCenter).length;
  if (data.victoryCenters > centreCount)
    fail("bad-victory-centers", `victoryCenters ${data.victoryCenters} exceeds the ${centreCount} centres`);

  if (errors.length > 0) return err(errors);

  const provinces: Province[] = data.provinces.map((p, index) => ({
    id: p.id,
    index,
    name: p.name,
    kind: p.kind,
    supplyCenter: p.supplyCenter,
    homeOf: homeOf.get(p.id) ?? null,
    coasts: p.coasts,
    aliases: p.aliases,
  }));
  const powers: Power[] = data.powers.map((p) => ({ ...p }));
  const armyAdjacency = new Map<LocationId, readonly LocationId[]>(
    locations.filter((l) => l.army).map((l) => [l.id, data.armyAdjacency[l.province] ?? []]),
  );
  const fleetAdjacency = new Map<LocationId, readonly LocationId[]>(
    locations.filter((l) => l.fleet).map((l) => [l.id, data.fleetAdjacency[l.id] ?? []]),
  );
  return ok({
    id: data.id,
    name: data.name,
    description: data.description,
    victoryCenters: data.victoryCenters,
    powers,
    provinces,
    locations,
    start: { year: data.startYear, units: startUnits, supplyCenters: data.start.supplyCenters },
    province: new Map(provinces.map((p) => [p.id, p])),
    location: locationById,
    power: new Map(powers.map((p) => [p.id, p])),
    armyAdjacency,
    fleetAdjacency,
    supplyCenters: provinces.filter((p) => p.supplyCenter).map((p) => p.id),
  });
}

/** Checks both adjacency tables: known places, right unit type, mutual, no self-loops. */
function checkAdjacency(
  data: MapData,
  provinceData: ReadonlyMap<ProvinceId, MapData["provinces"][number]>,
  locationById: ReadonlyMap<LocationId, Location>,
  fail: (code: MapErrorCode, message: string) => void,
): void {
  for (const [from, tos] of Object.entries(data.armyAdjacency)) {
    const p = provinceData.get(from);
    if (!p) {
      fail("unknown-province", `army adjacency names unknown province "${from}"`);
      continue;
    }
    if (p.kind === "sea") fail("army-adjacency-at-sea", `army adjacency starts at sea province "${from}"`);
    for (const to of tos) {
      const q = provinceData.get(to);
      if (!q) fail("unknown-province", `army adjacency ${from}→${to}: unknown province "${to}"`);
      else if (q.kind === "sea") fail("army-adjacency-at-sea", `army adjacency ${from}→${to} ends at sea`);
      else if (to === from) fail("self-adjacency", `army adjacency ${from}→${to} is a loop`);
      else if (!(data.armyAdjacency[to] ?? []).includes(from))
        fail("one-way-adjacency", `army adjacency ${from}→${to} has no way back ${to}→${from}`);
    }
  }
  const fleetLocation = (id: string, where: string): Location | null => {
    const loc = locationById.get(id);
    if (!loc) {
      const [prov, coast] = id.split("/");
      if (coast !== undefined && prov !== undefined && provinceData.has(prov))
        fail("coast-without-province", `${where}: province "${prov}" has no coast "${coast}"`);
      else fail("unknown-location", `${where}: unknown location "${id}"`);
      return null;
    }
    if (!loc.fleet) {
      fail("fleet-adjacency-inland", `${where}: a fleet cannot stand at "${id}"`);
      return null;
    }
    return loc;
  };
  for (const [from, tos] of Object.entries(data.fleetAdjacency)) {
    if (!fleetLocation(from, `fleet adjacency from "${from}"`)) continue;
    for (const to of tos) {
      if (!fleetLocation(to, `fleet adjacency ${from}→${to}`)) continue;
      if (to === from) fail("self-adjacency", `fleet adjacency ${from}→${to} is a loop`);
      else if (!(data.fleetAdjacency[to] ?? []).includes(from))
        fail("one-way-adjacency", `fleet adjacency ${from}→${to} has no way back ${to}→${from}`);
    }
  }
}
