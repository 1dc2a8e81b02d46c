/**
 * The end of an offline match, in real browsers (Debian's Chromium via playwright-core): an Amber
 * match against bots, played to its year limit by the offline engine in node (the human only says
 * Ready), is put in the browser's storage as the match in progress and opened. The end screen
 * names the year limit and shows every power's score as the match stored it, on a desktop and on a
 * phone. Play again asks first — "Keep this one" keeps the finished match — and then starts a new
 * match with the same map, power, bots and year limit, keeping the finished one in the list.
 *
 * The truth the screens are checked against is the match in localStorage (`entente.local.match.<id>` of `entente.local.current`). Each
 * step is one test; after a failure the later ones are skipped and the screens are saved.
 */
import { describe, expect } from "vitest";
import type { LocalMatch } from "../../client/src/local/engine";
import { finishedLocalMatch } from "../support/finished-local";
import {
  byTestId,
  e2eStory,
  localMatchIds,
  readText,
  shoot,
  until,
  visible,
  type Player,
} from "./support/harness";

const FINISHED = finishedLocalMatch(
  { mapId: "amber", human: "SEL", bots: { ORO: "steady" }, yearLimit: 1902, seed: "e2e-end" },
  1_700_000_000_000,
);

const {
  server,
  players: { desk, phone },
  step,
} = e2eStory(
  "local-end-",
  {
    desk: {},
    phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  },
  { stepTimeoutMs: 60_000 },
);

/** The match the page keeps in localStorage. */
async function stored(p: Player): Promise<LocalMatch | null> {
  const raw = await p.page.evaluate(() => {
    const id = localStorage.getItem("entente.local.current");
    return id === null ? null : localStorage.getItem(`entente.local.match.${id}`);
  });
  return raw === null ? null : (JSON.parse(raw) as LocalMatch);
}

/** Opens the finished match as the match in progress. */
async function openFinished(p: Player): Promise<void> {
  await p.page.goto(`${server.url}/`);
  await p.page.evaluate((m) => localStorage.setItem("entente.local", m), JSON.stringify(FINISHED));
  await p.page.goto(`${server.url}/local/play`);
  await visible(p.page, "end-screen", 30_000);
}

describe("the end of an offline match", () => {
  step("the end screen names the year limit and shows every power's stored score", async () => {
    const result = FINISHED.state.result!;
    expect(result.kind).toBe("year-limit");
    for (const p of [desk, phone]) {
      await openFinished(p);
      expect(await readText(await visible(p.page, "end-title"))).toBe("The year limit");
      expect(await readText(await visible(p.page, "game-result"))).toBe("The year limit was reached.");
      for (const power of FINISHED.state.powers)
        expect(Number(await readText(await visible(p.page, `end-score-${power}`)))).toBe(
          result.scores[power],
        );
      expect(await readText(await visible(p.page, "local-status"))).toContain("Game over");
    }
    await shoot(desk.page, "local-end-01-desktop");
    await shoot(desk.page, "local-end-01b-desktop-full", true);
    await shoot(phone.page, "local-end-02-phone");
    await shoot(phone.page, "local-end-02b-phone-full", true);
  });

  step("play again asks first; keeping the finished match keeps it", async () => {
    const { page } = desk;
    await (await visible(page, "end-play-again")).click();
    const confirm = await visible(page, "end-play-again-confirm");
    await until(page, "the focus on the confirmation", async () =>
      page.evaluate(() => document.activeElement?.getAttribute("data-testid") === "end-play-again-confirm"),
    );
    await shoot(page, "local-end-03-desktop-confirm");
    expect(await confirm.isVisible()).toBe(true);
    await page.getByRole("button", { name: "Keep this one" }).click();
    expect(await byTestId(page, "end-play-again-confirm").count()).toBe(0);
    expect((await stored(desk))?.id).toBe(FINISHED.id);
  });

  step("play again starts a new match with the same setup, and the finished one stays kept", async () => {
    const { page } = desk;
    await (await visible(page, "end-play-again")).click();
    await (await visible(page, "end-play-again-confirm")).click();
    let next: LocalMatch | null = null;
    await until(page, "a new match to be saved", async () => {
      next = await stored(desk);
      return next !== null && next.id !== FINISHED.id;
    });
    const m = next!;
    expect(m.state.result).toBeNull();
    expect([m.human, m.bots, m.tactics, m.state.settings]).toEqual([
      FINISHED.human,
      FINISHED.bots,
      FINISHED.tactics,
      FINISHED.state.settings,
    ]);
    await until(page, "the end screen to go", async () => (await byTestId(page, "end-screen").count()) === 0);
    const label = await visible(page, "phase-label");
    await until(page, "the new match's first phase", async () =>
      (await readText(label)).includes("Spring 1901"),
    );
    await visible(page, "unit-ska");
    const ids = await localMatchIds(page);
    expect(ids).toEqual(expect.arrayContaining([FINISHED.id, m.id]));
    await shoot(page, "local-end-04-desktop-new-match");
  });
});
