/**
 * The movement-phase adjudicator, following DATC 3.0 and its stated preferences.
 *
 * Orders are first checked one by one (is this order legal for this unit on this map?); illegal
 * orders are ignored and the unit holds. The legal orders are then resolved together with
 * Kruijswijk's guess-and-check algorithm ("The Math of Adjudication"): every move, support and
 * convoy is a yes/no decision; a decision that depends on its own guess is tried both ways, and a
 * cycle with no single answer falls to the backup rule — the Szykman rule when a convoy is in the
 * cycle (the convoys fail), circular movement otherwise (the moves succeed).
 *
 * Everything runs on small integer tables (see `tables.ts`) so that a full board adjudicates in
 * tens of microseconds.
 */
import type { Dislodgement } from "../game/position";
import type { GameMap, LocationId, Unit } from "../map/types";
import type { Order, OrderError } from "../orders/types";
import { illegal } from "./illegal";
import { tablesOf, type MapTables } from "../map/tables";
import type { MovementResolution, OrderResult } from "./types";

const HOLD = 0;
const MOVE = 1;
const SUPPORT = 2;
const CONVOY = 3;

const UNRESOLVED = 0;
const GUESSING = 1;
const RESOLVED = 2;

const FAILS = 0;
const SUCCEEDS = 1;

/** The working state of one adjudication. Arrays are indexed by unit number. */
interface Board {
  readonly t: MapTables;
  readonly units: readonly Unit[];
  readonly n: number;
  readonly unitAt: Int32Array; // province → unit number, or -1
  readonly prov: Int32Array; // unit → province
  readonly loc: Int32Array; // unit → location
  readonly power: Int32Array; // unit → power number
  readonly fleet: Uint8Array; // unit → 1 for a fleet
  readonly kind: Uint8Array; // unit → HOLD / MOVE / SUPPORT / CONVOY (after legality)
  readonly orderOf: Int32Array; // unit → index of its order in the input, or -1
  readonly reason: (OrderError | undefined)[]; // order index → why it was ignored
  readonly dest: Int32Array; // MOVE: destination province; SUPPORT: supported move's destination or -1
  readonly destLoc: Int32Array; // MOVE: destination location
  readonly destCoast: Int32Array; // SUPPORT: location named for the supported fleet's move, or -1
  readonly target: Int32Array; // SUPPORT / CONVOY: the unit supported or convoyed
  readonly convoyed: Uint8Array; // MOVE: goes by convoy
  readonly counted: Uint8Array; // SUPPORT / CONVOY: matches the target's order, so it counts
  readonly intoHead: Int32Array; // province → first unit moving there, or -1
  readonly intoNext: Int32Array; // unit → next unit moving to the same province
  readonly supHead: Int32Array; // unit → first unit giving it a counted support, or -1
  readonly supNext: Int32Array;
  readonly cvHead: Int32Array; // army → first fleet giving it a counted convoy, or -1
  readonly cvNext: Int32Array;
  readonly res: Uint8Array; // decision → FAILS / SUCCEEDS
  readonly state: Uint8Array; // decision → UNRESOLVED / GUESSING / RESOLVED
  readonly deps: number[]; // the dependency list of the guess algorithm
  readonly seq: Int32Array; // decision → when its current guess started
  readonly guesses: Int32Array; // [0]: guesses started so far
}

/**
 * Adjudicates a movement phase.
 * @param units the units on the board (one per province; positions are assumed valid)
 * @param orders the orders given, in any order; units without a legal order hold
 * @returns per-order results in input order, units after the phase, dislodged units with their
 *   retreat options, and the provinces left empty by a standoff
 */
export function adjudicateMovement(
  map: GameMap,
  units: readonly Unit[],
  orders: readonly Order[],
): MovementResolution {
  const b = newBoard(map, units, orders.length);
  assignOrders(b, map, orders);
  markConvoyMoves(b);
  linkOrders(b);
  for (let u = 0; u < b.n; u++) if (b.kind[u] !== HOLD) resolve(b, u);
  return report(b, orders);
}

