/**
 * Moving around the board by keyboard: the board is one Tab stop, and the arrow keys move the
 * focus from province to province. `nearestInDirection` picks the next province from the layout's
 * anchor points (where units stand); `arrowDirection` reads a key. Pure: no DOM, no React.
 */
import type { ProvinceId } from "../../../shared/src/map/types";
import type { Point } from "./voronoi";

/** A direction on the board (screen directions: up is north). */
export type Direction = "left" | "right" | "up" | "down";

/** The arrow keys and the direction each moves the focus. */
const ARROWS: Readonly<Record<string, Direction>> = {
  ArrowLeft: "left",
  ArrowRight: "right",
  ArrowUp: "up",
  ArrowDown: "down",
};

/** The direction of an arrow key, or null for any other key. */
export function arrowDirection(key: string): Direction | null {
  return Object.hasOwn(ARROWS, key) ? ARROWS[key]! : null;
}

/** How much a candidate's sideways offset counts against it, on top of its distance. */
const SIDEWAYS_WEIGHT = 1;

/**
 * The province to move to from `from` in `direction`: among the anchors ahead of `from` (strictly
 * further in that direction), the one with the smallest distance plus sideways offset, so the
 * focus goes to the nearest province roughly in line. Anchors within a 60° cone
 * either side are preferred; when none is, any anchor ahead will do. Ties go to the earlier anchor.
 * Null when nothing lies ahead (the edge of the board). `anchors` may include `from` itself.
 */
export function nearestInDirection(
  from: Point,
  direction: Direction,
  anchors: Iterable<readonly [ProvinceId, Point]>,
): ProvinceId | null {
  let best: { id: ProvinceId; score: number; inCone: boolean } | null = null;
  for (const [id, p] of anchors) {
    const dx = p.x - from.x;
    const dy = p.y - from.y;
    const forward = direction === "right" ? dx : direction === "left" ? -dx : direction === "down" ? dy : -dy;
    const sideways = Math.abs(direction === "left" || direction === "right" ? dy : dx);
    if (forward <= 0) continue;
    const inCone = sideways <= forward * Math.sqrt(3); // within 60° of the direction
    const score = Math.hypot(forward, sideways) + SIDEWAYS_WEIGHT * sideways;
    if (best === null || (inCone && !best.inCone) || (inCone === best.inCone && score < best.score))
      best = { id, score, inCone };
  }
  return best?.id ?? null;
}

/** The board's provinces for keyboard moves: where each stands, and which share a border with it. */
export interface KeyboardBoard {
  readonly anchors: readonly (readonly [ProvinceId, Point])[];
  readonly neighbours: ReadonlyMap<ProvinceId, ReadonlySet<ProvinceId>>;
}

/** Builds a `KeyboardBoard` from the anchors and the shared borders (keys `a|b`, as in layout.ts). */
export function keyboardBoard(
  anchors: Iterable<readonly [ProvinceId, Point]>,
  borders: Iterable<string>,
): KeyboardBoard {
  const list = [...anchors];
  const neighbours = new Map<ProvinceId, Set<ProvinceId>>(list.map(([id]) => [id, new Set()]));
  for (const key of borders) {
    const [a = "", b = ""] = key.split("|");
    neighbours.get(a)?.add(b);
    neighbours.get(b)?.add(a);
  }
  return { anchors: list, neighbours };
}

/**
 * The province an arrow key moves to from `from`: the nearest in that direction among the
 * provinces that share a border with it (so the focus walks the board as a player reads it), or,
 * when no neighbour lies that way, among all of them. Null at the edge of the board.
 */
export function nextProvince(
  board: KeyboardBoard,
  from: ProvinceId,
  direction: Direction,
): ProvinceId | null {
  const at = board.anchors.find(([id]) => id === from)?.[1];
  if (!at) return null;
  const near = board.neighbours.get(from) ?? new Set<ProvinceId>();
  return (
    nearestInDirection(
      at,
      direction,
      board.anchors.filter(([id]) => near.has(id)),
    ) ?? nearestInDirection(at, direction, board.anchors)
  );
}
