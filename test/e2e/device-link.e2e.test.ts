/**
 * Seats that travel (issue 13, item 1), in real browsers (Debian's Chromium via playwright-core)
 * against the real server: Alice makes a three-player Amber match (Brynmark, two bots) on her
 * laptop, opens "Continue on another device" and reads her private link (with its QR code and the
 * warning that it is her seat). Her phone (a second browser, 360×740) opens the link: it plays
 * Brynmark, the token is gone from its address bar, "My games" lists the match, and it presses
 * Ready for her — the phase resolves. The same link opened again says it was used. Alice revokes
 * on the laptop: the phone is signed out of the seat (and "My games" there says so), the link opens
 * nothing, and the laptop plays on with the seat's new credentials.
 *
 * The truth the screens are checked against is the server's stored state and metadata. Each step
 * is one test; after a failure the later ones are skipped and the screens are saved. axe-core
 * checks the open panel and the used-link page for serious or critical violations.
 */
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import type { PowerId } from "../../shared/src";
import {
  audit,
  byTestId,
  e2eStory,
  fillCreateForm,
  openTab,
  type Player,
  readText,
  shoot,
  storedSeats,
  submitCreateForm,
  until,
  untilStored,
  visible,
} from "./support/harness";

const ALICE = { name: "Alice", power: "BRY" as PowerId, powerName: "Brynmark" };

const {
  server,
  players: { laptop, phone },
  step,
} = e2eStory("device-", {
  laptop: {},
  phone: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
});
let matchID = "";
let link = "";

/** The seat's credentials as the server holds them now. */
const serverCredentials = (): string | undefined =>
  server.server.ctx.storage.fetch(matchID, { metadata: true }).metadata?.players[0]?.credentials;

/** The credentials a browser holds for Alice's seat. */
async function heldCredentials(page: Page): Promise<string | undefined> {
  return (await storedSeats(page)).find((s) => s.matchID === matchID && s.playerID === "0")?.credentials;
}

/** Presses Ready on a page's orders tab and waits until the stored match shows the phase moved on. */
async function pressReady(player: Player, resolvedBefore: number): Promise<void> {
  await openTab(player, "orders");
  const toggle = await visible(player.page, "ready-toggle", 30_000);
  await toggle.scrollIntoViewIfNeeded();
  await toggle.click();
  await untilStored(
    server,
    matchID,
    `${ALICE.powerName}'s Ready to resolve the phase`,
    (G) => G.history.length > resolvedBefore,
    60_000,
  );
}

