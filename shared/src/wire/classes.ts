/**
 * Class sessions (`/api/classes`, docs/classroom.md and docs/api.md "Classes") as data: every
 * request and answer of the routes a teacher, a student and the projector use, declared once for
 * the server and the client. A teacher makes a session (no account: the answer's `teacherKey` is
 * the teacher's key), students join it by its short code with a name, the teacher starts it (the
 * students are split into matches and powers), steers every match, and ends it.
 *
 * Keys travel as `Authorization: Bearer <key>`: the teacher key for the teacher's routes, a
 * student key for a student's own routes. A student's key is also the credentials their game
 * sockets sync with (several students of one team each hold their own).
 */
import { z } from "zod";
import { PERSONALITIES } from "../bots/personality";
import { TACTICS } from "../bots/tactics";
import { MAP_IDS } from "../map/registry";
import { cleanPressText, isBlank, textLength } from "../match/text";
import { PRESS_MODES } from "../match/types";
import { PRESET_IDS } from "../trust/presets";
import { classDebriefSchema } from "./debrief";
import { classExportSchema, exportZipAnswerSchema } from "./exports";
import { matchIdSchema, nameSchema, phaseSchema, timingSchema, type LobbyRoute } from "./lobby";

// ---------------------------------------------------------------------------------------------
// Pieces.

/** The letters of a join code: no look-alikes (no I, L, O, 0 or 1). */
export const JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/** How long a join code is. */
export const JOIN_CODE_LENGTH = 6;
/** The most students one class takes. */
export const MAX_STUDENTS = 200;
/** The most matches one class runs. */
export const MAX_CLASS_MATCHES = 30;
/** The longest class name, broadcast or team message. */
export const MAX_CLASS_TEXT = 500;

/**
 * A join code as people type it: any letter case, spaces or dashes anywhere ("abc-d2f" is
 * "ABCD2F"); after that, exactly six letters of the alphabet.
 */
