/**
 * Schemas of every action payload, so nothing a client sends reaches the engine unchecked: strict
 * objects (an unknown field is an error), bounded strings and lists. `parseAction` turns a move's
 * name and payload into an `Action`, or a `bad-payload` error naming the field. The schemas check
 * shape only; whether an action is allowed now (phase, ownership, press mode…) is `applyAction`'s
 * business.
 */
import { z } from "zod";
import { SEASONS } from "../game/position";
import { UNIT_TYPES } from "../map/types";
import { PHASE_KINDS } from "../orders/types";
import { err, ok, type Result } from "../result";
import { clauseSchema } from "../trust/clauses";
import { shortenText, textLength, textProblem } from "./text";
import { PRESS_MODES, SCORING_SYSTEMS, type Action, type ActionError, type ActionType } from "./types";

/** The longest free text (a message, a communiqué) a seat may send. */
export const MAX_PRESS_TEXT_LENGTH = 2000;
/** The most orders one `orders` action may carry. */
export const MAX_ORDERS = 50;
/** The most powers an action may name (parties, recipients). */
export const MAX_ACTION_POWERS = 16;
/** The most clauses one proposal may carry. */
export const MAX_CLAUSES = 20;
/** The longest id (power, location, commitment, message). */
export const MAX_ID_LENGTH = 32;

/** A short id: a power, a location, a commitment or a message. */
const idSchema = z.string().min(1).max(MAX_ID_LENGTH);
/** A power id. */
const powerSchema = idSchema;
/** A unit named in an order. */
const unitRefSchema = z.strictObject({ type: z.enum(UNIT_TYPES), location: idSchema });
/** Free text: not blank, at most `MAX_PRESS_TEXT_LENGTH` characters (code points, as `textLength`). */
const textSchema = z
  .string()
  .refine(
    (s) => textLength(s) <= MAX_PRESS_TEXT_LENGTH,
    `must be at most ${MAX_PRESS_TEXT_LENGTH} characters`,
  )
  .refine((s) => s.trim().length > 0, "must not be blank");
/**
 * Free text a seat sends now (a message, a communiqué): also no control, invisible or
 * direction-changing characters (`textProblem`). A leak's snapshot keeps `textSchema`: its text is
 * what the server delivered, proven by the proof, whenever it was sent.
 */
const sentTextSchema = textSchema.superRefine((s, issues) => {
  const problem = textProblem(s, "press");
  if (problem !== null) issues.addIssue({ code: "custom", message: problem });
});

/** A season of a year, e.g. `{ "year": 1902, "season": "fall" }`. */
const seasonRefSchema = z.strictObject({
  year: z.number().int().min(1).max(99_999),
  season: z.enum(SEASONS),
});

/** A phase of a year, e.g. `{ "year": 1901, "season": "spring", "phase": "movement" }`. */
const phaseRefSchema = z.strictObject({
  year: z.number().int().min(1).max(99_999),
  season: z.enum(SEASONS),
  phase: z.enum(PHASE_KINDS),
});

/** The longest proof a leak may carry (the server's is far shorter). */
export const MAX_PROOF_LENGTH = 256;

/** A private message as the server's press channel delivered it (a leak's snapshot). */
export const pressMessageSchema = z.strictObject({
  id: idSchema,
  from: powerSchema,
  to: z.array(powerSchema).min(1).max(MAX_ACTION_POWERS),
  text: textSchema,
  at: phaseRefSchema,
});

/** Any order of any phase (see `orders/types.ts`). */
export const orderSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("hold"), power: powerSchema, unit: unitRefSchema }),
  z.strictObject({
    kind: z.literal("move"),
    power: powerSchema,
    unit: unitRefSchema,
    to: idSchema,
    viaConvoy: z.boolean(),
  }),
  z.strictObject({
    kind: z.literal("support"),
    power: powerSchema,
    unit: unitRefSchema,
    target: unitRefSchema,
    to: z.exactOptional(idSchema),
  }),
  z.strictObject({
    kind: z.literal("convoy"),
    power: powerSchema,
    unit: unitRefSchema,
    target: unitRefSchema,
    to: idSchema,
  }),
  z.strictObject({ kind: z.literal("retreat"), power: powerSchema, unit: unitRefSchema, to: idSchema }),
  z.strictObject({ kind: z.literal("disband"), power: powerSchema, unit: unitRefSchema }),
  z.strictObject({ kind: z.literal("build"), power: powerSchema, unit: unitRefSchema }),
  z.strictObject({ kind: z.literal("remove"), power: powerSchema, unit: unitRefSchema }),
  z.strictObject({ kind: z.literal("waive"), power: powerSchema }),
]);

