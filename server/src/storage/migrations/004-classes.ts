/**
 * Migration 004: class sessions (docs/classroom.md). A teacher's session (`classes`: its name, its
 * join code, the sha256 of the teacher's key, its settings as JSON, where it is, the seed of its
 * split), its students (`class_students`: name, the sha256 of their key, the match and seat they
 * play — a seat null with a match: they watch it), its matches (`class_matches`: their number, the
 * preset, whether the teacher holds them paused), the teacher's broadcasts, each team's private
 * chat, and who last drafted each unit's order in a team (`class_drafts`). Keys are never stored,
 * only their hashes. A class's rows go with it; a match's go with the match.
 */
import { sql, type Kysely } from "kysely";
import { columnTypes } from "./types";

/** Creates the class tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable("classes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("teacher_hash", "text", (c) => c.notNull()) // sha256 of the teacher key, hex
    .addColumn("settings", "text", (c) => c.notNull()) // JSON, every field filled in
    .addColumn("status", "text", (c) => c.notNull().check(sqlStatus()))
    .addColumn("seed", "text", (c) => c.notNull())
    .addColumn("projector", "text", (c) => c.notNull()) // a match id, or "rotate"
    .addColumn("created_at", t.big, (c) => c.notNull())
    .addColumn("started_at", t.big)
    .addColumn("ended_at", t.big)
    .execute();
  await db.schema
    .createTable("class_students")
    .addColumn("class_id", "text", (c) => c.notNull().references("classes.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_key", "text", (c) => c.notNull()) // the name folded for "already taken"
    .addColumn("key_hash", "text", (c) => c.notNull().unique()) // sha256 of the student key, hex
    .addColumn("joined_at", t.big, (c) => c.notNull())
    .addColumn("seen_at", t.big, (c) => c.notNull())
    .addColumn("match_id", "text") // null: not placed yet
    .addColumn("seat", "integer") // null: not placed, or watching match_id
    .addPrimaryKeyConstraint("class_students_pkey", ["class_id", "id"])
    .addUniqueConstraint("class_students_name", ["class_id", "name_key"])
    .execute();
  await db.schema
    .createTable("class_matches")
    .addColumn("match_id", "text", (c) => c.primaryKey().references("matches.id").onDelete("cascade"))
    .addColumn("class_id", "text", (c) => c.notNull().references("classes.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("preset", "text", (c) => c.notNull())
    .addColumn("held", "integer", (c) => c.notNull().defaultTo(0)) // 1: paused by the teacher
    .execute();
  await db.schema.createIndex("class_matches_class").on("class_matches").column("class_id").execute();
  await db.schema
    .createTable("class_broadcasts")
    .addColumn("id", t.serial, (c) => (t.postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("class_id", "text", (c) => c.notNull().references("classes.id").onDelete("cascade"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("at", t.big, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("class_team_chat")
    .addColumn("id", t.serial, (c) => (t.postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("match_id", "text", (c) => c.notNull().references("matches.id").onDelete("cascade"))
    .addColumn("seat", "integer", (c) => c.notNull())
    .addColumn("student_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("at", t.big, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("class_team_chat_seat")
    .on("class_team_chat")
    .columns(["match_id", "seat"])
    .execute();
  await db.schema
    .createTable("class_drafts")
    .addColumn("match_id", "text", (c) => c.notNull().references("matches.id").onDelete("cascade"))
    .addColumn("seat", "integer", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("phase_key", "text", (c) => c.notNull())
    .addColumn("order_text", "text", (c) => c.notNull())
    .addColumn("student_id", "text", (c) => c.notNull())
    .addColumn("at", t.big, (c) => c.notNull())
    .addPrimaryKeyConstraint("class_drafts_pkey", ["match_id", "seat", "unit"])
    .execute();
}

/** The statuses a class may have. */
function sqlStatus() {
  return sql`status IN ('waiting', 'running', 'ended')`;
}