export const joinCodeSchema = z
  .string()
  .max(40)
  .transform((raw) => raw.replace(/[\s-]+/gu, "").toUpperCase())
  .refine(
    (code) => new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`).test(code),
    `must be ${JOIN_CODE_LENGTH} letters or digits of the join code (no I, L, O, 0 or 1)`,
  );

/** A class id, as the server makes them (url-safe). */
export const classIdSchema = matchIdSchema;
/** A student id, as the server makes them (url-safe). */
export const studentIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "must be a student id");

/** A power's id as the maps spell them (`FRA`). */
const powerSchema = z
  .string()
  .min(1)
  .max(16)
  .regex(/^[A-Z]+$/, "must be a power id such as FRA");

/** A preset id. */
const presetSchema = z
  .string()
  .refine((id) => PRESET_IDS.includes(id), `must be one of ${PRESET_IDS.join(", ")}`);

/**
 * A short text a teacher or student writes (a broadcast, a team message), by the press text rules
 * (`cleanPressText`: no control, invisible or direction-changing characters; NFC, trimmed): not
 * blank, 1–500 characters.
 */
export const classTextSchema = z
  .string()
  .max(MAX_CLASS_TEXT * 8, `must be at most ${MAX_CLASS_TEXT} characters`) // bounds the work of the check
  .transform((raw, issues) => {
    const text = cleanPressText(raw);
    if (!text.ok) {
      issues.addIssue({ code: "custom", message: text.error });
      return z.NEVER;
    }
    if (isBlank(text.value)) {
      issues.addIssue({ code: "custom", message: "must not be blank" });
      return z.NEVER;
    }
    return text.value;
  })
  .refine((s) => textLength(s) <= MAX_CLASS_TEXT, `must be at most ${MAX_CLASS_TEXT} characters`);

/**
 * How long phases last: `live` (10 minutes to move, 3 to retreat or build), `daily` (one phase
 * per class day: the teacher resolves it, or it resolves when every power is ready; a week at
 * most), or minutes per phase kind.
 */
export const classTimingSchema = z.union([z.enum(["live", "daily"]), timingSchema]);
/** How long phases last in a class. */
export type ClassTiming = z.infer<typeof classTimingSchema>;

/** A bot personality, optionally with its tactics (`steady`, `grudger`, …). */
const personalitySchema = z.enum(PERSONALITIES);

/** Who plays the powers no student takes. */
export const classBotsSchema = z.strictObject({
  personality: z.exactOptional(personalitySchema), // one for all (default steady)
  tactics: z.exactOptional(z.enum(TACTICS)), // how they fight (default baseline)
  byPower: z.exactOptional(z.record(powerSchema, personalitySchema)), // one per power, over the default
});
/** Who plays the powers no student takes. */
export type ClassBots = z.infer<typeof classBotsSchema>;

/** What happens to students beyond the seats: a power gets one more student, or they watch. */
export const EXTRA_STUDENTS = ["teams", "observers"] as const;

// ---------------------------------------------------------------------------------------------
// Requests.

/** `POST /api/classes`. */
export const createClassBodySchema = z.strictObject({
  name: nameSchema,
  map: z.exactOptional(z.enum(MAP_IDS as readonly [string, ...string[]])), // default classic
  studentsPerPower: z.exactOptional(z.number().int().min(1).max(4)), // default 1
  extras: z.exactOptional(z.enum(EXTRA_STUDENTS)), // default teams
  matches: z.exactOptional(z.number().int().min(1).max(MAX_CLASS_MATCHES)), // default: as many as the class fills
  timing: z.exactOptional(classTimingSchema), // default live
  pressMode: z.exactOptional(z.enum(PRESS_MODES)), // default full
  presets: z.exactOptional(z.array(presetSchema).min(1).max(2)), // two: alternated across matches
  yearLimit: z.exactOptional(z.number().int().min(1).max(99_999).nullable()),
  bots: z.exactOptional(classBotsSchema),
  teacherReadsPress: z.exactOptional(z.boolean()), // default false; shown to students before they join
  roster: z.exactOptional(z.array(nameSchema).max(MAX_STUDENTS)), // names students pick from
  seed: z.exactOptional(z.string().min(1).max(64)), // the split's seed (default random)
});
/** The body of `POST /api/classes`, as the server reads it. */
export type CreateClassBody = z.infer<typeof createClassBodySchema>;
/** The body of `POST /api/classes`, as a client sends it. */
export type CreateClassRequest = z.input<typeof createClassBodySchema>;

/** `POST /api/classes/join`. */
export const joinClassBodySchema = z.strictObject({ code: joinCodeSchema, name: nameSchema });
/** The body of `POST /api/classes/join`. */
export type JoinClassRequest = z.input<typeof joinClassBodySchema>;

/** `POST /api/classes/:classId/start` (teacher): optionally start paused, to move students first. */
export const startClassBodySchema = z.strictObject({ paused: z.exactOptional(z.boolean()) });

/** `GET /api/classes/:classId` and `…/students/:studentId`: wait for a newer version (long-poll). */
export const classWaitQuerySchema = z.strictObject({
  after: z.exactOptional(z.string().regex(/^\d{1,15}$/, "must be a version number")),
  wait: z.exactOptional(z.string().regex(/^\d{1,2}$/, "must be whole seconds, 0–99 (at most 25 are waited)")),
});

/** `POST /api/classes/:classId/students/:studentId/move` (teacher). `power` null: watch the match. */
export const moveStudentBodySchema = z.strictObject({
  matchId: matchIdSchema,
  power: powerSchema.nullable(),
});

/** `POST /api/classes/:classId/matches/:matchId/extend` (teacher; `all` for every match). */
export const extendBodySchema = z.strictObject({
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
});

/** `POST /api/classes/:classId/matches/:matchId/powers/:power/bot` (teacher). */
export const powerToBotBodySchema = z.strictObject({
  personality: z.exactOptional(personalitySchema),
  tactics: z.exactOptional(z.enum(TACTICS)),
});

/** `POST /api/classes/:classId/broadcast` (teacher). */
export const broadcastBodySchema = z.strictObject({ text: classTextSchema });

/** `POST /api/classes/:classId/students/:studentId/team-chat` (the student). */
export const teamChatBodySchema = z.strictObject({ text: classTextSchema });

/** `POST /api/classes/:classId/projector` (teacher): the match on the wall, or each in turn. */
export const projectorFocusBodySchema = z.strictObject({
  focus: z.union([matchIdSchema, z.literal("rotate")]),
});

/** A teacher's action on one match or (`:matchId` = `all`) on every match of the class. */
export const MATCH_CONTROLS = ["pause", "resume", "resolve", "end"] as const;
/** A teacher's action on a match. */
export type MatchControl = (typeof MATCH_CONTROLS)[number];

// ---------------------------------------------------------------------------------------------
// Answers.

/** Where a session is: students joining, matches running, or over. */
export const CLASS_STATUSES = ["waiting", "running", "ended"] as const;
/** Where a session is. */
export type ClassStatus = (typeof CLASS_STATUSES)[number];

/** `POST /api/classes` (201). Keep `teacherKey` (and `teacherUrl`, which holds it) secret. */
export const createClassAnswerSchema = z.strictObject({
  classId: classIdSchema,
  code: z.string(),
  joinUrl: z.string(), // `<origin>/join/<code>`
  teacherKey: z.string(),
  teacherUrl: z.string(), // `<origin>/class/<classId>/teacher#<teacherKey>`
});
/** The answer to `POST /api/classes`. */
export type CreateClassAnswer = z.infer<typeof createClassAnswerSchema>;

