/**
 * Demilitarised zone: each named power orders no move (or retreat) into the named provinces, and
 * ends no phase with a unit there — checked where the power could act: its units in the zone after
 * a movement phase, its retreats into the zone, its builds there. A breach harms the other named
 * powers (with only one named, every other party of the commitment).
 */
import { z } from "zod";
import type { PowerId, ProvinceId } from "../../map/types";
import type { DemilitarisedZoneClause } from "../types";
import {
  builtBy,
  checkDistinct,
  checkParty,
  checkProvince,
  destinationOf,
  firstProblem,
  isAdjudicated,
  listOf,
  MAX_POWERS,
  MAX_PROVINCES,
  orderName,
  ordersOf,
  powerIdSchema,
  powerName,
  provinceIdSchema,
  provinceName,
  provinceOf,
  unitName,
  type ClauseBreach,
  type ClauseModule,
  type OrderFacts,
} from "./facts";

/** The payload of a demilitarised-zone clause. */
export const demilitarisedZoneClauseSchema = z.strictObject({
  kind: z.literal("demilitarised-zone"),
  powers: z.array(powerIdSchema).max(MAX_POWERS),
  provinces: z.array(provinceIdSchema).max(MAX_PROVINCES),
});

/** The breaches of one named power in one phase. */
function breachesOf(clause: DemilitarisedZoneClause, facts: OrderFacts, power: PowerId): ClauseBreach[] {
  const zone = new Set<ProvinceId>(clause.provinces);
  const against = clause.powers.filter((p) => p !== power);
  const name = powerName(facts.map, power);
  const breaches: ClauseBreach[] = [];
  const entered = new Set<ProvinceId>();
  for (const order of ordersOf(facts, power)) {
    if (order.kind !== "move" && order.kind !== "retreat") continue;
    const into = destinationOf(facts, order);
    if (into === null || !zone.has(into.province)) continue;
    entered.add(into.province);
    breaches.push({
      by: power,
      against,
      description: `${name} ordered ${orderName(facts.map, order)}, into the demilitarised zone`,
      order,
    });
  }
  if (facts.phase.phase === "movement" && !isAdjudicated(facts)) {
    // Before adjudication: a unit in the zone ordered anything but a move stays there.
    for (const order of ordersOf(facts, power)) {
      if (order.kind === "move" || !("unit" in order)) continue;
      if (!zone.has(provinceOf(facts.map, order.unit.location))) continue;
      breaches.push({
        by: power,
        against,
        description: `${name} ordered ${orderName(facts.map, order)}, staying in the demilitarised zone`,
        order,
      });
    }
  } else if (facts.phase.phase === "movement" && isAdjudicated(facts)) {
    for (const unit of facts.after.units) {
      const province = provinceOf(facts.map, unit.location);
      if (unit.power !== power || !zone.has(province) || entered.has(province)) continue;
      breaches.push({
        by: power,
        against,
        description: `${name} kept ${unitName(facts.map, unit)} in the demilitarised zone`,
      });
    }
  }
  for (const { unit, order } of builtBy(facts, power)) {
    if (!zone.has(provinceOf(facts.map, unit.location))) continue;
    breaches.push({
      by: power,
      against,
      description: `${name} built ${unitName(facts.map, unit)} in the demilitarised zone`,
      ...(order === undefined ? {} : { order }),
    });
  }
  return breaches;
}

/** Demilitarised zone. */
export const demilitarisedZoneClause: ClauseModule<DemilitarisedZoneClause> = {
  kind: "demilitarised-zone",
  verifiable: true,
  schema: demilitarisedZoneClauseSchema,
  validate(clause, map, parties) {
    if (clause.powers.length === 0) return "A demilitarised zone needs at least one power to keep it.";
    if (clause.provinces.length === 0) return "A demilitarised zone needs at least one province.";
    return firstProblem(
      () => checkDistinct(clause.powers, "Power"),
      () => checkDistinct(clause.provinces, "Province"),
      ...clause.powers.map((p) => () => checkParty(map, parties, p)),
      ...clause.provinces.map((p) => () => checkProvince(map, p)),
    );
  },
  check(clause, facts) {
    return clause.powers.flatMap((power) => breachesOf(clause, facts, power));
  },
  describe(clause, map) {
    const powers = listOf(clause.powers.map((p) => powerName(map, p)));
    const provinces = listOf(clause.provinces.map((p) => provinceName(map, p)));
    const one = clause.powers.length === 1;
    const them = clause.provinces.length === 1 ? "it" : "them";
    return (
      `${powers} ${one ? "keeps" : "keep"} ${provinces} demilitarised: ` +
      `${one ? "it orders" : "they order"} no moves into ${them} and ${one ? "ends" : "end"} no phase ` +
      `with a unit there.`
    );
  },
  protects(clause) {
    return clause.powers.length > 1 ? clause.powers : [];
  },
};
