/**
 * The wire contracts: every shape that crosses the network between the server and the client —
 * the lobby's requests and answers, the game socket's events, the press channel's events, the
 * error codes — declared once
 * (zod schemas with their inferred types) and imported by both sides. Pure: no I/O.
 */
export * from "./classes";
export * from "./debrief";
export * from "./errors";
export * from "./exports";
export * from "./lobby";
export * from "./paths";
export * from "./press";
export * from "./record";
export * from "./seat";
export * from "./socket";
