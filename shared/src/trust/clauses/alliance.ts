/**
 * Alliance A↔B: non-aggression both ways, and neither supports or convoys a third power into the
 * other's units or centres. Non-aggression already forbids supporting anyone's move there, so an
 * alliance is checked as the two non-aggressions; a breach harms the other ally.
 */
import { z } from "zod";
import type { AllianceClause } from "../types";
import { aggressionsOf } from "./non-aggression";
import {
  checkParty,
  firstProblem,
  powerAdjective,
  powerIdSchema,
  powerName,
  type ClauseModule,
} from "./facts";

/** The payload of an alliance clause. */
export const allianceClauseSchema = z.strictObject({
  kind: z.literal("alliance"),
  powers: z.tuple([powerIdSchema, powerIdSchema]),
});

/** Alliance. */
export const allianceClause: ClauseModule<AllianceClause> = {
  kind: "alliance",
  verifiable: true,
  schema: allianceClauseSchema,
  validate(clause, map, parties) {
    const [a, b] = clause.powers;
    return firstProblem(
      () => checkParty(map, parties, a),
      () => checkParty(map, parties, b),
      () => (a === b ? "An alliance is between two different powers." : null),
    );
  },
  check(clause, facts) {
    const [a, b] = clause.powers;
    return [...aggressionsOf(facts, a, b), ...aggressionsOf(facts, b, a)];
  },
  describe(clause, map) {
    const [a, b] = clause.powers;
    return (
      `${powerName(map, a)} and ${powerName(map, b)} are allies: no ${powerAdjective(map, a)} moves into ` +
      `${powerAdjective(map, b)} units or centres, no ${powerAdjective(map, b)} moves into ` +
      `${powerAdjective(map, a)} ones, and neither supports or convoys a third power's move there.`
    );
  },
  protects(clause) {
    return clause.powers;
  },
};
