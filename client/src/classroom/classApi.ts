/**
 * The class-session API (`/api/classes`, docs/api.md "Classes") as typed functions over the shared
 * contract (`shared/src/wire/classes.ts`): each request goes to its route in `CLASS_ROUTES`, each
 * answer is parsed with that route's answer schema before a page sees it, and every refusal
 * becomes the lobby's `ApiError` (code and message from the server, or this client's own
 * `network`, `http`, `bad-answer`). Keys travel as `Authorization: Bearer <key>`: the teacher key
 * for the teacher's routes, the student key for a student's own. Pure fetches: no React here.
 */
import type { z } from "zod";
import {
  CLASS_ROUTES,
  createClassBodySchema,
  type ClassActionAnswer,
  type ClassDebrief,
  type ClassPreview,
  type ClassRouteName,
  type ClassView,
  type CreateClassAnswer,
  type CreateClassRequest,
  type JoinClassAnswer,
  type MatchControl,
  type ProjectorView,
  type StartClassAnswer,
  type StudentView,
  type TeacherPressAnswer,
} from "../../../shared/src/wire";
import type { Personality } from "../../../shared/src/bots/personality";
import type { Tactics } from "../../../shared/src/bots/tactics";
import { describeIssues } from "../../../shared/src/match/schemas";
import { ApiError, timedRequest } from "../app/api";

export type {
  ClassActionAnswer,
  ClassDebrief,
  ClassPreview,
  ClassView,
  CreateClassAnswer,
  CreateClassRequest,
  JoinClassAnswer,
  MatchControl,
  ProjectorView,
  StartClassAnswer,
  StudentView,
  TeacherPressAnswer,
};

/** An answer with how far the server's clock is ahead of this browser's (null: not said). */
export interface Timed<T> {
  readonly data: T;
  readonly offset: number | null;
}

/** What a request carries besides its route: the path's parts, a key, a body, a query, a signal. */
interface RequestParts {
  readonly params?: Readonly<Record<string, string>>; // `:classId` → value
  readonly key?: string; // sent as `Authorization: Bearer <key>`
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal | undefined; // to stop a long-poll when its page goes
}

/**
 * A route's path with its `:name` parts filled in (each encoded), e.g.
 * `fillPath("/api/classes/:classId/start", { classId: "c1" })` → `/api/classes/c1/start`.
 */
