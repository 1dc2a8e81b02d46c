/**
 * The record viewer (issue 15, items 4 and 5) in a real browser (Debian's Chromium via
 * playwright-core) against the real server: a three-player Amber match of 1901 (the host and two
 * bots) is played to its end and its record fetched with the host's key. Then on /record: a file
 * that is no record is refused in words; cut off from the server (offline, and no call made), the
 * record opened with the file picker replays and the verdict says every phase matches; every phase
 * is stepped through (button, arrow key, select; label, arrows and results drawn); the shown phase
 * downloads as a PNG and the match as an animated GIF of more than one frame. The History tab of the
 * match (watched) offers the same pictures. A dropped file opens too; a record with one order
 * altered shows "Diverged". Screenshots at desktop (1280×800), projector (1920×1080) and phone
 * (390×844) size; axe finds nothing serious on the loaded page.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { createRng } from "../../shared/src/random";
import type { CreateAnswer } from "../../shared/src/wire";
import { matchRecordSchema, type MatchRecord } from "../../shared/src/wire/record";
import { gifFrameCount } from "../../client/src/replay/pictures";
import { startSeats } from "../server/support/clients";
import { api } from "../server/support/matches";
import { playPhase } from "../server/support/play";
import {
  audit,
  byTestId,
  e2eStory,
  type Player,
  readText,
  SCREENSHOTS,
  shoot,
  until,
  visible,
} from "./support/harness";
import { withOneOrderAltered } from "../support/records";

const {
  server,
  players: { viewer },
  step,
  open,
} = e2eStory("record-", { viewer: {} });

let record: MatchRecord | null = null;
let files = "";

/** The record fetched from the server. */
const theRecord = (): MatchRecord => {
  if (record === null) throw new Error("no record yet");
  return record;
};

/** A record file of the test's folder. */
function saveFile(name: string, data: string): string {
  const file = path.join(files, name);
  fs.writeFileSync(file, data);
  return file;
}

/** Opens /record and a file with the file picker; waits for the verdict or the refusal. */
async function openWithPicker(page: Page, file: string): Promise<void> {
  await page.goto(`${server.url}/record`);
  await byTestId(page, "record-file").setInputFiles(file);
  await page.locator('[data-testid="record-verdict"], [data-testid="record-error"]').first().waitFor();
}

/** Drops a file's text on the drop zone, as a browser's drag and drop does. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  await visible(page, "record-drop");
  await page.evaluate(
    ({ name, text }) => {
      const zone = document.querySelector('[data-testid="record-drop"]')!;
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type: "application/json" }));
      for (const type of ["dragenter", "dragover", "drop"])
        zone.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { name, text },
  );
}

/** The phase label shown and the arrows and failed-order marks drawn on the board. */
async function shownPhase(page: Page): Promise<{ label: string; lines: number }> {
  const label = await readText(byTestId(page, "history-phase"));
  const lines = await page.locator(".hs-board svg .mv-orders *").count();
  return { label, lines };
}

