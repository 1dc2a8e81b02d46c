/**
 * The class routes under `/api/classes` (docs/api.md "Classes"; the shapes in
 * shared/src/wire/classes.ts). Keys come as `Authorization: Bearer <key>`: the teacher's for the
 * teacher's routes, a student's for their own. A refusal is `{ error: { code, message } }` and
 * changes nothing. Join codes resist guessing: an address that sent `CODE_MISSES_PER_MINUTE` wrong
 * codes in a minute is refused (429) until it earns some back, whatever code it sends next; right
 * codes spend only the join bucket, so a class behind one address joins at once.
 */
import Router, { type RouterContext } from "@koa/router";
import type Koa from "koa";
import { formatOrder, phaseKey, type MatchState, type Order } from "../../../shared/src";
import {
  broadcastBodySchema,
  CLASS_ROUTES,
  classWaitQuerySchema,
  createClassBodySchema,
  extendBodySchema,
  joinClassBodySchema,
  joinCodeSchema,
  MATCH_CONTROLS,
  moveStudentBodySchema,
  powerToBotBodySchema,
  projectorFocusBodySchema,
  startClassBodySchema,
  teamChatBodySchema,
  type ClassActionAnswer,
  type MatchControl,
  type TeacherPressAnswer,
} from "../../../shared/src/wire";
import type { ServerContext } from "../context";
import { botPersonality, DEFAULT_PERSONALITY } from "../lobby/create";
import {
  apiFrame,
  LobbyError,
  parse,
  readJson,
  refuseLockedOut,
  spend,
  spendCodeMiss,
} from "../lobby/guards";
import { shareOrigin } from "../origins";
import { pressStore } from "../press/store";
import { RateLimits } from "../rate-limit";
import type { Scheduler } from "../scheduler";
import type { SocketError, TransportOptions } from "../transport";
import { answerClassExport } from "./export";
import { afterMatchRead } from "../lobby/after-match";
import { classDebrief } from "./debrief";
import { ClassHub } from "./hub";
import {
  classByCode,
  classById,
  createClass,
  joinClass,
  moveStudent,
  mustBeStudent,
  mustBeTeacher,
  powerToBot,
  previewClass,
  SEEN_WRITE_MS,
  projectorView,
  startClass,
  studentById,
  studentView,
  teacherView,
} from "./service";
import { ClassStore, type ClassRow, type StudentRow } from "./store";

/** What the class routes tell and ask of the rest of the server. */
export interface ClassHooks {
  readonly scheduler: Scheduler;
  /** Seats changed hands or a match was resumed (the scheduler and the table hear of it). */
  readonly onSeatsChanged: (matchID: string) => void;
  /** A match's public info changed without a move (a pause, a new deadline): its sockets refetch it. */
  readonly onTableChanged: (matchID: string) => void;
}

/** The longest a page's request is held for a change (s). */
const MAX_WAIT_S = 25;
/** Team messages per student per minute. */
const TEAM_MESSAGES_PER_MINUTE = 30;

/** The key of `Authorization: Bearer <key>` (any letter case of "Bearer"), or null. */
export function bearerKey(kctx: Koa.Context): string | null {
  const header = kctx.get("Authorization");
  const match = /^bearer +([A-Za-z0-9_-]{1,128})$/i.exec(header.trim());
  return match ? match[1]! : null;
}

/** The `after` and `wait` of a page's request (`wait` in ms, at most `MAX_WAIT_S`). */
function waitOf(kctx: Koa.Context): { after: number | null; waitMs: number } {
  const q = parse(classWaitQuerySchema, { ...kctx.query });
  return {
    after: q.after === undefined ? null : Number(q.after),
    waitMs: Math.min(MAX_WAIT_S, Number(q.wait ?? 0)) * 1000,
  };
}

/** The class routes, the hub that wakes their pages, and what the game socket asks of classes. */
export interface ClassRoutes {
  readonly router: Router;
  readonly hub: ClassHub;
  /** Why a client's moves are refused now: `paused-by-teacher` while its teacher holds the match. */
  readonly moveRefusal: (matchID: string) => SocketError | null;
  /** After a client's accepted move: a student's orders mark their drafts. */
  readonly onClientMove: NonNullable<TransportOptions["onClientMove"]>;
}

