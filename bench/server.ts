/**
 * `npm run bench:server -- --matches 10`: the game server under load, early in a match and late,
 * in a closed loop and an open one. Starts the server as a child process on 127.0.0.1 with a fresh
 * SQLite file, creates 2N classic matches through the lobby, connects 7 raw socket clients per
 * match (each follows its own view through `sync` and `patch`), and measures:
 *
 * - **closed loop**: seats act at once: in each phase a seat that has something to order sends
 *   random legal orders, waits until its view shows them, then says it is ready. First,
 *   unmeasured, N matches are played until they stand at spring `--late-year` (default 1915) —
 *   which also warms the server up. Then the other N matches are measured over their first
 *   `--phases` phases from spring 1901 (**early**), then the first N over `--phases` more phases
 *   from spring 1915 (**late**): the same kind of action on a match with a long history, a full
 *   newspaper and many states behind it;
 * - **open loop** (`--rate R` actions per second, 0: none; for `--open-seconds S`): actions arrive
 *   at a fixed rate whatever the server's answers (`--arrivals poisson|even` spacing), each given to
 *   a seat of the early matches that has something to do and no move outstanding (orders, then
 *   ready, phase after phase); an arrival that finds no such seat is counted as skipped. Latency
 *   runs from the arrival's scheduled time, so a client that falls behind counts too;
 *
 * then a minimal boardgame.io game (one trivial move, as many actions per seat as the early run,
 * after as many unmeasured) served the same way: our SQLite storage and secure socket transport in
 * one process. `--late-year 0` measures the early run alone, on a cold server (as this bench did
 * before the late run existed).
 *
 * Prints, per run: actions acknowledged, actions per second, p50/p99 latency (from a client's
 * emit, or the arrival's time, to the patch that shows the move to its sender), server CPU per
 * action, server memory (RSS), the size of a seat's view; then the late ÷ early ratio of the server
 * CPU per action (the cost of an action should follow what changed, not the match's length) and
 * Entente ÷ minimal.
 *
 * Bounded: `--timeout` seconds per measured run, `--warmup` seconds to reach the late year (the
 * late run then measures wherever the matches stand, and says so). Clients (this process) and
 * server share the machine; the figures are the whole machine's doing.
 *
 * Other servers: `benchEntente(target, options)` runs every Entente measurement against a
 * `BenchTarget` — the base URLs of running servers (matches are spread over them in turn; one URL
 * of a proxy in front of several nodes works the same) and how to read their CPU time and memory.
 *
 * Internal: `--serve entente|minimal` runs the server side (used by the bench itself); it prints
 * where it serves and answers `stats` on standard input with its memory and CPU time.
 * `BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` passes node flags to the server process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { isDeepStrictEqual } from "node:util";
import type { Game } from "boardgame.io";
import { ActivePlayers } from "boardgame.io/core";
import { createMatch } from "boardgame.io/internal";
import { applyPatch, type Operation } from "rfc6902";
import pg from "pg";
import { io, type Socket } from "socket.io-client";
import { startServer } from "../server/src/app";
import { readConfig } from "../server/src/config";
import { openDatabase, Storage } from "../server/src/storage";
import { startHaproxy, type Proxy } from "../test/cluster/support/haproxy";
import { urlWithSchema } from "../test/server/support/database";
import { setup as setupServices } from "../test/support/services";
import { SocketBudget } from "../server/src/sockets";
import { SecureTransport } from "../server/src/transport";
import {
  createRng,
  getMap,
  mustAct,
  phaseKey,
  randomPowerOrders,
  type MatchState,
  type Rng,
} from "../shared/src";

/** The minimal game's state: a count of moves, and each seat's own count (to tell its moves apart). */
interface MinimalState {
  readonly count: number;
  readonly by: Readonly<Record<string, number>>;
}

