/**
 * The host keeps the table going, in real browsers (Debian's Chromium via playwright-core) against
 * the real server: Alice makes a three-player Amber match (Brynmark) with two open seats. Bob takes
 * Orovin by the invite and wanders off (closes the page); nobody comes for Selenne, so the clock
 * never starts. From the game screen Alice, the host, copies the invite again, gives Selenne to a
 * bot whose personality she chooses — the clock starts — and lets a bot stand in for Bob until he
 * returns. She presses Ready; the bots play; the phase resolves and the match goes on. Bob, who
 * is not the host, is offered none of this.
 *
 * The truth the screens are checked against is the server's stored state and records. Each step is
 * one test; after a failure the later ones are skipped and the screens are saved.
 */
import { describe, expect } from "vitest";
import type { PowerId } from "../../shared/src";
import {
  byTestId,
  e2eStory,
  fillCreateForm,
  readText,
  setControl,
  shoot,
  submitCreateForm,
  until,
  untilStored,
  visible,
} from "./support/harness";

const ALICE = { name: "Alice", power: "BRY" as PowerId };
const BOB = { name: "Bob", power: "ORO" as PowerId };

const {
  server,
  players: { alice, bob },
  step,
} = e2eStory("host-", { alice: {}, bob: {} });
let matchID = "";
let invite = "";

/** The server's records of the match's seats. */
const seatRecords = () => server.server.ctx.records.seats(matchID);

describe("the host gives an open seat to a bot and the match goes on", () => {
  step("Alice makes a match with two open seats; Bob takes one and leaves; the clock waits", async () => {
    const { page } = alice;
    await fillCreateForm(page, server.url, {
      ...{ map: "amber", players: 3, seats: ["human", "open", "open"], name: ALICE.name },
      timing: "live",
    });
    expect(await readText(await visible(page, "create-seats-note"))).toContain(
      "give a seat nobody takes to a bot",
    );
    ({ invite, matchID } = await submitCreateForm(page));
    await (await visible(page, "go-to-match")).click();
    await page.waitForURL(`**/m/${matchID}`);
    await bob.page.goto(invite);
    await setControl(bob.page, "join-name", BOB.name);
    await setControl(bob.page, "join-seat", BOB.power);
    await (await visible(bob.page, "join-submit")).click();
    await visible(bob.page, "phase-label", 30_000);
    // Bob is no host: no table controls for him.
    await visible(bob.page, "draw-vote");
    expect(await byTestId(bob.page, "host-panel").count()).toBe(0);
    await bob.page.goto("about:blank"); // Bob wanders off
    await until(
      page,
      "Alice's bar to wait for one player",
      async () => (await readText(byTestId(page, "deadline"))).includes("Waiting for 1 player"),
      30_000,
    );
  });

  step(
    "Alice's host panel offers the invite and the open seat; she gives Selenne to a Grudger bot",
    async () => {
      const { page } = alice;
      const summary = await visible(page, "host-summary");
      await until(page, "the host panel to show the open seat", async () =>
        (await readText(summary)).includes("1 open seat"),
      );
      expect(await byTestId(page, "host-invite-link").inputValue()).toBe(invite);
      await (await visible(page, "host-copy-invite")).click();
      await setControl(page, "host-personality-2", "grudger");
      expect(await readText(await visible(page, "host-personality-note-2"))).toMatch(/Grudger:/);
      await shoot(page, "host-01-desktop-open-seat");
      await (await visible(page, "host-give-bot-2")).click();
      await until(page, "the status to say a bot plays Selenne", async () =>
        (await readText(byTestId(page, "host-status"))).includes("Selenne is now played by a bot"),
      );
      expect(seatRecords()[2]).toMatchObject({ kind: "bot", personality: "grudger" });
      await until(
        page,
        "the clock to start",
        async () => !(await readText(byTestId(page, "deadline"))).includes("Waiting"),
      );
    },
  );

  step("Bob is away: Alice lets a bot stand in for him until he returns", async () => {
    const { page } = alice;
    const standIn = await visible(page, "host-stand-in-1", 30_000); // the lobby view is looked at again within 15 s
    await shoot(page, "host-02-desktop-away");
    await standIn.click();
    await until(page, "the status to say a bot plays Orovin", async () =>
      (await readText(byTestId(page, "host-status"))).includes("until Bob makes a move again"),
    );
    expect(seatRecords()[1]).toMatchObject({ kind: "human", botActive: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, "host-03-phone-panel");
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  step(
    "Alice presses Ready; the bots play both other powers; the phase resolves and the match goes on",
    async () => {
      const { page } = alice;
      await (await visible(page, "tab-orders")).click();
      await (await visible(page, "ready-toggle")).click();
      await untilStored(server, matchID, "spring 1901 to resolve", (G) => G.history.length >= 1, 60_000);
      await until(
        page,
        "the phase label to move on from Spring 1901",
        async () => !(await readText(byTestId(page, "phase-label"))).startsWith("Spring 1901"),
      );
      await shoot(page, "host-04-desktop-went-on");
    },
  );
});
