/**
 * The class debrief in Chromium (issue 15, item 2): a session of two matches under two presets
 * (Realist, Liberal) with backstabbing bots, played for three years by the teacher resolving every
 * phase, then ended. The teacher opens the dashboard with the secret link, follows "Open the class
 * debrief" and sees every match side by side — the table's figures are the server's own debrief —
 * the presets compared in charts, and prompts for the discussion; one match's row leads to its
 * own debrief. Screenshots at a laptop's, a projector's and a phone's size.
 */
import { describe, expect } from "vitest";
import { classDebriefSchema, type ClassDebrief } from "../../shared/src/wire";
import { byTestId, e2eStory, readText, requestJson, shoot, until, visible } from "./support/harness";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const {
  server,
  players: { teacher, phone },
  step,
} = e2eStory(
  "class-debrief-",
  { teacher: { viewport: { width: 1280, height: 800 } }, phone: PHONE },
  { stepTimeoutMs: 120_000 },
);

let classId = "";
let teacherKey = "";

/** A request to the API with a key; the answer's status and JSON. */
const api = (method: "GET" | "POST", path: string, body?: unknown, key?: string) =>
  requestJson(server, method, path, body, key);

/** The server's debrief of the class, with the teacher key. */
async function serverDebrief(): Promise<ClassDebrief> {
  const res = await api("GET", `/api/classes/${classId}/debrief`, undefined, teacherKey);
  expect(res.status).toBe(200);
  return classDebriefSchema.parse(res.data);
}

describe("the class debrief", () => {
  step("a session of two matches under two presets is played for three years and ended", async () => {
    const made = await api("POST", "/api/classes", {
      name: "Period 5 · Trust",
      map: "amber",
      matches: 2,
      presets: ["realist", "liberal"],
      yearLimit: 1903,
      bots: { personality: "backstabber" },
      seed: "class-debrief",
    });
    expect(made.status).toBe(201);
    ({ classId, teacherKey } = made.data as { classId: string; teacherKey: string });
    const { code } = made.data as { code: string };
    for (const name of ["Ana", "Ben"])
      expect((await api("POST", "/api/classes/join", { code, name })).status).toBe(200);
    expect((await api("POST", `/api/classes/${classId}/start`, {}, teacherKey)).status).toBe(200);
    for (let i = 0; i < 12; i++) {
      // The students play nothing, so a match pauses itself after idle phases: resume it first.
      await api("POST", `/api/classes/${classId}/matches/all/resume`, {}, teacherKey);
      const res = await api("POST", `/api/classes/${classId}/matches/all/resolve`, {}, teacherKey);
      if (res.status !== 200) break; // every match has ended at its year limit
      await new Promise((r) => setTimeout(r, 150)); // the bots answer the new phase
    }
    expect((await api("POST", `/api/classes/${classId}/end`, {}, teacherKey)).status).toBeLessThan(500);
    const debrief = await serverDebrief();
    expect(debrief.matches).toHaveLength(2);
    for (const m of debrief.matches) expect(m.outcome?.kind).toBe("year-limit");
  });

  step("the teacher opens it from the dashboard and sees every match as the server counts it", async () => {
    const page = teacher.page;
    await page.goto(`${server.url}/class/${classId}/teacher#${teacherKey}`);
    const link = await visible(page, "class-debrief-link");
    await link.click();
    await until(
      page,
      "the debrief's table",
      async () => (await byTestId(page, "cd-matches").count()) > 0,
      30_000,
    );
    const debrief = await serverDebrief();
    const rows = byTestId(page, "cd-matches").locator("tbody tr");
    expect(await rows.count()).toBe(2);
    for (const [i, m] of debrief.matches.entries()) {
      const cells = await rows.nth(i).locator("th, td").allInnerTexts();
      expect(cells[0]).toBe(m.label);
      expect(cells[1]).toBe(i === 0 ? "Realist" : "Liberal");
      expect(cells[3]).toBe(String(m.phases));
      expect(cells.slice(4, 7)).toEqual([
        String(m.defections.surprise),
        String(m.defections.announced),
        String(m.defections.retaliation),
      ]);
      expect(cells[7]).toBe(String(m.signed));
    }
    await visible(page, "cd-betrayals-preset");
    await visible(page, "cd-kept-match");
    const charts = await byTestId(page, "cd-reputation-match").locator("svg").getAttribute("aria-label");
    expect(charts).toContain("Match 1: winner");
    if (debrief.prompts.length > 0)
      expect(await readText(byTestId(page, "cd-prompts"))).toContain(debrief.prompts[0]!);
    await shoot(page, "class-debrief-desktop", true);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shoot(page, "class-debrief-projector");
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  step("a match's row leads to that match's debrief", async () => {
    const page = teacher.page;
    const first = byTestId(page, "cd-matches").locator("tbody tr").first().locator("a");
    const href = await first.getAttribute("href");
    expect(href).toMatch(new RegExp(`^/m/[^/]+/debrief\\?class=${classId}$`));
  });

  step("on a phone without the teacher key it says so and shows nothing", async () => {
    const page = phone.page;
    await page.goto(`${server.url}/class/${classId}/debrief`);
    await page.getByText("does not hold the teacher key").waitFor();
    expect(await byTestId(page, "cd-matches").count()).toBe(0);
    // With the key (the secret link opened once), the table fits the phone by scrolling inside its frame.
    await page.goto(`${server.url}/class/${classId}/teacher#${teacherKey}`);
    await visible(page, "class-debrief-link");
    await page.goto(`${server.url}/class/${classId}/debrief`);
    await visible(page, "cd-matches", 30_000);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shoot(page, "class-debrief-phone", true);
  });
});