/** `GET /api/classes/code/:code`: what the join page shows before anyone types a name. */
export const classPreviewSchema = z.strictObject({
  name: z.string(),
  status: z.enum(CLASS_STATUSES),
  map: z.string(),
  studentsPerPower: z.number().int(),
  teacherReadsPress: z.boolean(), // said to every student before they join
  roster: z.array(z.string()), // the roster's names nobody has taken yet
  students: z.number().int(), // how many have joined
});
/** What the join page shows. */
export type ClassPreview = z.infer<typeof classPreviewSchema>;

/** `POST /api/classes/join`. Keep `studentKey`: it is the student's seat. */
export const joinClassAnswerSchema = z.strictObject({
  classId: classIdSchema,
  studentId: studentIdSchema,
  studentKey: z.string(),
});
/** The answer to `POST /api/classes/join`. */
export type JoinClassAnswer = z.infer<typeof joinClassAnswerSchema>;

/** Who plays one power of a class match. */
export const classPowerSchema = z.strictObject({
  power: z.string(),
  students: z.array(studentIdSchema),
  bot: z.string().nullable(), // the bot's personality, or null when students play it
});
/** Who plays one power of a class match. */
export type ClassPower = z.infer<typeof classPowerSchema>;

/** One match of a class and who plays which power. */
export const classMatchPlanSchema = z.strictObject({
  matchId: matchIdSchema,
  preset: z.string(),
  powers: z.array(classPowerSchema),
});

/** `POST /api/classes/:classId/start`. */
export const startClassAnswerSchema = z.strictObject({ matches: z.array(classMatchPlanSchema) });
/** The answer to `POST /api/classes/:classId/start`. */
export type StartClassAnswer = z.infer<typeof startClassAnswerSchema>;

/** A message from the teacher to every student. */
export const broadcastSchema = z.strictObject({ id: z.number().int(), text: z.string(), at: z.number() });
/** A message from the teacher to every student. */
export type Broadcast = z.infer<typeof broadcastSchema>;

/** A student as the teacher sees them. */
export const classStudentSchema = z.strictObject({
  studentId: studentIdSchema,
  name: z.string(),
  matchId: matchIdSchema.nullable(), // null: not placed yet
  power: z.string().nullable(), // null: not placed, or watching their match
  connected: z.boolean(), // a page of theirs is open (or was within the last 30 s)
  joinedAt: z.number(),
});
/** A student as the teacher sees them. */
export type ClassStudent = z.infer<typeof classStudentSchema>;

