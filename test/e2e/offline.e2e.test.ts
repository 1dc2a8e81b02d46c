/**
 * The installable app without a network (Debian's Chromium via playwright-core): after one online
 * visit, the service worker (client/vite.config.ts, registered in client/src/main.tsx) controls
 * the page and holds the built app; the web app manifest and its icons are there, and Chromium
 * finds nothing that stops an install; `/local` says the app is ready to work offline. Then, with
 * the network off — proven by a failing `fetch("/health")` from the page — a reload of `/local`
 * still loads the app, lists the saved match and resumes it; a second offline match joins the
 * first instead of replacing it; a reload of `/local/play` goes on with it; an online page
 * (`/m/…`) opens the app's own page instead of the browser's error page. Last, a new build
 * (served from a copy of client/dist whose page and worker are changed) replaces the old one on
 * the next load, without anyone clearing anything.
 *
 * Each step is one test; after a failure the later ones are skipped and the screens are saved.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Koa from "koa";
import type { Page } from "playwright-core";
import { afterAll, describe, expect } from "vitest";
import { CLIENT_DIST } from "../../server/src/client-build";
import { staticClient } from "../../server/src/static-client";
import {
  e2eStory,
  localMatchIds,
  openContext,
  readText,
  setControl,
  shoot,
  storySteps,
  until,
  visible,
  type Player,
} from "./support/harness";

const {
  server,
  players: { player },
  step,
} = e2eStory("offline-", { player: {} }, { stepTimeoutMs: 60_000 });
let firstId = "";

/** The kept offline matches' ids, in the index's order. */
const keptIds = () => localMatchIds(player.page);

/** The current offline match's id, once there is one. */
async function currentId(): Promise<string> {
  let id: string | null = null;
  await until(player.page, "a current offline match", async () => {
    id = await player.page.evaluate(() => localStorage.getItem("entente.local.current"));
    return id !== null;
  });
  return id!;
}

/** Whether a service worker controls the page. */
async function controlled(): Promise<boolean> {
  return player.page.evaluate(() => navigator.serviceWorker.controller !== null);
}

/** Waits (bounded) until a service worker controls `page`; names its state on failure. */
async function untilControlled(page: Page): Promise<void> {
  try {
    await until(
      page,
      "a service worker to control the page",
      () => page.evaluate(() => navigator.serviceWorker.controller !== null),
      30_000,
    );
  } catch (error) {
    const state = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      if (!r) return "no registration";
      return `installing ${r.installing?.state ?? "-"}, waiting ${r.waiting?.state ?? "-"}, active ${r.active?.state ?? "-"}`;
    });
    throw new Error(`no service worker controls the page (${state})`, { cause: error });
  }
}

/** Whether the page can reach the server (`GET /health`). */
async function reachesServer(): Promise<boolean> {
  return player.page.evaluate(async () => {
    try {
      return (await fetch("/health", { cache: "no-store" })).ok;
    } catch {
      return false;
    }
  });
}

