// Legal-order generation: exact sets on known positions, and properties over random boards checked
// against a brute-force convoy-route oracle (simple routes for moves, induced ones for convoys).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Position } from "../../shared/src/game/position";
import { getMap } from "../../shared/src/map/registry";
import type { GameMap, PowerId, ProvinceId, Unit, UnitType } from "../../shared/src/map/types";
import { convoyRoutes } from "../../shared/src/orders/convoy-routes";
import { legalOrders, type LegalOrders, type UnitLegalOrders } from "../../shared/src/orders/legal";
import type { Order } from "../../shared/src/orders/types";

const map: GameMap = getMap("classic")!;

function startOwners(): Record<ProvinceId, PowerId> {
  const owners: Record<ProvinceId, PowerId> = {};
  for (const [power, centres] of Object.entries(map.start.supplyCenters)) {
    for (const c of centres) owners[c] = power;
  }
  return owners;
}

const start: Position = {
  year: map.start.year,
  season: "spring",
  phase: "movement",
  units: map.start.units,
  dislodged: [],
  supplyCenters: startOwners(),
};

function unit(text: string): Unit {
  const [power, type, location] = text.split(" ") as [PowerId, UnitType, string];
  return { power, type, location };
}

function movement(units: readonly string[]): Position {
  return { ...start, units: units.map(unit) };
}

function movementUnits(result: LegalOrders): readonly UnitLegalOrders[] {
  if (result.phase !== "movement") throw new Error(`expected movement, got ${result.phase}`);
  return result.units;
}

/** The orders of the unit at `location`, written compactly for comparison. */
function ordersAt(position: Position, power: PowerId, location: string): string[] {
  const entry = movementUnits(legalOrders(map, position, power)).find((u) => u.unit.location === location);
  if (!entry) throw new Error(`no unit of ${power} at ${location}`);
  return entry.orders.map(show);
}

function show(o: Order): string {
  const u = "unit" in o ? `${o.unit.type} ${o.unit.location}` : "";
  switch (o.kind) {
    case "hold":
      return `${u} H`;
    case "move":
      return `${u} - ${o.to}${o.viaConvoy ? " via convoy" : ""}`;
    case "support":
      return `${u} S ${o.target.type} ${o.target.location}${o.to === undefined ? "" : ` - ${o.to}`}`;
    case "convoy":
      return `${u} C ${o.target.type} ${o.target.location} - ${o.to}`;
    case "retreat":
      return `${u} R ${o.to}`;
    case "disband":
      return `${u} D`;
    case "build":
      return `build ${u}`;
    case "remove":
      return `remove ${u}`;
    case "waive":
      return "waive";
  }
}

const provinceOf = (location: string): ProvinceId => map.location.get(location)!.province;

