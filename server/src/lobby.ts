/**
 * The lobby API (placeholder until the lobby lands): create, join, leave, spectate, my matches,
 * play again.
 */
import Router from "@koa/router";
import type { ServerContext } from "./context";

/** The lobby's routes, under `/api`. */
export function lobbyRouter(_ctx: ServerContext): Router {
  return new Router({ prefix: "/api" });
}
