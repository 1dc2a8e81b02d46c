/**
 * Geometry of order arrows: a gently curved path between two points, trimmed so it starts and ends
 * beside the units, with the triangle of its head. Moves in opposite directions curve to opposite
 * sides, so a swap draws two separate arrows. Pure geometry, no DOM.
 */
import type { Point } from "./voronoi";

/** A curved arrow: the SVG path data of its shaft, its head triangle and its middle point. */
export interface ArrowShape {
  readonly d: string; // shaft (quadratic Bézier)
  readonly head: string; // head polygon points ("x,y x,y x,y"), empty when there is no head
  readonly mid: Point; // the curve's middle, for a failure mark
  readonly end: Point; // where the shaft ends (the head's tip when there is one)
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/**
 * An arrow from `from` to `to`, trimmed by `startGap` and `endGap` map units, bent sideways by
 * `bend` (a fraction of its length), with a head of size `headSize` (0 for none).
 */
export function arrowShape(
  from: Point,
  to: Point,
  { startGap = 12, endGap = 12, bend = 0.12, headSize = 9 } = {},
): ArrowShape {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  // Keep at least a short visible shaft when units are close.
  const room = Math.max(0, len - 8);
  const s = Math.min(startGap, room / 2);
  const e = Math.min(endGap, room / 2);
  const a = { x: from.x + ux * s, y: from.y + uy * s };
  const b = { x: to.x - ux * e, y: to.y - uy * e };
  const mx = (a.x + b.x) / 2;
  const my = (a.y + b.y) / 2;
  const c = { x: mx - uy * len * bend, y: my + ux * len * bend };
  const mid = { x: (a.x + 2 * c.x + b.x) / 4, y: (a.y + 2 * c.y + b.y) / 4 };
  let head = "";
  let shaftEnd = b;
  if (headSize > 0) {
    const tx = b.x - c.x;
    const ty = b.y - c.y;
    const tl = Math.hypot(tx, ty) || 1;
    const hx = tx / tl;
    const hy = ty / tl;
    const base = { x: b.x - hx * headSize, y: b.y - hy * headSize };
    const w = headSize * 0.55;
    head = [b, { x: base.x - hy * w, y: base.y + hx * w }, { x: base.x + hy * w, y: base.y - hx * w }]
      .map((p) => `${r1(p.x)},${r1(p.y)}`)
      .join(" ");
    shaftEnd = { x: b.x - hx * headSize * 0.6, y: b.y - hy * headSize * 0.6 };
  }
  return {
    d: `M${r1(a.x)},${r1(a.y)} Q${r1(c.x)},${r1(c.y)} ${r1(shaftEnd.x)},${r1(shaftEnd.y)}`,
    head,
    mid,
    end: b,
  };
}

/** The SVG path data of a polyline through `points`. */
export function polylinePath(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${r1(p.x)},${r1(p.y)}`).join(" ");
}

/** The SVG path data of a polygon. */
export function polygonPath(points: readonly Point[]): string {
  return `${polylinePath(points)} Z`;
}
