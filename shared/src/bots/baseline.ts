/**
 * The baseline bot, in the spirit of the classic DumbBot: every province gets a value for the
 * power (centres it does not own, and its own centres under threat, weigh most — more so in the
 * fall, when centres change hands), the values are spread over the map graph a few times (once
 * for armies over land links, once for fleets over sea links), and each unit heads for the best
 * valued province within reach, with a little seeded randomness among the near-best choices.
 *
 * Units coordinate: when a second unit wants a province another own unit is already moving into,
 * it supports that move instead; no two own units are ordered into one province; units left
 * holding support an own attack on a contested province or an own unit defending a threatened
 * centre. Retreats go to the best valued place, builds to the home centre nearest the most
 * valuable front (a fleet when the value lies at sea), removals take the least useful unit.
 *
 * Every order returned is one `legalOrders` offered (or a waive when builds may be waived). Pure.
 */
import type { GameMap, PowerId, Unit } from "../map/types";
import { tablesOf, type MapTables } from "../map/tables";
import type { Position } from "../game/position";
import { legalOrders, type AdjustmentLegalOrders, type UnitLegalOrders } from "../orders/legal";
import type { MoveOrder, Order } from "../orders/types";
import type { Rng } from "../random";
import { breachesOf } from "../trust/breaches";
import { attackOn } from "../trust/clauses/non-aggression";
import { orderFacts, type OrderFacts } from "../trust/clauses/facts";
import type { Commitment } from "../trust/types";

/** Spreading iterations over the map graph. */
const SPREAD_ITERATIONS = 6;
/** Share of the best neighbour's value a province inherits on each spreading pass. */
const SPREAD_DECAY = 0.5;
/** Share of the neighbours' average value a province inherits on each spreading pass. */
const SPREAD_AVERAGE = 0.1;
/** A choice within this share of the best score counts as near-best. */
const NEAR_BEST = 0.12;

/**
 * What diplomacy asks of a bot's orders. `avoid`: powers it keeps its word to — no order that
 * would break one of the commitments in `keep` towards one of them (as the trust layer's
 * `breachesOf` says: an attack on an ally, a zone entered, a ceded province contested...).
 * `target`: powers it means to attack — their centres weigh more. `strike`: powers it must attack
 * this phase (a stab, a reprisal) — for each, when no order attacks it, the best attack on offer
 * is made with a unit not already striking.
 */
export interface OrderIntent {
  readonly avoid: ReadonlySet<PowerId>;
  readonly keep: readonly Commitment[]; // the commitments it holds its orders to (in force or about to be)
  readonly target: ReadonlySet<PowerId>;
  readonly strike?: ReadonlySet<PowerId>;
  /** 0–1 by power: how far the ledger trusts it (the search reads it; a stranger's 0.5 when absent). */
  readonly trust?: Readonly<Record<PowerId, number>>;
}

/** No diplomacy: orders by value alone. */
export const NO_INTENT: OrderIntent = { avoid: new Set(), keep: [], target: new Set() };

/** Weight of a target power's provinces in the values. */
const TARGET_WEIGHT = 1.6;
/** Centres a bot may take by concentrated force in one phase (see `assault`). */
const ASSAULTS = 2;
/** How much a neighbour's size (centres) counts against it as the focus, per centre. */
const FOCUS_SIZE_WEIGHT = 0.25;
/** A convoy must lead somewhere worth this many times more than where the army stands. */
const CONVOY_GAIN = 1.2;

/** Adjacency lists of one map, derived from its tables. */
interface Graph {
  readonly t: MapTables;
  readonly army: readonly (readonly number[])[]; // province → provinces an army reaches
  readonly sea: readonly (readonly number[])[]; // province → provinces a fleet move links
  readonly fleetReach: readonly (readonly number[])[]; // location → provinces a fleet there reaches
  readonly centre: Uint8Array; // 1 for supply-centre provinces
}

const graphs = new WeakMap<GameMap, Graph>();