/**
 * The payload of each move: the action without its `type`. The key is the action type; the
 * boardgame.io move of the same name (`drawVote` for `draw-vote`) takes this payload.
 */
export const actionPayloadSchemas = {
  orders: z.strictObject({ orders: z.array(orderSchema).max(MAX_ORDERS) }),
  ready: z.strictObject({ ready: z.boolean() }),
  propose: z.strictObject({
    parties: z.array(powerSchema).min(1).max(MAX_ACTION_POWERS),
    clauses: z.array(clauseSchema).min(1).max(MAX_CLAUSES),
    until: seasonRefSchema.nullable(),
    visibility: z.enum(["public", "secret"]),
  }),
  accept: z.strictObject({ commitmentId: idSchema }),
  reject: z.strictObject({ commitmentId: idSchema }),
  withdraw: z.strictObject({ commitmentId: idSchema }),
  notice: z.strictObject({ commitmentId: idSchema }),
  message: z.strictObject({ to: z.array(powerSchema).min(1).max(MAX_ACTION_POWERS), text: sentTextSchema }),
  leak: z.strictObject({
    messageId: idSchema,
    message: z.exactOptional(pressMessageSchema), // with a press channel, with `proof`
    proof: z.exactOptional(z.string().min(1).max(MAX_PROOF_LENGTH)),
  }),
  communique: z.strictObject({ text: sentTextSchema }),
  "draw-vote": z.strictObject({ vote: z.boolean() }),
  "call-time": z.strictObject({}),
} as const satisfies Record<ActionType, z.ZodType>;

/** Every action type, in a fixed order. */
export const ACTION_TYPES = Object.keys(actionPayloadSchemas) as readonly ActionType[];

/** Whether a string is an action type. */
export function isActionType(type: string): type is ActionType {
  return Object.hasOwn(actionPayloadSchemas, type);
}

/** The match settings a host may choose (all optional; the rest come from the defaults). */
export const settingsSchema = z.strictObject({
  mapId: z.exactOptional(idSchema),
  preset: z.exactOptional(idSchema),
  pressMode: z.exactOptional(z.enum(PRESS_MODES)),
  yearLimit: z.exactOptional(z.number().int().min(1).max(99_999).nullable()),
  miscommunication: z.exactOptional(z.number().min(0).max(1)),
  scoring: z.exactOptional(z.enum(SCORING_SYSTEMS)),
});

/** Writes a zod issue path as `orders[3].unit.location`; the empty path is `payload`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    out += typeof key === "number" ? `[${key}]` : `${out === "" ? "" : "."}${String(key)}`;
  }
  return out === "" ? "payload" : out;
}

/** The first issue of a failed parse, as `field: message`. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "payload: invalid";
  return `${formatIssuePath(issue.path)}: ${issue.message}`;
}

/**
 * Checks the payload of an action of the given type, e.g.
 * `parseAction("message", { to: ["GER"], text: "Hello" })`.
 *
 * @returns the action, or an error with code `unknown-action` (no such type) or `bad-payload`
 *   whose message names the offending field.
 */
export function parseAction(type: string, payload: unknown): Result<Action, ActionError> {
  if (!isActionType(type)) {
    return err({ code: "unknown-action", message: `"${shortenText(type, 40)}" is not an action` });
  }
  const parsed = actionPayloadSchemas[type].safeParse(payload);
  if (!parsed.success) {
    return err({ code: "bad-payload", message: `Bad "${type}" payload: ${describeIssues(parsed.error)}` });
  }
  return ok({ type, ...parsed.data } as Action);
}
