/**
 * What a clause checker sees of one phase — its orders before adjudication (`OrderFacts`), or the
 * whole adjudicated phase (`PhaseFacts`) — what it reports when a clause is not kept
 * (`ClauseBreach`), the shape every clause module has (`ClauseModule`), and the small readers the
 * modules share: provinces of locations, names of powers and provinces, orders in plain words, who
 * holds a province. Pure functions of their arguments.
 */
import { z } from "zod";
import type { AdjustmentResolution } from "../../adjudicator/types";
import type { PhaseResolution, PhaseStep } from "../../game/phases";
import { SEASONS, type Position } from "../../game/position";
import type { GameMap, LocationId, PowerId, ProvinceId, Unit } from "../../map/types";
import type {
  BuildOrder,
  ConvoyOrder,
  MoveOrder,
  Order,
  RetreatOrder,
  SupportOrder,
  UnitRef,
} from "../../orders/types";
import type { Clause, PhaseRef, SeasonRef } from "../types";
import { provinceOf } from "../../map/locations";
import { phaseOf, seasonEndsWith } from "../calendar";

/**
 * The orders of one phase and the board they were given on, as the clause checkers see them before
 * adjudication: what the orders themselves break is judged, and what depends on how they resolve
 * (units left standing, a pledge left out) on the orders' intent: a unit not ordered away stays.
 */
export interface OrderFacts {
  readonly map: GameMap;
  /** The phase (year, season, phase kind). */
  readonly phase: PhaseRef;
  /** The position the phase started from. */
  readonly before: Position;
  /** The orders given, per power (once adjudicated: those accepted, illegal ones left out). */
  readonly orders: Readonly<Record<PowerId, readonly Order[]>>;
}

/** One adjudicated phase, as the clause checkers see it. */
export interface PhaseFacts extends OrderFacts {
  /** The position after it (the next phase's position). */
  readonly after: Position;
  readonly resolved: PhaseResolution;
  /** The phase after it (the phase of `after`). */
  readonly next: PhaseRef;
}

/**
 * A clause left unkept in one phase. `against` lists the powers the breach harms; an empty list
 * means "every other party of the commitment" (a no-build clause, or a demilitarised zone with one
 * named power, protects whoever signed it with the breaker — a clause alone does not know them).
 */
export interface ClauseBreach {
  readonly by: PowerId;
  readonly against: readonly PowerId[];
  /** Plain English naming provinces by their map names, e.g. "Germany ordered A Munich - Burgundy, into a French-held province". */
  readonly description: string;
  /** The order that makes the breach, when one order does (not for a unit left standing or a pledge left out). */
  readonly order?: Order;
}

/** One kind of clause: its payload schema, its proposal check, its checker and its wording. */
export interface ClauseModule<C extends Clause> {
  readonly kind: C["kind"];
  /** False only for free text, which the engine never judges. */
  readonly verifiable: boolean;
  /** The payload's shape: strict objects, lower-case province ids, upper-case power ids. */
  readonly schema: z.ZodType<C>;
  /** Semantic check at proposal time against the map and the commitment's parties: a player-facing message, or null when sound. */
  validate(clause: C, map: GameMap, parties: readonly PowerId[]): string | null;
  /** The breaches of the clause in one phase, adjudicated or only ordered; [] when kept. */
  check(clause: C, facts: OrderFacts): readonly ClauseBreach[];
  /** Plain-language wording with map names. */
  describe(clause: C, map: GameMap): string;
  /** Whom a breach harms; an empty list means every other party of the commitment. */
  protects(clause: C): readonly PowerId[];
}

/**
 * Builds the facts of a phase from the position it started from, the orders given and what
 * `resolvePhase` returned. Orders the adjudicator ignored as illegal are left out.
 */
export function phaseFacts(map: GameMap, before: Position, step: PhaseStep): PhaseFacts {
  const orders: Record<PowerId, Order[]> = {};
  for (const result of step.resolved.resolution.results) {
    if (result.reason !== undefined) continue;
    (orders[result.order.power] ??= []).push(result.order);
  }
  return {
    map,
    phase: phaseOf(before),
    before,
    after: step.next,
    orders,
    resolved: step.resolved,
    next: phaseOf(step.next),
  };
}

/**
 * The facts of a phase not yet adjudicated: the orders given so far in `position`'s phase, per
 * power, judged on the board as it stands.
 */
