/**
 * Deadlines, bot seats and idle matches. Every phase of a match gets a deadline from the match's
 * timing (minutes per phase kind), kept in the database (`phase_clock`) so it survives a restart.
 * A phase resolves when every seat is ready (the game does that) or when its deadline passes: then
 * the scheduler readies every seat that still must act, through the same `ready` move a player
 * has — pending orders stand and missing ones default (hold, disband, civil disorder; the engine
 * does that). Each human seat that missed the phase gets a miss; after `MISSES_BEFORE_BOT` misses
 * a stand-in bot plays it until its player acts again. Bot seats play as soon as a phase begins.
 *
 * All work on one match — clock, bots, deadline — runs in one loop per match, so it never
 * interleaves with itself; state changes that arrive meanwhile (including those of its own moves)
 * only ask the loop for one more pass. Nothing is kept in memory for a match between passes: the
 * loop's entry goes when it ends, and a finished match loses its clock too.
 *
 * No loop may starve the server. Storage is synchronous, so a pass would otherwise run from move
 * to move in microtasks and never let a socket or an HTTP request in. Every unit of work — a pass's
 * bookkeeping, one bot seat's turn, one seat readied at a deadline, one match looked at by a tick
 * — first takes a turn (`turn`): one `setImmediate` each, one after another across all matches, so
 * the event loop serves requests between any two. That holds with `BOT_PACE_SECONDS` 0 and on a
 * restart too (`start` only asks for passes; each waits for its turn).
 *
 * Pacing: a match nobody plays in person (bots, stand-ins, open seats and powers out of the game
 * only: `serverPlaysAll`) is paced like a match of bots — its bots wait until the phase has lasted
 * `BOT_PACE_SECONDS`. Wherever a person still plays, bots play at once.
 *
 * Idle matches: the scheduler counts, per match with a human seat, the phases in a row that ended
 * with no person acting — no move accepted from a player's client (`onAction`), no press from a
 * human seat's power (read from the press channel's table when the phase ends) — in a phase where
 * some human seat had something to do (phases where none had neither count nor break the run).
 * After `IDLE_PHASES_BEFORE_PAUSE` of them the match pauses as the next phase begins: no deadline
 * fires, no bot plays, and the phase's time left is kept. It resumes when a person acts in it (a
 * move, press, or `POST /api/matches/:id/resume` by a seated player), and the phase gets back the
 * time it had left (the whole phase: a match pauses as a phase begins). The pause is in the
 * database, so a restart keeps it paused. A match with no human seat (bots only) never pauses.
 *
 * Choices:
 * - The first clock of a match starts once no seat is `open` (the lobby is still filling it);
 *   after that, every phase gets its clock whatever the seats are.
 * - Deadlines fire only from `tick`, also for a deadline that passed while the server was down.
 * - A player who comes back (`onAction`) stops the stand-in bot at once; the lobby shows it
 *   stopped when the phase ends (`settleReturns`), so `botActive` never dates a secret move. The
 *   miss count is kept as the seat's reliability record, so a player who was replaced once is
 *   replaced again after one more missed phase.
 */
import { performance } from "node:perf_hooks";
import {
  awaitedPowers,
  awaitsOrders,
  phaseKey,
  type GameMap,
  type MatchState,
  type PowerId,
} from "../../shared/src";
import {
  botPlays,
  humanOwes,
  liveMatch,
  playBotSeats,
  serverPlaysAll,
  type BotPress,
  type Turn,
} from "./bots";
import type { ServerContext } from "./context";
import { idleAfter, type PhaseClock, type SeatRecord } from "./matches";
import { dialectSql, prepared } from "./storage";
import { moduleLog } from "./log";

const logger = moduleLog("scheduler");

/** One match's running work loop. */
interface MatchWork {
  again: boolean; // a state change arrived: run one more pass
  due: boolean; // a tick found the deadline passed: resolve it in the next pass
  done: Promise<void>;
}

/** A match's state and map, as `liveMatch` gives them. */
interface Live {
  readonly G: MatchState;
  readonly map: GameMap;
}

const MINUTE = 60_000;

