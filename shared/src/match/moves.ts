/**
 * The boardgame.io move name of each action, and back. Apart from the `Game` (game.ts) so that a
 * client can name moves without loading boardgame.io (the offline table runs without it).
 */
import type { ActionType } from "./types";

/** The move name of each action type: the same, except `drawVote` for `draw-vote`. */
export const MOVE_NAMES = {
  orders: "orders",
  ready: "ready",
  propose: "propose",
  accept: "accept",
  reject: "reject",
  withdraw: "withdraw",
  notice: "notice",
  message: "message",
  leak: "leak",
  communique: "communique",
  "draw-vote": "drawVote",
  "call-time": "callTime",
} as const satisfies Record<ActionType, string>;

/**
 * Moves only the server makes (never admitted from a client's socket): `callTime`, a teacher
 * ending a class match.
 */
export const SERVER_ONLY_MOVES: ReadonlySet<string> = new Set(["callTime"]);

/** A move name (`orders`, …, `drawVote`). */
export type MoveName = (typeof MOVE_NAMES)[ActionType];

/** The action type of each move name (the inverse of `MOVE_NAMES`). */
export const ACTION_OF_MOVE = Object.fromEntries(
  Object.entries(MOVE_NAMES).map(([type, move]) => [move, type]),
) as Readonly<Record<MoveName, ActionType>>;

/** The action type a move name stands for, or undefined for a name that is no move. */
export function actionTypeOf(move: string): ActionType | undefined {
  return Object.hasOwn(ACTION_OF_MOVE, move) ? ACTION_OF_MOVE[move as MoveName] : undefined;
}

/** The payload of an action's move: the action without its `type` tag. */
export function payloadOf(action: { readonly type: string }): Readonly<Record<string, unknown>> {
  return Object.fromEntries(Object.entries(action).filter(([key]) => key !== "type"));
}