export function orderFacts(
  map: GameMap,
  position: Position,
  orders: Readonly<Record<PowerId, readonly Order[]>>,
): OrderFacts {
  return { map, phase: phaseOf(position), before: position, orders };
}

/** Whether the facts are of an adjudicated phase (else only of its orders). */
export function isAdjudicated(facts: OrderFacts): facts is PhaseFacts {
  return "resolved" in facts;
}

// ---------------------------------------------------------------------------------------------
// Payload pieces

/** A power id as maps spell it: upper case, e.g. `FRA`. */
export const powerIdSchema = z.string().regex(/^[A-Z][A-Z0-9]*$/, "a power id in upper case, e.g. FRA");
/** A province id as maps spell it: lower case, no coast, e.g. `mun`. */
export const provinceIdSchema = z.string().regex(/^[a-z][a-z0-9]*$/, "a province id in lower case, e.g. mun");
/** A season of a year. */
export const seasonRefSchema = z.strictObject({ year: z.number().int(), season: z.enum(SEASONS) });
/** Most powers a clause may name (no map has more). */
export const MAX_POWERS = 64;
/** Most provinces a clause may name (no map has more). */
export const MAX_PROVINCES = 512;

// ---------------------------------------------------------------------------------------------
// Reading the board

export { provinceOf } from "../../map/locations";

/** The orders one power gave (after adjudication: had accepted) this phase. */
export function ordersOf(facts: OrderFacts, power: PowerId): readonly Order[] {
  return Object.hasOwn(facts.orders, power) ? facts.orders[power]! : [];
}

/** The unit standing in a province at the start of the phase, if any. */
export function unitAt(facts: OrderFacts, province: ProvinceId): Unit | undefined {
  return facts.before.units.find((u) => provinceOf(facts.map, u.location) === province);
}

/** How a power holds a province at the start of the phase: by a unit there, by owning its centre, or not at all. */
export function holding(facts: OrderFacts, power: PowerId, province: ProvinceId): "unit" | "centre" | null {
  if (unitAt(facts, province)?.power === power) return "unit";
  if (facts.before.supplyCenters[province] === power) return "centre";
  return null;
}

/** A move, support of a move, or convoy: an order that sends some unit into a province. */
export type OrderIntoProvince = MoveOrder | RetreatOrder | SupportOrder | ConvoyOrder;

/**
 * The province an order sends a unit into and the power whose unit goes there (the mover), or
 * null for orders that send no unit anywhere (holds, supports to hold, builds...).
 */
export function destinationOf(
  facts: OrderFacts,
  order: Order,
): {
  readonly province: ProvinceId;
  readonly mover: PowerId | null;
  readonly order: OrderIntoProvince;
} | null {
  switch (order.kind) {
    case "move":
    case "retreat":
      return { province: provinceOf(facts.map, order.to), mover: order.power, order };
    case "support":
    case "convoy": {
      if (order.to === undefined) return null;
      const target = unitAt(facts, provinceOf(facts.map, order.target.location));
      return { province: provinceOf(facts.map, order.to), mover: target?.power ?? null, order };
    }
    default:
      return null;
  }
}

/** A unit a power builds, and the build order that makes it. */
export interface Build {
  readonly unit: Unit;
  readonly order: BuildOrder | undefined;
}

/**
 * Units a power built this phase (none outside adjustment phases), each with its build order;
 * before adjudication, the units its build orders would make.
 */
export function builtBy(facts: OrderFacts, power: PowerId): readonly Build[] {
  const builds = ordersOf(facts, power).filter((o): o is BuildOrder => o.kind === "build");
  const orderFor = (unit: Unit): BuildOrder | undefined =>
    builds.find((o) => provinceOf(facts.map, o.unit.location) === provinceOf(facts.map, unit.location));
  if (isAdjudicated(facts)) {
    if (facts.resolved.phase !== "adjustment") return [];
    const resolution: AdjustmentResolution = facts.resolved.resolution;
    return resolution.built.filter((u) => u.power === power).map((unit) => ({ unit, order: orderFor(unit) }));
  }
  if (facts.phase.phase !== "adjustment") return [];
  // As the adjudicator builds: an army stands on the province itself, whatever coast was named.
  return builds.map((order) => {
    const at = order.unit.type === "A" ? provinceOf(facts.map, order.unit.location) : order.unit.location;
    return { unit: { power, type: order.unit.type, location: at }, order };
  });
}

/**
 * Whether a deadline's season ends with this adjudicated phase: it is the last phase played in the
 * season or before it (`seasonEndsWith`), e.g. fall 1901 for "by winter 1901" when no winter is played.
 */
