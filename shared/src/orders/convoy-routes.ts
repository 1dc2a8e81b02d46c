/**
 * Convoy routes: chains of sea provinces, each holding a fleet (of any power), that start next to
 * an army's coastal province and end next to its destination. Routes are simple (no sea twice).
 *
 * Two questions are answered here: where can an army go by convoy, and which fleets lie on some
 * route for a given army and destination. The second is answered without enumerating routes: with
 * a virtual source next to every starting sea, a sea S lies on a simple route from the source to a
 * sea t exactly when t is in the block-cut subtree of the biconnected block through S's DFS parent
 * edge — which is the DFS subtree of that block's first vertex (Tarjan). `convoyRoutes` enumerates
 * routes explicitly, shortest first and bounded, for drawing them.
 */
import type { GameMap, ProvinceId, Unit } from "../map/types";
import { legalTables, type LegalTables } from "./legal-tables";

/** Marks (1) the sea provinces that hold a fleet, by province index. */
export function fleetsAtSea(tables: LegalTables, units: readonly Unit[]): Uint8Array {
  const occupied = new Uint8Array(tables.provinceIds.length);
  for (const u of units) {
    if (u.type !== "F") continue;
    const p = tables.locationProvince.get(u.location);
    if (p !== undefined && tables.isSea[p]) occupied[p] = 1;
  }
  return occupied;
}

/**
 * The convoy reach of an army standing on one coastal province, over the fleet-occupied seas.
 * Seas are numbered in DFS discovery order from a virtual source next to the starting seas.
 */
export interface ConvoyReach {
  readonly origin: number; // the army's province index
  readonly order: readonly number[]; // reachable seas in DFS discovery order
  readonly disc: Int32Array; // by province index: position in `order`, or -1
  readonly end: Int32Array; // by province index: end (exclusive) of its DFS subtree in `order`
  readonly head: Int32Array; // by province index: first vertex of the block through its parent edge
  readonly destinations: readonly number[]; // coastal provinces reachable by convoy, sorted
}

/**
 * Computes where an army on `origin` can go by convoy. Returns null when no route leaves it
 * (not a coastal province, or no fleet-occupied sea next to it).
 */
export function convoyReach(tables: LegalTables, occupied: Uint8Array, origin: number): ConvoyReach | null {
  if (!tables.isCoast[origin]) return null;
  const starts = (tables.coastToSeas[origin] ?? []).filter((s) => occupied[s]);
  if (starts.length === 0) return null;
  const n = tables.provinceIds.length;
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const end = new Int32Array(n).fill(-1);
  const head = new Int32Array(n).fill(-1);
  const order: number[] = [];
  const stack: number[] = [];
  const SOURCE_DISC = -2; // the virtual source precedes every sea; a back edge to it lowers `low`

  // Tarjan's biconnected components, vertex-stack form; `parent` -1 is the virtual source.
  const visit = (u: number, parent: number): void => {
    disc[u] = order.length;
    low[u] = order.length;
    order.push(u);
    stack.push(u);
    if (parent !== -1 && starts.includes(u)) low[u] = SOURCE_DISC; // back edge to the source
    for (const w of tables.seaToSeas[u] ?? []) {
      if (!occupied[w]) continue;
      if (disc[w]! < 0) {
        visit(w, u);
        low[u] = Math.min(low[u]!, low[w]!);
        if (low[w]! >= disc[u]!) popBlock(w);
      } else if (w !== parent) {
        low[u] = Math.min(low[u]!, disc[w]!);
      }
    }
    end[u] = order.length;
  };
  const popBlock = (first: number): void => {
    for (;;) {
      const x = stack.pop()!;
      head[x] = first;
      if (x === first) return;
    }
  };
  for (const s of starts) {
    if (disc[s]! >= 0) continue;
    visit(s, -1);
    popBlock(s); // the block through the source edge to s
  }

  return { origin, order, disc, end, head, destinations: shoresOf(tables, order, 0, order.length, origin) };
}

/**
 * The destinations (coastal province indices, sorted) of the army of `reach` for which some route
 * passes through the fleet-occupied sea `sea`; empty when none does.
 */
