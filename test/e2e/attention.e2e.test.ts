/**
 * Knowing when it is your move, and rough edges (issue 13, items 2 and 6), in real browsers
 * (Debian's Chromium via playwright-core) against the real server: Alice makes a three-player
 * Amber match (a name error that clears once she types a name; a counter at the name's limit);
 * Bob joins. Bob's tab title says it is his move; Alice writes to him and proposes a pact, and
 * while he looks at his orders his title counts both and his Commitments tab wears a badge; he
 * reads the message and the count drops. The typed-orders box's example names Amber's places, not
 * the classic board's. A made-up /watch/ address says there is no such match, with a way home.
 * Last, the server goes away: a message Alice sends then says it was not sent, and stays in the box.
 *
 * Each step is one test; after a failure the later ones are skipped and the screens are saved.
 */
import { describe, expect } from "vitest";
import type { PowerId } from "../../shared/src";
import {
  addNonAggression,
  byTestId,
  e2eStory,
  fillCreateForm,
  openTab,
  readText,
  setControl,
  submitCreateForm,
  until,
  untilStored,
  visible,
  type Player,
} from "./support/harness";

const ALICE = { name: "Alice", power: "BRY" as PowerId };
const BOB = { name: "Bob", power: "ORO" as PowerId };
const TEXT = "Shall we keep the Amber Sea quiet this year?";

const {
  server,
  players: { alice, bob },
  step,
} = e2eStory("attention-", { alice: {}, bob: {} });
let matchID = "";
let invite = "";

/** Waits until the page's title is `title`. */
async function untilTitle(player: Player, title: string | RegExp): Promise<void> {
  await until(player.page, `the title to be ${String(title)}`, async () => {
    const now = await player.page.title();
    return typeof title === "string" ? now === title : title.test(now);
  });
}

describe("the tab title and the Commitments badge say what waits; rough edges are gone", () => {
  step("Alice's name error clears once she types a name; the name field counts at its limit", async () => {
    const { page } = alice;
    await fillCreateForm(page, server.url, {
      ...{ map: "amber", players: 3, seats: ["human", "open", "open"], name: "" },
      timing: "slow",
    });
    await (await visible(page, "create-submit")).click();
    const error = page.locator(".banner-error");
    await error.waitFor();
    expect(await readText(error)).toContain("Your name");
    await setControl(page, "create-name", "x".repeat(45));
    await error.waitFor({ state: "detached" });
    expect(await byTestId(page, "create-name").inputValue()).toHaveLength(40);
    expect(await readText(await visible(page, "create-name-limit"))).toContain("at most 40 characters");
    await setControl(page, "create-name", ALICE.name);
    expect(await byTestId(page, "create-name-limit").count()).toBe(0);
  });

  step("Alice makes the match and Bob joins; Bob's title says it is his move", async () => {
    const { page } = alice;
    ({ invite, matchID } = await submitCreateForm(page));
    await (await visible(page, "go-to-match")).click();
    await page.waitForURL(`**/m/${matchID}`);
    await bob.page.goto(invite);
    await setControl(bob.page, "join-name", BOB.name);
    await setControl(bob.page, "join-seat", BOB.power);
    await (await visible(bob.page, "join-submit")).click();
    await visible(bob.page, "phase-label", 30_000);
    await untilTitle(bob, "Your move · Entente");
    await untilTitle(alice, "Your move · Entente");
  });

  step("the typed-orders example names Amber's own places", async () => {
    const box = await visible(alice.page, "orders-text");
    const example = (await box.getAttribute("placeholder")) ?? "";
    expect(example).toMatch(/^e\.g\. [AF] (ska|vel|ost) /);
    expect(example).not.toMatch(/\b(par|bur|bre|pic|mun)\b/);
  });

  step("a message from Alice shows in Bob's title while he looks at his orders", async () => {
    await openTab(alice, "press");
    await setControl(alice.page, `press-to-${BOB.power}`, "true");
    await (await visible(alice.page, "press-text")).fill(TEXT);
    await (await visible(alice.page, "press-send")).click();
    await byTestId(alice.page, "press-message").filter({ hasText: TEXT }).first().waitFor();
    await untilTitle(bob, "(1) Your move · Entente");
    // Her own message counts for nothing in her title.
    expect(await alice.page.title()).toBe("Your move · Entente");
  });

  step("Alice proposes a pact: Bob's Commitments tab wears a badge and his title counts it", async () => {
    const { page } = alice;
    await openTab(alice, "commitments");
    await setControl(page, `propose-party-${BOB.power}`, "true");
    await addNonAggression(page, ALICE.power, BOB.power);
    await (await visible(page, "propose-submit")).click();
    await untilStored(server, matchID, "Alice's proposal", (g) =>
      g.commitments.some((c) => c.status === "proposed"),
    );
    const badge = await visible(bob.page, "commitments-badge", 30_000);
    expect(await readText(badge)).toBe("1");
    await untilTitle(bob, "(2) Your move · Entente");
    // Alice waits for no answer of her own.
    expect(await byTestId(page, "commitments-badge").count()).toBe(0);
  });

  step("Bob reads the message: his title counts only the proposal", async () => {
    await openTab(bob, "press");
    await bob.page.locator('[data-testid^="conversation-"]').filter({ hasText: "Brynmark" }).first().click();
    await byTestId(bob.page, "press-message").filter({ hasText: TEXT }).first().waitFor();
    await untilTitle(bob, "(1) Your move · Entente");
  });

  step("a made-up /watch/ address says there is no such match, with a link home", async () => {
    const { page } = bob;
    await page.goto(`${server.url}/watch/nosuchmatch00`);
    const card = await visible(page, "no-such-match");
    expect(await readText(card)).toContain("No such match");
    await card.getByRole("link").first().click();
    await page.waitForURL(`${server.url}/`);
    await visible(page, "create-submit");
    expect(await page.title()).toBe("Entente");
  });

  step("with the server gone, a message Alice sends says it was not sent and stays in the box", async () => {
    const { page } = alice;
    await openTab(alice, "press");
    await server.stop();
    await until(page, "the press to say it is offline", async () =>
      (await readText(page.locator(".pn-status").first())).includes("connecting"),
    );
    const text = "Are you still there?";
    await setControl(page, `press-to-${BOB.power}`, "true");
    await (await visible(page, "press-text")).fill(text);
    await (await visible(page, "press-send")).click();
    expect(await readText(await visible(page, "press-not-sent"))).toContain("Not sent");
    expect(await byTestId(page, "press-text").inputValue()).toBe(text);
  });
});
