/**
 * The lobby API (`/api`, docs/api.md) as data: the schema of every request body and query and of
 * every answer, each declared once for the server (which parses requests and builds answers typed
 * by them) and the client (which sends requests typed by them and parses answers with them).
 * Requests are strict objects (an unknown field is an error) with trimmed, bounded strings
 * (display names by the shared text rules) and bounded lists; they check shape only — whether a
 * request makes sense for a match (player counts of its map, free seats, credentials) is the
 * lobby's business. Answers are strict too, so a field the server should not send (a credential
 * in a public answer) fails their parse.
 */
import { z } from "zod";
import { PERSONALITIES } from "../bots/personality";
import { TACTICS } from "../bots/tactics";
import { SEASONS } from "../game/position";
import { MAP_IDS } from "../map/registry";
import { cleanName, MAX_NAME_LENGTH } from "../match/text";
import { PRESS_MODES, SCORING_SYSTEMS } from "../match/types";
import { PHASE_KINDS } from "../orders/types";
import { PRESET_IDS } from "../trust/presets";
import { wireErrorSchema } from "./errors";
import { exportZipAnswerSchema, matchExportSchema } from "./exports";
import { matchDebriefSchema } from "./debrief";
import { matchRecordSchema } from "./record";

/** The longest display name, in characters. */
export { MAX_NAME_LENGTH };
/** The most seats a match may have (more than any shipped map). */
export const MAX_SEATS = 16;
/** The most seats one `my-matches` request may ask about. */
export const MAX_MY_SEATS = 100;
/** The most matches `GET /api/matches` lists. */
export const MAX_LISTED = 50;

// ---------------------------------------------------------------------------------------------
// Pieces.

/** Who sits in a seat. */
export const SEAT_KINDS = ["human", "bot", "open"] as const;
/** `human` (a player joins it), `bot` (the server plays it), `open` (waiting for a player). */
export type SeatKind = (typeof SEAT_KINDS)[number];

/** Minutes per phase kind (1 minute to 14 days): live games use minutes, slow games many hours. */
export const timingSchema = z.strictObject({
  movement: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 14),
  retreat: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 14),
  adjustment: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 14),
});
/** Minutes allowed for each phase kind. */
export type Timing = z.infer<typeof timingSchema>;

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

/** A power's id, as the maps spell them (`FRA`). */
const powerSchema = z.string().min(1);

// ---------------------------------------------------------------------------------------------
// Requests.

/**
 * A language-model bot's personality (docs/llm-bots.md#in-a-live-match): `llm` (pragmatic) or
 * `llm:<honesty>`. Only a server with a language-model endpoint takes it (`no-llm` otherwise).
 */
export const LLM_PERSONALITIES = ["llm", "llm:honest", "llm:pragmatic", "llm:deceitful"] as const;
/** One of `LLM_PERSONALITIES`. */
export type LlmPersonality = (typeof LLM_PERSONALITIES)[number];

/** One seat of a new match. */
export const seatSpecSchema = z
  .strictObject({
    kind: z.enum(SEAT_KINDS),
    // a bot's; default steady; `llm[:honesty]`: a language-model bot (its fallback fights by `tactics`)
    personality: z.exactOptional(z.enum([...PERSONALITIES, ...LLM_PERSONALITIES])),
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
  hostSeat: z.exactOptional(
    z
      .number()
      .int()
      .min(0)
      .max(MAX_SEATS - 1),
  ), // the seat the host takes (default 0)
});
/** The body of `POST /api/matches`, as the lobby reads it. */
export type CreateBody = z.infer<typeof createBodySchema>;
/** The body of `POST /api/matches`, as a client sends it. */
export type CreateRequest = z.input<typeof createBodySchema>;

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
/** The body of `POST /api/matches/:id/join`, as a client sends it. */
export type JoinRequest = z.input<typeof joinBodySchema>;

/** A seat proven by its credentials: `leave`, `play-again`, `resume`, a seat's device link. */
export const seatProofSchema = z.strictObject({
  playerID: playerIdSchema,
  credentials: credentialsSchema,
});
/** A seat proven by its credentials. */
export type SeatProof = z.infer<typeof seatProofSchema>;

/**
 * `POST /api/matches/:id/seats/:seat/bot`: the host (proven by their own seat) gives an open seat to
 * a bot of this personality and tactics, or lets a bot stand in for an absent player.
 */
export const seatToBotBodySchema = seatProofSchema.extend({
  personality: z.exactOptional(z.enum(PERSONALITIES)), // an open seat's new bot; default steady
  tactics: z.exactOptional(z.enum(TACTICS)), // how it fights; default baseline
});
/** The path's seat of `POST /api/matches/:id/seats/:seat/bot`. */
export const seatParamSchema = z.strictObject({ seat: playerIdSchema });

