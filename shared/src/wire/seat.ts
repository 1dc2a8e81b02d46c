/**
 * The seat API (docs/seat-api.md) as data: HTTP + JSON on the server's one port, through which any
 * program takes a seat with the seat's credentials (`Authorization: Bearer <credentials>`). Every
 * request body, query and answer is declared here once, with the table of routes `SEAT_ROUTES`;
 * the server parses with these schemas and builds answers typed by them, the tests and the example
 * bots read them. The action bodies are the browser's own payloads (`actionPayloadSchemas`, the
 * press channel's requests): one schema, one path through the rules.
 */
import { z } from "zod";
import { SEASONS } from "../game/position";
import { actionPayloadSchemas, MAX_ORDERS } from "../match/schemas";
import { PHASE_KINDS } from "../orders/types";
import {
  pressCommuniqueRequestSchema,
  pressItemSchema,
  pressLeakRequestSchema,
  pressMessageRequestSchema,
} from "./press";

/** The longest a long-poll (`wait`) may hold a request, in seconds. */
export const MAX_SEAT_WAIT_S = 30;
/** The longest order text the seat API reads. */
export const MAX_ORDER_TEXT_LENGTH = 200;

/** A sequence number (`seq`) as a query sends it: plain decimal digits. */
const seqQuerySchema = z.string().regex(/^\d{1,16}$/, "must be a sequence number (digits)");

/**
 * A phase as `phaseKey` writes it (`1901-spring-movement`): given with orders or a ready flag, the
 * request is refused `409 phase-moved-on` (nothing changed) when the match is in another phase.
 */
export const phaseKeySchema = z
  .string()
  .max(40)
  .regex(
    /^\d{1,5}-(?:spring|fall|winter)-(?:movement|retreat|adjustment)$/,
    "must be a phase such as 1901-spring-movement",
  );

// ---------------------------------------------------------------------------------------------
// Queries.

/** `GET …/seat/context?since=<seq>`. */
export const seatContextQuerySchema = z.strictObject({ since: z.exactOptional(seqQuerySchema) });
/** `GET …/seat/wait?after=<seq>&timeout=<s>`: `after` is required; `timeout` 0–30 (default 30). */
export const seatWaitQuerySchema = z.strictObject({
  after: seqQuerySchema,
  timeout: z.exactOptional(
    z
      .string()
      .regex(/^\d{1,2}$/, "must be whole seconds")
      .refine((s) => Number(s) <= MAX_SEAT_WAIT_S, {
        message: `must be at most ${MAX_SEAT_WAIT_S} seconds`,
      }),
  ),
});
/** `GET …/seat/events?since=<seq>` (or the `Last-Event-ID` header). */
export const seatEventsQuerySchema = seatContextQuerySchema;

// ---------------------------------------------------------------------------------------------
// Bodies.

/** `POST …/seat/orders`: order texts (any notation `parseOrder` reads), optionally ready, optionally the phase. */
export const seatOrdersBodySchema = z.strictObject({
  orders: z.array(z.string().max(MAX_ORDER_TEXT_LENGTH)).max(MAX_ORDERS),
  ready: z.exactOptional(z.boolean()),
  phase: z.exactOptional(phaseKeySchema),
});
/** `POST …/seat/ready`: the browser's `ready` payload, optionally the phase. */
export const seatReadyBodySchema = actionPayloadSchemas.ready.extend({
  phase: z.exactOptional(phaseKeySchema),
});

/** Each action route's body: the browser's payload for that action. */
export const SEAT_ACTION_BODIES = {
  press: pressMessageRequestSchema, // a private message { to, text }
  proposals: actionPayloadSchemas.propose,
  accept: actionPayloadSchemas.accept,
  reject: actionPayloadSchemas.reject,
  withdraw: actionPayloadSchemas.withdraw,
  notice: actionPayloadSchemas.notice,
  leak: pressLeakRequestSchema,
  communique: pressCommuniqueRequestSchema,
  draw: actionPayloadSchemas["draw-vote"],
  ready: seatReadyBodySchema,
} as const;
/** An action route's name (`press`, `proposals`, …). */
export type SeatAction = keyof typeof SEAT_ACTION_BODIES;
/** Every action route, in the order the docs name them. */
export const SEAT_ACTIONS = Object.keys(SEAT_ACTION_BODIES) as [SeatAction, ...SeatAction[]];

// ---------------------------------------------------------------------------------------------
// Answers.

/** The phase the match is in, and its deadline (ms since the epoch; null without a clock). */
export const seatPhaseSchema = z.strictObject({
  key: z.string(), // `1901-spring-movement`, as the `phase` of an orders or ready body
  season: z.enum(SEASONS),
  year: z.number().int(),
  kind: z.enum(PHASE_KINDS),
  deadline: z.number().nullable(),
  change: z.exactOptional(z.number().int()), // adjustment only: builds allowed (> 0) or removals due (< 0)
});

/** A unit on the board, as order text writes it (`A par`), with its power. */
export const seatUnitSchema = z.strictObject({ power: z.string(), unit: z.string() });

/** The board: every unit, dislodged units (retreat phases), and each supply centre's owner. */
export const seatBoardSchema = z.strictObject({
  units: z.array(seatUnitSchema),
  dislodged: z.array(seatUnitSchema),
  centres: z.record(z.string(), z.string().nullable()),
});

/** Public standing of every power: reputation, prestige and supply centres held. */
export const seatStandingSchema = z.strictObject({
  reputation: z.record(z.string(), z.number()),
  prestige: z.record(z.string(), z.number()),
  centres: z.record(z.string(), z.number()),
  ready: z.record(z.string(), z.boolean()), // who said they are ready (public)
  result: z.looseObject({ winner: z.string().nullable() }).nullable(), // the match's result once it ended
});

