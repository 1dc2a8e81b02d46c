/**
 * The class tables (migration 004) as typed reads and writes: sessions, students, class matches,
 * broadcasts, team chat and draft marks. Keys are kept only as their sha256; a key is checked by
 * hashing what was sent and comparing hashes in constant time. Every write here runs inside the
 * caller's `Storage.transaction` when it belongs with others.
 */
import crypto from "node:crypto";
import type { SqlDatabase } from "../storage/sql";
import {
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  type ClassStatus,
  type Timing,
} from "../../../shared/src/wire";
import { prepared } from "../storage";
import { sameSecret } from "../transport";

/** A session's settings, every field filled in (kept as JSON). */
export interface ClassSettings {
  readonly map: string;
  readonly studentsPerPower: number;
  readonly extras: "teams" | "observers";
  readonly matches: number | null;
  readonly timing: Timing;
  readonly daily: boolean;
  readonly pressMode: "full" | "public" | "none";
  readonly presets: readonly string[];
  readonly yearLimit: number | null;
  readonly botPersonality: string; // recorded as `personality[/tactics]`
  readonly botsByPower: Readonly<Record<string, string>>;
  readonly teacherReadsPress: boolean;
  readonly roster: readonly string[];
}

/** A session's row. */
export interface ClassRow {
  readonly id: string;
  readonly name: string;
  readonly code: string;
  readonly teacherHash: string;
  readonly settings: ClassSettings;
  readonly status: ClassStatus;
  readonly seed: string;
  readonly projector: string; // a match id, or "rotate"
  readonly createdAt: number;
}

/** A student's row. */
export interface StudentRow {
  readonly classId: string;
  readonly id: string;
  readonly name: string;
  readonly keyHash: string;
  readonly joinedAt: number;
  readonly seenAt: number;
  readonly matchId: string | null;
  readonly seat: number | null;
}

/** A class match's row. */
export interface ClassMatchRow {
  readonly matchId: string;
  readonly classId: string;
  readonly number: number;
  readonly preset: string;
  readonly held: boolean;
}

/** A fresh secret key: 43 url-safe characters (256 bits). */
export function newKey(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** A fresh id: 12 url-safe characters (72 bits). */
export function newId(): string {
  return crypto.randomBytes(9).toString("base64url");
}

/** The sha256 of a key, hex. */
export function hashKey(key: string): string {
  return crypto.createHash("sha256").update(key).digest("hex");
}

/** Whether a key sent matches a stored hash (in constant time). */
export function keyMatches(key: string, hash: string): boolean {
  return sameSecret(hashKey(key), hash);
}

/** A fresh join code: six letters of the alphabet, uniformly drawn. */
export function newJoinCode(): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++)
    code += JOIN_CODE_ALPHABET.charAt(crypto.randomInt(JOIN_CODE_ALPHABET.length));
  return code;
}

/** A name folded for "already taken": letter case and accents aside. */
export function nameKey(name: string): string {
  return name.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase("en").replace(/\s+/gu, " ").trim();
}

interface RawClass {
  id: string;
  name: string;
  code: string;
  teacher_hash: string;
  settings: string;
  status: ClassStatus;
  seed: string;
  projector: string;
  created_at: number;
}

interface RawStudent {
  class_id: string;
  id: string;
  name: string;
  key_hash: string;
  joined_at: number;
  seen_at: number;
  match_id: string | null;
  seat: number | null;
}

function classOf(r: RawClass): ClassRow {
  return {
    id: r.id,
    name: r.name,
    code: r.code,
    teacherHash: r.teacher_hash,
    settings: JSON.parse(r.settings) as ClassSettings,
    status: r.status,
    seed: r.seed,
    projector: r.projector,
    createdAt: r.created_at,
  };
}

function studentOf(r: RawStudent): StudentRow {
  return {
    classId: r.class_id,
    id: r.id,
    name: r.name,
    keyHash: r.key_hash,
    joinedAt: r.joined_at,
    seenAt: r.seen_at,
    matchId: r.match_id,
    seat: r.seat,
  };
}

