/**
 * Attack: the built client's file server (server/src/static-client.ts), over raw HTTP so that no
 * client tidies the path: `..` plain, encoded and double-encoded, backslashes, null bytes, absolute
 * and very long paths, symbolic links out of the folder, dotfiles, HEAD, and the server's own paths
 * in other spellings (`/api`, `//api/…`, `/HEALTH/`), which must never get the app's page.
 */
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Koa from "koa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staticClient } from "../../server/src/static-client";
import { removeDataDir, startInProcess } from "./support/server";

/** The folder above the client's: what lies here must never be served. */
const ROOT = fs.mkdtempSync(path.join(os.tmpdir(), "entente-attack-static-"));
const DIR = path.join(ROOT, "dist");
const OUTSIDE = "OUTSIDE-SECRET";
const PASSED = "the server's own answer";

let server: http.Server;
let port = 0;

beforeAll(async () => {
  fs.mkdirSync(path.join(DIR, "assets"), { recursive: true });
  fs.writeFileSync(path.join(DIR, "index.html"), "<!doctype html><title>Entente</title>");
  fs.writeFileSync(path.join(DIR, "sw.js"), "self.skipWaiting();");
  fs.writeFileSync(path.join(DIR, "assets/index-AbC123.js"), "console.log(1);");
  fs.writeFileSync(path.join(DIR, ".env"), OUTSIDE);
  fs.mkdirSync(path.join(DIR, ".vite"));
  fs.writeFileSync(path.join(DIR, ".vite/manifest.json"), `{"secret":"${OUTSIDE}"}`);
  fs.writeFileSync(path.join(ROOT, "secret.txt"), OUTSIDE);
  fs.writeFileSync(path.join(ROOT, "dist-sibling.js"), OUTSIDE);
  fs.symlinkSync(path.join(ROOT, "secret.txt"), path.join(DIR, "linked.txt"));
  fs.symlinkSync(ROOT, path.join(DIR, "up"));
  const app = new Koa();
  app.use(staticClient(DIR));
  app.use((ctx) => {
    ctx.type = "text/plain";
    ctx.body = PASSED;
  });
  const handle = app.callback();
  server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(ROOT, { recursive: true, force: true });
});

interface RawAnswer {
  readonly status: number;
  readonly headers: string; // lower case
  readonly body: string;
}

/** One raw request line (the path exactly as written), to `to` (default: the test's file server). */
function raw(target: string, method = "GET", to = port): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(to, "127.0.0.1", () =>
      socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
    );
    let text = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("end", () => {
      const [head = "", ...rest] = text.split("\r\n\r\n");
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0),
        headers: head.toLowerCase(),
        body: rest.join("\r\n\r\n"),
      });
    });
    socket.on("error", reject);
    socket.setTimeout(5_000, () => socket.destroy(new Error(`${method} ${target} timed out`)));
  });
}

function isPage(answer: RawAnswer): boolean {
  return answer.headers.includes("content-type: text/html");
}

describe("attack: the client's file server", () => {
  it("attack: nothing outside the folder is served, however the path is spelled", async () => {
    const targets = [
      "/../secret.txt",
      "/../../../../../../etc/passwd",
      "/%2e%2e/secret.txt",
      "/%2e%2e%2fsecret.txt",
      "/%252e%252e%252fsecret.txt",
      "/..%2fsecret.txt",
      "/..%5csecret.txt",
      "/..\\secret.txt",
      "/assets/../../secret.txt",
      "/../dist-sibling.js",
      "//etc/passwd",
      `/${ROOT}/secret.txt`,
      "/secret.txt%00.js",
      "http://127.0.0.1/../secret.txt",
      `/${"a/".repeat(3000)}../../secret.txt`,
    ];
    for (const target of targets) {
      const answer = await raw(target);
      expect(answer.body, target.slice(0, 80)).not.toContain(OUTSIDE);
      expect([200, 400, 404, 431], target.slice(0, 80)).toContain(answer.status);
    }
  });

  it("attack: a symbolic link out of the folder is not followed", async () => {
    for (const target of ["/linked.txt", "/up/secret.txt", "/up/dist-sibling.js"]) {
      const answer = await raw(target);
      expect(answer.body, target).not.toContain(OUTSIDE);
      expect(answer.status, target).toBe(404);
    }
  });

  it("attack: dotfiles and dot-folders are never served", async () => {
    for (const target of ["/.env", "/.vite/manifest.json", "/assets/../.env", "/./.env"]) {
      const answer = await raw(target);
      expect(answer.body, target).not.toContain(OUTSIDE);
    }
    expect((await raw("/.vite/manifest.json")).status).toBe(404);
  });

  it("attack: the server's own paths never get the app's page, in any spelling", async () => {
    const own = [
      "/api",
      "/API",
      "/api/",
      "/Api/matches",
      "//api/matches",
      "///api",
      "/%61pi/matches",
      "/health/",
      "/HEALTH",
      "/socket.io",
      "//socket.io/",
      "/press",
      "/entente/",
    ];
    for (const target of own)
      for (const method of ["GET", "HEAD"]) {
        const answer = await raw(target, method);
        expect(isPage(answer), `${method} ${target}`).toBe(false);
        if (method === "GET") expect(answer.body, target).toBe(PASSED);
      }
  });

  it("attack: a missing script is a 404 in plain text, never the page; files say nosniff", async () => {
    for (const target of ["/missing.js", "/assets/index-ZZZ.js", "/SW.JS", "/sw.js/", "/sw.js%20"]) {
      const answer = await raw(target);
      expect(answer.status, target).toBe(404);
      expect(isPage(answer), target).toBe(false);
    }
    const sw = await raw("/sw.js");
    expect(sw.status).toBe(200);
    expect(sw.headers).toContain("content-type: text/javascript");
    expect(sw.headers).toContain("cache-control: no-cache");
    expect(sw.headers).toContain("x-content-type-options: nosniff");
    expect((await raw("/m/abc/continue")).headers).toContain("x-content-type-options: nosniff");
  });

  it("attack: HEAD and Range requests leave no file open", async () => {
    const open = (): number => fs.readdirSync("/proc/self/fd").length;
    const before = open();
    for (let i = 0; i < 100; i++) {
      const answer = await raw(i % 2 ? "/sw.js" : "/assets/index-AbC123.js", "HEAD");
      expect(answer.status).toBe(200);
      expect(answer.body).toBe("");
    }
    for (let i = 0; i < 20; i++) {
      const ranged = await fetch(`http://127.0.0.1:${port}/sw.js`, { headers: { Range: "bytes=0-3" } });
      expect([200, 206]).toContain(ranged.status);
      await ranged.arrayBuffer();
    }
    expect(open()).toBeLessThan(before + 10);
  });
});

describe("attack: the whole server's paths", () => {
  it("attack: /api, //api/… and /health/ on the real server are never the app's page", async () => {
    const s = await startInProcess();
    try {
      for (const target of [
        "/api",
        "/API",
        "//api/matches",
        "/health/",
        "/api/matches/x/continue",
        "/socket.io",
      ])
        for (const method of ["GET", "HEAD"]) {
          const answer = await raw(target, method, s.port);
          expect(isPage(answer), `${method} ${target}`).toBe(false);
          expect(answer.status, `${method} ${target}`).toBeGreaterThanOrEqual(400);
        }
    } finally {
      await s.stop();
      removeDataDir(s.dataDir);
    }
  });
});
