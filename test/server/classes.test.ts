/**
 * Class sessions (issue 14): the HTTP contract of `/api/classes` on a real server — create, join by
 * code, start, the teacher's and a student's views — with wrong and missing keys, unknown codes,
 * duplicate names, late joiners and reloads; the teacher's controls (pause refuses moves with the
 * reason, resume, resolve now, extend, move a student, give a power to a bot, end); teams (each
 * member syncs with their own key; drafts name who made them); and raw sockets proving that no
 * student gets another power's private press and that the teacher reads press only when the session
 * said so up front.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  JOIN_CODE_ALPHABET,
  type ClassActionAnswer,
  type ClassView,
  type CreateClassAnswer,
  type JoinClassAnswer,
  type StartClassAnswer,
  type StudentView,
} from "../../shared/src/wire";
import { latestState, rawMove, RawRecorder } from "./support/clients";
import { api, type ApiResponse } from "./support/matches";
import { bearer, classKit, errorCode } from "./support/classes";
import { PressClient } from "./support/press";
import { removeDataDir, startInProcess, waitUntil, type InProcessServer } from "./support/server";

let s: InProcessServer;
beforeAll(async () => {
  s = await startInProcess();
});
afterAll(async () => {
  await s.stop();
  removeDataDir(s.dataDir);
});

const kit = classKit();
const newClass = (body: Record<string, unknown> = {}): Promise<CreateClassAnswer> => kit.newClass(s, body);
const join = (code: string, name: string): Promise<JoinClassAnswer> => kit.join(s, code, name);
const classView = (c: CreateClassAnswer): Promise<ClassView> => kit.classView(s, c);
const studentView = (c: { classId: string }, st: JoinClassAnswer): Promise<StudentView> =>
  kit.studentView(s, c, st);
const teacher = (c: CreateClassAnswer, path: string, body: unknown = {}): Promise<ApiResponse> =>
  kit.teacher(s, c, path, body);

/** A synced raw game socket for a student's seat. */
async function seatSocket(view: StudentView): Promise<RawRecorder> {
  const r = await new RawRecorder(s.url).connected();
  const got = await r.sync(view.seat!.matchID, view.seat!.playerID, view.seat!.credentials);
  expect(got.event).toBe("sync");
  return r;
}