describe("a match record opens in the browser, replays, steps and gives pictures", () => {
  step(
    "a one-year Amber match of the host and two bots is played to its end; the host fetches its record",
    async () => {
      files = fs.mkdtempSync(path.join(server.dataDir, "records-"));
      const created = await api(server, "POST", "/api/matches", {
        map: "amber",
        players: 3,
        hostName: "Ada",
        yearLimit: 1901,
        seats: [{ kind: "human" }, { kind: "bot", personality: "grudger" }, { kind: "bot" }],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const answer = created.body as CreateAnswer;
      const host = answer.host!;
      const [ada] = await startSeats(server.url, answer.matchID, 3, [host]);
      try {
        const rng = createRng("record-viewer");
        for (let phase = 0; ada!.G.result === null; phase++) {
          if (phase > 12) throw new Error("the match of one year did not end");
          await playPhase([ada!], ada!, rng);
        }
      } finally {
        ada!.stop();
      }
      const res = await api(server, "GET", `/api/matches/${answer.matchID}/record`, undefined, {
        Authorization: `Bearer ${host.credentials}`,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      record = matchRecordSchema.parse(res.body);
      expect(record.complete).toBe(true);
      expect(record.checkpoints.length).toBeGreaterThanOrEqual(3);
    },
    120_000,
  );

  step("the landing page links to /record; a file that is no record is refused in words", async () => {
    const { page } = viewer;
    await page.goto(`${server.url}/`);
    await (await visible(page, "landing-record")).click();
    await page.waitForURL("**/record");
    expect(await readText(page.locator("h1"))).toBe("Open a match record");
    await openWithPicker(page, saveFile("notes.json", "these are my notes"));
    expect(await readText(byTestId(page, "record-error"))).toMatch(/notes\.json: This file is not JSON/);
    await byTestId(page, "record-file").setInputFiles(saveFile("other.json", JSON.stringify({ hello: 1 })));
    await until(page, "the not-a-record refusal", async () =>
      /This file is not a match record: format: /.test(await readText(byTestId(page, "record-error"))),
    );
    const running = { ...theRecord(), seed: null, complete: false };
    await byTestId(page, "record-file").setInputFiles(saveFile("running.json", JSON.stringify(running)));
    await until(page, "the running-match refusal", async () =>
      /record of a running match/.test(await readText(byTestId(page, "record-error"))),
    );
  });

  step(
    "offline, the record opened with the file picker replays: the verdict says every phase matches",
    async () => {
      const { page, context } = viewer;
      const served: string[] = [];
      page.on("request", (r) => {
        if (new URL(r.url()).pathname.startsWith("/api/")) served.push(r.url());
      });
      await page.goto(`${server.url}/record`);
      await page.waitForLoadState("networkidle");
      await context.setOffline(true); // the server is gone from here to the pictures
      await byTestId(page, "record-file").setInputFiles(saveFile("record.json", JSON.stringify(theRecord())));
      const verdict = await visible(page, "record-verdict");
      expect(await verdict.getAttribute("data-verdict")).toBe("match");
      expect(await readText(verdict)).toContain(
        `Checked: every phase and the final state match · ${theRecord().finalHash}`,
      );
      expect(await readText(byTestId(page, "record-title"))).toBe(`Match ${theRecord().matchID}`);
      await visible(page, "record-result");
      expect(served, "the record page asks no server").toEqual([]);
      await shoot(page, "record-desktop", true);
      expect(await audit(page)).toEqual([]);
    },
  );

  step("every phase steps by button, arrow key and select, with its orders and results drawn", async () => {
    const { page } = viewer;
    const phases = theRecord().checkpoints.length;
    const options = await byTestId(page, "history-select").locator("option").allTextContents();
    expect(options).toHaveLength(phases);
    // The latest phase first, as in the History tab; the select goes to the first.
    await byTestId(page, "history-select").selectOption("0");
    const seen: string[] = [];
    for (let i = 0; i < phases; i++) {
      await until(
        page,
        `phase ${i + 1} to show`,
        async () => (await readText(byTestId(page, "history-phase"))) === options[i],
      );
      const shown = await shownPhase(page);
      seen.push(shown.label);
      const orders = await page.locator(".hs-order").count();
      if (orders > 0) expect(shown.lines, `arrows or marks in ${shown.label}`).toBeGreaterThan(0);
      expect(await page.locator(".hs-order .hs-mark").count()).toBe(orders); // each result marked
      if (i < phases - 1) {
        if (i % 2 === 0) await byTestId(page, "history-next").click();
        else {
          await page.locator("h1").click(); // the keys act outside form fields
          await page.keyboard.press("ArrowRight");
        }
      }
    }
    expect(seen).toEqual(options);
    expect(seen[0]).toBe("Spring 1901, Movement");
    expect(await byTestId(page, "history-next").isDisabled()).toBe(true);
    await page.keyboard.press("ArrowLeft");
    await until(
      page,
      "the previous phase",
      async () => (await shownPhase(page)).label === options[phases - 2],
    );
    await byTestId(page, "history-select").selectOption("0");
    await until(page, "the first phase", async () => (await shownPhase(page)).label === options[0]);
    expect(await byTestId(page, "history-prev").isDisabled()).toBe(true);
    expect(await page.locator(".hs-edition").count()).toBe(1);
  });

  step(
    "the shown phase downloads as a PNG and the match as an animated GIF",
    async () => {
      const { page } = viewer;
      const [png] = await Promise.all([page.waitForEvent("download"), byTestId(page, "picture-png").click()]);
      expect(png.suggestedFilename()).toBe(`entente-${theRecord().matchID}-1901-spring-movement.png`);
      const pngBytes = fs.readFileSync(await png.path());
      expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      fs.writeFileSync(path.join(SCREENSHOTS, "record-picture.png"), pngBytes);

      await page.evaluate(() => {
        const w = window as unknown as { longestTask: number };
        w.longestTask = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.longestTask = Math.max(w.longestTask, e.duration);
        }).observe({ type: "longtask" });
      });
      const [gif] = await Promise.all([
        page.waitForEvent("download", { timeout: 60_000 }),
        byTestId(page, "picture-gif").click(),
        visible(page, "picture-progress"), // the frames are counted while it encodes
      ]);
      const longest = await page.evaluate(() => (window as unknown as { longestTask: number }).longestTask);
      console.log(`record viewer: the longest task while the GIF encoded took ${Math.round(longest)} ms`);
      expect(longest, "the page never freezes for long").toBeLessThan(1000);
      expect(gif.suggestedFilename()).toBe(`entente-${theRecord().matchID}.gif`);
      const gifBytes = new Uint8Array(fs.readFileSync(await gif.path()));
      expect(String.fromCharCode(...gifBytes.subarray(0, 6))).toBe("GIF89a");
      const frames = gifFrameCount(gifBytes);
      expect(frames).toBe(theRecord().checkpoints.length + 1);
      expect(await readText(byTestId(page, "picture-status"))).toContain(`(${frames} frames)`);
      fs.writeFileSync(path.join(SCREENSHOTS, "record-replay.gif"), gifBytes);
      await viewer.context.setOffline(false);
    },
    120_000,
  );

  step("the History tab of the match itself offers the same pictures", async () => {
    const { page } = viewer;
    const matchID = theRecord().matchID;
    await page.goto(`${server.url}/watch/${matchID}`);
    await (await visible(page, "end-history")).click(); // the end screen's "Replay the history"
    await visible(page, "history-phase");
    const [png] = await Promise.all([page.waitForEvent("download"), byTestId(page, "picture-png").click()]);
    expect(png.suggestedFilename()).toMatch(new RegExp(`^entente-${matchID}-1901-[a-z]+-[a-z]+\\.png$`));
    const pngBytes = fs.readFileSync(await png.path());
    expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await visible(page, "picture-gif");
    await shoot(page, "record-history-tab");
  });

  step("a dropped file opens too; a record with one order altered shows Diverged", async () => {
    const { page } = viewer;
    await page.goto(`${server.url}/record`);
    await dropFile(page, "dropped.json", JSON.stringify(theRecord()));
    const verdict = await visible(page, "record-verdict");
    expect(await verdict.getAttribute("data-verdict")).toBe("match");
    expect(await readText(byTestId(page, "record-facts"))).toContain("dropped.json");
    await dropFile(page, "altered.json", JSON.stringify(withOneOrderAltered(theRecord())));
    await until(page, "the altered record's verdict", async () =>
      (await readText(byTestId(page, "record-facts"))).includes("altered.json"),
    );
    expect(await byTestId(page, "record-verdict").getAttribute("data-verdict")).toBe("diverged");
    expect(await readText(byTestId(page, "record-verdict"))).toMatch(
      /Diverged at Spring 1901, Movement: action \d+/,
    );
    await visible(page, "record-stopped");
    await shoot(page, "record-diverged", true);
  });

  step(
    "projector and phone sizes",
    async () => {
      const sizes: readonly { name: string; width: number; height: number; mobile: boolean }[] = [
        { name: "projector", width: 1920, height: 1080, mobile: false },
        { name: "phone", width: 390, height: 844, mobile: true },
      ];
      const file = saveFile("again.json", JSON.stringify(theRecord()));
      for (const size of sizes) {
        const other: Player = await open(size.name, {
          viewport: { width: size.width, height: size.height },
          isMobile: size.mobile,
          hasTouch: size.mobile,
        });
        await openWithPicker(other.page, file);
        expect(await byTestId(other.page, "record-verdict").getAttribute("data-verdict")).toBe("match");
        await visible(other.page, "history-phase");
        const overflow = await other.page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          const wide = [...document.querySelectorAll("body *")]
            .filter((el) => el.getBoundingClientRect().right > width + 1)
            .slice(0, 4)
            .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute("class") ?? ""}`);
          return { by: document.documentElement.scrollWidth - width, wide };
        });
        expect(overflow.by, `no sideways scrolling at ${size.name} (${overflow.wide.join(", ")})`).toBe(0);
        await shoot(other.page, `record-${size.name}`);
        await shoot(other.page, `record-${size.name}-full`, true);
        if (size.mobile) expect(await audit(other.page)).toEqual([]);
      }
    },
    120_000,
  );
});
