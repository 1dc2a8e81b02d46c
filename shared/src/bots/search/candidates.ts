/**
 * The search bot's candidate order sets. For its own power: baseline draws with variety (plain
 * draws, and draws aimed at each neighbour in turn, weakest first, to concentrate force), then
 * mutations of them that keep the orders coherent — a unit sent elsewhere, a move backed by one
 * more support, an enemy unit that could support against it attacked (its support cut), an army
 * convoyed around a line — with supports and convoys fixed up to match the moves they serve. For
 * every other power: baseline draws, a partner's kept to its word towards the bot in proportion
 * to how far the bot's ledger trusts it. Pure and seeded; every order is a legal one.
 */
import type { Position } from "../../game/position";
import { centreCounts } from "../../game/position";
import { tablesOf, type MapTables } from "../../map/tables";
import type { GameMap, PowerId, Unit } from "../../map/types";
import type { UnitLegalOrders } from "../../orders/legal";
import type { Order } from "../../orders/types";
import type { Rng } from "../../random";
import {
  baselineOrders,
  neighbourPowers,
  NO_INTENT,
  peacefulOrders,
  withAttack,
  type OrderIntent,
} from "../baseline";

/** Share of the own candidates that are plain baseline draws. */
const PLAIN_SHARE = 0.4;
/** Share of the own candidates that are baseline draws aimed at one neighbour. */
const AIMED_SHARE = 0.25;
/** Tries at a mutation per own candidate still wanted. */
const MUTATION_TRIES = 4;
/** Fix-up passes that make supports and convoys match the moves. */
const COHERENCE_PASSES = 4;
/** Trust assumed of a power the intent says nothing of (a stranger). */
const STRANGER_TRUST = 0.5;

/** The province index of a location. */
function provinceAt(t: MapTables, location: string): number {
  const l = t.locationIndex.get(location);
  return l === undefined ? -1 : t.locationProvince[l]!;
}

/** A stable text key of an order set (to drop duplicate candidates). */
export function ordersKey(orders: readonly Order[]): string {
  return orders.map((o) => JSON.stringify(o)).join(";");
}

/** What a mutation reads: the board, the bot's units and their allowed orders. */
interface Workbench {
  readonly t: MapTables;
  readonly position: Position;
  readonly power: PowerId;
  readonly units: readonly UnitLegalOrders[];
  readonly home: readonly number[]; // province of each own unit
  readonly unitAt: ReadonlyMap<string, number>; // location → own unit index
}

/** Whether unit `u` could move into province `q` (and so support a move there). */
function reaches(t: MapTables, u: Unit, q: number): boolean {
  const l = t.locationIndex.get(u.location);
  if (l === undefined) return false;
  const P = t.provinceCount;
  return u.type === "A"
    ? t.armyAdjacent[t.locationProvince[l]! * P + q] === 1
    : t.fleetReaches[l * P + q] === 1;
}

/** The support `i` may give to what own unit `j` is ordered, if it is allowed. */
function supportOf(w: Workbench, i: number, j: number, orders: readonly Order[]): Order | undefined {
  const target = orders[j]!;
  const at = w.units[j]!.unit.location;
  const into = target.kind === "move" ? provinceAt(w.t, target.to) : -1;
  return w.units[i]!.orders.find(
    (o) =>
      o.kind === "support" &&
      o.target.location === at &&
      (target.kind === "move" ? o.to !== undefined && provinceAt(w.t, o.to) === into : o.to === undefined),
  );
}

/**
 * What own unit `i` does when it does not move: its hold — or, when holding would break the bot's
 * word (a zone it must leave), an order that stays, else its first allowed order (a move).
 */
function holdOf(w: Workbench, i: number): Order {
  const orders = w.units[i]!.orders;
  return orders.find((o) => o.kind === "hold") ?? orders.find((o) => o.kind !== "move") ?? orders[0]!;
}

/**
 * Makes an order set coherent: supports and convoys of own units match what those units are
 * ordered (else the support follows the new order, or the unit holds); no two own units move into
 * one province, none moves where an own unit stays (it supports that unit instead when it can),
 * and no two own units swap places without a convoy.
 */
