// Every map error code: a copy of the classic map with one problem planted must report exactly
// that code, with a message that names the place.
import { describe, expect, it } from "vitest";
import classicData from "../../assets/maps/classic.json";
import { loadMap, MAP_ERROR_CODES, type MapData, type MapErrorCode } from "../../shared/src/map";

/** A fresh, mutable copy of the classic map data. */
const classic = (): MapData => structuredClone(classicData) as unknown as MapData;

/** A mutable view of the data, for planting problems the schema type would not allow. */
type Loose = Record<string, unknown>;

interface Case {
  readonly name: string;
  readonly mutate: (d: MapData) => void;
  readonly places: readonly string[]; // each must appear in some message of this code
  readonly only?: boolean; // false when the planted problem necessarily trips another code too
}

const power = (d: MapData, id: string): MapData["powers"][number] => d.powers.find((p) => p.id === id)!;
const province = (d: MapData, id: string): MapData["provinces"][number] =>
  d.provinces.find((p) => p.id === id)!;
const without = (list: string[] | undefined, item: string): string[] =>
  (list ?? []).filter((x) => x !== item);
const replaceUnit = (d: MapData, from: string, to: string): void => {
  d.start.units = d.start.units.map((u) => (u === from ? to : u));
};

const CASES: Record<MapErrorCode, readonly Case[]> = {
  schema: [
    {
      name: "a missing field",
      mutate: (d) => delete (d as unknown as Loose).victoryCenters,
      places: ["victoryCenters"],
    },
    {
      name: "a wrong format tag",
      mutate: (d) => ((d as unknown as Loose).format = "entente-map/2"),
      places: ["format"],
    },
    {
      name: "an unknown province kind",
      mutate: (d) => ((d.provinces[3] as unknown as Loose).kind = "swamp"),
      places: ["provinces.3.kind"],
    },
    {
      name: "an upper-case province id",
      mutate: (d) => (province(d, "lon").id = "LON"),
      places: ["provinces"],
    },
    {
      name: "a player count that is not a number",
      mutate: (d) => ((d as unknown as Loose).playerCounts = { three: ["ENG", "FRA", "GER"] }),
      places: ["playerCounts"],
    },
    { name: "not an object at all", mutate: () => undefined, places: ["(root)"] },
  ],
  "duplicate-province": [
    {
      name: "a province defined twice",
      mutate: (d) => d.provinces.push({ ...province(d, "lon") }),
      places: ['"lon"'],
    },
  ],
  "duplicate-power": [
    {
      name: "a power defined twice",
      mutate: (d) => d.powers.push({ ...power(d, "ENG") }),
      places: ['"ENG"'],
    },
  ],
  "duplicate-name": [
    {
      name: "an alias shared by two provinces",
      mutate: (d) => province(d, "wal").aliases.push("London"),
      places: ['"lon"', '"wal"', "London"],
    },
    {
      name: "an alias equal to another province's id",
      mutate: (d) => province(d, "wal").aliases.push("yor"),
      places: ['"yor"', '"wal"'],
    },
  ],
  "unknown-province": [
    {
      name: "an unknown home centre",
      mutate: (d) => power(d, "ENG").homeCenters.push("xyz"),
      places: ['"xyz"', "ENG"],
    },
    {
      name: "army adjacency from an unknown province",
      mutate: (d) => (d.armyAdjacency.xyz = []),
      places: ['"xyz"'],
    },
    {
      name: "army adjacency to an unknown province",
      mutate: (d) => d.armyAdjacency.par!.push("xyz"),
      places: ["par→xyz"],
    },
    {
      name: "an unknown start centre",
      mutate: (d) => d.start.supplyCenters.ENG!.push("xyz"),
      places: ['"xyz"', "ENG"],
    },
  ],
  "unknown-location": [
    {
      name: "fleet adjacency to an unknown place",
      mutate: (d) => d.fleetAdjacency.lon!.push("zzz"),
      places: ['"zzz"', "lon"],
    },
  ],
  "unknown-power": [
    {
      name: "a start unit of an unknown power",
      mutate: (d) => d.start.units.push("XXX A bur"),
      places: ["XXX A bur"],
    },
    {
      name: "start centres of an unknown power",
      mutate: (d) => (d.start.supplyCenters.XXX = []),
      places: ['"XXX"'],
    },
    {
      name: "an unknown power in a player count",
      mutate: (d) => (d.playerCounts = { "2": ["ENG", "XXX"] }),
      places: ['"XXX"', '"2"'],
    },
  ],
  "coast-without-province": [
    {
      name: "fleet adjacency to a coast the province does not have",
      mutate: (d) => d.fleetAdjacency.nth!.push("lon/nc"),
      places: ['"lon"', '"nc"'],
    },
  ],
  "coasts-on-non-coastal-province": [
    {
      name: "coasts on an inland province",
      mutate: (d) => (province(d, "mun").coasts = ["nc"]),
      places: ['"mun"'],
    },
    {
      name: "coasts on a sea",
      mutate: (d) => (province(d, "nth").coasts = ["nc"]),
      places: ['"nth"'],
      only: false, // the sea's fleet adjacency now names a location that is no longer plain "nth"
    },
  ],
  "one-way-adjacency": [
    {
      name: "an army move with no way back",
      mutate: (d) => (d.armyAdjacency.wal = without(d.armyAdjacency.wal, "lon")),
      places: ["lon→wal"],
    },
    {
      name: "a fleet move with no way back",
      mutate: (d) => (d.fleetAdjacency["spa/sc"] = without(d.fleetAdjacency["spa/sc"], "mar")),
      places: ["mar→spa/sc"],
    },
  ],
  "self-adjacency": [
    { name: "an army loop", mutate: (d) => d.armyAdjacency.par!.push("par"), places: ["par→par"] },
    { name: "a fleet loop", mutate: (d) => d.fleetAdjacency.nth!.push("nth"), places: ["nth→nth"] },
  ],
  "army-adjacency-at-sea": [
    {
      name: "an army move into a sea",
      mutate: (d) => d.armyAdjacency.lon!.push("nth"),
      places: ["lon→nth"],
    },
    {
      name: "army adjacency from a sea",
      mutate: (d) => (d.armyAdjacency.nth = []),
      places: ['"nth"'],
    },
  ],
  "fleet-adjacency-inland": [
    {
      name: "a fleet move inland",
      mutate: (d) => d.fleetAdjacency.nth!.push("mun"),
      places: ['"mun"', "nth"],
    },
    {
      name: "fleet adjacency from the bare name of a split-coast province",
      mutate: (d) => (d.fleetAdjacency.stp = []),
      places: ['"stp"'],
    },
  ],
  "home-center-not-supply-center": [
    {
      name: "a home centre that is not a centre",
      mutate: (d) => power(d, "ENG").homeCenters.push("wal"),
      places: ['"wal"', "ENG"],
    },
  ],
  "home-center-shared": [
    {
      name: "a home centre of two powers",
      mutate: (d) => power(d, "FRA").homeCenters.push("lon"),
      places: ['"lon"', "ENG", "FRA"],
    },
  ],
  "bad-start-unit": [
    {
      name: "an army at sea",
      mutate: (d) => d.start.units.push("ENG A nth"),
      places: ["ENG A nth"],
    },
    {
      name: "a fleet inland",
      mutate: (d) => replaceUnit(d, "GER A mun", "GER F mun"),
      places: ["GER F mun"],
    },
    {
      name: "a fleet on the bare name of a split-coast province",
      mutate: (d) => replaceUnit(d, "RUS F stp/sc", "RUS F stp"),
      places: ["RUS F stp"],
    },
    {
      name: "a unit string of the wrong shape",
      mutate: (d) => d.start.units.push("ENG lon"),
      places: ["ENG lon"],
    },
    {
      name: "a unit on an unknown place",
      mutate: (d) => d.start.units.push("ENG A xyz"),
      places: ["ENG A xyz"],
    },
  ],
  "start-units-collide": [
    {
      name: "two units in one province",
      mutate: (d) => d.start.units.push("FRA A lon"),
      places: ["ENG F lon", "FRA A lon"],
    },
    {
      name: "two fleets on the two coasts of one province",
      mutate: (d) => d.start.units.push("RUS F stp/nc"),
      places: ["RUS F stp/sc", "RUS F stp/nc"],
    },
  ],
  "start-center-not-supply-center": [
    {
      name: "a start centre that is not a centre",
      mutate: (d) => d.start.supplyCenters.ENG!.push("wal"),
      places: ['"wal"', "ENG"],
    },
  ],
  "start-center-owned-twice": [
    {
      name: "a centre owned by two powers at start",
      mutate: (d) => d.start.supplyCenters.FRA!.push("lon"),
      places: ['"lon"', "ENG", "FRA"],
    },
  ],
  "bad-victory-centers": [
    { name: "more than there are centres", mutate: (d) => (d.victoryCenters = 35), places: ["35", "34"] },
    { name: "not a majority", mutate: (d) => (d.victoryCenters = 17), places: ["17", "34"] },
  ],
  "sea-supply-center": [
    {
      name: "a sea marked as a supply centre",
      mutate: (d) => (province(d, "nth").supplyCenter = true),
      places: ['"nth"'],
    },
  ],
  "power-without-home-centers": [
    {
      name: "a power with no home centres",
      mutate: (d) => (power(d, "ITA").homeCenters = []),
      places: ["ITA"],
    },
  ],
  "duplicate-adjacency": [
    {
      name: "an army neighbour listed twice",
      mutate: (d) => d.armyAdjacency.par!.push("bur"),
      places: ['"par"', '"bur"'],
    },
    {
      name: "a fleet neighbour listed twice",
      mutate: (d) => d.fleetAdjacency["bul/ec"]!.push("bla"),
      places: ['"bul/ec"', '"bla"'],
    },
  ],
  "isolated-fleet-location": [
    {
      name: "a split coast with no fleet adjacency",
      mutate: (d) => {
        const neighbours = d.fleetAdjacency["stp/nc"] ?? [];
        delete d.fleetAdjacency["stp/nc"];
        for (const n of neighbours) d.fleetAdjacency[n] = without(d.fleetAdjacency[n], "stp/nc");
      },
      places: ['"nc"', '"stp"'],
    },
    {
      name: "a sea with no fleet adjacency",
      mutate: (d) => {
        d.provinces.push({
          id: "zzz",
          name: "Lost Sea",
          kind: "sea",
          supplyCenter: false,
          coasts: [],
          aliases: [],
        });
      },
      places: ['"zzz"'],
      only: false, // nothing reaches it either
    },
  ],
  "unreachable-province": [
    {
      name: "an inland province with no neighbours",
      mutate: (d) => {
        d.provinces.push({
          id: "zzz",
          name: "Nowhere",
          kind: "land",
          supplyCenter: false,
          coasts: [],
          aliases: [],
        });
      },
      places: ['"zzz"'],
    },
    {
      name: "an island of two provinces cut off from the rest",
      mutate: (d) => {
        for (const id of ["yyy", "zzz"])
          d.provinces.push({
            id,
            name: `Isle ${id}`,
            kind: "land",
            supplyCenter: false,
            coasts: [],
            aliases: [],
          });
        d.armyAdjacency.yyy = ["zzz"];
        d.armyAdjacency.zzz = ["yyy"];
      },
      places: ['"yyy"', '"zzz"'],
    },
  ],
  "bad-player-counts": [
    {
      name: "a count that does not match the powers listed",
      mutate: (d) => (d.playerCounts = { "3": ["ENG", "FRA"] }),
      places: ['"3"'],
    },
    {
      name: "a power listed twice",
      mutate: (d) => (d.playerCounts = { "2": ["ENG", "ENG"] }),
      places: ['"2"', "ENG"],
    },
    {
      name: "more players than the map has powers",
      mutate: (d) => (d.playerCounts = { "8": ["AUS", "ENG", "FRA", "GER", "ITA", "RUS", "TUR", "TUR"] }),
      places: ['"8"'],
    },
  ],
};