function newBoard(map: GameMap, units: readonly Unit[], orderCount: number): Board {
  const t = tablesOf(map);
  const n = units.length;
  const unitAt = new Int32Array(t.provinceCount).fill(-1);
  const prov = new Int32Array(n);
  const loc = new Int32Array(n);
  const power = new Int32Array(n);
  const fleet = new Uint8Array(n);
  const powers: string[] = [];
  for (let u = 0; u < n; u++) {
    const unit = units[u]!;
    const l = t.locationIndex.get(unit.location);
    if (l === undefined)
      throw new Error(`unit ${unit.power} ${unit.type} ${unit.location}: unknown location`);
    const p = t.locationProvince[l]!;
    if (unitAt[p] !== -1) throw new Error(`two units in province ${t.provinceIds[p]}`);
    unitAt[p] = u;
    prov[u] = p;
    loc[u] = l;
    let pw = powers.indexOf(unit.power);
    if (pw < 0) pw = powers.push(unit.power) - 1;
    power[u] = pw;
    fleet[u] = unit.type === "F" ? 1 : 0;
  }
  return {
    t,
    units,
    n,
    unitAt,
    prov,
    loc,
    power,
    fleet,
    kind: new Uint8Array(n),
    orderOf: new Int32Array(n).fill(-1),
    reason: new Array<OrderError | undefined>(orderCount),
    dest: new Int32Array(n).fill(-1),
    destLoc: new Int32Array(n).fill(-1),
    destCoast: new Int32Array(n).fill(-1),
    target: new Int32Array(n).fill(-1),
    convoyed: new Uint8Array(n),
    counted: new Uint8Array(n),
    intoHead: new Int32Array(t.provinceCount).fill(-1),
    intoNext: new Int32Array(n).fill(-1),
    supHead: new Int32Array(n).fill(-1),
    supNext: new Int32Array(n).fill(-1),
    cvHead: new Int32Array(n).fill(-1),
    cvNext: new Int32Array(n).fill(-1),
    res: new Uint8Array(n),
    state: new Uint8Array(n),
    deps: [],
    seq: new Int32Array(n),
    guesses: new Int32Array(1),
  };
}

/** The unit standing in the province of a location id, or -1. */
function unitIn(b: Board, location: LocationId): number {
  const l = b.t.locationIndex.get(location);
  return l === undefined ? -1 : b.unitAt[b.t.locationProvince[l]!]!;
}

/** Whether unit u could move into province q (support reach is judged by province). */
function reaches(b: Board, u: number, q: number): boolean {
  const t = b.t;
  return b.fleet[u]
    ? t.fleetReaches[b.loc[u]! * t.provinceCount + q] === 1
    : t.armyAdjacent[b.prov[u]! * t.provinceCount + q] === 1;
}

/** Checks each order and records the legal ones on their units (first order per unit wins). */
function assignOrders(b: Board, map: GameMap, orders: readonly Order[]): void {
  for (let k = 0; k < orders.length; k++) {
    const order = orders[k]!;
    const why = checkOrder(b, map, order, k);
    if (why) b.reason[k] = why;
  }
}

/** Checks one order; on success records it on its unit and returns undefined. */
function checkOrder(b: Board, map: GameMap, order: Order, k: number): OrderError | undefined {
  if (order.kind !== "hold" && order.kind !== "move" && order.kind !== "support" && order.kind !== "convoy")
    return illegal("wrong-phase", `a ${order.kind} order cannot be given in a movement phase`);
  const t = b.t;
  if (!t.locationIndex.has(order.unit.location))
    return illegal("unknown-location", `"${order.unit.location}" is not a place on this map`);
  const u = unitIn(b, order.unit.location);
  if (u < 0) return illegal("no-unit", `there is no unit in ${order.unit.location}`);
  if (b.units[u]!.power !== order.power)
    return illegal("not-your-unit", `the unit in ${order.unit.location} belongs to ${b.units[u]!.power}`);
  if (b.orderOf[u]! >= 0)
    return illegal("duplicate-order", `the unit in ${order.unit.location} already has an order`);
  let why: OrderError | undefined;
  switch (order.kind) {
    case "hold":
      break;
    case "move":
      why = checkMove(b, map, u, order.to, order.viaConvoy);
      break;
    case "support":
      why = checkSupport(b, u, order.target.location, order.to);
      break;
    case "convoy":
      why = checkConvoy(b, u, order.target.location, order.to);
      break;
  }
  if (why) return why;
  b.orderOf[u] = k;
  return undefined;
}