/** The adjacency lists of a map, built once. */
function graphOf(map: GameMap): Graph {
  const cached = graphs.get(map);
  if (cached) return cached;
  const t = tablesOf(map);
  const P = t.provinceCount;
  const L = t.locationCount;
  const lists = (m: Uint8Array, rows: number): number[][] =>
    Array.from({ length: rows }, (_, r) => {
      const out: number[] = [];
      for (let q = 0; q < P; q++) if (m[r * P + q] && q !== r) out.push(q);
      return out;
    });
  const centre = new Uint8Array(P);
  map.provinces.forEach((p, i) => (centre[i] = p.supplyCenter ? 1 : 0));
  const built: Graph = {
    t,
    army: lists(t.armyAdjacent, P),
    sea: lists(t.seaAdjacent, P),
    fleetReach: Array.from({ length: L }, (_, l) => {
      const out: number[] = [];
      for (let q = 0; q < P; q++) if (t.fleetReaches[l * P + q]) out.push(q);
      return out;
    }),
    centre,
  };
  graphs.set(map, built);
  return built;
}

/** The province index of a location id (-1 when unknown). */
function provinceOf(t: MapTables, location: string): number {
  const l = t.locationIndex.get(location);
  return l === undefined ? -1 : t.locationProvince[l]!;
}

/** Provinces a unit could move into (without convoy). */
function reachOf(g: Graph, unit: Unit): readonly number[] {
  const l = g.t.locationIndex.get(unit.location);
  if (l === undefined) return [];
  return unit.type === "A" ? g.army[g.t.locationProvince[l]!]! : g.fleetReach[l]!;
}

/** A power's view of the board: province values per unit type and the threats to each province. */
export interface ProvinceValues {
  /** Spread value of each province (by index) for an army. */
  readonly army: Float64Array;
  /** Spread value of each province (by index) for a fleet. */
  readonly fleet: Float64Array;
  /** How many enemy units could move into each province. */
  readonly threat: Int32Array;
  /** How many own units could move into each province. */
  readonly reach: Int32Array;
}

/**
 * The values of every province for `power` in `position`: supply centres it does not own are worth
 * much (more in the fall, less when an enemy unit sits on them), its own centres are worth much
 * when enemy units are adjacent; the values are then spread over the army and fleet graphs.
 */
export function provinceValues(
  map: GameMap,
  position: Position,
  power: PowerId,
  intent: OrderIntent = NO_INTENT,
): ProvinceValues {
  const g = graphOf(map);
  const P = g.t.provinceCount;
  const threat = new Int32Array(P);
  const reach = new Int32Array(P);
  const enemyOn = new Uint8Array(P);
  for (const u of position.units) {
    const mine = u.power === power;
    if (!mine) {
      const p = provinceOf(g.t, u.location);
      if (p >= 0) enemyOn[p] = 1;
    }
    for (const q of reachOf(g, u)) (mine ? reach : threat)[q]! += 1;
  }
  const fall = position.season === "fall";
  const base = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    if (!g.centre[p]) continue;
    const owner = position.supplyCenters[g.t.provinceIds[p]!];
    if (owner === power) {
      base[p] = threat[p]! > 0 ? (fall ? 9 : 5) * Math.min(threat[p]!, 2) : 0.5;
    } else {
      let v = fall ? 10 : 6;
      if (owner === undefined) v *= 1.2;
      if (enemyOn[p]) v *= 0.7;
      v -= Math.max(0, threat[p]! - reach[p]!) * 1.5;
      const aimed = owner !== undefined && intent.target.has(owner);
      base[p] = Math.max(v, 1) * (aimed ? TARGET_WEIGHT : 1);
    }
  }
  return { army: spread(base, g.army), fleet: spread(base, g.sea), threat, reach };
}

/** Spreads values over a graph: each province gets its own value plus decayed neighbour values. */
function spread(base: Float64Array, adj: readonly (readonly number[])[]): Float64Array {
  let cur = Float64Array.from(base);
  for (let it = 0; it < SPREAD_ITERATIONS; it++) {
    const next = new Float64Array(cur.length);
    for (let p = 0; p < cur.length; p++) {
      const ns = adj[p]!;
      let max = 0;
      let sum = 0;
      for (const q of ns) {
        const v = cur[q]!;
        if (v > max) max = v;
        sum += v;
      }
      next[p] = base[p]! + SPREAD_DECAY * max + (ns.length > 0 ? (SPREAD_AVERAGE * sum) / ns.length : 0);
    }
    cur = next;
  }
  return cur;
}

