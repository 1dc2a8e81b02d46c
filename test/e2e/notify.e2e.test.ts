/**
 * Knowing when it is your move (issue 13, item 2), in real browsers (Debian's Chromium via
 * playwright-core) against the real server: Alice makes a three-player Amber match with two open
 * seats and waits on the game screen; when Bob takes a seat by the invite, his name shows in her
 * powers strip at once (the press socket's `press:table`, not the lobby's 15-second look). Alice,
 * whose browser grants notifications, presses "Notify me" and looks at another window; Bob writes
 * to her and proposes a pact: her title counts both, and a notification for each is shown. Bob's
 * browser blocks notifications: pressing "Notify me" says so in words instead of doing nothing.
 *
 * Alice's page records what it shows (an init script wraps `Notification` and the service worker
 * registration's `showNotification`) and reports another window as having the focus. Each step is
 * one test; after a failure the later ones are skipped and the screens are saved.
 */
import { beforeAll, describe, expect } from "vitest";
import type { Page } from "playwright-core";
import type { PowerId } from "../../shared/src";
import {
  addNonAggression,
  audit,
  byTestId,
  e2eStory,
  fillCreateForm,
  openTab,
  type Player,
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
const TEXT = "Shall we keep the Amber Sea quiet this year?";
/** How soon a friend's arrival must show on the host's screen (the lobby's look came every 15 s). */
const ARRIVAL_MS = 2_500;

/** One notification as Alice's page recorded it. */
interface Shown {
  readonly via: "Notification" | "serviceWorker";
  readonly title: string;
  readonly body: string;
  readonly tag: string;
}

/**
 * Alice's init script: records every notification shown (either way), and makes the page say that
 * another window has the focus (her player looks elsewhere), so notifications are due.
 */
function recordNotifications(): void {
  const shown: Shown[] = [];
  (window as unknown as { __shown: Shown[] }).__shown = shown;
  const Original = window.Notification;
  class Recorded extends Original {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      shown.push({ via: "Notification", title, body: options?.body ?? "", tag: options?.tag ?? "" });
    }
  }
  window.Notification = Recorded;
  const proto = ServiceWorkerRegistration.prototype;
  const original = Object.getOwnPropertyDescriptor(proto, "showNotification")?.value as
    | ServiceWorkerRegistration["showNotification"]
    | undefined;
  proto.showNotification = function (this: ServiceWorkerRegistration, title, options) {
    shown.push({ via: "serviceWorker", title, body: options?.body ?? "", tag: options?.tag ?? "" });
    return original === undefined ? Promise.resolve() : original.call(this, title, options);
  };
  document.hasFocus = () => false;
}

/** Bob's init script: a browser that blocks notifications once asked. */
function blockNotifications(): void {
  let permission: NotificationPermission = "default";
  Object.defineProperty(Notification, "permission", { get: () => permission });
  Notification.requestPermission = () => {
    permission = "denied";
    return Promise.resolve(permission);
  };
}

const {
  server,
  players: { alice, bob },
  step,
} = e2eStory("notify-", { alice: {}, bob: {} });
let matchID = "";
let invite = "";

beforeAll(async () => {
  await alice.context.grantPermissions(["notifications"], { origin: server.url });
  await alice.context.addInitScript(recordNotifications);
  await bob.context.addInitScript(blockNotifications);
}, 180_000);

/** The notifications Alice's page has shown. */
const shownTo = (page: Page): Promise<Shown[]> =>
  page.evaluate(() => (window as unknown as { __shown?: Shown[] }).__shown ?? []);

/** Waits until the page's title is `title`. */
async function untilTitle(player: Player, title: string): Promise<void> {
  await until(player.page, `the title to be ${title}`, async () => (await player.page.title()) === title);
}

/** Waits until Alice's page has shown a notification titled `title`; returns it. */
async function untilShown(title: string): Promise<Shown> {
  let found: Shown | undefined;
  await until(alice.page, `a notification "${title}"`, async () => {
    found = (await shownTo(alice.page)).find((n) => n.title === title);
    return found !== undefined;
  });
  return found!;
}

