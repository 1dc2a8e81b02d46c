/**
 * A class session from end to end (issue 14), in real browsers (Debian's Chromium via
 * playwright-core) against the real server: a teacher makes a class at /teach — two matches on the
 * classic map, two students a power — and opens the dashboard. Ana finds the class by typing its
 * code (a wrong code first), Cara opens the join link on a phone, Ben tries a name that is taken
 * and adds an initial; nine more students join by HTTP. The preview names the class and says
 * whether the teacher reads private messages before anyone types a name, and opening it joins
 * nobody. The teacher starts: two matches of three teams of two; the browsers land on their
 * matches, where the class bar shows the team: a teammate's message comes in, Ana answers with
 * Enter. Ana drafts an order (the team sees who drafted it); the teacher pauses her match — her
 * Ready is refused "paused by your teacher" — resumes it, Ana is ready, the teacher resolves the
 * phase now and the projector shows the next phase. The teacher moves Ben to the other match (his
 * browser follows), gives Cara's team's power to a bot (her phone follows her to watch the match),
 * and broadcasts to everyone (a dismissed message stays away; a newer one shows again).
 *
 * The truth the screens are checked against is the server's own answers (the class view, with the
 * teacher key) and its stored match states. Each step is one test; after a failure the later ones
 * are skipped and every screen is saved.
 */
import { describe, expect } from "vitest";
import type { Page } from "playwright-core";
import {
  classViewSchema,
  joinClassAnswerSchema,
  studentViewSchema,
  teamChatAnswerSchema,
  type ClassView,
  type StudentView,
} from "../../shared/src/wire";
import {
  byTestId,
  e2eStory,
  openTab,
  readText,
  requestJson,
  setControl,
  shoot,
  storedSeats,
  until,
  untilStored,
  visible,
} from "./support/harness";

