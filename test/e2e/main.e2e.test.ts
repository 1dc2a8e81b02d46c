/**
 * A whole story in real browsers (Debian's Chromium driven by playwright-core) against the real
 * server and the built client: two humans in two separate browsers and five bots.
 *
 * Alice creates a classic match on `/` and takes seat 0, which is Austria (the lobby gives the
 * host seat 0, and seat 0 of the classic map is Austria); she leaves Italy's seat open for a human
 * and gives the other five to bots. Bob opens her invite link and joins as Italy. They talk in
 * private, sign a public non-aggression pact both ways, and play spring 1901 (Alice orders one unit
 * by clicking on the map, the rest through the text box). In the fall Alice orders `F tri - ven`
 * — into an Italian home centre — without notice: a surprise defection. Both players' newspapers
 * report it, and the standing table shows Austria's reputation 50 → 35 and Italy's prestige 50 →
 * 45 (default preset). A phone-sized browser then watches the match and uses the map and tabs.
 *
 * Each step is one test; after a failure the later steps are skipped (and both players' screens
 * are saved as `fail-…` screenshots). What the screens show is checked against the server's stored
 * state, so a failure says whether the screen or the game is wrong. Every wait is bounded.
 */
import { describe, expect } from "vitest";
import type { MatchState, PowerId } from "../../shared/src";
import {
  addNonAggression,
  byTestId,
  e2eStory,
  fillCreateForm,
  openTab,
  readText,
  setControl,
  shoot,
  storedSeats,
  storedState,
  submitCreateForm,
  until,
  untilStored,
  visible,
  type Player,
} from "./support/harness";

const ALICE = { name: "Alice", power: "AUS" as PowerId, seat: 0 };
const BOB = { name: "Bob", power: "ITA" as PowerId, seat: 4 };
/** Classic seats in map order: AUS ENG FRA GER ITA RUS TUR. */
const SEATS = ["human", "bot", "bot", "bot", "open", "bot", "bot"] as const;

const CLIPBOARD = ["clipboard-read", "clipboard-write"];
const PRIVATE_TEXT = "Venice is safe with me. Shall we sign a pact?";

const {
  server,
  players: { alice, bob },
  step,
  open,
} = e2eStory("", { alice: { permissions: CLIPBOARD }, bob: { permissions: CLIPBOARD } });
let phone: Player | null = null;
let matchID = "";
let invite = "";

/** The phase as the server has it, e.g. "spring 1901 movement". */
function phaseOf(G: MatchState): string {
  return `${G.position.season} ${G.position.year} ${G.position.phase}`;
}

/** Waits until a page's phase label names `season` and `year` (case-insensitive). */
async function phaseLabelShows(player: Player, season: string, year: number): Promise<void> {
  const label = await visible(player.page, "phase-label");
  await until(
    player.page,
    `the phase label to show ${season} ${year} (it shows "${await readText(label)}")`,
    async () => {
      const text = (await readText(label)).toLowerCase();
      return text.includes(season) && text.includes(String(year));
    },
    30_000,
  );
}

/** Types orders into the notation box and waits until the server holds them. */
async function typeOrders(player: Player, power: PowerId, orders: readonly string[]): Promise<void> {
  await openTab(player, "orders");
  const before = storedState(server, matchID)?.orders[power]?.length ?? 0;
  await (await visible(player.page, "orders-text")).fill(orders.join("; "));
  await (await visible(player.page, "orders-text-submit")).click();
  await untilStored(
    server,
    matchID,
    `${power}'s typed orders ${orders.join("; ")} to reach the server`,
    (G) => (G.orders[power]?.length ?? 0) >= before + orders.length,
  );
  await visible(player.page, "orders-saved");
}

/** Presses Ready. */
async function pressReady(player: Player): Promise<void> {
  await openTab(player, "orders");
  const toggle = await visible(player.page, "ready-toggle");
  await toggle.click();
}

