/** The adjudicator: movement, retreat and adjustment phases. */
export { adjudicateMovement } from "./movement";
export { ILLEGAL_ORDER_CODES } from "./illegal";
export type { IllegalOrderCode } from "./illegal";
export { adjudicateRetreats } from "./retreat";
export { adjudicateAdjustments, adjustmentCounts, civilDisorderRemovals } from "./adjustment";
export type * from "./types";