/** One power of a running class match, as the teacher sees it. */
export const classMatchPowerSchema = classPowerSchema.extend({
  connected: z.boolean(), // a student of it has a game socket open
  ordersIn: z.boolean(), // it has orders for the phase (or none are needed)
  ready: z.boolean(),
  mustAct: z.boolean(), // it has something to do this phase
  centres: z.number().int(),
  reputation: z.number(),
  out: z.boolean(), // out of the game
});

/** One match of the class, as the teacher sees it. */
export const classMatchSchema = z.strictObject({
  matchId: matchIdSchema,
  number: z.number().int().min(1), // "Match 1", …
  preset: z.string(),
  phase: phaseSchema,
  deadline: z.number().nullable(), // ms since the epoch; null while paused or over
  paused: z.boolean(), // paused by the teacher (or idle)
  over: z.boolean(),
  result: z.string().nullable(), // how it ended, in words
  headline: z.string().nullable(), // the latest newspaper's top headline
  powers: z.array(classMatchPowerSchema),
});
/** One match of the class, as the teacher sees it. */
export type ClassMatch = z.infer<typeof classMatchSchema>;

/** `GET /api/classes/:classId` (teacher). */
export const classViewSchema = z.strictObject({
  classId: classIdSchema,
  name: z.string(),
  code: z.string(),
  joinUrl: z.string(),
  status: z.enum(CLASS_STATUSES),
  version: z.number().int(), // changes whenever anything shown here changes (for `?after=`)
  createdAt: z.number(),
  settings: z.strictObject({
    map: z.string(),
    studentsPerPower: z.number().int(),
    extras: z.enum(EXTRA_STUDENTS),
    matches: z.number().int().nullable(),
    timing: timingSchema,
    daily: z.boolean(),
    pressMode: z.enum(PRESS_MODES),
    presets: z.array(z.string()),
    yearLimit: z.number().int().nullable(),
    teacherReadsPress: z.boolean(),
    seed: z.string(),
  }),
  roster: z.array(z.string()),
  students: z.array(classStudentSchema),
  matches: z.array(classMatchSchema),
  broadcasts: z.array(broadcastSchema),
  projector: z.union([matchIdSchema, z.literal("rotate")]),
});
/** The session as the teacher sees it. */
export type ClassView = z.infer<typeof classViewSchema>;

/** A team member as their teammates see them. */
export const teamMemberSchema = z.strictObject({
  studentId: studentIdSchema,
  name: z.string(),
  connected: z.boolean(),
});

/** A message of a team's private chat. */
export const teamMessageSchema = z.strictObject({
  id: z.number().int(),
  studentId: studentIdSchema,
  name: z.string(),
  text: z.string(),
  at: z.number(),
});
/** A message of a team's private chat. */
export type TeamMessage = z.infer<typeof teamMessageSchema>;

/** Who last drafted the order of one unit this phase. */
export const draftMarkSchema = z.strictObject({
  unit: z.string(), // the province the unit stands in, as the orders name it
  order: z.string(), // the order's text
  studentId: studentIdSchema,
  name: z.string(),
  at: z.number(),
});
/** Who last drafted the order of one unit this phase. */
export type DraftMark = z.infer<typeof draftMarkSchema>;

/** The seat a student plays: what the game screen syncs with. `credentials` is the student's key. */
export const studentSeatSchema = z.strictObject({
  matchID: matchIdSchema,
  playerID: z.string(),
  credentials: z.string(),
  power: z.string(),
});

