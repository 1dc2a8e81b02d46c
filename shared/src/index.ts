/**
 * The game-rules package: pure, deterministic TypeScript with no I/O. Everything other parts of
 * Entente may use is exported here.
 */
export * from "./result";
export * from "./random";
export * from "./map";
export * from "./orders";
export * from "./adjudicator";
export * from "./game";
export * from "./trust/types";
export * from "./trust/calendar";
export * from "./trust/commitments";
export * from "./trust/defections";
export * from "./trust/breaches";
export * from "./trust/presets";
export * from "./trust/clauses";
export * from "./trust/clauses/capacity";
export * from "./newspaper";
export * from "./match";
export * from "./bots";
