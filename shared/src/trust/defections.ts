/**
 * Defection detection, after every adjudicated phase. A defection by A against B is a breach of
 * a verifiable clause that protects B, or — in a movement phase — a hostile act against an ally:
 * ordering, supporting or convoying a move into a province where B has a unit or owns a centre.
 * All of A's acts against B in one phase make one defection, judged as:
 * - *retaliation* when B defected against A in one of the two movement phases before this one;
 * - *announced* when A gave B notice, in this same phase, on every commitment the acts break;
 * - *surprise* otherwise: B learns of it through the newspaper.
 */
import type { GameMap, PowerId, ProvinceId } from "../map/types";
import { formatOrder } from "../orders/notation";
import type { Order } from "../orders/types";
import { checkClause } from "./clauses";
import { destinationOf, ordersOf, type OrderFacts, type PhaseFacts } from "./clauses/facts";
import { attackOn } from "./clauses/non-aggression";
import { commitmentsBetween } from "./commitments";
import type { Clause, Commitment, Defection, DefectionAct, DefectionKind, Notice } from "./types";

/** One hostile act: an order attacking an ally, and the ally's province it goes into. */
export interface HostileAct {
  readonly order: Order;
  readonly province: ProvinceId;
}

/**
 * A power's hostile acts against each ally in a movement phase, keyed by the ally: its orders that
 * attack the ally (`attackOn`), except into a province the ally has ceded to it. Every commitment
 * in `inForce` is taken as in force; its parties are allies.
 */
export function hostileActs(
  facts: OrderFacts,
  inForce: readonly Commitment[],
  by: PowerId,
): Map<PowerId, HostileAct[]> {
  const acts = new Map<PowerId, HostileAct[]>();
  if (facts.phase.phase !== "movement") return acts;
  const allies = new Set<PowerId>();
  for (const c of inForce) if (c.parties.includes(by)) for (const p of c.parties) if (p !== by) allies.add(p);
  for (const ally of allies) {
    const ceded = cededTo(inForce, ally, by);
    for (const order of ordersOf(facts, by)) {
      if (attackOn(facts, order, ally) === null) continue;
      const province = destinationOf(facts, order)!.province;
      if (ceded.has(province)) continue;
      const list = acts.get(ally) ?? [];
      list.push({ order, province });
      acts.set(ally, list);
    }
  }
  return acts;
}

/** A hostile act in plain words, e.g. "A mun - bur: against an ally in Burgundy". */
export function hostileActWording(map: GameMap, act: HostileAct): string {
  return `${formatOrder(act.order)}: against an ally in ${map.province.get(act.province)?.name ?? act.province}`;
}

/** Provinces that `from` has agreed, by a cede clause of a commitment in `inForce`, to hand over to `to`. */
function cededTo(inForce: readonly Commitment[], from: PowerId, to: PowerId): Set<ProvinceId> {
  const provinces = new Set<ProvinceId>();
  for (const c of inForce) {
    if (!c.parties.includes(from) || !c.parties.includes(to)) continue;
    for (const clause of c.clauses) {
      if (clause.kind === "cede" && clause.power === from && clause.to === to) provinces.add(clause.province);
    }
  }
  return provinces;
}

/** What each pair (by, against) did in the phase, before it is judged. */
interface Charge {
  readonly by: PowerId;
  readonly against: PowerId;
  readonly acts: DefectionAct[];
  readonly commitmentIds: Set<string>; // the commitments the acts break
}

/**
 * Finds the defections of one resolved phase.
 * @param inForce the commitments in force during the phase (notices given in it included)
 * @param notices the notices given during the phase
 * @param recent defections of the two movement phases before this one (for retaliation)
 */
export function detectDefections(
  facts: PhaseFacts,
  inForce: readonly Commitment[],
  notices: readonly Notice[],
  recent: readonly Defection[],
): Defection[] {
  const charges = new Map<string, Charge>();
  const charge = (by: PowerId, against: PowerId): Charge => {
    const key = `${by}>${against}`;
    let c = charges.get(key);
    if (!c) {
      c = { by, against, acts: [], commitmentIds: new Set() };
      charges.set(key, c);
    }
    return c;
  };

  for (const commitment of inForce) {
    commitment.clauses.forEach((clause, clauseIndex) => {
      for (const breach of checkClause(clause, facts)) {
        const victims =
          breach.against.length > 0 ? breach.against : commitment.parties.filter((p) => p !== breach.by);
        for (const victim of victims) {
          if (victim === breach.by) continue;
          const c = charge(breach.by, victim);
          c.acts.push({
            cause: "breach",
            commitmentId: commitment.id,
            clauseIndex,
            description: breach.description,
          });
          c.commitmentIds.add(commitment.id);
        }
      }
    });
  }

  const powers = new Set(inForce.flatMap((c) => c.parties));
  for (const by of [...powers].sort()) {
    for (const [ally, acts] of hostileActs(facts, inForce, by)) {
      const between = commitmentsBetween(inForce, by, ally);
      const c = charge(by, ally);
      // A broken non-aggression or alliance clause already describes these very orders.
      const covered = c.acts.some((a) => isHostile(a, inForce));
      for (const act of covered ? [] : acts) {
        c.acts.push({
          cause: "hostile-act",
          commitmentId: between[0]!.id,
          clauseIndex: null,
          description: hostileActWording(facts.map, act),
        });
      }
      for (const x of between) c.commitmentIds.add(x.id);
    }
  }

  return [...charges.values()]
    .filter((c) => c.acts.length > 0)
    .map((c) => ({
      by: c.by,
      against: c.against,
      kind: judge(c, notices, recent),
      at: facts.phase,
      acts: c.acts,
    }));
}

function judge(c: Charge, notices: readonly Notice[], recent: readonly Defection[]): DefectionKind {
  if (recent.some((d) => d.by === c.against && d.against === c.by)) return "retaliation";
  const noticed = [...c.commitmentIds].every((id) =>
    notices.some((n) => n.commitmentId === id && n.by === c.by),
  );
  return noticed ? "announced" : "surprise";
}

/** Whether an act is an attack on an ally: a hostile act, or a broken non-aggression or alliance clause. */
function isHostile(act: DefectionAct, inForce: readonly Commitment[]): boolean {
  if (act.cause === "hostile-act") return true;
  const clause =
    act.clauseIndex === null
      ? undefined
      : inForce.find((x) => x.id === act.commitmentId)?.clauses[act.clauseIndex];
  return clause !== undefined && isAggressionClause(clause);
}

/** Whether a clause forbids attacking a party (non-aggression, alliance): its breaches are hostile acts too. */
export function isAggressionClause(clause: Clause): boolean {
  return clause.kind === "non-aggression" || clause.kind === "alliance";
}

/**
 * The commitments a defection breaks: every commitment its acts name, and, when it attacks the
 * ally, every tie between the two.
 */
export function brokenCommitments(defection: Defection, inForce: readonly Commitment[]): string[] {
  const ids = new Set(defection.acts.map((a) => a.commitmentId));
  if (defection.acts.some((a) => isHostile(a, inForce))) {
    for (const c of commitmentsBetween(inForce, defection.by, defection.against)) ids.add(c.id);
  }
  return [...ids];
}
