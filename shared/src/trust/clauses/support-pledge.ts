/**
 * Support pledge: in the movement phase of a stated spring or fall, a power orders a stated
 * support — its unit in one province supports the unit in another to hold, or to move into a
 * third. Compared by province (coasts ignored). Leaving the order out, or ordering something
 * else, breaks the pledge; a breach harms the beneficiary.
 */
import { z } from "zod";
import type { GameMap } from "../../map/types";
import type { Order } from "../../orders/types";
import type { SupportPledgeClause } from "../types";
import {
  checkParty,
  checkProvince,
  firstProblem,
  isAdjudicated,
  isSeason,
  ordersOf,
  powerAdjective,
  powerIdSchema,
  powerName,
  provinceIdSchema,
  provinceName,
  provinceOf,
  seasonName,
  seasonRefSchema,
  type ClauseBreach,
  type ClauseModule,
} from "./facts";

/** The payload of a support-pledge clause. */
export const supportPledgeClauseSchema = z.strictObject({
  kind: z.literal("support-pledge"),
  power: powerIdSchema,
  beneficiary: powerIdSchema,
  supporter: provinceIdSchema,
  supported: provinceIdSchema,
  to: provinceIdSchema.nullable(),
  when: seasonRefSchema,
});

/** Whether an order is the pledged support. */
function isPledged(clause: SupportPledgeClause, map: GameMap, order: Order): boolean {
  if (order.kind !== "support") return false;
  if (provinceOf(map, order.unit.location) !== clause.supporter) return false;
  if (provinceOf(map, order.target.location) !== clause.supported) return false;
  const to = order.to === undefined ? null : provinceOf(map, order.to);
  return to === clause.to;
}

/** What is pledged, in words: "support the French unit in Burgundy into Belgium with its unit in Munich". */
function pledgeWording(clause: SupportPledgeClause, map: GameMap): string {
  const target = `the ${powerAdjective(map, clause.beneficiary)} unit in ${provinceName(map, clause.supported)}`;
  const aim = clause.to === null ? "to hold" : `into ${provinceName(map, clause.to)}`;
  return `support ${target} ${aim} with its unit in ${provinceName(map, clause.supporter)}`;
}

/** Support pledge. */
export const supportPledgeClause: ClauseModule<SupportPledgeClause> = {
  kind: "support-pledge",
  verifiable: true,
  schema: supportPledgeClauseSchema,
  validate(clause, map, parties) {
    return firstProblem(
      () => checkParty(map, parties, clause.power),
      () => checkParty(map, parties, clause.beneficiary),
      () => (clause.power === clause.beneficiary ? "A support pledge is made to another power." : null),
      () => checkProvince(map, clause.supporter),
      () => checkProvince(map, clause.supported),
      () => (clause.to === null ? null : checkProvince(map, clause.to)),
      () => (clause.supporter === clause.supported ? "A unit cannot support itself." : null),
      () => (clause.to === clause.supported ? "A supported move must go somewhere else." : null),
      () => (clause.to === clause.supporter ? "A unit cannot support a move into its own province." : null),
      () =>
        clause.when.season === "spring" || clause.when.season === "fall"
          ? null
          : "A support is ordered in spring or fall, not in winter.",
      () => (clause.when.year < map.start.year ? `The game starts in ${map.start.year}.` : null),
    );
  },
  check(clause, facts) {
    if (facts.phase.phase !== "movement" || !isSeason(facts, clause.when)) return [];
    const breach = (order: Order | undefined): ClauseBreach => ({
      by: clause.power,
      against: [clause.beneficiary],
      description:
        `${powerName(facts.map, clause.power)} did not ${pledgeWording(clause, facts.map)}, ` +
        `as pledged for ${seasonName(clause.when)}`,
      ...(order === undefined ? {} : { order }),
    });
    const orders = ordersOf(facts, clause.power);
    // The supporting unit's orders other than the pledged one.
    const instead = orders.filter(
      (order) =>
        "unit" in order &&
        provinceOf(facts.map, order.unit.location) === clause.supporter &&
        !isPledged(clause, facts.map, order),
    );
    // Before adjudication each such order breaks the pledge; one left out is not judged yet.
    if (!isAdjudicated(facts)) return instead.map(breach);
    if (orders.some((order) => isPledged(clause, facts.map, order))) return [];
    return [breach(instead[0])];
  },
  describe(clause, map) {
    return `In ${seasonName(clause.when)}, ${powerName(map, clause.power)} will ${pledgeWording(clause, map)}.`;
  },
  protects(clause) {
    return [clause.beneficiary];
  },
};
