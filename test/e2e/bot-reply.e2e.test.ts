/**
 * Bots that answer (issue 13, item 4), in Debian's Chromium against the real server and offline:
 * Alice writes to the German bot from the Press tab, and a reply from Germany appears in the
 * conversation, in words (not her own message echoed); the same in an offline match at /local,
 * where the bots run in the browser. What a bot says is tested in test/bots/replies.test.ts and
 * test/server/bot-replies.test.ts; this story proves the path a player takes reaches it.
 *
 * Each step is one test; after a failure the later ones are skipped and the screens are saved.
 */
import { describe, expect } from "vitest";
import type { Page } from "playwright-core";
import {
  byTestId,
  e2eStory,
  fillCreateForm,
  openTab,
  readText,
  setControl,
  shoot,
  startLocalMatch,
  submitCreateForm,
  until,
  visible,
} from "./support/harness";

const TEXT = "Germany, shall we keep Burgundy empty this year?";

const {
  server,
  players: { alice },
  step,
} = e2eStory("bot-reply-", { alice: {} });

/** Writes to Germany from the Press tab, and waits for a message from Germany; returns its text. */
async function writeToGermanyAndWait(page: Page): Promise<string> {
  await setControl(page, "press-to-GER", "true");
  await (await visible(page, "press-text")).fill(TEXT);
  await (await visible(page, "press-send")).click();
  await byTestId(page, "press-message").filter({ hasText: TEXT }).first().waitFor();
  const replies = page.locator('[data-testid="press-message"]:not(.pn-mine)');
  await until(page, "a reply from the German bot", async () => (await replies.count()) > 0, 30_000);
  const reply = await readText(replies.first());
  expect(reply).toContain("Germany");
  expect(reply).not.toContain(TEXT);
  return reply;
}

describe("a bot answers a private message", () => {
  step("online: Alice writes to the German bot, and Germany answers", async () => {
    const { page } = alice;
    await fillCreateForm(page, server.url, {
      ...{ map: "classic", players: 7, seats: ["human", "bot", "bot", "bot", "bot", "bot", "bot"] },
      ...{ name: "Alice", timing: "slow" },
    });
    const { matchID } = await submitCreateForm(page);
    await page.goto(`${server.url}/m/${matchID}`);
    await visible(page, "phase-label", 30_000);
    await openTab(alice, "press");
    const reply = await writeToGermanyAndWait(page);
    expect(reply.length).toBeGreaterThan("Germany".length + 10);
    await shoot(page, "bot-reply-online");
  });

  step("offline: the same in a match at /local, the bots in the browser", async () => {
    const { page } = alice;
    await startLocalMatch(page, server.url, { map: "classic", power: "FRA" });
    await visible(page, "phase-label");
    await openTab(alice, "press");
    await writeToGermanyAndWait(page);
    await shoot(page, "bot-reply-offline");
  });
});