function checkMove(
  b: Board,
  map: GameMap,
  u: number,
  to: LocationId,
  viaConvoy: boolean,
): OrderError | undefined {
  const t = b.t;
  const l = t.locationIndex.get(to);
  if (l === undefined) return illegal("unknown-location", `"${to}" is not a place on this map`);
  const q = t.locationProvince[l]!;
  const p = b.prov[u]!;
  if (q === p) return illegal("move-to-own-province", "a unit cannot move to the province it is in");
  if (b.fleet[u]) {
    if (viaConvoy) return illegal("fleet-via-convoy", "only armies can be convoyed");
    let target = l;
    if (!t.locationFleet[l]) {
      // A split-coast province named without its coast: use the one coast this fleet can reach.
      const coasts = t.provinceLocations[q]!.filter(
        (m) => t.locationFleet[m] && t.fleetAdjacent[b.loc[u]! * t.locationCount + m],
      );
      if (coasts.length > 1) return illegal("coast-not-specified", `say which coast of ${t.provinceIds[q]}`);
      if (coasts.length === 0) return illegal("not-adjacent", `a fleet cannot reach ${to} from here`);
      target = coasts[0]!;
    }
    if (!t.fleetAdjacent[b.loc[u]! * t.locationCount + target])
      return illegal("not-adjacent", `a fleet cannot reach ${to} from here`);
    b.kind[u] = MOVE;
    b.dest[u] = q;
    b.destLoc[u] = target;
    return undefined;
  }
  if (t.provinceSea[q]) return illegal("army-to-sea", "an army cannot move to sea");
  const adjacent = t.armyAdjacent[p * t.provinceCount + q] === 1;
  if (!adjacent || viaConvoy) {
    if (!t.provinceCoastal[p] || !t.provinceCoastal[q])
      return illegal(
        "not-adjacent",
        `an army cannot reach ${map.province.get(t.provinceIds[q]!)?.name ?? to}`,
      );
    b.convoyed[u] = 1; // confirmed or rejected once all convoys are known
  }
  b.kind[u] = MOVE;
  b.dest[u] = q;
  b.destLoc[u] = t.provinceLocations[q]![0]!; // armies stand on the bare province
  return undefined;
}

function checkSupport(
  b: Board,
  u: number,
  of: LocationId,
  to: LocationId | undefined,
): OrderError | undefined {
  const t = b.t;
  if (!t.locationIndex.has(of)) return illegal("unknown-location", `"${of}" is not a place on this map`);
  const s = unitIn(b, of);
  if (s === u) return illegal("support-self", "a unit cannot support itself");
  if (s < 0) return illegal("no-unit-to-support", `there is no unit in ${of} to support`);
  let q = b.prov[s]!;
  let coast = -1;
  if (to !== undefined) {
    const l = t.locationIndex.get(to);
    if (l === undefined) return illegal("unknown-location", `"${to}" is not a place on this map`);
    q = t.locationProvince[l]!;
    if (q === b.prov[s]) return illegal("move-to-own-province", "the supported unit cannot move where it is");
    if (q === b.prov[u])
      return illegal("support-into-own-province", "a unit cannot support a move into its own province");
    if (t.provinceLocations[q]!.length > 1 && t.locationFleet[l]) coast = l;
  }
  if (!reaches(b, u, q))
    return illegal("cannot-reach", `this unit could not move to ${t.provinceIds[q]} itself`);
  b.kind[u] = SUPPORT;
  b.target[u] = s;
  b.dest[u] = to === undefined ? -1 : q;
  b.destCoast[u] = coast;
  return undefined;
}

function checkConvoy(b: Board, u: number, of: LocationId, to: LocationId): OrderError | undefined {
  const t = b.t;
  if (!b.fleet[u]) return illegal("only-fleets-convoy", "only fleets can convoy");
  if (!t.provinceSea[b.prov[u]!]) return illegal("convoy-from-coast", "only a fleet at sea can convoy");
  if (!t.locationIndex.has(of)) return illegal("unknown-location", `"${of}" is not a place on this map`);
  const a = unitIn(b, of);
  if (a < 0 || b.fleet[a]) return illegal("only-armies-convoyed", `there is no army in ${of} to convoy`);
  const l = t.locationIndex.get(to);
  if (l === undefined) return illegal("unknown-location", `"${to}" is not a place on this map`);
  const q = t.locationProvince[l]!;
  if (!t.provinceCoastal[q] || q === b.prov[a] || !t.provinceCoastal[b.prov[a]!])
    return illegal("convoy-to-non-coast", "a convoy carries an army from one coast to another");
  if (!onInducedRoute(b, b.prov[a]!, q, b.prov[u]!))
    return illegal("convoy-not-on-route", "this fleet is on no useful convoy route for that army");
  b.kind[u] = CONVOY;
  b.target[u] = a;
  b.dest[u] = q;
  return undefined;
}

