/**
 * Class sessions (docs/classroom.md): what each class route does, over the class tables, the
 * lobby's match making and the match records. A session is made with a teacher key and a join
 * code; students join by the code with a name (each gets a key of their own); the teacher starts
 * it (the split: ./split.ts), and each student plays the seat of their power with their own key —
 * a seat of several students (a team) lists each member's key hash in its metadata, so the game
 * socket, the press channel and the lobby admit any member and tell them apart (`seatHolder`).
 *
 * Each function runs synchronously from its first read to its last write (storage is
 * synchronous), so no other request interleaves with it; writes that belong together share one
 * transaction.
 */
import type { Server } from "boardgame.io";
import {
  centreCounts,
  eliminatedPowers,
  getMap,
  mustAct,
  phaseKey,
  powersForCount,
  type GameMap,
  type MatchState,
} from "../../../shared/src";
import {
  MAX_NAME_LENGTH,
  MAX_STUDENTS,
  type ClassMatch,
  type ClassPreview,
  type ClassView,
  type CreateClassAnswer,
  type CreateClassBody,
  type JoinClassAnswer,
  type ProjectorView,
  type StartClassAnswer,
  type StudentView,
} from "../../../shared/src/wire";
import type { ServerContext } from "../context";
import { botPersonality, DEFAULT_PERSONALITY, openMatch } from "../lobby/create";
import { LobbyError } from "../lobby/guards";
import { load, playerOf, type Loaded } from "../lobby/load";
import { giveToBot, newCredentials } from "../lobby/seats";
import { TIMING_PRESETS } from "../matches";
import { versionOf } from "./hub";
import { placeLateStudent, splitClass } from "./split";
import type { ClassStore } from "./store";
import {
  hashKey,
  keyMatches,
  newId,
  newJoinCode,
  newKey,
  type ClassRow,
  type ClassSettings,
  type StudentRow,
} from "./store";

/** A phase per class day: the teacher resolves it (or everyone is ready); a week at most. */
const DAILY_MINUTES = 7 * 24 * 60;
/** A student counts as here while a page of theirs asked within this long (ms). */
const SEEN_MS = 45_000;
/** A student's "seen" time is written at most this often (ms): a page asks at least every 25 s. */
export const SEEN_WRITE_MS = 10_000;

/** The teacher's routes refuse a missing key (401) and a wrong one (403), changing nothing. */
export function mustBeTeacher(row: ClassRow, key: string | null): void {
  if (key === null)
    throw new LobbyError(401, "no-key", "send the teacher key as Authorization: Bearer <key>");
  if (!keyMatches(key, row.teacherHash))
    throw new LobbyError(403, "wrong-key", "that is not this class's teacher key");
}

/** A student's routes refuse a missing key (401) and a key that is not theirs (403). */
export function mustBeStudent(student: StudentRow, key: string | null): void {
  if (key === null)
    throw new LobbyError(401, "no-key", "send your student key as Authorization: Bearer <key>");
  if (!keyMatches(key, student.keyHash))
    throw new LobbyError(403, "wrong-key", "that is not this student's key");
}

/** A class by id, or 404 `unknown-class`. */
export function classById(store: ClassStore, id: string): ClassRow {
  const row = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? store.byId(id) : null;
  if (!row) throw new LobbyError(404, "unknown-class", "there is no such class session");
  return row;
}

/** A student of a class by id, or 404 `unknown-student`. */
export function studentById(store: ClassStore, classId: string, id: string): StudentRow {
  const row = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? store.student(classId, id) : null;
  if (!row) throw new LobbyError(404, "unknown-student", "the class has no such student");
  return row;
}

/** The most players a map takes (a class match seats every power). */
function fullCount(map: GameMap): number {
  return map.playerCounts ? Math.max(...map.playerCounts.keys()) : map.powers.length;
}