export function convoyDestinationsThrough(
  tables: LegalTables,
  reach: ConvoyReach,
  sea: number,
): readonly number[] {
  const h = reach.head[sea] ?? -1;
  if (h < 0) return [];
  return shoresOf(tables, reach.order, reach.disc[h]!, reach.end[h]!, reach.origin);
}

/** The coastal provinces next to the seas `order[from..to)`, except `origin`, sorted. */
function shoresOf(
  tables: LegalTables,
  order: readonly number[],
  from: number,
  to: number,
  origin: number,
): number[] {
  const seen = new Uint8Array(tables.provinceIds.length);
  seen[origin] = 1;
  const out: number[] = [];
  for (let i = from; i < to; i++) {
    for (const c of tables.seaToCoasts[order[i]!] ?? []) {
      if (seen[c]) continue;
      seen[c] = 1;
      out.push(c);
    }
  }
  return out.sort((a, b) => a - b);
}

/** How many routes `convoyRoutes` returns at most, unless told otherwise. */
export const DEFAULT_MAX_ROUTES = 32;
/** A cap on search steps, so a crowded sea cannot make route drawing slow. */
const STEP_BUDGET = 200_000;

/**
 * All simple convoy routes for an army from `from` to `to` (province ids) over the fleet-occupied
 * sea provinces of `units`: each route is a list of sea province ids whose first touches `from` and
 * whose last touches `to`. Shortest routes first, then in map order; at most `maxRoutes`, and the
 * search stops early on very crowded boards. Empty when there is no route or the ids are unknown.
 */
export function convoyRoutes(
  map: GameMap,
  units: readonly Unit[],
  from: ProvinceId,
  to: ProvinceId,
  maxRoutes: number = DEFAULT_MAX_ROUTES,
): readonly (readonly ProvinceId[])[] {
  const tables = legalTables(map);
  const a = map.province.get(from)?.index;
  const b = map.province.get(to)?.index;
  if (a === undefined || b === undefined || a === b || !tables.isCoast[a] || !tables.isCoast[b]) return [];
  const occupied = fleetsAtSea(tables, units);
  const starts = (tables.coastToSeas[a] ?? []).filter((s) => occupied[s]);
  const isEnd = new Uint8Array(occupied.length);
  for (const s of tables.coastToSeas[b] ?? []) if (occupied[s]) isEnd[s] = 1;

  // Distance (in seas) from each occupied sea to the nearest end sea, as a lower bound for pruning.
  const dist = new Int32Array(occupied.length).fill(-1);
  const queue: number[] = [];
  isEnd.forEach((e, s) => {
    if (e) {
      dist[s] = 0;
      queue.push(s);
    }
  });
  let occupiedCount = 0;
  occupied.forEach((o) => (occupiedCount += o));
  for (let i = 0; i < queue.length; i++) {
    const x = queue[i]!;
    for (const y of tables.seaToSeas[x] ?? []) {
      if (occupied[y] && dist[y]! < 0) {
        dist[y] = dist[x]! + 1;
        queue.push(y);
      }
    }
  }

  const routes: ProvinceId[][] = [];
  const onPath = new Uint8Array(occupied.length);
  const path: number[] = [];
  let steps = 0;
  // Depth-first search for routes of exactly `length` seas.
  const extend = (x: number, length: number): void => {
    if (routes.length >= maxRoutes || ++steps > STEP_BUDGET) return;
    if (path.length === length) {
      if (isEnd[x]) routes.push(path.map((s) => tables.provinceIds[s]!));
      return;
    }
    for (const y of tables.seaToSeas[x] ?? []) {
      if (!occupied[y] || onPath[y] || dist[y]! < 0 || path.length + 1 + dist[y]! > length) continue;
      onPath[y] = 1;
      path.push(y);
      extend(y, length);
      path.pop();
      onPath[y] = 0;
    }
  };
  for (let length = 1; length <= occupiedCount; length++) {
    for (const s of starts) {
      if (dist[s]! < 0 || 1 + dist[s]! > length) continue;
      onPath[s] = 1;
      path.push(s);
      extend(s, length);
      path.pop();
      onPath[s] = 0;
    }
    if (routes.length >= maxRoutes || steps > STEP_BUDGET) break;
  }
  return routes;
}
