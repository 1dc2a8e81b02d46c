/**
 * Debriefs (docs/debrief.md): what a match, and a class session of matches, came to — as the one
 * shape the server answers (`GET /api/matches/:id/debrief`, `GET /api/classes/:id/debrief`) and
 * the browser draws, and the browser also builds from a record file it replays. Built by
 * `debriefOf` (shared/src/debrief) from the state after each resolved phase and the actions the
 * reader may see: a running match's host sees what their seat sees; a teacher or, once the match
 * has ended, any seat sees everything but private press.
 */
import { z } from "zod";
import { MAP_IDS } from "../map/registry";
import { PRESS_MODES, SCORING_SYSTEMS } from "../match/types";
import { DEFECTION_KINDS, COMMITMENT_STATUSES } from "../trust/types";

/** A power's id, e.g. "england". */
const powerSchema = z.string().min(1).max(32);
/** A number per power. */
const perPowerSchema = z.record(z.string(), z.number());
/** A phase key, e.g. `1901-spring-movement`. */
const phaseKeySchema = z.string().regex(/^\d{1,5}-[a-z]+-[a-z]+$/);

/** A phase as a debrief names it. */
export const debriefPhaseRefSchema = z.strictObject({
  key: phaseKeySchema, // e.g. "1902-fall-movement"
  label: z.string(), // e.g. "Fall 1902 movement"
});
/** A phase of a debrief. */
export type DebriefPhaseRef = z.infer<typeof debriefPhaseRefSchema>;

/** Two powers bound by at least one commitment in force after a phase. */
export const debriefTieSchema = z.strictObject({
  powers: z.tuple([powerSchema, powerSchema]), // in map order
  commitments: z.array(z.string()), // ids of the commitments in force between them
  alliance: z.boolean(), // one of them holds an alliance clause
});
/** A tie of the alliance network. */
export type DebriefTie = z.infer<typeof debriefTieSchema>;

/** Where the match stood after one phase (the first entry: before the first phase). */
export const debriefStandingSchema = z.strictObject({
  phase: debriefPhaseRefSchema.nullable(), // null: the start
  centres: perPowerSchema,
  units: perPowerSchema,
  reputation: perPowerSchema,
  prestige: perPowerSchema,
  ties: z.array(debriefTieSchema), // the alliance network after the phase
});
/** A standing of a debrief. */
export type DebriefStanding = z.infer<typeof debriefStandingSchema>;

/** A commitment as the debrief tells it. */
export const debriefCommitmentSchema = z.strictObject({
  id: z.string(),
  proposer: powerSchema,
  parties: z.array(powerSchema),
  clauses: z.array(z.string()), // each clause in words
  visibility: z.enum(["public", "secret"]),
  status: z.enum(COMMITMENT_STATUSES),
  proposedAt: debriefPhaseRefSchema,
  signedAt: debriefPhaseRefSchema.nullable(),
  endedAt: debriefPhaseRefSchema.nullable(),
  outcome: z.enum(["kept", "broken", "renounced", "in-force", "never-signed"]),
});
/** A commitment of a debrief. */
export type DebriefCommitment = z.infer<typeof debriefCommitmentSchema>;

/** One defection, with who learned it from the papers and what it cost. */
export const debriefDefectionSchema = z.strictObject({
  phase: debriefPhaseRefSchema,
  by: powerSchema,
  against: powerSchema,
  kind: z.enum(DEFECTION_KINDS),
  acts: z.array(z.string()), // each act in words
  commitments: z.array(z.string()), // the commitments it broke
  reported: z.boolean(), // the paper printed it (it may miss one)
  learnedFromPaper: z.array(powerSchema), // who first learned of it from the paper (the victim of a surprise)
  reputationCost: z.number(), // the defector's reputation change for it
  prestigeCost: z.number(), // the victim's prestige change for it
});
/** A defection of a debrief. */
export type DebriefDefection = z.infer<typeof debriefDefectionSchema>;

/** A notice given on a commitment. */
export const debriefNoticeSchema = z.strictObject({
  phase: debriefPhaseRefSchema,
  by: powerSchema,
  commitment: z.string(),
  parties: z.array(powerSchema),
});

/** A leak printed by the paper. */
export const debriefLeakSchema = z.strictObject({
  phase: debriefPhaseRefSchema, // the phase it was printed after
  leaker: powerSchema,
  sender: powerSchema,
  exposesBrokenPromise: z.boolean(),
});

