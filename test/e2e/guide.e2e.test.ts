/**
 * The How to play guide and its contextual help, in a real browser (issue 12, item 3): from the
 * landing page a player follows "How to play", sees the contents and every section, jumps to one;
 * back on the create form, the help on the rules preset opens by keyboard and by click and links
 * to the guide's section; on a phone (390 px) the guide and an open help scroll only vertically,
 * and the help opens by tap. Screenshots at 1280×800 and 390×844 go to test/e2e/screenshots/.
 */
import { describe, expect } from "vitest";
import { GUIDE_SECTIONS, signed } from "../../client/src/guide/help-text";
import { PERSONALITY_INFO } from "../../shared/src/bots/personality";
import { PRESETS } from "../../shared/src/trust/presets";
import { byTestId, e2eStory, setControl, shoot, until, visible, type Player } from "./support/harness";
import type { Page } from "playwright-core";

const { server, step, open } = e2eStory("guide-", {}, { stepTimeoutMs: 60_000 });
let desk: Player | null = null;
let phone: Player | null = null;

/** Whether the page scrolls sideways (its content is wider than the viewport). */
async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/** Whether the preset help is open. */
async function helpOpen(page: Page): Promise<boolean> {
  return page.evaluate(
    () =>
      document
        .querySelector<HTMLDetailsElement>('[data-testid="help-preset"]')
        ?.parentElement?.hasAttribute("open") ?? false,
  );
}

