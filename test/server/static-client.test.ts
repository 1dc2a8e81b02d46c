/**
 * The built client as the server serves it (server/src/static-client.ts): the app's page for its
 * routes, the service worker and the manifest with their types and `no-cache`, hashed assets kept
 * for good, a 404 (never the page) for a missing file such as `/sw.js`, and the server's own paths
 * left alone. Run against a small client folder in a temp directory, through a real Koa server.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Koa from "koa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheControl, clientAnswer, staticClient } from "../../server/src/static-client";

const DIR = fs.mkdtempSync(path.join(os.tmpdir(), "entente-static-"));
const FILES: Readonly<Record<string, string>> = {
  "index.html": "<!doctype html><title>Entente</title>",
  "sw.js": "self.skipWaiting();",
  "workbox-0123abcd.js": "/* workbox */",
  "manifest.webmanifest": '{"name":"Entente"}',
  "icon-192.png": "png",
  "assets/index-AbC123.js": "console.log(1);",
};

let server: http.Server;
let base = "";

beforeAll(async () => {
  for (const [name, body] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(DIR, name)), { recursive: true });
    fs.writeFileSync(path.join(DIR, name), body);
  }
  const app = new Koa();
  app.use(staticClient(DIR));
  app.use((ctx) => {
    ctx.body = "the server's own answer";
  });
  const handle = app.callback();
  // Koa's handler answers its own errors (its promise does not reject).
  server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(DIR, { recursive: true, force: true });
});

async function get(p: string) {
  const res = await fetch(base + p);
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    cache: res.headers.get("cache-control"),
    body: await res.text(),
  };
}

describe("clientAnswer", () => {
  const isFile = (p: string) => Object.keys(FILES).some((name) => path.join(DIR, name) === p);

  it("gives the page for the app's routes", () => {
    for (const route of ["/", "/local", "/local/play", "/m/AbCdEf_-12", "/watch/x", "/guide"])
      expect(clientAnswer(DIR, route, isFile), route).toEqual({ kind: "page" });
  });

  it("gives a built file, and calls a missing file missing", () => {
    expect(clientAnswer(DIR, "/sw.js", isFile)).toEqual({ kind: "file", file: path.join(DIR, "sw.js") });
    expect(clientAnswer(DIR, "/assets/old-chunk-Zz9.js", isFile)).toEqual({ kind: "missing" });
    expect(clientAnswer(DIR, "/favicon.ico", isFile)).toEqual({ kind: "missing" });
  });

  it("leaves the server's own paths to it", () => {
    for (const p of [
      "/api/matches",
      "/API/matches",
      "/socket.io/",
      "/press",
      "/press/x",
      "/health",
      "/entente",
    ])
      expect(clientAnswer(DIR, p, isFile), p).toEqual({ kind: "pass" });
    expect(clientAnswer(DIR, "/pressroom", isFile)).toEqual({ kind: "page" });
  });

  it("never reaches outside the client's folder", () => {
    const outside = (p: string) => p === path.join(path.dirname(DIR), "secret.txt");
    expect(clientAnswer(DIR, "/../secret.txt", outside).kind).not.toBe("file");
    expect(clientAnswer(DIR, "/../../etc/passwd", () => true)).toEqual({
      kind: "file",
      file: path.join(DIR, "etc/passwd"),
    });
  });

  it("keeps hashed assets for good and asks again for everything else", () => {
    expect(cacheControl(DIR, path.join(DIR, "assets/index-AbC123.js"))).toBe(
      "public, max-age=31536000, immutable",
    );
    expect(cacheControl(DIR, path.join(DIR, "sw.js"))).toBe("no-cache");
    expect(cacheControl(DIR, path.join(DIR, "manifest.webmanifest"))).toBe("no-cache");
  });
});

describe("staticClient", () => {
  it("serves the service worker, its Workbox file and the manifest, never cached without asking", async () => {
    const sw = await get("/sw.js");
    expect(sw).toMatchObject({ status: 200, type: "text/javascript; charset=utf-8", cache: "no-cache" });
    expect(sw.body).toBe(FILES["sw.js"]);
    expect(await get("/workbox-0123abcd.js")).toMatchObject({ status: 200, cache: "no-cache" });
    expect(await get("/manifest.webmanifest")).toMatchObject({
      status: 200,
      type: "application/manifest+json; charset=utf-8",
      cache: "no-cache",
    });
    expect(await get("/icon-192.png")).toMatchObject({ status: 200, type: "image/png" });
  });

  it("serves the page for a route and hashed assets for good", async () => {
    const page = await get("/local");
    expect(page).toMatchObject({ status: 200, type: "text/html; charset=utf-8", cache: "no-cache" });
    expect(page.body).toBe(FILES["index.html"]);
    expect(await get("/assets/index-AbC123.js")).toMatchObject({
      status: 200,
      cache: "public, max-age=31536000, immutable",
    });
  });

  it("answers a missing file with a 404, not the page", async () => {
    fs.renameSync(path.join(DIR, "sw.js"), path.join(DIR, "sw.js.away"));
    try {
      const sw = await get("/sw.js");
      expect(sw.status).toBe(404);
      expect(sw.body).not.toContain("<!doctype html>");
    } finally {
      fs.renameSync(path.join(DIR, "sw.js.away"), path.join(DIR, "sw.js"));
    }
    expect((await get("/assets/gone-123.js")).status).toBe(404);
  });

  it("passes the server's own paths on", async () => {
    expect((await get("/api/matches")).body).toBe("the server's own answer");
    expect((await get("/health")).body).toBe("the server's own answer");
  });
});