/** A draw vote as cast (the reader sees only those they may). */
export const debriefDrawVoteSchema = z.strictObject({
  phase: debriefPhaseRefSchema,
  power: powerSchema,
  vote: z.boolean(),
});

/** One power's account of the match. */
export const debriefPowerSchema = z.strictObject({
  power: powerSchema,
  centres: z.number().int(), // at the debrief's end
  reputation: z.number(),
  prestige: z.number(),
  score: z.number().nullable(), // the final score, once the match has ended
  signed: z.number().int(), // commitments it was party to that came into force
  kept: z.number().int(), // ... that ran their course or are still kept
  broken: z.number().int(), // ... ended by a defection between their parties
  renounced: z.number().int(), // ... ended by a notice
  defections: z.record(z.enum(DEFECTION_KINDS), z.number().int()), // it made, by kind
  suffered: z.number().int(), // defections against it
  notices: z.number().int(), // notices it gave
  leaks: z.number().int(), // leaks it made
});
/** A power of a debrief. */
export type DebriefPower = z.infer<typeof debriefPowerSchema>;

/** The outcome of a match, or null while it runs. */
export const debriefOutcomeSchema = z.strictObject({
  kind: z.enum(["solo", "draw", "year-limit", "called"]),
  winner: powerSchema.nullable(), // the solo winner, else the top scorer
  survivors: z.array(powerSchema),
  at: debriefPhaseRefSchema,
});

/** A match's debrief. */
export const matchDebriefSchema = z.strictObject({
  matchID: z.string(),
  map: z.enum(MAP_IDS),
  preset: z.string(),
  pressMode: z.enum(PRESS_MODES),
  scoring: z.enum(SCORING_SYSTEMS),
  powers: z.array(powerSchema),
  ended: z.boolean(),
  view: z.enum(["whole", "seat"]), // seat: a running match's host sees what their seat sees
  outcome: debriefOutcomeSchema.nullable(),
  standings: z.array(debriefStandingSchema), // the start, then after each resolved phase
  commitments: z.array(debriefCommitmentSchema),
  defections: z.array(debriefDefectionSchema),
  notices: z.array(debriefNoticeSchema),
  leaks: z.array(debriefLeakSchema),
  drawVotes: z.array(debriefDrawVoteSchema),
  byPower: z.array(debriefPowerSchema),
  prompts: z.array(z.string()), // short factual prompts for discussion
});
/** A match's debrief. */
export type MatchDebrief = z.infer<typeof matchDebriefSchema>;

/** One match of a class session, summed up for comparison. */
export const classDebriefMatchSchema = z.strictObject({
  matchID: z.string(),
  label: z.string(), // "Match 1"
  preset: z.string(),
  phases: z.number().int(), // resolved
  outcome: debriefOutcomeSchema.nullable(),
  defections: z.record(z.enum(DEFECTION_KINDS), z.number().int()),
  signed: z.number().int(),
  kept: z.number().int(),
  broken: z.number().int(),
  keptShare: z.number().nullable(), // kept ÷ (kept + broken + renounced); null with none ended
  winnerReputation: z.number().nullable(),
  averageReputation: z.number(),
  averageCentres: z.number(),
  leaks: z.number().int(),
  notices: z.number().int(),
  debrief: matchDebriefSchema,
});
/** A match of a class debrief. */
export type ClassDebriefMatch = z.infer<typeof classDebriefMatchSchema>;

/** The matches of one preset taken together. */
export const classDebriefPresetSchema = z.strictObject({
  preset: z.string(),
  matches: z.number().int(),
  defections: z.record(z.enum(DEFECTION_KINDS), z.number()), // average per match
  keptShare: z.number().nullable(),
  winnerReputation: z.number().nullable(), // average over matches with a winner
  averageReputation: z.number(),
  averageCentres: z.number(),
  outcomes: z.record(z.string(), z.number().int()), // how many matches ended each way ("running" too)
});
/** A preset of a class debrief. */
export type ClassDebriefPreset = z.infer<typeof classDebriefPresetSchema>;

/** A class session's debrief (the teacher's). */
export const classDebriefSchema = z.strictObject({
  classId: z.string(),
  name: z.string(),
  matches: z.array(classDebriefMatchSchema),
  presets: z.array(classDebriefPresetSchema),
  prompts: z.array(z.string()),
});
/** A class debrief. */
export type ClassDebrief = z.infer<typeof classDebriefSchema>;