describe("a player continues on a second browser from the private link and revokes it", () => {
  step("Alice makes a match and opens her private link: link, QR code, expiry, warning", async () => {
    const { page } = laptop;
    await fillCreateForm(page, server.url, {
      ...{ map: "amber", players: 3, seats: ["human", "bot", "bot"], name: ALICE.name },
      timing: "live",
    });
    ({ matchID } = await submitCreateForm(page));
    await (await visible(page, "go-to-match")).click();
    await page.waitForURL(`**/m/${matchID}`);
    await visible(page, "phase-label", 30_000);
    const summary = await visible(page, "device-link-open");
    expect(await readText(summary)).toBe("Continue on another device");
    await summary.click();
    const url = await visible(page, "device-link-url");
    link = await readText(url);
    expect(link).toMatch(new RegExp(`^${server.url}/m/${matchID}/continue#[A-Za-z0-9_-]{43}$`));
    const qr = await visible(page, "device-link-qr");
    expect(await qr.getAttribute("alt")).toMatch(/QR code of your private link/);
    expect(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await readText(await visible(page, "device-link-warning"))).toMatch(
      /Anyone with it plays as you\. Do not share it with friends — use the invite link for them\./,
    );
    expect(await readText(await visible(page, "device-link-expiry"))).toMatch(/^Works once, until /);
    expect(await readText(await visible(page, "device-link"))).toContain(
      "the link stops working and every other device is signed out of this seat",
    );
    expect(await audit(page)).toEqual([]);
    await shoot(page, "device-01-desktop-panel");
    await (await visible(page, "device-link-revoke")).scrollIntoViewIfNeeded();
    await shoot(page, "device-01b-desktop-panel-revoke");
    await page.setViewportSize({ width: 360, height: 740 });
    await (await visible(page, "device-link")).evaluate((el) => el.scrollIntoView({ block: "start" }));
    await shoot(page, "device-02-phone-panel");
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  step(
    "the phone opens the link: it plays Brynmark, and the token is gone from its address bar",
    async () => {
      const { page } = phone;
      await page.goto(link);
      await page.waitForURL(`**/m/${matchID}`, { timeout: 30_000 });
      expect(page.url()).toBe(`${server.url}/m/${matchID}`);
      await visible(page, "phase-label", 30_000);
      await until(
        page,
        "the phone to say it plays Brynmark",
        async () =>
          (await page.locator(".you").first().textContent())?.includes(`You play ${ALICE.powerName}`) ===
          true,
      );
      expect(await heldCredentials(page)).toBe(serverCredentials());
      expect((await storedSeats(page)).find((s) => s.matchID === matchID)).toMatchObject({
        power: ALICE.power,
        name: ALICE.name,
      });
      // The phone's history holds no entry with the token.
      expect(await page.evaluate(() => window.location.hash)).toBe("");
      await shoot(page, "device-03-phone-playing");
    },
  );

  step("the phone acts for Alice: Ready, and the phase resolves", async () => {
    await pressReady(phone, 0);
  });

  step("the phone's My games lists the match; the used link says so and offers to watch", async () => {
    const { page } = phone;
    await page.goto(`${server.url}/mine`);
    const game = page.locator(`a[href="/m/${matchID}"]`);
    await game.waitFor({ state: "visible" });
    expect(await game.textContent()).toContain(ALICE.powerName);
    await shoot(page, "device-04-phone-my-games");
    await page.goto(link);
    const refused = await visible(page, "continue-refused", 30_000);
    expect(await readText(refused)).toContain("This link was used already");
    expect(page.url()).toBe(`${server.url}/m/${matchID}/continue`);
    expect(await page.locator(`a[href="/watch/${matchID}"]`).count()).toBe(1);
    expect(await audit(page)).toEqual([]);
    await shoot(page, "device-05-phone-used-link");
    // The phone still holds the seat: back to the match.
    await page.goto(`${server.url}/m/${matchID}`);
    await visible(page, "phase-label", 30_000);
    await until(page, "the phone to be connected", async () =>
      (await readText(byTestId(page, "connection-status"))).includes("Connected"),
    );
  });

  step(
    "Alice revokes on the laptop: the phone is signed out; the laptop holds the new credentials",
    async () => {
      const { page } = laptop;
      const before = serverCredentials();
      expect(await heldCredentials(page)).toBe(before);
      const panel = await visible(page, "device-link");
      if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open)))
        await (await visible(page, "device-link-open")).click();
      await visible(page, "device-link-url"); // the link made in the first step, still shown
      await (await visible(page, "device-link-revoke")).click();
      await until(page, "the seat's credentials to change", () =>
        Promise.resolve(serverCredentials() !== before),
      );
      await until(page, "the laptop to store the new credentials", async () => {
        return (await heldCredentials(page)) === serverCredentials();
      });
      await visible(page, "phase-label", 30_000);
      await until(page, "the laptop to be connected again", async () =>
        (await readText(byTestId(page, "connection-status"))).includes("Connected"),
      );
      // The phone: signed out of the seat, offered to watch.
      await until(phone.page, "the phone to be signed out", async () =>
        (await phone.page.locator("h2").allTextContents()).includes("This seat could not connect"),
      );
      expect(await heldCredentials(phone.page)).not.toBe(serverCredentials());
      await shoot(phone.page, "device-06-phone-signed-out");
      // The phone's My games says it was signed out, without breaking.
      await phone.page.goto(`${server.url}/mine`);
      const error = await visible(phone.page, "my-game-error");
      expect(await readText(error)).toMatch(/^Signed out of this seat/);
      await shoot(phone.page, "device-07-phone-my-games-signed-out");
      // The link opens nothing now.
      const token = new URL(link).hash.slice(1);
      const res = await fetch(`${server.url}/api/matches/${matchID}/continue`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ token }),
      });
      expect(res.status).toBe(404);
    },
  );

  step("the laptop plays on: Ready, and the next phase resolves", async () => {
    const resolved = (await untilStored(server, matchID, "a stored state", () => true)).history.length;
    await pressReady(laptop, resolved);
    await shoot(laptop.page, "device-08-desktop-plays-on");
  });
});
