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
