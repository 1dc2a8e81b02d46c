/** The newspaper: its event types, board news from a resolved phase, headlines, editions, miscommunication. */
export * from "./types";
export {
  boardEvents,
  battleEvents,
  dislodgementEvents,
  captureEvents,
  eliminationEvents,
  soloThreatEvents,
  SOLO_THREAT_MARGIN,
} from "./board";
export { headline, quoteText, clausesSummary, formatSeason, formatPhase, QUOTE_LIMIT } from "./headlines";
export { composeEdition, editionText, orderEvents, IMPORTANCE, GAZETTE_TITLE } from "./edition";
export { applyMiscommunication, misreportedKind } from "./miscommunication";
export type { Miscommunication } from "./miscommunication";
