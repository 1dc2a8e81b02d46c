/**
 * Board layouts: where each province of a map sits in the drawing, and the geometry derived from
 * it. A layout (`assets/maps/<id>.layout.json`) places an anchor point per province (units and
 * labels are drawn there), optionally extra points for long provinces, a point per named coast,
 * and optionally impassable areas (Switzerland). Each province is drawn as the union of the Voronoi
 * cells of its points, so the board is always a gapless map; `test/client/map-layout.test.ts`
 * checks that shared borders match the map's adjacency. Pure data and geometry: no DOM, no React.
 */
import { provinceOf } from "../../../shared/src/map/locations";
import type { GameMap, LocationId, ProvinceId } from "../../../shared/src/map/types";
import amberLayout from "../../../assets/maps/amber.layout.json";
import classicLayout from "../../../assets/maps/classic.layout.json";
import { dist, polygonCentroid, voronoiCells, type Point } from "./voronoi";

/** Where a province sits in a layout. */
export interface ProvinceSpot {
  readonly x: number; // anchor: units stand here
  readonly y: number;
  /** Label offset `[dx, dy]` from the anchor, in map units (default below the unit). */
  readonly label?: readonly number[];
  /** More Voronoi points `[x, y]` of the same province, for long or oddly shaped ones. */
  readonly extra?: readonly (readonly number[])[];
}

/** An area drawn but not playable (no unit may enter), e.g. Switzerland. */
export interface ImpassableSpot {
  readonly x: number;
  readonly y: number;
  readonly name: string;
}

/** A map's layout file, `assets/maps/<id>.layout.json`. */
export interface MapLayout {
  readonly source: string; // provenance and licence
  readonly width: number; // the drawing's box, in map units
  readonly height: number;
  readonly provinces: Readonly<Record<ProvinceId, ProvinceSpot>>;
  /** A point per named coast (`stp/nc`), where a fleet on that coast is drawn. */
  readonly coasts: Readonly<Record<LocationId, Point>>;
  readonly impassable?: Readonly<Record<string, ImpassableSpot>>;
}

const LAYOUTS: Readonly<Record<string, MapLayout>> = {
  classic: classicLayout,
  amber: amberLayout,
};

/** The hand-made layout of a shipped map, or null for a map without one. */
export function layoutOf(mapId: string): MapLayout | null {
  return Object.hasOwn(LAYOUTS, mapId) ? LAYOUTS[mapId]! : null;
}

/**
 * A plain layout for a map that has none: provinces on a grid in map order. Borders will not match
 * adjacency, but every province is drawn and clickable.
 */
export function fallbackLayout(map: GameMap): MapLayout {
  const n = map.provinces.length;
  const cols = Math.max(1, Math.ceil(Math.sqrt(n * 1.3)));
  const rows = Math.max(1, Math.ceil(n / cols));
  const cell = 80;
  const provinces: Record<ProvinceId, ProvinceSpot> = {};
  const coasts: Record<LocationId, Point> = {};
  map.provinces.forEach((p, i) => {
    const x = ((i % cols) + 0.5 + (Math.floor(i / cols) % 2) * 0.25) * cell;
    const y = (Math.floor(i / cols) + 0.5) * cell;
    provinces[p.id] = { x, y };
    p.coasts.forEach((c, k) => (coasts[`${p.id}/${c}`] = { x: x - 20 + k * 20, y: y - 24 }));
  });
  return { source: "generated", width: (cols + 0.5) * cell, height: rows * cell, provinces, coasts };
}

/** A border segment between two areas (a province id, an impassable id, or null for the edge). */
export interface Border {
  readonly a: Point;
  readonly b: Point;
  readonly between: readonly [string, string];
}

/** The geometry of one province. */
export interface ProvinceShape {
  readonly id: ProvinceId;
  /** The polygons of its Voronoi cells (one per point; together they form the province). */
  readonly polygons: readonly (readonly Point[])[];
  readonly anchor: Point; // where its unit stands
  readonly label: Point; // where its name is written
  readonly centroid: Point;
}

