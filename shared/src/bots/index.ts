/** Bots: order-giving players of several strengths, all pure and seeded. */
export { TACTICS, botOrders } from "./tactics";
export type { Tactics } from "./tactics";
export { baselineOrders, provinceValues } from "./baseline";
export type { ProvinceValues } from "./baseline";
export { lookaheadOrders } from "./lookahead";
