/**
 * Schemas of every lobby request body and query: strict objects (an unknown field is an error),
 * trimmed and bounded strings (display names by the shared text rules), bounded lists. They check
 * shape only; whether a request makes sense for a match (player counts of its map, free seats,
 * credentials) is the lobby's business.
 */
import { z } from "zod";
import {
  cleanName,
  MAP_IDS,
  MAX_NAME_LENGTH,
  PERSONALITIES,
  PRESET_IDS,
  PRESS_MODES,
  SCORING_SYSTEMS,
  TACTICS,
  type Personality,
} from "../../shared/src";
import { SEAT_KINDS, timingSchema } from "./matches";

/** The diplomatic personalities a bot seat may have (DESIGN §3), as kebab-case ids. */
export const BOT_PERSONALITIES = PERSONALITIES;
/** One of `BOT_PERSONALITIES`. */
export type BotPersonality = Personality;
/** The personality of a bot seat created without one. */
export const DEFAULT_PERSONALITY: BotPersonality = "steady";

/** The longest display name, in characters (shared with the client). */
export { MAX_NAME_LENGTH };
/** The most seats a match may have (more than any shipped map). */
export const MAX_SEATS = 16;
/** The most seats one `my-matches` request may ask about. */
export const MAX_MY_SEATS = 100;

/**
 * A display name, by the shared text rules (`cleanName`): no control, invisible or
 * direction-changing characters; NFC, trimmed, runs of spaces made one; 1–`MAX_NAME_LENGTH`
 * characters, at least one of them visible. The refusal says which characters are not allowed.
 */
export const nameSchema = z
  .string()
  .max(MAX_NAME_LENGTH * 8, `must be at most ${MAX_NAME_LENGTH} characters`) // bounds the work of the check
  .transform((raw, issues) => {
    const name = cleanName(raw);
    if (name.ok) return name.value;
    issues.addIssue({ code: "custom", message: name.error });
    return z.NEVER;
  });

/** A match id, as the lobby makes them (url-safe). */
export const matchIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "must be a match id");

/** A boardgame.io player id: the seat number as a string. */
export const playerIdSchema = z
  .string()
  .regex(/^(?:0|[1-9]\d?)$/, 'must be a seat number such as "0" (plain decimal, no leading zero)');

/** Credentials as the lobby hands them out. */
export const credentialsSchema = z.string().min(1).max(128);

/** One seat of a new match. */
export const seatSpecSchema = z
  .strictObject({
    kind: z.enum(SEAT_KINDS),
    personality: z.exactOptional(z.enum(BOT_PERSONALITIES)),
    tactics: z.exactOptional(z.enum(TACTICS)), // how a bot fights; default baseline
  })
  .refine((s) => s.personality === undefined || s.kind === "bot", {
    message: "only a bot seat has a personality",
    path: ["personality"],
  })
  .refine((s) => s.tactics === undefined || s.kind === "bot", {
    message: "only a bot seat has tactics",
    path: ["tactics"],
  });
/** One seat of a new match. */
export type SeatSpec = z.infer<typeof seatSpecSchema>;

/** `POST /api/matches`. */
export const createBodySchema = z.strictObject({
  map: z.enum(MAP_IDS as readonly [string, ...string[]]),
  players: z.exactOptional(z.number().int().min(1).max(MAX_SEATS)),
  seats: z.exactOptional(z.array(seatSpecSchema).min(1).max(MAX_SEATS)),
  timing: z.exactOptional(z.union([z.enum(["live", "slow"]), timingSchema])),
  pressMode: z.exactOptional(z.enum(PRESS_MODES)),
  preset: z.exactOptional(
    z.string().refine((id) => PRESET_IDS.includes(id), `must be one of ${PRESET_IDS.join(", ")}`),
  ),
  yearLimit: z.exactOptional(z.number().int().min(1).max(99_999).nullable()),
  miscommunication: z.exactOptional(z.number().min(0).max(1)),
  scoring: z.exactOptional(z.enum(SCORING_SYSTEMS)),
  unlisted: z.exactOptional(z.boolean()),
  hostName: z.exactOptional(nameSchema),
  hostSeat: z.exactOptional(z.number().int().min(0).max(15)), // the seat the host takes (default 0)
});
/** The body of `POST /api/matches`. */
export type CreateBody = z.infer<typeof createBodySchema>;

/** `POST /api/matches/:id/join`. */
export const joinBodySchema = z.strictObject({
  name: nameSchema,
  seat: z.exactOptional(
    z
      .number()
      .int()
      .min(0)
      .max(MAX_SEATS - 1),
  ),
});

/** A seat proven by its credentials: `leave`, `play-again`. */
export const seatProofSchema = z.strictObject({
  playerID: playerIdSchema,
  credentials: credentialsSchema,
});

/** `POST /api/my-matches`. */
export const myMatchesBodySchema = z.strictObject({
  seats: z
    .array(
      z.strictObject({ matchID: matchIdSchema, playerID: playerIdSchema, credentials: credentialsSchema }),
    )
    .max(MAX_MY_SEATS),
});

/** The query of `GET /api/matches`: only listed matches are ever listed. */
export const listQuerySchema = z.strictObject({
  listed: z.exactOptional(z.literal("true")),
});