/** The value of a province for a unit type. */
function valueFor(values: ProvinceValues, type: Unit["type"], province: number): number {
  return province < 0 ? 0 : (type === "A" ? values.army : values.fleet)[province]!;
}

/** Picks one of the near-best of scored choices, at random. */
function pickNearBest<T>(choices: readonly { item: T; score: number }[], rng: Rng): T | undefined {
  if (choices.length === 0) return undefined;
  let best = -Infinity;
  for (const c of choices) best = Math.max(best, c.score);
  const cut = best - Math.abs(best) * NEAR_BEST - 1e-9;
  return rng.pick(choices.filter((c) => c.score >= cut)).item;
}

/**
 * Baseline orders of `power` in `position`'s phase. Movement and retreats: one order per unit.
 * Adjustments: builds (plus waives for builds with nowhere sensible to go) or exactly the removals
 * due. Seeded by `rng`; always a subset of `legalOrders` (waives aside).
 */
export function baselineOrders(
  map: GameMap,
  position: Position,
  power: PowerId,
  rng: Rng,
  intent: OrderIntent = NO_INTENT,
): Order[] {
  const legal = legalOrders(map, position, power);
  switch (legal.phase) {
    case "movement": {
      const units = peacefulOrders(map, position, power, legal.units, intent);
      const focused = withFocus(map, position, power, intent);
      const orders = movementOrders(map, position, power, units, rng, focused);
      let struck = orders;
      for (const victim of intent.strike ?? []) struck = withAttack(map, position, units, struck, victim);
      return struck;
    }
    case "retreat":
      return retreatOrders(map, position, power, legal.units, rng);
    case "adjustment":
      return adjustmentOrders(map, position, power, legal, rng);
  }
}

/** Movement: destinations by value, then coordination and supports. */
function movementOrders(
  map: GameMap,
  position: Position,
  power: PowerId,
  units: readonly UnitLegalOrders[],
  rng: Rng,
  intent: OrderIntent,
): Order[] {
  if (units.length === 0) return [];
  const g = graphOf(map);
  const t = g.t;
  const values = provinceValues(map, position, power, intent);
  const n = units.length;
  const home = units.map((u) => provinceOf(t, u.unit.location));
  const defending = home.map(
    (p) =>
      p >= 0 &&
      g.centre[p] === 1 &&
      position.supplyCenters[t.provinceIds[p]!] === power &&
      values.threat[p]! > 0,
  );
  // Scored options per unit: the hold first, then plain moves.
  const options = units.map((u, i) => {
    const hold = u.orders[0]!;
    const stay = valueFor(values, u.unit.type, home[i]!) * (defending[i] ? 1.3 : 0.9);
    const list: { item: Order; score: number; dest: number }[] = [
      { item: hold, score: stay, dest: home[i]! },
    ];
    for (const o of u.orders) {
      if (o.kind !== "move" || o.viaConvoy) continue;
      const q = provinceOf(t, o.to);
      list.push({ item: o, score: valueFor(values, u.unit.type, q), dest: q });
    }
    return list;
  });
  // Units with the strongest wishes choose first.
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) =>
      Math.max(...options[b]!.map((o) => o.score)) - Math.max(...options[a]!.map((o) => o.score)) || a - b,
  );
  const chosen: Order[] = units.map((u) => u.orders[0]!);
  const claimedBy = new Map<number, number>(); // province → own unit moving there
  const movedTo = new Int32Array(n).fill(-1);
  const planned = new Map<number, Order>();
  for (let k = 0; k < ASSAULTS; k++) {
    const plan = assault(g, position, power, units, home, defending, values, intent, planned);
    if (plan.size === 0) break;
    for (const [i, o] of plan) planned.set(i, o);
  }
  for (const [i, o] of planned) {
    chosen[i] = o;
    if (o.kind !== "move") continue;
    movedTo[i] = provinceOf(t, o.to);
    claimedBy.set(movedTo[i], i);
  }
  for (const i of order) {
    if (planned.has(i)) continue;
    let opts = options[i]!;
    for (;;) {
      const pick = pickNearBest(opts, rng);
      if (pick === undefined) break;
      const opt = opts.find((o) => o.item === pick)!;
      if (opt.item.kind === "hold") {
        chosen[i] = opt.item;
        break;
      }
      // Never swap places with an own unit: both moves would fail.
      const swapper = home.findIndex((p, j) => j !== i && p === opt.dest && movedTo[j] === home[i]);
      const claimant = claimedBy.get(opt.dest);
      if (claimant !== undefined) {
        const support = supportOfMove(units[i]!, units[claimant]!.unit, chosen[claimant] as MoveOrder, t);
        if (support) {
          chosen[i] = support;
          break;
        }
      }
      if (claimant !== undefined || swapper >= 0) {
        opts = opts.filter((o) => o !== opt);
        continue;
      }
      chosen[i] = opt.item;
      claimedBy.set(opt.dest, i);
      movedTo[i] = opt.dest;
      break;
    }
  }
  fixOwnCollisions(units, chosen, home, t);
  addSupports(units, chosen, home, defending, values, t, rng);
  cutSupports(position, units, chosen, home, defending, t, rng);
  convoyIdleArmies(units, chosen, home, defending, values, t);
  return chosen;
}