/** The body of `POST /api/matches/:id/seats/:seat/bot`. */
export type SeatToBotBody = z.infer<typeof seatToBotBodySchema>;

/** A device link's token: 32 random bytes in base64url (43 characters, case matters). */
export const deviceLinkTokenSchema = z
  .string()
  .length(43, "must be a device link's token (43 characters)")
  .regex(/^[A-Za-z0-9_-]+$/, "must be a device link's token (letters, digits, - and _)");

/** `POST /api/matches/:id/continue`: another browser takes the seat a device link carries. */
export const continueBodySchema = z.strictObject({ token: deviceLinkTokenSchema });
/** The body of `POST /api/matches/:id/continue`. */
export type ContinueBody = z.infer<typeof continueBodySchema>;

/** One seat a browser holds, as `my-matches` asks about it. */
export const heldSeatSchema = seatProofSchema.extend({ matchID: matchIdSchema });
/** One seat a browser holds. */
export type HeldSeat = z.infer<typeof heldSeatSchema>;

/** `POST /api/my-matches`. */
export const myMatchesBodySchema = z.strictObject({
  seats: z.array(heldSeatSchema).max(MAX_MY_SEATS),
});
/** The body of `POST /api/my-matches`. */
export type MyMatchesRequest = z.infer<typeof myMatchesBodySchema>;

/** The query of `GET /api/matches`: only listed matches are ever listed. */
export const listQuerySchema = z.strictObject({
  listed: z.exactOptional(z.literal("true")),
});

// ---------------------------------------------------------------------------------------------
// Answers.

/** A seat as anyone may see it. */
export const publicSeatSchema = z.strictObject({
  playerID: playerIdSchema,
  power: powerSchema, // every seat plays a power (seat i plays G.powers[i])
  name: z.string().nullable(), // null while nobody holds it
  kind: z.enum(SEAT_KINDS),
  personality: z.string().nullable(), // bots only: `personality` or `personality/tactics`
  connected: z.boolean(), // a socket is synced with the seat now
  missed: z.number().int().min(0), // phases missed by its player
  botActive: z.boolean(), // a bot is standing in
  reserved: z.boolean(), // held for its previous player after "play again"
});
/** A seat as anyone may see it. */
export type PublicSeat = z.infer<typeof publicSeatSchema>;

/** A match's settings, every field filled in. */
export const matchSettingsSchema = z.strictObject({
  mapId: z.string(),
  preset: z.string(),
  pressMode: z.enum(PRESS_MODES),
  yearLimit: z.number().int().nullable(), // the last year played; null: no limit
  miscommunication: z.number().min(0).max(1),
  scoring: z.enum(SCORING_SYSTEMS),
});

/** The phase a match is in. */
export const phaseSchema = z.strictObject({
  year: z.number().int(),
  season: z.enum(SEASONS),
  phase: z.enum(PHASE_KINDS),
});

/** A match as anyone (a spectator) may see it: `GET /api/matches/:id`. */
export const matchInfoSchema = z.strictObject({
  matchID: matchIdSchema,
  invite: z.string(), // `<origin>/m/<matchID>`
  map: z.string(),
  players: z.number().int().min(1),
  settings: matchSettingsSchema,
  timing: timingSchema.nullable(), // minutes per phase kind; null for a match made without the lobby
  unlisted: z.boolean(),
  createdAt: z.number(), // ms since the epoch
  seats: z.array(publicSeatSchema),
  phase: phaseSchema,
  gameover: z.unknown(), // boardgame.io's ctx.gameover (the match result), or null
  deadline: z.number().nullable(), // ms since the epoch; null while the clock is stopped (paused)
  nextMatchID: matchIdSchema.nullable(), // the match "play again" made
  host: playerIdSchema.nullable(), // the seat of the player who made the match; null: no host
  paused: z.boolean(), // nobody has played for `idlePhases` phases, or its teacher paused it: no deadline, no bots
  teacherHeld: z.boolean(), // a class match its teacher paused: moves wait until they resume it
  idlePhases: z.number().int().min(0), // phases in a row that ended with no person acting
});
/** A match as anyone may see it. */
export type MatchInfo = z.infer<typeof matchInfoSchema>;

/** A seat handed to the player who took it: `join`. */
export const joinAnswerSchema = seatProofSchema.extend({ power: powerSchema });
/** The answer to `POST /api/matches/:id/join`. */
export type JoinAnswer = z.infer<typeof joinAnswerSchema>;

/** A seat handed to the player who took it, with its match: `play-again`. */
export const seatGrantSchema = heldSeatSchema.extend({ power: powerSchema });
/** A seat handed to the player who took it, with its match. */
export type SeatGrant = z.infer<typeof seatGrantSchema>;

