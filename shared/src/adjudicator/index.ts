/** The adjudicator: movement, retreat and adjustment phases. */
export { adjudicateMovement, MOVEMENT_ILLEGAL_CODES } from "./movement";
export { adjudicateRetreats } from "./retreat";
export { adjudicateAdjustments, adjustmentCounts, civilDisorderRemovals } from "./adjustment";
export { tablesOf } from "./tables";
export type { MapTables } from "./tables";
export type * from "./types";
