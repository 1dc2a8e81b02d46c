/**
 * Data exports in Chromium (issue 15, item 3): the teacher of an ended class session downloads its
 * data from the dashboard — a zip of CSV files and a JSON file, saved under the server's names —
 * and a student downloads their match's from its end screen; a refused download (a key the server
 * does not take) says why under the buttons. Screenshots at a laptop's and a phone's size.
 */
import fs from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import {
  classExportSchema,
  matchExportSchema,
  matchRecordSchema,
  type StudentView,
} from "../../shared/src/wire";
import { byTestId, e2eStory, readText, requestJson, shoot, visible } from "./support/harness";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const {
  server,
  players: { teacher, student },
  step,
} = e2eStory("exports-", { teacher: { viewport: { width: 1280, height: 800 } }, student: PHONE });

let classId = "";
let teacherKey = "";
let seat: NonNullable<StudentView["seat"]> | null = null;

/** A request to the API with a key; the answer's status and JSON. */
const api = (method: "GET" | "POST", path: string, body?: unknown, key?: string) =>
  requestJson(server, method, path, body, key);

/** Clicks a download button and answers the saved file's name and bytes. */
async function downloaded(page: Page, testId: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [download] = await Promise.all([page.waitForEvent("download"), byTestId(page, testId).click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: new Uint8Array(fs.readFileSync(file)) };
}

describe("data exports in the browser", () => {
  step("a class session of one student is started and ended", async () => {
    const made = await api("POST", "/api/classes", {
      name: "Period 6 · Data",
      map: "amber",
      yearLimit: 1901,
    });
    expect(made.status).toBe(201);
    ({ classId, teacherKey } = made.data as { classId: string; teacherKey: string });
    const { code } = made.data as { code: string };
    const joined = await api("POST", "/api/classes/join", { code, name: "Ana" });
    const ana = joined.data as { studentId: string; studentKey: string };
    expect((await api("POST", `/api/classes/${classId}/start`, {}, teacherKey)).status).toBe(200);
    const view = await api(
      "GET",
      `/api/classes/${classId}/students/${ana.studentId}`,
      undefined,
      ana.studentKey,
    );
    seat = (view.data as StudentView).seat;
    expect(seat).not.toBeNull();
    expect((await api("POST", `/api/classes/${classId}/matches/all/resolve`, {}, teacherKey)).status).toBe(
      200,
    );
    expect((await api("POST", `/api/classes/${classId}/end`, {}, teacherKey)).status).toBe(200);
  });

  step("the teacher downloads the session's data as a zip of CSV files and as JSON", async () => {
    const page = teacher.page;
    await page.goto(`${server.url}/class/${classId}/teacher#${teacherKey}`);
    await visible(page, "class-export");
    const zip = await downloaded(page, "export-zip");
    expect(zip.name).toBe(`entente-class-${classId}.zip`);
    const files = Object.keys(unzipSync(zip.bytes)).map((f) => f.replace(/^.*\//, ""));
    expect(files).toContain("orders.csv");
    expect(files).toContain("students.csv");
    const json = await downloaded(page, "export-json");
    expect(json.name).toBe(`entente-class-${classId}.json`);
    const parsed = classExportSchema.parse(JSON.parse(strFromU8(json.bytes)));
    expect(parsed.tables["students"]).toEqual([expect.objectContaining({ student: "Ana" })]);
    expect(await byTestId(page, "export-error").count()).toBe(0);
    await byTestId(page, "class-export").scrollIntoViewIfNeeded();
    await shoot(page, "exports-dashboard-desktop");
  });

  step("the student downloads their match's data from its end screen; a refused key says why", async () => {
    const page = student.page;
    const held = seat!;
    await page.goto(server.url);
    await page.evaluate(
      (s) =>
        window.localStorage.setItem(
          "entente.seats",
          JSON.stringify([
            {
              matchID: s.matchID,
              playerID: s.playerID,
              credentials: s.credentials,
              power: s.power,
              name: "Ana",
            },
          ]),
        ),
      held,
    );
    await page.goto(`${server.url}/m/${held.matchID}`);
    const buttons = await visible(page, "end-export", 30_000);
    await buttons.scrollIntoViewIfNeeded();
    const json = await downloaded(page, "export-json");
    expect(json.name).toBe(`entente-${held.matchID}.json`);
    expect(matchExportSchema.parse(JSON.parse(strFromU8(json.bytes))).matches[0]!.complete).toBe(true);
    const record = await downloaded(page, "export-record");
    expect(record.name).toBe(`entente-${held.matchID}-record.json`);
    const parsed = matchRecordSchema.parse(JSON.parse(strFromU8(record.bytes)));
    expect([parsed.matchID, parsed.complete]).toEqual([held.matchID, true]);

    // The seat's key changes under the page (say, revoked on another device): the server refuses.
    await page.evaluate((s) => {
      const seats = JSON.parse(window.localStorage.getItem("entente.seats") ?? "[]") as {
        credentials: string;
      }[];
      window.localStorage.setItem(
        "entente.seats",
        JSON.stringify(seats.map((x) => ({ ...x, credentials: `${s.credentials}x` }))),
      );
    }, held);
    await byTestId(page, "export-zip").click();
    const error = await visible(page, "export-error");
    expect(await readText(error)).toMatch(/refused/);
    await error.scrollIntoViewIfNeeded();
    await shoot(page, "exports-end-screen-phone");
  });

  step("on a phone the dashboard's buttons fit the screen", async () => {
    const page = student.page;
    await page.goto(`${server.url}/class/${classId}/teacher#${teacherKey}`);
    const box = await visible(page, "class-export");
    await box.scrollIntoViewIfNeeded();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shoot(page, "exports-dashboard-phone");
  });
});