describe("legal orders at the classic start", () => {
  it("lists exactly the orders of ENG F lon", () => {
    expect(ordersAt(start, "ENG", "lon")).toEqual([
      "F lon H",
      "F lon - eng",
      "F lon - nth",
      "F lon - wal",
      "F lon - yor",
      "F lon S F bre - eng",
      "F lon S F edi - nth",
      "F lon S A lvp - wal",
      "F lon S F edi - yor",
      "F lon S A lvp - yor",
    ]);
  });

  it("lists exactly the orders of ENG A lvp, supports to hold included", () => {
    expect(ordersAt(start, "ENG", "lvp")).toEqual([
      "A lvp H",
      "A lvp - cly",
      "A lvp - edi",
      "A lvp - wal",
      "A lvp - yor",
      "A lvp S F edi",
      "A lvp S F edi - cly",
      "A lvp S F lon - wal",
      "A lvp S F edi - yor",
      "A lvp S F lon - yor",
    ]);
  });

  it("lists exactly the orders of TUR A con, which may support moves of other units only", () => {
    expect(ordersAt(start, "TUR", "con")).toEqual([
      "A con H",
      "A con - ank",
      "A con - bul",
      "A con - smy",
      "A con S F ank",
      "A con S A smy",
      "A con S A smy - ank",
    ]);
  });

  it("gives RUS F stp/sc its south-coast moves only", () => {
    expect(ordersAt(start, "RUS", "stp/sc")).toEqual([
      "F stp/sc H",
      "F stp/sc - bot",
      "F stp/sc - fin",
      "F stp/sc - lvn",
      "F stp/sc S A mos - lvn",
      "F stp/sc S A war - lvn",
    ]);
  });

  it("has the expected number of orders per unit for every power", () => {
    const counts = Object.fromEntries(
      map.powers.map((p) => [p.id, movementUnits(legalOrders(map, start, p.id)).map((u) => u.orders.length)]),
    );
    expect(counts).toEqual({
      AUS: [13, 6, 15],
      ENG: [9, 10, 10],
      FRA: [9, 10, 11],
      GER: [11, 8, 19],
      ITA: [9, 11, 18],
      RUS: [12, 8, 6, 16],
      TUR: [9, 7, 11],
    });
  });

  it("lists units in position order with orders that all carry the power", () => {
    const rus = movementUnits(legalOrders(map, start, "RUS"));
    expect(rus.map((u) => u.unit.location)).toEqual(["mos", "sev", "stp/sc", "war"]);
    for (const entry of rus) for (const o of entry.orders) expect(o.power).toBe("RUS");
  });

  it("gives a power without units nothing, and is deterministic", () => {
    expect(legalOrders(map, start, "XXX")).toEqual({ phase: "movement", units: [] });
    expect(legalOrders(map, start, "GER")).toEqual(
      legalOrders(map, { ...start, units: [...start.units] }, "GER"),
    );
  });

  it("writes supports to hold without a `to` field", () => {
    const support = movementUnits(legalOrders(map, start, "ENG"))
      .flatMap((u) => u.orders)
      .find((o) => o.kind === "support" && o.target.location === "edi" && o.to === undefined);
    expect(support).toBeDefined();
    expect(Object.keys(support!)).not.toContain("to");
  });
});

describe("fleet moves and split coasts", () => {
  it("moves F stp/nc along the north coast", () => {
    expect(ordersAt(movement(["RUS F stp/nc"]), "RUS", "stp/nc")).toEqual([
      "F stp/nc H",
      "F stp/nc - bar",
      "F stp/nc - nwy",
    ]);
  });

  it("names both coasts of Spain for F mao and never bare spa", () => {
    const orders = ordersAt(movement(["FRA F mao"]), "FRA", "mao");
    expect(orders).toContain("F mao - spa/nc");
    expect(orders).toContain("F mao - spa/sc");
    expect(orders).not.toContain("F mao - spa");
  });

  it("names the coast when supporting a fleet into a split-coast province, judged at province level", () => {
    const position = movement(["FRA F mao", "FRA A gas", "ITA F wes", "ENG F por"]);
    expect(ordersAt(position, "FRA", "gas")).toEqual(
      expect.arrayContaining(["A gas S F mao - spa/nc", "A gas S F mao - spa/sc", "A gas S F por - spa/nc"]),
    );
    // An army cannot reach the sea, so it cannot support the fleet there to hold.
    expect(ordersAt(position, "FRA", "gas")).not.toContain("A gas S F mao");
    // F wes reaches only the south coast, yet may support a move to either coast of Spain.
    expect(ordersAt(position, "ITA", "wes")).toEqual(
      expect.arrayContaining(["F wes S F mao - spa/nc", "F wes S F mao - spa/sc", "F wes S A gas - spa"]),
    );
    expect(ordersAt(position, "ITA", "wes")).not.toContain("F wes S F mao - spa");
  });

  it("lets a fleet support a unit holding in a split-coast province it reaches by one coast", () => {
    const position = movement(["ITA F lyo", "FRA A spa"]);
    expect(ordersAt(position, "ITA", "lyo")).toContain("F lyo S A spa");
  });
});

