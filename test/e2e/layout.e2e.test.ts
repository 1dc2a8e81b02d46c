/**
 * A layout that fits (issue 13, item 5), in real browsers (Debian's Chromium via playwright-core)
 * against the real server. Alice, on a 360×740 phone, makes a classic match (one seat open, so the
 * phase waits for it, and five bots). She taps a unit on the board and picks its move from the
 * choices shown right under the board, orders every unit, opens the Press tab and says she is
 * ready from the ready bar there; her power is shown ready. At 360, 390, 1280 and 1920 px wide,
 * nothing spills sideways and the five tabs, the powers strip and the whole board are on screen;
 * the same holds for an offline match at /local. Screenshots at 360, 390 and 1280 px.
 *
 * Each step is one test; after a failure the later ones are skipped and the screens are saved.
 */
import { describe, expect } from "vitest";
import type { Page } from "playwright-core";
import type { PowerId } from "../../shared/src";
import {
  byTestId,
  e2eStory,
  fillCreateForm,
  openTab,
  readText,
  shoot,
  storedSeats,
  submitCreateForm,
  until,
  untilStored,
  visible,
  type Player,
} from "./support/harness";

const ALICE = { name: "Alice", power: "AUS" as PowerId };
const SEATS = ["human", "open", "bot", "bot", "bot", "bot", "bot"];
const TABS = ["orders", "press", "commitments", "newspaper", "history"] as const;
const PHONE = { width: 360, height: 740 };
const SIZES = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

const {
  server,
  players: { phone },
  step,
  open,
} = e2eStory("layout-", { phone: { viewport: PHONE, isMobile: true, hasTouch: true } });
let desk: Player | null = null;
let matchID = "";

/** What sticks out of the viewport, in words (nothing: []). */
async function cutOff(page: Page, ids: readonly string[]): Promise<string[]> {
  return page.evaluate((testIds) => {
    const problems: string[] = [];
    const { innerWidth, innerHeight } = window;
    const root = document.documentElement;
    if (root.scrollWidth > innerWidth) {
      // Name the outermost elements that stick out, to say what to fix.
      const out = [...document.body.querySelectorAll<HTMLElement>("*")].filter(
        (el) => el.getBoundingClientRect().right > innerWidth + 0.5,
      );
      const outer = out.filter((el) => !out.some((o) => o !== el && o.contains(el) && o !== document.body));
      const names = outer.slice(0, 3).map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
      problems.push(`the page is ${root.scrollWidth} px wide (${names.join(", ")})`);
    }
    for (const id of testIds) {
      const el = document.querySelector(`[data-testid="${id}"]`);
      if (!el) {
        problems.push(`${id} is missing`);
        continue;
      }
      const r = el.getBoundingClientRect();
      const top = r.top + window.scrollY; // where it is on the page, not after scrolling
      if (r.left < -0.5 || r.right > innerWidth + 0.5)
        problems.push(`${id} spans ${Math.round(r.left)}–${Math.round(r.right)} of ${innerWidth} px`);
      if (top < -0.5 || top + r.height > innerHeight + 0.5)
        problems.push(`${id} spans ${Math.round(top)}–${Math.round(top + r.height)} of ${innerHeight} px`);
    }
    return problems;
  }, ids);
}

/** Whether an element lies wholly inside the viewport as it is scrolled now. */
async function onScreen(page: Page, id: string): Promise<boolean> {
  const box = await byTestId(page, id).first().boundingBox();
  const size = page.viewportSize();
  if (box === null || size === null) return false;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height;
}

/** The parts of the game screen that must fit in the viewport, the whole board among them. */
const GAME_PARTS = ["board", "powers-strip", ...TABS.map((t) => `tab-${t}`)];