describe("the How to play guide", () => {
  step("from the landing page, How to play opens the guide with every section", async () => {
    desk = await open("desk", { viewport: { width: 1280, height: 800 } });
    const { page } = desk;
    await page.goto(`${server.url}/`);
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "How to play" }).count(),
    ).resolves.toBe(1);
    await (await visible(page, "landing-guide")).click();
    await visible(page, "guide-toc");
    expect(new URL(page.url()).pathname).toBe("/guide");
    const toc = byTestId(page, "guide-toc");
    for (const s of GUIDE_SECTIONS) {
      await expect(toc.getByRole("link", { name: s.title, exact: true }).count()).resolves.toBe(1);
      await expect(page.getByRole("heading", { level: 2, name: s.title, exact: true }).count()).resolves.toBe(
        1,
      );
    }
    // The presets and personalities are there, by name.
    for (const p of Object.values(PRESETS)) await visible(page, `guide-card-${p.id}`);
    await expect(byTestId(page, "guide-card-grudger").innerText()).resolves.toContain(
      PERSONALITY_INFO.grudger.description,
    );
    await shoot(page, "guide-1280");
    await shoot(page, "guide-1280-full", true);
  });

  step("a contents link jumps to its section", async () => {
    const { page } = desk!;
    await byTestId(page, "guide-toc").getByRole("link", { name: "Presets", exact: true }).click();
    await until(page, "the URL to name #presets", () =>
      Promise.resolve(new URL(page.url()).hash === "#presets"),
    );
    await until(page, "the Presets section at the top of the screen", async () =>
      page.evaluate(() => {
        const top = document.getElementById("presets")?.getBoundingClientRect().top ?? -1;
        return top >= 0 && top < 100;
      }),
    );
    await shoot(page, "guide-1280-presets");
  });

  step("on the create form, the preset help opens by keyboard and by click", async () => {
    const { page } = desk!;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New match" }).click();
    const select = await visible(page, "create-preset");
    await setControl(page, "create-preset", "liberal");
    await expect(page.getByText(PRESETS["liberal"]!.description, { exact: true }).count()).resolves.toBe(1);
    // Keyboard: the help follows the select in tab order; Enter opens it and Enter closes it.
    await select.focus();
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).resolves.toBe(
      "help-preset",
    );
    expect(await helpOpen(page)).toBe(false);
    await page.keyboard.press("Enter");
    await visible(page, "help-preset-text");
    const text = await byTestId(page, "help-preset-text").innerText();
    for (const p of Object.values(PRESETS)) expect(text).toContain(p.description);
    const link = byTestId(page, "help-preset-text").getByRole("link");
    await expect(link.getAttribute("href")).resolves.toBe("/guide#presets");
    await expect(link.getAttribute("target")).resolves.toBe("_blank");
    await shoot(page, "help-preset-1280");
    await page.keyboard.press("Enter");
    await until(page, "the help to close", async () => !(await helpOpen(page)));
    // Click: opens again.
    await byTestId(page, "help-preset").click();
    await visible(page, "help-preset-text");
    // A bot seat shows what its personality does, in words on the page.
    await setControl(page, "create-seat-1", "bot");
    await expect(byTestId(page, "create-bot-notes").innerText()).resolves.toContain(
      PERSONALITY_INFO.steady.description,
    );
    expect(desk!.problems).toEqual([]);
  });

  step("in an offline match, capacity and standing have their help", async () => {
    const { page } = desk!;
    await page.goto(`${server.url}/local`);
    await visible(page, "help-personality");
    await (await visible(page, "local-start")).click();
    await visible(page, "unit-lon");
    await (await visible(page, "tab-commitments")).click();
    await (await visible(page, "help-capacity")).click();
    await expect(byTestId(page, "help-capacity-text").innerText()).resolves.toContain("plus 1 for every");
    await shoot(page, "help-capacity-1280");
    // A commitment in force with France, then the notice dialog: its help says what notice does.
    await setControl(page, "propose-party-FRA", "true");
    await (await visible(page, "propose-text")).fill("We leave the Channel empty this year.");
    await (await visible(page, "propose-submit")).click();
    const notice = page.locator('[data-testid^="notice-c"]').first();
    await notice.waitFor({ state: "visible" });
    await notice.click();
    await (await visible(page, "help-notice")).click();
    await expect(byTestId(page, "help-notice-text").innerText()).resolves.toContain(
      `announced defection (${signed(PRESETS["default"]!.reputation.announcedDefection)} reputation)`,
    );
    await shoot(page, "help-notice-1280");
    await page.keyboard.press("Escape");
    await byTestId(page, "notice-confirm").waitFor({ state: "detached" });
    await (await visible(page, "tab-newspaper")).click();
    await (await visible(page, "help-standing")).click();
    await expect(byTestId(page, "help-standing-text").getByRole("link").getAttribute("href")).resolves.toBe(
      "/guide#reputation",
    );
    await byTestId(page, "help-standing-text").scrollIntoViewIfNeeded();
    await shoot(page, "help-standing-1280");
    expect(desk!.problems).toEqual([]);
  });

  step("on a phone, the guide and an open help scroll only vertically", async () => {
    phone = await open("phone", {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const { page } = phone;
    await page.goto(`${server.url}/guide`);
    await visible(page, "guide-toc");
    expect(await scrollsSideways(page)).toBe(false);
    await shoot(page, "guide-390");
    await shoot(page, "guide-390-full", true);
    // Opened from a help link, the guide lands on the section.
    await page.goto(`${server.url}/guide#capacity`);
    await until(page, "the Capacity section in view", async () =>
      page.evaluate(() => {
        const top = document.getElementById("capacity")?.getBoundingClientRect().top ?? -1;
        return top >= 0 && top < 120;
      }),
    );
    await shoot(page, "guide-390-capacity");
    for (const id of ["defections", "scoring", "personalities"]) {
      await page.locator(`#${id}`).scrollIntoViewIfNeeded();
      await page.evaluate((section) => document.getElementById(section)?.scrollIntoView(), id);
      await shoot(page, `guide-390-${id}`);
    }
    await page.goto(`${server.url}/`);
    await shoot(page, "landing-390");
    // The header keeps every link on screen, the guide's "?" included.
    const guideLink = page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "How to play" });
    const box = await guideLink.boundingBox();
    expect(box !== null && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    const help = await visible(page, "help-preset");
    await help.scrollIntoViewIfNeeded();
    await help.tap();
    await visible(page, "help-preset-text");
    await byTestId(page, "help-preset-text").scrollIntoViewIfNeeded();
    expect(await scrollsSideways(page)).toBe(false);
    await shoot(page, "help-preset-390");
    expect(phone.problems).toEqual([]);
  });
});
