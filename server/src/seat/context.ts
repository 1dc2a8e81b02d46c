/**
 * A seat's context (docs/seat-api.md): the rules package builds it (`shared/src/seat/context.ts`,
 * shared with headless play); the seat API re-exports it here.
 */
export { legalOrderTexts, seatView, unitText, type SeatView } from "../../../shared/src/seat/context";
