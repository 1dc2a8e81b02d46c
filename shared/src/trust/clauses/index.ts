/**
 * The clause catalogue: one module per clause kind, a registry keyed by kind, the schema of any
 * clause payload, and the entry points the rest of the trust layer uses — validate at proposal,
 * check after each adjudicated phase, describe in plain words, and say whom a clause protects.
 * Adding a clause kind is adding a module and a line here.
 */
import { z } from "zod";
import type { GameMap, PowerId } from "../../map/types";
import type { Clause, ClauseKind } from "../types";
import { allianceClause, allianceClauseSchema } from "./alliance";
import { cedeClause, cedeClauseSchema } from "./cede";
import { demilitarisedZoneClause, demilitarisedZoneClauseSchema } from "./demilitarised-zone";
import type { ClauseBreach, ClauseModule, OrderFacts } from "./facts";
import { noBuildClause, noBuildClauseSchema } from "./no-build";
import { nonAggressionClause, nonAggressionClauseSchema } from "./non-aggression";
import { supportPledgeClause, supportPledgeClauseSchema } from "./support-pledge";
import { textClause, textClauseSchema } from "./text";

export type { Build, ClauseBreach, ClauseModule, OrderFacts, PhaseFacts } from "./facts";
export { isAdjudicated, orderFacts, phaseFacts } from "./facts";
export { attackOn } from "./non-aggression";
export { MAX_TEXT_LENGTH } from "./text";

/** The clause of a given kind. */
export type ClauseOfKind<K extends ClauseKind> = Extract<Clause, { readonly kind: K }>;

/** Every clause module, by kind. */
export const CLAUSES: { readonly [K in ClauseKind]: ClauseModule<ClauseOfKind<K>> } = {
  text: textClause,
  "non-aggression": nonAggressionClause,
  "demilitarised-zone": demilitarisedZoneClause,
  "support-pledge": supportPledgeClause,
  "no-build": noBuildClause,
  cede: cedeClause,
  alliance: allianceClause,
};

/** The clause kinds, in catalogue order. */
export const CLAUSE_KINDS = Object.keys(CLAUSES) as readonly ClauseKind[];

/** The payload of any clause: a union discriminated by `kind`, each member a strict object. */
export const clauseSchema: z.ZodType<Clause> = z.discriminatedUnion("kind", [
  textClauseSchema,
  nonAggressionClauseSchema,
  demilitarisedZoneClauseSchema,
  supportPledgeClauseSchema,
  noBuildClauseSchema,
  cedeClauseSchema,
  allianceClauseSchema,
]);

/** The module of a clause's kind. */
function moduleOf<C extends Clause>(clause: C): ClauseModule<C> {
  return CLAUSES[clause.kind] as unknown as ClauseModule<C>;
}

/**
 * Checks a clause at proposal against the map and the commitment's parties: the powers it names
 * are parties on the map, the provinces exist (centres where needed), and its own rules hold.
 * Returns a player-facing message, or null when the clause is sound.
 */
export function validateClause(clause: Clause, map: GameMap, parties: readonly PowerId[]): string | null {
  return moduleOf(clause).validate(clause, map, parties);
}

/**
 * The breaches of a clause in one phase — adjudicated (`phaseFacts`), or only ordered
 * (`orderFacts`, judged on the orders' intent); [] when kept, and always [] for free text.
 * A breach with an empty `against` harms every other party of the commitment.
 */
export function checkClause(clause: Clause, facts: OrderFacts): readonly ClauseBreach[] {
  return moduleOf(clause).check(clause, facts);
}

/** A clause in plain words, with the map's names for powers and provinces. */
export function describeClause(clause: Clause, map: GameMap): string {
  return moduleOf(clause).describe(clause, map);
}

/** Whether the engine checks a clause (every kind but free text); verifiable clauses cost capacity. */
export function isVerifiable(clause: Clause): boolean {
  return moduleOf(clause).verifiable;
}

/** The powers a breach of the clause harms; an empty list means every other party of the commitment. */
export function clauseProtects(clause: Clause): readonly PowerId[] {
  return moduleOf(clause).protects(clause);
}
