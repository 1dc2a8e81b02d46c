/**
 * The lobby's guards at the edge: refusals (`LobbyError`, a stable code from the shared list and
 * an HTTP status), the JSON frame of every answer (refusals as `{ error: { code, message } }`,
 * CORS for allowed origins, preflights), bounded JSON bodies parsed by the shared schemas, the
 * join, create and continue rate limits per address, and the check of a seat's credentials.
 */
import type Router from "@koa/router";
import type { Server } from "boardgame.io";
import type Koa from "koa";
import type { z } from "zod";
import { describeIssues } from "../../../shared/src";
import type { ErrorCode, LobbyErrorAnswer } from "../../../shared/src/wire";
import type { ServerContext } from "../context";
import { addressKey } from "../client-address";
import { RateLimits } from "../rate-limit";
import { isStorageTrouble } from "../storage";
import { seatHeld } from "../transport";
import { moduleLog } from "../log";

const logger = moduleLog("lobby");

/** The largest request body the lobby reads. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A refusal: HTTP status, stable code, message for the sender. */
export class LobbyError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Rate limits (per server: the routes share buckets).

/** Buckets per server context: joins, creations and device links taken spend tokens per IP. */
const LIMITS = new WeakMap<ServerContext, RateLimits>();

/** The join/create buckets of a server: JOINS_PER_MINUTE per IP, all at once at most. */
function limitsOf(ctx: ServerContext): RateLimits {
  let limits = LIMITS.get(ctx);
  if (!limits) {
    const perMinute = ctx.config.JOINS_PER_MINUTE;
    limits = new RateLimits(perMinute / 60, perMinute, ctx.now);
    LIMITS.set(ctx, limits);
  }
  return limits;
}

/** Spends one token of an IP's bucket for an action kind, or refuses with 429. */
export function spend(ctx: ServerContext, kind: "join" | "create" | "continue", ip: string): void {
  if (!limitsOf(ctx).take(`${kind}:${addressKey(ip)}`)) {
    throw new LobbyError(429, "rate-limited", `too many ${kind} requests from this address; wait a minute`);
  }
}

/** Wrong join codes an address may send per minute (all at once at most): guessing stays hopeless. */
export const CODE_MISSES_PER_MINUTE = 30;

/** Buckets of wrong join codes, per server. */
const MISSES = new WeakMap<ServerContext, RateLimits>();

/**
 * Counts a wrong join code from an address, or refuses with 429 once it has sent
 * `CODE_MISSES_PER_MINUTE` in a minute. Right codes never count, so forty students behind one
 * school address join at once (they spend only the join bucket, `JOINS_PER_MINUTE`).
 */
export function spendCodeMiss(ctx: ServerContext, ip: string): void {
  let limits = MISSES.get(ctx);
  if (!limits)
    MISSES.set(ctx, (limits = new RateLimits(CODE_MISSES_PER_MINUTE / 60, CODE_MISSES_PER_MINUTE, ctx.now)));
  if (!limits.take(addressKey(ip)))
    throw new LobbyError(429, "rate-limited", "too many wrong join codes from this address; wait a minute");
}

/**
 * Refuses with 429 an address locked out for wrong join codes, whatever code it sends now (a right
 * one too: a locked-out guesser must not tell a hit from a miss). Spends nothing.
 */
export function refuseLockedOut(ctx: ServerContext, ip: string): void {
  if (MISSES.get(ctx)?.peek(addressKey(ip)) === false)
    throw new LobbyError(429, "rate-limited", "too many wrong join codes from this address; wait a minute");
}

// ---------------------------------------------------------------------------------------------
// Bodies.

/** Parses a value with a schema, or refuses with 400 `bad-payload` naming the field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new LobbyError(400, "bad-payload", describeIssues(parsed.error));
  return parsed.data;
}

/** A refusal naming a field of the body. */
export function badField(field: string, message: string): LobbyError {
  return new LobbyError(400, "bad-payload", `${field}: ${message}`);
}

/** Reads a JSON body of at most `MAX_BODY_BYTES`; undefined when there is none. */
export async function readJson(kctx: Koa.Context): Promise<unknown> {
  if (!kctx.request.length && !kctx.get("Transfer-Encoding")) return undefined;
  if (kctx.request.length > MAX_BODY_BYTES) throw tooLarge();
  if (!kctx.is("application/json")) {
    throw new LobbyError(415, "bad-content-type", "send the body as application/json");
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of kctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new LobbyError(400, "bad-json", "the body is not valid JSON");
  }
}

/** 413 for a body over the limit. */
function tooLarge(): LobbyError {
  return new LobbyError(413, "payload-too-large", `the body must be at most ${MAX_BODY_BYTES} bytes`);
}

// ---------------------------------------------------------------------------------------------
// Credentials.

/**
 * Checks a seat's credentials (the seat's own, or a class student's key for a seat of their team),
 * or refuses with 401 `bad-credentials`.
 */
export function authenticate(
  loaded: { readonly metadata: Server.MatchData },
  playerID: string,
  credentials: string,
): number {
  if (!seatHeld(loaded.metadata, playerID, credentials)) {
    throw new LobbyError(401, "bad-credentials", `those credentials do not hold seat ${playerID}`);
  }
  return Number(playerID);
}

// ---------------------------------------------------------------------------------------------
// The frame of every answer.

/** A refusal's body. */
function refusal(code: ErrorCode, message: string): LobbyErrorAnswer {
  return { error: { code, message } };
}

/**
 * Answers JSON errors, sets CORS headers for allowed origins and answers preflights. No answer is
 * kept by a browser's or a proxy's cache (`no-store`): answers to creating, joining and playing
 * again carry a seat's credentials, and every answer is about a match as it is now.
 */
export function apiFrame(ctx: ServerContext): Router.Middleware {
  return async (kctx, next) => {
    kctx.set("Cache-Control", "no-store");
    const origin = kctx.get("Origin");
    if (origin && ctx.config.origins.includes(origin)) {
      kctx.set("Access-Control-Allow-Origin", origin);
      kctx.vary("Origin");
    }
    if (kctx.method === "OPTIONS") {
      kctx.set("Access-Control-Allow-Methods", "GET, POST");
      kctx.set("Access-Control-Allow-Headers", "Content-Type, Authorization");
      kctx.set("Access-Control-Max-Age", "600");
      kctx.status = 204;
      return;
    }
    try {
      await next();
    } catch (error) {
      if (isStorageTrouble(error)) {
        // A full disk or a failing file: nothing was stored (one transaction), and /health says so.
        logger.error({ err: error }, `${kctx.method} ${kctx.path}: storage trouble, nothing was stored`);
        kctx.status = 503;
        kctx.body = refusal(
          "storage-failed",
          "the server could not store that, so nothing changed; try again",
        );
        return;
      }
      const known = error instanceof LobbyError;
      if (!known) logger.error({ err: error }, `${kctx.method} ${kctx.path} failed`);
      kctx.status = known ? error.status : 500;
      kctx.body = known ? refusal(error.code, error.message) : refusal("server-error", "server error");
    }
  };
}