/** The class tables. */
export class ClassStore {
  constructor(private readonly db: SqlDatabase) {}

  insertClass(row: ClassRow): void {
    prepared(
      this.db,
      `INSERT INTO classes (id, name, code, teacher_hash, settings, status, seed, projector, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      row.id,
      row.name,
      row.code,
      row.teacherHash,
      JSON.stringify(row.settings),
      row.status,
      row.seed,
      row.projector,
      row.createdAt,
    );
  }

  /** Whether a code is in use by any session (live or ended: codes are never reused). */
  codeTaken(code: string): boolean {
    return prepared(this.db, `SELECT 1 FROM classes WHERE code = ?`).get(code) !== undefined;
  }

  byId(id: string): ClassRow | null {
    const row = prepared(this.db, `SELECT * FROM classes WHERE id = ?`).get(id) as RawClass | undefined;
    return row ? classOf(row) : null;
  }

  byCode(code: string): ClassRow | null {
    const row = prepared(this.db, `SELECT * FROM classes WHERE code = ?`).get(code) as RawClass | undefined;
    return row ? classOf(row) : null;
  }

  setStatus(id: string, status: ClassStatus, now: number): void {
    const column = status === "running" ? "started_at" : status === "ended" ? "ended_at" : null;
    prepared(this.db, `UPDATE classes SET status = ? WHERE id = ?`).run(status, id);
    if (column) prepared(this.db, `UPDATE classes SET ${column} = ? WHERE id = ?`).run(now, id);
  }

  setProjector(id: string, focus: string): void {
    prepared(this.db, `UPDATE classes SET projector = ? WHERE id = ?`).run(focus, id);
  }

  insertStudent(row: StudentRow): void {
    prepared(
      this.db,
      `INSERT INTO class_students (class_id, id, name, name_key, key_hash, joined_at, seen_at, match_id, seat)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      row.classId,
      row.id,
      row.name,
      nameKey(row.name),
      row.keyHash,
      row.joinedAt,
      row.seenAt,
      row.matchId,
      row.seat,
    );
  }

  nameTaken(classId: string, name: string): boolean {
    return (
      prepared(this.db, `SELECT 1 FROM class_students WHERE class_id = ? AND name_key = ?`).get(
        classId,
        nameKey(name),
      ) !== undefined
    );
  }

  studentCount(classId: string): number {
    const row = prepared(this.db, `SELECT COUNT(*) AS n FROM class_students WHERE class_id = ?`).get(
      classId,
    ) as {
      n: number;
    };
    return row.n;
  }

  students(classId: string): StudentRow[] {
    const rows = prepared(
      this.db,
      `SELECT * FROM class_students WHERE class_id = ? ORDER BY joined_at, rowid`,
    ).all(classId) as RawStudent[];
    return rows.map(studentOf);
  }

  student(classId: string, id: string): StudentRow | null {
    const row = prepared(this.db, `SELECT * FROM class_students WHERE class_id = ? AND id = ?`).get(
      classId,
      id,
    ) as RawStudent | undefined;
    return row ? studentOf(row) : null;
  }

  /** The students playing one seat of a match (its team). */
  team(matchId: string, seat: number): StudentRow[] {
    const rows = prepared(
      this.db,
      `SELECT * FROM class_students WHERE match_id = ? AND seat = ? ORDER BY joined_at, rowid`,
    ).all(matchId, seat) as RawStudent[];
    return rows.map(studentOf);
  }

  place(classId: string, studentId: string, matchId: string | null, seat: number | null): void {
    prepared(this.db, `UPDATE class_students SET match_id = ?, seat = ? WHERE class_id = ? AND id = ?`).run(
      matchId,
      seat,
      classId,
      studentId,
    );
  }

  seen(classId: string, studentId: string, now: number): void {
    prepared(this.db, `UPDATE class_students SET seen_at = ? WHERE class_id = ? AND id = ?`).run(
      now,
      classId,
      studentId,
    );
  }