describe("the app offline", () => {
  step(
    "an online visit installs the app: the manifest, its icons, a controlling service worker",
    async () => {
      const { page } = player;
      await page.goto(`${server.url}/local`);
      await visible(page, "local-start");
      const manifest = await page.evaluate(async () => {
        const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
        if (!link) return null;
        const res = await fetch(link.href);
        return { type: res.headers.get("content-type"), body: (await res.json()) as Record<string, unknown> };
      });
      expect(manifest, "a <link rel=manifest> in the page").not.toBeNull();
      expect(manifest!.type).toContain("application/manifest+json");
      expect(manifest!.body).toMatchObject({ name: "Entente", start_url: "/", display: "standalone" });
      const icons = manifest!.body["icons"] as { src: string; sizes: string; purpose?: string }[];
      expect(icons.map((i) => `${i.sizes} ${i.purpose ?? "any"}`).sort()).toEqual([
        "192x192 any",
        "512x512 any",
        "512x512 maskable",
      ]);
      for (const icon of icons) {
        const got = await page.evaluate(async (src) => {
          const res = await fetch(src);
          return { status: res.status, type: res.headers.get("content-type") };
        }, icon.src);
        expect(got, icon.src).toEqual({ status: 200, type: "image/png" });
      }
      // The worker installs (precaching the app) and takes the page; after a reload it controls it.
      await untilControlled(page);
      await page.reload();
      await visible(page, "local-start");
      expect(await controlled()).toBe(true);
      // Chromium's own verdict: nothing stands in the way of installing the app.
      const cdp = await player.context.newCDPSession(page);
      const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as {
        installabilityErrors: { errorId: string }[];
      };
      await cdp.detach();
      expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
      const ready = await visible(page, "local-offline-ready");
      expect(await readText(ready)).toContain("ready to work offline");
      const sw = await page.evaluate(async () => {
        const res = await fetch("/sw.js", { cache: "no-store" });
        return {
          status: res.status,
          type: res.headers.get("content-type"),
          cache: res.headers.get("cache-control"),
        };
      });
      expect(sw).toEqual({ status: 200, type: "text/javascript; charset=utf-8", cache: "no-cache" });
    },
  );

  step("a first match is started online", async () => {
    const { page } = player;
    await setControl(page, "local-map", "classic");
    await setControl(page, "local-power", "FRA");
    await (await visible(page, "local-start")).click();
    await page.waitForURL("**/local/play");
    await visible(page, "phase-label");
    firstId = await currentId();
    await (await visible(page, "local-menu")).click();
    await page.waitForURL("**/local");
    await visible(page, `local-match-${firstId}`);
  });

  step("with the network off, /local reloads, lists the match and resumes it", async () => {
    const { page, context } = player;
    await context.setOffline(true);
    expect(await reachesServer(), "the server is out of reach").toBe(false);
    await page.reload();
    await visible(page, `local-match-${firstId}`);
    expect(await reachesServer(), "the server is still out of reach").toBe(false);
    await shoot(page, "offline-01-local");
    await (await visible(page, `local-resume-${firstId}`)).click();
    await page.waitForURL("**/local/play");
    const label = await visible(page, "phase-label");
    await until(page, "the first match's board", async () => (await readText(label)).includes("1901"));
    await visible(page, "unit-par");
    await shoot(page, "offline-02-resumed");
  });

  step("offline, a second match joins the first, and a reload of /local/play goes on with it", async () => {
    const { page } = player;
    await (await visible(page, "local-menu")).click();
    await page.waitForURL("**/local");
    await setControl(page, "local-map", "amber");
    await (await visible(page, "local-start")).click();
    await page.waitForURL("**/local/play");
    await visible(page, "phase-label");
    await until(page, "the second match to be current", async () => (await currentId()) !== firstId);
    const secondId = await currentId();
    expect((await keptIds()).sort()).toEqual([firstId, secondId].sort());
    await page.reload();
    await visible(page, "phase-label");
    expect(await currentId()).toBe(secondId);
    expect(await reachesServer()).toBe(false);
    await (await visible(page, "local-menu")).click();
    await page.waitForURL("**/local");
    await visible(page, `local-match-${firstId}`);
    await visible(page, `local-match-${secondId}`);
    await page.setViewportSize({ width: 360, height: 740 });
    await shoot(page, "offline-03-local-phone");
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  step("offline, an online page opens the app's own page, not the browser's error", async () => {
    const { page } = player;
    await page.goto(`${server.url}/m/AbCdEfGhIjKl`);
    await page.locator(".site-header").waitFor();
    expect(await page.title()).toBe("Entente");
    // The lobby API is out of reach: the match page says so in its own words.
    await page.getByText("could not be reached").waitFor();
    expect(await page.locator("h1").first().textContent()).toBe("You are offline");
    await shoot(page, "offline-04-online-page");
  });
});

/** A copy of the built client, served on its own port by the server's static part alone. */
interface BuildCopy {
  readonly dir: string;
  readonly url: string;
  close(): Promise<void>;
}

async function serveBuildCopy(): Promise<BuildCopy> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entente-e2e-build-"));
  fs.cpSync(CLIENT_DIST, dir, { recursive: true });
  const app = new Koa();
  app.use(staticClient(dir));
  const handle = app.callback();
  // Koa's handler answers its own errors (its promise does not reject).
  const copy = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => copy.listen(0, "127.0.0.1", resolve));
  const address = copy.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    dir,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => copy.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Makes the copy a "new build": its page gains a marker, and its worker precaches the page at
 * the new revision (Workbox's revision is the file's MD5), as `vite build` would write them.
 */
function publishNewBuild(dir: string): void {
  const pageFile = path.join(dir, "index.html");
  const page = fs
    .readFileSync(pageFile, "utf8")
    .replace("<title>", '<meta name="entente-build" content="2" /><title>');
  fs.writeFileSync(pageFile, page);
  const revision = crypto.createHash("md5").update(page).digest("hex");
  const workerFile = path.join(dir, "sw.js");
  const worker = fs.readFileSync(workerFile, "utf8");
  const updated = worker.replace(
    /\{url:"index\.html",revision:"[0-9a-f]+"\}/,
    `{url:"index.html",revision:"${revision}"}`,
  );
  if (updated === worker)
    throw new Error("sw.js does not precache index.html by revision: the test needs updating");
  fs.writeFileSync(workerFile, updated);
}

describe("a new build", () => {
  let copy: BuildCopy | undefined;
  let browser: Player | undefined;
  afterAll(async () => {
    await browser?.close();
    await copy?.close();
  });
  const updateStep = storySteps("offline-update-", () => ({ browser }), 60_000);

  updateStep("replaces the old one on the next load", async () => {
    copy = await serveBuildCopy();
    browser = await openContext("offline-update");
    const { page } = browser;
    await page.goto(`${copy.url}/local`);
    await visible(page, "local-start");
    await untilControlled(page);
    const marker = () => page.evaluate(() => document.querySelector('meta[name="entente-build"]') !== null);
    expect(await marker()).toBe(false);
    publishNewBuild(copy.dir);
    // The next load checks the worker (never cached), installs the new one, which takes over;
    // the page then reloads once into the new build.
    await page.goto(`${copy.url}/local`);
    await until(page, "the new build's page", marker, 30_000);
    await visible(page, "local-start");
  });
});