describe("convoys", () => {
  const north = movement(["ENG A lon", "ENG F nth", "FRA F nwg"]);

  it("moves A lon by convoy wherever the occupied seas reach, adjacent provinces included", () => {
    expect(ordersAt(north, "ENG", "lon")).toEqual([
      "A lon H",
      "A lon - wal",
      "A lon - yor",
      "A lon - bel via convoy",
      "A lon - cly via convoy",
      "A lon - den via convoy",
      "A lon - edi via convoy",
      "A lon - hol via convoy",
      "A lon - nwy via convoy",
      "A lon - yor via convoy",
      "A lon S F nth - yor",
    ]);
  });

  it("lets F nth convoy the army to every destination, and F nwg only where a route needs it", () => {
    const nth = ordersAt(north, "ENG", "nth").filter((o) => o.includes(" C "));
    expect(nth).toEqual(["bel", "cly", "den", "edi", "hol", "nwy", "yor"].map((d) => `F nth C A lon - ${d}`));
    // nth touches edi and nwy, so lon → nth → nwg → edi / nwy does not need nwg (DATC 6.G.19).
    const nwg = ordersAt(north, "FRA", "nwg").filter((o) => o.includes(" C "));
    expect(nwg).toEqual(["F nwg C A lon - cly"]);
  });

  it("lets others support a convoyed move, once per destination", () => {
    const nwg = ordersAt(north, "FRA", "nwg").filter((o) => o.includes("S A lon"));
    expect(nwg).toEqual(["F nwg S A lon - cly", "F nwg S A lon - edi", "F nwg S A lon - nwy"]);
    const yor = ordersAt(north, "ENG", "nth").filter((o) => o === "F nth S A lon - yor");
    expect(yor).toHaveLength(1);
  });

  it("returns convoy routes shortest first", () => {
    expect(convoyRoutes(map, north.units, "lon", "nwy")).toEqual([["nth"], ["nth", "nwg"]]);
    expect(convoyRoutes(map, north.units, "lon", "cly")).toEqual([["nth", "nwg"]]);
    expect(convoyRoutes(map, north.units, "lon", "lvp")).toEqual([]);
    expect(convoyRoutes(map, north.units, "lon", "lon")).toEqual([]);
    expect(convoyRoutes(map, north.units, "lon", "nowhere")).toEqual([]);
    expect(convoyRoutes(map, north.units, "lon", "nwy", 1)).toEqual([["nth"]]);
  });

  it("finds long routes across the Mediterranean", () => {
    const units = ["ENG A lon", "ENG F eng", "ENG F mao", "ITA F wes", "ITA F tys", "TUR F ion"].map(unit);
    expect(convoyRoutes(map, units, "lon", "tun")).toEqual([
      ["eng", "mao", "wes"],
      ["eng", "mao", "wes", "tys"],
      ["eng", "mao", "wes", "tys", "ion"],
    ]);
    expect(convoyRoutes(map, units, "lon", "gre")).toEqual([["eng", "mao", "wes", "tys", "ion"]]);
  });

  it("does not let a fleet convoy on a dead end or where a shortcut skips it", () => {
    // F hel hangs off nth: no route from lon to yor goes through it, and nth touches den and hol.
    const position = movement(["ENG A lon", "ENG F nth", "GER F hel"]);
    const hel = ordersAt(position, "GER", "hel").filter((o) => o.includes(" C "));
    expect(hel).toEqual(["F hel C A lon - kie"]);
  });

  it("offers a convoy on a longer route only when no shorter chain of the same fleets skips it", () => {
    // lon → eng → mao → wes → lyo is induced, so F lyo carries the army to the shores that only it
    // touches; not to spa, which wes touches already (the route would not need lyo).
    const position = movement(["ENG A lon", "ENG F eng", "FRA F mao", "ITA F wes", "ITA F lyo"]);
    const lyo = ordersAt(position, "ITA", "lyo").filter((o) => o.includes(" C "));
    expect(lyo).toEqual(["F lyo C A lon - mar", "F lyo C A lon - pie", "F lyo C A lon - tus"]);
    const wes = ordersAt(position, "ITA", "wes").filter((o) => o.includes(" C "));
    expect(wes).toContain("F wes C A lon - tun");
    expect(wes).toContain("F wes C A lon - mar");
  });

  it("does not convoy from or through coastal fleets, nor inland armies", () => {
    const position = movement(["ENG A lon", "ENG F yor", "GER A mun", "GER F nth"]);
    expect(ordersAt(position, "ENG", "yor").some((o) => o.includes(" C "))).toBe(false);
    expect(ordersAt(position, "GER", "mun").some((o) => o.includes("via convoy"))).toBe(false);
    expect(ordersAt(position, "GER", "nth").some((o) => o.includes("C A mun"))).toBe(false);
  });
});

