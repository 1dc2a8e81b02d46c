/**
 * PostgreSQL goes away under a running node, and comes back (docs/deploy.md, "When something goes
 * away"). The test runs a PostgreSQL of its own (tools/services/services.sh in a folder and on
 * ports of its own), so stopping it troubles no other test. While it is down: a move is refused
 * with a clear error and nothing changes, `/health` answers 503 naming the database, the process
 * stays up. Once it is back: `/health` is 200 again without a restart, the move acknowledged
 * before the outage is there, the refused one is not, and play goes on.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPostgresTrouble } from "../../server/src/storage/errors";
import { api, createMatch, type CreatedMatch } from "../server/support/matches";
import { readContext, seatPath, seatRequest } from "../server/support/seat";
import {
  removeDataDir,
  ROOT,
  startChild,
  tempDataDir,
  waitUntil,
  type ChildServer,
} from "../server/support/server";

const SERVICES = path.join(ROOT, "tools/services/services.sh");

/** A free TCP port on loopback. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

let dir: string;
let env: Record<string, string>;
let server: ChildServer;
let match: CreatedMatch;

/** Runs the services script on this test's own PostgreSQL. */
function services(command: "start" | "stop" | "clean"): void {
  execFileSync("bash", [SERVICES, command], {
    env: { ...process.env, ...env },
    stdio: "pipe",
    timeout: 60_000,
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "entente-outage-"));
  const [pg, redis] = [await freePort(), await freePort()];
  env = { ENTENTE_SERVICES_DIR: dir, ENTENTE_PG_PORT: String(pg), ENTENTE_REDIS_PORT: String(redis) };
  services("start");
  server = await startChild({
    dataDir: tempDataDir("entente-outage"),
    timeoutMs: 60_000,
    env: { DATABASE_URL: `postgres://entente@127.0.0.1:${pg}/postgres`, BOT_PACE_SECONDS: "0" },
  });
  match = await createMatch(server, {});
}, 120_000);

afterAll(async () => {
  const started = server as ChildServer | undefined; // undefined when beforeAll failed first
  if (started) {
    await started.kill("SIGKILL");
    removeDataDir(started.dataDir);
  }
  services("clean");
}, 60_000);

/** Says `ready` for a seat through the seat API; the answer's status and error code. */
async function ready(seat: number, value: boolean): Promise<{ status: number; code: string | undefined }> {
  const res = await seatRequest(server, "POST", seatPath(match.matchID, "ready"), {
    token: match.seats[seat]!.credentials,
    body: { ready: value },
    timeoutMs: 30_000,
  });
  return { status: res.status, code: (res.body as { error?: { code?: string } } | null)?.error?.code };
}

// Named case (found by this test): with PostgreSQL down the driver's code is the network's
// (ECONNREFUSED), which was not counted as the database's trouble, so /health stayed 200.
describe("which PostgreSQL failures are the database's trouble (for /health)", () => {
  it.each([
    ["PG_ECONNREFUSED", true], // PostgreSQL is down
    ["PG_ECONNRESET", true],
    ["PG_EPIPE", true],
    ["PG_ETIMEDOUT", true],
    ["PG_CONNECTION", true],
    ["PG_CLOSED", true],
    ["PG_08006", true], // connection failure
    ["PG_57P01", true], // the administrator shut it down
    ["PG_57014", true], // a statement that took too long
    ["PG_53100", true], // disk full
    ["PG_XX000", true],
    ["PG_23505", false], // a unique key: the statement's own refusal
    ["PG_42P01", false], // no such table
    ["PG_22P02", false], // bad input
    ["PG_P0001", false], // raised by a function
    ["SQLITE_FULL", false], // not PostgreSQL's
  ] as const)("%s: %s", (code, trouble) => {
    expect(isPostgresTrouble(code)).toBe(trouble);
  });
});

describe("PostgreSQL goes away under a node, and comes back", () => {
  it("refuses moves clearly while it is down, reports it on /health, and goes on once it is back", async () => {
    expect(await ready(0, true)).toEqual({ status: 200, code: undefined });

    services("stop");
    const refused = await ready(1, true);
    expect(refused).toEqual({ status: 503, code: "storage-failed" });
    const health = await api(server, "GET", "/health");
    expect(health.status).toBe(503);
    expect(JSON.stringify(health.body)).toMatch(/database/i);
    expect(server.child.exitCode).toBeNull(); // the process stayed up

    services("start");
    await waitUntil(
      "/health is 200 again",
      async () => (await api(server, "GET", "/health")).status === 200,
      30_000,
    );
    const seat0 = await readContext(server, match.matchID, match.seats[0]!.credentials);
    const seat1 = await readContext(server, match.matchID, match.seats[1]!.credentials);
    expect(seat0.ready).toBe(true); // acknowledged before the outage: kept
    expect(seat1.ready).toBe(false); // refused during it: never stored
    expect(await ready(1, true)).toEqual({ status: 200, code: undefined });
  }, 120_000);
});