export function fillPath(template: string, params: Readonly<Record<string, string>> = {}): string {
  return template.replace(/:([A-Za-z]+)/gu, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${template}`);
    return encodeURIComponent(value);
  });
}

/** A query string from its defined parts (`?after=3&wait=20`), or "" when there are none. */
export function queryString(query: Readonly<Record<string, string | undefined>> = {}): string {
  const parts = Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined);
  if (parts.length === 0) return "";
  return `?${parts.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")}`;
}

/** One request to a class route (its path given, for the one route with an action in it). */
async function request<N extends ClassRouteName>(
  name: N,
  path: string,
  parts: RequestParts = {},
): Promise<Timed<z.infer<(typeof CLASS_ROUTES)[N]["answer"]>>> {
  const route = CLASS_ROUTES[name];
  const extras = {
    ...(parts.key === undefined ? {} : { key: parts.key }),
    ...(parts.signal === undefined ? {} : { signal: parts.signal }),
  };
  const { data, offset } = await timedRequest(
    route.answer,
    route.method,
    `${path}${queryString(parts.query)}`,
    parts.body,
    extras,
  );
  return { data: data as z.infer<(typeof CLASS_ROUTES)[N]["answer"]>, offset };
}

/** A request to a route whose path is its template with `params` filled in. */
async function call<N extends ClassRouteName>(
  name: N,
  parts: RequestParts = {},
): Promise<z.infer<(typeof CLASS_ROUTES)[N]["answer"]>> {
  return (await request(name, fillPath(CLASS_ROUTES[name].path, parts.params), parts)).data;
}

/** The long-poll query: answer at once when the view's version is not `after`, else wait. */
function waitQuery(after: number | undefined, wait: number | undefined): Record<string, string | undefined> {
  return {
    after: after === undefined ? undefined : String(Math.max(0, Math.floor(after))),
    wait: wait === undefined ? undefined : String(Math.min(25, Math.max(0, Math.floor(wait)))),
  };
}

/**
 * Makes a class session. The body is checked with the contract's own schema first, so a refusal
 * the server would give comes back the same (`bad-payload`, naming the field) without a request.
 */
export const createClass = async (req: CreateClassRequest): Promise<CreateClassAnswer> => {
  const checked = createClassBodySchema.safeParse(req);
  if (!checked.success) throw new ApiError(400, "bad-payload", describeIssues(checked.error));
  return call("createClass", { body: req });
};

/** What the join page shows for a code (anyone). */
export const previewClass = (code: string): Promise<ClassPreview> =>
  call("previewClass", { params: { code } });

/** Joins a class by its code with a name; keep the answer's `studentKey`. */
export const joinClass = (code: string, name: string): Promise<JoinClassAnswer> =>
  call("joinClass", { body: { code, name } });

/** Starts the session (teacher): splits the students into matches and powers. */
export const startClass = (
  classId: string,
  teacherKey: string,
  opts: { readonly paused?: boolean } = {},
): Promise<StartClassAnswer> =>
  call("startClass", {
    params: { classId },
    key: teacherKey,
    body: opts.paused === undefined ? {} : { paused: opts.paused },
  });

/**
 * The session as the teacher sees it, with the server's clock offset. With `after`, the server
 * answers at once when its version differs (a version is a hash of the view), else waits up to
 * `wait` seconds (0–25) for a change and then answers with the current view.
 */
export const getClassTimed = (
  classId: string,
  teacherKey: string,
  after?: number,
  wait?: number,
  signal?: AbortSignal,
): Promise<Timed<ClassView>> =>
  request("classView", fillPath(CLASS_ROUTES.classView.path, { classId }), {
    key: teacherKey,
    query: waitQuery(after, wait),
    signal,
  });

/** The session as the teacher sees it (long-poll: see `getClassTimed`). */
export const getClass = async (
  classId: string,
  teacherKey: string,
  after?: number,
  wait?: number,
  signal?: AbortSignal,
): Promise<ClassView> => (await getClassTimed(classId, teacherKey, after, wait, signal)).data;

/** The session as one student sees it (the student's key; long-poll like `getClass`). */
export const getStudent = (
  classId: string,
  studentId: string,
  studentKey: string,
  after?: number,
  wait?: number,
  signal?: AbortSignal,
): Promise<StudentView> =>
  call("studentView", {
    params: { classId, studentId },
    key: studentKey,
    query: waitQuery(after, wait),
    signal,
  });

/** Sends a message to the student's team. */
export const sendTeamChat = (
  classId: string,
  studentId: string,
  studentKey: string,
  text: string,
): Promise<z.infer<typeof CLASS_ROUTES.teamChat.answer>> =>
  call("teamChat", { params: { classId, studentId }, key: studentKey, body: { text } });

/** Moves a student (teacher): to a power of a match, or (`power` null) to watch it. */
export const moveStudent = (
  classId: string,
  teacherKey: string,
  studentId: string,
  matchId: string,
  power: string | null,
): Promise<ClassActionAnswer> =>
  call("moveStudent", { params: { classId, studentId }, key: teacherKey, body: { matchId, power } });

/** Pauses, resumes, resolves or ends one match, or (`"all"`) every match of the class. */
export const controlMatch = (
  classId: string,
  teacherKey: string,
  matchId: string,
  action: MatchControl,
): Promise<ClassActionAnswer> => {
  const template = CLASS_ROUTES.controlMatch.path.replace("(pause|resume|resolve|end)", action);
  return request("controlMatch", fillPath(template, { classId, matchId }), {
    key: teacherKey,
    body: {},
  }).then((answer) => answer.data);
};

/** Gives one match (or `"all"`) more minutes before its deadline. */
export const extendMatch = (
  classId: string,
  teacherKey: string,
  matchId: string,
  minutes: number,
): Promise<ClassActionAnswer> =>
  call("extendMatch", { params: { classId, matchId }, key: teacherKey, body: { minutes } });

/** Hands a power of a match to a bot (of the personality and tactics given, else the class's). */
export const powerToBot = (
  classId: string,
  teacherKey: string,
  matchId: string,
  power: string,
  body: { readonly personality?: Personality; readonly tactics?: Tactics } = {},
): Promise<ClassActionAnswer> =>
  call("powerToBot", { params: { classId, matchId, power }, key: teacherKey, body });

/** The private press of a match (only when the session said up front that the teacher reads it). */
export const teacherPress = (
  classId: string,
  teacherKey: string,
  matchId: string,
): Promise<TeacherPressAnswer> => call("teacherPress", { params: { classId, matchId }, key: teacherKey });

/** Sends a message to every student of the class. */
export const broadcast = (classId: string, teacherKey: string, text: string): Promise<ClassActionAnswer> =>
  call("broadcast", { params: { classId }, key: teacherKey, body: { text } });

/** The projector's data, with the server's clock offset (anyone; long-poll like `getClass`). */
export const getProjectorTimed = (
  classId: string,
  after?: number,
  wait?: number,
  signal?: AbortSignal,
): Promise<Timed<ProjectorView>> =>
  request("projector", fillPath(CLASS_ROUTES.projector.path, { classId }), {
    query: waitQuery(after, wait),
    signal,
  });

/** The projector's data (anyone; long-poll like `getClass`). */
export const getProjector = async (
  classId: string,
  after?: number,
  wait?: number,
  signal?: AbortSignal,
): Promise<ProjectorView> => (await getProjectorTimed(classId, after, wait, signal)).data;

/** Puts one match on the wall, or each in turn (`"rotate"`). */
export const setProjectorFocus = (
  classId: string,
  teacherKey: string,
  focus: string,
): Promise<ClassActionAnswer> =>
  call("projectorFocus", { params: { classId }, key: teacherKey, body: { focus } });

/** Ends the session: every match ends and the join code stops working. */
export const endClass = (classId: string, teacherKey: string): Promise<ClassActionAnswer> =>
  call("endClass", { params: { classId }, key: teacherKey, body: {} });

/** The class debrief: every match summed up side by side, the presets compared (the teacher's). */
export const getClassDebrief = (classId: string, teacherKey: string): Promise<ClassDebrief> =>
  call("classDebrief", { params: { classId }, key: teacherKey });
