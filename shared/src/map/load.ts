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
const countPattern = /^[1-9][0-9]*$/;

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
  // Which powers play at each supported player count, e.g. {"3": ["BRY", "ORO", "SEL"], ...}.
  playerCounts: z.record(z.string().regex(countPattern), z.array(z.string().regex(powerPattern))).optional(),
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
  "sea-supply-center",
  "power-without-home-centers",
  "duplicate-adjacency",
  "isolated-fleet-location",
  "unreachable-province",
  "bad-player-counts",
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

/** The list stored under `key` in a parsed record, or an empty list (never an inherited property). */
function listAt(record: Readonly<Record<string, readonly string[]>>, key: string): readonly string[] {
  return Object.hasOwn(record, key) ? (record[key] ?? []) : [];
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
    if (p.supplyCenter && p.kind === "sea")
      fail("sea-supply-center", `sea province "${p.id}" cannot be a supply centre`);
  }
  // Names, aliases and ids must point at one province each, so typed orders are unambiguous.
  for (const p of data.provinces) names.set(p.id, p.id);
  for (const p of data.provinces) {
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
    if (pw.homeCenters.length === 0)
      fail("power-without-home-centers", `power ${pw.id} has no home centres, so it could never build`);
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
  checkConnected(data, locations, fail);

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
  else if (data.victoryCenters * 2 <= centreCount)
    fail(
      "bad-victory-centers",
      `victoryCenters ${data.victoryCenters} is not a majority of the ${centreCount} centres, so two powers could win at once`,
    );

  const playerCounts = new Map<number, readonly PowerId[]>();
  for (const [key, listed] of Object.entries(data.playerCounts ?? {})) {
    const count = Number(key);
    if (count > data.powers.length)
      fail("bad-player-counts", `playerCounts "${key}": the map has only ${data.powers.length} powers`);
    if (listed.length !== count)
      fail("bad-player-counts", `playerCounts "${key}" lists ${listed.length} powers, not ${count}`);
    const seen = new Set<PowerId>();
    for (const pw of listed) {
      if (!powerIds.has(pw)) fail("unknown-power", `playerCounts "${key}" names unknown power "${pw}"`);
      if (seen.has(pw)) fail("bad-player-counts", `playerCounts "${key}" lists ${pw} twice`);
      seen.add(pw);
    }
    playerCounts.set(count, listed);
  }

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
    locations.filter((l) => l.army).map((l) => [l.id, listAt(data.armyAdjacency, l.province)]),
  );
  const fleetAdjacency = new Map<LocationId, readonly LocationId[]>(
    locations.filter((l) => l.fleet).map((l) => [l.id, listAt(data.fleetAdjacency, l.id)]),
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
    ...(data.playerCounts === undefined ? {} : { playerCounts }),
  });
}

/**
 * Checks both adjacency tables: known places, right unit type, mutual, no self-loops, no repeats,
 * and every place a fleet may stand has somewhere to sail to.
 */
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
    checkRepeats(tos, `army adjacency of "${from}"`, fail);
    for (const to of tos) {
      const q = provinceData.get(to);
      if (!q) fail("unknown-province", `army adjacency ${from}→${to}: unknown province "${to}"`);
      else if (q.kind === "sea") fail("army-adjacency-at-sea", `army adjacency ${from}→${to} ends at sea`);
      else if (to === from) fail("self-adjacency", `army adjacency ${from}→${to} is a loop`);
      else if (!listAt(data.armyAdjacency, to).includes(from))
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
    checkRepeats(tos, `fleet adjacency of "${from}"`, fail);
    for (const to of tos) {
      if (!fleetLocation(to, `fleet adjacency ${from}→${to}`)) continue;
      if (to === from) fail("self-adjacency", `fleet adjacency ${from}→${to} is a loop`);
      else if (!listAt(data.fleetAdjacency, to).includes(from))
        fail("one-way-adjacency", `fleet adjacency ${from}→${to} has no way back ${to}→${from}`);
    }
  }
  for (const loc of locationById.values()) {
    if (loc.fleet && listAt(data.fleetAdjacency, loc.id).length === 0)
      fail(
        "isolated-fleet-location",
        loc.coast === null
          ? `a fleet at "${loc.id}" (${provinceData.get(loc.province)?.kind}) has no fleet adjacency`
          : `coast "${loc.coast}" of "${loc.province}" has no fleet adjacency`,
      );
  }
}

/** Reports a neighbour listed more than once. */
function checkRepeats(
  tos: readonly string[],
  where: string,
  fail: (code: MapErrorCode, message: string) => void,
): void {
  const seen = new Set<string>();
  for (const to of tos) {
    if (seen.has(to)) fail("duplicate-adjacency", `${where} lists "${to}" twice`);
    seen.add(to);
  }
}

/**
 * Checks that every province can be reached from every other by some sequence of army or fleet
 * moves (adjacency is mutual when valid, so reachability from the first province suffices).
 */
function checkConnected(
  data: MapData,
  locations: readonly Location[],
  fail: (code: MapErrorCode, message: string) => void,
): void {
  const provinceOf = new Map(locations.map((l) => [l.id, l.province]));
  const neighbours = new Map<ProvinceId, Set<ProvinceId>>();
  const link = (a: ProvinceId, b: ProvinceId): void => {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const set = neighbours.get(x) ?? new Set<ProvinceId>();
      set.add(y);
      neighbours.set(x, set);
    }
  };
  for (const table of [data.armyAdjacency, data.fleetAdjacency]) {
    for (const [from, tos] of Object.entries(table)) {
      const a = provinceOf.get(from);
      if (a === undefined) continue;
      for (const to of tos) {
        const b = provinceOf.get(to);
        if (b !== undefined) link(a, b);
      }
    }
  }
  const first = data.provinces[0];
  if (!first) return;
  const reached = new Set<ProvinceId>([first.id]);
  const queue: ProvinceId[] = [first.id];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const n of neighbours.get(next) ?? []) {
      if (!reached.has(n)) {
        reached.add(n);
        queue.push(n);
      }
    }
  }
  for (const p of data.provinces) {
    if (!reached.has(p.id))
      fail("unreachable-province", `province "${p.id}" cannot be reached from "${first.id}" by any moves`);
  }
}
