/**
 * No build: in adjustment phases a power builds no unit (or, with `fleetsOnly`, no fleet) in the
 * stated centres, or anywhere when none are stated. Judged on the units actually built. A breach
 * harms every other party of the commitment, so the clause names no victim itself.
 */
import { z } from "zod";
import type { NoBuildClause } from "../types";
import {
  builtBy,
  checkDistinct,
  checkParty,
  checkProvince,
  firstProblem,
  listOf,
  MAX_PROVINCES,
  powerIdSchema,
  powerName,
  provinceIdSchema,
  provinceName,
  provinceOf,
  unitName,
  type ClauseModule,
} from "./facts";

/** The payload of a no-build clause. */
export const noBuildClauseSchema = z.strictObject({
  kind: z.literal("no-build"),
  power: powerIdSchema,
  centers: z.array(provinceIdSchema).max(MAX_PROVINCES),
  fleetsOnly: z.boolean(),
});

/** No build. */
export const noBuildClause: ClauseModule<NoBuildClause> = {
  kind: "no-build",
  verifiable: true,
  schema: noBuildClauseSchema,
  validate(clause, map, parties) {
    return firstProblem(
      () => checkParty(map, parties, clause.power),
      () => checkDistinct(clause.centers, "Centre"),
      ...clause.centers.map((c) => () => checkProvince(map, c, true)),
    );
  },
  check(clause, facts) {
    const centres = new Set(clause.centers);
    return builtBy(facts, clause.power)
      .filter(({ unit }) => !clause.fleetsOnly || unit.type === "F")
      .filter(({ unit }) => centres.size === 0 || centres.has(provinceOf(facts.map, unit.location)))
      .map(({ unit, order }) => ({
        by: clause.power,
        against: [],
        description: `${powerName(facts.map, clause.power)} built ${unitName(facts.map, unit)}`,
        ...(order === undefined ? {} : { order }),
      }));
  },
  describe(clause, map) {
    const what = clause.fleetsOnly ? "fleets" : "units";
    const where =
      clause.centers.length === 0
        ? ""
        : ` in ${listOf(
            clause.centers.map((c) => provinceName(map, c)),
            "or",
          )}`;
    return `${powerName(map, clause.power)} will build no ${what}${where}.`;
  },
  protects() {
    return [];
  },
};