/** The session's settings from a create body, every field filled in. */
export function settingsOf(body: CreateClassBody): ClassSettings {
  const map = getMap(body.map ?? "classic");
  if (!map) throw new LobbyError(400, "bad-payload", "map: no such map");
  const powers = powersForCount(map, fullCount(map)) ?? [];
  const byPower = body.bots?.byPower ?? {};
  for (const power of Object.keys(byPower)) {
    if (!powers.includes(power))
      throw new LobbyError(
        400,
        "bad-payload",
        `bots.byPower: ${power} is not a power of the ${map.name} map`,
      );
  }
  const tactics = body.bots?.tactics;
  if (typeof body.yearLimit === "number" && body.yearLimit < map.start.year)
    throw new LobbyError(
      400,
      "bad-payload",
      `yearLimit: must be ${map.start.year} (the first year) or later`,
    );
  const timing = body.timing ?? "live";
  return {
    map: map.id,
    studentsPerPower: body.studentsPerPower ?? 1,
    extras: body.extras ?? "teams",
    matches: body.matches ?? null,
    timing:
      timing === "daily"
        ? { movement: DAILY_MINUTES, retreat: DAILY_MINUTES, adjustment: DAILY_MINUTES }
        : timing === "live"
          ? TIMING_PRESETS.live
          : timing,
    daily: timing === "daily",
    pressMode: body.pressMode ?? "full",
    presets: body.presets ?? ["default"],
    yearLimit: body.yearLimit ?? null,
    botPersonality: botPersonality(body.bots?.personality ?? DEFAULT_PERSONALITY, tactics),
    botsByPower: Object.fromEntries(
      Object.entries(byPower).map(([power, personality]) => [power, botPersonality(personality, tactics)]),
    ),
    teacherReadsPress: body.teacherReadsPress ?? false,
    roster: body.roster ?? [],
  };
}

/** `POST /api/classes`. */
export function createClass(
  ctx: ServerContext,
  store: ClassStore,
  body: CreateClassBody,
  origin: string,
): CreateClassAnswer {
  const settings = settingsOf(body);
  const teacherKey = newKey();
  let code = newJoinCode();
  while (store.codeTaken(code)) code = newJoinCode();
  const classId = newId();
  store.insertClass({
    id: classId,
    name: body.name,
    code,
    teacherHash: hashKey(teacherKey),
    settings,
    status: "waiting",
    seed: body.seed ?? newId(),
    projector: "rotate",
    createdAt: ctx.now(),
  });
  return {
    classId,
    code,
    joinUrl: `${origin}/join/${code}`,
    teacherKey,
    teacherUrl: `${origin}/class/${classId}/teacher#${teacherKey}`,
  };
}

/** A live class by its join code, or 404 `unknown-code` (an ended session's code works no more). */
export function classByCode(store: ClassStore, code: string): ClassRow {
  const row = store.byCode(code);
  if (!row || row.status === "ended")
    throw new LobbyError(404, "unknown-code", "no class has that code (or its session has ended)");
  return row;
}

/** `GET /api/classes/code/:code`: what the join page shows. */
export function previewClass(store: ClassStore, row: ClassRow): ClassPreview {
  const students = store.students(row.id);
  const taken = new Set(students.map((s) => s.name));
  return {
    name: row.name,
    status: row.status,
    map: row.settings.map,
    studentsPerPower: row.settings.studentsPerPower,
    teacherReadsPress: row.settings.teacherReadsPress,
    roster: row.settings.roster.filter((n) => !taken.has(n)),
    students: students.length,
  };
}