describe("two players and five bots: a pact, a surprise stab, and the newspaper", () => {
  step("Alice creates a classic match on the landing page and gets an invite link", async () => {
    const { page } = alice;
    await fillCreateForm(page, server.url, {
      ...{ map: "classic", players: 7, seats: SEATS, name: ALICE.name },
      ...{ timing: "live", press: "full", preset: "default" },
    });
    await shoot(page, "01-landing-filled");
    ({ invite, matchID } = await submitCreateForm(page));
    expect(invite).toMatch(/\/m\/[A-Za-z0-9_-]+$/);
    await (await visible(page, "copy-invite")).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.trim()).toBe(invite);
    await shoot(page, "02-invite");

    // The server made what the form said: Alice at seat 0, Italy open, five bots.
    const seats = server.server.ctx.records.seats(matchID);
    expect(seats.map((s) => s.kind)).toEqual(["human", "bot", "bot", "bot", "open", "bot", "bot"]);
    const held = await storedSeats(page);
    expect(held.find((s) => s.matchID === matchID)).toMatchObject({
      playerID: String(ALICE.seat),
      power: ALICE.power,
      name: ALICE.name,
    });
  });

  step("Alice goes to the match and sees the game screen with the map", async () => {
    const { page } = alice;
    await (await visible(page, "go-to-match")).click();
    await page.waitForURL(`**/m/${matchID}`);
    await phaseLabelShows(alice, "spring", 1901);
    for (const id of ["connection-status", "tab-orders", "tab-press", "tab-commitments", "tab-newspaper"]) {
      await visible(page, id);
    }
    await visible(page, "province-vie");
    await visible(page, "unit-vie");
    await shoot(page, "04-game-alice-waiting");
  });

  step("Bob opens the invite link and joins as Italy", async () => {
    const { page } = bob;
    await page.goto(invite);
    await setControl(page, "join-name", BOB.name);
    await shoot(page, "03-join");
    await (await visible(page, "join-submit")).click();
    await phaseLabelShows(bob, "spring", 1901);
    const held = await storedSeats(page);
    expect(held.find((s) => s.matchID === matchID)).toMatchObject({
      playerID: String(BOB.seat),
      power: BOB.power,
    });
    // No seat is open now: the clock starts.
    await until(page, "the deadline to be set", () =>
      Promise.resolve(server.server.ctx.records.clock(matchID) !== null),
    );
    await visible(page, "deadline");
    await shoot(page, "04-game-bob");
  });

  step("Alice writes to Bob in private and Bob reads it", async () => {
    await openTab(alice, "press");
    await setControl(alice.page, `press-to-${BOB.power}`, "true");
    await (await visible(alice.page, "press-text")).fill(PRIVATE_TEXT);
    await (await visible(alice.page, "press-send")).click();
    await byTestId(alice.page, "press-message").filter({ hasText: PRIVATE_TEXT }).first().waitFor();
    await shoot(alice.page, "05-press-alice");

    await openTab(bob, "press");
    const message = byTestId(bob.page, "press-message").filter({ hasText: PRIVATE_TEXT }).first();
    if (!(await message.isVisible())) {
      // The conversation list shows it (unread); opening it shows the thread.
      const conversation = bob.page
        .locator('[data-testid^="conversation-"]')
        .filter({ hasText: "Austria" })
        .first();
      await conversation.waitFor();
      await expect(bob.page.locator('[data-testid^="unread-"]').count()).resolves.toBeGreaterThan(0);
      await conversation.click();
    }
    await message.waitFor();
    await shoot(bob.page, "05-press-bob");
  });

  step("Alice proposes a public non-aggression pact both ways and Bob accepts it", async () => {
    const { page } = alice;
    await openTab(alice, "commitments");
    await setControl(page, `propose-party-${BOB.power}`, "true");
    // The builder edits one draft clause (kind, then its powers) and "Add" puts it in the proposal.
    for (const [from, to] of [
      [ALICE.power, BOB.power],
      [BOB.power, ALICE.power],
    ] as const) {
      await addNonAggression(page, from, to);
    }
    await setControl(page, "propose-visibility", "public");
    await shoot(page, "06-commitments-proposing");
    await (await visible(page, "propose-submit")).click();
    const G = await untilStored(server, matchID, "Alice's proposal", (g) =>
      g.commitments.some((c) => c.status === "proposed"),
    );
    const pact = G.commitments.find((c) => c.status === "proposed")!;
    expect(pact).toMatchObject({ proposer: ALICE.power, visibility: "public", until: null });
    expect(pact.parties).toEqual([ALICE.power, BOB.power]);
    expect(pact.clauses).toEqual([
      { kind: "non-aggression", from: ALICE.power, to: BOB.power },
      { kind: "non-aggression", from: BOB.power, to: ALICE.power },
    ]);
    await visible(page, `commitment-${pact.id}`);

    await openTab(bob, "commitments");
    await visible(bob.page, `commitment-${pact.id}`);
    await shoot(bob.page, "06-commitments-bob-proposal");
    await (await visible(bob.page, `accept-${pact.id}`)).click();
    await untilStored(server, matchID, "the pact to be in force", (g) =>
      g.commitments.some((c) => c.id === pact.id && c.status === "active"),
    );
    // Both screens drop the accept button once the pact is signed.
    for (const p of [alice, bob]) {
      await visible(p.page, `commitment-${pact.id}`);
      await byTestId(p.page, `accept-${pact.id}`).waitFor({ state: "detached" });
    }
    await byTestId(alice.page, `commitment-${pact.id}`).scrollIntoViewIfNeeded();
    await shoot(alice.page, "06-commitments-alice-signed");
  });

  step(
    "both give spring orders (map clicks and the text box), press Ready, and the phase resolves",
    async () => {
      await openTab(alice, "orders");
      // Vienna → Galicia by clicking the army, then the province it goes to.
      await (await visible(alice.page, "unit-vie")).click();
      await (await visible(alice.page, "province-gal")).click();
      await untilStored(server, matchID, "Alice's map order A vie - gal", (G) =>
        (G.orders[ALICE.power] ?? []).some(
          (o) => o.kind === "move" && o.unit.location === "vie" && o.to === "gal",
        ),
      );
      await typeOrders(alice, ALICE.power, ["A bud - ser", "F tri H"]);
      await expect(byTestId(alice.page, "order-row").count()).resolves.toBeGreaterThanOrEqual(3);
      await shoot(alice.page, "07-orders-alice");

      await typeOrders(bob, BOB.power, ["A ven - tyr", "A rom - apu", "F nap - ion"]);
      await shoot(bob.page, "07-orders-bob");

      await pressReady(alice);
      await untilStored(server, matchID, "Alice to be ready", (G) => G.ready[ALICE.power] === true);
      await pressReady(bob);
      const G = await untilStored(
        server,
        matchID,
        "fall 1901 movement (bots ready on their own)",
        (g) => g.position.season === "fall" && g.position.phase === "movement",
        30_000,
      );
      expect(phaseOf(G)).toBe("fall 1901 movement");
      await phaseLabelShows(alice, "fall", 1901);
      await phaseLabelShows(bob, "fall", 1901);
      await shoot(alice.page, "08-game-alice-fall");
    },
  );

  step("in the fall Alice sails into Venice without notice; both papers report the surprise", async () => {
    await typeOrders(alice, ALICE.power, ["F tri - ven"]);
    await typeOrders(bob, BOB.power, ["F ion - tun"]);
    await pressReady(alice);
    await untilStored(server, matchID, "Alice to be ready", (G) => G.ready[ALICE.power] === true);
    await pressReady(bob);
    const G = await untilStored(
      server,
      matchID,
      "the fall 1901 movement to resolve",
      (g) => g.history.some((h) => h.phase.season === "fall" && h.phase.phase === "movement"),
      30_000,
    );
    // The game's verdict: a surprise defection, Austria 35, Italy's prestige 45.
    const articles = G.editions.flatMap((e) => e.articles);
    const stab = articles.find(
      (a) =>
        a.event.type === "defection" &&
        a.event.kind === "surprise" &&
        a.event.by === ALICE.power &&
        a.event.against === BOB.power,
    );
    expect(stab, `a surprise defection by ${ALICE.power} in the paper`).toBeDefined();
    expect(G.reputation[ALICE.power]).toBe(35);
    expect(G.prestige[BOB.power]).toBe(45);

    for (const [who, p] of [
      ["alice", alice],
      ["bob", bob],
    ] as const) {
      await openTab(p, "newspaper");
      await visible(p.page, "edition");
      await byTestId(p.page, "headline").filter({ hasText: stab!.headline }).first().waitFor();
      await visible(p.page, "standing-table");
      const reputation = await visible(p.page, `reputation-${ALICE.power}`);
      const prestige = await visible(p.page, `prestige-${BOB.power}`);
      await until(p.page, `${who}'s standing table to show Austria 35 and Italy's prestige 45`, async () => {
        return /\b35\b/.test(await readText(reputation)) && /\b45\b/.test(await readText(prestige));
      });
      await shoot(p.page, `09-newspaper-${who}`);
      await byTestId(p.page, "standing-table").first().scrollIntoViewIfNeeded();
      await shoot(p.page, `09-standing-${who}`);
    }
  });

  step("a phone-sized browser watches the match: the map and the tabs work by touch", async () => {
    phone = await open("phone", {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const { page } = phone;
    await page.goto(`${server.url}/watch/${matchID}`);
    await visible(page, "phase-label");
    await visible(page, "province-ven");
    await shoot(page, "10-phone-map");
    // The page fits the phone's width (no sideways scrolling of the whole page).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, "the page is wider than the phone's screen by this many CSS pixels").toBeLessThanOrEqual(
      1,
    );
    // Every province of the board lies within the phone's width.
    const ven = await (await visible(page, "province-ven")).boundingBox();
    expect(ven, "Venice has a size on the phone").not.toBeNull();
    expect(ven!.x).toBeGreaterThanOrEqual(0);
    expect(ven!.x + ven!.width).toBeLessThanOrEqual(390);
    // Tap from tab to tab: each shows its own content.
    const history = await visible(page, "tab-history");
    await history.scrollIntoViewIfNeeded();
    await history.tap();
    await visible(page, "history-phase");
    await shoot(page, "10-phone-history");
    const tab = await visible(page, "tab-newspaper");
    await tab.scrollIntoViewIfNeeded();
    await tab.tap();
    const headline = await visible(page, "headline");
    await visible(page, "standing-table");
    await headline.scrollIntoViewIfNeeded();
    await shoot(page, "10-phone-newspaper");
    const box = await tab.boundingBox();
    expect(box, "the newspaper tab has a size").not.toBeNull();
    // Touch targets of at least ~40 CSS pixels (WCAG asks 44; a few pixels of slack).
    expect(Math.min(box!.width, box!.height)).toBeGreaterThanOrEqual(40);
  });
});
