/**
 * What the ready bar counts (pure): the orders the seat has given against the orders due this
 * phase, in the phase's own words.
 */
import type { LegalOrders } from "../../../shared/src/orders/legal";
import type { Order } from "../../../shared/src/orders/types";

/** What the bar counts: the orders given and the orders due, in the phase's own words. */
export interface OrderCount {
  readonly given: number;
  readonly due: number;
  readonly noun: string; // "unit" or "choice"
  readonly unset: string; // what becomes of the others: "hold", "disband", or "" (none due)
}

/** The count of the orders shown against the orders due (null when nothing is to be ordered). */
export function orderCount(ordering: {
  readonly legal: LegalOrders | null; // the seat's legal orders (null: nothing to order)
  readonly shown: readonly Order[]; // the orders given so far
}): OrderCount | null {
  const { legal, shown } = ordering;
  if (legal === null) return null;
  if (legal.phase === "adjustment")
    return { given: shown.length, due: Math.abs(legal.change), noun: "choice", unset: "" };
  return {
    given: shown.length,
    due: legal.units.length,
    noun: "unit",
    unset: legal.phase === "retreat" ? "disband" : "hold",
  };
}

/** "2 of 3 units ordered · 1 will hold", or "3 of 3 units ordered". */
export function countText(count: OrderCount): string {
  const noun = count.due === 1 ? count.noun : `${count.noun}s`;
  const head = `${count.given} of ${count.due} ${noun} ${count.noun === "unit" ? "ordered" : "made"}`;
  const missing = count.due - count.given;
  return missing > 0 && count.unset !== "" ? `${head} · ${missing} will ${count.unset}` : head;
}
