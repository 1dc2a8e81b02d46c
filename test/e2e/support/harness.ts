/**
 * The end-to-end harness: the real client (built with Vite into client/dist), the real server
 * (in this process, a fresh SQLite folder, a short TICK_MS) and Debian's Chromium driven by
 * playwright-core. Nothing is downloaded: the browser is `/usr/bin/chromium` (`.ci/run` installs
 * it with apt when it is missing).
 *
 * - `ensureClientBuilt` (server/src/client-build.ts, as `npm start` uses it) runs `vite build` when
 *   client/dist is missing or older than any of its inputs; concurrent test files wait on a lock.
 * - `startE2EServer` picks a free port first and starts the server on it, so that the browser's
 *   `Origin` (`http://127.0.0.1:<port>`) is one of the allowed origins (the server allows
 *   `http://localhost:<PORT>` and `http://127.0.0.1:<PORT>`, which `PORT: "0"` would not match).
 * - `openContext` launches Chromium with a fresh user data folder per context, so every player is
 *   a separate browser with its own localStorage (where the seat credentials live).
 * - `shoot` saves a screenshot under test/e2e/screenshots/ (kept out of git).
 * - `e2eStory` is a story's whole setup: its `beforeAll` (client, server, browsers), its `afterAll`
 *   (every browser closed, the server stopped) and its `step`s (see `storySteps`).
 *
 * Every wait is bounded; nothing sleeps for a fixed time.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { startServer, type RunningServer } from "../../../server/src/app";
import { ensureClientBuilt } from "../../../server/src/client-build";
import { readConfig } from "../../../server/src/config";
import { afterAll, beforeAll, expect, it, type TestContext } from "vitest";
import type { MatchState } from "../../../shared/src";

/** The repository root. */
export const ROOT = path.resolve(import.meta.dirname, "../../..");
/** Where the screenshots go (gitignored). */
export const SCREENSHOTS = path.join(ROOT, "test/e2e/screenshots");
/** Debian's Chromium. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// ---------------------------------------------------------------------------------------------
// The client build: one home, shared with `npm start`.

export { clientIsStale, ensureClientBuilt } from "../../../server/src/client-build";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// The server

/** A server for the browser tests. */
export interface E2EServer {
  readonly server: RunningServer;
  readonly url: string; // http://127.0.0.1:<port>
  readonly dataDir: string;
  stop(): Promise<void>;
}

/**
 * A JSON request to a story's server, as any client sends it (a key as `Authorization: Bearer`):
 * the answer's status and JSON (null when it is not JSON).
 */
export async function requestJson(
  server: { readonly url: string },
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  key?: string,
): Promise<{ status: number; data: unknown }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (key !== undefined) headers["Authorization"] = `Bearer ${key}`;
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, data: await res.json().catch(() => null) };
}

/** axe-core's browser script. */
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** One violation as axe reports it (the fields read here). */
interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[]; readonly failureSummary?: string }[];
}

/** Runs axe on the page as it is: the serious and critical violations, one line each (empty: none). */
export async function audit(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id} (${v.help}): ` +
        v.nodes
          .slice(0, 8)
          .map(
            (n) =>
              `${JSON.stringify(n.target)}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, " ")}` : ""}`,
          )
          .join("; "),
    );
}

/** A port that was free a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the server in this process on a free port with a fresh data folder. The rate limits are
 * raised out of the way of several browsers on one address; `TICK_MS` is short so clocks start
 * as soon as the last open seat is taken.
 */
