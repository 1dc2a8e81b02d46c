/**
 * A match record (`GET /api/matches/:id/record`, docs/api.md "Match records"): one JSON file with
 * everything needed to play a match again through the rules — its map, settings, player count and
 * random seed, every accepted action in order with the phase it was made in, a checkpoint after
 * each resolved phase, the editions printed and a hash of the final state — so that anyone can
 * check it (`npm run replay`, docs/replay.md) without the server that played it. Private press is
 * not in it: messages are not moves, and a leak carries no proof (`PROOF_WITHHELD`).
 */
import { z } from "zod";
import { SEASONS } from "../game/position";
import { MAP_IDS } from "../map/registry";
import { MOVE_NAMES } from "../match/moves";
import { PRESS_MODES, SCORING_SYSTEMS } from "../match/types";
import { PHASE_KINDS } from "../orders/types";

/** The format id every record carries. */
export const RECORD_FORMAT = "entente-match-record";
/** The version of the format this code writes and reads. */
export const RECORD_VERSION = 1;
/** What a leak's proof (the server's HMAC) is replaced with in a record. */
export const PROOF_WITHHELD = "withheld";

/** A phase key, e.g. `1901-spring-movement` (`phaseKey` of shared/src/game/position.ts). */
const phaseKeySchema = z.string().regex(/^\d{1,5}-[a-z]+-[a-z]+$/);

/** A hex sha256. */
const hashSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** The settings a match was created with (boardgame.io's `setupData`). */
export const recordSettingsSchema = z.strictObject({
  mapId: z.enum(MAP_IDS),
  preset: z.string().min(1).max(64),
  pressMode: z.enum(PRESS_MODES),
  yearLimit: z.number().int().nullable(),
  miscommunication: z.number().min(0).max(1),
  scoring: z.enum(SCORING_SYSTEMS),
});

/** One accepted action: a move as the server ran it (boardgame.io's `MAKE_MOVE`). */
export const recordActionSchema = z.strictObject({
  phase: phaseKeySchema, // the phase it was made in
  playerID: z.string().regex(/^\d{1,3}$/), // the seat that made it ("0"…)
  move: z.enum(Object.values(MOVE_NAMES) as [string, ...string[]]), // the move name, e.g. "orders"
  args: z.unknown(), // the payload the game admitted (checked again by the game when replayed)
});
/** One action of a record. */
export type RecordAction = z.infer<typeof recordActionSchema>;

/** The position after a phase (`Position` of shared/src/game/position.ts), public once it resolved. */
const positionSchema = z.object({
  year: z.number().int(),
  season: z.enum(SEASONS),
  phase: z.enum(PHASE_KINDS),
  units: z.array(z.unknown()).readonly(),
  dislodged: z.array(z.unknown()).readonly(),
  supplyCenters: z.record(z.string(), z.string()),
});

/** Where the match stood after a phase resolved. */
export const recordCheckpointSchema = z.strictObject({
  phase: phaseKeySchema, // the phase that resolved
  actions: z.number().int().min(1), // how many actions of the record it took (the last one resolved it)
  position: positionSchema, // the position it left
  editions: z.number().int().min(0), // how many editions were printed by then
});
/** One checkpoint of a record. */
export type RecordCheckpoint = z.infer<typeof recordCheckpointSchema>;

/** An edition of the paper (`Edition` of shared/src/newspaper/types.ts). */
const editionSchema = z.looseObject({
  number: z.number().int(),
  phase: z.looseObject({ year: z.number().int() }),
  articles: z.array(z.unknown()),
});

/** A match record. */
export const matchRecordSchema = z.strictObject({
  format: z.literal(RECORD_FORMAT),
  version: z.literal(RECORD_VERSION),
  matchID: z.string().min(1).max(64),
  map: z.enum(MAP_IDS),
  settings: recordSettingsSchema,
  numPlayers: z.number().int().min(1).max(16),
  // boardgame.io's random seed; null while the match runs: from it the draws still to come (the
  // paper's misreports) could be worked out, so it is given only once the match has ended.
  seed: z.union([z.string().min(1).max(256), z.number(), z.null()]),
  pressSeal: z.string().min(1).max(256).optional(), // the match's press seal, when it had a press channel
  complete: z.boolean(), // true: up to the match's end; false: up to its last resolved phase
  actions: z.array(recordActionSchema),
  checkpoints: z.array(recordCheckpointSchema),
  editions: z.array(editionSchema), // every edition printed up to the record's end
  finalHash: hashSchema, // sha256 of the canonical JSON of `G` at the record's end
});
/** A match record. */
export type MatchRecord = z.infer<typeof matchRecordSchema>;
