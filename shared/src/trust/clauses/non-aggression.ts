/**
 * Non-aggression A→B: A orders no move into a province where B has a unit or owns a centre, and
 * supports or convoys no such move by anyone (B's own moves aside). Judged on the position the
 * movement phase started from; other phases cannot break it.
 */
import { z } from "zod";
import type { GameMap, PowerId } from "../../map/types";
import type { Order } from "../../orders/types";
import type { NonAggressionClause } from "../types";
import {
  checkParty,
  destinationOf,
  firstProblem,
  holding,
  ordersOf,
  orderName,
  powerAdjective,
  powerIdSchema,
  powerName,
  type ClauseBreach,
  type ClauseModule,
  type OrderFacts,
} from "./facts";

/** The payload of a non-aggression clause. */
export const nonAggressionClauseSchema = z.strictObject({
  kind: z.literal("non-aggression"),
  from: powerIdSchema,
  to: powerIdSchema,
});

/**
 * Whether an order attacks `to`: it sends a unit into, or supports or convoys someone's move into,
 * a province where `to` has a unit or owns a centre (at the start of the phase), `to`'s own moves
 * aside. Returns how `to` holds the province, or null for no attack. The one test of aggression:
 * non-aggression and alliance clauses and hostile acts against allies all use it.
 */
export function attackOn(facts: OrderFacts, order: Order, to: PowerId): "unit" | "centre" | null {
  const into = destinationOf(facts, order);
  if (into === null || into.mover === to) return null;
  return holding(facts, to, into.province);
}

/**
 * The orders by which `from` attacked `to` in a movement phase: its moves into `to`'s units or
 * centres, and its supports and convoys of anyone else's moves there. Shared with alliances.
 */
export function aggressionsOf(facts: OrderFacts, from: PowerId, to: PowerId): readonly ClauseBreach[] {
  if (facts.phase.phase !== "movement") return [];
  const breaches: ClauseBreach[] = [];
  for (const order of ordersOf(facts, from)) {
    const held = attackOn(facts, order, to);
    if (held === null) continue;
    const adjective = powerAdjective(facts.map, to);
    const article = /^[AEIOU]/i.test(adjective) ? "an" : "a";
    const target =
      held === "unit" ? `${article} ${adjective}-held province` : `${article} ${adjective} centre`;
    const how =
      order.kind === "support"
        ? "supporting a move into"
        : order.kind === "convoy"
          ? "convoying an army into"
          : "into";
    breaches.push({
      by: from,
      against: [to],
      description: `${powerName(facts.map, from)} ordered ${orderName(facts.map, order)}, ${how} ${target}`,
      order,
    });
  }
  return breaches;
}

/** Plain wording of "`from` will not attack `to`". */
export function nonAggressionWording(map: GameMap, from: PowerId, to: PowerId): string {
  const adjective = powerAdjective(map, to);
  return (
    `${powerName(map, from)} will not attack ${powerName(map, to)}: no moves into ${adjective} units or ` +
    `centres, and no support or convoy for such moves.`
  );
}

/** Non-aggression A→B. */
export const nonAggressionClause: ClauseModule<NonAggressionClause> = {
  kind: "non-aggression",
  verifiable: true,
  schema: nonAggressionClauseSchema,
  validate(clause, map, parties) {
    return firstProblem(
      () => checkParty(map, parties, clause.from),
      () => checkParty(map, parties, clause.to),
      () => (clause.from === clause.to ? "A power cannot promise non-aggression to itself." : null),
    );
  },
  check(clause, facts) {
    return aggressionsOf(facts, clause.from, clause.to);
  },
  describe(clause, map) {
    return nonAggressionWording(map, clause.from, clause.to);
  },
  protects(clause) {
    return [clause.to];
  },
};