/**
 * Whether sea province `via` lies on a convoy route from `from` to `to` through fleet-held seas in
 * which every fleet is needed (no shortcut skips it). DATC 6.G.19: a convoy order by a fleet that
 * no route needs is illegal, so it cannot express convoy intent.
 */
function onInducedRoute(b: Board, from: number, to: number, via: number): boolean {
  const t = b.t;
  const P = t.provinceCount;
  const held = (s: number): boolean =>
    t.provinceSea[s] === 1 && b.unitAt[s]! >= 0 && b.fleet[b.unitAt[s]!] === 1;
  const path: number[] = [];
  let budget = 20_000; // the classic map needs a few hundred steps at most
  const extend = (last: number): boolean => {
    if (--budget < 0) return true; // give the benefit of the doubt on pathological maps
    for (let s = 0; s < P; s++) {
      if (!t.seaAdjacent[last * P + s] || !held(s) || path.includes(s)) continue;
      if (path.length > 0 && t.seaAdjacent[from * P + s]) continue; // shortcut from the start
      let chord = false;
      for (let i = 0; i < path.length - 1 && !chord; i++) if (t.seaAdjacent[path[i]! * P + s]) chord = true;
      if (chord) continue;
      path.push(s);
      if (t.seaAdjacent[s * P + to]) {
        if (path.includes(via)) return true;
      } else if (extend(s)) return true;
      path.pop();
    }
    return false;
  };
  return extend(from);
}

/**
 * Decides which army moves go by convoy. DATC 3.0 (4.A.3): a move to a non-adjacent province, or
 * one marked "via convoy", or one that a fleet of the army's own power legally convoys, uses the
 * convoy route and only that route. A convoy move with no possible route at all is illegal.
 */
function markConvoyMoves(b: Board): void {
  // Own-power convoy orders express intent for moves to adjacent provinces.
  for (let f = 0; f < b.n; f++) {
    if (b.kind[f] !== CONVOY) continue;
    const a = b.target[f]!;
    if (b.kind[a] === MOVE && b.dest[a] === b.dest[f] && b.power[a] === b.power[f]) b.convoyed[a] = 1;
  }
  for (let a = 0; a < b.n; a++) {
    if (b.kind[a] !== MOVE || !b.convoyed[a]) continue;
    if (!possibleRoute(b, a)) {
      b.kind[a] = HOLD;
      b.convoyed[a] = 0;
      const k = b.orderOf[a]!;
      b.reason[k] = illegal("no-convoy-route", "no fleets at sea could convoy this army there");
      b.orderOf[a] = -1;
    }
  }
}

/**
 * Whether fleets at sea could carry army a to its destination, whatever they were ordered. A move
 * that could have been convoyed is a real move even when no fleet convoys it (DATC 6.D.8).
 */
function possibleRoute(b: Board, a: number): boolean {
  const t = b.t;
  const P = t.provinceCount;
  const goal = b.dest[a]!;
  const seen = new Uint8Array(P);
  const queue = [b.prov[a]!];
  while (queue.length > 0) {
    const here = queue.pop()!;
    for (let f = 0; f < b.n; f++) {
      const s = b.prov[f]!;
      if (!b.fleet[f] || !t.provinceSea[s] || seen[s] || !t.seaAdjacent[here * P + s]) continue;
      if (t.seaAdjacent[s * P + goal]) return true;
      seen[s] = 1;
      queue.push(s);
    }
  }
  return false;
}

