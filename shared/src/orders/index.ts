/** Orders: the order types and their errors, the standard notation both ways, and legal orders. */
export * from "./types";
export { formatOrder, parseOrder, NOTATION_ERROR_CODES } from "./notation";
export type { FormatOptions, ParseContext, NotationErrorCode } from "./notation";
export { legalOrders } from "./legal";
export type {
  LegalOrders,
  MovementLegalOrders,
  RetreatLegalOrders,
  AdjustmentLegalOrders,
  UnitLegalOrders,
} from "./legal";
export { convoyRoutes } from "./convoy-routes";
