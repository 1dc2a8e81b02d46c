/**
 * The class debrief on a real server (issue 15, item 2): a session of two matches under two
 * presets, each played a phase and then ended by the teacher, debriefed side by side with the
 * presets compared — and only for the teacher's key (a student's key, a wrong key and no key are
 * refused, and nothing is told of an unknown class).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classDebriefSchema, type CreateClassAnswer, type JoinClassAnswer } from "../../shared/src/wire";
import { bearer, classKit, errorCode } from "./support/classes";
import { api } from "./support/matches";
import { removeDataDir, startInProcess, type InProcessServer } from "./support/server";

let s: InProcessServer;
beforeAll(async () => {
  s = await startInProcess();
});
afterAll(async () => {
  await s.stop();
  removeDataDir(s.dataDir);
});

const { newClass, join, classView, teacher } = classKit();

describe("the class debrief", () => {
  let c: CreateClassAnswer;
  let ana: JoinClassAnswer;

  beforeAll(async () => {
    c = await newClass(s, {
      map: "amber",
      matches: 2,
      presets: ["realist", "liberal"],
      yearLimit: 1902,
      bots: { personality: "grudger" },
      seed: "debrief",
    });
    ana = await join(s, c.code, "Ana");
    await join(s, c.code, "Ben");
    expect((await teacher(s, c, "/start")).status).toBe(200);
    for (const m of (await classView(s, c)).matches) {
      const res = await teacher(s, c, `/matches/${m.matchId}/resolve`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
  });

  it("sums up every match while they run, up to each one's last resolved phase", async () => {
    const res = await api(s, "GET", `/api/classes/${c.classId}/debrief`, undefined, bearer(c.teacherKey));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const raw = await fetch(`${s.url}/api/classes/${c.classId}/debrief`, { headers: bearer(c.teacherKey) });
    expect(raw.headers.get("cache-control")).toBe("no-store");
    const debrief = classDebriefSchema.parse(res.body);
    expect(debrief.name).toBe("Period 3");
    expect(debrief.matches.map((m) => m.label)).toEqual(["Match 1", "Match 2"]);
    expect(debrief.matches.map((m) => m.preset)).toEqual(["realist", "liberal"]);
    for (const m of debrief.matches) {
      expect(m.outcome).toBeNull();
      expect(m.phases).toBeGreaterThanOrEqual(1);
      expect(m.debrief.view).toBe("whole");
      expect(m.debrief.standings).toHaveLength(m.phases + 1);
    }
    expect(debrief.presets.map((p) => [p.preset, p.matches, p.outcomes])).toEqual([
      ["realist", 1, { running: 1 }],
      ["liberal", 1, { running: 1 }],
    ]);
  });

  it("gives each match's outcome once the teacher ends the session", async () => {
    expect((await teacher(s, c, "/end")).status).toBe(200);
    const res = await api(s, "GET", `/api/classes/${c.classId}/debrief`, undefined, bearer(c.teacherKey));
    const debrief = classDebriefSchema.parse(res.body);
    for (const m of debrief.matches) {
      expect(m.outcome?.kind).toBe("called");
      expect(m.debrief.ended).toBe(true);
      const last = m.debrief.standings.at(-1)!;
      const mean = m.debrief.powers.reduce((a, p) => a + last.reputation[p]!, 0) / m.debrief.powers.length;
      expect(m.averageReputation).toBeCloseTo(mean, 2);
    }
    expect(debrief.presets.map((p) => p.outcomes)).toEqual([{ called: 1 }, { called: 1 }]);
  });

  it.each([
    ["no key", null, 401, "no-key"],
    ["a wrong key", "x".repeat(43), 403, "wrong-key"],
  ])("refuses %s", async (_name, key, status, code) => {
    const res = await api(
      s,
      "GET",
      `/api/classes/${c.classId}/debrief`,
      undefined,
      key === null ? {} : bearer(key),
    );
    expect(res.status).toBe(status);
    expect(errorCode(res)).toBe(code);
  });

  it("refuses a student's key", async () => {
    const res = await api(s, "GET", `/api/classes/${c.classId}/debrief`, undefined, bearer(ana.studentKey));
    expect(res.status).toBe(403);
    expect(errorCode(res)).toBe("wrong-key");
  });

  it("tells nothing of an unknown class without its key", async () => {
    const res = await api(s, "GET", `/api/classes/NOSUCHCLASS/debrief`, undefined, bearer(c.teacherKey));
    expect([403, 404]).toContain(res.status);
    expect(JSON.stringify(res.body)).not.toContain("Period 3");
  });
});