/** What a seat of students is called at the table: their names, as long as a name may be. */
export function teamName(names: readonly string[]): string {
  const joined = names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} & ${names.at(-1)!}`;
  const chars = Array.from(joined); // code points, as names are counted
  return chars.length <= MAX_NAME_LENGTH ? joined : `${chars.slice(0, MAX_NAME_LENGTH - 1).join("")}…`;
}

/**
 * Gives a seat to its team of students (one or more): every member's key hash in the metadata,
 * the seat a player's. A seat a bot played gets fresh seat credentials; a member who left the team
 * is no longer in the metadata, so their sockets are cut off (`seat-lost`).
 */
export function seatTeam(
  ctx: ServerContext,
  loaded: Loaded,
  seat: number,
  team: readonly StudentRow[],
): void {
  const player: Server.PlayerMetadata = playerOf(loaded, seat);
  const kind = ctx.records.seats(loaded.matchID).find((s) => s.seat === seat)?.kind;
  player.name = teamName(team.map((s) => s.name));
  if (kind !== "human" || player.credentials === undefined) player.credentials = newCredentials();
  player.data = { members: Object.fromEntries(team.map((s) => [s.id, s.keyHash])) };
  ctx.storage.transaction(() => {
    ctx.storage.setMetadata(loaded.matchID, loaded.metadata);
    if (kind !== "human") ctx.records.setSeatKind(loaded.matchID, seat, "human");
  });
}

/** The bot that plays a power no student takes. */
function botFor(settings: ClassSettings, power: string): string {
  return settings.botsByPower[power] ?? settings.botPersonality;
}

/** `POST /api/classes/join`: a new student (and, after the start, their place). */
export function joinClass(
  ctx: ServerContext,
  store: ClassStore,
  row: ClassRow,
  name: string,
): { answer: JoinClassAnswer; placedIn: string | null } {
  if (store.studentCount(row.id) >= MAX_STUDENTS)
    throw new LobbyError(
      409,
      "class-full",
      `the class has ${MAX_STUDENTS} students, as many as a class may have`,
    );
  if (store.nameTaken(row.id, name))
    throw new LobbyError(
      409,
      "name-taken",
      `someone in this class is called ${name} already; add an initial`,
    );
  const studentKey = newKey();
  const now = ctx.now();
  const student: StudentRow = {
    classId: row.id,
    id: newId(),
    name,
    keyHash: hashKey(studentKey),
    joinedAt: now,
    seenAt: now,
    matchId: null,
    seat: null,
  };
  let placedIn: string | null = null;
  ctx.storage.transaction(() => {
    store.insertStudent(student);
    if (row.status === "running") placedIn = placeLate(ctx, store, row, student);
  });
  return { answer: { classId: row.id, studentId: student.id, studentKey }, placedIn };
}

/** A student who came after the start takes a bot's power (or joins a team, or watches). */
function placeLate(ctx: ServerContext, store: ClassStore, row: ClassRow, student: StudentRow): string | null {
  const live = store.matches(row.id).flatMap((m) => {
    const loaded = load(ctx, m.matchId);
    if (loaded.state.ctx.gameover !== undefined) return [];
    const map = getMap(loaded.state.G.settings.mapId)!;
    const out = new Set(eliminatedPowers(map, loaded.state.G.position));
    const seats = ctx.records.seats(m.matchId);
    return [
      {
        matchId: m.matchId,
        loaded,
        powers: loaded.state.G.powers.map((power, seat) => ({
          seat,
          students: store.team(m.matchId, seat).length,
          bot: seats.find((s) => s.seat === seat)?.kind === "bot",
          out: out.has(power),
        })),
      },
    ];
  });
  const place = placeLateStudent(live, row.settings.extras, row.settings.studentsPerPower);
  if (!place) return null;
  const match = live.find((m) => m.matchId === place.matchId)!;
  store.place(row.id, student.id, place.matchId, place.seat);
  if (place.seat !== null) {
    const placed = { ...student, matchId: place.matchId, seat: place.seat };
    seatTeam(
      ctx,
      match.loaded,
      place.seat,
      store.team(place.matchId, place.seat).concat(placed).filter(unique),
    );
  }
  return place.matchId;
}

/** Keeps the first of each student id. */
function unique(s: StudentRow, i: number, all: readonly StudentRow[]): boolean {
  return all.findIndex((t) => t.id === s.id) === i;
}

/** `POST /api/classes/:classId/start`: the split, one match per group, every seat given. */
export function startClass(
  ctx: ServerContext,
  store: ClassStore,
  row: ClassRow,
  paused: boolean,
): StartClassAnswer {
  if (row.status === "running") throw new LobbyError(409, "class-started", "the class has started already");
  if (row.status === "ended") throw new LobbyError(409, "class-ended", "the class session has ended");
  const students = store.students(row.id);
  if (students.length === 0)
    throw new LobbyError(409, "class-empty", "no student has joined yet: share the code first");
  const map = getMap(row.settings.map)!;
  const numPlayers = fullCount(map);
  const powers = powersForCount(map, numPlayers) ?? [];
  const plan = splitClass({
    students: students.map((s) => s.id),
    powers,
    studentsPerPower: row.settings.studentsPerPower,
    extras: row.settings.extras,
    matches: row.settings.matches,
    presets: row.settings.presets,
    seed: row.seed,
  });
  const byId = new Map(students.map((s) => [s.id, s]));
  const answer: StartClassAnswer = { matches: [] };
  ctx.storage.transaction(() => {
    plan.forEach((planned, i) => {
      const loaded = openMatch(ctx, {
        settings: {
          mapId: map.id,
          preset: planned.preset,
          pressMode: row.settings.pressMode,
          yearLimit: row.settings.yearLimit,
          miscommunication: 0,
          scoring: "statesman",
        },
        numPlayers,
        seats: planned.powers.map((p) =>
          p.students.length > 0
            ? { kind: "human" as const, personality: null }
            : { kind: "bot" as const, personality: botFor(row.settings, p.power) },
        ),
        timing: row.settings.timing,
        unlisted: true,
        hostSeat: null,
      });
      store.insertMatch({
        matchId: loaded.matchID,
        classId: row.id,
        number: i + 1,
        preset: planned.preset,
        held: paused,
      });
      planned.powers.forEach((p, seat) => {
        if (p.students.length === 0) return;
        for (const id of p.students) store.place(row.id, id, loaded.matchID, seat);
        seatTeam(
          ctx,
          loaded,
          seat,
          p.students.map((id) => ({ ...byId.get(id)!, matchId: loaded.matchID, seat })),
        );
      });
      for (const id of planned.observers) store.place(row.id, id, loaded.matchID, null);
      answer.matches.push({
        matchId: loaded.matchID,
        preset: planned.preset,
        powers: planned.powers.map((p) => ({
          power: p.power,
          students: [...p.students],
          bot: p.students.length === 0 ? botFor(row.settings, p.power) : null,
        })),
      });
    });
    store.setStatus(row.id, "running", ctx.now());
  });
  return answer;
}

/**
 * `POST …/students/:studentId/move`: the teacher puts a student on another power (of any match of
 * the class; `power` null: they watch that match). Both seats are given again: the one they left
 * (to the rest of its team, or to a bot when none is left) and the one they join (a bot there
 * hands over). Their sockets on the old seat are cut off.
 * @returns the matches whose seats changed
 */
export function moveStudent(
  ctx: ServerContext,
  store: ClassStore,
  row: ClassRow,
  student: StudentRow,
  matchId: string,
  power: string | null,
): string[] {
  if (row.status !== "running")
    throw new LobbyError(
      409,
      row.status === "ended" ? "class-ended" : "class-not-started",
      "students move once the class has started (and until it ends)",
    );
  if (!store.matches(row.id).some((m) => m.matchId === matchId))
    throw new LobbyError(404, "unknown-match", "that match is not one of this class's");
  const target = load(ctx, matchId);
  if (target.state.ctx.gameover !== undefined) throw new LobbyError(409, "game-over", "that match has ended");
  const seat = power === null ? null : target.state.G.powers.indexOf(power);
  if (seat === -1) throw new LobbyError(404, "unknown-power", `${power ?? ""} does not play in that match`);
  if (student.matchId === matchId && student.seat === seat) return [];
  const changed = new Set<string>([matchId]);
  ctx.storage.transaction(() => {
    store.place(row.id, student.id, matchId, seat);
    if (student.matchId !== null && student.seat !== null) {
      changed.add(student.matchId);
      const old = load(ctx, student.matchId);
      if (old.state.ctx.gameover === undefined) {
        const rest = store.team(student.matchId, student.seat);
        const oldPower = old.state.G.powers[student.seat] ?? "";
        if (rest.length > 0) seatTeam(ctx, old, student.seat, rest);
        else giveToBot(ctx, old, student.seat, botFor(row.settings, oldPower));
      }
    }
    if (seat !== null) seatTeam(ctx, load(ctx, matchId), seat, store.team(matchId, seat));
  });
  return [...changed];
}

/** `POST …/matches/:matchId/powers/:power/bot`: a power's students watch; a bot plays it. */
export function powerToBot(
  ctx: ServerContext,
  store: ClassStore,
  row: ClassRow,
  matchId: string,
  power: string,
  personality: string | null,
): void {
  const loaded = load(ctx, matchId);
  if (loaded.state.ctx.gameover !== undefined) throw new LobbyError(409, "game-over", "that match has ended");
  const seat = loaded.state.G.powers.indexOf(power);
  if (seat < 0) throw new LobbyError(404, "unknown-power", `${power} does not play in that match`);
  if (ctx.records.seats(matchId).find((s) => s.seat === seat)?.kind === "bot")
    throw new LobbyError(409, "seat-taken", `a bot plays ${power} already`);
  ctx.storage.transaction(() => {
    for (const s of store.team(matchId, seat)) store.place(row.id, s.id, matchId, null);
    giveToBot(ctx, loaded, seat, personality ?? botFor(row.settings, power));
  });
}

// ---------------------------------------------------------------------------------------------
// Views.

/** A match's full state (finished ones too: the lobby's `load` keeps only their facts). */
function stateOf(ctx: ServerContext, matchId: string): { G: MatchState; over: boolean } | null {
  const { state } = ctx.storage.fetch(matchId, { state: true });
  if (!state) return null;
  return { G: state.G as MatchState, over: state.ctx.gameover !== undefined };
}

/** How a match ended, in words (null while it runs). */
function resultWords(G: MatchState): string | null {
  const r = G.result;
  if (!r) return null;
  const when = `${r.at.season} ${r.at.year}`;
  switch (r.kind) {
    case "solo":
      return `${r.winner ?? "?"} won outright (${when})`;
    case "draw":
      return `A draw between ${r.survivors.join(", ")} (${when})`;
    case "year-limit":
      return `The year limit was reached (${when})`;
    case "called":
      return `Ended by the teacher (${when})`;
  }
}

/** The phase a match is in, as the wire writes it. */
function phaseOf(G: MatchState): ClassMatch["phase"] {
  return { year: G.position.year, season: G.position.season, phase: G.position.phase };
}

/** A match's deadline as pages show it: null while paused or over. */
function deadlineOf(ctx: ServerContext, matchId: string, held: boolean, over: boolean): number | null {
  if (held || over) return null;
  if ((ctx.records.idleness(matchId)?.pausedLeft ?? null) !== null) return null;
  return ctx.records.clock(matchId)?.deadline ?? null;
}

/** Whether a student is here: a page of theirs asked lately, or a game socket of theirs is open. */
function connected(
  ctx: ServerContext,
  s: StudentRow,
  holders: Map<string, Map<string, Set<string>>>,
): boolean {
  if (ctx.now() - s.seenAt < SEEN_MS) return true;
  if (s.matchId === null) return false;
  let seats = holders.get(s.matchId);
  if (!seats) holders.set(s.matchId, (seats = ctx.transport.holdersOf(s.matchId)));
  for (const set of seats.values()) if (set.has(s.id)) return true;
  return false;
}

/** A class match's row, as the views read it. */
type MatchRef = {
  readonly matchId: string;
  readonly number: number;
  readonly preset: string;
  readonly held: boolean;
};

/** What anyone may see of a class match (the projector's), with the state it was read from. */
interface PublicMatch {
  readonly view: ProjectorView["matches"][number];
  readonly G: MatchState;
  readonly map: GameMap;
  readonly out: ReadonlySet<string>;
  readonly over: boolean;
}

/** What anyone may see of a class match, or null when it is gone. */
function publicMatch(ctx: ServerContext, m: MatchRef): PublicMatch | null {
  const live = stateOf(ctx, m.matchId);
  if (!live) return null;
  const { G, over } = live;
  const map = getMap(G.settings.mapId)!;
  const centres = centreCounts(map, G.position);
  const out = new Set(eliminatedPowers(map, G.position));
  const idle = (ctx.records.idleness(m.matchId)?.pausedLeft ?? null) !== null;
  const view = {
    matchId: m.matchId,
    number: m.number,
    preset: m.preset,
    phase: phaseOf(G),
    deadline: deadlineOf(ctx, m.matchId, m.held, over),
    paused: !over && (m.held || idle),
    over,
    result: resultWords(G),
    headlines: (G.editions.at(-1)?.articles ?? []).slice(0, 5).map((a) => a.headline),
    powers: G.powers.map((power) => ({
      power,
      centres: centres.get(power) ?? 0,
      reputation: G.reputation[power] ?? 50,
      out: out.has(power),
    })),
  };
  return { view, G, map, out, over };
}

/** One class match as the teacher sees it: the public facts, and who plays, is here and is ready. */
function teacherMatch(ctx: ServerContext, m: MatchRef, students: readonly StudentRow[]): ClassMatch | null {
  const facts = publicMatch(ctx, m);
  if (!facts) return null;
  const { view, G, map, out, over } = facts;
  const seats = ctx.records.seats(m.matchId);
  const holders = ctx.transport.holdersOf(m.matchId);
  const { headlines, powers, ...rest } = view;
  return {
    ...rest,
    headline: headlines[0] ?? null,
    powers: powers.map((p, seat) => {
      const record = seats.find((s) => s.seat === seat);
      const acts = !over && !out.has(p.power) && mustAct(map, G, p.power);
      return {
        ...p,
        students: students.filter((s) => s.matchId === m.matchId && s.seat === seat).map((s) => s.id),
        bot: record?.kind === "bot" ? (record.personality ?? "steady") : null,
        connected: (holders.get(String(seat))?.size ?? 0) > 0,
        ordersIn: !acts || (G.orders[p.power]?.length ?? 0) > 0,
        ready: G.ready[p.power] === true,
        mustAct: acts,
      };
    }),
  };
}

/** `GET /api/classes/:classId`: the session as the teacher sees it. */
export function teacherView(ctx: ServerContext, store: ClassStore, row: ClassRow, origin: string): ClassView {
  const students = store.students(row.id);
  const holders = new Map<string, Map<string, Set<string>>>();
  const matches = store.matches(row.id).flatMap((m) => teacherMatch(ctx, m, students) ?? []);
  const powers = new Map(matches.map((m) => [m.matchId, m.powers.map((p) => p.power)]));
  const powerAt = (matchId: string, seat: number): string | undefined => powers.get(matchId)?.[seat];
  const taken = new Set(students.map((s) => s.name));
  const content: Omit<ClassView, "version"> = {
    classId: row.id,
    name: row.name,
    code: row.code,
    joinUrl: `${origin}/join/${row.code}`,
    status: row.status,
    createdAt: row.createdAt,
    settings: {
      map: row.settings.map,
      studentsPerPower: row.settings.studentsPerPower,
      extras: row.settings.extras,
      matches: row.settings.matches,
      timing: row.settings.timing,
      daily: row.settings.daily,
      pressMode: row.settings.pressMode,
      presets: [...row.settings.presets],
      yearLimit: row.settings.yearLimit,
      teacherReadsPress: row.settings.teacherReadsPress,
      seed: row.seed,
    },
    roster: row.settings.roster.filter((n) => !taken.has(n)),
    students: students.map((s) => ({
      studentId: s.id,
      name: s.name,
      matchId: s.matchId,
      power: s.matchId !== null && s.seat !== null ? (powerAt(s.matchId, s.seat) ?? null) : null,
      connected: connected(ctx, s, holders),
      joinedAt: s.joinedAt,
    })),
    matches,
    broadcasts: store.broadcasts(row.id, 20),
    projector: row.projector === "rotate" ? "rotate" : row.projector,
  };
  return { ...content, version: versionOf(content) };
}

/** `GET /api/classes/:classId/students/:studentId`: the session as one student sees it. */
export function studentView(
  ctx: ServerContext,
  store: ClassStore,
  row: ClassRow,
  student: StudentRow,
  studentKey: string,
  origin: string,
): StudentView {
  const live = student.matchId === null ? null : stateOf(ctx, student.matchId);
  const power = live && student.seat !== null ? (live.G.powers[student.seat] ?? null) : null;
  const onSeat = student.matchId !== null && student.seat !== null && power !== null;
  const team = onSeat ? store.team(student.matchId, student.seat) : [student];
  const holders = onSeat ? ctx.transport.holdersOf(student.matchId).get(String(student.seat)) : undefined;
  const names = new Map(team.map((s) => [s.id, s.name]));
  const nameOf = (id: string): string => names.get(id) ?? store.student(row.id, id)?.name ?? "?";
  const drafts =
    onSeat && live && !live.over
      ? store.drafts(student.matchId, student.seat, phaseKey(live.G.position))
      : new Map();
  const content: Omit<StudentView, "version"> = {
    classId: row.id,
    className: row.name,
    studentId: student.id,
    name: student.name,
    status: row.status,
    students: store.studentCount(row.id),
    matchId: student.matchId,
    power,
    seat: onSeat
      ? { matchID: student.matchId, playerID: String(student.seat), credentials: studentKey, power: power }
      : null,
    paused: student.matchId !== null && ctx.records.teacherHeld(student.matchId),
    teacherReadsPress: row.settings.teacherReadsPress,
    team: team.map((s) => ({
      studentId: s.id,
      name: s.name,
      connected: s.id === student.id || (holders?.has(s.id) ?? false) || ctx.now() - s.seenAt < SEEN_MS,
    })),
    teamChat: onSeat ? store.teamChat(student.matchId, student.seat, 100) : [],
    drafts: [...drafts.entries()].map(
      ([unit, d]: [string, { order: string; studentId: string; at: number }]) => ({
        unit,
        order: d.order,
        studentId: d.studentId,
        name: nameOf(d.studentId),
        at: d.at,
      }),
    ),
    broadcasts: store.broadcasts(row.id, 20),
    rejoinUrl: `${origin}/class/${row.id}/s/${student.id}#${studentKey}`,
  };
  return { ...content, version: versionOf(content) };
}

/** `GET /api/classes/:classId/projector`: only what anyone may see. */
export function projectorView(ctx: ServerContext, store: ClassStore, row: ClassRow): ProjectorView {
  const matches = store.matches(row.id).flatMap((m) => publicMatch(ctx, m)?.view ?? []);
  const content: Omit<ProjectorView, "version"> = {
    classId: row.id,
    name: row.name,
    status: row.status,
    focus: row.projector === "rotate" ? "rotate" : row.projector,
    matches,
    broadcasts: store.broadcasts(row.id, 3),
  };
  return { ...content, version: versionOf(content) };
}
