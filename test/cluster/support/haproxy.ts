/**
 * HAProxy for the multi-node tests, run from the configuration operators use (deploy/haproxy.cfg):
 * the test's copy differs only in its `bind` line (a free local port) and its `server` lines (the
 * test's nodes, each with the template's own server options). Every other line is the template's,
 * so a test of this copy is a test of the file docs/deploy.md shows.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { ROOT, sleep, tempDataDir } from "../../server/support/server";

/** The configuration operators use. */
export const HAPROXY_TEMPLATE = path.join(ROOT, "deploy/haproxy.cfg");

/** Where Debian's package puts HAProxy. */
const HAPROXY = process.env["HAPROXY_BIN"] ?? "/usr/sbin/haproxy";

/** One node behind the proxy. */
export interface Backend {
  readonly name: string; // the `server` name: the test uses the node's NODE_ID
  readonly address: string; // host:port
}

const BIND_LINE = /^(\s*)bind\s+\S+.*$/m;
const SERVER_LINE = /^(\s*)server\s+\S+\s+\S+(.*)$/;

/**
 * The template with its one `bind` line listening on `bindPort` (127.0.0.1 only) and its `server`
 * lines replaced by one line per backend, keeping the options of the template's first server line.
 * Throws when the template no longer has the lines this replaces.
 */
export function haproxyConfig(template: string, bindPort: number, backends: readonly Backend[]): string {
  const binds = template.match(new RegExp(BIND_LINE.source, "gm")) ?? [];
  if (binds.length !== 1)
    throw new Error(`deploy/haproxy.cfg: expected one bind line, found ${binds.length}`);
  const lines = template.split("\n");
  const servers = lines.flatMap((line, index) => (SERVER_LINE.test(line) ? [index] : []));
  const first = servers[0];
  if (first === undefined) throw new Error("deploy/haproxy.cfg: no server lines");
  if (servers.some((index, i) => index !== first + i))
    throw new Error("deploy/haproxy.cfg: the server lines are expected together, one after another");
  const [, indent = "    ", options = ""] = SERVER_LINE.exec(lines[first]!)!;
  const ours = backends.map((b) => `${indent}server ${b.name} ${b.address}${options}`);
  lines.splice(first, servers.length, ...ours);
  return lines
    .join("\n")
    .replace(BIND_LINE, (_line, bindIndent: string) => `${bindIndent}bind 127.0.0.1:${bindPort}`);
}

/** A free TCP port on 127.0.0.1 (closed again at once: a small race a test run can live with). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A running HAProxy. */
export interface Proxy {
  readonly url: string; // http://127.0.0.1:<port>
  readonly port: number;
  readonly config: string; // the configuration it runs
  output(): string;
  stop(): Promise<void>;
}

/** Whether something accepts connections on a local port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Runs HAProxy in the foreground (`-db`) on a copy of the template for `backends` until `stop`, and
 * waits (bounded) until it listens (a configuration HAProxy refuses ends it: the error says why).
 */
export async function startHaproxy(backends: readonly Backend[], timeoutMs = 10_000): Promise<Proxy> {
  const port = await freePort();
  const config = haproxyConfig(fs.readFileSync(HAPROXY_TEMPLATE, "utf8"), port, backends);
  const dir = tempDataDir("entente-haproxy");
  const file = path.join(dir, "haproxy.cfg");
  fs.writeFileSync(file, config);
  const child: ChildProcess = spawn(HAPROXY, ["-f", file, "-db"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  const stop = async (): Promise<void> => {
    if (running()) child.kill("SIGTERM");
    await Promise.race([exited, sleep(5_000)]);
    if (running()) child.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (!(await accepts(port))) {
    if (!running() || Date.now() > deadline) {
      await stop();
      throw new Error(`HAProxy did not listen on ${port} within ${timeoutMs} ms:\n${output}`);
    }
    await sleep(50);
  }
  return { url: `http://127.0.0.1:${port}`, port, config, output: () => output, stop };
}