  insertMatch(row: ClassMatchRow): void {
    prepared(
      this.db,
      `INSERT INTO class_matches (match_id, class_id, number, preset, held) VALUES (?, ?, ?, ?, ?)`,
    ).run(row.matchId, row.classId, row.number, row.preset, row.held ? 1 : 0);
  }

  matches(classId: string): ClassMatchRow[] {
    const rows = prepared(
      this.db,
      `SELECT match_id, class_id, number, preset, held FROM class_matches WHERE class_id = ? ORDER BY number`,
    ).all(classId) as { match_id: string; class_id: string; number: number; preset: string; held: number }[];
    return rows.map((r) => ({
      matchId: r.match_id,
      classId: r.class_id,
      number: r.number,
      preset: r.preset,
      held: r.held === 1,
    }));
  }

  /** The class a match belongs to, or null. */
  classOfMatch(matchId: string): string | null {
    const row = prepared(this.db, `SELECT class_id FROM class_matches WHERE match_id = ?`).get(matchId) as
      | { class_id: string }
      | undefined;
    return row?.class_id ?? null;
  }

  addBroadcast(classId: string, text: string, at: number): void {
    prepared(this.db, `INSERT INTO class_broadcasts (class_id, text, at) VALUES (?, ?, ?)`).run(
      classId,
      text,
      at,
    );
  }

  broadcasts(classId: string, limit: number): { id: number; text: string; at: number }[] {
    const rows = prepared(
      this.db,
      `SELECT id, text, at FROM class_broadcasts WHERE class_id = ? ORDER BY id DESC LIMIT ?`,
    ).all(classId, limit) as { id: number; text: string; at: number }[];
    return rows.reverse();
  }

  addTeamMessage(matchId: string, seat: number, student: StudentRow, text: string, at: number): number {
    const row = prepared(
      this.db,
      `INSERT INTO class_team_chat (match_id, seat, student_id, name, text, at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
    ).get(matchId, seat, student.id, student.name, text, at) as { id: number };
    return row.id;
  }

  teamChat(
    matchId: string,
    seat: number,
    limit: number,
  ): { id: number; studentId: string; name: string; text: string; at: number }[] {
    const rows = prepared(
      this.db,
      `SELECT id, student_id AS "studentId", name, text, at FROM class_team_chat
         WHERE match_id = ? AND seat = ? ORDER BY id DESC LIMIT ?`,
    ).all(matchId, seat, limit) as {
      id: number;
      studentId: string;
      name: string;
      text: string;
      at: number;
    }[];
    return rows.reverse();
  }

  /** Records who drafted a unit's order this phase (replacing an older mark). */
  markDraft(
    matchId: string,
    seat: number,
    unit: string,
    phaseKey: string,
    order: string,
    studentId: string,
    at: number,
  ): void {
    prepared(
      this.db,
      `INSERT INTO class_drafts (match_id, seat, unit, phase_key, order_text, student_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(match_id, seat, unit) DO UPDATE SET phase_key = excluded.phase_key,
           order_text = excluded.order_text, student_id = excluded.student_id, at = excluded.at`,
    ).run(matchId, seat, unit, phaseKey, order, studentId, at);
  }

  /** The draft marks of a seat in a phase: unit → order text and who drafted it. */
  drafts(
    matchId: string,
    seat: number,
    phaseKey: string,
  ): Map<string, { order: string; studentId: string; at: number }> {
    const rows = prepared(
      this.db,
      `SELECT unit, order_text AS "order", student_id AS "studentId", at FROM class_drafts
         WHERE match_id = ? AND seat = ? AND phase_key = ?`,
    ).all(matchId, seat, phaseKey) as { unit: string; order: string; studentId: string; at: number }[];
    return new Map(rows.map((r) => [r.unit, { order: r.order, studentId: r.studentId, at: r.at }]));
  }
}