/** The refusal of a move while the teacher holds the match paused. */
const PAUSED_BY_TEACHER: SocketError = { code: "paused-by-teacher", message: "paused by your teacher" };

/** The class routes and the hub that wakes their pages. */
export function classRouter(ctx: ServerContext, hooks: ClassHooks): ClassRoutes {
  const store = new ClassStore(ctx.db);
  const hub = new ClassHub(store);
  const press = pressStore(ctx.db);
  const teamLimits = new RateLimits(TEAM_MESSAGES_PER_MINUTE / 60, 10, ctx.now);
  const router = new Router({ prefix: "/api/classes" });
  router.use(apiFrame(ctx));

  /** The class of the path, its teacher's key checked. */
  const asTeacher = (kctx: RouterContext): ClassRow => {
    const row = classById(store, kctx.params["classId"] ?? "");
    mustBeTeacher(row, bearerKey(kctx));
    return row;
  };

  /**
   * The class and student of the path, the student's key checked — a key is asked for before the
   * student is looked up, and an unknown student is refused like a wrong key, so ids cannot be
   * told apart without one.
   */
  const asStudent = (kctx: RouterContext): { row: ClassRow; student: StudentRow; key: string } => {
    const row = classById(store, kctx.params["classId"] ?? "");
    const key = bearerKey(kctx);
    if (key === null)
      throw new LobbyError(401, "no-key", "send your student key as Authorization: Bearer <key>");
    const id = kctx.params["studentId"] ?? "";
    const student = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? store.student(row.id, id) : null;
    if (!student) throw new LobbyError(403, "wrong-key", "that is not this student's key");
    mustBeStudent(student, key);
    return { row, student, key };
  };

  /** The class matches an action is for: one (`:matchId`) or every unfinished one (`all`). */
  const matchesOf = (row: ClassRow, matchId: string): string[] => {
    const all = store.matches(row.id).map((m) => m.matchId);
    if (matchId === "all") return all.filter((id) => !isOver(ctx, id));
    if (!all.includes(matchId))
      throw new LobbyError(404, "unknown-match", "that match is not one of this class's");
    return [matchId];
  };

  /** The answer to a teacher's action: what it changed and the session after it. */
  const done = (kctx: RouterContext, row: ClassRow, changed: readonly string[]): ClassActionAnswer => {
    hub.changed(row.id, "class");
    const fresh = store.byId(row.id)!;
    return {
      done: [...changed],
      class: teacherView(ctx, store, fresh, shareOrigin(ctx.config.PUBLIC_URL, kctx.origin, kctx.host)),
    };
  };

  router.post("/", async (kctx) => {
    const body = parse(createClassBodySchema, await readJson(kctx));
    spend(ctx, "create", kctx.ip);
    kctx.status = 201;
    kctx.body = createClass(ctx, store, body, shareOrigin(ctx.config.PUBLIC_URL, kctx.origin, kctx.host));
  });

  router.get("/code/:code", (kctx) => {
    refuseLockedOut(ctx, kctx.ip);
    const code = joinCodeSchema.safeParse(kctx.params["code"] ?? "");
    try {
      if (!code.success)
        throw new LobbyError(404, "unknown-code", "no class has that code (or its session has ended)");
      kctx.body = previewClass(store, classByCode(store, code.data));
    } catch (error) {
      if (error instanceof LobbyError && error.code === "unknown-code") spendCodeMiss(ctx, kctx.ip);
      throw error;
    }
  });

  router.post("/join", async (kctx) => {
    const body = parse(joinClassBodySchema, await readJson(kctx));
    refuseLockedOut(ctx, kctx.ip);
    let row: ClassRow;
    try {
      row = classByCode(store, body.code);
    } catch (error) {
      if (error instanceof LobbyError) spendCodeMiss(ctx, kctx.ip);
      throw error;
    }
    spend(ctx, "join", kctx.ip);
    const { answer, placedIn } = joinClass(ctx, store, row, body.name);
    if (placedIn !== null) {
      hub.adopt(placedIn, row.id);
      hooks.onSeatsChanged(placedIn);
    }
    hub.changed(row.id, "class");
    kctx.body = answer;
  });

  router.post("/:classId/start", async (kctx) => {
    const body = parse(startClassBodySchema, (await readJson(kctx)) ?? {});
    const row = asTeacher(kctx);
    const answer = startClass(ctx, store, row, body.paused ?? false);
    for (const m of answer.matches) {
      hub.adopt(m.matchId, row.id);
      hooks.onSeatsChanged(m.matchId);
    }
    hub.changed(row.id, "class");
    kctx.body = answer;
  });

  router.get("/:classId", async (kctx) => {
    const row = asTeacher(kctx);
    const { after, waitMs } = waitOf(kctx);
    const origin = shareOrigin(ctx.config.PUBLIC_URL, kctx.origin, kctx.host);
    kctx.body = await hub.view(
      row.id,
      "all",
      () => teacherView(ctx, store, store.byId(row.id)!, origin),
      after,
      waitMs,
    );
  });

  router.get("/:classId/projector", async (kctx) => {
    const row = classById(store, kctx.params["classId"] ?? "");
    const { after, waitMs } = waitOf(kctx);
    kctx.body = await hub.view(
      row.id,
      "all",
      () => projectorView(ctx, store, store.byId(row.id)!),
      after,
      waitMs,
      "public",
    );
  });

  router.post("/:classId/projector", async (kctx) => {
    const body = parse(projectorFocusBodySchema, await readJson(kctx));
    const row = asTeacher(kctx);
    if (body.focus === "all")
      throw new LobbyError(404, "unknown-match", "focus one match of the class, or rotate");
    if (body.focus !== "rotate") matchesOf(row, body.focus);
    store.setProjector(row.id, body.focus);
    kctx.body = done(kctx, row, []);
  });

  router.get("/:classId/students/:studentId", async (kctx) => {
    const { row, student: first, key } = asStudent(kctx);
    const { after, waitMs } = waitOf(kctx);
    const origin = shareOrigin(ctx.config.PUBLIC_URL, kctx.origin, kctx.host);
    if (ctx.now() - first.seenAt > SEEN_WRITE_MS) {
      store.seen(row.id, first.id, ctx.now());
      hub.changed(row.id, "match"); // the teacher sees them here again
    }
    const build = () => {
      const student = store.student(row.id, first.id)!;
      return studentView(ctx, store, store.byId(row.id)!, student, key, origin);
    };
    kctx.body = await hub.view(row.id, "class", build, after, waitMs);
  });

  router.post("/:classId/students/:studentId/team-chat", async (kctx) => {
    const body = parse(teamChatBodySchema, await readJson(kctx));
    const { row, student } = asStudent(kctx);
    if (row.status === "ended") throw new LobbyError(409, "class-ended", "the class session has ended");
    if (student.matchId === null || student.seat === null)
      throw new LobbyError(
        409,
        student.matchId === null ? "class-not-started" : "not-a-player",
        "team chat opens once you play a power",
      );
    if (!teamLimits.take(student.id))
      throw new LobbyError(429, "rate-limited", "too many team messages; wait a little");
    const at = ctx.now();
    const id = store.addTeamMessage(student.matchId, student.seat, student, body.text, at);
    hub.changed(row.id, "class");
    kctx.body = { sent: { id, studentId: student.id, name: student.name, text: body.text, at } };
  });

  router.post("/:classId/students/:studentId/move", async (kctx) => {
    const body = parse(moveStudentBodySchema, await readJson(kctx));
    const row = asTeacher(kctx);
    const student = studentById(store, row.id, kctx.params["studentId"] ?? "");
    const changed = moveStudent(ctx, store, row, student, body.matchId, body.power);
    for (const id of changed) hooks.onSeatsChanged(id);
    kctx.body = done(kctx, row, changed);
  });

  router.post("/:classId/matches/:matchId/:control", async (kctx, next) => {
    const control = kctx.params["control"] ?? "";
    if (!(MATCH_CONTROLS as readonly string[]).includes(control)) {
      await next();
      return;
    }
    parse(CLASS_ROUTES.endClass.body, (await readJson(kctx)) ?? {}); // no fields
    const row = asTeacher(kctx);
    if (row.status === "ended") throw new LobbyError(409, "class-ended", "the class session has ended");
    const ids = matchesOf(row, kctx.params["matchId"] ?? "");
    const changed: string[] = [];
    for (const id of ids) if (await controlMatch(ctx, hooks, id, control as MatchControl)) changed.push(id);
    kctx.body = done(kctx, row, changed);
  });

  router.post("/:classId/matches/:matchId/extend", async (kctx) => {
    const body = parse(extendBodySchema, await readJson(kctx));
    const row = asTeacher(kctx);
    if (row.status === "ended") throw new LobbyError(409, "class-ended", "the class session has ended");
    const ids = matchesOf(row, kctx.params["matchId"] ?? "").filter((id) => !isOver(ctx, id));
    for (const id of ids) {
      ctx.records.extendDeadline(id, body.minutes * 60_000);
      hooks.onTableChanged(id);
    }
    kctx.body = done(kctx, row, ids);
  });

  router.post("/:classId/matches/:matchId/powers/:power/bot", async (kctx) => {
    const body = parse(powerToBotBodySchema, (await readJson(kctx)) ?? {});
    const row = asTeacher(kctx);
    const [matchId] = matchesOf(row, kctx.params["matchId"] ?? "");
    if (matchId === undefined || kctx.params["matchId"] === "all")
      throw new LobbyError(404, "unknown-match", "name one match of the class");
    const personality =
      body.personality === undefined && body.tactics === undefined
        ? null
        : botPersonality(body.personality ?? DEFAULT_PERSONALITY, body.tactics);
    powerToBot(ctx, store, row, matchId, (kctx.params["power"] ?? "").toUpperCase(), personality);
    hooks.onSeatsChanged(matchId);
    kctx.body = done(kctx, row, [matchId]);
  });

  router.get("/:classId/matches/:matchId/press", (kctx) => {
    const row = asTeacher(kctx);
    const [matchId] = matchesOf(row, kctx.params["matchId"] ?? "");
    if (matchId === undefined || kctx.params["matchId"] === "all")
      throw new LobbyError(404, "unknown-match", "name one match of the class");
    if (!row.settings.teacherReadsPress)
      throw new LobbyError(
        403,
        "not-announced",
        "this session did not tell students that the teacher reads private press",
      );
    const answer: TeacherPressAnswer = {
      matchId,
      press: press.everything(matchId).map((p) => ({ ...p, to: [...p.to] })),
    };
    kctx.body = answer;
  });

  router.post("/:classId/broadcast", async (kctx) => {
    const body = parse(broadcastBodySchema, await readJson(kctx));
    const row = asTeacher(kctx);
    if (row.status === "ended") throw new LobbyError(409, "class-ended", "the class session has ended");
    store.addBroadcast(row.id, body.text, ctx.now());
    kctx.body = done(kctx, row, []);
  });

  router.post("/:classId/end", async (kctx) => {
    parse(CLASS_ROUTES.endClass.body, (await readJson(kctx)) ?? {}); // no fields
    const row = asTeacher(kctx);
    if (row.status === "ended")
      throw new LobbyError(409, "class-ended", "the class session has ended already");
    const ended: string[] = [];
    for (const id of store.matches(row.id).map((m) => m.matchId)) {
      if (await controlMatch(ctx, hooks, id, "end")) ended.push(id);
    }
    store.setStatus(row.id, "ended", ctx.now());
    kctx.body = done(kctx, row, ended);
  });

  router.get("/:classId/debrief", async (kctx) => {
    const row = asTeacher(kctx);
    kctx.set("Cache-Control", "no-store");
    kctx.body = await afterMatchRead(ctx, kctx.ip, () =>
      classDebrief(ctx, store, row, bearerKey(kctx) ?? ""),
    );
  });

  router.get("/:classId/export.zip", async (kctx) => {
    const row = asTeacher(kctx);
    await afterMatchRead(ctx, kctx.ip, () =>
      answerClassExport(ctx, kctx, store, row, bearerKey(kctx)!, "zip"),
    );
  });

  router.get("/:classId/export.json", async (kctx) => {
    const row = asTeacher(kctx);
    await afterMatchRead(ctx, kctx.ip, () =>
      answerClassExport(ctx, kctx, store, row, bearerKey(kctx)!, "json"),
    );
  });

  router.all("/(.*)", (kctx) => {
    throw new LobbyError(404, "not-found", `no class route ${kctx.method} ${kctx.path}`);
  });

  return {
    router,
    hub,
    moveRefusal: (matchID) => (ctx.records.teacherHeld(matchID) ? PAUSED_BY_TEACHER : null),
    onClientMove: (matchID, playerID, holder, move, arg) => {
      if (holder === "seat" || move !== "orders") return;
      // Drafts are for teammates: a student alone on a power has nobody to show them to.
      if (ctx.transport.teamSize(matchID, playerID) < 2) return;
      const classId = hub.classOf(matchID);
      if (classId === null) return;
      if (markDrafts(ctx, store, matchID, Number(playerID), holder, arg)) hub.changed(classId, "class");
    },
  };
}