export async function startE2EServer(env: Readonly<Record<string, string>> = {}): Promise<E2EServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "entente-e2e-"));
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const config = readConfig({
      JOINS_PER_MINUTE: "100000",
      ACTIONS_PER_SECOND: "1000",
      PRESS_PER_MINUTE: "100000",
      TICK_MS: "50",
      ...env,
      PORT: String(port),
      DATA_DIR: dataDir,
    });
    try {
      const server = await startServer(config);
      let stopped = false;
      return {
        server,
        url: `http://127.0.0.1:${server.port}`,
        dataDir,
        stop: async () => {
          if (stopped) return;
          stopped = true;
          await server.stop();
          fs.rmSync(dataDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      // Someone took the port between the probe and the listen: try another one.
      if (attempt >= 5 || (error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Browsers

/** What a test may ask of a browser context. */
export interface ContextOptions {
  readonly viewport?: { width: number; height: number };
  readonly isMobile?: boolean;
  readonly hasTouch?: boolean;
  readonly deviceScaleFactor?: number;
  readonly permissions?: readonly string[]; // e.g. clipboard-read, clipboard-write
}

/** One browser (its own Chromium process and profile) with its first page. */
export interface Player {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Page errors and console errors seen so far, for failure messages. */
  readonly problems: string[];
  close(): Promise<void>;
}

/** Launches Chromium with a fresh user data folder and returns its page. */
export async function openContext(label: string, options: ContextOptions = {}): Promise<Player> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH`,
    );
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), `entente-e2e-${label}-`));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    isMobile: options.isMobile ?? false,
    hasTouch: options.hasTouch ?? false,
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    permissions: [...(options.permissions ?? [])],
    locale: "en-GB",
    timezoneId: "Europe/London",
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on("pageerror", (error) => {
    const where = (error.stack ?? "").split("\n").slice(1, 3).join(" ").trim();
    problems.push(`${label} page error: ${error.message}${where ? ` (${where})` : ""}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`${label} console error: ${message.text()}`);
  });
  let closed = false;
  return {
    context,
    page,
    problems,
    close: async () => {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Page helpers

/** The element with `data-testid` exactly `id`. */
export function byTestId(page: Page | Locator, id: string): Locator {
  return page.locator(`[data-testid="${id}"]`);
}

/** Waits (bounded) until the element with `data-testid` `id` is visible; names the id on failure. */
export async function visible(page: Page | Locator, id: string, timeoutMs = 15_000): Promise<Locator> {
  const locator = byTestId(page, id).first();
  try {
    await locator.waitFor({ state: "visible", timeout: timeoutMs });
  } catch (error) {
    throw new Error(`data-testid="${id}" did not become visible within ${timeoutMs} ms`, { cause: error });
  }
  return locator;
}

/** Waits (bounded) until `check` holds in the page; `what` names it on failure. */
export async function until(page: Page, what: string, check: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await page.waitForTimeout(100); // a polling interval inside a bounded wait, not a fixed sleep
  }
}

/**
 * Sets a form control's value whatever it is: a `<select>` (by value, else by label), a
 * checkbox or radio (`"true"`/`"false"`), or a text field. A disabled control must already hold it.
 */
export async function setControl(page: Page, id: string, value: string): Promise<void> {
  const control = await visible(page, id);
  const tag = await control.evaluate((el) => el.tagName.toLowerCase());
  const type = await control.evaluate((el) => (el instanceof HTMLInputElement ? el.type : ""));
  if (!(await control.isEnabled())) {
    // A fixed control (e.g. the host's own seat, or the only player count a map allows).
    const current =
      tag === "select" || tag === "input" || tag === "textarea" ? await control.inputValue() : "";
    if (current.toLowerCase() !== value.toLowerCase())
      throw new Error(`data-testid="${id}" is disabled at "${current}", the test wants "${value}"`);
    return;
  }
  if (tag === "select") {
    const options = await control.evaluate((el) =>
      [...(el as HTMLSelectElement).options].map((o) => ({ value: o.value, label: o.label.trim() })),
    );
    const wanted = value.toLowerCase();
    const match =
      options.find((o) => o.value.toLowerCase() === wanted) ??
      options.find((o) => o.label.toLowerCase() === wanted) ??
      options.find((o) => o.label.toLowerCase().includes(wanted));
    if (!match)
      throw new Error(`data-testid="${id}" has no option "${value}" (has ${JSON.stringify(options)})`);
    await control.selectOption(match.value);
  } else if (type === "checkbox" || type === "radio") {
    await control.setChecked(value === "true");
  } else {
    await control.fill(value);
  }
}

/** The text of an element, or its value for a form field, or its href for a link. */
export async function readText(locator: Locator): Promise<string> {
  return locator.evaluate((el) => {
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el.value;
    if (el instanceof HTMLAnchorElement && el.href) return el.href;
    return el.textContent;
  });
}

/** The landing page's create form, as a story fills it (unset fields keep their defaults). */
export interface CreateForm {
  readonly map: string;
  readonly players: number;
  readonly seats: readonly string[]; // seat kinds in map order, e.g. "human", "bot"
  readonly name: string;
  readonly timing?: string;
  readonly press?: string;
  readonly preset?: string;
}

/** Opens the landing page at `url` and fills its create form (without submitting it). */
export async function fillCreateForm(page: Page, url: string, form: CreateForm): Promise<void> {
  await page.goto(`${url}/`);
  await setControl(page, "create-map", form.map);
  await setControl(page, "create-players", String(form.players));
  for (const [i, kind] of form.seats.entries()) await setControl(page, `create-seat-${i}`, kind);
  await setControl(page, "create-name", form.name);
  if (form.timing !== undefined) await setControl(page, "create-timing", form.timing);
  if (form.press !== undefined) await setControl(page, "create-press", form.press);
  if (form.preset !== undefined) await setControl(page, "create-preset", form.preset);
}

/** Submits the filled create form; the invite link and the new match's id. */
export async function submitCreateForm(page: Page): Promise<{ invite: string; matchID: string }> {
  await (await visible(page, "create-submit")).click();
  const invite = (await readText(await visible(page, "invite-link"))).trim();
  return { invite, matchID: invite.slice(invite.lastIndexOf("/") + 1) };
}

/** A tab of the game screen. */
export type GameTab = "orders" | "press" | "commitments" | "newspaper" | "history";

/** Opens a tab of the game screen (scrolled into view first, for phones). */
export async function openTab(player: Player, tab: GameTab): Promise<void> {
  const button = await visible(player.page, `tab-${tab}`);
  await button.scrollIntoViewIfNeeded();
  await button.click();
}

/** Saves a screenshot of the page's viewport as test/e2e/screenshots/<name>.png. */
export async function shoot(page: Page, name: string, fullPage = false): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  // A whole page is drawn from its top: else sticky bars land where the scroll left them.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage, animations: "disabled" });
  return file;
}

/** The seats this browser holds (`localStorage["entente.seats"]`, see client/CONTRACT.md). */
export interface StoredSeat {
  readonly matchID: string;
  readonly playerID: string;
  readonly credentials: string;
  readonly power: string;
  readonly name: string;
}

/** Reads the seats a page's browser holds. */
export async function storedSeats(page: Page): Promise<StoredSeat[]> {
  const raw = await page.evaluate(() => localStorage.getItem("entente.seats"));
  if (!raw) return [];
  const parsed = JSON.parse(raw) as unknown;
  return Array.isArray(parsed) ? (parsed as StoredSeat[]) : [];
}

// ---------------------------------------------------------------------------------------------
// Time to first render

/** Navigation timings of one page load, in milliseconds from the navigation's start. */
export interface RenderTimings {
  readonly responseStart: number; // first byte of the HTML
  readonly domContentLoaded: number;
  readonly load: number;
  readonly firstContentfulPaint: number | null;
  readonly firstRender: number; // the app's root first had content
  readonly ready: number; // the awaited selector was there (as the test saw it)
  readonly transferredBytes: number; // HTML, scripts and styles as sent (compressed if so)
}

/**
 * Loads `url` in the page and measures it: a script injected before the page's own notes
 * `performance.now()` when `#root` first has an element child (the app's first render), and the
 * Navigation Timing and Paint entries give the rest. `readySelector` is what the test waits for.
 */
export async function measureFirstRender(
  page: Page,
  url: string,
  readySelector: string,
): Promise<RenderTimings> {
  await page.addInitScript(() => {
    const w = window as unknown as { __firstRender?: number };
    const check = (): boolean => {
      const root = document.getElementById("root");
      if (w.__firstRender === undefined && root && root.childElementCount > 0) {
        w.__firstRender = performance.now();
        performance.mark("entente:first-render");
      }
      return w.__firstRender !== undefined;
    };
    const observer = new MutationObserver(() => {
      if (check()) observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  await page.goto(url, { waitUntil: "commit" });
  await page.locator(readySelector).first().waitFor({ state: "visible", timeout: 15_000 });
  const ready = await page.evaluate(() => performance.now());
  await page.waitForFunction(() => document.readyState === "complete", undefined, { timeout: 15_000 });
  return page.evaluate((readyAt) => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    const w = window as unknown as { __firstRender?: number };
    return {
      responseStart: nav?.responseStart ?? 0,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? 0,
      load: nav?.loadEventEnd ?? 0,
      firstContentfulPaint: fcp ? fcp.startTime : null,
      firstRender: w.__firstRender ?? readyAt,
      ready: readyAt,
      transferredBytes: (nav?.transferSize ?? 0) + resources.reduce((sum, r) => sum + r.transferSize, 0),
    };
  }, ready);
}

/** One line for the test output. */
export function formatTimings(label: string, t: RenderTimings): string {
  const ms = (n: number | null) => (n === null ? "n/a" : `${Math.round(n)} ms`);
  return (
    `${label}: first render: ${ms(t.firstRender)} (target ≤ 1500 ms, not asserted); ` +
    `first byte ${ms(t.responseStart)}, first contentful paint ${ms(t.firstContentfulPaint)}, ` +
    `DOMContentLoaded ${ms(t.domContentLoaded)}, load ${ms(t.load)}, ready ${ms(t.ready)}, ` +
    `${Math.round(t.transferredBytes / 1024)} kB transferred`
  );
}

// ---------------------------------------------------------------------------------------------
// The server's truth

/** A match's state as the server stores it (`G`), or null when there is none. */
export function storedState(server: E2EServer, matchID: string): MatchState | null {
  const { state } = server.server.ctx.storage.fetch(matchID, { state: true });
  return state ? (state.G as MatchState) : null;
}

/** Waits (bounded) until the stored state of a match satisfies `check`; returns that state. */
export async function untilStored(
  server: E2EServer,
  matchID: string,
  what: string,
  check: (G: MatchState) => boolean,
  timeoutMs = 15_000,
): Promise<MatchState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const G = storedState(server, matchID);
    if (G && check(G)) return G;
    if (Date.now() > deadline) {
      const where = G ? `${G.position.season} ${G.position.year} ${G.position.phase}` : "no state";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (the match is at ${where})`);
    }
    await sleep(50);
  }
}

/**
 * The steps of a story told across `it` blocks, in order. After a step fails the later ones are
 * skipped; an uncaught exception in any page fails the step it happened in; a failing step saves
 * every page's screen (`fail-<prefix><step>-<who>.png`) and adds the browsers' problems to the error.
 * @param players the pages of the story by name, read when a step runs (null: not open yet)
 */
export function storySteps(
  prefix: string,
  players: () => Readonly<Record<string, Player | null | undefined>>,
  defaultTimeoutMs: number,
): StoryStep {
  let failed: string | null = null;
  return (name, body, timeoutMs = defaultTimeoutMs) => {
    it(
      name,
      async (ctx: TestContext) => {
        if (failed !== null) ctx.skip(`an earlier step failed: ${failed}`);
        const open = Object.entries(players()).filter(
          (e): e is [string, Player] => e[1] !== null && e[1] !== undefined,
        );
        try {
          await body();
          const crashes = open.flatMap(([, p]) => p.problems).filter((m) => m.includes("page error"));
          expect(crashes, "uncaught exceptions in the pages").toEqual([]);
        } catch (error) {
          failed = name;
          const slug = name.replace(/[^a-z0-9]+/gi, "-").slice(0, 40);
          for (const [who, p] of Object.entries(players()))
            if (p) await shoot(p.page, `fail-${prefix}${slug}-${who}`, true).catch(() => undefined);
          const problems = Object.values(players()).flatMap((p) => p?.problems ?? []);
          if (problems.length > 0 && error instanceof Error)
            error.message += `\nbrowser problems:\n  ${problems.join("\n  ")}`;
          throw error;
        }
      },
      timeoutMs,
    );
  };
}

// ---------------------------------------------------------------------------------------------
// A story's setup

/** One step of a story (see `storySteps`). */
export type StoryStep = (name: string, body: () => Promise<void>, timeoutMs?: number) => void;

/** What a story asks of `e2eStory` besides its players. */
export interface E2EStoryOptions {
  /** A step's time limit unless the step names its own (90 s unless told). */
  readonly stepTimeoutMs?: number;
  /** Settings for the server (see `startE2EServer`). */
  readonly env?: Readonly<Record<string, string>>;
}

/** A story's server, players and steps, set up by `e2eStory`. */
export interface E2EStory<N extends string> {
  /** The story's server; reading it before `beforeAll` has started it throws. */
  readonly server: E2EServer;
  /** The browsers opened in `beforeAll`, by name; reading one before it is open throws. */
  readonly players: Readonly<Record<N, Player>>;
  /** The story's steps; a failing step screenshots every open browser, the later ones included. */
  readonly step: StoryStep;
  /**
   * Opens another browser during the story (label `<prefix><name>`): it is closed in `afterAll`
   * and screenshotted when a step fails.
   */
  readonly open: (name: string, options?: ContextOptions) => Promise<Player>;
}

/**
 * Sets up a story: registers a `beforeAll` that builds the client, starts a server and opens one
 * browser per entry of `players` (label `<prefix><name>`), and an `afterAll` that closes every
 * browser it opened and stops the server (whatever `beforeAll` managed before failing). The
 * returned `server` and `players` stand for the real ones from the moment `beforeAll` made them,
 * so a story can destructure them at the top of its file.
 */
export function e2eStory<N extends string>(
  prefix: string,
  players: Readonly<Record<N, ContextOptions>>,
  options: E2EStoryOptions = {},
): E2EStory<N> {
  let started: E2EServer | undefined;
  const opened = new Map<string, Player>();
  const open = async (name: string, contextOptions: ContextOptions = {}): Promise<Player> => {
    if (opened.has(name)) throw new Error(`the story already has a browser named "${name}"`);
    const player = await openContext(`${prefix}${name}`, contextOptions);
    opened.set(name, player);
    return player;
  };
  const real = (): E2EServer => {
    if (!started) throw new Error("the story's server is not started (did its beforeAll fail?)");
    return started;
  };
  const player = (name: string): Player => {
    const found = opened.get(name);
    if (!found) throw new Error(`the story's "${name}" browser is not open (did its beforeAll fail?)`);
    return found;
  };

  beforeAll(async () => {
    await ensureClientBuilt();
    started = await startE2EServer(options.env);
    for (const [name, contextOptions] of Object.entries<ContextOptions>(players))
      await open(name, contextOptions);
  }, 180_000);

  afterAll(async () => {
    for (const p of opened.values()) {
      await p.context.setOffline(false).catch(() => undefined); // a story may leave one offline
      await p.close();
    }
    await started?.stop();
  });

  const server: E2EServer = {
    get server() {
      return real().server;
    },
    get url() {
      return real().url;
    },
    get dataDir() {
      return real().dataDir;
    },
    stop: () => real().stop(),
  };
  const handles = Object.fromEntries(
    Object.keys(players).map((name): [string, Player] => [
      name,
      {
        get context() {
          return player(name).context;
        },
        get page() {
          return player(name).page;
        },
        get problems() {
          return player(name).problems;
        },
        close: () => player(name).close(),
      },
    ]),
  ) as Record<N, Player>;
  const step = storySteps(prefix, () => Object.fromEntries(opened), options.stepTimeoutMs ?? 90_000);
  return { server, players: handles, step, open };
}

/** The offline setup's choices that `startLocalMatch` makes (unset ones keep their defaults). */
export interface LocalSetup {
  readonly map?: string;
  readonly power?: string;
  readonly bots?: string;
}

/** Opens `/local` at `url`, makes the `setup` choices, starts the match and waits for `/local/play`. */
export async function startLocalMatch(page: Page, url: string, setup: LocalSetup = {}): Promise<void> {
  await page.goto(`${url}/local`);
  if (setup.map !== undefined) await setControl(page, "local-map", setup.map);
  if (setup.power !== undefined) await setControl(page, "local-power", setup.power);
  if (setup.bots !== undefined) await setControl(page, "local-bots", setup.bots);
  await (await visible(page, "local-start")).click();
  await page.waitForURL("**/local/play");
}

/** The kept offline matches' ids, in the order of the index the page keeps in localStorage. */
export async function localMatchIds(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (JSON.parse(localStorage.getItem("entente.local.index") ?? "[]") as { id: string }[]).map((e) => e.id),
  );
}

/** Adds a non-aggression clause (`from` will not attack `to`) to the proposal being drafted. */
export async function addNonAggression(page: Page, from: string, to: string): Promise<void> {
  await setControl(page, "propose-clause-kind", "non-aggression");
  await setControl(page, "clause-from", from);
  await setControl(page, "clause-to", to);
  await (await visible(page, "propose-clause-add")).click();
}
