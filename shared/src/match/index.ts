/**
 * A match: the board and the trust layer together. The state and actions (`types`), a new match
 * (`setup`), the pure action and phase transitions (`actions`, `resolve`), scoring, the payload
 * schemas, the rules for typed text (`text`: names, press), each seat's view, and the boardgame.io
 * `Game` built from them.
 */
export * from "./types";
export * from "./setup";
export * from "./actions";
export * from "./resolve";
export * from "./scoring";
export * from "./schemas";
export * from "./text";
export * from "./view";
export * from "./game";
