/**
 * Would these orders break my word? The one answer to that question, before adjudication, for the
 * bots that keep their pacts and the client that warns a player before a breaking order. It runs
 * the very checkers that judge each phase after adjudication (`checkClause`, `hostileActs`), on the
 * orders alone.
 */
import type { Position } from "../game/position";
import type { GameMap, PowerId } from "../map/types";
import type { Order } from "../orders/types";
import { checkClause } from "./clauses";
import { orderFacts } from "./clauses/facts";
import { hostileActs, hostileActWording, isAggressionClause } from "./defections";
import type { ClauseKind, Commitment } from "./types";

/** One commitment an order would break, and how. */
export interface OrderBreach {
  readonly commitmentId: string;
  readonly clauseIndex: number | null; // the clause broken; null for a hostile act against an ally
  readonly kind: ClauseKind | "hostile-act"; // the broken clause's kind, or an attack on an ally
  readonly against: readonly PowerId[]; // the powers harmed
  readonly description: string; // plain language, as the newspaper would say it
}

/**
 * Which of `power`'s orders would break which commitment, and by which clause: for each order, in
 * the order given, the breaches it makes ([] when it keeps faith). Every verifiable clause is
 * checked by its own checker, and every order attacking an ally (a party of any of the
 * commitments) counts as a hostile act, unless a broken non-aggression or alliance clause already
 * names that order against that ally.
 *
 * Judged on `position` as it stands, and on the orders' intent: a unit ordered to hold, support or
 * convoy in a demilitarised zone (or in a province it must have left by the end of this season)
 * stays there. What no order does — a pledged support left out — names no order and is not listed.
 *
 * @param commitments the commitments to hold the orders to, all taken as in force: pass those in
 *   force, plus any about to be (being accepted, or offered); those `power` is not party to are skipped
 * @param orders orders of `power` for `position`'s phase, e.g. some or all of `legalOrders`
 *
 * Pure; linear in orders × clauses, cheap enough to run on every legal order of a turn.
 */
export function breachesOf(
  map: GameMap,
  position: Position,
  commitments: readonly Commitment[],
  power: PowerId,
  orders: readonly Order[],
): OrderBreach[][] {
  const found: OrderBreach[][] = orders.map(() => []);
  const mine = commitments.filter((c) => c.parties.includes(power));
  if (mine.length === 0 || orders.length === 0) return found;
  const facts = orderFacts(map, position, { [power]: orders });
  const indexOf = new Map<Order, number>();
  orders.forEach((o, i) => {
    if (!indexOf.has(o)) indexOf.set(o, i);
  });
  const aggressions = new Set<string>(); // `${order index}>${ally}`, named by a broken clause
  for (const c of mine) {
    c.clauses.forEach((clause, clauseIndex) => {
      for (const breach of checkClause(clause, facts)) {
        const i = breach.order === undefined ? undefined : indexOf.get(breach.order);
        if (breach.by !== power || i === undefined) continue;
        const against = (breach.against.length > 0 ? breach.against : c.parties).filter((p) => p !== power);
        if (isAggressionClause(clause)) for (const p of against) aggressions.add(`${i}>${p}`);
        found[i]!.push({
          commitmentId: c.id,
          clauseIndex,
          kind: clause.kind,
          against,
          description: breach.description,
        });
      }
    });
  }
  for (const [ally, acts] of hostileActs(facts, mine, power)) {
    const tie = mine.find((c) => c.parties.includes(ally))!;
    for (const act of acts) {
      const i = indexOf.get(act.order)!;
      if (aggressions.has(`${i}>${ally}`)) continue;
      found[i]!.push({
        commitmentId: tie.id,
        clauseIndex: null,
        kind: "hostile-act",
        against: [ally],
        description: hostileActWording(map, act),
      });
    }
  }
  return found;
}
