// Graph sanity of every shipped map: properties a playable board has beyond what loadMap rejects.
import { describe, expect, it } from "vitest";
import { getMap, MAP_IDS, type GameMap, type LocationId, type ProvinceId } from "../../shared/src/map";

/** Provinces reachable from `start` by any sequence of army or fleet moves. */
function reachable(map: GameMap, start: ProvinceId): Set<ProvinceId> {
  const seen = new Set<ProvinceId>([start]);
  const queue: ProvinceId[] = [start];
  while (queue.length > 0) {
    const here = queue.shift()!;
    const from = map.locations.filter((l) => l.province === here);
    for (const loc of from) {
      const tos = [...(map.armyAdjacency.get(loc.id) ?? []), ...(map.fleetAdjacency.get(loc.id) ?? [])];
      for (const to of tos) {
        const p = map.location.get(to)!.province;
        if (!seen.has(p)) {
          seen.add(p);
          queue.push(p);
        }
      }
    }
  }
  return seen;
}

describe.each([...MAP_IDS])("map %s", (id) => {
  const map = getMap(id)!;
  const provinceOf = (l: LocationId): ProvinceId => map.location.get(l)!.province;

  it("lets every province be reached from every other", () => {
    for (const p of map.provinces) expect(reachable(map, p.id).size).toBe(map.provinces.length);
  });

  it("makes every home centre a supply centre with a start unit of its power, owned at start", () => {
    for (const power of map.powers) {
      expect(power.homeCenters.length).toBeGreaterThan(0);
      for (const c of power.homeCenters) {
        const p = map.province.get(c)!;
        expect(p.supplyCenter, c).toBe(true);
        expect(p.homeOf, c).toBe(power.id);
        expect(
          map.start.units.some((u) => u.power === power.id && provinceOf(u.location) === c),
          `${power.id} unit in ${c}`,
        ).toBe(true);
        expect(map.start.supplyCenters[power.id], c).toContain(c);
      }
    }
  });

  it("puts every start unit on a home centre of its power, and that power owns all its homes", () => {
    for (const u of map.start.units) {
      const power = map.power.get(u.power)!;
      expect(power.homeCenters).toContain(provinceOf(u.location));
      for (const c of power.homeCenters) expect(map.start.supplyCenters[u.power]).toContain(c);
    }
  });

  it("gives a fleet on every split coast at least one neighbour, and none to the bare province", () => {
    for (const p of map.provinces.filter((q) => q.coasts.length > 0)) {
      expect(map.fleetAdjacency.has(p.id)).toBe(false);
      for (const c of p.coasts)
        expect(map.fleetAdjacency.get(`${p.id}/${c}`)?.length ?? 0).toBeGreaterThan(0);
    }
  });

  it("keeps armies on land and fleets at sea or on coasts, with mutual adjacency", () => {
    for (const [from, tos] of map.armyAdjacency) {
      expect(map.location.get(from)!.army).toBe(true);
      for (const to of tos) {
        expect(map.location.get(to)!.army).toBe(true);
        expect(map.armyAdjacency.get(to)).toContain(from);
      }
    }
    for (const [from, tos] of map.fleetAdjacency) {
      expect(map.location.get(from)!.fleet).toBe(true);
      for (const to of tos) {
        expect(map.location.get(to)!.fleet).toBe(true);
        expect(map.fleetAdjacency.get(to)).toContain(from);
      }
    }
  });

  it("lets a fleet sail between two coasts only along a shore they share with a sea", () => {
    const seaNeighbours = (l: LocationId): Set<ProvinceId> =>
      new Set(
        (map.fleetAdjacency.get(l) ?? []).filter((t) => map.province.get(provinceOf(t))!.kind === "sea"),
      );
    for (const [from, tos] of map.fleetAdjacency) {
      if (map.province.get(provinceOf(from))!.kind === "sea") continue;
      for (const to of tos) {
        if (map.province.get(provinceOf(to))!.kind === "sea") continue;
        const shared = [...seaNeighbours(from)].filter((s) => seaNeighbours(to).has(s));
        expect(shared.length, `${from}–${to}`).toBeGreaterThan(0);
      }
    }
  });

  it("gives every coastal province a sea neighbour and every inland province none", () => {
    for (const p of map.provinces) {
      const locs = map.locations.filter((l) => l.province === p.id);
      const seaNear = locs.some((l) =>
        (map.fleetAdjacency.get(l.id) ?? []).some((t) => map.province.get(provinceOf(t))!.kind === "sea"),
      );
      if (p.kind === "coast") expect(seaNear, p.id).toBe(true);
      if (p.kind === "land") expect(map.fleetAdjacency.has(p.id)).toBe(false);
    }
  });

  it("needs a strict majority of the supply centres for a solo", () => {
    expect(map.victoryCenters * 2).toBeGreaterThan(map.supplyCenters.length);
    expect(map.victoryCenters).toBeLessThanOrEqual(map.supplyCenters.length);
  });

  it("lists, for each supported player count, that many distinct powers of the map", () => {
    for (const [count, powers] of map.playerCounts ?? []) {
      expect(powers).toHaveLength(count);
      expect(new Set(powers).size).toBe(count);
      for (const p of powers) expect(map.power.has(p)).toBe(true);
    }
  });
});