/** `GET /api/classes/:classId/students/:studentId` (the student). */
export const studentViewSchema = z.strictObject({
  classId: classIdSchema,
  className: z.string(),
  studentId: studentIdSchema,
  name: z.string(),
  status: z.enum(CLASS_STATUSES),
  version: z.number().int(),
  students: z.number().int(), // how many have joined the class
  matchId: matchIdSchema.nullable(), // null: waiting to be placed
  power: z.string().nullable(), // null: waiting, or watching `matchId`
  seat: studentSeatSchema.nullable(),
  paused: z.boolean(), // the teacher paused the student's match
  teacherReadsPress: z.boolean(),
  team: z.array(teamMemberSchema), // everyone on the student's power, the student too
  teamChat: z.array(teamMessageSchema), // the latest 100
  drafts: z.array(draftMarkSchema), // this phase, by unit
  broadcasts: z.array(broadcastSchema), // the latest 20
  rejoinUrl: z.string(), // `<origin>/class/<classId>/s/<studentId>#<studentKey>`: this seat on another device
});
/** The session as one student sees it. */
export type StudentView = z.infer<typeof studentViewSchema>;

/** A match on the wall: only what anyone may see. */
export const projectorMatchSchema = z.strictObject({
  matchId: matchIdSchema,
  number: z.number().int(),
  preset: z.string(),
  phase: phaseSchema,
  deadline: z.number().nullable(),
  paused: z.boolean(),
  over: z.boolean(),
  result: z.string().nullable(),
  headlines: z.array(z.string()), // the latest edition's, top first
  powers: z.array(
    z.strictObject({
      power: z.string(),
      centres: z.number().int(),
      reputation: z.number(),
      out: z.boolean(),
    }),
  ),
});

/** `GET /api/classes/:classId/projector` (anyone with the class id: nothing private). */
export const projectorViewSchema = z.strictObject({
  classId: classIdSchema,
  name: z.string(),
  status: z.enum(CLASS_STATUSES),
  version: z.number().int(),
  focus: z.union([matchIdSchema, z.literal("rotate")]),
  matches: z.array(projectorMatchSchema),
  broadcasts: z.array(broadcastSchema), // the latest 3
});
/** The projector page's data. */
export type ProjectorView = z.infer<typeof projectorViewSchema>;

/** A private message of a class match, as the teacher reads it (only when the session said so). */
export const teacherPressItemSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(["message", "communique"]),
  from: z.string(),
  to: z.array(z.string()),
  text: z.string(),
  at: phaseSchema.omit({ phase: true }).extend({ phase: z.string() }),
  sentAt: z.number(),
});

/** `GET /api/classes/:classId/matches/:matchId/press` (teacher, when `teacherReadsPress`). */
export const teacherPressAnswerSchema = z.strictObject({
  matchId: matchIdSchema,
  press: z.array(teacherPressItemSchema),
});
/** The press of a class match, as the teacher reads it. */
export type TeacherPressAnswer = z.infer<typeof teacherPressAnswerSchema>;

/** A teacher's action done: the matches it changed, and the session after it. */
export const classActionAnswerSchema = z.strictObject({
  done: z.array(matchIdSchema),
  class: classViewSchema,
});
/** A teacher's action done. */
export type ClassActionAnswer = z.infer<typeof classActionAnswerSchema>;

/** `POST …/team-chat`. */
export const teamChatAnswerSchema = z.strictObject({ sent: teamMessageSchema });

// ---------------------------------------------------------------------------------------------
// Routes.

const ID = "[^/]+";

