/**
 * Why the adjudicator ignores an order: every code it can return, in one table, with its meaning.
 * An ignored (illegal) order is reported as failing with one of these as its reason, and its unit
 * holds (movement), disbands (retreat), or the build or removal does not happen (adjustment).
 */
import type { OrderError } from "../orders/types";

/** Every reason the adjudicator gives for ignoring an order. */
export const ILLEGAL_ORDER_CODES = {
  "wrong-phase": "an order kind this phase does not allow",
  "unknown-location": "a place that is not on the map",
  "unknown-power": "a power that is not on the map",
  "no-unit": "no unit stands where the order says",
  "not-your-unit": "the unit belongs to another power",
  "duplicate-order": "the unit already has an order (the first one counts)",
  "move-to-own-province": "a move to the province the unit is in",
  "army-to-sea": "an army ordered into a sea",
  "not-adjacent": "a move the unit cannot make, not even by convoy",
  "coast-not-specified":
    "a fleet sent to a split-coast province without its coast, when both coasts are possible",
  "fleet-via-convoy": "only armies can be convoyed",
  "no-convoy-route": "no fleets at sea could carry the army there",
  "support-self": "a unit cannot support itself",
  "no-unit-to-support": "no unit stands where the support says",
  "cannot-reach": "a unit can only support into a province it could move to itself",
  "support-into-own-province": "a support of a move into the supporter's own province",
  "only-fleets-convoy": "only fleets can convoy",
  "convoy-from-coast": "only a fleet at sea can convoy",
  "only-armies-convoyed": "no army stands where the convoy says",
  "convoy-to-non-coast": "a convoy carries an army from one coast to another",
  "convoy-not-on-route": "the fleet is on no convoy route that needs it (DATC 6.G.19)",
  "not-dislodged": "a retreat order for a unit that was not dislodged",
  "cannot-retreat-there": "not one of the unit's retreat options",
  "no-builds-due": "a build or waive by a power that has no builds",
  "no-removals-due": "a removal by a power that has nothing to remove",
  "too-many-orders": "more builds or removals than the power is due (the first ones count)",
  "not-a-home-center": "builds only go in the power's own home centres",
  "center-not-owned": "a home centre the power does not own now",
  "center-occupied": "a build in an occupied centre",
  "fleet-inland": "a fleet cannot be built inland",
  "army-at-sea": "an army cannot be built at sea",
} as const;

/** One of `ILLEGAL_ORDER_CODES`. */
export type IllegalOrderCode = keyof typeof ILLEGAL_ORDER_CODES;

/** Builds the reason for an ignored order. */
export function illegal(code: IllegalOrderCode, message: string): OrderError {
  return { family: "illegal", code, message };
}
