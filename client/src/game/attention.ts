/**
 * What asks for this seat's attention, as plain data (no React, no DOM): unread press, proposals
 * waiting for this seat's answer, notices other parties gave on its commitments this phase, and
 * whether its orders are still to give. The tab title and the Commitments badge are made from it.
 */
import type { PowerId } from "../../../shared/src/map/types";
import type { Commitment, Notice } from "../../../shared/src/trust/types";

/** The base of every tab title. */
export const APP_TITLE = "Entente";

/** What waits for this seat. */
export interface Attention {
  readonly unread: number; // unread press items
  readonly proposals: number; // proposals naming this seat that it has not answered
  readonly notices: number; // notices received on its commitments this phase
  readonly yourMove: boolean; // its orders are still to give
}

/** The proposals that name `me` and wait for its answer. */
export function awaitingAnswer(commitments: readonly Commitment[], me: PowerId | null): Commitment[] {
  if (me === null) return [];
  return commitments.filter(
    (c) => c.status === "proposed" && c.parties.includes(me) && !c.acceptedBy.includes(me),
  );
}

/** The notices another party gave this phase on a commitment `me` is party to. */
export function noticesReceived(
  notices: readonly Notice[],
  commitments: readonly Commitment[],
  me: PowerId | null,
): Notice[] {
  if (me === null) return [];
  const mine = new Set(commitments.filter((c) => c.parties.includes(me)).map((c) => c.id));
  return notices.filter((n) => n.by !== me && mine.has(n.commitmentId));
}

/** The Commitments tab's badge: proposals to answer and notices received (0: no badge). */
export function commitmentsBadge(
  state: { readonly commitments: readonly Commitment[]; readonly notices: readonly Notice[] } | null,
  me: PowerId | null,
): number {
  if (state === null) return 0;
  return (
    awaitingAnswer(state.commitments, me).length +
    noticesReceived(state.notices, state.commitments, me).length
  );
}

/**
 * The tab title: "(n) Your move · Entente", where n counts unread press, proposals to answer and
 * notices received; each part left out when there is nothing to say (then just `base`).
 */
export function tabTitle(attention: Attention, base: string = APP_TITLE): string {
  const count = attention.unread + attention.proposals + attention.notices;
  const prefix = count > 0 ? `(${count}) ` : "";
  return `${prefix}${attention.yourMove ? `Your move · ${base}` : base}`;
}
