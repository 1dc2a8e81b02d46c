/**
 * Starting a real Entente server for the integration tests and the server benchmark: in-process
 * (`startServer` on port 0 with a fresh data folder) or as a child process running
 * `server/src/main.ts` through tsx's loader, so that a `SIGKILL` reaches the server itself and not
 * a wrapper. Every server listens on 127.0.0.1 only as far as the clients are concerned: URLs use
 * `127.0.0.1`, never a remote host.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer, type RunningServer } from "../../../server/src/app";
import { readConfig } from "../../../server/src/config";
import { prepareDatabase } from "./database";

/** The repository root (where `node_modules` and `server/` are). */
export const ROOT = path.resolve(import.meta.dirname, "../../..");

/** Settings that keep the rate limits out of the way of scripted clients on one IP. */
export const TEST_ENV: Readonly<Record<string, string>> = {
  JOINS_PER_MINUTE: "100000",
  ACTIONS_PER_SECOND: "1000",
  PRESS_PER_MINUTE: "100000",
  BOT_PACE_SECONDS: "0", // bots-only matches play at once (one test sets a pace)
  SOCKETS_PER_SEAT: "100", // tests open many sockets per seat; the socket-limit tests set their own
  SOCKETS_PER_ADDRESS: "100000",
};

/** A fresh, empty data folder under the system's temporary folder. */
export function tempDataDir(label = "entente-test"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
}

/** Removes a data folder made by `tempDataDir` (ignores errors: best effort). */
export function removeDataDir(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true });
  } catch {
    // a leftover temporary folder is harmless
  }
}

/** What the helpers need of a server, wherever it runs. */
export interface ServerHandle {
  readonly url: string; // http://127.0.0.1:<port>
  readonly port: number;
  readonly dataDir: string;
}

/** A server running in this process. */
export interface InProcessServer extends ServerHandle {
  readonly server: RunningServer;
  stop(): Promise<void>;
}

/** Starts a server in this process on a free port. */
export async function startInProcess(
  options: { dataDir?: string; env?: Readonly<Record<string, string>>; now?: () => number } = {},
): Promise<InProcessServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const database = await prepareDatabase(dataDir);
  const config = readConfig({ ...TEST_ENV, ...database, ...options.env, PORT: "0", DATA_DIR: dataDir });
  const server = await startServer(config, options.now);
  let stopped = false;
  return {
    server,
    port: server.port,
    url: `http://127.0.0.1:${server.port}`,
    dataDir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.scheduler.idle();
      await server.stop();
    },
  };
}

/** A server running as a child process. */
export interface ChildServer extends ServerHandle {
  readonly child: ChildProcess;
  /** Everything the child wrote, for failure messages. */
  output(): string;
  /** Sends a signal and waits (bounded) for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `server/src/main.ts` as a child process (node with tsx's loader, one process) and waits
 * until it says where it is serving. `port` 0 picks a free port; the child reports the real one.
 */
export async function startChild(options: {
  dataDir: string;
  port?: number;
  env?: Readonly<Record<string, string>>;
  timeoutMs?: number;
  script?: string; // default server/src/main.ts
  args?: readonly string[];
  /** Node's flags before the script (default `--import tsx`; `[]` for a bundle made by `bundleServer`). */
  nodeArgs?: readonly string[];
}): Promise<ChildServer> {
  const script = options.script ?? path.join(ROOT, "server/src/main.ts");
  const nodeArgs = options.nodeArgs ?? ["--import", "tsx"];
  const database = await prepareDatabase(options.dataDir);
  const child = spawn(process.execPath, [...nodeArgs, script, ...(options.args ?? [])], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...TEST_ENV,
      ...database,
      ...options.env,
      PORT: String(options.port ?? 0),
      DATA_DIR: options.dataDir,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start within ${options.timeoutMs ?? 20_000} ms:\n${output}`)),
      options.timeoutMs ?? 20_000,
    );
    const check = (): void => {
      const m = /serving on https?:\/\/[^:\s]+:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        child.stdout.off("data", check);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before serving:\n${output}`));
    });
  });
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    dataDir: options.dataDir,
    output: () => output,
    kill: async (signal = "SIGTERM") => {
      // A function, not an inline test: the child can exit during the await below.
      const running = (): boolean => child.exitCode === null && child.signalCode === null;
      if (!running()) return;
      child.kill(signal);
      await Promise.race([exited, sleep(10_000)]);
      if (running()) child.kill("SIGKILL");
      await Promise.race([exited, sleep(5_000)]);
    },
  };
}

/** Resolves after `ms` milliseconds (for bounded waits only; tests never assert on time). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`
 * with `what` in the message. Every wait in these tests is bounded by one of these.
 */
export async function waitUntil<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}