export function coherent(w: Workbench, draft: readonly Order[]): Order[] {
  const orders = [...draft];
  const n = orders.length;
  for (let pass = 0; pass < COHERENCE_PASSES; pass++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      const o = orders[i]!;
      if (o.kind === "support") {
        const j = w.unitAt.get(o.target.location);
        if (j === undefined) continue;
        const aim = orders[j]!;
        const fits =
          o.to === undefined
            ? aim.kind !== "move"
            : aim.kind === "move" && provinceAt(w.t, aim.to) === provinceAt(w.t, o.to);
        if (!fits) {
          orders[i] = supportOf(w, i, j, orders) ?? holdOf(w, i);
          changed = true;
        }
      } else if (o.kind === "convoy") {
        const j = w.unitAt.get(o.target.location);
        if (j === undefined) continue;
        const army = orders[j]!;
        if (!(army.kind === "move" && army.viaConvoy && provinceAt(w.t, army.to) === provinceAt(w.t, o.to))) {
          orders[i] = holdOf(w, i);
          changed = true;
        }
      } else if (o.kind === "move") {
        const q = provinceAt(w.t, o.to);
        let clash = -1;
        for (let k = 0; k < n && clash < 0; k++) {
          if (k === i) continue;
          const other = orders[k]!;
          if (other.kind === "move" ? k < i && provinceAt(w.t, other.to) === q : w.home[k] === q) clash = k;
        }
        if (clash >= 0) {
          orders[i] = supportOf(w, i, clash, orders) ?? holdOf(w, i);
          changed = true;
          continue;
        }
        const swapper = w.home.findIndex((p, k) => {
          const other = orders[k]!;
          return (
            k !== i &&
            p === q &&
            other.kind === "move" &&
            provinceAt(w.t, other.to) === w.home[i] &&
            !other.viaConvoy &&
            !o.viaConvoy
          );
        });
        if (swapper >= 0) {
          orders[i] = holdOf(w, i);
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return orders;
}

/** Sends one unit elsewhere (a plain move into a province no own unit claims, or a hold). */
function redirect(w: Workbench, orders: readonly Order[], rng: Rng): Order[] | null {
  const i = rng.int(orders.length);
  const claimed = new Set(
    orders.map((o, k) => (k === i ? -1 : o.kind === "move" ? provinceAt(w.t, o.to) : w.home[k]!)),
  );
  const choices = w.units[i]!.orders.filter(
    (o) => o.kind === "hold" || (o.kind === "move" && !o.viaConvoy && !claimed.has(provinceAt(w.t, o.to))),
  );
  if (choices.length === 0) return null;
  const next = [...orders];
  next[i] = rng.pick(choices);
  return next;
}

/** Backs one own move with one more support, from a unit that is not already supporting it. */
function backUp(w: Workbench, orders: readonly Order[], rng: Rng): Order[] | null {
  const pairs: [number, Order][] = [];
  orders.forEach((o, i) => {
    if (o.kind !== "move") return;
    orders.forEach((mine, j) => {
      if (j === i || (mine.kind === "support" && mine.target.location === o.unit.location)) return;
      const s = supportOf(w, j, i, orders);
      if (s) pairs.push([j, s]);
    });
  });
  if (pairs.length === 0) return null;
  const [j, support] = rng.pick(pairs);
  const next = [...orders];
  next[j] = support;
  return next;
}

/**
 * Cuts a support: an own unit attacks an enemy unit that could support into a province an own
 * unit moves into or stands on.
 */
function cutSupport(w: Workbench, orders: readonly Order[], rng: Rng): Order[] | null {
  const contested = new Set(orders.map((o, k) => (o.kind === "move" ? provinceAt(w.t, o.to) : w.home[k]!)));
  const supporters = new Set<number>();
  for (const u of w.position.units) {
    if (u.power === w.power) continue;
    const p = provinceAt(w.t, u.location);
    for (const q of contested) if (q !== p && reaches(w.t, u, q)) supporters.add(p);
  }
  const moves: [number, Order][] = [];
  w.units.forEach((u, j) => {
    for (const o of u.orders)
      if (o.kind === "move" && !o.viaConvoy && supporters.has(provinceAt(w.t, o.to))) moves.push([j, o]);
  });
  if (moves.length === 0) return null;
  const [j, move] = rng.pick(moves);
  const next = [...orders];
  next[j] = move;
  return next;
}

/** Convoys an own army around a line: the army moves by convoy and every own fleet on the route convoys it. */
function convoyAround(w: Workbench, orders: readonly Order[], rng: Rng): Order[] | null {
  const routes: { army: number; move: Order; fleets: [number, Order][] }[] = [];
  w.units.forEach((u, i) => {
    if (u.unit.type !== "A") return;
    for (const m of u.orders) {
      if (m.kind !== "move" || !m.viaConvoy) continue;
      const q = provinceAt(w.t, m.to);
      const fleets: [number, Order][] = [];
      w.units.forEach((f, k) => {
        const c = f.orders.find(
          (o) => o.kind === "convoy" && o.target.location === u.unit.location && provinceAt(w.t, o.to) === q,
        );
        if (c) fleets.push([k, c]);
      });
      if (fleets.length > 0) routes.push({ army: i, move: m, fleets });
    }
  });
  if (routes.length === 0) return null;
  const route = rng.pick(routes);
  const next = [...orders];
  next[route.army] = route.move;
  for (const [k, c] of route.fleets) next[k] = c;
  return next;
}

/** The mutations, drawn with equal chance. */
const MUTATIONS = [redirect, backUp, cutSupport, convoyAround] as const;

/**
 * About `count` candidate order sets for the bot's own power (fewer when the board offers fewer
 * distinct ones), all within its intent: nothing that breaks its word, and every power it must
 * strike struck. The first is a plain baseline draw.
 */
export function ownCandidates(
  map: GameMap,
  position: Position,
  power: PowerId,
  units: readonly UnitLegalOrders[],
  rng: Rng,
  intent: OrderIntent,
  count: number,
): Order[][] {
  const t = tablesOf(map);
  const allowed = peacefulOrders(map, position, power, units, intent);
  const w: Workbench = {
    t,
    position,
    power,
    units: allowed,
    home: allowed.map((u) => provinceAt(t, u.unit.location)),
    unitAt: new Map(allowed.map((u, i) => [u.unit.location, i])),
  };
  const seen = new Set<string>();
  const out: Order[][] = [];
  const add = (draft: readonly Order[]): void => {
    let orders = coherent(w, draft);
    for (const victim of intent.strike ?? []) orders = withAttack(map, position, allowed, orders, victim);
    const key = ordersKey(orders);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(orders);
  };
  const plain = Math.max(1, Math.ceil(count * PLAIN_SHARE));
  for (let k = 0; k < plain; k++) add(baselineOrders(map, position, power, rng, intent));
  const sizes = centreCounts(map, position);
  const neighbours = [...neighbourPowers(map, position, power)]
    .filter((p) => !intent.avoid.has(p))
    .sort((a, b) => (sizes.get(a) ?? 0) - (sizes.get(b) ?? 0) || a.localeCompare(b))
    .slice(0, Math.ceil(count * AIMED_SHARE));
  for (const p of neighbours)
    add(baselineOrders(map, position, power, rng, { ...intent, target: new Set([...intent.target, p]) }));
  for (let tries = 0; out.length < count && tries < count * MUTATION_TRIES; tries++) {
    const mutated = rng.pick(MUTATIONS)(w, rng.pick(out), rng);
    if (mutated) add(mutated);
  }
  return out.slice(0, Math.max(1, count));
}

/**
 * `count` candidate order sets (baseline draws) for each power in `others`. A partner with a
 * commitment in force with the bot among those the bot keeps (`intent.keep`) keeps its word in
 * round(trust × count) of them, its trust as the bot's ledger has it (`intent.trust`).
 */
export function othersCandidates(
  map: GameMap,
  position: Position,
  power: PowerId,
  others: readonly PowerId[],
  rng: Rng,
  intent: OrderIntent,
  count: number,
): Map<PowerId, Order[][]> {
  const out = new Map<PowerId, Order[][]>();
  for (const p of others) {
    const ties = intent.keep.filter(
      (c) => c.status === "active" && c.parties.includes(p) && c.parties.includes(power),
    );
    const trust = intent.trust?.[p] ?? STRANGER_TRUST;
    const kept = ties.length === 0 ? 0 : Math.round(Math.max(0, Math.min(1, trust)) * count);
    const faithful: OrderIntent = { ...NO_INTENT, avoid: new Set([power]), keep: ties };
    const list: Order[][] = [];
    for (let k = 0; k < count; k++)
      list.push(baselineOrders(map, position, p, rng, k < kept ? faithful : NO_INTENT));
    out.set(p, list);
  }
  return out;
}