describe("creating a class", () => {
  it("answers 201 with a six-letter code of the alphabet, a join link and a teacher key", async () => {
    const c = await newClass();
    expect(c.code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`));
    expect(c.joinUrl).toMatch(new RegExp(`/join/${c.code}$`));
    expect(c.teacherUrl).toContain(`#${c.teacherKey}`);
    expect(c.teacherKey.length).toBeGreaterThanOrEqual(40);
  });

  it.each([
    ["no name", {}],
    ["blank name", { name: "  " }],
    ["five per power", { name: "x", studentsPerPower: 5 }],
    ["an unknown field", { name: "x", admin: true }],
    ["an unknown map", { name: "x", map: "mars" }],
    ["an unknown preset", { name: "x", presets: ["nope"] }],
    ["three presets", { name: "x", presets: ["default", "default", "default"] }],
    ["a bot for a power of no map", { name: "x", bots: { byPower: { XYZ: "steady" } } }],
  ])("refuses %s with 400 and a message naming the field", async (_, body) => {
    const res = await api(s, "POST", "/api/classes", body);
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe("bad-payload");
  });
});

describe("joining", () => {
  it("previews by code in any case with spaces or dashes, joins by name, refuses a taken name", async () => {
    const c = await newClass({ teacherReadsPress: true, roster: ["Ana", "Ben"] });
    const loose = `${c.code.slice(0, 3).toLowerCase()}-${c.code.slice(3)} `;
    const preview = await api(s, "GET", `/api/classes/code/${encodeURIComponent(loose)}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      name: "Period 3",
      teacherReadsPress: true,
      roster: ["Ana", "Ben"],
      students: 0,
    });
    await join(loose, "Ana");
    const again = await api(s, "POST", "/api/classes/join", { code: c.code, name: "ANA" });
    expect(again.status).toBe(409);
    expect(errorCode(again)).toBe("name-taken");
    const after = await api(s, "GET", `/api/classes/code/${c.code}`);
    expect(after.body).toMatchObject({ roster: ["Ben"], students: 1 });
  });

  it("refuses an unknown code with 404 unknown-code and changes nothing", async () => {
    const res = await api(s, "POST", "/api/classes/join", { code: "ZZZZZ2", name: "Eve" });
    expect(res.status).toBe(404);
    expect(errorCode(res)).toBe("unknown-code");
    const bad = await api(s, "POST", "/api/classes/join", { code: "OIL010", name: "Eve" });
    expect(bad.status).toBe(400);
  });

  it("a student's view needs their own key; the teacher's view needs the teacher key", async () => {
    const c = await newClass();
    const ana = await join(c.code, "Ana");
    const ben = await join(c.code, "Ben");
    const path = `/api/classes/${c.classId}/students/${ana.studentId}`;
    expect((await api(s, "GET", path)).status).toBe(401);
    expect((await api(s, "GET", path, undefined, bearer(ben.studentKey))).status).toBe(403);
    expect((await api(s, "GET", path, undefined, bearer(c.teacherKey))).status).toBe(403);
    expect((await api(s, "GET", path, undefined, { Authorization: `bearer ${ana.studentKey}` })).status).toBe(
      200,
    );
    const teacherPath = `/api/classes/${c.classId}`;
    expect((await api(s, "GET", teacherPath)).status).toBe(401);
    expect((await api(s, "GET", teacherPath, undefined, bearer(ana.studentKey))).status).toBe(403);
    expect((await api(s, "GET", teacherPath, undefined, bearer(`${c.teacherKey}x`))).status).toBe(403);
    const view = await classView(c);
    expect(view.students.map((x) => x.name)).toEqual(["Ana", "Ben"]);
    expect(view.status).toBe("waiting");
  });
});

describe("a class of twelve in teams of two", () => {
  let c: CreateClassAnswer;
  let students: JoinClassAnswer[];
  let start: StartClassAnswer;

  beforeAll(async () => {
    c = await newClass({ studentsPerPower: 2, bots: { personality: "grudger" }, seed: "fixed" });
    students = [];
    for (let i = 0; i < 12; i++) students.push(await join(c.code, `Student ${i + 1}`));
  });

  it("refuses a start without the teacher key and changes nothing", async () => {
    expect((await api(s, "POST", `/api/classes/${c.classId}/start`, {})).status).toBe(401);
    const wrong = await api(
      s,
      "POST",
      `/api/classes/${c.classId}/start`,
      {},
      bearer(students[0]!.studentKey),
    );
    expect(wrong.status).toBe(403);
    expect((await classView(c)).status).toBe("waiting");
  });

  it("starts: one match, six powers of two students, one bot; every student placed once", async () => {
    const res = await teacher(c, "/start");
    expect(res.status).toBe(200);
    start = res.body as StartClassAnswer;
    expect(start.matches).toHaveLength(1);
    const powers = start.matches[0]!.powers;
    expect(powers).toHaveLength(7);
    expect(powers.filter((p) => p.bot === null).map((p) => p.students.length)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(powers.filter((p) => p.bot !== null).map((p) => p.bot)).toEqual(["grudger"]);
    const placed = powers.flatMap((p) => p.students).sort();
    expect(placed).toEqual(students.map((x) => x.studentId).sort());
    expect(errorCode(await teacher(c, "/start"))).toBe("class-started");
  });

  it("gives each student their seat (their own key is its credentials), the same on a reload", async () => {
    const view = await studentView(c, students[0]!);
    expect(view.seat).not.toBeNull();
    expect(view.seat!.credentials).toBe(students[0]!.studentKey);
    expect(view.team).toHaveLength(2);
    const again = await studentView(c, students[0]!);
    expect(again.seat).toEqual(view.seat);
  });

  it("teammates each sync with their own key; drafts name who made them; others' keys hold nothing", async () => {
    const a = await studentView(c, students[0]!);
    const mate = students.find(
      (x) => x.studentId === a.team.find((t) => t.studentId !== a.studentId)!.studentId,
    )!;
    const b = await studentView(c, mate);
    expect(b.seat!.playerID).toBe(a.seat!.playerID);
    const ra = await seatSocket(a);
    const rb = await seatSocket(b);
    const G = latestState(ra)!.G;
    const unit = G.position.units.find((u) => u.power === a.power)!;
    const hold = { kind: "hold", power: a.power, unit: { type: unit.type, location: unit.location } };
    expect(await rawMove(ra, a.seat!, a.seat!.matchID, "orders", { orders: [hold] })).toBeNull();
    await waitUntil("the draft mark", async () => (await studentView(c, mate)).drafts.length === 1);
    const drafts = (await studentView(c, mate)).drafts;
    expect(drafts[0]).toMatchObject({ unit: unit.location, studentId: a.studentId, name: a.name });
    // Someone of another power cannot hold this seat with their key.
    const other = students.find((x) => ![a.studentId, b.studentId].includes(x.studentId))!;
    const stranger = await new RawRecorder(s.url).connected();
    const got = await stranger.sync(a.seat!.matchID, a.seat!.playerID, other.studentKey);
    expect(got.event).toBe("entente:error");
    expect((got.args[0] as { code: string }).code).toBe("bad-credentials");
    // Team chat reaches both.
    const sent = await api(
      s,
      "POST",
      `/api/classes/${c.classId}/students/${a.studentId}/team-chat`,
      { text: "I hold in the north" },
      bearer(students[0]!.studentKey),
    );
    expect(sent.status).toBe(200);
    expect((await studentView(c, mate)).teamChat.map((m) => m.text)).toEqual(["I hold in the north"]);
    ra.close();
    rb.close();
    stranger.close();
  });

  it("pause refuses moves with the reason, resume lets them in, resolve now moves the phase on", async () => {
    const a = await studentView(c, students[0]!);
    const r = await seatSocket(a);
    const matchId = a.seat!.matchID;
    const paused = await teacher(c, `/matches/${matchId}/pause`);
    expect(paused.status).toBe(200);
    expect((paused.body as ClassActionAnswer).class.matches[0]!.paused).toBe(true);
    const refused = await rawMove(r, a.seat!, matchId, "ready", { ready: true });
    expect(refused).toMatchObject({ code: "paused-by-teacher", message: "paused by your teacher" });
    const info = await api(s, "GET", `/api/matches/${matchId}`);
    expect(info.body).toMatchObject({ paused: true, teacherHeld: true, deadline: null });
    // A seated student cannot resume it through the lobby.
    const lobbyResume = await api(s, "POST", `/api/matches/${matchId}/resume`, {
      playerID: a.seat!.playerID,
      credentials: a.seat!.credentials,
    });
    expect(errorCode(lobbyResume)).toBe("paused-by-teacher");
    expect((await teacher(c, `/matches/${matchId}/resume`)).status).toBe(200);
    expect(await rawMove(r, a.seat!, matchId, "ready", { ready: true })).toBeNull();
    const before = (await classView(c)).matches[0]!;
    const extended = await teacher(c, `/matches/all/extend`, { minutes: 5 });
    expect((extended.body as ClassActionAnswer).class.matches[0]!.deadline).toBe(
      before.deadline! + 5 * 60_000,
    );
    const resolved = await teacher(c, `/matches/${matchId}/resolve`);
    expect(resolved.status).toBe(200);
    await waitUntil("the next phase", async () => (await classView(c)).matches[0]!.phase.season === "fall");
    r.close();
  });

  it("moves a student to the bot's power: their old socket is cut, the bot hands over", async () => {
    const view = await classView(c);
    const match = view.matches[0]!;
    const botPower = match.powers.find((p) => p.bot !== null)!.power;
    const mover = students[2]!;
    const before = await studentView(c, mover);
    const r = await seatSocket(before);
    const from = r.received.length;
    const moved = await teacher(c, `/students/${mover.studentId}/move`, {
      matchId: match.matchId,
      power: botPower,
    });
    expect(moved.status).toBe(200);
    await r.next(
      (x) => x.event === "entente:error" && (x.args[0] as { code: string }).code === "seat-lost",
      from,
    );
    const after = await studentView(c, mover);
    expect(after.power).toBe(botPower);
    const m = (moved.body as ClassActionAnswer).class.matches[0]!;
    expect(m.powers.find((p) => p.power === botPower)).toMatchObject({
      bot: null,
      students: [mover.studentId],
    });
    expect(m.powers.find((p) => p.power === before.power)!.students).toHaveLength(1);
    const r2 = await seatSocket(after);
    r.close();
    r2.close();
  });

  it("a late student takes a bot's power; a power given to a bot makes its students watchers", async () => {
    const view = await classView(c);
    const match = view.matches[0]!;
    const target = match.powers.find((p) => p.students.length === 1 && p.bot === null)!;
    const toBot = await teacher(c, `/matches/${match.matchId}/powers/${target.power}/bot`, {
      personality: "steady",
    });
    expect(toBot.status).toBe(200);
    const m = (toBot.body as ClassActionAnswer).class.matches[0]!;
    expect(m.powers.find((p) => p.power === target.power)).toMatchObject({ bot: "steady", students: [] });
    const watcher = students.find((x) => x.studentId === target.students[0])!;
    const w = await studentView(c, watcher);
    expect(w).toMatchObject({ matchId: match.matchId, power: null, seat: null });
    const late = await join(c.code, "Latecomer");
    const lv = await studentView(c, late);
    expect(lv.power).toBe(target.power);
    expect(lv.seat).not.toBeNull();
  });

  it("refuses teacher actions with a student's key; keeps private press from the teacher when not announced", async () => {
    const view = await classView(c);
    const matchId = view.matches[0]!.matchId;
    const res = await api(
      s,
      "POST",
      `/api/classes/${c.classId}/matches/${matchId}/pause`,
      {},
      bearer(students[0]!.studentKey),
    );
    expect(res.status).toBe(403);
    expect((await classView(c)).matches[0]!.paused).toBe(false);
    const press = await api(
      s,
      "GET",
      `/api/classes/${c.classId}/matches/${matchId}/press`,
      undefined,
      bearer(c.teacherKey),
    );
    expect(press.status).toBe(403);
    expect(errorCode(press)).toBe("not-announced");
  });

  it("ends the session: every match ends, the code stops working", async () => {
    const ended = await teacher(c, "/end");
    expect(ended.status).toBe(200);
    const m = (ended.body as ClassActionAnswer).class.matches[0]!;
    expect(m.over).toBe(true);
    expect(m.result).toContain("Ended by the teacher");
    expect((await api(s, "POST", "/api/classes/join", { code: c.code, name: "Too late" })).status).toBe(404);
    expect((await api(s, "GET", `/api/classes/code/${c.code}`)).status).toBe(404);
  });
});

describe("private press in a class", () => {
  it("no student gets another power's private press; the teacher reads it only when announced", async () => {
    const c = await newClass({ teacherReadsPress: true });
    const st: JoinClassAnswer[] = [];
    for (const name of ["A", "B", "C"]) st.push(await join(c.code, name));
    expect((await teacher(c, "/start")).status).toBe(200);
    const views = await Promise.all(st.map((x) => studentView(c, x)));
    const [a, b, cc] = views as [StudentView, StudentView, StudentView];
    const pa = await PressClient.open(s.url, a.seat!.matchID, a.seat);
    const pc = await PressClient.open(s.url, cc.seat!.matchID, cc.seat);
    await pa.send([b.power!], "secret plan for the two of us");
    await new Promise((r) => setTimeout(r, 300));
    expect(pc.serialised()).not.toContain("secret plan");
    const read = await api(
      s,
      "GET",
      `/api/classes/${c.classId}/matches/${a.seat!.matchID}/press`,
      undefined,
      bearer(c.teacherKey),
    );
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).toContain("secret plan");
    // A student's key reads nothing of the teacher's.
    const sneaky = await api(
      s,
      "GET",
      `/api/classes/${c.classId}/matches/${a.seat!.matchID}/press`,
      undefined,
      bearer(st[2]!.studentKey),
    );
    expect(sneaky.status).toBe(403);
    pa.stop();
    pc.stop();
  });
});

describe("join codes resist guessing without stopping a class behind one address", () => {
  it("forty joins from one address in a minute succeed; thirty wrong codes then lock out the address", async () => {
    const own = await startInProcess({ env: { JOINS_PER_MINUTE: "120" } });
    try {
      const created = await api(own, "POST", "/api/classes", { name: "Big class" });
      const c = created.body as CreateClassAnswer;
      for (let i = 0; i < 40; i++) {
        const res = await api(own, "POST", "/api/classes/join", { code: c.code, name: `S${i}` });
        expect(res.status).toBe(200);
      }
      let locked = 0;
      for (let i = 0; i < 35; i++) {
        const res = await api(own, "POST", "/api/classes/join", { code: "ZZZZZ2", name: `G${i}` });
        if (res.status === 429) locked++;
      }
      expect(locked).toBeGreaterThanOrEqual(5);
      // Locked out: even the right code gets 429 now (no oracle for a guesser).
      const right = await api(own, "POST", "/api/classes/join", { code: c.code, name: "Late" });
      expect(right.status).toBe(429);
    } finally {
      await own.stop();
      removeDataDir(own.dataDir);
    }
  });
});
