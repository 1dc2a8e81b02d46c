/**
 * A small Voronoi (power-diagram) routine for the board: each province is drawn as the cell of its
 * anchor point, the part of the map rectangle nearer to it than to any other anchor. A cell is the
 * rectangle clipped by the perpendicular bisector of every other point (O(n²) half-plane clips,
 * trivial for a hundred points). Each edge of a cell remembers which neighbour's bisector made it,
 * so the caller knows which cells share a border. Optional weights shift the bisectors (a power
 * diagram): a larger weight gives a larger cell. Pure geometry, no DOM.
 */

/** A point or vector in map units. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The map rectangle, from (0, 0) to (width, height). */
export interface Box {
  readonly width: number;
  readonly height: number;
}

/** One edge of a cell: from `a` to `b` (counter-clockwise order in screen terms is not promised). */
export interface CellEdge {
  readonly a: Point;
  readonly b: Point;
  /** The index of the point on the other side, or -1 for the map's border. */
  readonly neighbour: number;
}

/** The Voronoi cell of one point: a convex polygon and its edges, in order. */
export interface Cell {
  readonly polygon: readonly Point[];
  readonly edges: readonly CellEdge[];
}

const EPS = 1e-9;

/** A convex polygon whose edge i runs from vertex i to vertex i+1 and carries tag i. */
interface Tagged {
  pts: Point[];
  tags: number[];
}

/** Keeps the part of `poly` where n·p <= c; the new edge is tagged `tag`. */
function clip(poly: Tagged, nx: number, ny: number, c: number, tag: number): Tagged {
  const pts: Point[] = [];
  const tags: number[] = [];
  const count = poly.pts.length;
  for (let k = 0; k < count; k++) {
    const cur = poly.pts[k]!;
    const next = poly.pts[(k + 1) % count]!;
    const dc = nx * cur.x + ny * cur.y - c;
    const dn = nx * next.x + ny * next.y - c;
    const edgeTag = poly.tags[k]!;
    const crossing = dc <= EPS !== dn <= EPS;
    if (dc <= EPS) {
      pts.push(cur);
      tags.push(edgeTag);
    }
    if (crossing) {
      const t = dc / (dc - dn);
      pts.push({ x: cur.x + (next.x - cur.x) * t, y: cur.y + (next.y - cur.y) * t });
      tags.push(dc <= EPS ? tag : edgeTag);
    }
  }
  return { pts, tags };
}

/**
 * Computes the cell of every point inside `box`. `weights` (optional, default 0) turn the diagram
 * into a power diagram: the cell of i is where |x − pᵢ|² − wᵢ is smallest. A point whose cell is
 * empty (possible only with weights, or for duplicate points) gets an empty polygon.
 */
export function voronoiCells(points: readonly Point[], box: Box, weights?: readonly number[]): Cell[] {
  const cells: Cell[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const wi = weights?.[i] ?? 0;
    let poly: Tagged = {
      pts: [
        { x: 0, y: 0 },
        { x: box.width, y: 0 },
        { x: box.width, y: box.height },
        { x: 0, y: box.height },
      ],
      tags: [-1, -1, -1, -1],
    };
    // Nearest bisectors first; once a bisector lies beyond the cell's farthest vertex, so do the
    // rest, and the cell is final.
    const order: { j: number; t: number }[] = [];
    for (let j = 0; j < points.length; j++) {
      if (j === i) continue;
      const q = points[j]!;
      const d = dist(p, q);
      if (d < EPS) continue;
      order.push({ j, t: (d * d + wi - (weights?.[j] ?? 0)) / (2 * d) });
    }
    order.sort((u, v) => u.t - v.t);
    let radius = Math.hypot(Math.max(p.x, box.width - p.x), Math.max(p.y, box.height - p.y));
    for (const { j, t } of order) {
      if (t >= radius || poly.pts.length === 0) break;
      const q = points[j]!;
      // |x−p|² − wi <= |x−q|² − wj  ⇔  2(q−p)·x <= |q|² − |p|² − wj + wi
      const c = q.x * q.x + q.y * q.y - p.x * p.x - p.y * p.y - (weights?.[j] ?? 0) + wi;
      poly = clip(poly, 2 * (q.x - p.x), 2 * (q.y - p.y), c, j);
      radius = 0;
      for (const v of poly.pts) radius = Math.max(radius, dist(p, v));
    }
    const edges: CellEdge[] = poly.pts.map((a, k) => ({
      a,
      b: poly.pts[(k + 1) % poly.pts.length]!,
      neighbour: poly.tags[k]!,
    }));
    cells.push({ polygon: poly.pts, edges: edges.filter((e) => dist(e.a, e.b) > 1e-6) });
  }
  return cells;
}

/** Euclidean distance. */
export function dist(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** The signed area of a polygon (positive when its vertices run clockwise on screen). */
export function polygonArea(poly: readonly Point[]): number {
  let s = 0;
  for (let k = 0; k < poly.length; k++) {
    const a = poly[k]!;
    const b = poly[(k + 1) % poly.length]!;
    s += a.x * b.y - b.x * a.y;
  }
  return s / 2;
}

/** The area centroid of a polygon (its first vertex when degenerate). */
export function polygonCentroid(poly: readonly Point[]): Point {
  const area = polygonArea(poly);
  if (Math.abs(area) < EPS) return poly[0] ?? { x: 0, y: 0 };
  let cx = 0;
  let cy = 0;
  for (let k = 0; k < poly.length; k++) {
    const a = poly[k]!;
    const b = poly[(k + 1) % poly.length]!;
    const f = a.x * b.y - b.x * a.y;
    cx += (a.x + b.x) * f;
    cy += (a.y + b.y) * f;
  }
  return { x: cx / (6 * area), y: cy / (6 * area) };
}

/** Whether `p` lies inside (or on) the convex polygon `poly`. */
export function insideConvex(poly: readonly Point[], p: Point): boolean {
  let sign = 0;
  for (let k = 0; k < poly.length; k++) {
    const a = poly[k]!;
    const b = poly[(k + 1) % poly.length]!;
    const cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
    if (Math.abs(cross) < EPS) continue;
    const s = Math.sign(cross);
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return poly.length >= 3;
}

/**
 * The total length of the border between cell i and each neighbour, as neighbour index → length.
 * Uses only cell i's own edges (the diagram is symmetric up to rounding).
 */
export function sharedBorders(cell: Cell): Map<number, number> {
  const out = new Map<number, number>();
  for (const e of cell.edges) {
    if (e.neighbour < 0) continue;
    out.set(e.neighbour, (out.get(e.neighbour) ?? 0) + dist(e.a, e.b));
  }
  return out;
}
