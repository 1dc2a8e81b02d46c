/**
 * Deadlines and bot seats. Every phase of a match gets a deadline from the match's timing
 * (minutes per phase kind), kept in the database (`phase_clock`) so it survives a restart. A phase
 * resolves when every seat is ready (the game does that) or when its deadline passes: then the
 * scheduler readies every seat that still must act, through the same `ready` move a player has —
 * pending orders stand and missing ones default (hold, disband, civil disorder; the engine does
 * that). Each human seat that missed the phase gets a miss; after `MISSES_BEFORE_BOT` misses a
 * bot stands in for it until its player acts again. Bot seats play as soon as a phase begins.
 *
 * All work on one match — clock, bots, deadline — runs in one loop per match, so it never
 * interleaves with itself; state changes that arrive meanwhile (including those of its own moves)
 * only ask the loop for one more pass. Nothing is kept in memory for a match between passes: the
 * loop's entry goes when it ends, and a finished match loses its clock too.
 *
 * Choices:
 * - The first clock of a match starts once no seat is `open` (the lobby is still filling it);
 *   after that, every phase gets its clock whatever the seats are.
 * - Deadlines fire only from `tick`, also for a deadline that passed while the server was down.
 * - A player who comes back (`onAction`) stops the stand-in bot; the miss count is kept as the
 *   seat's reliability record, so a player who was replaced once is replaced again after one
 *   more missed phase.
 */
import { mustAct, type MatchState } from "../../shared/src";
import { botPlays, liveMatch, phaseKey, playBotSeats, type BotPress } from "./bots";
import type { ServerContext } from "./context";
import type { PhaseClock } from "./matches";
import { prepared } from "./storage";

/** One match's running work loop. */
interface MatchWork {
  again: boolean; // a state change arrived: run one more pass
  due: boolean; // a tick found the deadline passed: resolve it in the next pass
  done: Promise<void>;
}

const MINUTE = 60_000;

/** Resolves phases at their deadlines and plays bot seats. */
export class Scheduler {
  private readonly work = new Map<string, MatchWork>(); // match id → running loop
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopped = true;
  /** Where bots post their private messages (the press channel, once it is attached). */
  press: BotPress | undefined;

  constructor(private readonly ctx: ServerContext) {}

