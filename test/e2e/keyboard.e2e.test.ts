/**
 * Playing by keyboard alone (issue 13, item 7), in a real browser: Austria in an offline classic
 * match. With nothing but page.keyboard — Tab, the arrows and Enter — the player follows the skip
 * link to the board (one Tab stop), walks to the army in Vienna, selects it, walks to Galicia,
 * orders the move, and finds it in the orders list, with the focus still on the board. The key
 * presses are counted: the whole order takes fewer than 25. Also: Tab from the board leaves it in
 * one press (it is one stop, not 75), and the zoom keys work beside the arrows: + zooms, and an
 * arrow to a province out of view pans the board to show it.
 */
import { describe, expect } from "vitest";
import classicLayout from "../../assets/maps/classic.layout.json";
import { byTestId, e2eStory, readText, shoot, startLocalMatch, until, visible } from "./support/harness";

const ME = "AUS";

const {
  server,
  players: { player },
  step,
} = e2eStory("keyboard-", { player: {} }, { stepTimeoutMs: 60_000 });
/** Every key pressed in the story, in order. */
const pressed: string[] = [];

/** Presses a key, counting it. */
async function press(key: string): Promise<void> {
  pressed.push(key);
  await player.page.keyboard.press(key);
}

/** The focused element: its province (data-province) or test id, or its tag. */
async function focused(): Promise<{ province: string | null; testId: string | null; tag: string }> {
  return player.page.evaluate(() => {
    const el = document.activeElement;
    return {
      province: el?.getAttribute("data-province") ?? null,
      testId: el?.getAttribute("data-testid") ?? null,
      tag: el?.tagName.toLowerCase() ?? "",
    };
  });
}

/** Where a province's unit stands on the classic layout. */
function anchor(id: string): { x: number; y: number } {
  const spot = (classicLayout.provinces as Record<string, { x: number; y: number } | undefined>)[id];
  if (!spot) throw new Error(`no province ${id} on the classic layout`);
  return spot;
}

/** Walks the board's focus to `target` with the arrow keys, the way a sighted player would aim. */
async function walkTo(target: string, most: number): Promise<void> {
  const path: string[] = [];
  for (let i = 0; i < most; i++) {
    const at = (await focused()).province;
    expect(at, "the focus is on a province").not.toBeNull();
    path.push(at!);
    if (at === target) return;
    const from = anchor(at!);
    const to = anchor(target);
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    await press(
      Math.abs(dx) >= Math.abs(dy) ? (dx > 0 ? "ArrowRight" : "ArrowLeft") : dy > 0 ? "ArrowDown" : "ArrowUp",
    );
  }
  expect(
    (await focused()).province,
    `the focus reaches ${target} in ${most} presses (it went ${path.join(" ")})`,
  ).toBe(target);
}