describe("notifications, the title, and a friend's arrival at once", () => {
  step("Alice makes a match and waits; Bob's name shows in her powers strip at once", async () => {
    const { page } = alice;
    await fillCreateForm(page, server.url, {
      ...{ map: "amber", players: 3, seats: ["human", "open", "open"], name: ALICE.name },
      timing: "slow",
    });
    ({ invite, matchID } = await submitCreateForm(page));
    await (await visible(page, "go-to-match")).click();
    await page.waitForURL(`**/m/${matchID}`);
    const strip = await visible(page, "powers-strip", 30_000);
    await until(page, "the open seats in the strip", async () =>
      (await readText(strip)).includes("open seat"),
    );
    expect(await readText(strip)).not.toContain(BOB.name);

    await bob.page.goto(invite);
    await setControl(bob.page, "join-name", BOB.name);
    await setControl(bob.page, "join-seat", BOB.power);
    const joined = bob.page.waitForResponse((r) => r.url().endsWith(`/api/matches/${matchID}/join`));
    await (await visible(bob.page, "join-submit")).click();
    expect((await joined).status()).toBe(200);
    const from = Date.now();
    await until(
      page,
      "Bob's name in Alice's strip",
      async () => (await readText(strip)).includes(BOB.name),
      ARRIVAL_MS,
    );
    const took = Date.now() - from;
    expect(took).toBeLessThan(ARRIVAL_MS);
    await visible(bob.page, "phase-label", 30_000);
  });

  step("Alice presses Notify me (her browser grants it); the button says it is on", async () => {
    const { page } = alice;
    const toggle = await visible(page, "notify-toggle");
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");
    expect(await toggle.getAttribute("title")).toContain("out of sight");
    await toggle.click();
    await until(
      page,
      "the switch to be on",
      async () => (await toggle.getAttribute("aria-pressed")) === "true",
    );
    expect(await readText(toggle)).toContain("on");
    expect(await page.evaluate(() => localStorage.getItem("entente:notify"))).toBe("on");
    expect(await audit(page)).toEqual([]);
    await shoot(page, "notify-alice-on-desktop");
    // Nothing was shown for what was already on screen when she opted in.
    expect(await shownTo(page)).toEqual([]);
  });

  step("Bob's browser blocks notifications: the switch says so in words", async () => {
    const { page } = bob;
    await (await visible(page, "notify-toggle")).click();
    const blocked = await visible(page, "notify-blocked");
    expect(await readText(blocked)).toContain("Notifications blocked");
    expect(await readText(blocked)).toContain("your browser blocks notifications for this site");
    expect(await byTestId(page, "notify-toggle").count()).toBe(0);
    expect(await audit(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    await shoot(page, "notify-bob-blocked-phone");
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  step("Bob writes to Alice: her title counts it and a notification names him, not the text", async () => {
    await openTab(bob, "press");
    await setControl(bob.page, `press-to-${ALICE.power}`, "true");
    await (await visible(bob.page, "press-text")).fill(TEXT);
    await (await visible(bob.page, "press-send")).click();
    await byTestId(bob.page, "press-message").filter({ hasText: TEXT }).first().waitFor();
    await untilTitle(alice, "(1) Your move · Entente");
    const note = await untilShown("A message from Orovin");
    expect(note.body).toBe("Orovin sent you a private message. Read it in the Press tab.");
    expect(note.body).not.toContain(TEXT);
    expect(note.tag).toMatch(/^message-/);
  });

  step("Bob proposes a pact: her title counts it too and a notification asks for her answer", async () => {
    const { page } = bob;
    await openTab(bob, "commitments");
    await setControl(page, `propose-party-${ALICE.power}`, "true");
    await addNonAggression(page, BOB.power, ALICE.power);
    await (await visible(page, "propose-submit")).click();
    await untilStored(server, matchID, "Bob's proposal", (g) =>
      g.commitments.some((c) => c.status === "proposed"),
    );
    await untilTitle(alice, "(2) Your move · Entente");
    const note = await untilShown("A proposal from Orovin");
    expect(note.body).toBe("Orovin proposes a commitment to you. Answer it in the Commitments tab.");
    expect(note.tag).toMatch(/^proposal-/);
    // One notification for each, each once.
    const shown = await shownTo(alice.page);
    expect(shown.map((n) => n.title).sort()).toEqual(["A message from Orovin", "A proposal from Orovin"]);
    expect(new Set(shown.map((n) => n.tag)).size).toBe(shown.length);
    // Through the service worker when one controls the page (as on a phone), else directly.
    const controlled = await alice.page.evaluate(() => navigator.serviceWorker.controller !== null);
    expect(shown.map((n) => n.via)).toEqual(shown.map(() => (controlled ? "serviceWorker" : "Notification")));
    await alice.page.setViewportSize({ width: 360, height: 740 });
    await shoot(alice.page, "notify-alice-phone");
    await alice.page.setViewportSize({ width: 1280, height: 800 });
  });

  step("Alice turns notifications off: the choice is remembered", async () => {
    const { page } = alice;
    const toggle = await visible(page, "notify-toggle");
    await toggle.click();
    await until(
      page,
      "the switch to be off",
      async () => (await toggle.getAttribute("aria-pressed")) === "false",
    );
    expect(await page.evaluate(() => localStorage.getItem("entente:notify"))).toBeNull();
    await page.reload();
    expect(await (await visible(page, "notify-toggle", 30_000)).getAttribute("aria-pressed")).toBe("false");
  });
});