/**
 * Concentration of force on one centre: the best valued centre of another power (a target's
 * first) that the bot can take by force this phase — one unit moves in, enough others support
 * the move to beat the occupant and every other unit that could support it, the helpers it can
 * reach attacked to cut their support. Units defending a threatened centre are used last.
 * Returns the orders of the units it uses (none when no centre can be taken so).
 */
function assault(
  g: Graph,
  position: Position,
  power: PowerId,
  units: readonly UnitLegalOrders[],
  home: readonly number[],
  defending: readonly boolean[],
  values: ProvinceValues,
  intent: OrderIntent,
  taken: ReadonlyMap<number, Order>,
): Map<number, Order> {
  const t = g.t;
  const moves = units.map((u, i) => {
    const m = new Map<number, MoveOrder>();
    if (!taken.has(i))
      for (const o of u.orders) if (o.kind === "move" && !o.viaConvoy) m.set(provinceOf(t, o.to), o);
    return m;
  });
  const moveInto = (i: number, q: number): MoveOrder | undefined => moves[i]!.get(q);
  const aimedAt = new Set(
    [...taken.values()].flatMap((o) => (o.kind === "move" ? [provinceOf(t, o.to)] : [])),
  );
  const occupantAt = new Map<number, Unit>();
  const helpersOf = new Map<number, Unit[]>(); // centre → foreign units that could move into it
  for (const u of position.units) {
    if (u.power === power) continue;
    occupantAt.set(provinceOf(t, u.location), u);
    for (const q of reachOf(g, u)) if (g.centre[q]) helpersOf.set(q, [...(helpersOf.get(q) ?? []), u]);
  }
  const mine = new Set(home);
  let best: { plan: Map<number, Order>; score: number } | null = null;
  for (let c = 0; c < t.provinceCount; c++) {
    if (!g.centre[c] || mine.has(c) || aimedAt.has(c)) continue;
    const owner = position.supplyCenters[t.provinceIds[c]!];
    if (owner === power) continue;
    const occupant = occupantAt.get(c);
    if (occupant && intent.avoid.has(occupant.power)) continue;
    if (owner !== undefined && intent.avoid.has(owner)) continue;
    // Own units that can move in, those not defending first.
    const attackers: number[] = [];
    for (let i = 0; i < units.length; i++) if (moves[i]!.has(c)) attackers.push(i);
    if (attackers.length === 0) continue;
    attackers.sort((a, b) => Number(defending[a]) - Number(defending[b]) || a - b);
    const helpers = helpersOf.get(c) ?? [];
    const plan = new Map<number, Order>();
    const mover = attackers[0]!;
    plan.set(mover, moveInto(mover, c)!);
    // Cut what can be cut with units that cannot join the attack.
    let uncut = 0;
    for (const h of helpers) {
      const hp = provinceOf(t, h.location);
      const cutter = units.findIndex(
        (_, k) => !plan.has(k) && !defending[k] && !attackers.includes(k) && moveInto(k, hp) !== undefined,
      );
      if (cutter >= 0) plan.set(cutter, moveInto(cutter, hp)!);
      else uncut++;
    }
    // The support the move needs: beat the occupant's hold (1 + uncut helpers) or any rival move.
    const needed = occupant ? uncut + 1 : uncut;
    const move = plan.get(mover) as MoveOrder;
    let supports = 0;
    for (const k of attackers.slice(1)) {
      if (supports >= needed) break;
      const s = supportOfMove(units[k]!, units[mover]!.unit, move, t);
      if (s && !plan.has(k) && !taken.has(k)) {
        plan.set(k, s);
        supports++;
      }
    }
    if (supports < needed) continue;
    const aimed = owner !== undefined && intent.target.has(owner);
    const score = valueFor(values, units[mover]!.unit.type, c) * (aimed ? 2 : 1) - plan.size;
    if (best === null || score > best.score) best = { plan, score };
  }
  return best?.plan ?? new Map<number, Order>();
}

