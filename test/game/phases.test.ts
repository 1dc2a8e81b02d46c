/**
 * Phase sequencing on the classic map: which phase follows which, when supply centres change
 * hands, when retreats and adjustments happen, default orders, solo and elimination.
 */
import { describe, expect, it } from "vitest";
import {
  eliminatedPowers,
  initialPosition,
  resolvePhase,
  soloWinner,
  type Position,
} from "../../shared/src/game";
import { getMap, parseUnitString, type Unit } from "../../shared/src/map";
import { parseOrder, type Order } from "../../shared/src/orders";

const map = getMap("classic")!;

function orders(position: Position, ...texts: string[]): Order[] {
  return texts.map((text) => {
    const parsed = parseOrder(text, { map, phase: position.phase });
    if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
    return parsed.value;
  });
}

const units = (...texts: string[]): Unit[] => texts.map((t) => parseUnitString(t)!);
const unitTexts = (p: Position): string[] => p.units.map((u) => `${u.power} ${u.type} ${u.location}`).sort();

describe("phase sequencing", () => {
  it("starts in spring 1901 movement with the starting units and centres", () => {
    const start = initialPosition(map);
    expect(start).toMatchObject({ year: 1901, season: "spring", phase: "movement", dislodged: [] });
    expect(start.units).toHaveLength(22);
    expect(Object.keys(start.supplyCenters)).toHaveLength(22);
    expect(start.supplyCenters["stp"]).toBe("RUS");
  });

  it("goes from spring movement to fall movement, and centres do not change hands in spring", () => {
    const start = initialPosition(map);
    const { next } = resolvePhase(
      map,
      start,
      orders(start, "GER A mun - ruh", "GER F kie - hol", "FRA A par - bur"),
    );
    expect(next).toMatchObject({ year: 1901, season: "fall", phase: "movement" });
    expect(next.supplyCenters["hol"]).toBeUndefined();
    expect(unitTexts(next)).toContain("GER F hol");
  });

  it("gives centres to their occupiers after fall and then adjusts in winter", () => {
    const fall: Position = { ...initialPosition(map), season: "fall" };
    const { next } = resolvePhase(map, fall, orders(fall, "GER F kie - hol", "ENG F lon - nth"));
    expect(next).toMatchObject({ year: 1901, season: "winter", phase: "adjustment" });
    expect(next.supplyCenters["hol"]).toBe("GER");
    expect(next.supplyCenters["kie"]).toBe("GER"); // left empty, still owned
    const winter = resolvePhase(map, next, orders(next, "GER build F kie"));
    expect(winter.resolved.phase).toBe("adjustment");
    expect(winter.next).toMatchObject({ year: 1902, season: "spring", phase: "movement" });
    expect(unitTexts(winter.next)).toContain("GER F kie");
  });

  it("skips winter when nobody can build or must remove", () => {
    const fall: Position = { ...initialPosition(map), season: "fall" };
    const { next } = resolvePhase(map, fall, []);
    expect(next).toMatchObject({ year: 1902, season: "spring", phase: "movement" });
  });

  it("skips winter when the only build has no free home centre", () => {
    const fall: Position = {
      ...initialPosition(map),
      season: "fall",
      units: units("GER A ber", "GER F kie", "GER A mun", "GER A ruh"),
      supplyCenters: { ber: "GER", kie: "GER", mun: "GER" },
    };
    const { next } = resolvePhase(map, fall, orders(fall, "GER A ruh - hol"));
    expect(next.supplyCenters["hol"]).toBe("GER");
    expect(next).toMatchObject({ year: 1902, season: "spring", phase: "movement" });
  });

  it("holds a retreat phase only when a unit is dislodged, then carries on to fall", () => {
    const spring: Position = {
      ...initialPosition(map),
      units: units("AUS A vie", "AUS A bud", "ITA A tri"),
      supplyCenters: { vie: "AUS", bud: "AUS", tri: "AUS" },
    };
    const moved = resolvePhase(map, spring, orders(spring, "AUS A vie - tri", "AUS A bud S A vie - tri"));
    expect(moved.next).toMatchObject({ season: "spring", phase: "retreat" });
    expect(moved.next.dislodged.map((d) => d.unit.location)).toEqual(["tri"]);
    expect(moved.next.dislodged[0]!.retreats).toEqual(["alb", "ser", "tyr", "ven"]);
    const retreated = resolvePhase(map, moved.next, orders(moved.next, "ITA A tri R ven"));
    expect(retreated.next).toMatchObject({ season: "fall", phase: "movement", dislodged: [] });
    expect(unitTexts(retreated.next)).toEqual(["AUS A bud", "AUS A tri", "ITA A ven"]);
  });

  it("disbands a dislodged unit that has no retreat order", () => {
    const spring: Position = {
      ...initialPosition(map),
      units: units("AUS A vie", "AUS A bud", "ITA A tri"),
      supplyCenters: {},
    };
    const moved = resolvePhase(map, spring, orders(spring, "AUS A vie - tri", "AUS A bud S A vie - tri"));
    const retreated = resolvePhase(map, moved.next, []);
    expect(retreated.resolved.phase === "retreat" && retreated.resolved.resolution.disbanded).toHaveLength(1);
    expect(unitTexts(retreated.next)).toEqual(["AUS A bud", "AUS A tri"]);
  });

  it("counts a centre won by retreat in fall", () => {
    const fall: Position = {
      ...initialPosition(map),
      season: "fall",
      units: units("AUS A vie", "AUS A bud", "ITA A tri"),
      supplyCenters: { vie: "AUS", bud: "AUS", tri: "AUS", ven: "ITA" },
    };
    const moved = resolvePhase(map, fall, orders(fall, "AUS A vie - tri", "AUS A bud S A vie - tri"));
    const retreated = resolvePhase(map, moved.next, orders(moved.next, "ITA A tri R ven"));
    expect(retreated.next.supplyCenters["tri"]).toBe("AUS");
    expect(retreated.next.supplyCenters["ven"]).toBe("ITA");
  });

  it("removes units by civil disorder when a power orders no removal", () => {
    const winter: Position = {
      ...initialPosition(map),
      season: "winter",
      phase: "adjustment",
      units: units("RUS A lvn", "RUS A swe"),
      supplyCenters: { stp: "RUS" },
    };
    const { resolved, next } = resolvePhase(map, winter, []);
    expect(resolved.phase === "adjustment" && resolved.resolution.removed.map((u) => u.location)).toEqual([
      "swe",
    ]);
    expect(unitTexts(next)).toEqual(["RUS A lvn"]);
  });

  it("knows a solo at 18 centres and eliminated powers", () => {
    const start = initialPosition(map);
    expect(soloWinner(map, start)).toBeNull();
    const centres = Object.fromEntries(map.supplyCenters.slice(0, 18).map((c) => [c, "TUR"]));
    const late: Position = { ...start, units: units("TUR A con"), supplyCenters: centres };
    expect(soloWinner(map, late)).toBe("TUR");
    expect(eliminatedPowers(map, late)).toEqual(
      map.powers.map((p) => p.id).filter((p) => p !== "TUR" && !Object.values(centres).includes(p)),
    );
  });
});

// Adjustment regressions (an army built with a coast named) live in test/vectors/regressions.json.