/** `POST /api/matches` (201). */
export const createAnswerSchema = z.strictObject({
  matchID: matchIdSchema,
  invite: z.string(),
  seats: z.array(publicSeatSchema),
  host: z.exactOptional(joinAnswerSchema), // only with `hostName`
});
/** The answer to `POST /api/matches`. */
export type CreateAnswer = z.infer<typeof createAnswerSchema>;

/** `GET /api/matches`. */
export const listAnswerSchema = z.strictObject({ matches: z.array(matchInfoSchema) });
/** The answer to `GET /api/matches`. */
export type ListAnswer = z.infer<typeof listAnswerSchema>;

/** `GET /api/server`: what this server offers (the create page asks before showing its choices). */
export const serverInfoSchema = z.strictObject({
  llmBots: z.boolean(), // it has a language-model endpoint (LLM_BASE_URL): a bot seat may be `llm[:honesty]`
});
/** The answer to `GET /api/server`. */
export type ServerInfo = z.infer<typeof serverInfoSchema>;

/** `POST /api/matches/:id/leave`. */
export const leaveAnswerSchema = z.strictObject({
  left: z.literal(true),
  matchID: matchIdSchema,
  playerID: playerIdSchema,
});
/** The answer to `POST /api/matches/:id/leave`. */
export type LeaveAnswer = z.infer<typeof leaveAnswerSchema>;

/** `POST /api/matches/:id/resume`. */
export const resumeAnswerSchema = z.strictObject({
  resumed: z.boolean(), // false: it was not paused
  match: matchInfoSchema,
});
/** The answer to `POST /api/matches/:id/resume`. */
export type ResumeAnswer = z.infer<typeof resumeAnswerSchema>;

/** One entry of `POST /api/my-matches`: the seat's match, or why it could not be read. */
export const myMatchSchema = z.union([
  z.strictObject({
    matchID: matchIdSchema,
    playerID: playerIdSchema,
    power: powerSchema,
    toAct: z.boolean(), // the game runs, the seat's power must order and is not ready
    match: matchInfoSchema,
  }),
  z.strictObject({ matchID: z.string(), error: wireErrorSchema }),
]);
/** One entry of `POST /api/my-matches`. */
export type MyMatch = z.infer<typeof myMatchSchema>;

/** `POST /api/matches/:id/seats/:seat/bot`. */
export const seatToBotAnswerSchema = z.strictObject({
  given: z.enum(["bot", "stand-in"]), // an open seat became a bot's; a bot stands in for its player
  match: matchInfoSchema,
});
/** The answer to `POST /api/matches/:id/seats/:seat/bot`. */
export type SeatToBotAnswer = z.infer<typeof seatToBotAnswerSchema>;

/**
 * `POST /api/matches/:id/seats/:seat/device-link`: the seat's private link (`<origin>/m/<matchID>/continue#<token>`,
 * the token in the fragment so it never reaches a server log or a Referer) and when it stops working.
 */
export const deviceLinkAnswerSchema = z.strictObject({
  url: z.url(),
  expiresAt: z.number().int(), // ms since the epoch
});
/** The answer to `POST /api/matches/:id/seats/:seat/device-link`. */
export type DeviceLinkAnswer = z.infer<typeof deviceLinkAnswerSchema>;

/**
 * `POST /api/matches/:id/seats/:seat/device-link/revoke`: the seat's new credentials, for the browser
 * that revoked (every other browser holding the seat is signed out of it).
 */
export const deviceLinkRevokeAnswerSchema = seatProofSchema.extend({ revoked: z.literal(true) });
/** The answer to `POST /api/matches/:id/seats/:seat/device-link/revoke`. */
export type DeviceLinkRevokeAnswer = z.infer<typeof deviceLinkRevokeAnswerSchema>;

/** `POST /api/matches/:id/continue`: the seat a device link carried, and its player's name. */
export const continueAnswerSchema = seatGrantSchema.extend({ name: z.string() });
/** The answer to `POST /api/matches/:id/continue`. */
export type ContinueAnswer = z.infer<typeof continueAnswerSchema>;

/** `POST /api/my-matches`. */
export const myMatchesAnswerSchema = z.strictObject({ matches: z.array(myMatchSchema) });
/** The answer to `POST /api/my-matches`. */
export type MyMatchesAnswer = z.infer<typeof myMatchesAnswerSchema>;

/** Every refusal of the lobby, with a fitting HTTP status. */
export const lobbyErrorAnswerSchema = z.strictObject({ error: wireErrorSchema });
/** A refusal of the lobby. */
export type LobbyErrorAnswer = z.infer<typeof lobbyErrorAnswerSchema>;

// ---------------------------------------------------------------------------------------------
// Routes.

