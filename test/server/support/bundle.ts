/**
 * The server's entry point (`server/src/main.ts`) bundled into one ES module with esbuild (the
 * transformer tsx itself uses), for tests that start a child server many times: node starts the
 * bundle in about a second, where tsx compiling hundreds of files takes several on a busy machine.
 * The bundle is the same source; only `better-sqlite3` (native) stays a package import, which is
 * why the bundle is written under the repository's `node_modules/.cache` (so that node finds the
 * package from there). Start it with `startChild({ script: bundle.script, nodeArgs: [] })`.
 */
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { ROOT } from "./server";

/** A bundled server; `remove` deletes it. */
export interface ServerBundle {
  readonly script: string;
  remove(): void;
}

/** Bundles `server/src/main.ts` (a few seconds). */
export async function bundleServer(): Promise<ServerBundle> {
  const cache = path.join(ROOT, "node_modules", ".cache");
  fs.mkdirSync(cache, { recursive: true });
  const dir = fs.mkdtempSync(path.join(cache, "entente-server-"));
  const script = path.join(dir, "server.mjs");
  await build({
    entryPoints: [path.join(ROOT, "server/src/main.ts")],
    outfile: script,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: ["better-sqlite3", "synckit", "pg"], // native, or loaded again by a worker thread
    // Paths the source finds from its own folder (client/dist) stay those of the repository.
    define: { "import.meta.dirname": JSON.stringify(path.join(ROOT, "server/src")) },
    // The bundled CommonJS packages call `require` (for node's own modules): give them one.
    banner: {
      js: `import { createRequire as __ententeRequire } from "node:module";
const require = __ententeRequire(import.meta.url);`,
    },
    logLevel: "error",
  });
  // PostgreSQL's worker thread is a file of its own, found beside the code that starts it.
  fs.copyFileSync(path.join(ROOT, "server/src/storage/postgres/worker.mjs"), path.join(dir, "worker.mjs"));
  return { script, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
