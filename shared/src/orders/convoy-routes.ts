/**
 * Convoy routes: chains of sea provinces, each holding a fleet (of any power), that start next to
 * an army's coastal province and end next to its destination.
 *
 * Two rules apply, the adjudicator's (`adjudicator/movement.ts`):
 * - An army may move by convoy wherever *some* route exists (any chain of fleet-held seas will do,
 *   whatever the fleets are ordered), so its convoy destinations are the shores of every fleet-held
 *   sea connected to its province.
 * - A fleet may order a convoy only when its sea lies on an *induced* route: one in which every
 *   fleet is needed (DATC 3.0, 6.G.19). For a route A → S1 → … → Sk → D that means no later sea
 *   touches A, no earlier sea touches D, and no two non-consecutive seas touch. Every prefix of an
 *   induced route is induced, so one bounded depth-first search per army enumerates them all (a few
 *   dozen on the classic map even with every sea held) and serves every destination at once.
 *
 * `convoyRoutes` answers a third question, for drawing: it enumerates the *simple* routes (no sea
 * twice, shortcuts allowed), shortest first and bounded.
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

/** The convoy reach of an army standing on one coastal province, over the fleet-occupied seas. */
export interface ConvoyReach {
  readonly origin: number; // the army's province index
  readonly destinations: readonly number[]; // coastal provinces some route reaches, sorted
  /** By sea province index: the destinations (sorted) for which that sea is on an induced route. */
  readonly through: readonly (readonly number[] | undefined)[];
}

/**
 * A cap on induced-route search steps per army. The classic map needs at most 40; the cap only
 * guards odd custom maps, and hitting it leaves out convoy orders (never offers a rejected one).
 */
const INDUCED_STEP_BUDGET = 100_000;

/**
 * Computes where an army on `origin` can go by convoy, and which seas may convoy it where.
 * Returns null when no route leaves it (not a coastal province, or no fleet-occupied sea next to
 * it).
 */
export function convoyReach(tables: LegalTables, occupied: Uint8Array, origin: number): ConvoyReach | null {
  if (!tables.isCoast[origin]) return null;
  const starts = (tables.coastToSeas[origin] ?? []).filter((s) => occupied[s]);
  if (starts.length === 0) return null;
  const seas = connectedSeas(tables, occupied, starts);
  const destinations = shoresOf(tables, seas, origin);
  const onRoute = inducedRouteSeas(tables, occupied, origin, starts);
  const n = tables.provinceIds.length;
  const through: (number[] | undefined)[] = new Array<number[] | undefined>(n).fill(undefined);
  for (const d of destinations) {
    for (const s of seas) {
      if (!onRoute[d * n + s]) continue;
      (through[s] ??= []).push(d); // destinations ascend, so each list is sorted
    }
  }
  return { origin, destinations, through };
}

/**
 * The destinations (coastal province indices, sorted) of the army of `reach` for which the
 * fleet-occupied sea `sea` lies on an induced route, so that its fleet may convoy the army there;
 * empty when none does.
 */
export function convoyDestinationsThrough(reach: ConvoyReach, sea: number): readonly number[] {
  return reach.through[sea] ?? [];
}

/** The fleet-occupied seas connected to `starts` (breadth-first, `starts` first). */
function connectedSeas(tables: LegalTables, occupied: Uint8Array, starts: readonly number[]): number[] {
  const seen = new Uint8Array(occupied.length);
  const out: number[] = [];
  for (const s of starts) {
    seen[s] = 1;
    out.push(s);
  }
  for (let i = 0; i < out.length; i++) {
    for (const w of tables.seaToSeas[out[i]!] ?? []) {
      if (!occupied[w] || seen[w]) continue;
      seen[w] = 1;
      out.push(w);
    }
  }
  return out;
}

/** The coastal provinces next to any of `seas`, except `origin`, sorted. */
function shoresOf(tables: LegalTables, seas: readonly number[], origin: number): number[] {
  const seen = new Uint8Array(tables.provinceIds.length);
  seen[origin] = 1;
  const out: number[] = [];
  for (const s of seas) {
    for (const c of tables.seaToCoasts[s] ?? []) {
      if (seen[c]) continue;
      seen[c] = 1;
      out.push(c);
    }
  }
  return out.sort((a, b) => a - b);
}

/**
 * Which seas lie on an induced route from `origin` to each destination: a flat table, 1 at
 * `[destination * n + sea]`. Enumerates the induced paths of fleet-held seas from `origin` depth
 * first; a path S1…Sk ends an induced route to each shore D of Sk that no earlier Si touches
 * (D ≠ origin), and then every Si is on a route to D.
 */
function inducedRouteSeas(
  tables: LegalTables,
  occupied: Uint8Array,
  origin: number,
  starts: readonly number[],
): Uint8Array {
  const n = tables.provinceIds.length;
  const { touches } = tables;
  const onRoute = new Uint8Array(n * n);
  const path: number[] = [];
  const onPath = new Uint8Array(n);
  const shoreCover = new Int32Array(n); // by coast: how many seas of the path before the last touch it
  let steps = 0;

  /** Whether sea s may follow the current path and keep it induced. */
  const canExtend = (s: number): boolean => {
    if (!occupied[s] || onPath[s]) return false;
    if (path.length > 0 && touches[origin * n + s]) return false; // a shortcut from the start
    for (let i = 0; i < path.length - 1; i++) if (touches[path[i]! * n + s]) return false; // a chord
    return true;
  };
  /** Records the routes the current path ends, then extends it. */
  const visit = (): void => {
    if (++steps > INDUCED_STEP_BUDGET) return;
    const last = path[path.length - 1]!;
    for (const d of tables.seaToCoasts[last] ?? []) {
      if (d === origin || shoreCover[d]! > 0) continue;
      for (const s of path) onRoute[d * n + s] = 1;
    }
    for (const d of tables.seaToCoasts[last] ?? []) shoreCover[d]!++; // `last` is no longer last
    for (const s of tables.seaToSeas[last] ?? []) {
      if (!canExtend(s)) continue;
      push(s);
      visit();
      pop();
    }
    for (const d of tables.seaToCoasts[last] ?? []) shoreCover[d]!--;
  };
  const push = (s: number): void => {
    path.push(s);
    onPath[s] = 1;
  };
  const pop = (): void => {
    onPath[path.pop()!] = 0;
  };
  for (const s of starts) {
    push(s);
    visit();
    pop();
  }
  return onRoute;
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
 *
 * This is for drawing routes, not for legality: a simple route may take a detour past a shortcut
 * (say lon → nth → nwg → nwy, though nth touches nwy), and a fleet that lies only on such detours
 * may not order the convoy (DATC 6.G.19). Which fleets may convoy is what `legalOrders` (through
 * `convoyReach`) offers; the army's move itself is legal whenever any route here exists.
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