/** The province a unit of `orders` ends in when its order succeeds. */
function endOf(t: MapTables, order: Order, home: number): number {
  return order.kind === "move" ? provinceOf(t, order.to) : home;
}

/**
 * Concentration of force: with no power to target by diplomacy, the bot aims at one neighbour —
 * the one with the most centres it could take this round, the weakest first among equals — so
 * that its units converge on one front instead of spreading over every centre in sight. The
 * choice is the board's alone (no draw), so it holds from one phase to the next while the front
 * stays the same. Powers it spares are never aimed at.
 */
function withFocus(map: GameMap, position: Position, power: PowerId, intent: OrderIntent): OrderIntent {
  if (intent.target.size > 0) return intent;
  const g = graphOf(map);
  const sizes = new Map<PowerId, number>();
  for (const owner of Object.values(position.supplyCenters)) sizes.set(owner, (sizes.get(owner) ?? 0) + 1);
  // Centres of each power one own unit could enter when empty, or two when guarded.
  const { reach } = footprint(g, position, power);
  const guarded = new Set(position.units.map((u) => provinceOf(g.t, u.location)));
  const openOf = new Map<PowerId, number>();
  for (const [centre, owner] of Object.entries(position.supplyCenters)) {
    const q = g.t.provinceIndex.get(centre);
    if (owner !== power && q !== undefined && reach[q]! >= (guarded.has(q) ? 2 : 1))
      openOf.set(owner, (openOf.get(owner) ?? 0) + 1);
  }
  let best: { p: PowerId; score: number } | null = null;
  for (const p of [...openOf.keys()].sort()) {
    if (intent.avoid.has(p)) continue;
    const open = openOf.get(p) ?? 0;
    if (open === 0) continue;
    const score = open - FOCUS_SIZE_WEIGHT * (sizes.get(p) ?? 0);
    if (best === null || score > best.score) best = { p, score };
  }
  return best === null ? intent : { ...intent, target: new Set([best.p]) };
}

/**
 * Support cutting: a unit left holding (and not needed at home) attacks an enemy unit that could
 * support the defence of a province an own unit attacks, or an attack on a threatened own unit —
 * a cut support is often all that breaks a stand-off.
 */
function cutSupports(
  position: Position,
  units: readonly UnitLegalOrders[],
  chosen: Order[],
  home: readonly number[],
  defending: readonly boolean[],
  t: MapTables,
  rng: Rng,
): void {
  const me = units[0]?.unit.power;
  const contested = new Set<number>();
  chosen.forEach((o, i) => {
    if (o.kind === "move") contested.add(provinceOf(t, o.to));
    else if (defending[i]) contested.add(home[i]!);
  });
  const helpers = new Set<number>(); // provinces of enemy units that could support into a contested one
  for (const u of position.units) {
    if (u.power === me) continue;
    const p = provinceOf(t, u.location);
    const l = t.locationIndex.get(u.location);
    if (l === undefined) continue;
    const P = t.provinceCount;
    for (const q of contested) {
      if (q === p) continue;
      const reach = u.type === "A" ? t.armyAdjacent[p * P + q] : t.fleetReaches[l * P + q];
      if (reach === 1) helpers.add(p);
    }
  }
  if (helpers.size === 0) return;
  const claimed = new Set(chosen.map((o, i) => endOf(t, o, home[i]!)));
  for (let i = 0; i < units.length; i++) {
    if (chosen[i]!.kind !== "hold" || defending[i]) continue;
    const cuts = units[i]!.orders.filter((o) => {
      if (o.kind !== "move" || o.viaConvoy) return false;
      const q = provinceOf(t, o.to);
      return helpers.has(q) && !claimed.has(q);
    });
    if (cuts.length === 0) continue;
    const cut = rng.pick(cuts) as MoveOrder;
    chosen[i] = cut;
    claimed.add(provinceOf(t, cut.to));
  }
}

