/**
 * Issue 12 item 4 in real browsers: a warning before breaking one's word. Alice (Austria) and Bob
 * (Italy) sign a public non-aggression pact both ways; five bots hold the other seats. Alice then
 * drafts `F tri - ven` — into Italy's home centre — and the orders tab says, beside the order and
 * beside the Ready switch, which commitment and clause it breaks, naming Italy, with a button
 * "Give notice to Italy instead". She clicks it: the server records her notice on the pact, and
 * the warning says notice was given. Screens are saved at 1280×800 and 390×844.
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
  shoot,
  storedState,
  submitCreateForm,
  until,
  untilStored,
  visible,
} from "./support/harness";

const ALICE = { name: "Alice", power: "AUS" as PowerId };
const BOB = { name: "Bob", power: "ITA" as PowerId };
/** Classic seats in map order: AUS ENG FRA GER ITA RUS TUR. */
const SEATS = ["human", "bot", "bot", "bot", "open", "bot", "bot"] as const;
const WARNING = "Breaks your commitment with Italy: non-aggression (Austria will not attack Italy)";

const {
  server,
  players: { alice, bob },
  step,
} = e2eStory("warn-", { alice: {}, bob: {} });
let matchID = "";
let pactID = "";

describe("a warning before breaking one's word, and notice instead", () => {
  step("Alice creates a match, Bob joins as Italy, and they sign a non-aggression pact", async () => {
    const { page } = alice;
    await fillCreateForm(page, server.url, {
      ...{ map: "classic", players: 7, seats: SEATS, name: ALICE.name },
      ...{ timing: "live", press: "full", preset: "default" },
    });
    const created = await submitCreateForm(page);
    const invite = created.invite;
    matchID = created.matchID;
    await (await visible(page, "go-to-match")).click();
    await page.waitForURL(`**/m/${matchID}`);
    await visible(page, "unit-tri");

    await bob.page.goto(invite);
    await setControl(bob.page, "join-name", BOB.name);
    await (await visible(bob.page, "join-submit")).click();
    await visible(bob.page, "phase-label");

    await openTab(alice, "commitments");
    await setControl(page, `propose-party-${BOB.power}`, "true");
    for (const [from, to] of [
      [ALICE.power, BOB.power],
      [BOB.power, ALICE.power],
    ] as const) {
      await addNonAggression(page, from, to);
    }
    await setControl(page, "propose-visibility", "public");
    await (await visible(page, "propose-submit")).click();
    const G = await untilStored(server, matchID, "Alice's proposal", (g) =>
      g.commitments.some((c) => c.status === "proposed" && c.proposer === ALICE.power),
    );
    pactID = G.commitments.find((c) => c.status === "proposed" && c.proposer === ALICE.power)!.id;
    await openTab(bob, "commitments");
    await (await visible(bob.page, `accept-${pactID}`)).click();
    await untilStored(server, matchID, "the pact to be in force", (g) =>
      g.commitments.some((c) => c.id === pactID && c.status === "active"),
    );
  });

  step("Alice drafts F tri - ven and is warned beside the order and the Ready switch", async () => {
    const { page } = alice;
    await openTab(alice, "orders");
    await (await visible(page, "orders-text")).fill("F tri - ven");
    await (await visible(page, "orders-text-submit")).click();
    await untilStored(server, matchID, "Alice's order F tri - ven", (g) =>
      (g.orders[ALICE.power] ?? []).some((o) => o.kind === "move" && o.to === "ven"),
    );
    const summary = await visible(page, "breach-warning");
    await until(page, "the warning to name Italy and the clause", async () =>
      (await readText(summary)).includes(WARNING),
    );
    const beside = byTestId(page, "order-warning").first();
    expect(await readText(beside)).toContain(WARNING);
    const give = await visible(page, `give-notice-${pactID}`);
    expect((await readText(give)).trim()).toBe("Give notice to Italy instead");
    // Near the Ready switch: the warning comes just before it.
    const warnBox = (await summary.boundingBox())!;
    const readyBox = (await (await visible(page, "ready-toggle")).boundingBox())!;
    expect(readyBox.y - (warnBox.y + warnBox.height)).toBeLessThan(80);
    // Alice's own orders never reach Bob before the phase resolves, nor does the warning.
    expect(await byTestId(bob.page, "breach-warning").count()).toBe(0);

    await summary.scrollIntoViewIfNeeded();
    await shoot(page, "warn-01-desktop");
    await page.setViewportSize({ width: 390, height: 844 });
    await openTab(alice, "orders");
    await (await visible(page, "breach-warning")).scrollIntoViewIfNeeded();
    await shoot(page, "warn-02-phone");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, "the page is wider than the phone by this many CSS pixels").toBeLessThanOrEqual(1);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  step("Alice clicks give notice: the server records it and the warning says so", async () => {
    const { page } = alice;
    await openTab(alice, "orders");
    await (await visible(page, `give-notice-${pactID}`)).click();
    const G = await untilStored(server, matchID, "Alice's notice on the pact", (g) =>
      g.notices.some((n) => n.commitmentId === pactID && n.by === ALICE.power),
    );
    expect(G.commitments.find((c) => c.id === pactID)?.status).toBe("active"); // in force to the phase's end
    const given = await visible(page, `notice-given-${pactID}`);
    expect(await readText(given)).toContain("Notice given to Italy");
    expect(await byTestId(page, `give-notice-${pactID}`).count()).toBe(0);
    expect(storedState(server, matchID)?.ready[ALICE.power]).not.toBe(true);
    await (await visible(page, "breach-warning")).scrollIntoViewIfNeeded();
    await shoot(page, "warn-03-notice-given");
  });

  step("a typed line with a bad order keeps the good ones and says why the bad one was refused", async () => {
    const { page } = alice;
    await openTab(alice, "orders");
    await (await visible(page, "orders-text")).fill("A vie - gal; A xyz - abc; A bud - ser");
    await (await visible(page, "orders-text-submit")).click();
    await untilStored(
      server,
      matchID,
      "Alice's two valid typed orders",
      (g) => (g.orders[ALICE.power] ?? []).length === 3,
    );
    const problems = byTestId(page, "orders-text-problem");
    await problems.first().waitFor();
    const said = (await problems.allTextContents()).join(" ");
    expect(said).toContain("2 orders added");
    expect(said).toContain("“A xyz - abc”");
    expect(said).toContain("xyz");
    expect(await (await visible(page, "orders-text")).inputValue()).toBe("A xyz - abc");
    await problems.last().scrollIntoViewIfNeeded();
    await shoot(page, "warn-04-typed-line");
  });
});