/** Builds the lists the resolver walks: moves into each province, counted supports and convoys. */
function linkOrders(b: Board): void {
  for (let u = b.n - 1; u >= 0; u--) {
    switch (b.kind[u]) {
      case MOVE: {
        const q = b.dest[u]!;
        b.intoNext[u] = b.intoHead[q]!;
        b.intoHead[q] = u;
        break;
      }
      case SUPPORT: {
        const s = b.target[u]!;
        if (supportMatches(b, u, s)) {
          b.counted[u] = 1;
          b.supNext[u] = b.supHead[s]!;
          b.supHead[s] = u;
        }
        break;
      }
      case CONVOY: {
        const a = b.target[u]!;
        if (b.kind[a] === MOVE && b.convoyed[a] && b.dest[a] === b.dest[u]) {
          b.counted[u] = 1;
          b.cvNext[u] = b.cvHead[a]!;
          b.cvHead[a] = u;
        }
        break;
      }
    }
  }
}

/** A support counts when the supported unit does what the support says (DATC 4.B.4 for coasts). */
function supportMatches(b: Board, u: number, s: number): boolean {
  if (b.dest[u] === -1) return b.kind[s] !== MOVE;
  if (b.kind[s] !== MOVE || b.dest[s] !== b.dest[u]) return false;
  return b.destCoast[u] === -1 || !b.fleet[s] || b.destCoast[u] === b.destLoc[s];
}

/** The move that u is in a head-to-head battle with, or -1. */
function opposing(b: Board, u: number): number {
  if (b.convoyed[u]) return -1;
  const v = b.unitAt[b.dest[u]!]!;
  if (v < 0 || b.kind[v] !== MOVE || b.convoyed[v] || b.dest[v] !== b.prov[u]) return -1;
  return v;
}

/**
 * Kruijswijk's resolver: the decision of order u, guessing where a cycle requires it.
 *
 * Every read of a decision that is still a guess is recorded in `deps`, so a decision knows
 * whether its answer rests on guesses. Guesses are numbered as they start (`seq`): a guess older
 * than u's own is "outer", and u's answer then stays provisional until that outer guess settles.
 * Only when u's answer rests on its own guess alone are both answers tried here.
 */
function resolve(b: Board, u: number): number {
  const { state, res, deps, seq } = b;
  if (state[u] === RESOLVED) return res[u]!;
  if (state[u] === GUESSING) {
    deps.push(u);
    return res[u]!;
  }
  const mark = deps.length;
  const mine = ++b.guesses[0]!;
  seq[u] = mine;
  res[u] = FAILS;
  state[u] = GUESSING;
  const first = adjudicate(b, u);
  if (deps.length === mark) {
    res[u] = first;
    state[u] = RESOLVED;
    return first;
  }
  if (restsOnOuterGuess(b, u, mark, mine) || !deps.includes(u, mark)) {
    deps.push(u); // provisional: whoever owns the outer guess will settle it
    res[u] = first;
    return first;
  }
  // Rests on its own guess alone: try the other answer.
  for (let i = mark; i < deps.length; i++) state[deps[i]!] = UNRESOLVED;
  state[u] = GUESSING;
  deps.length = mark;
  res[u] = SUCCEEDS;
  const second = adjudicate(b, u);
  if (restsOnOuterGuess(b, u, mark, mine)) {
    deps.push(u);
    res[u] = second;
    return second;
  }
  if (first === second) {
    for (let i = mark; i < deps.length; i++) state[deps[i]!] = UNRESOLVED;
    deps.length = mark;
    res[u] = first;
    state[u] = RESOLVED;
    return first;
  }
  backupRule(b, mark);
  return resolve(b, u);
}

/** Whether a guess that started before u's (an "outer" guess) was read since `mark`. */
function restsOnOuterGuess(b: Board, u: number, mark: number, mine: number): boolean {
  for (let i = mark; i < b.deps.length; i++) {
    const v = b.deps[i]!;
    if (v !== u && b.seq[v]! < mine) return true;
  }
  return false;
}

/**
 * Settles a cycle with no single answer: if a convoy is in it, the Szykman rule (those convoys
 * fail); otherwise it is circular movement (those moves succeed).
 */
function backupRule(b: Board, mark: number): void {
  const { state, res, deps, kind } = b;
  const cycle = deps.slice(mark);
  deps.length = mark;
  const paradox = cycle.some((u) => kind[u] === CONVOY);
  for (const u of cycle) {
    if (paradox && kind[u] === CONVOY) {
      res[u] = FAILS;
      state[u] = RESOLVED;
    } else if (!paradox && kind[u] === MOVE) {
      res[u] = SUCCEEDS;
      state[u] = RESOLVED;
    } else state[u] = UNRESOLVED;
  }
}