/** Every class route, by name. */
export const CLASS_ROUTES = {
  createClass: {
    method: "POST",
    path: "/api/classes",
    pattern: /^\/api\/classes$/,
    body: createClassBodySchema,
    answer: createClassAnswerSchema,
  },
  previewClass: {
    method: "GET",
    path: "/api/classes/code/:code",
    pattern: new RegExp(`^/api/classes/code/${ID}$`),
    body: null,
    answer: classPreviewSchema,
  },
  joinClass: {
    method: "POST",
    path: "/api/classes/join",
    pattern: /^\/api\/classes\/join$/,
    body: joinClassBodySchema,
    answer: joinClassAnswerSchema,
  },
  startClass: {
    method: "POST",
    path: "/api/classes/:classId/start",
    pattern: new RegExp(`^/api/classes/${ID}/start$`),
    body: startClassBodySchema,
    answer: startClassAnswerSchema,
  },
  classView: {
    method: "GET",
    path: "/api/classes/:classId",
    pattern: new RegExp(`^/api/classes/${ID}$`),
    body: null,
    answer: classViewSchema,
  },
  studentView: {
    method: "GET",
    path: "/api/classes/:classId/students/:studentId",
    pattern: new RegExp(`^/api/classes/${ID}/students/${ID}$`),
    body: null,
    answer: studentViewSchema,
  },
  teamChat: {
    method: "POST",
    path: "/api/classes/:classId/students/:studentId/team-chat",
    pattern: new RegExp(`^/api/classes/${ID}/students/${ID}/team-chat$`),
    body: teamChatBodySchema,
    answer: teamChatAnswerSchema,
  },
  moveStudent: {
    method: "POST",
    path: "/api/classes/:classId/students/:studentId/move",
    pattern: new RegExp(`^/api/classes/${ID}/students/${ID}/move$`),
    body: moveStudentBodySchema,
    answer: classActionAnswerSchema,
  },
  controlMatch: {
    method: "POST",
    path: "/api/classes/:classId/matches/:matchId/(pause|resume|resolve|end)",
    pattern: new RegExp(`^/api/classes/${ID}/matches/${ID}/(pause|resume|resolve|end)$`),
    body: z.strictObject({}),
    answer: classActionAnswerSchema,
  },
  extendMatch: {
    method: "POST",
    path: "/api/classes/:classId/matches/:matchId/extend",
    pattern: new RegExp(`^/api/classes/${ID}/matches/${ID}/extend$`),
    body: extendBodySchema,
    answer: classActionAnswerSchema,
  },
  powerToBot: {
    method: "POST",
    path: "/api/classes/:classId/matches/:matchId/powers/:power/bot",
    pattern: new RegExp(`^/api/classes/${ID}/matches/${ID}/powers/${ID}/bot$`),
    body: powerToBotBodySchema,
    answer: classActionAnswerSchema,
  },
  teacherPress: {
    method: "GET",
    path: "/api/classes/:classId/matches/:matchId/press",
    pattern: new RegExp(`^/api/classes/${ID}/matches/${ID}/press$`),
    body: null,
    answer: teacherPressAnswerSchema,
  },
  broadcast: {
    method: "POST",
    path: "/api/classes/:classId/broadcast",
    pattern: new RegExp(`^/api/classes/${ID}/broadcast$`),
    body: broadcastBodySchema,
    answer: classActionAnswerSchema,
  },
  projector: {
    method: "GET",
    path: "/api/classes/:classId/projector",
    pattern: new RegExp(`^/api/classes/${ID}/projector$`),
    body: null,
    answer: projectorViewSchema,
  },
  projectorFocus: {
    method: "POST",
    path: "/api/classes/:classId/projector",
    pattern: new RegExp(`^/api/classes/${ID}/projector$`),
    body: projectorFocusBodySchema,
    answer: classActionAnswerSchema,
  },
  endClass: {
    method: "POST",
    path: "/api/classes/:classId/end",
    pattern: new RegExp(`^/api/classes/${ID}/end$`),
    body: z.strictObject({}),
    answer: classActionAnswerSchema,
  },
  classDebrief: {
    method: "GET",
    path: "/api/classes/:classId/debrief",
    pattern: new RegExp(`^/api/classes/${ID}/debrief$`),
    body: null,
    answer: classDebriefSchema,
  },
  classExportZip: {
    method: "GET",
    path: "/api/classes/:classId/export.zip",
    pattern: new RegExp(`^/api/classes/${ID}/export\\.zip$`),
    body: null,
    answer: exportZipAnswerSchema,
  },
  classExportJson: {
    method: "GET",
    path: "/api/classes/:classId/export.json",
    pattern: new RegExp(`^/api/classes/${ID}/export\\.json$`),
    body: null,
    answer: classExportSchema,
  },
} as const satisfies Record<string, LobbyRoute>;

/** The name of a class route. */
export type ClassRouteName = keyof typeof CLASS_ROUTES;
