/**
 * Warnings before a player breaks their word: which of the drafted orders would break one of the
 * player's own commitments in force (or attack an ally), in plain words naming the partner and the
 * clause, and which commitments the player could give notice on instead. The judgement is the
 * rules' own (`breachesOf`, the check the engine and the bots use); this module only words it.
 */
import type { Position } from "../../../shared/src/game/position";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import type { Order } from "../../../shared/src/orders/types";
import { breachesOf, type OrderBreach } from "../../../shared/src/trust/breaches";
import { describeClause } from "../../../shared/src/trust/clauses";
import { listOf, powerName } from "../../../shared/src/trust/clauses/facts";
import { inForce } from "../../../shared/src/trust/commitments";
import type { Commitment, Notice } from "../../../shared/src/trust/types";

/** What the warnings read of the player's view of the match. */
export interface WarningView {
  readonly position: Position;
  readonly commitments: readonly Commitment[]; // as the player sees them (their secret ones included)
  readonly notices: readonly Notice[]; // notices given this phase
}

/** One commitment a drafted order would break. */
export interface OrderWarning {
  readonly commitmentId: string;
  readonly partners: readonly PowerId[]; // the commitment's other parties
  readonly text: string; // e.g. "Breaks your commitment with France: non-aggression (Germany will not attack France)"
  readonly detail: string; // what the order does, as the newspaper would say it
  readonly noticeGiven: boolean; // the player already gave notice on it this phase
}

/** A commitment the player may give notice on instead of breaking it. */
export interface NoticeOffer {
  readonly commitmentId: string;
  readonly partners: readonly PowerId[];
  readonly partnerNames: string; // e.g. "France", "France and Italy"
  readonly label: string; // e.g. "Give notice to France instead"
  readonly noticeGiven: boolean;
}

/** The name of what is broken, by clause kind (or a hostile act against an ally). */
const KIND_WORDS: Record<OrderBreach["kind"], string> = {
  "non-aggression": "non-aggression",
  alliance: "alliance",
  "demilitarised-zone": "demilitarised zone",
  "support-pledge": "support pledge",
  "no-build": "no build",
  cede: "cession",
  text: "agreement",
  "hostile-act": "hostile act against an ally",
};

/** The gist of a clause: its wording up to the first colon, without the final full stop. */
function gist(text: string): string {
  const colon = text.indexOf(": ");
  return (colon < 0 ? text : text.slice(0, colon)).replace(/\.$/, "");
}

/** The names of powers, e.g. "France and Italy". */
export function powersNamed(map: GameMap, powers: readonly PowerId[]): string {
  return listOf(powers.map((p) => powerName(map, p)));
}

/**
 * For each of `orders` (in the order given), the commitments of `power` in force it would break,
 * worded for the player; [] for an order that keeps faith. Nothing for a power with no commitments.
 */
export function orderWarnings(
  map: GameMap,
  view: WarningView,
  power: PowerId,
  orders: readonly Order[],
): OrderWarning[][] {
  const mine = view.commitments.filter((c) => inForce(c) && c.parties.includes(power));
  const breaches = breachesOf(map, view.position, mine, power, orders);
  return breaches.map((list) => {
    const seen = new Set<string>();
    const out: OrderWarning[] = [];
    for (const b of list) {
      const c = mine.find((m) => m.id === b.commitmentId);
      if (c === undefined) continue;
      const partners = c.parties.filter((p) => p !== power);
      const clause = b.clauseIndex === null ? undefined : c.clauses[b.clauseIndex];
      const what = clause === undefined ? b.description : gist(describeClause(clause, map));
      const text = `Breaks your commitment with ${powersNamed(map, partners)}: ${KIND_WORDS[b.kind]} (${what})`;
      if (seen.has(text)) continue;
      seen.add(text);
      out.push({
        commitmentId: c.id,
        partners,
        text,
        detail: b.description,
        noticeGiven: view.notices.some((n) => n.commitmentId === c.id && n.by === power),
      });
    }
    return out;
  });
}

/** The commitments the warnings name, once each, first named first, as offers to give notice. */
export function noticeOffers(map: GameMap, warnings: readonly (readonly OrderWarning[])[]): NoticeOffer[] {
  const offers = new Map<string, NoticeOffer>();
  for (const w of warnings.flat()) {
    if (offers.has(w.commitmentId)) continue;
    const partnerNames = powersNamed(map, w.partners);
    offers.set(w.commitmentId, {
      commitmentId: w.commitmentId,
      partners: w.partners,
      partnerNames,
      label: `Give notice to ${partnerNames} instead`,
      noticeGiven: w.noticeGiven,
    });
  }
  return [...offers.values()];
}
