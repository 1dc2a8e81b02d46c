/**
 * Serves the built client (client/dist) on the server's port: its files with their content types
 * and caching, and the app's page (index.html) for the app's routes (`/`, `/local`, `/m/…`).
 *
 * The service worker (`sw.js`), its Workbox runtime and the web app manifest are files like any
 * other, never cached without asking (`no-cache`), so a new build reaches the browser on its next
 * load. A missing file — a path with an extension, such as `/sw.js` before a build or an old
 * build's chunk — is a 404, never the page: a page served as a script would break the service
 * worker's update and the app's lazy loading. The server's own paths (the API, the sockets, the
 * press channel, the health check) are left to their handlers, in any letter case and however many
 * slashes they start with (`/api`, `//api/matches`, `/health/`, `/%61pi/…`): never the page.
 *
 * Only the build's own files are served: nothing outside the folder (`..`, encoded or not, and
 * symbolic links that lead out of it), and no dotfile (`/.env`, `/.vite/manifest.json`). Every
 * answer says `nosniff`, so a browser never runs a file as a type other than the one it was sent as.
 */
import fs from "node:fs";
import path from "node:path";
import type Koa from "koa";
import { SERVER_PATHS } from "../../shared/src/wire/paths";

/** Content types by file extension; anything else is sent as bytes. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".woff2": "font/woff2",
  ".ico": "image/x-icon",
};

/** Whether a URL path is one of the server's own, spelled with extra slashes or escapes or not. */
export function isServerPath(urlPath: string): boolean {
  const plain = urlPath.replace(/[/\\]+/g, "/");
  let decoded = plain;
  try {
    decoded = decodeURIComponent(plain).replace(/[/\\]+/g, "/");
  } catch {
    // a malformed escape: the path as sent is all there is
  }
  return SERVER_PATHS.some((re) => re.test(plain) || re.test(decoded));
}

/** Whether a path (relative to the client's folder) names a dotfile or passes through a dot-folder. */
function isHidden(relative: string): boolean {
  return relative.split(/[/\\]/).some((part) => part.startsWith("."));
}

/** What a GET of `urlPath` gets from the client's folder. */
export type ClientAnswer =
  | { readonly kind: "file"; readonly file: string } // a built file
  | { readonly kind: "page" } // the app's page: one of its routes
  | { readonly kind: "missing" } // a file that is not there
  | { readonly kind: "pass" }; // not the client's: the server's own paths

/**
 * Decides what a GET of `urlPath` (a decoded URL path) gets from the built client in `dir`: the
 * file when it is there (and inside `dir`), the page for a route (a path without an extension),
 * `missing` for a file that is not there, `pass` for the server's own paths.
 */
export function clientAnswer(dir: string, urlPath: string, isFile: (p: string) => boolean): ClientAnswer {
  if (isServerPath(urlPath)) return { kind: "pass" };
  const file = path.join(dir, path.normalize(urlPath).replace(/^(\.\.[/\\])+/, ""));
  const inside = file === dir || file.startsWith(dir + path.sep);
  if (inside && !isHidden(path.relative(dir, file)) && isFile(file)) return { kind: "file", file };
  return path.posix.extname(urlPath) === "" ? { kind: "page" } : { kind: "missing" };
}

/**
 * How long a browser may keep a file: built assets carry a content hash in their names, so they
 * are kept for good; everything else (the page, the service worker, the manifest, the icons) is
 * checked with the server on every use.
 */
export function cacheControl(dir: string, file: string): string {
  return file.startsWith(path.join(dir, "assets") + path.sep)
    ? "public, max-age=31536000, immutable"
    : "no-cache";
}

/**
 * Whether `p` is a file that really lies inside `dir`: a symbolic link is followed, and a file it
 * leads to outside the folder is not the client's.
 */
function isClientFile(dir: string, p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) return false;
    const real = fs.realpathSync(p);
    const realDir = fs.realpathSync(dir);
    return real.startsWith(realDir + path.sep);
  } catch {
    return false;
  }
}

/** The Koa middleware: serves the built client in `dir` (see the module header). */
export function staticClient(dir: string): Koa.Middleware {
  return async (ctx, next) => {
    if (ctx.method !== "GET" && ctx.method !== "HEAD") {
      await next();
      return;
    }
    const isFile = (p: string): boolean => isClientFile(dir, p);
    const answer = clientAnswer(dir, ctx.path, isFile);
    if (answer.kind === "pass") {
      await next();
      return;
    }
    ctx.set("X-Content-Type-Options", "nosniff");
    if (answer.kind === "missing") {
      ctx.status = 404;
      ctx.type = "text/plain; charset=utf-8";
      ctx.set("Cache-Control", "no-store");
      ctx.body = `Not found: ${ctx.path}`;
      return;
    }
    const file = answer.kind === "file" ? answer.file : path.join(dir, "index.html");
    if (!isFile(file)) {
      ctx.type = "text/html; charset=utf-8";
      ctx.set("Cache-Control", "no-store");
      ctx.body = PLACEHOLDER;
      return;
    }
    ctx.type = CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream";
    ctx.set("Cache-Control", cacheControl(dir, file));
    ctx.body = fs.createReadStream(file);
  };
}

const PLACEHOLDER = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Entente</title>
<body style="font-family:system-ui;max-width:40rem;margin:3rem auto;line-height:1.5">
<h1>Entente</h1><p>The game server is running, but the browser client is not built: run
<code>npm run build</code> (or start with <code>npm start</code>, which builds it). The lobby API is
at <code>/api</code> and the health check at <code>/health</code>.</p></body></html>`;