/** One route of the lobby: its method, path pattern, body schema and answer schema. */
export interface LobbyRoute {
  readonly method: "GET" | "POST";
  readonly path: string; // as docs/api.md writes it
  readonly pattern: RegExp; // matches the request path (without the query)
  readonly body: z.ZodType | null; // null: no body (a GET)
  readonly answer: z.ZodType; // the success answer
}

const ID = "[^/]+";

/** Every lobby route, by name. */
export const LOBBY_ROUTES = {
  create: {
    method: "POST",
    path: "/api/matches",
    pattern: /^\/api\/matches$/,
    body: createBodySchema,
    answer: createAnswerSchema,
  },
  list: {
    method: "GET",
    path: "/api/matches",
    pattern: /^\/api\/matches$/,
    body: null,
    answer: listAnswerSchema,
  },
  match: {
    method: "GET",
    path: "/api/matches/:id",
    pattern: new RegExp(`^/api/matches/${ID}$`),
    body: null,
    answer: matchInfoSchema,
  },
  join: {
    method: "POST",
    path: "/api/matches/:id/join",
    pattern: new RegExp(`^/api/matches/${ID}/join$`),
    body: joinBodySchema,
    answer: joinAnswerSchema,
  },
  leave: {
    method: "POST",
    path: "/api/matches/:id/leave",
    pattern: new RegExp(`^/api/matches/${ID}/leave$`),
    body: seatProofSchema,
    answer: leaveAnswerSchema,
  },
  playAgain: {
    method: "POST",
    path: "/api/matches/:id/play-again",
    pattern: new RegExp(`^/api/matches/${ID}/play-again$`),
    body: seatProofSchema,
    answer: seatGrantSchema,
  },
  resume: {
    method: "POST",
    path: "/api/matches/:id/resume",
    pattern: new RegExp(`^/api/matches/${ID}/resume$`),
    body: seatProofSchema,
    answer: resumeAnswerSchema,
  },
  seatToBot: {
    method: "POST",
    path: "/api/matches/:id/seats/:seat/bot",
    pattern: new RegExp(`^/api/matches/${ID}/seats/${ID}/bot$`),
    body: seatToBotBodySchema,
    answer: seatToBotAnswerSchema,
  },
  deviceLink: {
    method: "POST",
    path: "/api/matches/:id/seats/:seat/device-link",
    pattern: new RegExp(`^/api/matches/${ID}/seats/${ID}/device-link$`),
    body: seatProofSchema,
    answer: deviceLinkAnswerSchema,
  },
  revokeDeviceLink: {
    method: "POST",
    path: "/api/matches/:id/seats/:seat/device-link/revoke",
    pattern: new RegExp(`^/api/matches/${ID}/seats/${ID}/device-link/revoke$`),
    body: seatProofSchema,
    answer: deviceLinkRevokeAnswerSchema,
  },
  continue: {
    method: "POST",
    path: "/api/matches/:id/continue",
    pattern: new RegExp(`^/api/matches/${ID}/continue$`),
    body: continueBodySchema,
    answer: continueAnswerSchema,
  },
  record: {
    method: "GET",
    path: "/api/matches/:id/record",
    pattern: new RegExp(`^/api/matches/${ID}/record$`),
    body: null,
    answer: matchRecordSchema,
  },
  debrief: {
    method: "GET",
    path: "/api/matches/:id/debrief",
    pattern: new RegExp(`^/api/matches/${ID}/debrief$`),
    body: null,
    answer: matchDebriefSchema,
  },
  exportZip: {
    method: "GET",
    path: "/api/matches/:id/export.zip",
    pattern: new RegExp(`^/api/matches/${ID}/export\\.zip$`),
    body: null,
    answer: exportZipAnswerSchema,
  },
  exportJson: {
    method: "GET",
    path: "/api/matches/:id/export.json",
    pattern: new RegExp(`^/api/matches/${ID}/export\\.json$`),
    body: null,
    answer: matchExportSchema,
  },
  server: {
    method: "GET",
    path: "/api/server",
    pattern: /^\/api\/server$/,
    body: null,
    answer: serverInfoSchema,
  },
  myMatches: {
    method: "POST",
    path: "/api/my-matches",
    pattern: /^\/api\/my-matches$/,
    body: myMatchesBodySchema,
    answer: myMatchesAnswerSchema,
  },
} as const satisfies Record<string, LobbyRoute>;

/** The name of a lobby route. */
export type LobbyRouteName = keyof typeof LOBBY_ROUTES;

/** The route a request goes to (`pathname` without the query), or null when there is none. */
export function lobbyRouteOf(method: string, pathname: string): LobbyRouteName | null {
  for (const [name, route] of Object.entries(LOBBY_ROUTES)) {
    if (route.method === method.toUpperCase() && route.pattern.test(pathname)) return name as LobbyRouteName;
  }
  return null;
}
