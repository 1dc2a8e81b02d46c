/**
 * The board layouts (`assets/maps/<id>.layout.json`) against the map data: every province and named
 * coast has a place inside the drawing, the Voronoi cells are valid polygons, provinces that are
 * adjacent (army or fleet) share a visible border and provinces that are not share none, and the
 * power colours are distinct. Also the pure helpers of client/src/map (Voronoi, arrows, colours).
 */
import { describe, expect, it } from "vitest";
import { arrowShape } from "../../client/src/map/arrows";
import { POWER_COLORS, inkOn, powerColor, tint } from "../../client/src/map/colors";
import {
  adjacentPairs,
  boardGeometry,
  fallbackLayout,
  geometryOf,
  layoutOf,
  pairKey,
} from "../../client/src/map/layout";
import { insideConvex, polygonArea, voronoiCells } from "../../client/src/map/voronoi";
import { MAP_IDS, getMap } from "../../shared/src/map/registry";

/** A border shorter than this (map units) is too short to see or click: it does not count. */
const MIN_BORDER = 12;
/** Contact shorter than this is a corner, not a border. */
const CORNER = 1;

/**
 * Adjacent pairs whose provinces may lack a visible shared border in the drawing, with the reason.
 * Empty: every adjacency of both maps is a visible border.
 */
const KNOWN_MISSING: Readonly<Record<string, string>> = {};

describe("voronoi", () => {
  it("splits a box between two points along their bisector", () => {
    const cells = voronoiCells(
      [
        { x: 25, y: 50 },
        { x: 75, y: 50 },
      ],
      { width: 100, height: 100 },
    );
    expect(Math.abs(polygonArea(cells[0]!.polygon))).toBeCloseTo(5000);
    expect(Math.abs(polygonArea(cells[1]!.polygon))).toBeCloseTo(5000);
    const shared = cells[0]!.edges.filter((e) => e.neighbour === 1);
    expect(shared).toHaveLength(1);
    expect(shared[0]!.a.x).toBeCloseTo(50);
    expect(shared[0]!.b.x).toBeCloseTo(50);
  });

  it("tiles the box exactly (areas add up) for scattered points", () => {
    const pts = Array.from({ length: 40 }, (_, i) => ({ x: (i * 37) % 97, y: (i * 53) % 89 }));
    const cells = voronoiCells(pts, { width: 97, height: 89 });
    const total = cells.reduce((s, c) => s + Math.abs(polygonArea(c.polygon)), 0);
    expect(total).toBeCloseTo(97 * 89, 3);
  });
});

