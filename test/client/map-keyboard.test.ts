/**
 * Moving around the board by keyboard (client/src/map/keyboard.ts): from a province, an arrow key
 * goes to the nearest province roughly in that direction on the classic and Amber layouts, every
 * province can be reached, and the edge of the board stops the focus. Also the power initials that
 * mark units and centres (initials.ts) and the ink chosen on power colours (colors.ts).
 */
import { describe, expect, it } from "vitest";
import { POWER_COLORS, contrastRatio, inkOn } from "../../client/src/map/colors";
import { powerInitials } from "../../client/src/map/initials";
import {
  arrowDirection,
  keyboardBoard,
  nearestInDirection,
  nextProvince,
  type Direction,
} from "../../client/src/map/keyboard";
import { geometryOf } from "../../client/src/map/layout";
import { MAP_IDS, getMap } from "../../shared/src/map/registry";
import type { GameMap } from "../../shared/src/map/types";

function mapOf(id: string): GameMap {
  const map = getMap(id);
  if (!map) throw new Error(`no map ${id}`);
  return map;
}

/** The anchors of a map's provinces, as MapView passes them. */
function anchorsOf(map: GameMap) {
  return [...geometryOf(map).shapes].map(([id, s]) => [id, s.anchor] as const);
}

/** The keyboard board of a map, as MapView builds it. */
function boardOf(map: GameMap) {
  return keyboardBoard(anchorsOf(map), geometryOf(map).shared.keys());
}

/** Where a sequence of arrow presses leads from a province (null when a press finds nothing). */
function walk(map: GameMap, from: string, presses: readonly Direction[]): string | null {
  const board = boardOf(map);
  let at: string | null = from;
  for (const d of presses) {
    if (at === null) return null;
    at = nextProvince(board, at, d);
  }
  return at;
}

describe("nextProvince on the classic map", () => {
  const classic = mapOf("classic");
  const cases: readonly [string, readonly Direction[], string][] = [
    ["vie", ["right"], "bud"],
    ["vie", ["up"], "boh"],
    ["vie", ["up", "right"], "gal"],
    ["vie", ["down"], "tri"],
    ["vie", ["left"], "tyr"],
    ["bud", ["left"], "vie"],
    ["boh", ["right"], "gal"],
    ["lon", ["right"], "nth"],
    ["par", ["left"], "bre"],
    ["mos", ["up"], "stp"],
    ["war", ["down"], "gal"],
    ["bre", ["right"], "pic"],
    ["ukr", ["left", "down"], "gal"],
  ];
  it.each(cases)("from %s, %j reaches %s", (from, presses, to) => {
    expect(walk(classic, from, presses)).toBe(to);
  });

  it("stops at the edge of the board", () => {
    const anchors = anchorsOf(classic);
    const westmost = anchors.reduce((a, b) => (b[1].x < a[1].x ? b : a));
    expect(nearestInDirection(westmost[1], "left", anchors)).toBeNull();
  });

  it("never stays in place, and always moves the way it was asked", () => {
    const anchors = anchorsOf(classic);
    for (const [id, p] of anchors)
      for (const d of ["left", "right", "up", "down"] as const) {
        const next = nearestInDirection(p, d, anchors);
        if (next === null) continue;
        expect(next).not.toBe(id);
        const q = geometryOf(classic).shapes.get(next)!.anchor;
        const forward =
          d === "right" ? q.x - p.x : d === "left" ? p.x - q.x : d === "down" ? q.y - p.y : p.y - q.y;
        expect(forward).toBeGreaterThan(0);
      }
  });
});

describe("every province can be reached by the arrows", () => {
  it.each(MAP_IDS)("on %s", (id) => {
    const map = mapOf(id);
    const board = boardOf(map);
    const first = map.provinces[0]!.id;
    const seen = new Set<string>([first]);
    const queue = [first];
    while (queue.length > 0) {
      const at = queue.shift()!;
      for (const d of ["left", "right", "up", "down"] as const) {
        const next = nextProvince(board, at, d);
        if (next !== null && !seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect([...seen].sort()).toEqual(map.provinces.map((p) => p.id).sort());
  });
});

describe("arrowDirection", () => {
  it("reads the four arrows and nothing else", () => {
    expect(arrowDirection("ArrowLeft")).toBe("left");
    expect(arrowDirection("ArrowRight")).toBe("right");
    expect(arrowDirection("ArrowUp")).toBe("up");
    expect(arrowDirection("ArrowDown")).toBe("down");
    expect(arrowDirection("Enter")).toBeNull();
    expect(arrowDirection("toString")).toBeNull();
  });
});

describe("powerInitials", () => {
  it("gives the classic powers their first letters", () => {
    expect(Object.fromEntries(powerInitials(mapOf("classic")))).toEqual({
      AUS: "A",
      ENG: "E",
      FRA: "F",
      GER: "G",
      ITA: "I",
      RUS: "R",
      TUR: "T",
    });
  });

  it("gives every power of every map a distinct mark", () => {
    for (const id of MAP_IDS) {
      const marks = [...powerInitials(mapOf(id)).values()];
      expect(new Set(marks).size).toBe(mapOf(id).powers.length);
    }
  });

  it("lengthens the marks of powers whose names share a first letter, and only theirs", () => {
    const powers = [
      { id: "GER", name: "Germany" },
      { id: "GRE", name: "Greece" },
      { id: "ITA", name: "Italy" },
      { id: "GEO", name: "Georgia" },
    ];
    const marks = powerInitials({ powers: powers.map((p) => ({ ...p, adjective: "", homeCenters: [] })) });
    expect(Object.fromEntries(marks)).toEqual({ GER: "Ger", GRE: "Gr", ITA: "I", GEO: "Geo" });
  });

  it("falls back to the power's id when a name is a beginning of another", () => {
    const powers = [
      { id: "ARA", name: "Aragon" },
      { id: "ARX", name: "Aragonia" },
    ];
    const marks = powerInitials({ powers: powers.map((p) => ({ ...p, adjective: "", homeCenters: [] })) });
    expect(Object.fromEntries(marks)).toEqual({ ARA: "ARA", ARX: "Aragoni" });
  });
});

describe("ink on power colours", () => {
  it.each(POWER_COLORS)("the letter on %s contrasts at least 4.5:1", (color) => {
    expect(contrastRatio(color, inkOn(color))).toBeGreaterThanOrEqual(4.5);
  });

  it("computes the contrast of black on white as 21:1", () => {
    expect(contrastRatio("#000000", "#FFFFFF")).toBeCloseTo(21);
    expect(contrastRatio("#FFFFFF", "#FFFFFF")).toBeCloseTo(1);
  });
});