/** A unit of work longer than this (ms) earns the server a rest before the next one. */
const BUSY_MS = 10;
/** The longest rest the scheduler gives the server between two turns (ms). */
const MAX_REST_MS = 100;

/** Resolves after the event loop has turned once (sockets, HTTP and timers ran meanwhile). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Resolves after `ms` milliseconds, in which the event loop serves everything else. */
function rest(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The powers of a match's human seats (whoever plays them now). */
function humanPowers(seats: readonly SeatRecord[], G: MatchState): PowerId[] {
  return seats.flatMap((s) => {
    const power = G.powers[s.seat];
    return s.kind === "human" && power !== undefined ? [power] : [];
  });
}

/** Whether a match has a seat for a person (only such matches count idle phases and pause). */
function hasHumanSeat(seats: readonly SeatRecord[]): boolean {
  return seats.some((s) => s.kind === "human");
}

/** Resolves phases at their deadlines, plays bot seats, and pauses idle matches. */
export class Scheduler {
  private readonly work = new Map<string, MatchWork>(); // match id → running loop
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopped = true;
  private turns: Promise<void> = Promise.resolve(); // the last turn handed out
  private unitStarted: number | null = null; // when the unit of work under way got its turn
  private scanning = false; // a tick is reading the matches
  /** Where bots post their private messages (the press channel, once it is attached). */
  press: BotPress | undefined;

  constructor(private readonly ctx: ServerContext) {}

  /**
   * Starts the clock: asks for a pass over every unfinished match (its clock is kept when the
   * phase is the same, so deadlines survive a restart; bots play what they owe, paced; a paused
   * match stays paused) and checks deadlines every `TICK_MS`. Each pass waits for its turn.
   */
  start(): void {
    this.stopped = false;
    for (const matchID of this.ctx.storage.listMatches({ where: { isGameover: false } })) {
      if (this.ctx.records.setup(matchID)) void this.kick(matchID, false);
    }
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) => logger.error({ err: error }, "tick failed"));
    }, this.ctx.config.TICK_MS);
    this.timer.unref();
  }

  /** Stops the clock. Work already under way finishes its current move and then ends. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Called after every accepted state change of a match. */
  onStateChange(matchID: string): void {
    if (!this.stopped) void this.kick(matchID, false);
  }

  /**
   * Called after a client's accepted move: the seat's player is present, so a bot standing in for
   * them stops (their miss count stays: it is the seat's reliability record), the run of idle
   * phases ends, and a paused match runs again.
   */
  onAction(matchID: string, playerID: string): void {
    if (this.ctx.records.playerActed(matchID, Number(playerID), this.ctx.now())) this.onStateChange(matchID);
  }

  /**
   * Checks the deadlines once (the interval calls this; tests call it by hand with an injected
   * clock): resumes paused matches where a person sent press, resolves every phase whose deadline
   * has passed (paused matches excepted), starts the clocks of matches that have none yet, and
   * lets paced bots play. Resolves when that work, and the bot play it sets off, has finished. A
   * tick that comes while another is still reading the matches does nothing (ticks never pile up).
   */
  async tick(): Promise<void> {
    if (this.stopped || this.scanning) return;
    this.scanning = true;
    let runs: Promise<void>[];
    try {
      runs = await this.scan();
    } finally {
      this.scanning = false;
      this.endUnit();
    }
    await Promise.all(runs);
  }

  /** What one tick sets off: the passes it asks for. */
  private async scan(): Promise<Promise<void>[]> {
    const now = this.ctx.now();
    const runs: Promise<void>[] = [];
    for (const matchID of this.resumedByPress()) runs.push(this.kick(matchID, false));
    const paused = this.ctx.records.pausedMatches();
    const clocks = this.ctx.records.clocks().filter((c) => !paused.has(c.matchID));
    for (const clock of clocks) {
      if (clock.deadline <= now) runs.push(this.kick(clock.matchID, true));
    }
    for (const matchID of this.unclocked()) runs.push(this.kick(matchID, false));
    for (const matchID of await this.pacedMatchesDue(clocks)) runs.push(this.kick(matchID, false));
    return runs;
  }

  /**
   * Resolves a match's phase now, as at its deadline (a teacher's "resolve now"): its deadline
   * becomes now and a pass resolves it. Resolves when that pass has run.
   */
  resolveNow(matchID: string): Promise<void> {
    this.ctx.records.deadlineNow(matchID, this.ctx.now());
    return this.stopped ? Promise.resolve() : this.kick(matchID, true);
  }

  /** Resolves when no match has work under way (for tests and a clean shutdown). */
  async idle(): Promise<void> {
    while (this.work.size > 0) await Promise.all([...this.work.values()].map((w) => w.done));
  }

  /** Whether the scheduler holds anything for a match right now (finished matches: never). */
  isTracking(matchID: string): boolean {
    return this.work.has(matchID);
  }

  /**
   * Waits for this scheduler's next turn of the event loop: turns are handed out one after
   * another across all matches, each after a `setImmediate` — and after a unit of work longer
   * than `BUSY_MS` (one long move: a phase resolving on a big board), after a rest as long as
   * that unit (at most `MAX_REST_MS`). So a busy scheduler takes about half of the server's time
   * at most, and a request waits behind one unit of work at most. Resolves false once the
   * scheduler has stopped (the work should end).
   */
  private readonly turn: Turn = async () => {
    const worked = this.endUnit();
    const mine = this.turns.then(async () => {
      await nextTurn();
      if (worked > BUSY_MS) await rest(Math.min(worked, MAX_REST_MS));
    });
    this.turns = mine;
    await mine;
    this.unitStarted = performance.now();
    return !this.stopped;
  };

  /** Ends the unit of work under way (if any); how long it took (ms). */
  private endUnit(): number {
    const worked = this.unitStarted === null ? 0 : performance.now() - this.unitStarted;
    this.unitStarted = null;
    return worked;
  }

  /**
   * Whether the bots may play a match's phase now. In a match nobody plays in person, a phase
   * lasts at least `BOT_PACE_SECONDS` (people watching can follow it, and a table of bots and
   * stand-ins cannot take the server's every cycle); wherever a person plays, bots play at once.
   */
  private botsMayPlay(matchID: string, live: Live, clock: PhaseClock | null): boolean {
    if (this.ctx.config.BOT_PACE_SECONDS === 0 || clock === null) return true;
    if (!serverPlaysAll(this.ctx.records.seats(matchID), live.map, live.G)) return true;
    return this.paceElapsed(matchID, live, clock);
  }

  /** Whether the phase of a match nobody plays in person has lasted `BOT_PACE_SECONDS`. */
  private paceElapsed(matchID: string, live: Live, clock: PhaseClock): boolean {
    const timing = this.ctx.records.setup(matchID)?.timing;
    if (!timing) return true;
    const started = clock.deadline - timing[live.G.position.phase] * MINUTE;
    return this.ctx.now() >= started + this.ctx.config.BOT_PACE_SECONDS * 1000;
  }

  /**
   * Running matches nobody plays in person whose phase has lasted its pace and whose bots have
   * still to play. Each match whose state must be read takes its own turn.
   */
  private async pacedMatchesDue(clocks: readonly PhaseClock[]): Promise<string[]> {
    if (this.ctx.config.BOT_PACE_SECONDS === 0) return [];
    const due: string[] = [];
    for (const clock of clocks) {
      if (this.work.has(clock.matchID)) continue; // its own loop looks at it
      if (!this.ctx.records.seats(clock.matchID).some(botPlays)) continue; // no bot to pace
      if (!(await this.turn())) break;
      // Read again after the turn: seats may have changed hands meanwhile.
      const live = liveMatch(this.ctx, clock.matchID);
      if (!live || !serverPlaysAll(this.ctx.records.seats(clock.matchID), live.map, live.G)) continue;
      if (!this.paceElapsed(clock.matchID, live, clock)) continue;
      const { G, map } = live;
      if (awaitedPowers(map, G).length > 0) due.push(clock.matchID);
    }
    return due;
  }

  /** Unfinished matches with a setup, no clock yet and no open seat (a lobby just filled them). */
  private unclocked(): string[] {
    const rows = prepared(
      this.ctx.db,
      `SELECT s.match_id AS id FROM match_setup s JOIN matches m ON m.id = s.match_id
         WHERE m.gameover = 0
           AND NOT EXISTS (SELECT 1 FROM phase_clock c WHERE c.match_id = s.match_id)
           AND NOT EXISTS (SELECT 1 FROM seats o WHERE o.match_id = s.match_id AND o.kind = 'open')`,
    ).all() as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Asks for a pass over a match; starts its loop unless one is running. */
  private kick(matchID: string, due: boolean): Promise<void> {
    const running = this.work.get(matchID);
    // Several nodes: only the node that runs the match plays its deadline and its bots.
    if (!running && !this.ctx.cluster.owns(matchID)) return Promise.resolve();
    if (running) {
      running.again = true;
      running.due ||= due;
      return running.done;
    }
    const work: MatchWork = { again: true, due, done: Promise.resolve() };
    this.work.set(matchID, work);
    work.done = (async () => {
      try {
        // Every pass waits for its turn (which also lets the caller finish before the first).
        while (work.again && (await this.turn())) {
          work.again = false;
          const deadline = work.due;
          work.due = false;
          try {
            await this.pass(matchID, deadline);
          } catch (error) {
            // After stop() the database may close under a pass; that is not worth a report.
            if (!this.stopped) logger.error({ err: error, matchID }, `match ${matchID} failed`);
          }
        }
      } finally {
        this.endUnit();
        this.work.delete(matchID);
      }
    })();
    return work.done;
  }

  /**
   * One pass: keep the clock (counting an ended phase, pausing an idle match), forget a finished
   * match, play the bots, resolve a due deadline. A paused match does nothing.
   */
  private async pass(matchID: string, deadline: boolean): Promise<void> {
    const { records } = this.ctx;
    if (!records.setup(matchID)) return; // not a match of ours
    const live = liveMatch(this.ctx, matchID);
    if (!live) {
      records.clearClock(matchID); // game over (or gone): finished matches leave nothing behind
      return;
    }
    if ((records.idleness(matchID)?.pausedLeft ?? null) !== null) return; // paused
    if (records.teacherHeld(matchID)) return; // held by its teacher (before its first clock too)
    const key = phaseKey(live.G.position);
    const clock = this.updateClock(matchID, live);
    if (clock === "paused") return;
    if (this.botsMayPlay(matchID, live, clock)) {
      await playBotSeats(this.ctx, matchID, this.press, this.turn);
    }
    if (deadline && clock && clock.phaseKey === key && clock.deadline <= this.ctx.now()) {
      await this.resolveAtDeadline(matchID, key);
    }
  }

  /**
   * Starts a new clock when the phase changed, counting the phase that ended (and pausing the
   * match when it has been idle long enough); returns the current clock (null: not started yet;
   * "paused": the match paused as this phase began).
   */
  private updateClock(matchID: string, live: Live): PhaseClock | null | "paused" {
    const { records, config } = this.ctx;
    const { G, map } = live;
    const key = phaseKey(G.position);
    const clock = records.clock(matchID);
    if (clock?.phaseKey === key) return clock;
    const seats = records.seats(matchID);
    if (!clock && seats.some((s) => s.kind === "open")) return null;
    const idlePhases = clock && hasHumanSeat(seats) ? this.idleAfterPhase(matchID, G, seats) : 0;
    if (clock) records.settleReturns(matchID);
    const timing = records.setup(matchID)!.timing;
    const now = this.ctx.now();
    const next = { matchID, phaseKey: key, deadline: now + timing[G.position.phase] * MINUTE };
    records.setClock(next, { idlePhases, activity: humanOwes(seats, map, G) ? "waiting" : "nobody-owes" });
    if (hasHumanSeat(seats) && idlePhases >= config.IDLE_PHASES_BEFORE_PAUSE) {
      records.pause(matchID, now);
      return "paused";
    }
    return next;
  }

  /** The run of idle phases once the match's current clock's phase has ended. */
  private idleAfterPhase(matchID: string, G: MatchState, seats: readonly SeatRecord[]): number {
    const idle = this.ctx.records.idleness(matchID);
    if (!idle) return 0;
    const pressed = this.peoplePressed(matchID, humanPowers(seats, G), idle.pressSeen);
    return idleAfter(idle.idlePhases, pressed ? "acted" : idle.activity);
  }

  /**
   * Whether a human seat's power sent press (a message or a communiqué) in a match since press row
   * `after`; marks the match's press as looked at. Bots and stand-ins never speak for a human
   * seat, so such press is a person's.
   */
  private peoplePressed(matchID: string, powers: readonly PowerId[], after: number): boolean {
    const row = prepared(
      this.ctx.db,
      dialectSql(this.ctx.db, {
        sqlite: `SELECT MAX(rowid) AS last,
              COALESCE(SUM(CASE WHEN sender IN (SELECT value FROM json_each(?)) THEN 1 ELSE 0 END), 0) AS people
         FROM press WHERE match_id = ? AND rowid > ?`,
        postgres: `SELECT MAX(rowid) AS last,
              COALESCE(SUM(CASE WHEN sender IN (SELECT json_array_elements_text(?::json)) THEN 1 ELSE 0 END), 0) AS people
         FROM press WHERE match_id = ? AND rowid > ?`,
      }),
    ).get(JSON.stringify(powers), matchID, after) as { last: number | null; people: number };
    if (row.last !== null) this.ctx.records.setPressSeen(matchID, row.last);
    return row.people > 0;
  }

  /** Resumes every paused match in which a person has sent press since it paused; their ids. */
  private resumedByPress(): string[] {
    const rows = prepared(
      this.ctx.db,
      `SELECT c.match_id AS id, c.press_seen AS seen FROM phase_clock c
         WHERE c.paused_left IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM class_matches h WHERE h.match_id = c.match_id AND h.held = 1)
           AND EXISTS (SELECT 1 FROM press p WHERE p.match_id = c.match_id AND p.rowid > c.press_seen)`,
    ).all() as { id: string; seen: number }[];
    const resumed: string[] = [];
    for (const { id, seen } of rows) {
      const live = liveMatch(this.ctx, id);
      if (!live) continue;
      const powers = humanPowers(this.ctx.records.seats(id), live.G);
      if (this.peoplePressed(id, powers, seen) && this.ctx.records.personActed(id, this.ctx.now())) {
        resumed.push(id);
      }
    }
    return resumed;
  }

  /**
   * The deadline of phase `key` has passed: readies every seat that must act and is not ready,
   * counting a miss for each human seat that no bot plays (and putting a bot in after too many).
   * The last `ready` resolves the phase. Each seat takes its own turn.
   */
  private async resolveAtDeadline(matchID: string, key: string): Promise<void> {
    const { records, config, transport } = this.ctx;
    const seats = records.seats(matchID);
    const first = liveMatch(this.ctx, matchID);
    if (!first) return;
    for (const [index, power] of first.G.powers.entries()) {
      const owes = this.owesReady(matchID, power, key);
      if (owes === "phase-over") return;
      if (!owes) continue;
      if (!(await this.turn())) return;
      const still = this.owesReady(matchID, power, key); // others had the event loop meanwhile
      if (still === "phase-over") return;
      if (!still) continue;
      const refused = await transport.serverMove(matchID, String(index), "ready", { ready: true });
      if (refused) {
        logger.warn(
          { matchID, power, action: "ready", code: refused.code },
          `deadline ${matchID}/${power}: ready refused: ${refused.message}`,
        );
        continue;
      }
      const seat = seats.find((s) => s.seat === index);
      if (seat?.kind === "human" && !botPlays(seat)) {
        const missed = records.addMiss(matchID, index);
        if (missed >= config.MISSES_BEFORE_BOT) records.setBotActive(matchID, index, true);
      }
    }
  }

  /** Whether a power must still say it is ready in phase `key` ("phase-over": the phase moved on). */
  private owesReady(matchID: string, power: PowerId, key: string): boolean | "phase-over" {
    const live = liveMatch(this.ctx, matchID);
    if (!live || phaseKey(live.G.position) !== key) return "phase-over";
    return awaitsOrders(live.map, live.G, power);
  }
}