/**
 * Convoys around a line: an army left holding on a coast (and not needed at home) is convoyed by
 * an own fleet left holding, to the best valued province it reaches by sea that is worth more
 * than where it stands and that no own unit heads for.
 */
export function convoyIdleArmies(
  units: readonly UnitLegalOrders[],
  chosen: Order[],
  home: readonly number[],
  defending: readonly boolean[],
  values: ProvinceValues,
  t: MapTables,
): void {
  const claimed = new Set(chosen.map((o, i) => endOf(t, o, home[i]!)));
  for (let i = 0; i < units.length; i++) {
    const army = units[i]!;
    if (army.unit.type !== "A" || chosen[i]!.kind !== "hold" || defending[i]) continue;
    const here = valueFor(values, "A", home[i]!);
    let best: { move: Order; fleets: [number, Order][]; score: number } | null = null;
    for (const m of army.orders) {
      if (m.kind !== "move" || !m.viaConvoy) continue;
      const q = provinceOf(t, m.to);
      const score = valueFor(values, "A", q);
      if (claimed.has(q) || score <= here * CONVOY_GAIN || (best !== null && score <= best.score)) continue;
      const fleets: [number, Order][] = [];
      units.forEach((f, k) => {
        if (chosen[k]!.kind !== "hold" || defending[k]) return;
        const c = f.orders.find(
          (o) => o.kind === "convoy" && o.target.location === army.unit.location && provinceOf(t, o.to) === q,
        );
        if (c) fleets.push([k, c]);
      });
      if (fleets.length > 0) best = { move: m, fleets, score };
    }
    if (best === null) continue;
    chosen[i] = best.move;
    for (const [k, c] of best.fleets) chosen[k] = c;
    claimed.add(provinceOf(t, (best.move as MoveOrder).to));
  }
}

/**
 * The orders among `orders` that would break the bot's word to a power in `intent.avoid` (by
 * `breachesOf`, against the commitments in `intent.keep`).
 */
export function breakingOrders(
  map: GameMap,
  position: Position,
  power: PowerId,
  orders: readonly Order[],
  intent: OrderIntent,
): Set<Order> {
  const breaking = new Set<Order>();
  if (intent.avoid.size === 0) return breaking;
  breachesOf(map, position, intent.keep, power, orders).forEach((found, i) => {
    if (found.some((b) => b.against.some((p) => intent.avoid.has(p)))) breaking.add(orders[i]!);
  });
  return breaking;
}

/** The legal orders without those that would break the bot's word (see `breakingOrders`). */
export function peacefulOrders(
  map: GameMap,
  position: Position,
  power: PowerId,
  units: readonly UnitLegalOrders[],
  intent: OrderIntent,
): readonly UnitLegalOrders[] {
  if (intent.avoid.size === 0) return units;
  const breaking = breakingOrders(
    map,
    position,
    power,
    units.flatMap((u) => u.orders),
    intent,
  );
  // A unit every order of which would break its word keeps them all: it cannot keep it (the bot
  // drops such a commitment and gives notice before its orders: `keepableCommitments`).
  return units.map((u) => {
    const kept = u.orders.filter((o) => !breaking.has(o));
    return { ...u, orders: kept.length > 0 ? kept : u.orders };
  });
}

/** Whether an order attacks one of `powers` (by the trust layer's `attackOn`). */
function attacksAny(facts: OrderFacts, order: Order, powers: readonly PowerId[]): boolean {
  return powers.some((p) => attackOn(facts, order, p) !== null);
}

/**
 * Makes sure the orders attack `victim`: when none does, the unit with the best-valued move into
 * one of its provinces makes it (units already attacking someone, and moves into a province an own
 * unit already heads for, are left alone).
 */
