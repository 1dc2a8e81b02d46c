/**
 * Accessibility audit in a real browser (issue 13, item 7): axe-core runs on the landing page, the
 * guide, the record page (/record), the offline setup and the offline game, "My games", the join
 * page of a match (before and after a form error), its watch page and the game screen of a seat (each tab of it), and no
 * violation of impact "serious" or "critical" may remain. The failure message lists every such
 * violation with the elements it found. Every page is audited at desktop size (1280×800) and at
 * phone size (360×740), and has exactly one main landmark. Also checked: the create form's seat
 * pickers are named by their power; a missing name marks the name field invalid, points it at the
 * error and focuses it (create and join forms); after a proposal is sent the focus rests on the line
 * saying so, not on the page.
 *
 * Nothing is excluded from the audit.
 */
import { describe, expect, it } from "vitest";
import { NAME_MISSING } from "../../client/src/app/names";
import {
  audit,
  byTestId,
  e2eStory,
  fillCreateForm,
  type GameTab,
  openTab,
  setControl,
  submitCreateForm,
  until,
  visible,
} from "./support/harness";
import type { Page } from "playwright-core";

const {
  server,
  players: { host, stranger },
} = e2eStory("a11y-", { host: {}, stranger: {} });
let matchID = "";
let invite = "";

/** The sizes every page is audited at: desktop, then phone. */
const SIZES: readonly { readonly name: string; readonly width: number; readonly height: number }[] = [
  { name: "1280×800", width: 1280, height: 800 },
  { name: "360×740", width: 360, height: 740 },
];

/**
 * Runs axe on the page at each of SIZES (ending at desktop size); the violations, tagged by size.
 * A page without exactly one main landmark counts as one too.
 */
async function auditSizes(page: Page): Promise<string[]> {
  const found: string[] = [];
  const mains = await page.locator("main, [role=main]").count();
  if (mains !== 1) found.push(`the page has ${mains} main landmarks, not one`);
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.waitForFunction((w) => window.innerWidth === w, size.width);
    for (const line of await audit(page)) found.push(`[${size.name}] ${line}`);
  }
  await page.setViewportSize({ width: SIZES[0]!.width, height: SIZES[0]!.height });
  return found;
}

/** The name field `id` is invalid, described by the form's error (the missing-name one), and focused. */
async function expectNameError(page: Page, id: string): Promise<void> {
  const field = byTestId(page, id);
  await until(
    page,
    `${id} to be marked invalid`,
    async () => (await field.getAttribute("aria-invalid")) === "true",
  );
  const described = await field.getAttribute("aria-describedby");
  expect(described).not.toBeNull();
  expect(await page.locator(`#${described ?? ""}`).textContent()).toBe(NAME_MISSING);
  expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? null)).toBe(id);
}

describe("axe finds no serious or critical violation", () => {
  it("on the landing page", async () => {
    await host.page.goto(`${server.url}/`);
    await visible(host.page, "create-submit");
    expect(await auditSizes(host.page)).toEqual([]);
  }, 60_000);

  it("the create form: seat pickers named by power; a missing name marks the field and takes focus", async () => {
    const { page } = host;
    await setControl(page, "create-map", "amber");
    await setControl(page, "create-players", "3");
    expect(await byTestId(page, "create-seat-1").getAttribute("aria-label")).toMatch(
      /^[A-Z][a-z]+: who plays$/,
    );
    await setControl(page, "create-seat-1", "bot");
    expect(await byTestId(page, "create-bot-1").getAttribute("aria-label")).toMatch(
      /^[A-Z][a-z]+ bot personality$/,
    );
    await setControl(page, "create-name", "");
    await (await visible(page, "create-submit")).click();
    await expectNameError(page, "create-name");
    await setControl(page, "create-name", "Ada");
    expect(await byTestId(page, "create-name").getAttribute("aria-invalid")).toBeNull();
  }, 60_000);

  it("on the guide", async () => {
    await host.page.goto(`${server.url}/guide`);
    await host.page.locator("h1").waitFor();
    expect(await auditSizes(host.page)).toEqual([]);
  }, 60_000);

  it("on the record page (/record)", async () => {
    await host.page.goto(`${server.url}/record`);
    await visible(host.page, "record-drop");
    expect(await auditSizes(host.page)).toEqual([]);
  }, 60_000);

  it("on the offline setup and the offline game", async () => {
    const { page } = host;
    await page.goto(`${server.url}/local`);
    await visible(page, "local-start");
    expect(await auditSizes(page)).toEqual([]);
    await (await visible(page, "local-start")).click();
    await visible(page, "phase-label", 30_000);
    expect(await auditSizes(page)).toEqual([]);
  }, 90_000);

  it("on My games with no games", async () => {
    await stranger.page.goto(`${server.url}/mine`);
    await stranger.page.locator("h1").waitFor();
    expect(await auditSizes(stranger.page)).toEqual([]);
  }, 60_000);

  it("on the game screen of a seat, every tab", async () => {
    const { page } = host;
    await fillCreateForm(page, server.url, {
      ...{ map: "amber", players: 3, seats: ["human", "open", "bot"], name: "Alice" },
      timing: "live",
    });
    ({ invite, matchID } = await submitCreateForm(page));
    await (await visible(page, "go-to-match")).click();
    await page.waitForURL(`**/m/${matchID}`);
    await visible(page, "phase-label", 30_000);
    const found: string[] = [];
    for (const tab of ["orders", "press", "commitments", "newspaper", "history"] as GameTab[]) {
      await openTab(host, tab);
      for (const line of await auditSizes(page)) found.push(`[${tab}] ${line}`);
    }
    expect(found).toEqual([]);
  }, 120_000);

  it("after proposing a commitment, the focus is on the news that it was sent, not on the page", async () => {
    const { page } = host;
    await openTab(host, "commitments");
    const partner = page.locator('[data-testid^="propose-party-"]:not([disabled])').first();
    const partnerId = ((await partner.getAttribute("data-testid")) ?? "").replace("propose-party-", "");
    await partner.check();
    await (await visible(page, "propose-text")).fill("We keep the peace this year.");
    await (await visible(page, "propose-submit")).focus();
    await page.keyboard.press("Enter");
    await until(
      page,
      "the focus to move to the sent line",
      async () =>
        (await page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? null)) ===
        "propose-sent",
    );
    const sent = (await byTestId(page, "propose-sent").textContent()) ?? "";
    expect(sent).toMatch(/^Proposal sent to [A-Z][a-z]+ — see “Your proposals”\.$/);
    expect(partnerId).not.toBe("");
    expect(await auditSizes(page)).toEqual([]);
  }, 60_000);

  it("on the join page of a match", async () => {
    expect(invite).not.toBe("");
    await stranger.page.goto(invite);
    await visible(stranger.page, "join-submit");
    expect(await auditSizes(stranger.page)).toEqual([]);
    // A missing name: the field is marked, described by the error, and focused.
    await setControl(stranger.page, "join-name", "");
    await (await visible(stranger.page, "join-submit")).click();
    await expectNameError(stranger.page, "join-name");
    expect(await auditSizes(stranger.page)).toEqual([]);
  }, 60_000);

  it("on the watch page of a match", async () => {
    await stranger.page.goto(`${server.url}/watch/${matchID}`);
    await visible(stranger.page, "phase-label", 30_000);
    expect(await auditSizes(stranger.page)).toEqual([]);
  }, 60_000);

  it("on My games with a game", async () => {
    await host.page.goto(`${server.url}/mine`);
    await host.page.locator("h1").waitFor();
    expect(await auditSizes(host.page)).toEqual([]);
  }, 60_000);
});