  /**
   * Starts the clock: picks up every unfinished match (its clock is kept when the phase is the
   * same, so deadlines survive a restart; bots play what they owe) and checks deadlines every
   * `TICK_MS`.
   */
  start(): void {
    this.stopped = false;
    for (const matchID of this.ctx.storage.listMatches({ where: { isGameover: false } })) {
      if (this.ctx.records.setup(matchID)) void this.kick(matchID, false);
    }
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) => console.error("scheduler tick failed:", error));
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
   * them stops. Their miss count stays (it is the seat's reliability record).
   */
  onAction(matchID: string, playerID: string): void {
    const seat = this.ctx.records.seats(matchID).find((s) => String(s.seat) === playerID);
    if (seat?.botActive) this.ctx.records.setBotActive(matchID, seat.seat, false);
  }

  /**
   * Checks the deadlines once (the interval calls this; tests call it by hand with an injected
   * clock): resolves every phase whose deadline has passed, and starts the clocks of matches that
   * have none yet. Resolves when that work, and the bot play it sets off, has finished.
   */
  async tick(): Promise<void> {
    if (this.stopped) return;
    const now = this.ctx.now();
    const runs: Promise<void>[] = [];
    const clocks = this.ctx.records.clocks();
    for (const clock of clocks) {
      if (clock.deadline <= now) runs.push(this.kick(clock.matchID, true));
    }
    for (const matchID of this.unclocked()) runs.push(this.kick(matchID, false));
    for (const matchID of this.pacedMatchesDue(clocks)) runs.push(this.kick(matchID, false));
    await Promise.all(runs);
  }

  /**
   * Whether the bots may play a match's phase now. In a match of bots only, a phase lasts at least
   * `BOT_PACE_SECONDS` (people watching can follow it, and a table of bots cannot take the server's
   * every cycle); wherever a person sits, bots play at once.
   */
  private botsMayPlay(
    matchID: string,
    G: MatchState,
    clock: { phaseKey: string; deadline: number } | null,
  ): boolean {
    const pace = this.ctx.config.BOT_PACE_SECONDS * 1000;
    if (pace === 0 || clock === null) return true;
    if (!this.ctx.records.seats(matchID).every((s) => s.kind === "bot")) return true;
    const timing = this.ctx.records.setup(matchID)?.timing;
    if (!timing) return true;
    const started = clock.deadline - timing[G.position.phase] * MINUTE;
    return this.ctx.now() >= started + pace;
  }

  /** Matches of bots only whose phase has lasted its pace and whose bots have still to play. */
  private pacedMatchesDue(clocks: readonly PhaseClock[]): string[] {
    if (this.ctx.config.BOT_PACE_SECONDS === 0) return [];
    const due: string[] = [];
    for (const clock of clocks) {
      if (!this.ctx.records.seats(clock.matchID).every((s) => s.kind === "bot")) continue;
      const live = liveMatch(this.ctx, clock.matchID);
      if (!live || !this.botsMayPlay(clock.matchID, live.G, clock)) continue;
      const { G, map } = live;
      if (G.powers.some((p) => G.ready[p] !== true && mustAct(map, G, p))) due.push(clock.matchID);
    }
    return due;
  }

  /** Resolves when no match has work under way (for tests and a clean shutdown). */
  async idle(): Promise<void> {
    while (this.work.size > 0) await Promise.all([...this.work.values()].map((w) => w.done));
  }

  /** Whether the scheduler holds anything for a match right now (finished matches: never). */
  isTracking(matchID: string): boolean {
    return this.work.has(matchID);
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
    if (running) {
      running.again = true;
      running.due ||= due;
      return running.done;
    }
    const work: MatchWork = { again: true, due, done: Promise.resolve() };
    this.work.set(matchID, work);
    work.done = (async () => {
      await Promise.resolve(); // let the caller finish before the first pass
      try {
        while (work.again && !this.stopped) {
          work.again = false;
          const deadline = work.due;
          work.due = false;
          try {
            await this.pass(matchID, deadline);
          } catch (error) {
            // After stop() the database may close under a pass; that is not worth a report.
            if (!this.stopped) console.error(`scheduler: match ${matchID} failed:`, error);
          }
        }
      } finally {
        this.work.delete(matchID);
      }
    })();
    return work.done;
  }

  /** One pass: keep the clock, forget a finished match, play the bots, resolve a due deadline. */
  private async pass(matchID: string, deadline: boolean): Promise<void> {
    const { records } = this.ctx;
    if (!records.setup(matchID)) return; // not a match of ours
    const live = liveMatch(this.ctx, matchID);
    if (!live) {
      records.clearClock(matchID); // game over (or gone): finished matches leave nothing behind
      return;
    }
    const key = phaseKey(live.G.position);
    const clock = this.updateClock(matchID, live.G);
    if (this.botsMayPlay(matchID, live.G, clock)) await playBotSeats(this.ctx, matchID, this.press);
    if (deadline && clock && clock.phaseKey === key && clock.deadline <= this.ctx.now()) {
      await this.resolveAtDeadline(matchID, key);
    }
  }

  /** Starts a new clock when the phase changed; returns the current one (null: not started). */
  private updateClock(matchID: string, G: MatchState): { phaseKey: string; deadline: number } | null {
    const { records } = this.ctx;
    const key = phaseKey(G.position);
    const clock = records.clock(matchID);
    if (clock?.phaseKey === key) return clock;
    if (!clock && records.seats(matchID).some((s) => s.kind === "open")) return null;
    const timing = records.setup(matchID)!.timing;
    const next = { matchID, phaseKey: key, deadline: this.ctx.now() + timing[G.position.phase] * MINUTE };
    records.setClock(next);
    return next;
  }

  /**
   * The deadline of phase `key` has passed: readies every seat that must act and is not ready,
   * counting a miss for each human seat that no bot plays (and putting a bot in after too many).
   * The last `ready` resolves the phase.
   */
  private async resolveAtDeadline(matchID: string, key: string): Promise<void> {
    const { records, config, transport, game } = this.ctx;
    const seats = records.seats(matchID);
    const first = liveMatch(this.ctx, matchID);
    if (!first) return;
    for (const [index, power] of first.G.powers.entries()) {
      const live = liveMatch(this.ctx, matchID);
      if (!live || phaseKey(live.G.position) !== key) return;
      if (live.G.ready[power] === true || !mustAct(live.map, live.G, power)) continue;
      const refused = await transport.serverMove(game, matchID, String(index), "ready", { ready: true });
      if (refused) {
        console.warn(`deadline ${matchID}/${power}: ready refused: ${refused.message}`);
        continue;
      }
      const seat = seats.find((s) => s.seat === index);
      if (seat?.kind === "human" && !botPlays(seat)) {
        const missed = records.addMiss(matchID, index);
        if (missed >= config.MISSES_BEFORE_BOT) records.setBotActive(matchID, index, true);
      }
    }
  }
}
