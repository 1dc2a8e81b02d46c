/**
 * The server's own records of a match, beside boardgame.io's: how it was set up (seat kinds,
 * timing per phase kind), each seat's reliability and whether a bot is standing in for it, and
 * the current phase's clock: its deadline, and how idle the match is — the run of phases in which
 * no person acted, what people did in the current phase, and whether the match is paused (with the
 * time its phase had left). Shared by the lobby (writes the setup, shows and resumes a pause), the
 * scheduler (deadlines, misses, bots, idle phases) and the press channel (who may talk).
 *
 * The tables (`match_setup`, `seats`, `phase_clock`) are made by the storage's migrations.
 */
import type { SqlDatabase } from "./storage/sql";
import { timingSchema, type SeatKind, type Timing } from "../../shared/src/wire";
import { prepared } from "./storage";

/** Sensible defaults: a live game (minutes per phase) and a slow one (a day per phase). */
export const TIMING_PRESETS: Readonly<Record<"live" | "slow", Timing>> = {
  live: { movement: 10, retreat: 3, adjustment: 3 },
  slow: { movement: 24 * 60, retreat: 12 * 60, adjustment: 12 * 60 },
};

/** One seat's record. */
export interface SeatRecord {
  readonly matchID: string;
  readonly seat: number; // boardgame.io playerID as a number
  readonly kind: SeatKind;
  readonly personality: string | null; // for bots
  readonly missed: number; // phases missed by the human in this seat
  readonly botActive: boolean; // a bot is standing in for an absent player
  /**
   * What the lobby shows of the stand-in: its player's return (a move, maybe a secret one) stops
   * the bot at once, but shows only once the phase ends — else the flag would tell everyone who
   * made a move they may not see, and when.
   */
  readonly botShown: boolean;
}

/** A match's setup. */
export interface MatchSetup {
  readonly matchID: string;
  readonly timing: Timing;
  readonly unlisted: boolean;
  readonly createdAt: number;
  readonly nextMatchID: string | null; // "play again"
  /**
   * The seat of the player who made the match (its host): they may give an open seat to a bot and
   * let a bot stand in for an absent player. Null: no host (made without one, or the host left).
   */
  readonly hostSeat: number | null;
}

/** The current phase's clock. */
export interface PhaseClock {
  readonly matchID: string;
  readonly phaseKey: string; // e.g. "1901-spring-movement"
  readonly deadline: number; // ms since the epoch
}

/**
 * What people did in the current phase, for counting idle phases: `waiting` (a human seat has
 * something to do and no person has acted yet), `acted` (a person made a move, sent press or
 * resumed the match), `nobody-owes` (no human seat has anything to do in this phase: it neither
 * counts as idle nor breaks a run of idle phases).
 */
export const PHASE_ACTIVITIES = ["waiting", "acted", "nobody-owes"] as const;
/** What people did in the current phase (`PHASE_ACTIVITIES`). */
export type PhaseActivity = (typeof PHASE_ACTIVITIES)[number];

/** How idle a match is, kept with its phase clock. */
export interface Idleness {
  readonly idlePhases: number; // phases in a row that ended with no person acting
  readonly activity: PhaseActivity; // what people did in the current phase
  readonly pausedLeft: number | null; // ms the phase had left when the match paused; null: running
  readonly pressSeen: number; // the last press row (rowid) already looked at for people's press
}

/** The run of idle phases once a phase ends with `activity`. */
export function idleAfter(idlePhases: number, activity: PhaseActivity): number {
  if (activity === "acted") return 0;
  return activity === "waiting" ? idlePhases + 1 : idlePhases;
}

/**
 * Reads and writes the server's match records. Setups and seats are read on every state change (by
 * the scheduler), so they are kept in memory once read; every write goes through this class and
 * drops what it changes, and a finished match's entries go with its clock.
 */
export class MatchRecords {
  private readonly setups = new Map<string, MatchSetup>();
  private readonly seatLists = new Map<string, readonly SeatRecord[]>();

  constructor(private readonly db: SqlDatabase) {}

