/** Chart helpers for the client and the tools (not part of the rules core's public surface). */
export * from "./scale";
