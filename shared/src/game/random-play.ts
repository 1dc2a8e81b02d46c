/**
 * A seeded random player: legal orders chosen at random for every power, and whole games played
 * with them. Used by the benchmarks (realistic full boards) and by property tests (positions
 * nobody wrote by hand). Pure: the same map, position and seed give the same orders and games.
 *
 * Movement picks, per unit, a move about half the time, a support a quarter, a convoy a tenth
 * (when the unit has any), and otherwise holds. Retreats retreat when they can (mostly) and
 * disband otherwise. Adjustments build up to the allowed number in distinct free home centres, or
 * remove exactly the number due.
 */
import { provinceOf } from "../map/locations";
import type { GameMap, PowerId, ProvinceId } from "../map/types";
import { legalOrders, type AdjustmentLegalOrders, type UnitLegalOrders } from "../orders/legal";
import type { Order } from "../orders/types";
import { createRng, type Rng } from "../random";
import { initialPosition, resolvePhase, soloWinner, type PhaseResolution } from "./phases";
import type { Position } from "./position";

/** Chance of a move, support and convoy for a unit in a movement phase (the rest: hold). */
const MOVE_WEIGHT = 0.5;
const SUPPORT_WEIGHT = 0.25;
const CONVOY_WEIGHT = 0.1;
/** Chance that a dislodged unit with somewhere to go retreats rather than disbands. */
const RETREAT_WEIGHT = 0.8;

/**
 * Random legal orders for every power of the map in `position`'s phase: one order per unit in
 * movement and retreat phases, builds up to the allowed count or exactly the removals due in an
 * adjustment phase. Powers are taken in map order, so the draws replay from the generator's state.
 */
export function randomOrders(map: GameMap, position: Position, rng: Rng): Order[] {
  return map.powers.flatMap((power) => randomPowerOrders(map, position, power.id, rng));
}

/**
 * Random legal orders for one power in `position`'s phase, as `randomOrders` draws them for each
 * power in turn (a client or bench seat playing its own power needs no other power's orders).
 */
export function randomPowerOrders(map: GameMap, position: Position, power: PowerId, rng: Rng): Order[] {
  const legal = legalOrders(map, position, power);
  switch (legal.phase) {
    case "movement":
      return legal.units.map((u) => randomMovementOrder(u, rng));
    case "retreat":
      return legal.units.map((u) => randomRetreatOrder(u, rng));
    case "adjustment":
      return randomAdjustmentOrders(map, legal, rng);
  }
}

/** One movement order for a unit, weighted towards moves and supports. */
function randomMovementOrder(unit: UnitLegalOrders, rng: Rng): Order {
  const hold = unit.orders[0]!; // legalOrders lists the hold first
  const of = (kind: Order["kind"]): Order[] => unit.orders.filter((o) => o.kind === kind);
  const r = rng.next();
  const kind =
    r < MOVE_WEIGHT
      ? "move"
      : r < MOVE_WEIGHT + SUPPORT_WEIGHT
        ? "support"
        : r < MOVE_WEIGHT + SUPPORT_WEIGHT + CONVOY_WEIGHT
          ? "convoy"
          : "hold";
  const choices = kind === "hold" ? [] : of(kind);
  return choices.length > 0 ? rng.pick(choices) : hold;
}

/** One retreat-phase order for a dislodged unit: usually a retreat when there is one. */
function randomRetreatOrder(unit: UnitLegalOrders, rng: Rng): Order {
  const retreats = unit.orders.filter((o) => o.kind === "retreat");
  const disband = unit.orders.find((o) => o.kind === "disband")!;
  return retreats.length > 0 && rng.next() < RETREAT_WEIGHT ? rng.pick(retreats) : disband;
}

/** Builds in distinct provinces up to the allowed count, or exactly the removals due. */
function randomAdjustmentOrders(map: GameMap, legal: AdjustmentLegalOrders, rng: Rng): Order[] {
  if (legal.change < 0) return shuffled(legal.removals, rng).slice(0, -legal.change);
  const used = new Set<ProvinceId>();
  const orders: Order[] = [];
  for (const build of shuffled(legal.builds, rng)) {
    if (orders.length >= legal.change) break;
    const province = provinceOf(map, build.unit.location);
    if (used.has(province)) continue;
    used.add(province);
    orders.push(build);
  }
  return orders;
}

/** A shuffled copy (Fisher–Yates, drawing from `rng`). */
function shuffled<T>(xs: readonly T[], rng: Rng): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Options of `playRandomGame`. */
export interface RandomGameOptions {
  /** How many game years to play at most (default 10: 1901 to 1910 on the shipped maps). */
  readonly maxYears?: number;
}

/** One played phase: the orders given and what the adjudicator made of them. */
export interface PlayedPhase {
  readonly orders: readonly Order[];
  readonly resolved: PhaseResolution;
}

/** The record of a random game. */
export interface RandomGame {
  /** Every position reached: `positions[i]` is the board before `phases[i]`; the last is final. */
  readonly positions: readonly Position[];
  /** Every phase played, in order. */
  readonly phases: readonly PlayedPhase[];
  /** The power with a solo at the end, or null when the year limit came first. */
  readonly winner: PowerId | null;
}

/**
 * Plays a game with `randomOrders` for every power, from the map's initial position until a power
 * owns enough centres for a solo or `maxYears` years have been played. The seed fixes every draw,
 * so the same map and seed give a deep-equal record.
 */
export function playRandomGame(
  map: GameMap,
  seed: string | number,
  options: RandomGameOptions = {},
): RandomGame {
  const lastYear = map.start.year + (options.maxYears ?? 10) - 1;
  const rng = createRng(seed);
  const positions: Position[] = [initialPosition(map)];
  const phases: PlayedPhase[] = [];
  let position = positions[0]!;
  let winner: PowerId | null = null;
  while (position.year <= lastYear && winner === null) {
    const orders = randomOrders(map, position, rng);
    const step = resolvePhase(map, position, orders);
    phases.push({ orders, resolved: step.resolved });
    positions.push(step.next);
    position = step.next;
    winner = soloWinner(map, position);
  }
  return { positions, phases, winner };
}