function adjudicate(b: Board, u: number): number {
  switch (b.kind[u]) {
    case MOVE:
      return adjudicateMove(b, u);
    case SUPPORT:
      return adjudicateSupport(b, u);
    case CONVOY:
      return adjudicateConvoy(b, u);
    default:
      return SUCCEEDS;
  }
}

/** A move succeeds when its attack beats what holds or defends there and every rival move. */
function adjudicateMove(b: Board, u: number): number {
  const attack = attackStrength(b, u);
  if (attack === 0) return FAILS;
  const h = opposing(b, u);
  if (h >= 0) {
    if (attack <= 1 + supportCount(b, h, -1)) return FAILS;
  } else if (attack <= holdStrength(b, b.dest[u]!)) return FAILS;
  for (let m = b.intoHead[b.dest[u]!]!; m >= 0; m = b.intoNext[m]!) {
    if (m !== u && attack <= preventStrength(b, m)) return FAILS;
  }
  return SUCCEEDS;
}

/** A support is given unless it is cut, or its unit is dislodged. */
function adjudicateSupport(b: Board, u: number): number {
  const p = b.prov[u]!;
  // Cuts first: an attack by another power, not from where the support is aimed.
  for (let m = b.intoHead[p]!; m >= 0; m = b.intoNext[m]!) {
    if (b.power[m] === b.power[u] || b.prov[m] === b.dest[u]) continue;
    if (!b.convoyed[m] || pathSucceeds(b, m)) return FAILS;
  }
  for (let m = b.intoHead[p]!; m >= 0; m = b.intoNext[m]!) {
    if (b.power[m] !== b.power[u] && b.prov[m] === b.dest[u] && resolve(b, m) === SUCCEEDS) return FAILS;
  }
  return SUCCEEDS;
}

/** A convoy holds while its fleet is not dislodged. */
function adjudicateConvoy(b: Board, u: number): number {
  for (let m = b.intoHead[b.prov[u]!]!; m >= 0; m = b.intoNext[m]!) {
    if (resolve(b, m) === SUCCEEDS) return FAILS;
  }
  return SUCCEEDS;
}

/** Whether a convoyed army still has a route of fleets whose convoys hold (any route will do). */
function pathSucceeds(b: Board, a: number): boolean {
  if (!b.convoyed[a]) return true;
  const t = b.t;
  const P = t.provinceCount;
  const goal = b.dest[a]!;
  let reached = 0; // fleets are few; a bit set over the convoy list
  const frontier = [b.prov[a]!];
  while (frontier.length > 0) {
    const here = frontier.pop()!;
    let bit = 1;
    for (let f = b.cvHead[a]!; f >= 0; f = b.cvNext[f]!, bit <<= 1) {
      if (reached & bit) continue;
      const s = b.prov[f]!;
      if (!t.seaAdjacent[here * P + s] || resolve(b, f) !== SUCCEEDS) continue;
      if (t.seaAdjacent[s * P + goal]) return true;
      reached |= bit;
      frontier.push(s);
    }
  }
  return false;
}

/** Supports of u that are given, not counting those of power `excluded`. */
function supportCount(b: Board, u: number, excluded: number): number {
  let count = 0;
  for (let s = b.supHead[u]!; s >= 0; s = b.supNext[s]!) {
    if (b.power[s] !== excluded && resolve(b, s) === SUCCEEDS) count++;
  }
  return count;
}

function attackStrength(b: Board, u: number): number {
  if (!pathSucceeds(b, u)) return 0;
  const v = b.unitAt[b.dest[u]!]!;
  if (v < 0 || (b.kind[v] === MOVE && opposing(b, u) < 0 && resolve(b, v) === SUCCEEDS)) {
    return 1 + supportCount(b, u, -1);
  }
  if (b.power[v] === b.power[u]) return 0; // never dislodge your own unit
  return 1 + supportCount(b, u, b.power[v]!); // nor help dislodge one of yours
}