/** Everything the board drawing needs, computed once per map and layout. */
export interface BoardGeometry {
  readonly width: number;
  readonly height: number;
  readonly shapes: ReadonlyMap<ProvinceId, ProvinceShape>;
  readonly impassable: readonly { id: string; name: string; polygons: readonly (readonly Point[])[] }[];
  /** Every border between two different areas, once. */
  readonly borders: readonly Border[];
  /** Length of the border shared by two provinces, keyed `a|b` with a < b. */
  readonly shared: ReadonlyMap<string, number>;
  /** The drawing point of a location: its coast marker, or its province's anchor. */
  point(location: LocationId): Point;
}

/** The key of an unordered pair of ids. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** Default label offset: under the unit. */
const LABEL_OFFSET: readonly [number, number] = [0, 26];

/** Computes the drawing geometry of a map from its layout. */
export function boardGeometry(map: GameMap, layout: MapLayout): BoardGeometry {
  const seeds: Point[] = [];
  const owner: string[] = [];
  for (const p of map.provinces) {
    const spot = layout.provinces[p.id] ?? { x: layout.width / 2, y: layout.height / 2 };
    seeds.push({ x: spot.x, y: spot.y });
    owner.push(p.id);
    for (const [x = 0, y = 0] of spot.extra ?? []) {
      seeds.push({ x, y });
      owner.push(p.id);
    }
  }
  for (const [id, spot] of Object.entries(layout.impassable ?? {})) {
    seeds.push({ x: spot.x, y: spot.y });
    owner.push(id);
  }
  const cells = voronoiCells(seeds, layout);
  const polygonsOf = new Map<string, Point[][]>();
  const borders: Border[] = [];
  const shared = new Map<string, number>();
  cells.forEach((cell, i) => {
    const mine = owner[i]!;
    if (cell.polygon.length >= 3) {
      const list = polygonsOf.get(mine) ?? [];
      list.push([...cell.polygon]);
      polygonsOf.set(mine, list);
    }
    for (const e of cell.edges) {
      const other = e.neighbour < 0 ? null : owner[e.neighbour]!;
      if (other === mine || (e.neighbour >= 0 && e.neighbour < i) || other === null) continue;
      borders.push({ a: e.a, b: e.b, between: [mine, other] });
      const key = pairKey(mine, other);
      shared.set(key, (shared.get(key) ?? 0) + dist(e.a, e.b));
    }
  });
  const shapes = new Map<ProvinceId, ProvinceShape>();
  for (const p of map.provinces) {
    const spot = layout.provinces[p.id] ?? { x: layout.width / 2, y: layout.height / 2 };
    const polygons = polygonsOf.get(p.id) ?? [];
    const [dx = 0, dy = 0] = spot.label ?? LABEL_OFFSET;
    shapes.set(p.id, {
      id: p.id,
      polygons,
      anchor: { x: spot.x, y: spot.y },
      label: { x: spot.x + dx, y: spot.y + dy },
      centroid: polygons[0] ? polygonCentroid(polygons[0]) : { x: spot.x, y: spot.y },
    });
  }
  const impassable = Object.entries(layout.impassable ?? {}).map(([id, spot]) => ({
    id,
    name: spot.name,
    polygons: polygonsOf.get(id) ?? [],
  }));
  return {
    width: layout.width,
    height: layout.height,
    shapes,
    impassable,
    borders,
    shared,
    point(location) {
      const coast = layout.coasts[location];
      if (coast) return coast;
      return shapes.get(provinceOf(map, location))?.anchor ?? { x: 0, y: 0 };
    },
  };
}

const geometryCache = new WeakMap<GameMap, BoardGeometry>();

/** `boardGeometry` for a map's own layout (or the fallback), cached per map object. */
export function geometryOf(map: GameMap): BoardGeometry {
  const cached = geometryCache.get(map);
  if (cached) return cached;
  const geometry = boardGeometry(map, layoutOf(map.id) ?? fallbackLayout(map));
  geometryCache.set(map, geometry);
  return geometry;
}

/** Province-level adjacency pairs (army or fleet, coasts folded into their province). */
export function adjacentPairs(map: GameMap): Set<string> {
  const out = new Set<string>();
  for (const table of [map.armyAdjacency, map.fleetAdjacency]) {
    for (const [from, list] of table) {
      for (const to of list) {
        const a = provinceOf(map, from);
        const b = provinceOf(map, to);
        if (a !== b) out.add(pairKey(a, b));
      }
    }
  }
  return out;
}