export function withAttack(
  map: GameMap,
  position: Position,
  units: readonly UnitLegalOrders[],
  orders: Order[],
  victim: PowerId,
): Order[] {
  const target = new Set([victim]);
  const facts = orderFacts(map, position, {});
  if (orders.some((o) => attacksAny(facts, o, [victim]))) return orders;
  const t = tablesOf(map);
  const me = units[0]?.unit.power ?? "";
  const values = provinceValues(map, position, me, { ...NO_INTENT, target });
  const enemies = [...new Set(position.units.map((u) => u.power).filter((p) => p !== me))];
  let best: { i: number; order: Order; score: number } | null = null;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (attacksAny(facts, orders[i]!, enemies)) continue;
    for (const o of u.orders) {
      if (o.kind !== "move" || o.viaConvoy || !attacksAny(facts, o, [victim])) continue;
      const dest = provinceOf(t, o.to);
      if (orders.some((x, j) => j !== i && x.kind === "move" && provinceOf(t, x.to) === dest)) continue;
      const score = valueFor(values, u.unit.type, dest);
      if (best === null || score > best.score) best = { i, order: o, score };
    }
  }
  if (best === null) return orders;
  const next = [...orders];
  next[best.i] = best.order;
  return next;
}

/** The support `supporter` may give to `target`'s move, if legalOrders offers it. */
function supportOfMove(
  supporter: UnitLegalOrders,
  target: Unit,
  move: MoveOrder,
  t: MapTables,
): Order | undefined {
  const dest = provinceOf(t, move.to);
  return supporter.orders.find(
    (o) =>
      o.kind === "support" &&
      o.to !== undefined &&
      o.target.location === target.location &&
      provinceOf(t, o.to) === dest,
  );
}

/** The support to hold `supporter` may give to `target`, if legalOrders offers it. */
function supportOfHold(supporter: UnitLegalOrders, target: Unit): Order | undefined {
  return supporter.orders.find(
    (o) => o.kind === "support" && o.to === undefined && o.target.location === target.location,
  );
}

/**
 * Turns moves into provinces where an own unit stays into supports to hold (or holds). A unit
 * whose every order moves it (its word to leave a demilitarised zone) keeps its move: it bounces
 * at worst. Each change turns a move into an order that stays, so this ends.
 */
function fixOwnCollisions(
  units: readonly UnitLegalOrders[],
  chosen: Order[],
  home: readonly number[],
  t: MapTables,
): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < units.length; i++) {
      const o = chosen[i]!;
      if (o.kind !== "move") continue;
      const dest = provinceOf(t, o.to);
      const stayer = home.findIndex((p, j) => j !== i && p === dest && chosen[j]!.kind !== "move");
      if (stayer < 0) continue;
      const stays =
        supportOfHold(units[i]!, units[stayer]!.unit) ?? units[i]!.orders.find((x) => x.kind !== "move");
      if (stays === undefined) continue;
      chosen[i] = stays;
      changed = true;
    }
  }
}

/** Units left holding support an own attack on a contested province or a threatened own unit. */
function addSupports(
  units: readonly UnitLegalOrders[],
  chosen: Order[],
  home: readonly number[],
  defending: readonly boolean[],
  values: ProvinceValues,
  t: MapTables,
  rng: Rng,
): void {
  for (let i = 0; i < units.length; i++) {
    if (chosen[i]!.kind !== "hold") continue;
    const choices: { item: Order; score: number }[] = [];
    for (let j = 0; j < units.length; j++) {
      if (j === i) continue;
      const o = chosen[j]!;
      if (o.kind === "move") {
        const dest = provinceOf(t, o.to);
        if (values.threat[dest]! === 0) continue; // uncontested: no help needed
        const s = supportOfMove(units[i]!, units[j]!.unit, o, t);
        if (s)
          choices.push({
            item: s,
            score: valueFor(values, units[j]!.unit.type, dest) + values.threat[dest]!,
          });
      } else if (defending[j]) {
        const s = supportOfHold(units[i]!, units[j]!.unit);
        if (s)
          choices.push({
            item: s,
            score: valueFor(values, units[j]!.unit.type, home[j]!) + values.threat[home[j]!]!,
          });
      }
    }
    const pick = pickNearBest(choices, rng);
    if (pick) chosen[i] = pick;
  }
}

