/**
 * `npm run bench:class -- [--students 40] [--phases 6] [--timeout 120]`: one classroom session
 * (issue 14) under load on one `npm start`. Starts the real entry (`node --import tsx
 * server/src/start.ts`) as a child process, reached on 127.0.0.1, with a fresh DATA_DIR and its
 * default limits (every request comes from one address, as a class behind one school network),
 * then times each step a teacher and a class go through:
 *
 * 1. a teacher creates a class of 6 matches, one student per power, phases of a minute, bots for
 *    the powers left empty; `--students` students join at once by its code (joins/s, refusals);
 * 2. the teacher starts it;
 * 3. every student opens their student view and syncs a raw game socket with the seat it names;
 *    the view stays open as the game screen's class bar keeps it (a long-poll, at most one ask a
 *    second; `--student-pages 0` leaves it out, to see what the pages cost);
 * 4. every student plays (as in bench/server.ts: random legal orders, wait until the view shows
 *    them, then ready) half of `--phases` phases; the teacher pauses every match, a student of each
 *    tries a move (refused with `paused-by-teacher`), the teacher resumes them, that student moves;
 *    then the other half.
 *
 * Meanwhile a teacher's dashboard long-polls `GET /api/classes/:id?after=<version>&wait=20` (asking
 * again as soon as it is answered, as the dashboard page does).
 * Prints action latency (emit → the patch that shows the move to its sender) and actions/s; how
 * long the dashboard takes to show each student's `ready` (from its acknowledgement until a
 * long-poll answer shows the power ready or the phase moved on); for pause and resume, the time
 * from the POST's answer (on a dashboard quiet for 300 ms) until the dashboard shows it, until a
 * student's socket sees it (a move refused, or shown) and until each student's page shows it; the
 * server's CPU and memory per step (from /proc); and the phases each match resolved.
 *
 * Bounded: the server start (which may build the client first) by 3 minutes, each request by 30 s,
 * the play by `--timeout` seconds. Clients and server share the machine. See docs/bench.md.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { isDeepStrictEqual } from "node:util";
import {
  createRng,
  getMap,
  mustAct,
  phaseKey,
  PHASE_KINDS,
  randomOrders,
  SEASONS,
  type MatchState,
  type Position,
} from "../shared/src";
import type {
  ClassView,
  CreateClassAnswer,
  CreateClassRequest,
  JoinClassAnswer,
  StudentView,
} from "../shared/src/wire";
import { BenchSeat, percentile, playEntente, type SeatInfo } from "./server";

interface Options {
  readonly students: number;
  readonly phases: number;
  readonly timeoutS: number; // the play, both halves
  readonly studentPages: number; // 1: each student's page long-polls their view; 0: none (to compare)
}

const USAGE = "usage: npm run bench:class -- [--students N] [--phases P] [--timeout S] [--student-pages 1|0]";

/** The repository root (the server's entry is found from here). */
const ROOT = path.resolve(import.meta.dirname, "..");
/** How many matches the class runs. */
const MATCHES = 6;
/** How long a page's long-poll is held (s), as the client's pages ask. */
const PAGE_WAIT_S = 20;
/** The least time between two asks of a student's page (ms), as the client's `useStudentView`. */
const STUDENT_PAGE_GAP_MS = 1000;
/** The longest any one HTTP request may take (ms). */
const REQUEST_TIMEOUT_MS = 30_000;

function parseOptions(args: readonly string[]): Options {
  const opts = { students: 40, phases: 6, timeoutS: 120, studentPages: 1 };
  const keys: Readonly<Record<string, keyof typeof opts>> = {
    "--students": "students",
    "--phases": "phases",
    "--timeout": "timeoutS",
    "--student-pages": "studentPages",
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = Number(args[i + 1]);
    const key = keys[arg];
    if (key === undefined || !Number.isInteger(value) || value < (key === "studentPages" ? 0 : 1))
      throw new Error(`${USAGE} (bad "${arg}")`);
    opts[key] = value;
    i++;
  }
  if (opts.students > MATCHES * 7) throw new Error(`--students is at most ${MATCHES * 7} (one per power)`);
  if (opts.phases < 2 || opts.phases > 20) throw new Error("--phases is 2–20");
  if (opts.studentPages > 1) throw new Error("--student-pages is 1 (on) or 0 (off)");
  return opts;
}

