/**
 * Cede: a power leaves a province by the end of a stated season and does not contest another
 * power's move into it. While in force it orders no move, retreat or build into the province and
 * no support or convoy of anyone's move into it but the receiver's; when the stated season ends (with
 * the last phase played in it or before it, `deadlineEnds`) it must have no unit there. A breach
 * harms the receiver.
 */
import { z } from "zod";
import type { Order } from "../../orders/types";
import type { CedeClause } from "../types";
import {
  builtBy,
  checkParty,
  checkProvince,
  deadlineEnds,
  destinationOf,
  firstProblem,
  isAdjudicated,
  isSeason,
  orderName,
  ordersOf,
  powerIdSchema,
  powerName,
  provinceIdSchema,
  provinceName,
  provinceOf,
  seasonName,
  seasonRefSchema,
  unitName,
  type ClauseBreach,
  type ClauseModule,
} from "./facts";

/** The payload of a cede clause. */
export const cedeClauseSchema = z.strictObject({
  kind: z.literal("cede"),
  power: powerIdSchema,
  to: powerIdSchema,
  province: provinceIdSchema,
  by: seasonRefSchema,
});

/** Cede. */
export const cedeClause: ClauseModule<CedeClause> = {
  kind: "cede",
  verifiable: true,
  schema: cedeClauseSchema,
  validate(clause, map, parties) {
    return firstProblem(
      () => checkParty(map, parties, clause.power),
      () => checkParty(map, parties, clause.to),
      () => (clause.power === clause.to ? "A power cannot cede a province to itself." : null),
      () => checkProvince(map, clause.province),
      () => (clause.by.year < map.start.year ? `The game starts in ${map.start.year}.` : null),
    );
  },
  check(clause, facts) {
    const { map } = facts;
    const name = powerName(map, clause.power);
    const place = provinceName(map, clause.province);
    const breach = (description: string, order?: Order): ClauseBreach => ({
      by: clause.power,
      against: [clause.to],
      description,
      ...(order === undefined ? {} : { order }),
    });
    const breaches: ClauseBreach[] = [];
    for (const order of ordersOf(facts, clause.power)) {
      const into = destinationOf(facts, order);
      if (into === null || into.province !== clause.province || into.mover === clause.to) continue;
      breaches.push(
        breach(`${name} ordered ${orderName(map, order)}, contesting ${place}, which it ceded`, order),
      );
    }
    for (const { unit, order } of builtBy(facts, clause.power)) {
      if (provinceOf(map, unit.location) !== clause.province) continue;
      breaches.push(breach(`${name} built ${unitName(map, unit)}, in ${place}, which it ceded`, order));
    }
    if (!isAdjudicated(facts)) {
      // Before adjudication: a unit ordered to stay in the province in the last movement phase it has.
      if (facts.phase.phase !== "movement" || !isSeason(facts, clause.by)) return breaches;
      for (const order of ordersOf(facts, clause.power)) {
        if (order.kind === "move" || !("unit" in order)) continue;
        if (provinceOf(map, order.unit.location) !== clause.province) continue;
        breaches.push(
          breach(
            `${name} ordered ${orderName(map, order)}, staying in ${place} past ${seasonName(clause.by)}`,
            order,
          ),
        );
      }
    } else if (deadlineEnds(facts, clause.by)) {
      for (const unit of facts.after.units) {
        if (unit.power !== clause.power || provinceOf(map, unit.location) !== clause.province) continue;
        breaches.push(
          breach(`${name} still had ${unitName(map, unit)} at the end of ${seasonName(clause.by)}`),
        );
      }
    }
    return breaches;
  },
  describe(clause, map) {
    const place = provinceName(map, clause.province);
    const receiver = powerName(map, clause.to);
    return (
      `${powerName(map, clause.power)} will leave ${place} by the end of ${seasonName(clause.by)} and not ` +
      `contest ${receiver}'s move into it: no moves into ${place}, and no support or convoy for moves ` +
      `into it but ${receiver}'s.`
    );
  },
  protects(clause) {
    return [clause.to];
  },
};