export function deadlineEnds(facts: PhaseFacts, by: SeasonRef): boolean {
  return seasonEndsWith(by, facts.phase, facts.next);
}

/** Whether the facts are of the given season of the given year. */
export function isSeason(facts: OrderFacts, when: SeasonRef): boolean {
  return facts.phase.year === when.year && facts.phase.season === when.season;
}

// ---------------------------------------------------------------------------------------------
// Wording

const COAST_NAMES: Readonly<Record<string, string>> = {
  nc: "north coast",
  sc: "south coast",
  ec: "east coast",
  wc: "west coast",
};

/** A power's name on the map, e.g. `France`. */
export function powerName(map: GameMap, power: PowerId): string {
  return map.power.get(power)?.name ?? power;
}

/** A power's adjective on the map, e.g. `French`. */
export function powerAdjective(map: GameMap, power: PowerId): string {
  return map.power.get(power)?.adjective ?? power;
}

/** A province's name on the map, e.g. `Munich`. */
export function provinceName(map: GameMap, province: ProvinceId): string {
  return map.province.get(province)?.name ?? province;
}

/** A location's name, with its coast spelled out, e.g. `Spain (north coast)`. */
export function locationName(map: GameMap, location: LocationId): string {
  const loc = map.location.get(location);
  const name = provinceName(map, loc?.province ?? location);
  if (loc?.coast === null || loc?.coast === undefined) return name;
  return `${name} (${COAST_NAMES[loc.coast] ?? loc.coast})`;
}

/** A unit by type and place, e.g. `A Munich`. */
export function unitName(map: GameMap, unit: UnitRef): string {
  return `${unit.type} ${locationName(map, unit.location)}`;
}

/** An order in the usual notation with map names, e.g. `A Ruhr S A Munich - Burgundy`. */
export function orderName(map: GameMap, order: Order): string {
  switch (order.kind) {
    case "hold":
      return `${unitName(map, order.unit)} H`;
    case "move":
      return `${unitName(map, order.unit)} - ${locationName(map, order.to)}`;
    case "support":
      return `${unitName(map, order.unit)} S ${unitName(map, order.target)}${
        order.to === undefined ? "" : ` - ${locationName(map, order.to)}`
      }`;
    case "convoy":
      return `${unitName(map, order.unit)} C ${unitName(map, order.target)} - ${locationName(map, order.to)}`;
    case "retreat":
      return `${unitName(map, order.unit)} R ${locationName(map, order.to)}`;
    case "disband":
      return `${unitName(map, order.unit)} D`;
    case "build":
      return `build ${unitName(map, order.unit)}`;
    case "remove":
      return `remove ${unitName(map, order.unit)}`;
    case "waive":
      return "waive";
  }
}

/** A season in words, e.g. `spring 1902`. */
export function seasonName(when: SeasonRef): string {
  return `${when.season} ${when.year}`;
}

/** Words joined as a list: `a`, `a and b`, `a, b and c` (or with `or`). */
export function listOf(words: readonly string[], conjunction: "and" | "or" = "and"): string {
  if (words.length <= 1) return words[0] ?? "";
  return `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1]!}`;
}

// ---------------------------------------------------------------------------------------------
// Proposal checks shared by the modules

/** A message when a power is not on the map or not a party, else null. */
export function checkParty(map: GameMap, parties: readonly PowerId[], power: PowerId): string | null {
  if (!map.power.has(power)) return `There is no power "${power}" on this map.`;
  if (!parties.includes(power)) return `${powerName(map, power)} is not a party to this commitment.`;
  return null;
}

/** A message when a province is not on the map (or, with `centre`, is not a supply centre), else null. */
export function checkProvince(map: GameMap, province: ProvinceId, centre = false): string | null {
  const found = map.province.get(province);
  if (found === undefined) return `There is no province "${province}" on this map.`;
  if (centre && !found.supplyCenter) return `${found.name} is not a supply centre.`;
  return null;
}

/** A message naming the first repeated entry of a list, else null. */
export function checkDistinct(items: readonly string[], what: string): string | null {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item)) return `${what} "${item}" is named twice.`;
    seen.add(item);
  }
  return null;
}

/** The first non-null message of a list of checks, or null. */
export function firstProblem(...checks: readonly (() => string | null)[]): string | null {
  for (const check of checks) {
    const problem = check();
    if (problem !== null) return problem;
  }
  return null;
}