/** Whether a match has ended. */
function isOver(ctx: ServerContext, matchId: string): boolean {
  const { state } = ctx.storage.fetch(matchId, { state: true });
  return !state || state.ctx.gameover !== undefined;
}

/**
 * A teacher's action on one match: pause (the clock stops, moves are refused), resume, resolve the
 * phase now (a paused match resumes first), or end it where it stands (`callTime`, a server-only
 * move). Returns whether it changed anything.
 */
async function controlMatch(
  ctx: ServerContext,
  hooks: ClassHooks,
  matchId: string,
  control: MatchControl,
): Promise<boolean> {
  if (isOver(ctx, matchId)) return false;
  const held = ctx.records.teacherHeld(matchId);
  switch (control) {
    case "pause":
      if (held) return false;
      ctx.records.setTeacherHeld(matchId, true, ctx.now());
      hooks.onTableChanged(matchId);
      return true;
    case "resume":
      // The teacher's own pause, or the server's pause of an idle match.
      if (held) ctx.records.setTeacherHeld(matchId, false, ctx.now());
      else if ((ctx.records.idleness(matchId)?.pausedLeft ?? null) === null) return false;
      else ctx.records.personActed(matchId, ctx.now());
      hooks.onSeatsChanged(matchId);
      return true;
    case "resolve":
      if (held) ctx.records.setTeacherHeld(matchId, false, ctx.now());
      await hooks.scheduler.resolveNow(matchId);
      hooks.onTableChanged(matchId);
      return true;
    case "end": {
      const { state } = ctx.storage.fetch(matchId, { state: true });
      const G = state!.G as MatchState;
      for (const [seat] of G.powers.entries()) {
        const refused = await ctx.transport.serverMove(matchId, String(seat), "callTime", {});
        if (!refused) {
          hooks.onTableChanged(matchId);
          return true;
        }
      }
      return false;
    }
  }
}

/**
 * After a client's accepted `orders` move by a class student: marks each unit whose order they
 * changed as drafted by them this phase (a team's members see who drafted what). Returns whether
 * any mark changed.
 */
export function markDrafts(
  ctx: ServerContext,
  store: ClassStore,
  matchId: string,
  seat: number,
  studentId: string,
  arg: unknown,
): boolean {
  const orders = (arg as { orders?: readonly Order[] } | null)?.orders;
  if (!Array.isArray(orders)) return false;
  const { state } = ctx.storage.fetch(matchId, { state: true });
  if (!state) return false;
  const key = phaseKey((state.G as MatchState).position);
  const marks = store.drafts(matchId, seat, key);
  let changed = false;
  for (const order of orders as readonly Order[]) {
    const unit = "unit" in order ? order.unit.location : `waive-${order.power}`;
    const text = formatOrder(order);
    if (marks.get(unit)?.order === text) continue;
    store.markDraft(matchId, seat, unit, key, text, studentId, ctx.now());
    changed = true;
  }
  return changed;
}
