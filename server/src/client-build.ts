/**
 * The browser client's build (client/dist), which the server serves on its one port.
 *
 * `npm start` calls `ensureClientBuilt` before serving: it runs `vite build` only when client/dist
 * is missing or older than one of the client's inputs (client/, shared/src/, assets/maps/,
 * package-lock.json), so a second start serves at once. The end-to-end tests call it too; a lock
 * folder makes concurrent callers wait for one build. `npm run build` always builds.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** The repository root. */
const ROOT = path.resolve(import.meta.dirname, "../..");
/** The built client. */
export const CLIENT_DIST = path.join(ROOT, "client/dist");
const DIST_INDEX = path.join(CLIENT_DIST, "index.html");
const BUILD_INPUTS = [
  "client/src",
  "client/public",
  "client/index.html",
  "client/vite.config.ts",
  "shared/src",
  "assets/maps",
  "package-lock.json",
].map((p) => path.join(ROOT, p));
const LOCK = path.join(ROOT, "node_modules/.cache/entente-client-build.lock");

/** The newest modification time (ms) of a file or of any file under a folder; 0 if missing. */
function newestMtime(p: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file shows as the folder's change
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** Whether client/dist is missing or older than one of the client's inputs. */
export function clientIsStale(): boolean {
  const built = newestMtime(DIST_INDEX);
  return built === 0 || BUILD_INPUTS.some((p) => newestMtime(p) > built);
}

/** Runs `vite build` (what `npm run build` runs) in a child process. */
function buildClient(timeoutMs: number): Promise<void> {
  const vite = path.join(ROOT, "node_modules/vite/bin/vite.js");
  const args = [vite, "build", "--config", "client/vite.config.ts", "--logLevel", "error"];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      // The production build, whatever NODE_ENV the caller runs under (vitest sets "test").
      { cwd: ROOT, env: { ...process.env, NODE_ENV: "production" }, timeout: timeoutMs, maxBuffer: 16 << 20 },
      (error, _out, stderr) => {
        if (error) reject(new Error(`vite build failed:\n${stderr || error.message}`));
        else if (!fs.existsSync(DIST_INDEX)) reject(new Error("vite build wrote no client/dist/index.html"));
        else resolve();
      },
    );
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds the client unless client/dist is up to date; returns whether it built. Concurrent
 * callers wait on a lock folder; a lock older than the timeout is a killed run's leftover.
 */
export async function ensureClientBuilt(timeoutMs = 150_000): Promise<boolean> {
  if (!clientIsStale()) return false;
  const deadline = Date.now() + timeoutMs;
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      const age = Date.now() - newestMtime(LOCK);
      if (age > timeoutMs) fs.rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for the client build lock ${LOCK}`);
      await sleep(200);
    }
  }
  try {
    if (!clientIsStale()) return false;
    await buildClient(timeoutMs);
    return true;
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}