describe.each(MAP_IDS)("layout of %s", (id) => {
  const map = getMap(id)!;
  const layout = layoutOf(id)!;
  const geometry = geometryOf(map);
  const inBox = (p: { x: number; y: number }) =>
    p.x > 0 && p.y > 0 && p.x < layout.width && p.y < layout.height;

  it("exists and places every province and every named coast inside the box", () => {
    expect(layout).not.toBeNull();
    for (const p of map.provinces) {
      const spot = layout.provinces[p.id];
      expect(spot, p.id).toBeDefined();
      expect(inBox(spot!), p.id).toBe(true);
      for (const [x = -1, y = -1] of spot!.extra ?? []) expect(inBox({ x, y }), `${p.id} extra`).toBe(true);
    }
    const named = map.locations.filter((l) => l.coast !== null).map((l) => l.id);
    for (const loc of named) {
      expect(layout.coasts[loc], loc).toBeDefined();
      expect(inBox(layout.coasts[loc]!), loc).toBe(true);
    }
    // Nothing in the layout that the map does not know.
    for (const key of Object.keys(layout.provinces)) expect(map.province.has(key), key).toBe(true);
    for (const key of Object.keys(layout.coasts)) expect(named, key).toContain(key);
  });

  it("draws every province as valid, non-degenerate polygons containing its anchor and coasts", () => {
    for (const p of map.provinces) {
      const shape = geometry.shapes.get(p.id)!;
      expect(shape.polygons.length, p.id).toBeGreaterThan(0);
      for (const poly of shape.polygons) {
        expect(poly.length, p.id).toBeGreaterThanOrEqual(3);
        expect(Math.abs(polygonArea(poly)), p.id).toBeGreaterThan(50);
        for (const v of poly)
          expect(
            v.x >= -1e-6 && v.y >= -1e-6 && v.x <= layout.width + 1e-6 && v.y <= layout.height + 1e-6,
          ).toBe(true);
      }
      expect(
        shape.polygons.some((poly) => insideConvex(poly, shape.anchor)),
        `${p.id} anchor in its cell`,
      ).toBe(true);
      for (const c of p.coasts) {
        const at = geometry.point(`${p.id}/${c}`);
        expect(
          shape.polygons.some((poly) => insideConvex(poly, at)),
          `${p.id}/${c} inside ${p.id}`,
        ).toBe(true);
      }
    }
  });

  it("gives every adjacent pair a visible shared border", () => {
    const missing = [...adjacentPairs(map)].filter(
      (k) => (geometry.shared.get(k) ?? 0) < MIN_BORDER && !(k in KNOWN_MISSING),
    );
    expect(missing).toEqual([]);
  });

  it("gives no non-adjacent pair of provinces a shared border", () => {
    const adjacent = adjacentPairs(map);
    const provinces = new Set(map.provinces.map((p) => p.id));
    const extra = [...geometry.shared]
      .filter(([k, len]) => len > CORNER && !adjacent.has(k))
      .filter(([k]) => k.split("|").every((x) => provinces.has(x)))
      .map(([k]) => k);
    expect(extra).toEqual([]);
  });

  it("keeps unit anchors apart so units and labels do not collide", () => {
    const spots = map.provinces.map((p) => ({ id: p.id, ...layout.provinces[p.id]! }));
    for (let i = 0; i < spots.length; i++) {
      for (let j = i + 1; j < spots.length; j++) {
        const d = Math.hypot(spots[i]!.x - spots[j]!.x, spots[i]!.y - spots[j]!.y);
        expect(d, `${spots[i]!.id}–${spots[j]!.id}`).toBeGreaterThan(40);
      }
    }
  });
});

describe("fallback layout", () => {
  it("draws every province of a map without a layout", () => {
    const map = getMap("amber")!;
    const geometry = boardGeometry(map, fallbackLayout(map));
    for (const p of map.provinces) expect(geometry.shapes.get(p.id)!.polygons.length).toBeGreaterThan(0);
    expect(geometry.point("har/nc")).toBeDefined();
    expect(pairKey("b", "a")).toBe("a|b");
  });
});

describe("colours", () => {
  it("has seven distinct colour-blind-safe power colours, enough for every shipped map", () => {
    expect(new Set(POWER_COLORS.map((c) => c.toUpperCase())).size).toBe(7);
    for (const id of MAP_IDS) {
      const map = getMap(id)!;
      expect(map.powers.length).toBeLessThanOrEqual(POWER_COLORS.length);
      const colours = map.powers.map((p) => powerColor(map, p.id));
      expect(new Set(colours).size).toBe(map.powers.length);
    }
  });

  it("maps powers by map order, and unknown powers to grey", () => {
    const amber = getMap("amber")!;
    expect(powerColor(amber, amber.powers[0]!.id)).toBe(POWER_COLORS[0]);
    expect(powerColor(amber, "XYZ")).not.toBe(POWER_COLORS[0]);
  });

  it("tints and picks readable ink", () => {
    expect(tint("#000000", 0)).toBe("#FFFFFF");
    expect(tint("#0072B2", 1)).toBe("#0072B2");
    expect(inkOn("#F0E442")).toBe("#000000");
    expect(inkOn("#0072B2")).toBe("#FFFFFF");
  });
});

describe("arrows", () => {
  it("trims the shaft and ends the head short of the target", () => {
    const a = arrowShape({ x: 0, y: 0 }, { x: 100, y: 0 }, { startGap: 10, endGap: 10 });
    expect(a.end.x).toBeCloseTo(90);
    expect(a.d.startsWith("M10,0")).toBe(true);
    expect(a.head.split(" ")).toHaveLength(3);
  });
});