describe("playing by keyboard alone", () => {
  step("Austria starts an offline classic match; the page is reloaded to start from the top", async () => {
    const { page } = player;
    await startLocalMatch(page, server.url, { map: "classic", power: ME, bots: "copycat" });
    await visible(page, "unit-vie", 30_000);
    await page.reload();
    await visible(page, "unit-vie", 30_000);
    const status = await visible(page, "local-status");
    await until(
      page,
      "the bots to finish (“Your move”)",
      async () => (await readText(status)).includes("Your move"),
      30_000,
    );
  });

  step("the first Tab shows the skip link; Enter puts the focus on the board", async () => {
    await press("Tab");
    expect((await focused()).testId).toBe("skip-board");
    expect(await byTestId(player.page, "skip-board").isVisible()).toBe(true);
    await shoot(player.page, "keyboard-01-skip-link");
    await press("Enter");
    expect((await focused()).province).not.toBeNull();
  });

  step(
    "the arrows reach Vienna; Enter selects the army; the arrows reach Galicia; Enter orders the move",
    async () => {
      await walkTo("vie", 10);
      await press("Enter");
      await until(
        player.page,
        "Vienna to be selected",
        async () => (await byTestId(player.page, "province-vie").getAttribute("aria-pressed")) === "true",
      );
      await shoot(player.page, "keyboard-02-selected");
      await walkTo("gal", 6);
      expect(await byTestId(player.page, "province-gal").getAttribute("aria-label")).toContain(
        "possible target",
      );
      await press("Enter");
      const row = byTestId(player.page, "order-row").filter({ hasText: "Galicia" });
      await until(
        player.page,
        "the move to Galicia in the orders list",
        async () => (await row.count()) === 1,
      );
      expect(await readText(row.first())).toContain("Vienna");
      // The focus stays where the player is.
      expect((await focused()).province).toBe("gal");
      await shoot(player.page, "keyboard-03-ordered");
      expect(pressed.length, `keys pressed: ${pressed.join(" ")}`).toBeLessThan(25);
    },
  );

  step(
    "+ zooms in without moving the focus; an arrow to a province out of view pans to show it",
    async () => {
      const { page } = player;
      const viewBox = async () => {
        const v = await page.locator(".mv-svg").first().getAttribute("viewBox");
        const [x = 0, y = 0, w = 0, h = 0] = (v ?? "").split(" ").map(Number);
        return { x, y, w, h };
      };
      const full = await viewBox();
      for (let i = 0; i < 3; i++) await page.keyboard.press("+");
      const zoomed = await viewBox();
      expect(zoomed.w).toBeLessThan(full.w / 2);
      expect((await focused()).province).toBe("gal");
      await shoot(page, "keyboard-04-zoomed");
      // Walk east until a province beyond the zoomed view's right edge has the focus.
      let at = "gal";
      for (let i = 0; i < 8 && anchor(at).x <= zoomed.x + zoomed.w; i++) {
        await page.keyboard.press("ArrowRight");
        at = (await focused()).province ?? at;
      }
      expect(anchor(at).x).toBeGreaterThan(zoomed.x + zoomed.w);
      const shown = await viewBox();
      expect(anchor(at).x).toBeLessThan(shown.x + shown.w);
      expect(anchor(at).x).toBeGreaterThan(shown.x);
      await shoot(page, "keyboard-05-panned");
      // Back to the whole board, and to Galicia for the next step.
      await page.keyboard.press("0");
      await walkTo("gal", 8);
    },
  );

  step("the board is one Tab stop: one Tab leaves it", async () => {
    await press("Tab");
    const after = await focused();
    expect(after.province).toBeNull();
    expect(after.tag).not.toBe("body");
    await press("Shift+Tab");
    expect((await focused()).province).toBe("gal");
  });
});

describe("at phone size", () => {
  step(
    "the skip link and the arrows work the same on a phone-sized screen; + zooms keeping the focus in view",
    async () => {
      const { page } = player;
      await page.setViewportSize({ width: 360, height: 740 });
      await page.reload();
      await visible(page, "unit-vie", 30_000);
      await page.keyboard.press("Tab");
      expect((await focused()).testId).toBe("skip-board");
      await page.keyboard.press("Enter");
      expect((await focused()).province).not.toBeNull();
      await walkTo("bud", 10);
      await shoot(page, "keyboard-06-phone");
      for (let i = 0; i < 3; i++) await page.keyboard.press("+");
      await shoot(page, "keyboard-07-phone-zoomed");
      expect((await focused()).province).toBe("bud");
      // The zoom kept Budapest in view.
      const v = await page.locator(".mv-svg").first().getAttribute("viewBox");
      const [x = 0, y = 0, w = 0, h = 0] = (v ?? "").split(" ").map(Number);
      expect(w).toBeLessThan(500);
      const bud = anchor("bud");
      expect(
        bud.x > x && bud.x < x + w && bud.y > y && bud.y < y + h,
        `Budapest inside the view ${v ?? ""}`,
      ).toBe(true);
    },
  );
});
