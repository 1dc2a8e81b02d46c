/**
 * Playing offline against bots, in a real browser (Debian's Chromium via playwright-core): the
 * landing page leads to `/local`, where England takes on six copycat bots on the classic map. Once
 * the page has loaded the browser goes offline, and the whole match goes on without the server:
 * orders by the map and by the notation box, a pact proposed to France and signed by the bot, a
 * private letter and a leak of France's answer, Ready, the bots' turns, the phase resolving into
 * Fall 1901 with a newspaper edition. Not one request leaves the page meanwhile. Back online, a
 * reload finds the match where it was, and `/local` offers to resume it. A phone-sized browser
 * sets up and plays an Amber match, with one bot of another personality.
 *
 * The truth the screens are checked against is the match the page saved in localStorage
 * (`entente.local.match.<id>` of `entente.local.current`). Each step is one test; after a failure the later ones are skipped and the
 * screens are saved as `fail-…` screenshots. Every wait is bounded.
 */
import { beforeAll, describe, expect } from "vitest";
import type { LocalMatch } from "../../client/src/local/engine";
import {
  byTestId,
  e2eStory,
  openTab,
  readText,
  setControl,
  shoot,
  until,
  visible,
  type Player,
} from "./support/harness";

const ME = "ENG";
const PARTNER = "FRA";
const PACT_TEXT = "We leave the Channel empty this year.";
const LETTER = "Belgium is yours if the Channel stays empty.";

const {
  server,
  players: { player },
  step,
  open,
} = e2eStory("local-", { player: {} }, { stepTimeoutMs: 60_000 });
let phone: Player | null = null;
let pactId = "";
/** Requests the page made while the browser was offline (there must be none). */
const offlineRequests: string[] = [];
let offline = false;

beforeAll(() => {
  player.page.on("request", (request) => {
    const url = request.url();
    if (offline && !url.startsWith("data:") && !url.startsWith("blob:")) offlineRequests.push(url);
  });
});

/** The match the page keeps in localStorage. */
async function stored(p: Player = player): Promise<LocalMatch | null> {
  const raw = await p.page.evaluate(() => {
    const id = localStorage.getItem("entente.local.current");
    return id === null ? null : localStorage.getItem(`entente.local.match.${id}`);
  });
  return raw === null ? null : (JSON.parse(raw) as LocalMatch);
}

/** Waits until the stored match satisfies `check`; returns it. */
async function untilSaved(what: string, check: (m: LocalMatch) => boolean, p: Player = player) {
  let last: LocalMatch | null = null;
  await until(
    p.page,
    what,
    async () => {
      last = await stored(p);
      return last !== null && check(last);
    },
    20_000,
  );
  return last!;
}

/** Waits until the phase label names `season` and `year`. */
async function phaseLabelShows(p: Player, season: string, year: number): Promise<void> {
  const label = await visible(p.page, "phase-label");
  await until(
    p.page,
    `the phase label to show ${season} ${year} (it shows "${await readText(label)}")`,
    async () => {
      const text = (await readText(label)).toLowerCase();
      return text.includes(season) && text.includes(String(year));
    },
    20_000,
  );
}

/** Waits until the bots are done and the table waits for the human. */
async function yourMove(p: Player): Promise<void> {
  const status = await visible(p.page, "local-status");
  await until(p.page, "the bots to finish their turns (“Your move”)", async () =>
    (await readText(status)).includes("Your move"),
  );
}