describe("retreats", () => {
  it("lists each retreat and a disband for the power's dislodged units only", () => {
    const position: Position = {
      ...start,
      season: "fall",
      phase: "retreat",
      units: ["GER F nth", "GER A bel"].map(unit),
      dislodged: [
        { unit: unit("ENG F nth"), attackerFrom: "hel", byConvoy: false, retreats: ["edi", "nwg"] },
        { unit: unit("FRA A bel"), attackerFrom: "ruh", byConvoy: false, retreats: ["pic"] },
        { unit: unit("ENG A yor"), attackerFrom: "lvp", byConvoy: false, retreats: [] },
      ],
    };
    const result = legalOrders(map, position, "ENG");
    if (result.phase !== "retreat") throw new Error("expected retreat");
    expect(result.units.map((u) => u.orders.map(show))).toEqual([
      ["F nth R edi", "F nth R nwg", "F nth D"],
      ["A yor D"],
    ]);
    expect(result.units.flatMap((u) => u.orders).every((o) => o.power === "ENG")).toBe(true);
  });
});

describe("adjustments", () => {
  const winter = (units: readonly string[], owners: Record<ProvinceId, PowerId>): Position => ({
    ...start,
    season: "winter",
    phase: "adjustment",
    units: units.map(unit),
    supplyCenters: owners,
  });

  it("builds in owned, empty home centres, one fleet build per coast", () => {
    const position = winter(["RUS A war", "GER A sev"], { ...startOwners(), swe: "RUS", rum: "RUS" });
    const result = legalOrders(map, position, "RUS");
    if (result.phase !== "adjustment") throw new Error("expected adjustment");
    expect(result.change).toBe(5);
    expect(result.canWaive).toBe(true);
    expect(result.removals).toEqual([]);
    expect(result.builds.map(show)).toEqual([
      "build A mos",
      "build A stp",
      "build F stp/nc",
      "build F stp/sc",
    ]);
    expect(result.builds.every((b) => b.power === "RUS")).toBe(true);
  });

  it("offers no build in a home centre owned by another power", () => {
    const position = winter(["ENG F nth"], { ...startOwners(), lon: "FRA" });
    const result = legalOrders(map, position, "ENG");
    if (result.phase !== "adjustment") throw new Error("expected adjustment");
    expect(result.change).toBe(1);
    expect(result.builds.map(show)).toEqual(["build A edi", "build F edi", "build A lvp", "build F lvp"]);
  });

  it("must waive when every home centre is occupied", () => {
    const position = winter(["ENG F edi", "ENG F lon", "ENG A lvp"], { ...startOwners(), nwy: "ENG" });
    expect(legalOrders(map, position, "ENG")).toEqual({
      phase: "adjustment",
      change: 1,
      builds: [],
      removals: [],
      canWaive: true,
    });
  });

  it("lists removals when units outnumber centres", () => {
    const owners = startOwners();
    delete owners["lvp"];
    const position = winter(["ENG F edi", "FRA A par", "ENG F lon", "ENG A lvp"], owners);
    const result = legalOrders(map, position, "ENG");
    if (result.phase !== "adjustment") throw new Error("expected adjustment");
    expect(result.change).toBe(-1);
    expect(result.canWaive).toBe(false);
    expect(result.builds).toEqual([]);
    expect(result.removals.map(show)).toEqual(["remove F edi", "remove F lon", "remove A lvp"]);
  });

  it("offers nothing when centres and units balance", () => {
    const position = winter(
      map.start.units.map((u) => `${u.power} ${u.type} ${u.location}`),
      startOwners(),
    );
    expect(legalOrders(map, position, "AUS")).toEqual({
      phase: "adjustment",
      change: 0,
      builds: [],
      removals: [],
      canWaive: false,
    });
  });
});

// ---- Properties over random boards -------------------------------------------------------------

/** Every way a unit may stand in each province, by province index. */
const placements: readonly (readonly { type: UnitType; location: string }[])[] = map.provinces.map((p) =>
  map.locations
    .filter((l) => l.province === p.id)
    .flatMap((l) => [
      ...(l.army ? [{ type: "A" as const, location: l.id }] : []),
      ...(l.fleet ? [{ type: "F" as const, location: l.id }] : []),
    ]),
);

