/**
 * A match ended by a draw vote, in real browsers (Debian's Chromium via playwright-core) against
 * the real server: Alice creates a three-player Amber match (Brynmark) with two open seats; Bob takes
 * Orovin, Carol Selenne on a phone-sized browser. Alice proposes a draw and sees that a vote is
 * open; Bob is told that a power proposed one, never which, and votes for it (by keyboard); Carol first votes against, then for. A
 * spectator sees no vote at all. Everyone presses Ready, the phase resolves, and every survivor
 * having agreed, the match ends: each screen names the draw and who agreed it. The end screen shows
 * every power's final score — the server's stored scores — with how the statesman system counted
 * them and the standing over time; it folds away to show the board and opens again; its ways on
 * lead to the History tab and, for a seat, to the next match with the same seats (play again).
 *
 * The truth the screens are checked against is the server's stored state. Each step is one test;
 * after a failure the later ones are skipped and the screens are saved. Every wait is bounded.
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
  storedSeats,
  storedState,
  submitCreateForm,
  until,
  untilStored,
  visible,
  type Player,
} from "./support/harness";

const ALICE = { name: "Alice", power: "BRY" as PowerId };
const BOB = { name: "Bob", power: "ORO" as PowerId };
const CAROL = { name: "Carol", power: "SEL" as PowerId };

const {
  server,
  players: { alice, bob, carol },
  step,
  open,
} = e2eStory("draw-", {
  alice: {},
  bob: {},
  carol: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
});
let watcher: Player | null = null;
let matchID = "";
let invite = "";

/** Waits until the draw row's status says `text`. */
async function drawStatusShows(player: Player, text: string): Promise<void> {
  const status = await visible(player.page, "draw-vote-status");
  await until(player.page, `the draw vote to say "${text}"`, async () =>
    (await readText(status)).includes(text),
  );
}

/** Presses a draw-vote button and waits until the server holds the vote. */
async function vote(player: Player, power: PowerId, id: string, value: boolean): Promise<void> {
  const button = await visible(player.page, `draw-vote-${id}`);
  await button.click();
  await untilStored(server, matchID, `${power}'s draw vote ${value}`, (G) => G.drawVotes[power] === value);
}

/** Takes a seat by the invite link. */
async function join(player: Player, who: { name: string; power: PowerId }): Promise<void> {
  const { page } = player;
  await page.goto(invite);
  await setControl(page, "join-name", who.name);
  await setControl(page, "join-seat", who.power);
  await (await visible(page, "join-submit")).click();
  await visible(page, "draw-vote", 30_000);
}