/** Sets each size in turn and checks that nothing is cut off; shoots the phone and laptop sizes. */
async function checkSizes(page: Page, name: string, parts: readonly string[]): Promise<void> {
  const found: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.evaluate(() => window.scrollTo(0, 0));
    await until(page, `the layout at ${size.width} px`, async () =>
      page.evaluate((w) => window.innerWidth === w, size.width),
    );
    await shoot(page, `layout-${name}-${size.width}`);
    found.push(...(await cutOff(page, parts)).map((p) => `${size.width}×${size.height}: ${p}`));
  }
  expect(found, `cut off on ${name}`).toEqual([]);
}

describe("every screen fits from a phone to a wide desktop; Ready from every tab", () => {
  step("on a phone, Alice makes a classic match with five bots and one open seat", async () => {
    const { page } = phone;
    await fillCreateForm(page, server.url, {
      ...{ map: "classic", players: 7, seats: SEATS, name: ALICE.name },
      timing: "slow",
    });
    expect(await cutOff(page, []), "the landing page at 360 px").toEqual([]);
    await shoot(page, "layout-landing-360");
    ({ matchID } = await submitCreateForm(page));
    await (await visible(page, "go-to-match")).click();
    await page.waitForURL(`**/m/${matchID}`);
    await visible(page, "phase-label", 30_000);
    await visible(page, "unit-vie");
    await shoot(page, "layout-game-phone-start");
  });

  step("she taps a unit on the board and picks its move from the choices under it", async () => {
    const { page } = phone;
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const unit of ["vie", "bud", "tri"]) {
      await (await visible(page, `unit-${unit}`)).tap();
      const choices = await visible(page, "choice-bar");
      expect(await onScreen(page, "choice-bar"), "the choices are on screen without scrolling").toBe(true);
      // The unit stays in sight above the choices, so its targets can be tapped on the board too.
      const unitBox = await byTestId(page, `unit-${unit}`).boundingBox();
      const barBox = await choices.boundingBox();
      expect(
        unitBox !== null && barBox !== null && unitBox.y >= 0 && unitBox.y + unitBox.height <= barBox.y,
      ).toBe(true);
      if (unit === "vie") await shoot(page, "layout-game-360-choices");
      const pick = choices.locator('[data-testid="choice"]').first();
      expect(await pick.isVisible()).toBe(true);
      await pick.tap();
      // Focus stays with the player (on the ready bar's button here), never on the page's body.
      await until(page, "the focus to stay off the page's body", async () =>
        page.evaluate(() => document.activeElement !== null && document.activeElement !== document.body),
      );
    }
    await untilStored(
      server,
      matchID,
      "Alice's three orders",
      (g) => (g.orders[ALICE.power] ?? []).length === 3,
    );
    await until(page, "the ready bar to count three of three", async () =>
      (await readText(byTestId(page, "ready-bar"))).includes("3 of 3"),
    );
  });

  step("she opens the Press tab and says she is ready from there; her power is shown ready", async () => {
    const { page } = phone;
    await openTab(phone, "press");
    const ready = await visible(page, "ready-bar-button");
    expect(await onScreen(page, "ready-bar"), "the ready bar is on screen").toBe(true);
    await shoot(page, "layout-game-360-press");
    await ready.tap();
    await untilStored(server, matchID, "Alice to be ready", (g) => g.ready[ALICE.power] === true);
    await until(page, "the ready bar to say she is ready", async () =>
      (await readText(byTestId(page, "ready-bar"))).includes("Ready ✓"),
    );
    await visible(page, `ready-mark-${ALICE.power}`);
    await shoot(page, "layout-game-360-ready");
  });

  step("the board's names stay legible on a phone, zoomed out and zoomed in", async () => {
    const { page } = phone;
    await page.evaluate(() => window.scrollTo(0, 0));
    /** The number of names drawn and the smallest one's height on screen. */
    const labels = () =>
      page.evaluate(() => {
        const heights = [...document.querySelectorAll(".mv-label")].map(
          (t) => t.getBoundingClientRect().height,
        );
        return { count: heights.length, smallest: Math.min(...heights) };
      });
    const out = await labels();
    expect(out.count).toBeGreaterThan(20);
    expect(out.smallest, "the smallest name's height in CSS px, zoomed out").toBeGreaterThanOrEqual(11);
    await (await visible(page, "map-zoom-in")).tap();
    await (await visible(page, "map-zoom-in")).tap();
    await until(page, "more names once zoomed in", async () => (await labels()).count > out.count);
    expect((await labels()).smallest, "zoomed in").toBeGreaterThanOrEqual(11);
    await shoot(page, "layout-game-360-zoomed");
    await (await visible(page, "map-reset")).tap();
  });

  step("the game screen fits at 360, 390, 1280 and 1920 px, on the phone and on a desktop", async () => {
    await checkSizes(phone.page, "game-phone", GAME_PARTS);
    // A desktop browser holding the same seat.
    const seats = await storedSeats(phone.page);
    desk = await open("desk");
    const { page } = desk;
    await page.goto(`${server.url}/`);
    await page.evaluate((held) => localStorage.setItem("entente.seats", held), JSON.stringify(seats));
    await page.goto(`${server.url}/m/${matchID}`);
    await visible(page, "unit-vie", 30_000);
    await openTab(desk, "orders");
    await checkSizes(page, "game", GAME_PARTS);
    for (const size of [SIZES[2], PHONE]) {
      await page.setViewportSize(size);
      for (const tab of TABS) {
        await openTab(desk, tab);
        expect(await onScreen(page, "ready-bar"), `the ready bar with the ${tab} tab open`).toBe(true);
        expect(await cutOff(page, []), `the ${tab} tab at ${size.width} px`).toEqual([]);
        const spill = await page.evaluate(() => {
          const panel = document.getElementById("tab-panel");
          return panel === null ? 0 : panel.scrollWidth - panel.clientWidth;
        });
        expect(spill, `the ${tab} tab's panel spills sideways`).toBeLessThanOrEqual(0);
        if (tab === "history" || tab === "commitments") await shoot(page, `layout-game-${size.width}-${tab}`);
      }
    }
  });

  step("on a desktop, the keyboard stays with the player after each order", async () => {
    const { page } = desk!;
    await page.setViewportSize(SIZES[2]);
    // The Orders tab: the second unit's order cleared, an order given from the first unit's row
    // moves the focus to the next unit without an order, the second.
    await openTab(desk!, "orders");
    const rows = page.locator("#tab-panel [data-unit]");
    const second = await rows.nth(1).getAttribute("data-unit");
    await rows.nth(1).click();
    await page.locator("#tab-panel .editor").getByRole("button", { name: "Clear this order" }).click();
    await rows.first().click();
    await page.locator('#tab-panel [data-testid="choice"]').first().focus();
    await page.keyboard.press("Enter");
    await until(page, "the focus on the row of the unit without an order", async () =>
      page.evaluate((want) => (document.activeElement as HTMLElement | null)?.dataset.unit === want, second),
    );
    // Another tab: a unit clicked on the board offers its choices under the board.
    await openTab(desk!, "press");
    await (await visible(page, "unit-vie")).click();
    const bar = await visible(page, "choice-bar");
    expect(await onScreen(page, "choice-bar")).toBe(true);
    await shoot(page, "layout-game-1280-choices");
    await bar.locator('[data-testid="choice"]').first().focus();
    await page.keyboard.press("Enter");
    await until(page, "the focus on the ready bar's button", async () =>
      page.evaluate(() => document.activeElement?.id === "ready-bar-button"),
    );
    await byTestId(page, "choice-bar").waitFor({ state: "detached" });
  });

  step("an offline match at /local fits at every size", async () => {
    const { page } = phone;
    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}/local`);
    await visible(page, "local-start");
    await checkSizes(page, "local-setup", []); // a long form: it scrolls, but never sideways
    await page.setViewportSize(PHONE);
    await (await visible(page, "local-start")).click();
    await page.waitForURL("**/local/play");
    await visible(page, "unit-lon", 30_000);
    await until(page, "the bots to finish their turns", async () =>
      (await readText(byTestId(page, "local-status"))).includes("Your move"),
    );
    await checkSizes(page, "local-game", GAME_PARTS);
  });
});