const CLASS_NAME = "Year 11 · International Relations";
const HTTP_STUDENTS = ["Dara", "Eli", "Femi", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea"];
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const {
  server,
  players: { teacher, ana, ben, cara },
  step,
} = e2eStory("class-", { teacher: {}, ana: {}, ben: {}, cara: PHONE }, { stepTimeoutMs: 60_000 });

/** A student this story knows the key of. */
interface Student {
  readonly name: string;
  readonly studentId: string;
  readonly studentKey: string;
}

let classId = "";
let code = "";
let teacherKey = "";
const students = new Map<string, Student>(); // by name

// ---------------------------------------------------------------------------------------------
// The server's truth, over HTTP as any client sees it.

/** A request to the API with a key; the answer's status and JSON. */
const api = (method: "GET" | "POST", path: string, body?: unknown, key?: string) =>
  requestJson(server, method, path, body, key);

/** The session as the teacher sees it. */
async function classView(): Promise<ClassView> {
  const { status, data } = await api("GET", `/api/classes/${classId}`, undefined, teacherKey);
  expect(status, JSON.stringify(data)).toBe(200);
  return classViewSchema.parse(data);
}

/** The session as one student sees it. */
async function studentView(who: Student): Promise<StudentView> {
  const { status, data } = await api(
    "GET",
    `/api/classes/${classId}/students/${who.studentId}`,
    undefined,
    who.studentKey,
  );
  expect(status, JSON.stringify(data)).toBe(200);
  return studentViewSchema.parse(data);
}

/** The class seat a browser keeps (`localStorage["entente.classSeats"]`), as a student of this story. */
async function seatOfBrowser(page: Page, name: string): Promise<Student> {
  const raw = await page.evaluate(() => localStorage.getItem("entente.classSeats"));
  const seats = JSON.parse(raw ?? "[]") as Student[];
  const seat = seats.find((s) => s.name === name);
  if (seat === undefined) throw new Error(`${name}'s browser holds no class seat (has ${raw})`);
  return { name, studentId: seat.studentId, studentKey: seat.studentKey };
}

/** A student of the story by name. */
function student(name: string): Student {
  const found = students.get(name);
  if (found === undefined) throw new Error(`no student ${name} in the story`);
  return found;
}

/** Where a student plays: the match, its number on the dashboard, and the power. */
function placeOf(view: ClassView, name: string): { matchId: string; number: number; power: string } {
  const s = view.students.find((x) => x.studentId === student(name).studentId);
  const match = view.matches.find((m) => m.matchId === s?.matchId);
  if (s === undefined || s.power === null || match === undefined)
    throw new Error(`${name} plays no power: ${JSON.stringify(s)}`);
  return { matchId: match.matchId, number: match.number, power: s.power };
}

/** The names of everyone on a power of a match. */
function teamOf(view: ClassView, matchId: string, power: string): string[] {
  const ids = view.matches
    .find((m) => m.matchId === matchId)
    ?.powers.find((p) => p.power === power)?.students;
  return (ids ?? []).map((id) => [...students.values()].find((s) => s.studentId === id)?.name ?? id);
}

/** Waits until an element's text holds `text`. */
async function untilText(page: Page, id: string, text: string | RegExp, timeoutMs = 15_000): Promise<void> {
  await until(
    page,
    `data-testid="${id}" to say ${String(text)}`,
    async () => {
      const shown = await readText(byTestId(page, id).first());
      return typeof text === "string" ? shown.includes(text) : text.test(shown);
    },
    timeoutMs,
  );
}

describe("a teacher runs a class: join by code, teams, pause, resolve, move, bot, projector", () => {
  step(
    "the teacher makes a class of two matches with two students a power, and opens the dashboard",
    async () => {
      const { page } = teacher;
      await page.goto(`${server.url}/teach`);
      await setControl(page, "teach-name", CLASS_NAME);
      await setControl(page, "teach-map", "classic");
      await setControl(page, "teach-students-per-power", "2");
      await setControl(page, "teach-matches", "2");
      await (await visible(page, "teach-submit")).click();
      await visible(page, "teach-created-title");
      code = (await readText(await visible(page, "class-code"))).replace(/\s+/g, "");
      expect(code).toMatch(/^[A-Z2-9]{6}$/);
      const teacherUrl = new URL(await readText(await visible(page, "teach-teacher-link")));
      classId = decodeURIComponent(teacherUrl.pathname.split("/")[2] ?? "");
      teacherKey = decodeURIComponent(teacherUrl.hash.slice(1));
      expect(teacherKey).not.toBe("");
      await (await visible(page, "teach-open-dashboard")).click();
      await page.waitForURL(`**/class/${classId}/teacher`);
      await visible(page, "class-dashboard");
    },
  );

  step(
    "Ana types a wrong code, then the right one in small letters; the class is named before any name",
    async () => {
      const { page } = ana;
      await page.goto(`${server.url}/join`);
      await setControl(page, "class-join-code", "zzz-zzz");
      await (await visible(page, "class-join-code-submit")).click();
      await untilText(page, "class-join-code-error", "No class has that code");
      await setControl(
        page,
        "class-join-code",
        `${code.slice(0, 3).toLowerCase()} - ${code.slice(3).toLowerCase()}`,
      );
      await (await visible(page, "class-join-code-submit")).click();
      await page.waitForURL(`**/join/${code}`);
      expect(await readText(await visible(page, "class-join-title"))).toBe(CLASS_NAME);
      expect(await readText(byTestId(page, "class-join-facts"))).toContain("2 students per power");
      expect(await readText(byTestId(page, "class-join-count"))).toBe("Nobody has joined yet");
      expect(await readText(byTestId(page, "class-join-press"))).toContain(
        "Your teacher cannot read your private messages",
      );
      // Looking at the class joined nobody: only the button joins.
      expect((await classView()).students).toEqual([]);
      await shoot(page, "class-01-join-desktop");
      await setControl(page, "class-join-name", "Ana");
      await (await visible(page, "class-join-submit")).click();
      await page.waitForURL(`**/class/${classId}/s/*`);
      expect(await readText(await visible(page, "student-waiting-title"))).toBe(
        `You are in ${CLASS_NAME} as Ana.`,
      );
      await untilText(page, "student-waiting-count", "1 student has joined");
      students.set("Ana", await seatOfBrowser(page, "Ana"));
      await shoot(page, "class-02-waiting-desktop");
    },
  );

  step("Cara opens the join link on a phone and joins; her waiting room shows her rejoin link", async () => {
    const { page } = cara;
    await page.goto(`${server.url}/join/${code}`);
    await untilText(page, "class-join-count", "1 student has joined");
    await shoot(page, "class-03-join-phone");
    await setControl(page, "class-join-name", "Cara");
    await (await visible(page, "class-join-submit")).click();
    await visible(page, "student-waiting");
    students.set("Cara", await seatOfBrowser(page, "Cara"));
    await shoot(page, "class-04-waiting-phone");
    await (await visible(page, "student-rejoin-open")).click();
    await visible(page, "student-rejoin-qr");
    // The link names this server as the room's devices reach it (its address on the network).
    const link = new URL(await byTestId(page, "student-rejoin-url").inputValue());
    expect(`${link.pathname}${link.hash}`).toBe(
      `/class/${classId}/s/${student("Cara").studentId}#${student("Cara").studentKey}`,
    );
    expect(await readText(byTestId(page, "student-rejoin-warning"))).toContain("This link is your seat.");
    await shoot(page, "class-05-waiting-rejoin-phone", true);
  });

  step(
    "Ben tries a name that is taken, adds an initial; nine more join by HTTP; the dashboard counts 12",
    async () => {
      await ben.page.goto(`${server.url}/join/${code}`);
      await setControl(ben.page, "class-join-name", "Ana");
      await (await visible(ben.page, "class-join-submit")).click();
      await untilText(ben.page, "class-join-error", "That name is taken in this class — add an initial.");
      await setControl(ben.page, "class-join-name", "Ben");
      await (await visible(ben.page, "class-join-submit")).click();
      await visible(ben.page, "student-waiting");
      students.set("Ben", await seatOfBrowser(ben.page, "Ben"));
      for (const name of HTTP_STUDENTS) {
        const { status, data } = await api("POST", "/api/classes/join", { code, name });
        expect(status, JSON.stringify(data)).toBe(200);
        const answer = joinClassAnswerSchema.parse(data);
        students.set(name, { name, studentId: answer.studentId, studentKey: answer.studentKey });
      }
      await untilText(teacher.page, "class-arrivals", "12");
      expect((await classView()).students.map((s) => s.name).sort()).toEqual([...students.keys()].sort());
      await shoot(teacher.page, "class-06-dashboard-waiting");
    },
  );

  step("the teacher starts: two matches of three teams of two; each browser lands on its match", async () => {
    await (await visible(teacher.page, "class-start")).click();
    await until(teacher.page, "the class to run", async () => (await classView()).status === "running");
    const view = await classView();
    expect(view.matches).toHaveLength(2);
    for (const m of view.matches) {
      expect(m.powers.filter((p) => p.students.length === 2)).toHaveLength(3);
      expect(m.powers.filter((p) => p.students.length === 0 && p.bot !== null)).toHaveLength(4);
    }
    for (const [name, player] of [
      ["Ana", ana],
      ["Ben", ben],
      ["Cara", cara],
    ] as const) {
      const at = placeOf(view, name);
      await player.page.waitForURL(`**/m/${at.matchId}`, { timeout: 30_000 });
      await visible(player.page, "phase-label", 30_000);
      await visible(player.page, "team-panel");
      const held = await storedSeats(player.page);
      expect(held.find((s) => s.matchID === at.matchId)).toMatchObject({
        power: at.power,
        credentials: student(name).studentKey,
        name,
      });
    }
  });

  step("a teammate writes to Ana's team; Ana reads it in the team fold and answers with Enter", async () => {
    const { page } = ana;
    const view = await classView();
    const at = placeOf(view, "Ana");
    const mate = student(teamOf(view, at.matchId, at.power).find((n) => n !== "Ana")!);
    const sent = await api(
      "POST",
      `/api/classes/${classId}/students/${mate.studentId}/team-chat`,
      { text: "Shall we hold this turn?" },
      mate.studentKey,
    );
    expect(sent.status, JSON.stringify(sent.data)).toBe(200);
    teamChatAnswerSchema.parse(sent.data);
    await untilText(page, "team-panel-open", `With ${mate.name}`);
    await (await visible(page, "team-panel-open")).click();
    await untilText(page, "team-chat-log", "Shall we hold this turn?");
    const box = await visible(page, "team-chat-text");
    await box.fill("Yes, and I will write the orders");
    await box.press("Enter");
    await untilText(page, "team-chat-log", "Yes, and I will write the orders");
    expect(await box.inputValue()).toBe("");
    const theirs = await studentView(mate);
    expect(theirs.teamChat.map((m) => `${m.name}: ${m.text}`)).toContain(
      "Ana: Yes, and I will write the orders",
    );
    await shoot(page, "class-07-game-team-desktop");
    // Cara's team fold on the phone, under the tabs.
    const fold = await visible(cara.page, "team-panel-open");
    await fold.scrollIntoViewIfNeeded();
    await fold.click();
    await visible(cara.page, "team-chat-text");
    await shoot(cara.page, "class-08-game-team-phone");
  });

  step(
    "Ana drafts an order; the team sees she drafted it; paused by the teacher, her Ready is refused",
    async () => {
      const { page } = ana;
      const view = await classView();
      const at = placeOf(view, "Ana");
      await openTab(ana, "orders");
      const box = await visible(page, "orders-text");
      const example = ((await box.getAttribute("placeholder")) ?? "").replace(/^e\.g\.\s*/, "");
      expect(example).not.toBe("");
      await box.fill(example);
      await (await visible(page, "orders-text-submit")).click();
      await untilStored(server, at.matchId, "Ana's order", (G) => (G.orders[at.power]?.length ?? 0) > 0);
      await untilText(page, "team-draft", "drafted by you");
      const mate = student(teamOf(view, at.matchId, at.power).find((n) => n !== "Ana")!);
      await until(page, "the teammate's view to say Ana drafted", async () =>
        (await studentView(mate)).drafts.some((d) => d.name === "Ana"),
      );

      await (await visible(teacher.page, `class-pause-${at.number}`)).click();
      await visible(page, "class-bar-paused");
      expect(await readText(byTestId(page, "class-bar-paused"))).toContain("Paused by your teacher");
      await visible(teacher.page, `class-match-${at.number}-paused`);
      await (await visible(page, "ready-toggle")).click();
      await untilText(page, "error-banner", "Paused by your teacher");
      await shoot(page, "class-09-game-paused-desktop");
      await shoot(teacher.page, "class-10-dashboard-paused", true);
    },
  );

  step(
    "the teacher resumes; Ana is ready; the teacher resolves now and the projector shows the next phase",
    async () => {
      const view = await classView();
      const at = placeOf(view, "Ana");
      const wall = await teacher.context.newPage();
      await wall.goto(`${server.url}/class/${classId}/projector`);
      await setControl(teacher.page, "class-projector-focus", at.matchId);
      await untilText(wall, "projector-match", `Match ${at.number}`);
      const before = await readText(byTestId(wall, "projector-match"));

      await (await visible(teacher.page, `class-resume-${at.number}`)).click();
      await until(
        ana.page,
        "the pause to end",
        async () => (await byTestId(ana.page, "class-bar-paused").count()) === 0,
      );
      await (await visible(ana.page, "ready-toggle")).click();
      await untilStored(server, at.matchId, "Ana's power to be ready", (G) => G.ready[at.power] === true);

      await (await visible(teacher.page, `class-resolve-${at.number}`)).click();
      await (await visible(teacher.page, `class-resolve-${at.number}-confirm`)).click();
      await untilStored(server, at.matchId, "the phase to resolve", (G) => G.history.length >= 1, 30_000);
      await until(
        ana.page,
        "Ana's board to move on from Spring 1901",
        async () => !(await readText(byTestId(ana.page, "phase-label"))).startsWith("Spring 1901"),
      );
      await until(wall, "the projector to show the new phase", async () => {
        const now = await readText(byTestId(wall, "projector-match"));
        return now !== before && now.includes(`Match ${at.number}`);
      });
      await shoot(wall, "class-11-projector");
      await wall.close();
    },
  );

  step("the teacher moves Ben to the other match; his browser follows him there", async () => {
    const view = await classView();
    const from = placeOf(view, "Ben");
    const other = view.matches.find((m) => m.matchId !== from.matchId)!;
    const { page } = teacher;
    const benId = student("Ben").studentId;
    await (await visible(page, `class-move-${benId}`)).click();
    const select = await visible(page, `class-move-${benId}-to`);
    // A power of the other match that a bot plays now: Ben takes it over.
    const options = await select.evaluate((el) =>
      [...(el as HTMLSelectElement).options].map((o) => ({ value: o.value, label: o.label })),
    );
    const target =
      options.find((o) => o.value.startsWith(`${other.matchId}/`) && o.label.includes("bot"))?.value ?? "";
    expect(target, "a target in the other match").not.toBe("");
    await select.selectOption(target);
    await (await visible(page, `class-move-${benId}-go`)).click();
    await until(page, "Ben to be in the other match", async () => {
      const s = (await classView()).students.find((x) => x.studentId === benId);
      return s?.matchId === other.matchId;
    });
    const moved = (await classView()).students.find((x) => x.studentId === benId)!;
    await ben.page.waitForURL(moved.power === null ? `**/watch/${other.matchId}` : `**/m/${other.matchId}`, {
      timeout: 30_000,
    });
    await visible(ben.page, "phase-label", 30_000);
    const held = await storedSeats(ben.page);
    expect(held.some((s) => s.matchID === from.matchId)).toBe(false);
    if (moved.power !== null)
      expect(held.some((s) => s.matchID === other.matchId && s.power === moved.power)).toBe(true);
  });

  step(
    "the teacher gives Cara's team's power to a bot; her phone follows her to watch the match",
    async () => {
      const view = await classView();
      const at = placeOf(view, "Cara");
      await (await visible(teacher.page, `class-give-bot-${at.number}-${at.power}`)).click();
      await until(teacher.page, "a bot to play Cara's power", async () => {
        const now = (await classView()).matches.find((m) => m.matchId === at.matchId);
        const row = now?.powers.find((p) => p.power === at.power);
        return row !== undefined && row.bot !== null;
      });
      await untilText(teacher.page, `class-power-${at.number}-${at.power}`, "Bot (");
      const caraNow = (await classView()).students.find((s) => s.studentId === student("Cara").studentId);
      expect(caraNow).toMatchObject({ matchId: at.matchId, power: null });
      await cara.page.waitForURL(`**/watch/${at.matchId}`, { timeout: 30_000 });
      await visible(cara.page, "class-bar-watching", 30_000);
      expect(await byTestId(cara.page, "tab-orders").count()).toBe(0);
      expect((await storedSeats(cara.page)).some((s) => s.matchID === at.matchId)).toBe(false);
    },
  );

  step(
    "a broadcast shows on every student's screen; dismissed it stays away, a newer one shows",
    async () => {
      const { page } = teacher;
      await setControl(page, "class-broadcast-text", "Five minutes left: send your orders.");
      await (await visible(page, "class-broadcast-send")).click();
      await untilText(ana.page, "class-bar-broadcast-text", "Five minutes left");
      await untilText(cara.page, "class-bar-broadcast-text", "Five minutes left");
      await shoot(cara.page, "class-12-broadcast-phone");
      await (await visible(ana.page, "class-bar-broadcast-dismiss")).click();
      await until(
        ana.page,
        "the message to go",
        async () => (await byTestId(ana.page, "class-bar-broadcast").count()) === 0,
      );
      await setControl(page, "class-broadcast-text", "Stop talking and listen, please.");
      await (await visible(page, "class-broadcast-send")).click();
      await untilText(ana.page, "class-bar-broadcast-text", "Stop talking and listen");
      await shoot(ana.page, "class-13-broadcast-desktop");
      await shoot(page, "class-14-dashboard-running", true);
    },
  );
});