describe("a match ended by a unanimous draw vote", () => {
  step(
    "Alice creates a three-player Amber match; Bob and Carol (on a phone) take the open seats",
    async () => {
      const { page } = alice;
      await fillCreateForm(page, server.url, {
        ...{ map: "amber", players: 3, seats: ["human", "open", "open"], name: ALICE.name },
        timing: "live",
      });
      ({ invite, matchID } = await submitCreateForm(page));
      await (await visible(page, "go-to-match")).click();
      await page.waitForURL(`**/m/${matchID}`);
      await join(bob, BOB);
      await join(carol, CAROL);
      expect(storedState(server, matchID)?.powers).toEqual([ALICE.power, BOB.power, CAROL.power]);
      await drawStatusShows(alice, "You have not voted on a draw");
      await shoot(alice.page, "draw-01-desktop-no-vote");
      await shoot(carol.page, "draw-02-phone-no-vote");
    },
  );

  step(
    "Alice proposes a draw and sees the vote open; Bob learns a power proposed one (not which) and votes for it",
    async () => {
      await vote(alice, ALICE.power, "propose", true);
      await drawStatusShows(alice, "A draw vote is open");
      await drawStatusShows(alice, "You voted for a draw");
      await visible(alice.page, "draw-vote-withdraw");
      await shoot(alice.page, "draw-03-desktop-open");
      // Secret: Bob learns that a vote is open, not who opened it, and has not voted.
      await drawStatusShows(bob, "A power has proposed a draw");
      await drawStatusShows(bob, "You have not voted yet");
      // By keyboard: Enter on the focused button, and the focus stays in the row.
      await (await visible(bob.page, "draw-vote-for")).focus();
      await bob.page.keyboard.press("Enter");
      await untilStored(server, matchID, "Bob's draw vote", (G) => G.drawVotes[BOB.power] === true);
      await drawStatusShows(bob, "A draw vote is open");
      await until(bob.page, "the focus to move to Withdraw my vote", async () =>
        bob.page.evaluate(() => document.activeElement?.getAttribute("data-testid") === "draw-vote-withdraw"),
      );
      expect(await (await visible(bob.page, "draw-vote-withdraw")).getAttribute("aria-label")).toBe(
        "Withdraw my vote for a draw",
      );
    },
  );

  step("Carol votes against, then for a draw, on her phone", async () => {
    await vote(carol, CAROL.power, "against", false);
    await drawStatusShows(carol, "against a draw");
    await shoot(carol.page, "draw-04-phone-against");
    await vote(carol, CAROL.power, "for", true);
    await drawStatusShows(carol, "A draw vote is open");
    await shoot(carol.page, "draw-05-phone-open");
  });

  step("a spectator sees no draw vote", async () => {
    watcher = await open("watcher");
    await watcher.page.goto(`${server.url}/watch/${matchID}`);
    const label = await visible(watcher.page, "phase-label", 30_000);
    await until(
      watcher.page,
      "the spectator's board to load",
      async () => !(await readText(label)).includes("Loading"),
    );
    await visible(watcher.page, "tab-newspaper");
    expect(await byTestId(watcher.page, "draw-vote").count()).toBe(0);
  });

  step("everyone is ready; the phase resolves and the match ends in a draw on every screen", async () => {
    for (const p of [alice, bob, carol]) {
      await (await visible(p.page, "tab-orders")).click();
      await (await visible(p.page, "ready-toggle")).click();
    }
    const G = await untilStored(server, matchID, "the match to end", (s) => s.result !== null, 30_000);
    expect(G.result).toMatchObject({ kind: "draw", winner: null });
    for (const p of [alice, bob, carol, watcher!]) {
      const result = await visible(p.page, "game-result", 30_000);
      await until(p.page, "the result to name the draw", async () =>
        (await readText(result)).includes("Draw agreed by"),
      );
      expect(await byTestId(p.page, "draw-vote").count()).toBe(0);
    }
    const text = await readText(await visible(alice.page, "game-result"));
    for (const name of ["Brynmark", "Orovin", "Selenne"]) expect(text).toContain(name);
    await shoot(alice.page, "draw-06-desktop-over");
    await shoot(carol.page, "draw-07-phone-over");
  });

  step(
    "the end screen shows every power's final score as the server stored it, on every screen",
    async () => {
      const G = storedState(server, matchID)!;
      const scores = G.result!.scores;
      expect(Object.keys(scores).sort()).toEqual([ALICE.power, BOB.power, CAROL.power].sort());
      for (const p of [alice, bob, carol, watcher!]) {
        await visible(p.page, "end-screen", 30_000);
        expect(await readText(await visible(p.page, "end-title"))).toBe("A draw");
        expect(await readText(await visible(p.page, "end-system"))).toContain("Statesman");
        const shown: Record<string, number> = {};
        for (const power of G.powers)
          shown[power] = Number(await readText(await visible(p.page, `end-score-${power}`)));
        expect(shown).toEqual(scores);
        // Best first: the table's rows in descending score.
        const rows = await byTestId(p.page, "end-scores")
          .locator("tbody tr")
          .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-testid")));
        const order = [...G.powers].sort((a, b) => scores[b]! - scores[a]!);
        expect(rows.map((r) => r?.replace("end-row-", ""))).toHaveLength(3);
        expect(rows.map((r) => scores[r!.replace("end-row-", "")])).toEqual(order.map((q) => scores[q]));
        await visible(p.page, "end-centres-chart");
        await visible(p.page, "standing-chart");
      }
      await shoot(alice.page, "draw-08-desktop-end-screen");
      await shoot(alice.page, "draw-08b-desktop-end-screen-full", true);
      await shoot(carol.page, "draw-09-phone-end-screen");
      await shoot(carol.page, "draw-09b-phone-end-screen-full", true);
    },
  );

  step("the end screen folds away to show the board, opens again, and leads to the history", async () => {
    const { page } = carol;
    const toggle = await visible(page, "end-toggle");
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await toggle.click();
    await until(
      page,
      "the end screen to fold",
      async () => (await byTestId(page, "end-screen").count()) === 0,
    );
    await visible(page, "province-ska");
    expect(await readText(await visible(page, "game-result"))).toContain("Draw agreed by");
    await shoot(page, "draw-10-phone-folded");
    await (await visible(page, "end-toggle")).click();
    await visible(page, "end-screen");
    await until(page, "the focus on the result's heading", async () =>
      page.evaluate(() => document.activeElement?.getAttribute("data-testid") === "end-title"),
    );
    // By keyboard: the way on to the history opens the History tab and focuses it.
    await (await visible(page, "end-history")).focus();
    await page.keyboard.press("Enter");
    await until(page, "the History tab to open", async () =>
      page.evaluate(() => document.activeElement?.getAttribute("data-testid") === "tab-history"),
    );
    expect(await (await visible(page, "tab-history")).getAttribute("aria-selected")).toBe("true");
    await visible(page, "history-phase");
    await (await visible(page, "end-toggle")).click();
    await (await visible(page, "end-archive")).click();
    expect(await (await visible(page, "tab-newspaper")).getAttribute("aria-selected")).toBe("true");
  });

  step(
    "a spectator is offered a new match; Alice plays again and gets her seat in the next match",
    async () => {
      const offer = await visible(watcher!.page, "end-play-again");
      expect(await offer.textContent()).toBe("Start a new match");
      expect(await readText(offer)).toBe(`${server.url}/`);
      const { page } = alice;
      await (await visible(page, "end-play-again")).click();
      await page.waitForURL((url) => !url.pathname.endsWith(matchID) && url.pathname.startsWith("/m/"));
      const next = new URL(page.url()).pathname.replace("/m/", "");
      const G = await untilStored(server, next, "the next match", () => true);
      expect(G.powers).toEqual([ALICE.power, BOB.power, CAROL.power]);
      expect(G.result).toBeNull();
      const seats = await storedSeats(page);
      expect(seats.find((s) => s.matchID === next)).toMatchObject({ power: ALICE.power, name: ALICE.name });
      await visible(page, "draw-vote", 30_000);
    },
  );
});