  /** Records a new match's setup and seats, in one transaction. */
  create(setup: MatchSetup, seats: readonly { kind: SeatKind; personality: string | null }[]): void {
    this.forget(setup.matchID);
    this.db.transaction(() => {
      prepared(
        this.db,
        `INSERT INTO match_setup (match_id, timing, unlisted, created_at, next_match_id, host_seat)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(
        setup.matchID,
        JSON.stringify(setup.timing),
        setup.unlisted ? 1 : 0,
        setup.createdAt,
        setup.nextMatchID,
        setup.hostSeat,
      );
      const insert = prepared(
        this.db,
        `INSERT INTO seats (match_id, seat, kind, personality) VALUES (?, ?, ?, ?)`,
      );
      seats.forEach((s, i) => insert.run(setup.matchID, i, s.kind, s.personality));
    })();
  }

  /** A match's setup, or null. */
  setup(matchID: string): MatchSetup | null {
    const known = this.setups.get(matchID);
    if (known) return known;
    const row = prepared(this.db, `SELECT * FROM match_setup WHERE match_id = ?`).get(matchID) as
      | {
          match_id: string;
          timing: string;
          unlisted: number;
          created_at: number;
          next_match_id: string | null;
          host_seat: number | null;
        }
      | undefined;
    if (!row) return null;
    const setup: MatchSetup = {
      matchID: row.match_id,
      timing: timingSchema.parse(JSON.parse(row.timing)),
      unlisted: row.unlisted === 1,
      createdAt: row.created_at,
      nextMatchID: row.next_match_id,
      hostSeat: row.host_seat,
    };
    this.setups.set(matchID, setup);
    return setup;
  }

  /** Sets the match that "play again" leads to. */
  setNextMatch(matchID: string, next: string): void {
    this.setups.delete(matchID);
    prepared(this.db, `UPDATE match_setup SET next_match_id = ? WHERE match_id = ?`).run(next, matchID);
  }

  /** Sets (or, with null, clears) the seat of a match's host. */
  setHost(matchID: string, seat: number | null): void {
    this.setups.delete(matchID);
    prepared(this.db, `UPDATE match_setup SET host_seat = ? WHERE match_id = ?`).run(seat, matchID);
  }

  /** Every seat of a match, in seat order. */
  seats(matchID: string): SeatRecord[] {
    const known = this.seatLists.get(matchID);
    if (known) return [...known];
    const rows = prepared(this.db, `SELECT * FROM seats WHERE match_id = ? ORDER BY seat`).all(matchID) as {
      match_id: string;
      seat: number;
      kind: SeatKind;
      personality: string | null;
      missed: number;
      bot_active: number;
      returned: number;
    }[];
    const seats = rows.map((r) => ({
      matchID: r.match_id,
      seat: r.seat,
      kind: r.kind,
      personality: r.personality,
      missed: r.missed,
      botActive: r.bot_active === 1 && r.returned === 0,
      botShown: r.bot_active === 1,
    }));
    if (seats.length > 0) this.seatLists.set(matchID, seats);
    return [...seats];
  }

  /** Changes a seat's kind (an open seat taken by a human, a human seat left open again). */
  setSeatKind(matchID: string, seat: number, kind: SeatKind): void {
    this.seatLists.delete(matchID);
    prepared(this.db, `UPDATE seats SET kind = ? WHERE match_id = ? AND seat = ?`).run(kind, matchID, seat);
  }

  /** Makes a seat a bot's, with its personality (an open seat the host gave to a bot). */
  setBot(matchID: string, seat: number, personality: string): void {
    this.seatLists.delete(matchID);
    prepared(
      this.db,
      `UPDATE seats SET kind = 'bot', personality = ?, bot_active = 0, returned = 0 WHERE match_id = ? AND seat = ?`,
    ).run(personality, matchID, seat);
  }

  /** Records a missed phase; returns the new count. */
  addMiss(matchID: string, seat: number): number {
    this.seatLists.delete(matchID);
    prepared(this.db, `UPDATE seats SET missed = missed + 1 WHERE match_id = ? AND seat = ?`).run(
      matchID,
      seat,
    );
    return this.seats(matchID).find((s) => s.seat === seat)?.missed ?? 0;
  }

  /** A bot starts or stops standing in for a seat (shown at once: at a deadline, in tests). */
  setBotActive(matchID: string, seat: number, active: boolean): void {
    this.seatLists.delete(matchID);
    prepared(this.db, `UPDATE seats SET bot_active = ?, returned = 0 WHERE match_id = ? AND seat = ?`).run(
      active ? 1 : 0,
      matchID,
      seat,
    );
  }

  /**
   * A stood-in seat's player came back (acted): the bot stops at once (`botActive` false), but the
   * lobby goes on showing it (`botShown`) until `settleReturns` at the phase's end.
   */
  setReturned(matchID: string, seat: number): void {
    this.seatLists.delete(matchID);
    prepared(this.db, `UPDATE seats SET returned = 1 WHERE match_id = ? AND seat = ? AND bot_active = 1`).run(
      matchID,
      seat,
    );
  }

  /** A phase ended: the stand-ins whose players came back in it are shown stopped. */
  settleReturns(matchID: string): void {
    this.seatLists.delete(matchID);
    prepared(
      this.db,
      `UPDATE seats SET bot_active = 0, returned = 0 WHERE match_id = ? AND returned = 1`,
    ).run(matchID);
  }

  /** The current phase's clock of a match, or null. */
  clock(matchID: string): PhaseClock | null {
    const row = prepared(this.db, `SELECT * FROM phase_clock WHERE match_id = ?`).get(matchID) as
      | { match_id: string; phase_key: string; deadline: number }
      | undefined;
    return row ? { matchID: row.match_id, phaseKey: row.phase_key, deadline: row.deadline } : null;
  }

  /** Every running clock (to restore deadlines after a restart). */
  clocks(): PhaseClock[] {
    const rows = prepared(this.db, `SELECT * FROM phase_clock`).all() as {
      match_id: string;
      phase_key: string;
      deadline: number;
    }[];
    return rows.map((r) => ({ matchID: r.match_id, phaseKey: r.phase_key, deadline: r.deadline }));
  }

  /**
   * Starts a phase's clock: its deadline, the run of idle phases so far and what people owe in
   * it. The match runs (a pause belongs to the phase it stopped).
   */
  setClock(clock: PhaseClock, idle: { idlePhases: number; activity: PhaseActivity }): void {
    prepared(
      this.db,
      `INSERT INTO phase_clock (match_id, phase_key, deadline, idle_phases, activity, paused_left)
         VALUES (?, ?, ?, ?, ?, NULL)
         ON CONFLICT(match_id) DO UPDATE SET phase_key = excluded.phase_key, deadline = excluded.deadline,
           idle_phases = excluded.idle_phases, activity = excluded.activity, paused_left = NULL`,
    ).run(clock.matchID, clock.phaseKey, clock.deadline, idle.idlePhases, idle.activity);
  }

  /** How idle a match is (null: it has no clock, so nothing is counted yet). */
  idleness(matchID: string): Idleness | null {
    const row = prepared(
      this.db,
      `SELECT idle_phases, activity, paused_left, press_seen FROM phase_clock WHERE match_id = ?`,
    ).get(matchID) as
      | { idle_phases: number; activity: string; paused_left: number | null; press_seen: number }
      | undefined;
    if (!row) return null;
    const activity = (PHASE_ACTIVITIES as readonly string[]).includes(row.activity)
      ? (row.activity as PhaseActivity)
      : "waiting";
    return {
      idlePhases: row.idle_phases,
      activity,
      pausedLeft: row.paused_left,
      pressSeen: row.press_seen,
    };
  }

  /** The matches that are paused now. */
  pausedMatches(): Set<string> {
    const rows = prepared(
      this.db,
      `SELECT match_id FROM phase_clock WHERE paused_left IS NOT NULL`,
    ).all() as {
      match_id: string;
    }[];
    return new Set(rows.map((r) => r.match_id));
  }

  /** Pauses a match: its clock stops with the time its phase has left kept. */
  pause(matchID: string, now: number): void {
    prepared(
      this.db,
      `UPDATE phase_clock SET paused_left = CASE WHEN deadline > ? THEN deadline - ? ELSE 0 END
         WHERE match_id = ? AND paused_left IS NULL`,
    ).run(now, now, matchID);
  }

  /**
   * A seat's player acted (a move from their client, or resuming the match): a bot standing in for
   * the seat stops at once (`setReturned`; the lobby shows it at the phase's end), and the person
   * acted (`personActed`).
   * @returns whether the match was paused (and now runs)
   */
  playerActed(matchID: string, seat: number, now: number): boolean {
    if (this.seats(matchID).find((s) => s.seat === seat)?.botActive) this.setReturned(matchID, seat);
    return this.personActed(matchID, now);
  }

  /**
   * A person acted in a match (a move, press, or asking it to resume): the run of idle phases
   * ends when the phase does (`activity`; a running match's `idle_phases` stays as it is until
   * then, so the lobby does not show the moment of a move that may be secret), and a paused match
   * runs again at once, its phase getting back the time it had left.
   * @returns whether the match was paused (and now runs)
   */
  personActed(matchID: string, now: number): boolean {
    const idle = this.idleness(matchID);
    const paused = (idle?.pausedLeft ?? null) !== null;
    if (idle === null || (!paused && idle.activity === "acted")) return false; // nothing would change
    if (this.teacherHeld(matchID)) return false; // only the teacher resumes it
    prepared(
      this.db,
      `UPDATE phase_clock SET activity = 'acted',
         idle_phases = CASE WHEN paused_left IS NULL THEN idle_phases ELSE 0 END,
         deadline = CASE WHEN paused_left IS NULL THEN deadline ELSE ? + paused_left END, paused_left = NULL
         WHERE match_id = ?`,
    ).run(now, matchID);
    return paused;
  }

  /**
   * Whether a class match is held paused by its teacher: no deadline, no bots, and moves refused
   * (`paused-by-teacher`) until the teacher resumes it; a player's press or move does not.
   */
  teacherHeld(matchID: string): boolean {
    const row = prepared(this.db, `SELECT held FROM class_matches WHERE match_id = ?`).get(matchID) as
      | { held: number }
      | undefined;
    return row?.held === 1;
  }

  /** Whether a match is one of a class session's (its seats are the teacher's to manage). */
  isClassMatch(matchID: string): boolean {
    return prepared(this.db, `SELECT 1 FROM class_matches WHERE match_id = ?`).get(matchID) !== undefined;
  }

  /** The teacher holds a class match paused (its clock stops), or lets it run again. */
  setTeacherHeld(matchID: string, held: boolean, now: number): void {
    prepared(this.db, `UPDATE class_matches SET held = ? WHERE match_id = ?`).run(held ? 1 : 0, matchID);
    if (held) this.pause(matchID, now);
    else this.personActed(matchID, now);
  }

  /** Moves a match's deadline by `ms` (a paused match: the time its phase has left). */
  extendDeadline(matchID: string, ms: number): void {
    prepared(
      this.db,
      `UPDATE phase_clock SET deadline = deadline + ?,
         paused_left = CASE WHEN paused_left IS NULL THEN NULL ELSE paused_left + ? END WHERE match_id = ?`,
    ).run(ms, ms, matchID);
  }

  /** Makes a match's deadline now (the teacher resolves the phase; the next tick does it). */
  deadlineNow(matchID: string, now: number): void {
    prepared(this.db, `UPDATE phase_clock SET deadline = ? WHERE match_id = ?`).run(now, matchID);
  }

  /** Records that the press of a match has been looked at up to a row. */
  setPressSeen(matchID: string, row: number): void {
    prepared(this.db, `UPDATE phase_clock SET press_seen = ? WHERE match_id = ? AND press_seen < ?`).run(
      row,
      matchID,
      row,
    );
  }

  /** Stops a match's clock (game over). */
  clearClock(matchID: string): void {
    prepared(this.db, `DELETE FROM phase_clock WHERE match_id = ?`).run(matchID);
    this.forget(matchID);
  }

  /** Drops what is kept in memory of a match (read again from the database when asked). */
  private forget(matchID: string): void {
    this.setups.delete(matchID);
    this.seatLists.delete(matchID);
  }
}