/** The seat's own draw vote and whether any power votes for a draw (never who). */
export const seatDrawSchema = z.strictObject({ vote: z.boolean(), open: z.boolean() });

/**
 * The seat's context: everything its power may see, built from the rules' `playerView` and the
 * press it may read. With `since`, `press` and `editions` hold only what came after that `seq`.
 */
export const seatContextSchema = z.strictObject({
  seq: z.number().int(),
  matchID: z.string(),
  power: z.string(),
  phase: seatPhaseSchema,
  board: seatBoardSchema,
  legalOrders: z.record(z.string(), z.array(z.string())), // unit text (or `build`) → order texts
  orders: z.array(z.string()), // the seat's pending orders
  ready: z.boolean(),
  press: z.array(pressItemSchema),
  commitments: z.array(
    z.looseObject({ id: z.string(), status: z.string(), parties: z.array(z.string()).readonly() }),
  ),
  notices: z.array(z.looseObject({ commitmentId: z.string(), by: z.string() })),
  editions: z.array(z.looseObject({ number: z.number() })),
  standing: seatStandingSchema,
  draw: seatDrawSchema,
  since: z.number().int().nullable(), // the `since` the lists are filtered by, or null: whole lists
});
/** The seat's context. */
export type SeatContext = z.infer<typeof seatContextSchema>;

/** One order the seat API did not take, with why (a notation or rules code). */
export const seatRefusedOrderSchema = z.strictObject({
  order: z.string(),
  code: z.string(),
  reason: z.string(),
});

/** `POST …/seat/orders`: the orders now pending (canonical text) and those refused. */
export const seatOrdersAnswerSchema = z.strictObject({
  accepted: z.array(z.string()),
  refused: z.array(seatRefusedOrderSchema),
  ready: z.boolean(),
  seq: z.number().int(),
});
/** The answer to `POST …/seat/orders`. */
export type SeatOrdersAnswer = z.infer<typeof seatOrdersAnswerSchema>;

/** `POST …/seat/<action>`: done; the seat's `seq` after it; what it made (a proposal's id, a press item). */
export const seatActionAnswerSchema = z.strictObject({
  ok: z.literal(true),
  seq: z.number().int(),
  commitmentId: z.exactOptional(z.string()), // a proposal's new commitment
  item: z.exactOptional(pressItemSchema), // a message or communiqué as stored
});
/** The answer to an action route. */
export type SeatActionAnswer = z.infer<typeof seatActionAnswerSchema>;

/** A refusal: `{ error: { code, message } }` — a shared code, or the rules' own code with 422. */
export const seatErrorAnswerSchema = z.strictObject({
  error: z.strictObject({ code: z.string(), message: z.string() }),
});

// ---------------------------------------------------------------------------------------------
// Routes.

/** One route of the seat API. */
export interface SeatRoute {
  readonly method: "GET" | "POST";
  readonly path: string; // as docs/seat-api.md writes it
  readonly pattern: RegExp; // matches the request path (without the query)
  readonly query: z.ZodType | null;
  readonly body: z.ZodType | null;
  readonly answer: z.ZodType | null; // null: a stream of events (`events`)
}

/** The prefix of every seat route. Paths match in any letter case and with a trailing slash, as the server routes them. */
export const SEAT_PREFIX = "/api/matches/:id/seat";
const BASE = "^/api/matches/[^/]+/seat";

/** The action routes, under their action's name. */
function actionRoutes(): Record<SeatAction, SeatRoute> {
  const routes: Partial<Record<SeatAction, SeatRoute>> = {};
  for (const action of SEAT_ACTIONS)
    routes[action] = {
      method: "POST",
      path: `${SEAT_PREFIX}/${action}`,
      pattern: new RegExp(`${BASE}/${action}/?$`, "i"),
      query: null,
      body: SEAT_ACTION_BODIES[action],
      answer: seatActionAnswerSchema,
    };
  return routes as Record<SeatAction, SeatRoute>;
}

/** Every seat route, by name (the action routes under their action's name). */
export const SEAT_ROUTES = {
  context: {
    method: "GET",
    path: `${SEAT_PREFIX}/context`,
    pattern: new RegExp(`${BASE}/context/?$`, "i"),
    query: seatContextQuerySchema,
    body: null,
    answer: seatContextSchema,
  },
  wait: {
    method: "GET",
    path: `${SEAT_PREFIX}/wait`,
    pattern: new RegExp(`${BASE}/wait/?$`, "i"),
    query: seatWaitQuerySchema,
    body: null,
    answer: seatContextSchema, // or 204 at the timeout
  },
  events: {
    method: "GET",
    path: `${SEAT_PREFIX}/events`,
    pattern: new RegExp(`${BASE}/events/?$`, "i"),
    query: seatEventsQuerySchema,
    body: null,
    answer: null,
  },
  orders: {
    method: "POST",
    path: `${SEAT_PREFIX}/orders`,
    pattern: new RegExp(`${BASE}/orders/?$`, "i"),
    query: null,
    body: seatOrdersBodySchema,
    answer: seatOrdersAnswerSchema,
  },
  ...actionRoutes(),
} as const satisfies Record<string, SeatRoute>;

/** A seat route's name. */
export type SeatRouteName = keyof typeof SEAT_ROUTES;

/** The seat route a request goes to (`pathname` without the query), or null. */
export function seatRouteOf(method: string, pathname: string): SeatRouteName | null {
  for (const [name, route] of Object.entries(SEAT_ROUTES)) {
    if (route.method === method.toUpperCase() && route.pattern.test(pathname)) return name as SeatRouteName;
  }
  return null;
}