describe("offline play against bots", () => {
  step("the landing page leads to /local, where England starts a match against copycat bots", async () => {
    const { page } = player;
    await page.goto(`${server.url}/`);
    await (await visible(page, "play-offline")).click();
    await page.waitForURL("**/local");
    await setControl(page, "local-map", "classic");
    await setControl(page, "local-power", ME);
    await setControl(page, "local-bots", "copycat");
    await setControl(page, "local-year-limit", "1910");
    await shoot(page, "local-01-setup");
    await (await visible(page, "local-start")).click();
    await page.waitForURL("**/local/play");
    await phaseLabelShows(player, "spring", 1901);
    await visible(page, "unit-lon");
    await yourMove(player);
    const m = await stored();
    expect(m?.human).toBe(ME);
    expect(Object.values(m?.bots ?? {})).toEqual(Array(6).fill("copycat"));
    expect(m?.state.settings.yearLimit).toBe(1910);
    // Every bot took its turn and is ready; England is not.
    for (const p of m!.state.powers) expect(m!.state.ready[p]).toBe(p !== ME);
    await shoot(page, "local-02-game");
  });

  step("offline: orders by the map and by the notation box are kept", async () => {
    const { page, context } = player;
    await context.setOffline(true);
    offline = true;
    await openTab(player, "orders");
    await (await visible(page, "unit-lon")).click();
    await (await visible(page, "province-nth")).click();
    await untilSaved("F lon - nth to be saved", (m) =>
      (m.state.orders[ME] ?? []).some(
        (o) => o.kind === "move" && o.unit.location === "lon" && o.to === "nth",
      ),
    );
    await (await visible(page, "orders-text")).fill("A lvp - yor; F edi - nwg");
    await (await visible(page, "orders-text-submit")).click();
    await untilSaved("three orders to be saved", (m) => (m.state.orders[ME] ?? []).length === 3);
    await visible(page, "orders-saved");
    expect(await byTestId(page, "order-row").count()).toBeGreaterThanOrEqual(3);
    // An illegal order is refused on the spot, and nothing changes.
    const box = await visible(page, "orders-text");
    await box.fill("A lvp - mos");
    await (await visible(page, "orders-text-submit")).click();
    await until(
      page,
      "the notation box to refuse A lvp - mos",
      async () => (await box.getAttribute("aria-invalid")) === "true",
    );
    expect((await stored())?.state.orders[ME]).toHaveLength(3);
    await shoot(page, "local-03-orders");
  });

  step("offline: a pact proposed to France is signed by the bot", async () => {
    const { page } = player;
    await openTab(player, "commitments");
    await setControl(page, `propose-party-${PARTNER}`, "true");
    await (await visible(page, "propose-text")).fill(PACT_TEXT);
    await setControl(page, "propose-visibility", "public");
    await (await visible(page, "propose-submit")).click();
    const m = await untilSaved("the proposal and France's answer", (s) =>
      s.state.commitments.some(
        (c) => c.proposer === ME && c.parties.includes(PARTNER) && c.status !== "proposed",
      ),
    );
    const pact = m.state.commitments.find((c) => c.proposer === ME && c.parties.includes(PARTNER))!;
    expect(pact.status).toBe("active");
    pactId = pact.id;
    const card = await visible(page, `commitment-${pactId}`);
    await until(page, "the pact to show as in force", async () =>
      (await readText(card)).includes("In force"),
    );
    await byTestId(page, `accept-${pactId}`).waitFor({ state: "detached" });
    await card.scrollIntoViewIfNeeded();
    await shoot(page, "local-04-pact");
  });

  step(
    "offline: a private letter to France shows in the press, and France's answer can be leaked",
    async () => {
      const { page } = player;
      await openTab(player, "press");
      await setControl(page, `press-to-${PARTNER}`, "true");
      await (await visible(page, "press-text")).fill(LETTER);
      await (await visible(page, "press-send")).click();
      await byTestId(page, "press-message").filter({ hasText: LETTER }).first().waitFor();
      const m = await untilSaved("the letter in G.messages", (s) =>
        s.state.messages.some((x) => x.text === LETTER),
      );
      // France's answer to the pact is in the same conversation; leaking it is a `leak` action naming it.
      const answer = m.state.messages.find((x) => x.from === PARTNER && x.to.includes(ME))!;
      expect(answer).toBeDefined();
      await (await visible(page, `leak-${answer.id}`)).click();
      await (await visible(page, "leak-confirm")).click();
      await untilSaved("the leak to be pending", (s) =>
        s.state.leaks.some((l) => l.by === ME && l.messageId === answer.id),
      );
      await shoot(page, "local-05-press");
    },
  );

  step("offline: Ready resolves the phase into Fall 1901 and the paper has an edition", async () => {
    const { page } = player;
    await openTab(player, "orders");
    await (await visible(page, "ready-toggle")).click();
    await phaseLabelShows(player, "fall", 1901);
    const m = await untilSaved("fall 1901", (s) => s.state.position.season === "fall");
    expect(m.state.editions).toHaveLength(1);
    const leaked = m.state.editions[0]!.articles.some(
      (a) => a.event.type === "leak" && a.event.leaker === ME,
    );
    expect(leaked, "the leak printed in the paper").toBe(true);
    expect(m.state.position.units.some((u) => u.power === ME && u.location === "nth")).toBe(true);
    await yourMove(player);
    await shoot(page, "local-06-fall");
    await openTab(player, "newspaper");
    await visible(page, "edition");
    await visible(page, "headline");
    await shoot(page, "local-07-newspaper");
    expect(offlineRequests, "requests made while offline").toEqual([]);
  });

  step("back online, a reload finds the match where it was, and /local offers to resume it", async () => {
    const { page, context } = player;
    offline = false;
    await context.setOffline(false);
    await page.reload();
    await phaseLabelShows(player, "fall", 1901);
    await openTab(player, "commitments");
    const card = await visible(page, `commitment-${pactId}`);
    expect(await readText(card)).toContain("In force");
    await (await visible(page, "local-menu")).click();
    await page.waitForURL("**/local");
    const saved = await visible(page, "local-saved");
    expect((await readText(saved)).toLowerCase()).toContain("fall 1901");
    await shoot(page, "local-08-resume");
    const id = (await stored())!.id;
    await (await visible(page, `local-resume-${id}`)).click();
    await page.waitForURL("**/local/play");
    await phaseLabelShows(player, "fall", 1901);
  });

  step("a phone-sized browser sets up and plays an Amber match", async () => {
    phone = await open("phone", {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const { page } = phone;
    await page.goto(`${server.url}/`);
    await shoot(page, "local-10-phone-landing");
    await (await visible(page, "play-offline")).tap();
    await page.waitForURL("**/local");
    await setControl(page, "local-map", "amber");
    await setControl(page, "local-bots", "grudger");
    // One power gets a bot of its own.
    await (await visible(page, "local-per-seat")).tap();
    const seats = page.locator('[data-testid^="local-bot-"]');
    await seats.first().waitFor();
    const odd = ((await seats.first().getAttribute("data-testid")) ?? "").replace("local-bot-", "");
    await setControl(page, `local-bot-${odd}`, "always-cheat");
    await shoot(page, "local-10-phone-setup", true);
    await (await visible(page, "local-start")).tap();
    await page.waitForURL("**/local/play");
    await visible(page, "phase-label");
    await yourMove(phone);
    await shoot(page, "local-11-phone-game");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, "the page is wider than the phone by this many CSS pixels").toBeLessThanOrEqual(1);
    const m = await stored(phone);
    expect(m?.state.settings.mapId).toBe("amber");
    expect(m?.bots[odd]).toBe("always-cheat");
    expect(Object.values(m?.bots ?? {}).filter((b) => b === "grudger")).toHaveLength(3);
    await openTab(phone, "orders");
    await byTestId(page, "ready-toggle").first().scrollIntoViewIfNeeded();
    await shoot(page, "local-12-phone-orders");
    await (await visible(page, "ready-toggle")).tap();
    await untilSaved("the amber match to leave its first phase", (s) => s.state.editions.length >= 1, phone);
    await openTab(phone, "newspaper");
    await visible(page, "headline");
    await shoot(page, "local-13-phone-newspaper");
  });
});