function holdStrength(b: Board, q: number): number {
  const v = b.unitAt[q]!;
  if (v < 0) return 0;
  if (b.kind[v] === MOVE) return resolve(b, v) === SUCCEEDS ? 0 : 1;
  return 1 + supportCount(b, v, -1);
}

function preventStrength(b: Board, u: number): number {
  if (!pathSucceeds(b, u)) return 0;
  const h = opposing(b, u);
  if (h >= 0 && resolve(b, h) === SUCCEEDS) return 0; // lost its head-to-head battle
  return 1 + supportCount(b, u, -1);
}

/** Turns the settled decisions into results, the new board and the retreat options. */
function report(b: Board, orders: readonly Order[]): MovementResolution {
  const t = b.t;
  const moved = (u: number): boolean => b.kind[u] === MOVE && b.res[u] === SUCCEEDS;
  const attackerOf = new Int32Array(b.n).fill(-1);
  const occupied = new Uint8Array(t.provinceCount);
  for (let u = 0; u < b.n; u++) {
    if (moved(u)) {
      occupied[b.dest[u]!] = 1;
      continue;
    }
    for (let m = b.intoHead[b.prov[u]!]!; m >= 0; m = b.intoNext[m]!) if (moved(m)) attackerOf[u] = m;
    if (attackerOf[u]! < 0) occupied[b.prov[u]!] = 1;
  }
  const contested: number[] = [];
  for (let q = 0; q < t.provinceCount; q++) {
    if (occupied[q] || b.intoHead[q] === -1) continue;
    for (let m = b.intoHead[q]!; m >= 0; m = b.intoNext[m]!) {
      if (preventStrength(b, m) > 0) {
        contested.push(q);
        break;
      }
    }
  }
  const contestedSet = new Uint8Array(t.provinceCount);
  for (const q of contested) contestedSet[q] = 1;

  const after: Unit[] = [];
  const dislodged: Dislodgement[] = [];
  for (let u = 0; u < b.n; u++) {
    const unit = b.units[u]!;
    const m = attackerOf[u]!;
    if (m >= 0) {
      dislodged.push({
        unit,
        attackerFrom: t.provinceIds[b.prov[m]!]!,
        byConvoy: b.convoyed[m] === 1,
        retreats: retreatOptions(b, u, b.convoyed[m] ? -1 : b.prov[m]!, occupied, contestedSet),
      });
    } else if (moved(u))
      after.push({ power: unit.power, type: unit.type, location: t.locationIds[b.destLoc[u]!]! });
    else after.push(unit);
  }

  const results: OrderResult[] = orders.map((order, k) => {
    const why = b.reason[k];
    if (why || order.kind === "waive") return { order, outcome: "fails", ...(why ? { reason: why } : {}) };
    const u = unitIn(b, order.unit.location);
    return { order, outcome: succeeded(b, u, attackerOf) ? "succeeds" : "fails" };
  });
  return {
    results,
    units: after,
    dislodged,
    contested: contested.map((q) => t.provinceIds[q]!),
  };
}

function succeeded(b: Board, u: number, attackerOf: Int32Array): boolean {
  switch (b.kind[u]) {
    case MOVE:
      return b.res[u] === SUCCEEDS;
    case SUPPORT:
    case CONVOY:
      return b.counted[u] === 1 && b.res[u] === SUCCEEDS;
    default:
      return attackerOf[u]! < 0;
  }
}

/** Where a dislodged unit may retreat: empty, uncontested, and not where its attacker came from. */
function retreatOptions(
  b: Board,
  u: number,
  attackerFrom: number,
  occupied: Uint8Array,
  contested: Uint8Array,
): LocationId[] {
  const t = b.t;
  const P = t.provinceCount;
  const L = t.locationCount;
  const options: LocationId[] = [];
  const open = (q: number): boolean => !occupied[q] && !contested[q] && q !== attackerFrom;
  if (b.fleet[u]) {
    const l = b.loc[u]!;
    for (let m = 0; m < L; m++) {
      if (t.fleetAdjacent[l * L + m] && open(t.locationProvince[m]!)) options.push(t.locationIds[m]!);
    }
  } else {
    const p = b.prov[u]!;
    for (let q = 0; q < P; q++) {
      if (t.armyAdjacent[p * P + q] && open(q)) options.push(t.locationIds[t.provinceLocations[q]![0]!]!);
    }
  }
  return options;
}