/** Retreats: each dislodged unit to its best valued place, never two into one province. */
function retreatOrders(
  map: GameMap,
  position: Position,
  power: PowerId,
  units: readonly UnitLegalOrders[],
  rng: Rng,
): Order[] {
  if (units.length === 0) return [];
  const t = tablesOf(map);
  const values = provinceValues(map, position, power);
  const taken = new Set<number>();
  return units.map((u) => {
    const choices: { item: Order; score: number }[] = [];
    for (const o of u.orders) {
      if (o.kind !== "retreat") continue;
      const q = provinceOf(t, o.to);
      if (!taken.has(q)) choices.push({ item: o, score: valueFor(values, u.unit.type, q) });
    }
    const pick = pickNearBest(choices, rng);
    if (pick && pick.kind === "retreat") {
      taken.add(provinceOf(t, pick.to));
      return pick;
    }
    return u.orders.find((o) => o.kind === "disband")!;
  });
}

/** Adjustments: builds near the most valuable front, or removals of the least useful units. */
function adjustmentOrders(
  map: GameMap,
  position: Position,
  power: PowerId,
  legal: AdjustmentLegalOrders,
  rng: Rng,
): Order[] {
  if (legal.change === 0) return [];
  const t = tablesOf(map);
  const values = provinceValues(map, position, power);
  if (legal.change < 0) {
    const scored = legal.removals.map((o) => ({
      o,
      score: valueFor(values, o.unit.type, provinceOf(t, o.unit.location)) + rng.next() * 1e-3,
    }));
    scored.sort((a, b) => a.score - b.score);
    return scored.slice(0, -legal.change).map((s) => s.o);
  }
  const scored = legal.builds.map((o) => ({
    o,
    p: provinceOf(t, o.unit.location),
    score: valueFor(values, o.unit.type, provinceOf(t, o.unit.location)) + rng.next() * 1e-3,
  }));
  scored.sort((a, b) => b.score - a.score);
  const used = new Set<number>();
  const orders: Order[] = [];
  for (const s of scored) {
    if (orders.length >= legal.change) break;
    if (used.has(s.p)) continue;
    used.add(s.p);
    orders.push(s.o);
  }
  if (legal.canWaive) while (orders.length < legal.change) orders.push({ kind: "waive", power });
  return orders;
}

/** The provinces each of a power's units could move into (without convoy), and where they stand. */
function footprint(g: Graph, position: Position, power: PowerId): { reach: Int32Array; on: Set<number> } {
  const reach = new Int32Array(g.t.provinceCount);
  const on = new Set<number>();
  for (const u of position.units) {
    if (u.power !== power) continue;
    on.add(provinceOf(g.t, u.location));
    for (const q of reachOf(g, u)) reach[q]! += 1;
  }
  return { reach, on };
}

/**
 * The powers next to `power`: those with a unit that could move where one of its units could, or
 * into one of its provinces, or with a centre or unit one of its units could move into.
 */
export function neighbourPowers(map: GameMap, position: Position, power: PowerId): Set<PowerId> {
  const g = graphOf(map);
  const mine = footprint(g, position, power);
  const near = (p: number): boolean => p >= 0 && (mine.reach[p]! > 0 || mine.on.has(p));
  const out = new Set<PowerId>();
  for (const u of position.units) {
    if (u.power === power || out.has(u.power)) continue;
    if (near(provinceOf(g.t, u.location)) || reachOf(g, u).some(near)) out.add(u.power);
  }
  for (const [centre, owner] of Object.entries(position.supplyCenters)) {
    if (owner !== power && near(g.t.provinceIndex.get(centre) ?? -1)) out.add(owner);
  }
  return out;
}

/**
 * How many of `victim`'s centres `power` could take this round: centres one of its units could
 * move into when empty, or two could when a unit of the victim stands on them.
 */
export function attackableCentres(map: GameMap, position: Position, power: PowerId, victim: PowerId): number {
  const g = graphOf(map);
  const { reach } = footprint(g, position, power);
  const guarded = new Set<number>();
  for (const u of position.units) if (u.power === victim) guarded.add(provinceOf(g.t, u.location));
  let count = 0;
  for (const [centre, owner] of Object.entries(position.supplyCenters)) {
    if (owner !== victim) continue;
    const p = g.t.provinceIndex.get(centre);
    if (p !== undefined && reach[p]! >= (guarded.has(p) ? 2 : 1)) count++;
  }
  return count;
}