/** Random legal boards: units on distinct provinces, each of a type that can stand there. */
function boardArb(provinces: readonly number[], maxUnits: number): fc.Arbitrary<Unit[]> {
  return fc
    .uniqueArray(
      fc.tuple(fc.constantFrom(...provinces), fc.nat(), fc.constantFrom(...map.powers.map((p) => p.id))),
      { selector: (t) => t[0], maxLength: maxUnits },
    )
    .map((picks) =>
      picks.map(([p, k, power]) => {
        const options = placements[p]!;
        return { power, ...options[k % options.length]! };
      }),
    );
}

const allProvinces = map.provinces.map((p) => p.index);
const seaAndShore = map.provinces.filter((p) => p.kind !== "land").map((p) => p.index);

/** Brute force: every simple route of fleet-occupied seas from `from` to `to`. */
function bruteRoutes(units: readonly Unit[], from: ProvinceId, to: ProvinceId): ProvinceId[][] {
  if (from === to) return [];
  const fleetSeas = new Set(
    units
      .filter((u) => u.type === "F" && map.province.get(provinceOf(u.location))!.kind === "sea")
      .map((u) => u.location),
  );
  const touches = (sea: ProvinceId, shore: ProvinceId): boolean =>
    (map.fleetAdjacency.get(sea) ?? []).some((l) => provinceOf(l) === shore);
  const kindOf = (p: ProvinceId): string => map.province.get(p)!.kind;
  if (kindOf(from) !== "coast" || kindOf(to) !== "coast") return [];
  const routes: ProvinceId[][] = [];
  const walk = (path: ProvinceId[]): void => {
    const last = path[path.length - 1]!;
    if (touches(last, to)) routes.push([...path]);
    for (const next of map.fleetAdjacency.get(last) ?? []) {
      if (fleetSeas.has(next) && !path.includes(next)) walk([...path, next]);
    }
  };
  for (const s of fleetSeas) if (touches(s, from)) walk([s]);
  return routes;
}

/** Whether some fleet move leads from a location of province `a` to one of province `b`. */
function touches(a: ProvinceId, b: ProvinceId): boolean {
  return map.locations.some(
    (l) => l.province === a && (map.fleetAdjacency.get(l.id) ?? []).some((m) => provinceOf(m) === b),
  );
}

/**
 * Whether a simple route from `from` to `to` needs every fleet on it (DATC 6.G.19): no later sea
 * touches `from`, no earlier sea touches `to`, and no two non-consecutive seas touch.
 */
function isInduced(route: readonly ProvinceId[], from: ProvinceId, to: ProvinceId): boolean {
  return route.every(
    (s, i) =>
      (i === 0 || !touches(from, s)) &&
      (i === route.length - 1 || !touches(s, to)) &&
      route.slice(0, Math.max(0, i - 1)).every((r) => !touches(r, s)),
  );
}

const key = (o: Order): string => JSON.stringify(o);