describe("map error codes", () => {
  it("has at least one planted-problem test for every code", () => {
    for (const code of MAP_ERROR_CODES) expect(CASES[code].length, code).toBeGreaterThan(0);
  });

  it("loads the unmodified classic data", () => {
    expect(loadMap(classic()).ok).toBe(true);
  });

  const rows = MAP_ERROR_CODES.flatMap((code) => CASES[code].map((c) => [code, c.name, c] as const));
  it.each(rows)("%s: %s", (code, name, c) => {
    const data = name === "not an object at all" ? "classic" : classic();
    if (typeof data !== "string") c.mutate(data);
    const result = loadMap(data);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const codes = [...new Set(result.error.map((e) => e.code))];
    if (c.only === false) expect(codes).toContain(code);
    else expect(codes).toEqual([code]);
    const messages = result.error.filter((e) => e.code === code).map((e) => e.message);
    for (const place of c.places)
      expect(
        messages.some((m) => m.includes(place)),
        `${place} in ${messages.join(" | ")}`,
      ).toBe(true);
  });

  it("reports every problem at once, not only the first", () => {
    const d = classic();
    d.armyAdjacency.par!.push("par");
    d.victoryCenters = 40;
    province(d, "nth").supplyCenter = true;
    const result = loadMap(d);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(new Set(result.error.map((e) => e.code))).toEqual(
        new Set(["self-adjacency", "bad-victory-centers", "sea-supply-center"]),
      );
  });

  it("does not mistake inherited object properties for adjacency lists", () => {
    const d = classic();
    d.provinces.push({
      id: "constructor",
      name: "Trap",
      kind: "land",
      supplyCenter: false,
      coasts: [],
      aliases: [],
    });
    d.armyAdjacency.bur!.push("constructor");
    const result = loadMap(d);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.map((e) => e.code)).toContain("one-way-adjacency");
  });
});