// ---------------------------------------------------------------------------------------------
// The server: `npm start`'s entry as a child, measured through /proc.

/** CPU time (ms, user + system) and resident memory (bytes) of a process, from /proc. */
interface ProcStats {
  readonly cpuMs: number;
  readonly rss: number;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;

function procStats(pid: number): ProcStats {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15, rss 24.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { cpuMs: (ticks * 1000) / TICKS_PER_S, rss: Number(fields[21]) * 4096 }; // pages of 4 kB
}

interface Server {
  readonly url: string;
  readonly proc: ChildProcess;
  stop(): Promise<void>;
}

/** Runs `npm start`'s entry on a free port of 127.0.0.1 with a fresh data folder and default limits. */
async function startServer(dataDir: string): Promise<Server> {
  const proc = spawn(
    process.execPath,
    [
      // BENCH_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
      ...(process.env["BENCH_NODE_ARGS"]?.split(" ").filter(Boolean) ?? []),
      "--import",
      "tsx",
      path.join(ROOT, "server/src/start.ts"),
    ],
    {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, PORT: "0", NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const lines = readline.createInterface({ input: proc.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the server did not start within 3 minutes")), 180_000);
    proc.once("exit", (code) => reject(new Error(`the server exited with ${code}`)));
    lines.on("line", (line) => {
      const m = /serving on http:\/\/(?:127\.0\.0\.1|localhost):(\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      } else process.stderr.write(`  server: ${line}\n`);
    });
  }).catch((error: unknown) => {
    proc.kill("SIGKILL");
    throw error;
  });
  return {
    url,
    proc,
    stop: async () => {
      proc.kill("SIGTERM"); // main.ts stops cleanly (the CPU profile, if asked, is written then)
      await Promise.race([
        new Promise((resolve) => proc.once("exit", resolve)),
        new Promise((resolve) => setTimeout(resolve, 10_000)),
      ]);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP.

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly bytes: number;
}

/** One JSON request, with the key as `Authorization: Bearer` when given (bounded; abortable). */
function request(
  url: string,
  method: "GET" | "POST",
  route: string,
  options: { body?: unknown; key?: string; signal?: AbortSignal } = {},
): Promise<Answer> {
  const data = options.body === undefined ? "" : JSON.stringify(options.body);
  const headers: Record<string, string | number> = {};
  if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-length"] = Buffer.byteLength(data);
  }
  if (options.key !== undefined) headers["authorization"] = `Bearer ${options.key}`;
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(route, url),
      { method, headers, timeout: REQUEST_TIMEOUT_MS, signal: options.signal },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (c: string) => (text += c));
        res.on("end", () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), bytes: Buffer.byteLength(text) });
          } catch {
            reject(new Error(`${method} ${route}: ${res.statusCode} answered no JSON`));
          }
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${route} timed out`)));
    req.on("error", reject);
    req.end(data);
  });
}

/** The body of an answer that must have succeeded. */
function mustSucceed(what: string, answer: Answer): unknown {
  if (answer.status >= 300) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** The error code of a refusal. */
const errorCode = (answer: Answer): string =>
  (answer.body as { error?: { code?: string } } | null)?.error?.code ?? "?";

// ---------------------------------------------------------------------------------------------
// The teacher's dashboard.

/** What one dashboard answer showed of a match. */
interface MatchShown {
  readonly phase: number; // phaseOrdinal of its phase
  readonly ready: ReadonlySet<string>; // powers shown ready
  readonly paused: boolean;
  readonly over: boolean;
}

/** What a page's long-poll answer showed, and when it arrived. */
interface Shown<S> {
  readonly at: number; // performance.now() on receipt
  readonly view: S;
}

/** A phase as a number that grows as a match goes on. */
function phaseOrdinal(p: Pick<Position, "year" | "season" | "phase">): number {
  return p.year * 100 + SEASONS.indexOf(p.season) * 10 + PHASE_KINDS.indexOf(p.phase);
}

/**
 * A page that follows a versioned class view as the client's pages do: ask, then ask again with
 * the version held (`?after=<version>&wait=20`), at most once per `minGapMs`; keeps what each
 * answer showed (`read`) and when it arrived.
 */
class Page<S> {
  readonly shown: Shown<S>[] = [];
  polls = 0;
  bytes = 0;
  errors = 0;
  private readonly abort = new AbortController();
  private running: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly route: string,
    private readonly key: string,
    private readonly minGapMs: number,
    private readonly read: (body: unknown) => { version: number; view: S },
  ) {}

  /** Starts asking; `held` is the version of a view the page already has (it then waits for the next). */
  start(held: number | null = null): void {
    this.running = this.loop(held);
  }

  private async loop(held: number | null): Promise<void> {
    const { signal } = this.abort;
    const stopped = (): boolean => signal.aborted; // read afresh after each wait
    let version = held;
    while (!stopped()) {
      const asked = performance.now();
      const query = version === null ? "" : `?after=${version}&wait=${PAGE_WAIT_S}`;
      try {
        const answer = await request(this.url, "GET", `${this.route}${query}`, { key: this.key, signal });
        this.polls++;
        this.bytes += answer.bytes;
        if (answer.status !== 200) throw new Error(`${answer.status} ${errorCode(answer)}`);
        const read = this.read(answer.body);
        version = read.version;
        this.shown.push({ at: performance.now(), view: read.view });
      } catch (error) {
        if (stopped()) return;
        this.errors++;
        console.error(`warning: ${this.route}: ${error instanceof Error ? error.message : String(error)}`);
        await sleep(500);
      }
      const gap = this.minGapMs - (performance.now() - asked);
      if (gap > 0) await sleep(gap);
    }
  }

  /** The first answer received at or after `from` that `holds`, if any yet. */
  firstSince(from: number, holds: (view: S) => boolean): Shown<S> | undefined {
    return this.shown.find((x) => x.at >= from && holds(x.view));
  }

  /** Waits (bounded) for the first answer received at or after `from` that `holds`. */
  async first(from: number, holds: (view: S) => boolean, timeoutMs: number): Promise<Shown<S> | null> {
    const until = performance.now() + timeoutMs;
    for (;;) {
      const found = this.firstSince(from, holds);
      if (found) return found;
      if (performance.now() > until) return null;
      await sleep(5);
    }
  }

  /** The receipt time of the latest answer (or -Infinity). */
  lastAt(): number {
    return this.shown.at(-1)?.at ?? -Infinity;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The teacher's dashboard: the class view, asked again as soon as it answers (as Dashboard.tsx). */
function dashboardPage(url: string, created: CreateClassAnswer): Page<ReadonlyMap<string, MatchShown>> {
  return new Page(url, `/api/classes/${created.classId}`, created.teacherKey, 0, (body) => {
    const view = body as ClassView;
    const matches = new Map<string, MatchShown>(
      view.matches.map((m) => [
        m.matchId,
        {
          phase: phaseOrdinal(m.phase),
          ready: new Set(m.powers.filter((p) => p.ready).map((p) => p.power)),
          paused: m.paused,
          over: m.over,
        },
      ]),
    );
    return { version: view.version, view: matches };
  });
}

/** A student's class bar: their student view, at most once a second (as useStudentView.ts). */
function studentPage(url: string, classId: string, student: JoinClassAnswer): Page<{ paused: boolean }> {
  const route = `/api/classes/${classId}/students/${student.studentId}`;
  return new Page(url, route, student.studentKey, STUDENT_PAGE_GAP_MS, (body) => {
    const view = body as StudentView;
    return { version: view.version, view: { paused: view.paused } };
  });
}

/** Waits (bounded) until the dashboard has had nothing new for a moment, so a change is timed alone. */
async function settled(dashboard: Page<unknown>): Promise<void> {
  const until = performance.now() + 5000;
  while (performance.now() - dashboard.lastAt() < 300 && performance.now() < until) await sleep(20);
}

// ---------------------------------------------------------------------------------------------
// Students.

/** A student's `ready` as their own view acknowledged it. */
interface ReadyAck {
  readonly matchId: string;
  readonly power: string;
  readonly phase: number; // phaseOrdinal of the phase it was said in
  readonly emitAt: number;
  readonly ackAt: number;
  readonly endedPhase: boolean; // the acknowledging patch already showed a later phase (the last ready)
}

/** A student's game socket: bench/server.ts's seat, which also notes its acknowledged `ready`s. */
class StudentSeat extends BenchSeat {
  lastError: string | null = null; // the code of the last refusal
  constructor(
    url: string,
    info: SeatInfo,
    private readonly readies: ReadyAck[],
  ) {
    super(url, "entente", info);
    this.socket.on("entente:error", (e: { code?: string }) => (this.lastError = e.code ?? "?"));
  }

  override async move(name: string, payload: unknown, shown: (G: unknown) => boolean): Promise<boolean> {
    const G = this.view();
    const phase = phaseOrdinal(G.position);
    const power = G.powers[Number(this.info.playerID)]!;
    const emitAt = performance.now();
    const ok = await super.move(name, payload, shown);
    if (ok && name === "ready") {
      const endedPhase = phaseOrdinal(this.view().position) > phase;
      this.readies.push({
        matchId: this.info.matchID,
        power,
        phase,
        emitAt,
        ackAt: performance.now(),
        endedPhase,
      });
    }
    return ok;
  }

  /** The code of the last refusal this socket received, if any. */
  refusal(): string | null {
    return this.lastError;
  }

  view(): MatchState {
    return this.state!.G as MatchState;
  }

  /** The phases its match has resolved so far, as its view shows. */
  resolved(): number {
    return this.view().history.length;
  }
}

// ---------------------------------------------------------------------------------------------
// Steps and figures.

/** A step's wall time and the server's CPU and memory over it. */
interface Step {
  readonly name: string;
  readonly seconds: number;
  readonly serverCpuS: number;
  readonly rssMB: number; // at the step's end
}

/** Times a step and the server's CPU over it. */
async function step<T>(steps: Step[], name: string, pid: number, run: () => Promise<T>): Promise<T> {
  const before = procStats(pid);
  const t0 = performance.now();
  process.stderr.write(`  … ${name}\n`);
  const value = await run();
  const after = procStats(pid);
  steps.push({
    name,
    seconds: (performance.now() - t0) / 1000,
    serverCpuS: (after.cpuMs - before.cpuMs) / 1000,
    rssMB: after.rss / 2 ** 20,
  });
  return value;
}

/** A latency figure: how many, and the p50/p99/max in ms. */
interface Figure {
  readonly name: string;
  readonly values: readonly number[];
  readonly missed: number; // never seen within its bound
  readonly note: string;
}

function figureRow(f: Figure): string[] {
  const sorted = [...f.values].sort((a, b) => a - b);
  const ms = (v: number): string => (Number.isNaN(v) ? "—" : v.toFixed(1));
  return [
    f.name,
    String(sorted.length) + (f.missed > 0 ? ` (+${f.missed} unseen)` : ""),
    ms(percentile(sorted, 50)),
    ms(percentile(sorted, 99)),
    ms(sorted.at(-1) ?? NaN),
    f.note,
  ];
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** What the teacher's pause or resume showed. */
interface Control {
  readonly dashboardMs: number | null; // POST answer → the dashboard shows every match changed
  readonly studentMs: readonly number[]; // POST answer → a probe move refused (pause) or shown (resume)
  readonly pagesMs: readonly number[]; // POST answer → each student's page shows it
  readonly pagesMissed: number; // student pages that did not show it within a long-poll's wait
  readonly wrong: readonly string[]; // probe answers other than expected
  readonly postMs: number; // the POST itself
}

/**
 * The teacher pauses (or resumes) every match; a student of each then tries a move: while paused
 * it must be refused with `paused-by-teacher`, once resumed it must show in their view.
 */
async function control(
  url: string,
  created: CreateClassAnswer,
  dashboard: Page<ReadonlyMap<string, MatchShown>>,
  pages: readonly Page<{ paused: boolean }>[],
  probes: readonly StudentSeat[],
  action: "pause" | "resume",
): Promise<Control> {
  const t0 = performance.now();
  const answer = await request(url, "POST", `/api/classes/${created.classId}/matches/all/${action}`, {
    body: {},
    key: created.teacherKey,
  });
  const answeredAt = performance.now();
  mustSucceed(`${action} all`, answer);
  const paused = action === "pause";
  const seen = dashboard.first(
    answeredAt,
    (matches) => [...matches.values()].every((m) => m.over || m.paused === paused),
    PAGE_WAIT_S * 1000 + 5000,
  );
  const pagesSeen = Promise.all(
    pages.map((page) => page.first(answeredAt, (v) => v.paused === paused, PAGE_WAIT_S * 1000 + 5000)),
  );
  const map = getMap("classic")!;
  const wrong: string[] = [];
  const studentMs = await Promise.all(
    probes.map(async (seat, i) => {
      const saved = seat.tally; // probe moves are not counted with the play
      seat.tally = { actions: 0, refused: 0, unanswered: 0, latencies: [] };
      seat.lastError = null;
      const t = performance.now();
      let ok: boolean;
      if (paused) {
        ok = await seat.move("ready", { ready: true }, () => true);
      } else {
        const G = seat.view();
        const power = G.powers[Number(seat.info.playerID)]!;
        const position = { ...G.position, units: [...G.position.units] };
        const orders = randomOrders(map, position, createRng(`bench-class-probe-${i}`)).filter(
          (o) => o.power === power,
        );
        ok = await seat.move("orders", { orders }, (g) =>
          isDeepStrictEqual((g as MatchState).orders[power] ?? [], orders),
        );
      }
      const ms = performance.now() - t;
      seat.tally = saved;
      const refusal = seat.refusal();
      const expected = paused ? !ok && refusal === "paused-by-teacher" : ok;
      if (!expected) wrong.push(`${seat.info.matchID}: ${ok ? "accepted" : (refusal ?? "unanswered")}`);
      return ms;
    }),
  );
  const shown = await seen;
  const pagesShown = await pagesSeen;
  return {
    dashboardMs: shown === null ? null : shown.at - answeredAt,
    studentMs,
    pagesMs: pagesShown.flatMap((x) => (x === null ? [] : [x.at - answeredAt])),
    pagesMissed: pagesShown.filter((x) => x === null).length,
    wrong,
    postMs: answeredAt - t0,
  };
}

/** Waits (bounded) until every seat's view has resolved `phases` phases (or its match ended). */
async function barrier(seats: readonly StudentSeat[], phases: number, timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  const reached = (s: StudentSeat): boolean => s.resolved() >= phases || s.view().result !== null;
  while (!seats.every(reached)) {
    if (performance.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** Plays every seat (bench/server.ts's play) until its match has resolved `phases` phases; bounded. */
async function play(
  seats: readonly StudentSeat[],
  phases: number,
  timeoutMs: number,
  seed: number,
): Promise<boolean> {
  const clock = { out: false };
  const timer = setTimeout(() => (clock.out = true), timeoutMs);
  await Promise.race([
    Promise.all(
      seats.map((s, i) =>
        playEntente(
          s,
          (G) => G.history.length >= phases,
          createRng(`bench-class-${seed}-${i}`),
          () => clock.out,
        ),
      ),
    ),
    new Promise<void>((resolve) => setTimeout(resolve, timeoutMs + 1000)),
  ]);
  clearTimeout(timer);
  return !clock.out;
}

async function run(opts: Options): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "entente-bench-class-"));
  const t0 = performance.now();
  const server = await startServer(dataDir);
  const startS = (performance.now() - t0) / 1000;
  const pid = server.proc.pid!;
  const steps: Step[] = [];
  const figures: Figure[] = [];
  const seats: StudentSeat[] = [];
  const readies: ReadyAck[] = [];
  let dashboard: Page<ReadonlyMap<string, MatchShown>> | null = null;
  const pages: Page<{ paused: boolean }>[] = [];
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, procStats(pid).rss)), 250);
  try {
    const body: CreateClassRequest = {
      name: "Bench class",
      matches: MATCHES,
      studentsPerPower: 1,
      timing: { movement: 1, retreat: 1, adjustment: 1 },
      seed: "bench-class",
    };
    const created = mustSucceed(
      "create",
      await request(server.url, "POST", "/api/classes", { body }),
    ) as CreateClassAnswer;
    const board = dashboardPage(server.url, created);
    dashboard = board;
    board.start();

    // 1. Every student joins at once, all from 127.0.0.1.
    const joinMs: number[] = [];
    const refusals = new Map<string, number>();
    const joined = await step(steps, `${opts.students} joins (at once)`, pid, async () => {
      const answers = await Promise.all(
        Array.from({ length: opts.students }, async (_, i) => {
          const t = performance.now();
          const answer = await request(server.url, "POST", "/api/classes/join", {
            body: { code: created.code, name: `Student ${i + 1}` },
          });
          joinMs.push(performance.now() - t);
          return answer;
        }),
      );
      const ok: JoinClassAnswer[] = [];
      for (const a of answers) {
        if (a.status === 200) ok.push(a.body as JoinClassAnswer);
        else
          refusals.set(`${a.status} ${errorCode(a)}`, (refusals.get(`${a.status} ${errorCode(a)}`) ?? 0) + 1);
      }
      return ok;
    });
    const joinStep = steps.at(-1)!;
    figures.push({ name: "join (POST /join)", values: joinMs, missed: 0, note: "" });
    if (joined.length === 0) throw new Error("no student could join");

    // 2. The teacher starts.
    await step(steps, "start", pid, async () =>
      mustSucceed(
        "start",
        await request(server.url, "POST", `/api/classes/${created.classId}/start`, {
          body: {},
          key: created.teacherKey,
        }),
      ),
    );

    // 3. Every student opens their view and syncs a game socket with their seat.
    const viewMs: number[] = [];
    const syncMs: number[] = [];
    await step(steps, "student views + socket sync", pid, async () => {
      await Promise.all(
        joined.map(async (student) => {
          let t = performance.now();
          const view = mustSucceed(
            "student view",
            await request(
              server.url,
              "GET",
              `/api/classes/${created.classId}/students/${student.studentId}`,
              {
                key: student.studentKey,
              },
            ),
          ) as StudentView;
          viewMs.push(performance.now() - t);
          if (view.seat === null) throw new Error(`${student.studentId} has no seat`);
          if (opts.studentPages === 1) {
            const page = studentPage(server.url, created.classId, student);
            pages.push(page);
            page.start(view.version);
          }
          const seat = new StudentSeat(server.url, view.seat, readies);
          seats.push(seat);
          t = performance.now();
          await seat.sync();
          syncMs.push(performance.now() - t);
        }),
      );
    });
    figures.push({ name: "student view (GET)", values: viewMs, missed: 0, note: "" });
    figures.push({ name: "game socket sync", values: syncMs, missed: 0, note: "" });

    // 4. Play half the phases, pause and resume every match, play the rest.
    const half = Math.floor(opts.phases / 2);
    const playMs = opts.timeoutS * 1000;
    const playStart = performance.now();
    const firstDone = await step(steps, `play phases 1–${half}`, pid, () => play(seats, half, playMs / 2, 1));
    await barrier(seats, half, 10_000);
    const byMatch = new Map<string, StudentSeat>();
    for (const s of seats) if (!byMatch.has(s.info.matchID)) byMatch.set(s.info.matchID, s);
    const probes = [...byMatch.values()].filter((s) => s.view().result === null);
    const map = getMap("classic")!;
    // The resume probe must have something to order: the first seat of each match that must act.
    const movers = [...byMatch.keys()].flatMap((matchId) => {
      const seat = seats.find(
        (s) =>
          s.info.matchID === matchId &&
          s.view().result === null &&
          mustAct(map, s.view(), s.view().powers[Number(s.info.playerID)]!),
      );
      return seat ? [seat] : [];
    });
    // Each control is timed on a quiet dashboard, not on a wake the last phase's moves already set off.
    await settled(board);
    const pause = await step(steps, "teacher: pause all", pid, () =>
      control(server.url, created, board, pages, probes, "pause"),
    );
    await settled(board);
    const resume = await step(steps, "teacher: resume all", pid, () =>
      control(server.url, created, board, pages, movers, "resume"),
    );
    const left = Math.max(10_000, playMs - (performance.now() - playStart));
    const secondDone = await step(steps, `play phases ${half + 1}–${opts.phases}`, pid, () =>
      play(seats, opts.phases, left, 2),
    );
    const playSteps = steps.filter((s) => s.name.startsWith("play"));
    const playSeconds = playSteps.reduce((n, s) => n + s.seconds, 0);

    // Action latency over every student move of the play.
    const latencies = seats.flatMap((s) => s.tally.latencies);
    const refused = seats.reduce((n, s) => n + s.tally.refused, 0);
    const unanswered = seats.reduce((n, s) => n + s.tally.unanswered, 0);
    figures.push({
      name: "action (emit → own patch)",
      values: latencies,
      missed: unanswered,
      note: `${(latencies.length / playSeconds).toFixed(1)} actions/s over the play; ${refused} refused`,
    });

    // Dashboard reflection of each ready: the first answer received after the emit that shows it.
    const showsReady = (r: ReadyAck, matches: ReadonlyMap<string, MatchShown>): boolean => {
      const m = matches.get(r.matchId);
      return (
        m !== undefined && (m.phase > r.phase || m.over || (m.phase === r.phase && m.ready.has(r.power)))
      );
    };
    const firstShowing = (r: ReadyAck): Shown<unknown> | undefined =>
      board.firstSince(r.emitAt, (matches) => showsReady(r, matches));
    // The last readies may still be on their way to the dashboard: wait for them (bounded).
    const until = performance.now() + (PAGE_WAIT_S + 5) * 1000;
    while (performance.now() < until && !readies.every((r) => firstShowing(r) !== undefined))
      await new Promise((resolve) => setTimeout(resolve, 50));
    const reflect: number[] = [];
    const reflectLast: number[] = []; // the readies that ended their phase
    let unseen = 0;
    for (const r of readies) {
      const s = firstShowing(r);
      if (s === undefined) unseen++;
      else (r.endedPhase ? reflectLast : reflect).push(Math.max(0, s.at - r.ackAt));
    }
    figures.push({
      name: "dashboard shows a ready",
      values: [...reflect, ...reflectLast],
      missed: unseen,
      note: "from the student's ack to the long-poll answer",
    });
    figures.push({
      name: "  … a phase's last ready",
      values: reflectLast,
      missed: 0,
      note: "the ready that ended its phase (the dashboard then shows the next phase)",
    });
    figures.push({ name: "  … the other readies", values: reflect, missed: 0, note: "" });
    const ctl = (c: Control, name: string, student: string): void => {
      figures.push({
        name: `${name} → dashboard`,
        values: c.dashboardMs === null ? [] : [c.dashboardMs],
        missed: c.dashboardMs === null ? 1 : 0,
        note: `after the POST's answer (the POST took ${c.postMs.toFixed(0)} ms)`,
      });
      figures.push({
        name: `${name} → student socket`,
        values: c.studentMs,
        missed: 0,
        note: student + (c.wrong.length > 0 ? `; UNEXPECTED: ${c.wrong.join(", ")}` : ""),
      });
      figures.push({
        name: `${name} → student pages`,
        values: c.pagesMs,
        missed: c.pagesMissed,
        note: `each student's page (long-poll, at most one ask a second) shows paused: ${name === "pause all"}`,
      });
    };
    ctl(pause, "pause all", "a move emitted after the POST's answer, refused paused-by-teacher");
    ctl(resume, "resume all", "an orders move emitted after the POST's answer, shown in the view");

    await board.stop();
    await Promise.all(pages.map((p) => p.stop()));
    const pagePolls = pages.reduce((n, p) => n + p.polls, 0);
    const pageBytes = pages.reduce((n, p) => n + p.bytes, 0);
    const pageErrors = pages.reduce((n, p) => n + p.errors, 0);
    const last = procStats(pid);
    peakRss = Math.max(peakRss, last.rss);

    // Phases resolved per match (the furthest view of its seats).
    const resolved = [...byMatch.keys()].map((id) =>
      Math.max(...seats.filter((s) => s.info.matchID === id).map((s) => s.resolved())),
    );
    const finalPhase = [...byMatch.values()].map((s) => phaseKey(s.view().position));

    console.log(
      `bench:class — 1 class, ${joined.length}/${opts.students} students in ${byMatch.size} matches ` +
        `(studentsPerPower 1, bots for the rest), ${opts.phases} phases, phases of 1 min, ` +
        `student pages ${opts.studentPages === 1 ? "on" : "off"}; ` +
        `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), node ${process.version}, ` +
        `load ${os.loadavg()[0]!.toFixed(2)}; server: npm start's entry, default limits, started in ${startS.toFixed(1)} s`,
    );
    console.log("");
    console.log(
      table(
        ["step", "seconds", "server CPU s", "server CPU %", "RSS MB"],
        steps.map((s) => [
          s.name,
          s.seconds.toFixed(2),
          s.serverCpuS.toFixed(2),
          `${Math.round((100 * s.serverCpuS) / Math.max(0.001, s.seconds))}%`,
          s.rssMB.toFixed(0),
        ]),
      ),
    );
    console.log("");
    console.log(table(["latency", "n", "p50 ms", "p99 ms", "max ms", "note"], figures.map(figureRow)));
    console.log("");
    const refusedJoins = [...refusals.entries()].map(([k, n]) => `${n}× ${k}`).join(", ") || "none refused";
    console.log(
      `joins: ${(joined.length / joinStep.seconds).toFixed(1)}/s (${joined.length} in ${joinStep.seconds.toFixed(2)} s), ${refusedJoins}; ` +
        `dashboard: ${board.polls} long-poll answers (${(board.bytes / Math.max(1, board.polls) / 1024).toFixed(1)} kB each), ${board.errors} errors; ` +
        `student pages: ${pagePolls} answers (${(pageBytes / Math.max(1, pagePolls) / 1024).toFixed(1)} kB each), ${pageErrors} errors; ` +
        `server peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB, CPU ${(last.cpuMs / 1000).toFixed(1)} s in all`,
    );
    console.log(
      `phases resolved per match: ${resolved.join(" / ")} (now ${finalPhase.join(", ")})` +
        (firstDone && secondDone ? "" : " — the play hit --timeout"),
    );
    const action = [...latencies].sort((a, b) => a - b);
    const rsorted = [...reflect, ...reflectLast].sort((a, b) => a - b);
    console.log(
      `summary: ${joined.length} joins ${(joined.length / joinStep.seconds).toFixed(0)}/s (${opts.students - joined.length} refused); ` +
        `${action.length} actions ${(action.length / playSeconds).toFixed(0)}/s p50 ${percentile(action, 50).toFixed(0)} ms p99 ${percentile(action, 99).toFixed(0)} ms; ` +
        `dashboard shows ready p50 ${percentile(rsorted, 50).toFixed(0)} ms p99 ${percentile(rsorted, 99).toFixed(0)} ms; ` +
        `pause → dashboard ${pause.dashboardMs?.toFixed(0) ?? "unseen"} ms, → students ≤ ${Math.max(...pause.studentMs).toFixed(0)} ms; ` +
        `resume → dashboard ${resume.dashboardMs?.toFixed(0) ?? "unseen"} ms, → students ≤ ${Math.max(...resume.studentMs).toFixed(0)} ms; ` +
        `server peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB; phases ${Math.min(...resolved)}–${Math.max(...resolved)}/${opts.phases}`,
    );
  } finally {
    clearInterval(sampler);
    await dashboard?.stop();
    await Promise.all(pages.map((p) => p.stop()));
    const gaps = seats.reduce((n, s) => n + s.gaps, 0);
    if (gaps > 0) console.error(`warning: ${gaps} patches did not follow the state a socket held`);
    for (const s of seats) s.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

run(parseOptions(process.argv.slice(2))).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