describe("properties of legal orders on random boards", () => {
  it("gives each unit of the power only its own, distinct, well-formed orders", () => {
    fc.assert(
      fc.property(
        boardArb(allProvinces, 30),
        fc.constantFrom(...map.powers.map((p) => p.id)),
        (units, power) => {
          const position: Position = { ...start, units };
          const result = movementUnits(legalOrders(map, position, power));
          expect(result.map((r) => r.unit)).toEqual(units.filter((u) => u.power === power));
          const seen = new Set<string>();
          const routeCache = new Map<string, boolean>();
          const hasRoute = (from: ProvinceId, to: ProvinceId): boolean => {
            const k = `${from}>${to}`;
            if (!routeCache.has(k)) routeCache.set(k, bruteRoutes(units, from, to).length > 0);
            return routeCache.get(k)!;
          };
          const canMove = (u: { type: UnitType; location: string }, to: string): boolean =>
            (u.type === "A" ? map.armyAdjacency : map.fleetAdjacency).get(u.location)?.includes(to) ===
              true ||
            (u.type === "A" && hasRoute(provinceOf(u.location), to));
          const reaches = (u: Unit, province: ProvinceId): boolean =>
            ((u.type === "A" ? map.armyAdjacency : map.fleetAdjacency).get(u.location) ?? []).some(
              (l) => provinceOf(l) === province,
            );
          for (const { unit: u, orders } of result) {
            expect(orders[0]).toEqual({ kind: "hold", power, unit: { type: u.type, location: u.location } });
            for (const o of orders) {
              expect(o.power).toBe(power);
              if (!("unit" in o)) throw new Error("movement orders name a unit");
              expect(o.unit).toEqual({ type: u.type, location: u.location });
              expect(seen.has(key(o))).toBe(false);
              seen.add(key(o));
              if (o.kind === "move") {
                expect(map.location.get(o.to)).toBeDefined();
                if (o.viaConvoy) {
                  expect(u.type).toBe("A");
                  expect(hasRoute(provinceOf(u.location), o.to)).toBe(true);
                } else {
                  expect(canMove(u, o.to)).toBe(true);
                  if (u.type === "F") expect(map.location.get(o.to)!.fleet).toBe(true);
                }
              }
              if (o.kind === "support") {
                const target = units.find(
                  (t) => t.type === o.target.type && t.location === o.target.location,
                );
                expect(target).toBeDefined();
                expect(target).not.toBe(u);
                const into = o.to === undefined ? provinceOf(target!.location) : provinceOf(o.to);
                expect(reaches(u, into)).toBe(true);
                if (o.to !== undefined) {
                  expect(into).not.toBe(provinceOf(u.location));
                  expect(canMove(target!, o.to)).toBe(true);
                }
              }
              if (o.kind === "convoy") {
                expect(map.province.get(u.location)!.kind).toBe("sea");
                const army = units.find((t) => t.type === "A" && t.location === o.target.location);
                expect(army).toBeDefined();
                const routes = bruteRoutes(units, army!.location, o.to);
                const induced = routes.filter((r) => isInduced(r, army!.location, o.to));
                expect(induced.some((r) => r.includes(u.location))).toBe(true);
              }
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("offers convoyed moves where some route exists, and convoys by fleets on induced routes", () => {
    fc.assert(
      fc.property(boardArb(seaAndShore, 24), (units) => {
        const position: Position = { ...start, units };
        const coasts = map.provinces.filter((p) => p.kind === "coast").map((p) => p.id);
        const expectedMoves = new Set<string>();
        const expectedConvoys = new Set<string>();
        for (const a of units) {
          if (a.type !== "A") continue;
          for (const d of coasts) {
            const routes = bruteRoutes(units, a.location, d);
            if (routes.length > 0) expectedMoves.add(`${a.location}>${d}`);
            const induced = routes.filter((r) => isInduced(r, a.location, d));
            for (const sea of new Set(induced.flat())) expectedConvoys.add(`${sea}:${a.location}>${d}`);
          }
        }
        const moves = new Set<string>();
        const convoys = new Set<string>();
        for (const power of map.powers) {
          for (const { orders } of movementUnits(legalOrders(map, position, power.id))) {
            for (const o of orders) {
              if (o.kind === "move" && o.viaConvoy) moves.add(`${o.unit.location}>${o.to}`);
              if (o.kind === "convoy") convoys.add(`${o.unit.location}:${o.target.location}>${o.to}`);
            }
          }
        }
        expect([...moves].sort()).toEqual([...expectedMoves].sort());
        expect([...convoys].sort()).toEqual([...expectedConvoys].sort());
      }),
      { numRuns: 200 },
    );
  });

  it("returns every simple route from convoyRoutes, shortest first", () => {
    fc.assert(
      fc.property(
        boardArb(seaAndShore, 20),
        fc.constantFrom(...map.provinces.filter((p) => p.kind === "coast").map((p) => p.id)),
        fc.constantFrom(...map.provinces.filter((p) => p.kind === "coast").map((p) => p.id)),
        (units, from, to) => {
          const got = convoyRoutes(map, units, from, to, Infinity);
          const lengths = got.map((r) => r.length);
          expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
          const asText = (rs: readonly (readonly string[])[]): string[] => rs.map((r) => r.join(" ")).sort();
          expect(asText(got)).toEqual(asText(bruteRoutes(units, from, to)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
