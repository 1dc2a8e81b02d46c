/**
 * `npm run bench:server -- --matches 100`: the game server under load. Starts the server as a
 * child process on 127.0.0.1 with a fresh SQLite file, creates N classic matches through the
 * lobby, connects 7 raw socket clients per match, and lets every seat act at once: in each phase a
 * seat that has something to order sends random legal orders, waits for them to come back, then
 * says it is ready — for `--phases` phases per match. Then the same with a minimal boardgame.io
 * game (one trivial move, the same number of actions per seat) served the same way: our SQLite
 * storage and secure socket transport in one process. Prints, per game: actions acknowledged,
 * actions per second, p50/p99 latency (from a client's emit to the update that carries its move
 * back), server CPU per action, server memory (RSS), and the per-action CPU cost ratio.
 *
 * Bounded: at most matches × 7 × 2 × phases actions per game, and `--timeout` seconds per game.
 * Clients and server share the machine; the figures are the whole machine's doing.
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
import type { Game } from "boardgame.io";
import { ActivePlayers } from "boardgame.io/core";
import { createMatch } from "boardgame.io/internal";
import { io, type Socket } from "socket.io-client";
import { startServer } from "../server/src/app";
import { readConfig } from "../server/src/config";
import { openDatabase, Storage } from "../server/src/storage";
import { SocketBudget } from "../server/src/sockets";
import { SecureTransport } from "../server/src/transport";
import { createRng, getMap, mustAct, randomOrders, type MatchState, type Rng } from "../shared/src";

/** The trivial game: one move that counts. Named `ready` because the transport admits only moves of Entente's names. */
const MINIMAL: Game<{ count: number }> = {
  name: "minimal",
  minPlayers: 7,
  maxPlayers: 7,
  setup: () => ({ count: 0 }),
  turn: { activePlayers: ActivePlayers.ALL },
  moves: {
    ready: { move: ({ G }) => ({ count: G.count + 1 }), client: false, ignoreStaleStateID: true },
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
    const storage = new Storage(openDatabase(config.DATA_DIR));
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

interface Options {
  readonly matches: number;
  readonly phases: number;
  readonly timeoutS: number;
}

function parseOptions(args: readonly string[]): Options {
  const opts = { matches: 10, phases: 3, timeoutS: 120 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = Number(args[i + 1]);
    const key = { "--matches": "matches", "--phases": "phases", "--timeout": "timeoutS" }[arg] as
      | keyof typeof opts
      | undefined;
    if (key === undefined || !Number.isInteger(value) || value < 1)
      throw new Error(
        `usage: npm run bench:server -- [--matches N] [--phases P] [--timeout S] (bad "${arg}")`,
      );
    opts[key] = value;
    i++;
  }
  if (opts.matches > 500) throw new Error("--matches is at most 500");
  if (opts.phases > 20) throw new Error("--phases is at most 20");
  return opts;
}

/** A child server and a way to ask it for its stats. */
interface Child {
  readonly url: string;
  readonly proc: ChildProcess;
  stats(): Promise<{ rss: number; cpuMs: number }>;
  stop(): Promise<void>;
}

async function spawnServer(kind: string, dataDir: string): Promise<Child> {
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
        NODE_ENV: "production", // both servers as `npm start` runs them
      },
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const lines = readline.createInterface({ input: proc.stdout! });
  const waiters: ((line: string) => void)[] = [];
  let url = "";
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start`)), 30_000);
    proc.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
    lines.on("line", (line) => {
      const m = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) {
        url = m[1]!;
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
        const timer = setTimeout(() => reject(new Error("no stats from the server")), 10_000);
        waiters.push((line) => {
          clearTimeout(timer);
          resolve(JSON.parse(line) as { rss: number; cpuMs: number });
        });
        proc.stdin!.write("stats\n");
      }),
    stop: async () => {
      proc.stdin!.end();
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

interface SeatInfo {
  readonly matchID: string;
  readonly playerID: string;
  readonly credentials: string;
}

/** Creates an Entente match through the lobby and joins all seven seats. */
async function ententeMatch(url: string): Promise<SeatInfo[]> {
  const created = (await post(url, "/api/matches", {
    map: "classic",
    seats: Array.from({ length: 7 }, () => ({ kind: "human" })),
    timing: "slow",
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
      playerID: String(joined.playerID),
      credentials: joined.credentials,
    });
  }
  return seats;
}

/** Writes a minimal-game match with seven seated players into the file (the server reads it). */
function minimalMatch(dataDir: string): SeatInfo[] {
  const made = createMatch({ game: MINIMAL, numPlayers: 7, setupData: undefined, unlisted: true });
  if ("setupDataError" in made) throw new Error(made.setupDataError);
  const matchID = `m${randomBytes(8).toString("hex")}`;
  const seats: SeatInfo[] = [];
  for (let seat = 0; seat < 7; seat++) {
    const credentials = randomBytes(16).toString("hex");
    made.metadata.players[seat]!.credentials = credentials;
    made.metadata.players[seat]!.name = `Bench ${seat}`;
    seats.push({ matchID, playerID: String(seat), credentials });
  }
  const db = openDatabase(dataDir);
  try {
    new Storage(db).createMatch(matchID, made);
  } finally {
    db.close();
  }
  return seats;
}

interface Tally {
  actions: number;
  refused: number;
  latencies: number[];
}

/** A raw seated socket that sends moves one at a time and times each until its update returns. */
class BenchSeat {
  readonly socket: Socket;
  state: { G: unknown; _stateID: number } | null = null;
  private waiting: { move: string; t0: number; resolve: (ok: boolean) => void } | null = null;
  private onState: (() => void) | null = null;

  constructor(
    url: string,
    gameName: string,
    readonly info: SeatInfo,
    private readonly tally: Tally,
  ) {
    this.socket = io(`${url}/${gameName}`, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
    });
    this.socket.on("sync", (_m: string, sync: { state: { G: unknown; _stateID: number } }) =>
      this.setState(sync.state),
    );
    this.socket.on(
      "update",
      (
        _m: string,
        state: { G: unknown; _stateID: number },
        log: { action: { payload: { type: string; playerID: string } } }[],
      ) => {
        this.setState(state);
        const w = this.waiting;
        if (
          w &&
          log?.some((e) => e.action.payload.playerID === info.playerID && e.action.payload.type === w.move)
        ) {
          this.tally.latencies.push(performance.now() - w.t0);
          this.tally.actions++;
          this.waiting = null;
          w.resolve(true);
        }
      },
    );
    this.socket.on("entente:error", () => {
      const w = this.waiting;
      this.tally.refused++;
      this.waiting = null;
      w?.resolve(false);
    });
  }

  private setState(state: { G: unknown; _stateID: number }): void {
    this.state = state;
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

  /** Sends one move and waits for it to come back (true) or be refused (false). */
  move(name: string, payload: unknown): Promise<boolean> {
    return new Promise((resolve) => {
      this.waiting = { move: name, t0: performance.now(), resolve };
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

  close(): void {
    this.socket.close();
  }
}

const phaseKeyOf = (G: MatchState): string => `${G.position.year}-${G.position.season}-${G.position.phase}`;

/** One Entente seat: orders and ready in every phase it must act, until `phases` have resolved. */
async function playEntente(seat: BenchSeat, phases: number, rng: Rng, stop: () => boolean): Promise<void> {
  const map = getMap("classic")!;
  let acted = "";
  while (!stop()) {
    const G = seat.state!.G as MatchState;
    if (G.result !== null || G.history.length >= phases) return;
    const power = G.powers[Number(seat.info.playerID)]!;
    const key = phaseKeyOf(G);
    if (acted !== key && mustAct(map, G, power)) {
      acted = key;
      const orders = randomOrders(map, G.position, rng).filter((o) => o.power === power);
      if (await seat.move("orders", { orders })) await seat.move("ready", { ready: true });
      continue;
    }
    await seat.nextState();
  }
}

/** One minimal-game seat: `count` trivial moves, one after another. */
async function playMinimal(seat: BenchSeat, count: number, stop: () => boolean): Promise<void> {
  for (let i = 0; i < count && !stop(); i++) await seat.move("ready", {});
}

interface Result {
  readonly game: string;
  readonly actions: number;
  readonly refused: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  readonly cpuMsPerAction: number;
  readonly serverCpuShare: number; // cores busy in the server process during the run
  readonly clientCpuShare: number; // cores busy in this (client) process during the run
  readonly rssIdleMB: number;
  readonly rssMB: number;
  readonly timedOut: boolean;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs one game kind end to end and measures it. */
async function run(
  kind: "entente" | "minimal",
  opts: Options,
  actionsPerSeat: number,
): Promise<Result & { perSeat: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `entente-bench-${kind}-`));
  const child = await spawnServer(kind, dataDir);
  const tally: Tally = { actions: 0, refused: 0, latencies: [] };
  const seats: BenchSeat[] = [];
  try {
    const idle = await child.stats();
    for (let m = 0; m < opts.matches; m++) {
      const infos = kind === "entente" ? await ententeMatch(child.url) : minimalMatch(dataDir);
      for (const info of infos) seats.push(new BenchSeat(child.url, kind, info, tally));
    }
    for (let i = 0; i < seats.length; i += 50) await Promise.all(seats.slice(i, i + 50).map((s) => s.sync()));
    const before = await child.stats();
    let timedOut = false;
    const timer = setTimeout(() => (timedOut = true), opts.timeoutS * 1000);
    const stop = (): boolean => timedOut;
    const t0 = performance.now();
    const clientCpu0 = process.cpuUsage();
    await Promise.race([
      Promise.all(
        seats.map((s, i) =>
          kind === "entente"
            ? playEntente(s, opts.phases, createRng(`bench-${i}`), stop)
            : playMinimal(s, actionsPerSeat, stop),
        ),
      ),
      new Promise<void>((resolve) => setTimeout(resolve, opts.timeoutS * 1000 + 1000)),
    ]);
    const seconds = (performance.now() - t0) / 1000;
    const clientCpu = process.cpuUsage(clientCpu0);
    clearTimeout(timer);
    const after = await child.stats();
    const sorted = [...tally.latencies].sort((a, b) => a - b);
    return {
      game: kind === "entente" ? "entente (classic)" : "minimal bgio game",
      actions: tally.actions,
      refused: tally.refused,
      seconds,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      cpuMsPerAction: (after.cpuMs - before.cpuMs) / Math.max(1, tally.actions),
      serverCpuShare: (after.cpuMs - before.cpuMs) / 1000 / seconds,
      clientCpuShare: (clientCpu.user + clientCpu.system) / 1e6 / seconds,
      rssIdleMB: idle.rss / 2 ** 20,
      rssMB: after.rss / 2 ** 20,
      timedOut: timedOut || seconds > opts.timeoutS,
      perSeat: tally.actions / Math.max(1, seats.length),
    };
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
    "RSS idle→loaded MB",
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
    `${r.rssIdleMB.toFixed(0)} → ${r.rssMB.toFixed(0)}`,
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
    `bench:server — ${opts.matches} matches × 7 seats, ${opts.phases} phases each; ` +
      `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), node ${process.version}; clients and server share them`,
  );
  const entente = await run("entente", opts, 0);
  // The minimal game gets as many actions per seat as Entente's seats made (at least one).
  const perSeat = Math.max(1, Math.round(entente.perSeat));
  const minimal = await run("minimal", opts, perSeat);
  console.log(table([entente, minimal]));
  const ratio = entente.cpuMsPerAction / minimal.cpuMsPerAction;
  console.log(
    `per-action server CPU, Entente ÷ minimal: ${ratio.toFixed(2)}× ` +
      `(${entente.cpuMsPerAction.toFixed(3)} ms vs ${minimal.cpuMsPerAction.toFixed(3)} ms; ` +
      `minimal game: ${perSeat} moves per seat)`,
  );
  process.exit(0);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