/** The trivial game: one move that counts. Named `ready` because the transport admits only moves of Entente's names. */
const MINIMAL: Game<MinimalState> = {
  name: "minimal",
  minPlayers: 7,
  maxPlayers: 7,
  setup: () => ({ count: 0, by: {} }),
  turn: { activePlayers: ActivePlayers.ALL },
  moves: {
    ready: {
      move: ({ G, playerID }) => ({
        count: G.count + 1,
        by: { ...G.by, [playerID]: (G.by[playerID] ?? 0) + 1 },
      }),
      client: false,
      ignoreStaleStateID: true,
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Server side (child process)

/** Runs a server of one kind on a free port and answers `stats` on stdin. */
async function serve(kind: string): Promise<void> {
  const config = readConfig({ ...process.env, PORT: "0" });
  let port: number;
  if (kind === "entente") {
    port = (await startServer(config)).port;
  } else if (kind === "minimal") {
    const storage = new Storage(await openDatabase(config.DATA_DIR));
    const transport = new SecureTransport();
    const server = http.createServer((_req, res) => res.writeHead(404).end());
    transport.attach(server, {
      storage,
      game: MINIMAL as Game,
      // The trivial game has no rules to admit a move by; everything else is the same.
      admit: (_G, _playerID, move, payload) => ({ ok: true, value: { move, payload } }),
      origins: config.origins,
      actionsPerSecond: config.ACTIONS_PER_SECOND,
      maxPayloadBytes: config.MAX_PAYLOAD_BYTES,
      sockets: new SocketBudget(config.SOCKETS_PER_ADDRESS, config.SOCKETS_PER_SEAT),
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    port = typeof address === "object" && address ? address.port : 0;
  } else throw new Error(`--serve entente|minimal, not ${kind}`);
  process.stdout.write(`bench server serving on http://127.0.0.1:${port}\n`);
  const lines = readline.createInterface({ input: process.stdin });
  lines.on("line", (line) => {
    if (line.trim() !== "stats") return;
    const cpu = process.cpuUsage();
    const stats = { rss: process.memoryUsage().rss, cpuMs: (cpu.user + cpu.system) / 1000 };
    process.stdout.write(`STATS ${JSON.stringify(stats)}\n`);
  });
  lines.on("close", () => process.exit(0));
}

// ---------------------------------------------------------------------------------------------
// Driver side

/** How open-loop arrivals are spaced: a Poisson process, or evenly. */
export type Arrivals = "poisson" | "even";

export interface Options {
  readonly matches: number;
  readonly phases: number;
  readonly lateYear: number; // 0: no late run
  readonly timeoutS: number;
  readonly warmupS: number;
  readonly rate: number; // open loop: actions offered per second (0: no open-loop run)
  readonly openSeconds: number; // open loop: how long actions are offered
  readonly arrivals: Arrivals;
  readonly scaleOut: boolean; // also PostgreSQL on one node, and two nodes behind HAProxy
}

const USAGE =
  "usage: npm run bench:server -- [--matches N] [--phases P] [--late-year Y (0: none)] [--timeout S] [--warmup S]" +
  " [--rate R (0: no open loop)] [--open-seconds S] [--arrivals poisson|even] [--no-scale-out]";

export function parseOptions(args: readonly string[]): Options {
  const opts = {
    matches: 10,
    phases: 3,
    lateYear: 1915,
    timeoutS: 120,
    warmupS: 600,
    rate: 300,
    openSeconds: 20,
    arrivals: "poisson" as Arrivals,
    scaleOut: true,
  };
  const keys: Readonly<Record<string, Exclude<keyof typeof opts, "arrivals" | "scaleOut">>> = {
    "--matches": "matches",
    "--phases": "phases",
    "--late-year": "lateYear",
    "--timeout": "timeoutS",
    "--warmup": "warmupS",
    "--rate": "rate",
    "--open-seconds": "openSeconds",
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--no-scale-out") {
      opts.scaleOut = false;
      continue;
    }
    if (arg === "--arrivals") {
      const value = args[i + 1];
      if (value !== "poisson" && value !== "even") throw new Error(`${USAGE} (bad "${arg}")`);
      opts.arrivals = value;
      i++;
      continue;
    }
    const value = Number(args[i + 1]);
    const key = keys[arg];
    const least = key === "lateYear" || key === "rate" ? 0 : 1;
    if (key === undefined || !Number.isInteger(value) || value < least)
      throw new Error(`${USAGE} (bad "${arg}")`);
    opts[key] = value;
    i++;
  }
  if (opts.matches > 500) throw new Error("--matches is at most 500");
  if (opts.phases > 20) throw new Error("--phases is at most 20");
  if (opts.lateYear !== 0 && (opts.lateYear < 1902 || opts.lateYear > 1950))
    throw new Error("--late-year is 0 (none) or 1902–1950");
  if (opts.rate > 20_000) throw new Error("--rate is at most 20000");
  if (opts.openSeconds > 600) throw new Error("--open-seconds is at most 600");
  return opts;
}

/** A server's memory and CPU time so far (summed over its processes). */
export interface ServerStats {
  readonly rss: number; // bytes
  readonly cpuMs: number; // user + system
}

/**
 * Where the Entente measurements play: running servers' base URLs (each match is created on and
 * played through one of them, in turn) and how to read their CPU time and memory.
 */
export interface BenchTarget {
  readonly label: string; // e.g. "SQLite, one node"
  readonly urls: readonly string[];
  readonly stats: () => Promise<ServerStats>;
}

/** A child server and a way to ask it for its stats. */
export interface Child {
  readonly url: string;
  readonly proc: ChildProcess;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

/** Starts this file as a server child (`--serve kind`) on a data folder and waits until it serves. */
export async function spawnServer(
  kind: string,
  dataDir: string,
  env: Readonly<Record<string, string>> = {},
): Promise<Child> {
  const proc = spawn(
    process.execPath,
    // BENCH_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    [
      ...(process.env["BENCH_NODE_ARGS"]?.split(" ").filter(Boolean) ?? []),
      "--import",
      "tsx",
      import.meta.filename,
      "--serve",
      kind,
    ],
    {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        JOINS_PER_MINUTE: "100000", // every join comes from 127.0.0.1
        SOCKETS_PER_ADDRESS: "100000", // every socket too
        NODE_ENV: "production", // both servers as `npm start` runs them
        ...env,
      },
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const lines = readline.createInterface({ input: proc.stdout });
  const waiters: ((line: string) => void)[] = [];
  let url = "";
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start`)), 60_000);
    proc.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
    lines.on("line", (line) => {
      const m = /serving on (http:\/\/(?:127\.0\.0\.1|localhost):\d+)/.exec(line);
      if (m) {
        url = m[1]!.replace("localhost", "127.0.0.1");
        clearTimeout(timer);
        resolve();
      } else if (line.startsWith("STATS ")) waiters.shift()?.(line.slice(6));
    });
  });
  await ready;
  return {
    url,
    proc,
    stats: () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no stats from the server")), 30_000);
        waiters.push((line) => {
          clearTimeout(timer);
          resolve(JSON.parse(line) as ServerStats);
        });
        proc.stdin.write("stats\n");
      }),
    stop: async () => {
      proc.stdin.end();
      await Promise.race([
        new Promise((resolve) => proc.once("exit", resolve)),
        new Promise((resolve) => setTimeout(resolve, 5_000)),
      ]);
      if (proc.exitCode === null) proc.kill("SIGKILL");
    },
  };
}

/** One JSON request to the server (node:http, keep-alive off; bounded). */
function post(url: string, route: string, body: unknown): Promise<unknown> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(route, url),
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data) },
        timeout: 30_000,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (c: string) => (text += c));
        res.on("end", () => {
          if ((res.statusCode ?? 500) >= 300) reject(new Error(`${route}: ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text));
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${route} timed out`)));
    req.on("error", reject);
    req.end(data);
  });
}

export interface SeatInfo {
  readonly matchID: string;
  readonly playerID: string;
  readonly credentials: string;
}

/** Creates an Entente match through the lobby (a day per phase, no year limit) and joins all seven seats. */
async function ententeMatch(url: string): Promise<SeatInfo[]> {
  const created = (await post(url, "/api/matches", {
    map: "classic",
    seats: Array.from({ length: 7 }, () => ({ kind: "human" })),
    timing: "slow",
    yearLimit: null,
  })) as { matchID: string };
  const seats: SeatInfo[] = [];
  for (let seat = 0; seat < 7; seat++) {
    const joined = (await post(url, `/api/matches/${created.matchID}/join`, {
      name: `Bench ${seat}`,
      seat,
    })) as {
      playerID: string;
      credentials: string;
    };
    seats.push({
      matchID: created.matchID,
      playerID: joined.playerID,
      credentials: joined.credentials,
    });
  }
  return seats;
}

/** Writes minimal-game matches with seven seated players into a folder no server uses yet. */
async function minimalMatches(dataDir: string, count: number): Promise<SeatInfo[]> {
  const db = await openDatabase(dataDir);
  const seats: SeatInfo[] = [];
  try {
    const storage = new Storage(db);
    for (let m = 0; m < count; m++) {
      const made = createMatch({ game: MINIMAL, numPlayers: 7, setupData: undefined, unlisted: true });
      if ("setupDataError" in made) throw new Error(made.setupDataError);
      const matchID = `m${randomBytes(8).toString("hex")}`;
      for (let seat = 0; seat < 7; seat++) {
        const credentials = randomBytes(16).toString("hex");
        made.metadata.players[seat]!.credentials = credentials;
        made.metadata.players[seat]!.name = `Bench ${seat}`;
        seats.push({ matchID, playerID: String(seat), credentials });
      }
      storage.createMatch(matchID, made);
    }
  } finally {
    db.close();
  }
  return seats;
}

/** What one measured run counts. */
interface Tally {
  actions: number;
  refused: number;
  unanswered: number;
  latencies: number[];
}

/** A view as the client holds it. */
interface View {
  G: unknown;
  _stateID: number;
}

/**
 * A raw seated socket that follows its view through `sync` and `patch` (RFC 6902, applied in
 * place), sends moves one at a time, and times each until its view shows it.
 */
export class BenchSeat {
  readonly socket: Socket;
  state: View | null = null;
  gaps = 0;
  private forgotten = false;
  tally: Tally = { actions: 0, refused: 0, unanswered: 0, latencies: [] };
  private waiting: { shown: (G: unknown) => boolean; t0: number; resolve: (ok: boolean) => void } | null =
    null;
  private onState: (() => void) | null = null;

  constructor(
    url: string,
    gameName: string,
    readonly info: SeatInfo,
  ) {
    this.socket = io(`${url}/${gameName}`, {
      query: { matchID: info.matchID }, // as the browser sends it: a load balancer's key (docs/deploy.md)
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
    });
    this.socket.on("sync", (_m: string, sync: { state: View }) => {
      if (!this.forgotten) this.setState(sync.state);
    });
    this.socket.on("patch", (_m: string, prev: number, _next: number, ops: Operation[]) => {
      if (this.forgotten) return;
      if (this.state === null || this.state._stateID !== prev) {
        this.gaps++;
        return;
      }
      if (applyPatch(this.state, ops).some((e) => e !== null)) this.gaps++;
      this.setState(this.state);
    });
    this.socket.on("entente:error", () => {
      const w = this.waiting;
      this.tally.refused++;
      this.waiting = null;
      w?.resolve(false);
    });
  }

  private setState(state: View): void {
    this.state = state;
    const w = this.waiting;
    if (w && w.shown(state.G)) {
      this.tally.latencies.push(performance.now() - w.t0);
      this.tally.actions++;
      this.waiting = null;
      w.resolve(true);
    }
    const wake = this.onState;
    this.onState = null;
    wake?.();
  }

  /** Connects and syncs (bounded). */
  async sync(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("sync timed out")), 60_000);
      this.socket.once("sync", () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.once("entente:error", (e: { message: string }) => reject(new Error(e.message)));
      this.socket.emit("sync", this.info.matchID, this.info.playerID, this.info.credentials, 7);
    });
  }

  /** Whether a move of this seat is waiting to be shown. */
  get busy(): boolean {
    return this.waiting !== null;
  }

  /**
   * Sends one move and waits until the view shows it (true) or it is refused (false). A move the
   * view does not show within a minute counts as unanswered (false), with a warning. Its latency
   * runs from `since` (`performance.now()` when the move was due; now by default).
   */
  move(
    name: string,
    payload: unknown,
    shown: (G: unknown) => boolean,
    since: number = performance.now(),
  ): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (this.waiting?.resolve !== done) return;
        this.waiting = null;
        this.tally.unanswered++;
        console.error(
          `warning: seat ${this.info.matchID}/${this.info.playerID}: ${name} not shown within a minute`,
        );
        resolve(false);
      }, 60_000);
      const done = (ok: boolean): void => {
        clearTimeout(timer);
        resolve(ok);
      };
      this.waiting = { shown, t0: since, resolve: done };
      this.socket.emit(
        "update",
        {
          type: "MAKE_MOVE",
          payload: {
            type: name,
            args: [payload],
            playerID: this.info.playerID,
            credentials: this.info.credentials,
          },
        },
        this.state?._stateID ?? 0,
        this.info.matchID,
        this.info.playerID,
      );
    });
  }

  /** Resolves at the next state this seat receives. */
  nextState(): Promise<void> {
    return new Promise((resolve) => {
      this.onState = resolve;
    });
  }

  /**
   * Lets go of the view (the socket stays connected, so the server keeps serving it): a seat whose
   * match is measured no more need not weigh on the clients' heap, whose collections would stall
   * the clients' process — and, on two cores, the server beside it — in the runs that follow.
   */
  forget(): void {
    this.forgotten = true;
    this.state = null;
  }

  close(): void {
    this.socket.close();
  }
}

const phaseKeyOf = (G: MatchState): string => phaseKey(G.position);

/**
 * One Entente seat: orders, then ready, in every phase its power must act, until `done` says the
 * match has gone far enough (or it ends, or `stop`).
 */
export async function playEntente(
  seat: BenchSeat,
  done: (G: MatchState) => boolean,
  rng: Rng,
  stop: () => boolean,
): Promise<void> {
  const map = getMap("classic")!;
  let acted = "";
  while (!stop()) {
    const G = seat.state!.G as MatchState;
    if (G.result !== null || done(G)) return;
    const power = G.powers[Number(seat.info.playerID)]!;
    const key = phaseKeyOf(G);
    if (acted !== key && mustAct(map, G, power)) {
      acted = key;
      // A fresh units array: patches change the view in place, and legal-order generation keeps a
      // board index per units array.
      const position = { ...G.position, units: [...G.position.units] };
      const orders = randomPowerOrders(map, position, power, rng);
      // Orders the view already shows would change nothing (and show nothing): just say ready.
      const fresh = !isDeepStrictEqual(G.orders[power] ?? [], orders);
      const ordered =
        !fresh ||
        (await seat.move("orders", { orders }, (g) =>
          isDeepStrictEqual((g as MatchState).orders[power] ?? [], orders),
        ));
      if (ordered)
        await seat.move("ready", { ready: true }, (g) => {
          const now = g as MatchState;
          return now.ready[power] === true || phaseKeyOf(now) !== key || now.result !== null;
        });
      continue;
    }
    await seat.nextState();
  }
}

/** One minimal-game seat: `count` trivial moves, one after another. */
async function playMinimal(seat: BenchSeat, count: number, stop: () => boolean): Promise<void> {
  for (let i = 0; i < count && !stop(); i++) {
    const mine = ((seat.state!.G as MinimalState).by[seat.info.playerID] ?? 0) + 1;
    await seat.move("ready", {}, (G) => ((G as MinimalState).by[seat.info.playerID] ?? 0) >= mine);
  }
}

export interface Result {
  readonly game: string;
  readonly actions: number;
  readonly refused: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  readonly cpuMsPerAction: number;
  readonly serverCpuShare: number; // cores busy in the server process during the run
  readonly clientCpuShare: number; // cores busy in this (client) process during the run
  readonly rssMB: number;
  readonly viewKB: number; // one seat's view as JSON when the run began
  readonly timedOut: boolean;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `play` on every seat at once (bounded by `timeoutS`) and measures it. */
async function measure(
  label: string,
  server: BenchTarget,
  seats: readonly BenchSeat[],
  timeoutS: number,
  play: (seat: BenchSeat, index: number, stop: () => boolean) => Promise<void>,
): Promise<Result> {
  for (const s of seats) s.tally = { actions: 0, refused: 0, unanswered: 0, latencies: [] };
  const viewKB = JSON.stringify(seats[0]?.state?.G ?? null).length / 1024;
  const before = await server.stats();
  const clock = { timedOut: false }; // set by the timer, read after awaits
  const timer = setTimeout(() => (clock.timedOut = true), timeoutS * 1000);
  const stop = (): boolean => clock.timedOut;
  const t0 = performance.now();
  const clientCpu0 = process.cpuUsage();
  await Promise.race([
    Promise.all(seats.map((s, i) => play(s, i, stop))),
    new Promise<void>((resolve) => setTimeout(resolve, timeoutS * 1000 + 1000)),
  ]);
  const seconds = (performance.now() - t0) / 1000;
  const clientCpu = process.cpuUsage(clientCpu0);
  clearTimeout(timer);
  const after = await server.stats();
  const actions = seats.reduce((n, s) => n + s.tally.actions, 0);
  const sorted = seats.flatMap((s) => s.tally.latencies).sort((a, b) => a - b);
  return {
    game: label,
    actions,
    refused: seats.reduce((n, s) => n + s.tally.refused + s.tally.unanswered, 0),
    seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    cpuMsPerAction: (after.cpuMs - before.cpuMs) / Math.max(1, actions),
    serverCpuShare: (after.cpuMs - before.cpuMs) / 1000 / seconds,
    clientCpuShare: (clientCpu.user + clientCpu.system) / 1e6 / seconds,
    rssMB: after.rss / 2 ** 20,
    viewKB,
    timedOut: clock.timedOut || seconds > timeoutS,
  };
}

/** Connects and syncs every seat, fifty at a time. */
async function syncAll(seats: readonly BenchSeat[]): Promise<void> {
  for (let i = 0; i < seats.length; i += 50) await Promise.all(seats.slice(i, i + 50).map((s) => s.sync()));
}

/** The G a seat holds. */
const viewOf = (seat: BenchSeat): MatchState => seat.state!.G as MatchState;

/** What `benchEntente` measured. */
export interface EntenteRuns {
  readonly early: Result;
  readonly late: Result | null;
  readonly open: OpenLoopResult | null;
  readonly note: string; // where the late run stood, and how it got there
}

/**
 * Entente against a running server (`target`): 2N matches through the lobby. N of them are played
 * (unmeasured) to spring of the late year, which also warms the server up; then the other N are
 * measured over their first `phases` phases (early), then the first N over `phases` more phases
 * (late), both in a closed loop; then the early N in an open loop at `rate` actions per second.
 * Without a late year, the early run is measured on a cold server.
 */
export async function benchEntente(target: BenchTarget, opts: Options): Promise<EntenteRuns> {
  const seats: BenchSeat[] = [];
  const groups = opts.lateYear === 0 ? 1 : 2;
  try {
    for (let m = 0; m < opts.matches * groups; m++) {
      const url = target.urls[m % target.urls.length]!;
      for (const info of await ententeMatch(url)) seats.push(new BenchSeat(url, "entente", info));
    }
    await syncAll(seats);
    const rngs = new Map(seats.map((s, i) => [s, createRng(`bench-${i}`)]));
    const earlySeats = seats.slice(0, opts.matches * 7);
    const lateSeats = seats.slice(opts.matches * 7);
    const measureEarly = (): Promise<Result> =>
      measure("entente early (1901)", target, earlySeats, opts.timeoutS, (s, _i, stop) =>
        playEntente(s, (G) => G.history.length >= opts.phases, rngs.get(s)!, stop),
      );
    const measureOpen = (): Promise<OpenLoopResult | null> =>
      opts.rate === 0 ? Promise.resolve(null) : openLoop(target, earlySeats, rngs, opts);
    if (opts.lateYear === 0) {
      const early = await measureEarly();
      return { early, late: null, open: await measureOpen(), note: "" };
    }

    const t0 = performance.now();
    const late = (G: MatchState): boolean =>
      G.position.year > opts.lateYear ||
      (G.position.year === opts.lateYear && G.position.season === "spring");
    const warm = { out: false }; // set by the timer, read after awaits
    const warmTimer = setTimeout(() => (warm.out = true), opts.warmupS * 1000);
    const progress = setInterval(() => {
      const years = lateSeats.map((s) => viewOf(s).position.year);
      process.stderr.write(`  … unmeasured play: matches in ${Math.min(...years)}–${Math.max(...years)}\n`);
    }, 15_000);
    await Promise.race([
      Promise.all(lateSeats.map((s) => playEntente(s, late, rngs.get(s)!, () => warm.out))),
      new Promise<void>((resolve) => setTimeout(resolve, opts.warmupS * 1000 + 61_000)),
    ]);
    clearTimeout(warmTimer);
    clearInterval(progress);
    const warmS = (performance.now() - t0) / 1000;
    // Every seat's view must be as far as its match's: wait (bounded) for the last patches.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && lateSeats.some((s) => !late(viewOf(s)) && viewOf(s).result === null))
      await new Promise((r) => setTimeout(r, 20));

    const early = await measureEarly();
    const live = lateSeats.filter((s) => viewOf(s).result === null);
    const years = live.map((s) => viewOf(s).position.year);
    const start = new Map(live.map((s) => [s, viewOf(s).history.length]));
    const reached = years.length === 0 ? 0 : Math.min(...years);
    const ended = (lateSeats.length - live.length) / 7;
    const note =
      `late run: ${live.length / 7} matches at spring ${reached}${warm.out ? ` (the --warmup of ${opts.warmupS} s ran out before ${opts.lateYear})` : ""}` +
      `${ended > 0 ? `, ${ended} ended before it` : ""}, reached in ${warmS.toFixed(0)} s of unmeasured play ` +
      `(which also warmed the server up for both runs)`;
    const result = await measure(`entente late (${reached})`, target, live, opts.timeoutS, (s, _i, stop) =>
      playEntente(s, (G) => G.history.length >= start.get(s)! + opts.phases, rngs.get(s)!, stop),
    );
    for (const s of lateSeats) s.forget(); // the matches stay on the server, their views go
    return { early, late: result, open: await measureOpen(), note };
  } finally {
    const gaps = seats.reduce((n, s) => n + s.gaps, 0);
    if (gaps > 0) console.error(`warning: ${gaps} patches did not follow the state a socket held`);
    for (const s of seats) s.close();
  }
}

/** A fresh PostgreSQL schema on the test services (started when not running) and its URL. */
async function freshDatabase(label: string): Promise<string> {
  setupServices();
  const admin = process.env["TEST_DATABASE_URL"]!;
  const schema = `bench_${label}_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client(admin);
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  return urlWithSchema(schema);
}

/** What the scale-out configurations measured: one node on PostgreSQL, two nodes behind HAProxy. */
interface ScaleOutRuns {
  readonly postgres: EntenteRuns;
  readonly twoNodes: EntenteRuns;
}

/**
 * The same early and open-loop runs (no late run) on one node over PostgreSQL, then on two nodes
 * sharing PostgreSQL with Redis between them behind HAProxy (deploy/haproxy.cfg), each on a fresh
 * schema. On one machine the nodes, PostgreSQL, Redis, HAProxy and the clients share the cores:
 * this measures what scale-out costs, not what it gains.
 */
async function runScaleOut(opts: Options): Promise<ScaleOutRuns> {
  const early = { ...opts, lateYear: 0 };
  const dirs: string[] = [];
  const folder = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entente-bench-node-"));
    dirs.push(dir);
    return dir;
  };
  const children: Child[] = [];
  let proxy: Proxy | null = null;
  try {
    const single = await spawnServer("entente", folder(), { DATABASE_URL: await freshDatabase("one") });
    children.push(single);
    const postgres = await benchEntente(
      { label: "PostgreSQL, one node", urls: [single.url], stats: () => single.stats() },
      early,
    );
    await single.stop();
    const shared = await freshDatabase("two");
    const redis = process.env["TEST_REDIS_URL"]!;
    const nodes: Child[] = [];
    for (const name of ["bench-a", "bench-b"]) {
      nodes.push(
        await spawnServer("entente", folder(), { DATABASE_URL: shared, REDIS_URL: redis, NODE_ID: name }),
      );
    }
    children.push(...nodes);
    proxy = await startHaproxy(
      nodes.map((n, i) => ({ name: `bench-${"ab"[i]!}`, address: new URL(n.url).host })),
    );
    const stats = async (): Promise<ServerStats> => {
      const each = await Promise.all(nodes.map((n) => n.stats()));
      return { rss: each.reduce((a, e) => a + e.rss, 0), cpuMs: each.reduce((a, e) => a + e.cpuMs, 0) };
    };
    const twoNodes = await benchEntente({ label: "two nodes + HAProxy", urls: [proxy.url], stats }, early);
    return { postgres, twoNodes };
  } finally {
    await proxy?.stop();
    for (const child of children) await child.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Entente on a fresh SQLite server of its own (a child process), as `npm start` runs it. */
async function runEntente(opts: Options): Promise<EntenteRuns> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "entente-bench-entente-"));
  const child = await spawnServer("entente", dataDir);
  try {
    return await benchEntente(
      { label: "SQLite, one node", urls: [child.url], stats: () => child.stats() },
      opts,
    );
  } finally {
    await child.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Open loop

/** What an open-loop run measured. */
export interface OpenLoopResult {
  readonly rate: number; // offered, actions per second
  readonly arrivals: Arrivals;
  readonly seconds: number; // how long actions were offered
  readonly offered: number; // arrivals in that time
  readonly skipped: number; // arrivals that found no seat with something to do and no move outstanding
  readonly actions: number; // acknowledged (shown to the sender)
  readonly refused: number; // refused or unanswered within a minute
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly cpuMsPerAction: number;
  readonly serverCpuShare: number; // cores busy in the server during the run
  readonly clientCpuShare: number; // cores busy in this (client) process during the run
  readonly rssMB: number;
}

/** What a seat of the open loop has done in its match's current phase. */
interface OpenSeat {
  readonly seat: BenchSeat;
  readonly rng: Rng;
  phase: string; // the phase key the fields below are about
  acts: boolean; // has something to order in this phase
  ordered: boolean;
}

/** The seconds until the next arrival: exponential (Poisson arrivals) or fixed (even spacing). */
function gapAfter(arrivals: Arrivals, rate: number, rng: Rng): number {
  return arrivals === "even" ? 1 / rate : -Math.log(1 - rng.next()) / rate;
}

/**
 * The move an open-loop seat makes next in its phase — its orders, then ready — with what shows
 * it; null when it has nothing to do (nothing to order, already ready, match over).
 */
function nextMove(s: OpenSeat): { name: string; payload: unknown; shown: (G: unknown) => boolean } | null {
  const G = viewOf(s.seat);
  if (G.result !== null) return null;
  const map = getMap("classic")!;
  const power = G.powers[Number(s.seat.info.playerID)]!;
  const key = phaseKeyOf(G);
  if (s.phase !== key) {
    s.phase = key;
    s.acts = mustAct(map, G, power);
    s.ordered = false;
  }
  if (!s.acts || G.ready[power] === true) return null;
  if (!s.ordered) {
    s.ordered = true;
    // A fresh units array: patches change the view in place (see `playEntente`).
    const position = { ...G.position, units: [...G.position.units] };
    const orders = randomPowerOrders(map, position, power, s.rng);
    if (!isDeepStrictEqual(G.orders[power] ?? [], orders))
      return {
        name: "orders",
        payload: { orders },
        shown: (g) => isDeepStrictEqual((g as MatchState).orders[power] ?? [], orders),
      };
  }
  return {
    name: "ready",
    payload: { ready: true },
    shown: (g) => {
      const now = g as MatchState;
      return now.ready[power] === true || phaseKeyOf(now) !== key || now.result !== null;
    },
  };
}

/**
 * Offers `opts.rate` actions per second for `opts.openSeconds` seconds, whatever the server's
 * answers: each arrival goes to a seat, from a random start, that has something to do and no move
 * outstanding (a seat sends one move at a time, as the client does); an arrival that finds none is
 * skipped. Each move's latency runs from its arrival's time to the patch that shows it to its
 * sender. Moves still outstanding at the end are waited for (bounded), and counted.
 */
async function openLoop(
  target: BenchTarget,
  seats: readonly BenchSeat[],
  rngs: ReadonlyMap<BenchSeat, Rng>,
  opts: Options,
): Promise<OpenLoopResult> {
  for (const s of seats) s.tally = { actions: 0, refused: 0, unanswered: 0, latencies: [] };
  const open: OpenSeat[] = seats.map((seat) => ({
    seat,
    rng: rngs.get(seat)!,
    phase: "",
    acts: false,
    ordered: false,
  }));
  const rng = createRng(`open-loop-${opts.rate}`);
  const moves: Promise<boolean>[] = [];
  let offered = 0;
  let skipped = 0;
  const before = await target.stats();
  const clientCpu0 = process.cpuUsage();
  const t0 = performance.now();
  const end = t0 + opts.openSeconds * 1000;
  let due = t0 + gapAfter(opts.arrivals, opts.rate, rng) * 1000;
  while (due < end) {
    const now = performance.now();
    for (; due <= now && due < end; due += gapAfter(opts.arrivals, opts.rate, rng) * 1000) {
      offered++;
      const from = rng.int(open.length);
      let sent = false;
      for (let k = 0; k < open.length && !sent; k++) {
        const s = open[(from + k) % open.length]!;
        if (s.seat.busy) continue;
        const move = nextMove(s);
        if (move === null) continue;
        moves.push(s.seat.move(move.name, move.payload, move.shown, due));
        sent = true;
      }
      if (!sent) skipped++;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(due, end) - performance.now())));
  }
  const seconds = (performance.now() - t0) / 1000;
  await Promise.race([Promise.all(moves), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  const clientSeconds = (performance.now() - t0) / 1000;
  const clientCpu = process.cpuUsage(clientCpu0);
  const after = await target.stats();
  const actions = seats.reduce((n, s) => n + s.tally.actions, 0);
  const sorted = seats.flatMap((s) => s.tally.latencies).sort((a, b) => a - b);
  return {
    rate: opts.rate,
    arrivals: opts.arrivals,
    seconds,
    offered,
    skipped,
    actions,
    refused: seats.reduce((n, s) => n + s.tally.refused + s.tally.unanswered, 0),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    cpuMsPerAction: (after.cpuMs - before.cpuMs) / Math.max(1, actions),
    serverCpuShare: (after.cpuMs - before.cpuMs) / 1000 / clientSeconds,
    clientCpuShare: (clientCpu.user + clientCpu.system) / 1e6 / clientSeconds,
    rssMB: after.rss / 2 ** 20,
  };
}

/** An open-loop run in one line. */
export function openLoopLine(r: OpenLoopResult, matches: number): string {
  return (
    `open loop: ${r.rate} actions/s offered (${r.arrivals}) for ${r.seconds.toFixed(1)} s over ${matches} matches × 7 seats: ` +
    `${r.offered} arrivals, ${r.skipped} skipped (no seat free with something to do), ${r.actions} acknowledged ` +
    `(${(r.actions / r.seconds).toFixed(0)}/s), ${r.refused} refused or unanswered; ` +
    `latency p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms; ` +
    `server CPU ${r.cpuMsPerAction.toFixed(3)} ms/action, ${Math.round(r.serverCpuShare * 100)}% server / ` +
    `${Math.round(r.clientCpuShare * 100)}% clients, RSS ${r.rssMB.toFixed(0)} MB`
  );
}

/**
 * The minimal game: N matches written before the server starts; `perSeat` moves per seat
 * unmeasured (to warm the server up as Entente's was), then `perSeat` measured.
 */
async function runMinimal(opts: Options, perSeat: number, warm: boolean): Promise<Result> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "entente-bench-minimal-"));
  const infos = await minimalMatches(dataDir, opts.matches);
  const child = await spawnServer("minimal", dataDir);
  const seats = infos.map((info) => new BenchSeat(child.url, "minimal", info));
  try {
    await syncAll(seats);
    if (warm) await Promise.all(seats.map((s) => playMinimal(s, perSeat, () => false)));
    const target: BenchTarget = { label: "minimal game", urls: [child.url], stats: () => child.stats() };
    return await measure("minimal bgio game", target, seats, opts.timeoutS, (s, _i, stop) =>
      playMinimal(s, perSeat, stop),
    );
  } finally {
    for (const s of seats) s.close();
    await child.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function table(results: readonly Result[]): string {
  const head = [
    "game",
    "actions",
    "refused",
    "seconds",
    "actions/s",
    "p50 ms",
    "p99 ms",
    "server CPU ms/action",
    "CPU server/clients",
    "RSS MB",
    "view KB",
  ];
  const rows = results.map((r) => [
    r.game + (r.timedOut ? " (timed out)" : ""),
    String(r.actions),
    String(r.refused),
    r.seconds.toFixed(2),
    (r.actions / r.seconds).toFixed(0),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    r.cpuMsPerAction.toFixed(3),
    `${Math.round(r.serverCpuShare * 100)}% / ${Math.round(r.clientCpuShare * 100)}%`,
    r.rssMB.toFixed(0),
    r.viewKB.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

async function main(args: readonly string[]): Promise<void> {
  const serveAt = args.indexOf("--serve");
  if (serveAt >= 0) return serve(args[serveAt + 1] ?? "");
  const opts = parseOptions(args);
  console.log(
    `bench:server — ${opts.matches} matches × 7 seats, ${opts.phases} phases from spring 1901` +
      (opts.lateYear ? ` and ${opts.phases} from spring ${opts.lateYear}` : "") +
      (opts.rate
        ? `, then ${opts.rate} actions/s offered for ${opts.openSeconds} s (${opts.arrivals})`
        : "") +
      "; " +
      `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), node ${process.version}; clients and server share them`,
  );
  const { early, late, open, note } = await runEntente(opts);
  // The minimal game gets as many actions per seat as Entente's seats made early (at least one).
  const perSeat = Math.max(1, Math.round(early.actions / (opts.matches * 7)));
  const minimal = await runMinimal(opts, perSeat, opts.lateYear !== 0);
  const scaled = opts.scaleOut ? await runScaleOut(opts) : null;
  const rows = [early, ...(late ? [late] : []), minimal];
  if (scaled) {
    rows.push({ ...scaled.postgres.early, game: "entente early (1901), PostgreSQL, one node" });
    rows.push({ ...scaled.twoNodes.early, game: "entente early (1901), two nodes + HAProxy" });
  }
  console.log(table(rows));
  if (note) console.log(note);
  if (open) console.log(`SQLite, one node: ${openLoopLine(open, opts.matches)}`);
  if (scaled?.postgres.open)
    console.log(`PostgreSQL, one node: ${openLoopLine(scaled.postgres.open, opts.matches)}`);
  if (scaled?.twoNodes.open)
    console.log(`two nodes + HAProxy: ${openLoopLine(scaled.twoNodes.open, opts.matches)}`);
  if (late) {
    console.log(
      `per-action server CPU, late ÷ early: ${(late.cpuMsPerAction / early.cpuMsPerAction).toFixed(2)}× ` +
        `(${late.cpuMsPerAction.toFixed(3)} ms vs ${early.cpuMsPerAction.toFixed(3)} ms); ` +
        `actions/s late ÷ early: ${(late.actions / late.seconds / (early.actions / early.seconds)).toFixed(2)}×`,
    );
  }
  console.log(
    `per-action server CPU, Entente early ÷ minimal: ${(early.cpuMsPerAction / minimal.cpuMsPerAction).toFixed(2)}× ` +
      `(${early.cpuMsPerAction.toFixed(3)} ms vs ${minimal.cpuMsPerAction.toFixed(3)} ms; ` +
      `minimal game: ${perSeat} moves per seat)`,
  );
  process.exit(0);
}

// Run as a command (or as its own server child), not when bench/class.ts imports the seat and play helpers.
if (path.resolve(process.argv[1] ?? "") === import.meta.filename) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  });
}
