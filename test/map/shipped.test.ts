// The maps that ship with the game: they load, and their headline facts are what the docs say.
import { describe, expect, it } from "vitest";
import amberData from "../../assets/maps/amber.json";
import classicData from "../../assets/maps/classic.json";
import { getMap, loadMap, MAP_IDS, type GameMap } from "../../shared/src/map";

function load(data: unknown): GameMap {
  const result = loadMap(data);
  if (!result.ok) throw new Error(result.error.map((e) => `${e.code}: ${e.message}`).join("\n"));
  return result.value;
}

const countKinds = (map: GameMap): Record<string, number> =>
  Object.fromEntries(
    ["land", "sea", "coast"].map((k) => [k, map.provinces.filter((p) => p.kind === k).length]),
  );

describe("shipped maps", () => {
  it("registers classic and amber", () => {
    expect([...MAP_IDS].sort()).toEqual(["amber", "classic"]);
  });

  it.each([...MAP_IDS])("%s loads without errors through the registry, once", (id) => {
    const map = getMap(id);
    expect(map).not.toBeNull();
    expect(map!.id).toBe(id);
    expect(getMap(id)).toBe(map);
  });

  it("returns null for an unknown map id", () => {
    expect(getMap("atlantis")).toBeNull();
    expect(getMap("toString")).toBeNull();
  });
});

describe("the classic map", () => {
  const map = load(classicData);

  it("has the published facts", () => {
    expect(map.provinces).toHaveLength(75);
    expect(map.supplyCenters).toHaveLength(34);
    expect(map.start.units).toHaveLength(22);
    expect(map.powers).toHaveLength(7);
    expect(map.victoryCenters).toBe(18);
    expect(map.start.year).toBe(1901);
    expect(countKinds(map)).toEqual({ land: 14, sea: 19, coast: 42 });
    expect(map.provinces.filter((p) => p.coasts.length > 0).map((p) => p.id)).toEqual(["bul", "spa", "stp"]);
    expect(map.playerCounts).toBeUndefined();
  });
});

describe("the Amber Sea map", () => {
  const map = load(amberData);
  const homeCentres = map.powers.flatMap((p) => p.homeCenters);

  it("is a small map for five powers with three home centres each", () => {
    expect(map.id).toBe("amber");
    expect(map.name).toBe("The Amber Sea");
    expect(map.powers.map((p) => p.id)).toEqual(["BRY", "KAS", "ORO", "SEL", "TAL"]);
    for (const power of map.powers) expect(power.homeCenters).toHaveLength(3);
    expect(homeCentres).toHaveLength(15);
  });

  it("has 38 provinces (10 seas, 4 inland, 24 coastal), 23 centres and a solo at 12", () => {
    expect(map.provinces).toHaveLength(38);
    expect(countKinds(map)).toEqual({ land: 4, sea: 10, coast: 24 });
    expect(map.supplyCenters).toHaveLength(23);
    expect(map.supplyCenters.filter((c) => !homeCentres.includes(c)).sort()).toEqual(
      ["ash", "dus", "emb", "fal", "fen", "gan", "har", "sal"].sort(),
    );
    expect(map.victoryCenters).toBe(12);
    expect(map.victoryCenters * 2).toBeGreaterThan(map.supplyCenters.length);
  });

  it("starts with 15 units, each power with at least one fleet in a port", () => {
    expect(map.start.units).toHaveLength(15);
    expect(map.start.year).toBe(1901);
    for (const power of map.powers) {
      const units = map.start.units.filter((u) => u.power === power.id);
      expect(units).toHaveLength(3);
      expect(units.some((u) => u.type === "F")).toBe(true);
    }
  });

  it("has a split-coast province with two named coasts", () => {
    const har = map.province.get("har")!;
    expect(har.coasts).toEqual(["nc", "sc"]);
    expect(har.supplyCenter).toBe(true);
    expect(map.fleetAdjacency.get("har/nc")).toEqual(["fro", "ise", "ska"]);
    expect(map.fleetAdjacency.get("har/sc")).toEqual(["amb", "cor", "ost"]);
    expect(map.armyAdjacency.get("har")).toEqual(["cor", "ise", "ost", "ska", "vel"]);
    expect(map.fleetAdjacency.has("har")).toBe(false);
  });

  it("has an island centre that armies can reach only by convoy", () => {
    const emb = map.province.get("emb")!;
    expect(emb.supplyCenter).toBe(true);
    expect(map.armyAdjacency.get("emb")).toEqual([]);
    expect(map.fleetAdjacency.get("emb")).toEqual(["amb", "sab"]);
  });

  it("says which powers play at 3, 4 and 5 players", () => {
    expect([...map.playerCounts!.entries()]).toEqual([
      [3, ["BRY", "ORO", "SEL"]],
      [4, ["BRY", "ORO", "SEL", "TAL"]],
      [5, ["BRY", "KAS", "ORO", "SEL", "TAL"]],
    ]);
  });

  it("uses three-letter lower-case ids and unique names", () => {
    for (const p of map.provinces) expect(p.id).toMatch(/^[a-z]{3}$/);
    const names = map.provinces.flatMap((p) => [p.name, ...p.aliases].map((n) => n.toLowerCase()));
    expect(new Set(names).size).toBe(names.length);
  });

  it("marks itself as an original MIT-licensed map", () => {
    expect(JSON.stringify(amberData.source)).toMatch(/original map made for Entente/);
    expect(JSON.stringify(amberData.source)).toMatch(/MIT/);
  });
});
