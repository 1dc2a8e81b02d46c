/**
 * Migration 001: every table of the main database as the server made them before its schema was
 * versioned — the matches, their logs and growing parts (storage), the setups, seats and phase
 * clocks (match records), the lobby's reservations, the press and its key — with the same columns,
 * types, keys, references and indexes.
 *
 * It also adopts a data folder written before migrations existed: a table that is there already
 * is kept as it is, rows and all, and only gains the columns it lacks (a folder from before the
 * write ids or the idle columns gets them, empty or at their defaults, as those versions' own
 * starts added them). Indexes are made only where missing.
 */
import {
  sql,
  type ColumnDataType,
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Kysely,
} from "kysely";
import { columnTypes, ownTables, type ColumnTypes } from "./types";

/** One column: its name, type and constraints. */
interface Column {
  readonly name: string;
  readonly type: ColumnDataType;
  readonly build?: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
}

/** One table: its columns in order, and its primary key when it spans several columns. */
interface Table {
  readonly name: string;
  readonly columns: readonly Column[];
  readonly primaryKey?: readonly string[];
}

/** A column that belongs to a match: dropped with it. */
function matchID(build?: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder): Column {
  return {
    name: "match_id",
    type: "text",
    build: (c) => (build ? build(c) : c.notNull()).references("matches.id").onDelete("cascade"),
  };
}

const notNull = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull();
const primaryKey = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.primaryKey();
const zero = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull().defaultTo(0);

/** The tables, `matches` first (the others refer to it). */
function tables(t: ColumnTypes): readonly Table[] {
  return [
    {
      name: "matches",
      columns: [
        { name: "id", type: "text", build: primaryKey },
        { name: "game", type: "text", build: notNull },
        { name: "metadata", type: "text", build: notNull },
        { name: "state", type: "text" },
        { name: "initial_state", type: "text" },
        { name: "gameover", type: "integer", build: zero },
        { name: "created_at", type: t.big, build: notNull },
        { name: "updated_at", type: t.big, build: notNull },
        { name: "write_id", type: t.big },
      ],
    },
    {
      name: "match_log",
      columns: [
        matchID(),
        { name: "seq", type: "integer", build: notNull },
        { name: "entry", type: "text", build: notNull },
      ],
      primaryKey: ["match_id", "seq"],
    },
    {
      name: "match_parts",
      columns: [
        matchID(),
        { name: "part", type: "text", build: notNull },
        { name: "idx", type: "integer", build: notNull },
        { name: "item", type: "text", build: notNull },
      ],
      primaryKey: ["match_id", "part", "idx"],
    },
    {
      name: "match_setup",
      columns: [
        matchID(primaryKey),
        { name: "timing", type: "text", build: notNull },
        { name: "unlisted", type: "integer", build: (c) => c.notNull().defaultTo(1) },
        { name: "created_at", type: t.big, build: notNull },
        { name: "next_match_id", type: "text" },
      ],
    },
    {
      name: "seats",
      columns: [
        matchID(),
        { name: "seat", type: "integer", build: notNull },
        { name: "kind", type: "text", build: notNull },
        { name: "personality", type: "text" },
        { name: "missed", type: "integer", build: zero },
        { name: "bot_active", type: "integer", build: zero },
        { name: "returned", type: "integer", build: zero },
      ],
      primaryKey: ["match_id", "seat"],
    },
    {
      name: "phase_clock",
      columns: [
        matchID(primaryKey),
        { name: "phase_key", type: "text", build: notNull },
        { name: "deadline", type: t.big, build: notNull },
        { name: "idle_phases", type: "integer", build: zero },
        { name: "activity", type: "text", build: (c) => c.notNull().defaultTo("waiting") },
        { name: "paused_left", type: t.big },
        { name: "press_seen", type: t.big, build: zero },
      ],
    },
    {
      name: "lobby_reservations",
      columns: [
        matchID(),
        { name: "seat", type: "integer", build: notNull },
        { name: "until", type: t.big, build: notNull },
      ],
      primaryKey: ["match_id", "seat"],
    },
    {
      name: "press",
      columns: [
        { name: "id", type: "text", build: primaryKey },
        matchID(),
        { name: "sender", type: "text", build: notNull },
        { name: "recipients", type: "text", build: notNull },
        { name: "text", type: "text", build: notNull },
        {
          name: "kind",
          type: "text",
          build: (c) => c.notNull().check(sql`kind IN ('message', 'communique')`),
        },
        { name: "phase", type: "text", build: notNull },
        { name: "created_at", type: t.big, build: notNull },
      ],
    },
    {
      name: "press_key",
      columns: [
        { name: "id", type: "integer", build: (c) => c.primaryKey().check(sql`id = 1`) },
        { name: "secret", type: t.bytes, build: notNull },
      ],
    },
  ];
}

/** Creates a table with all its columns. */
async function createTable(db: Kysely<unknown>, table: Table): Promise<void> {
  let create: CreateTableBuilder<string, string> = db.schema.createTable(table.name);
  for (const column of table.columns) create = create.addColumn(column.name, column.type, column.build);
  if (table.primaryKey) create = create.addPrimaryKeyConstraint(`${table.name}_pkey`, [...table.primaryKey]);
  await create.execute();
}

/** Adds the columns an adopted table lacks (each was added after the table's first release). */
async function addMissingColumns(
  db: Kysely<unknown>,
  table: Table,
  present: ReadonlySet<string>,
): Promise<void> {
  for (const column of table.columns) {
    if (present.has(column.name)) continue;
    await db.schema.alterTable(table.name).addColumn(column.name, column.type, column.build).execute();
  }
}

/** Creates today's tables and indexes, or completes those a folder from before migrations holds. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const existing = new Map((await ownTables(db)).map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
  for (const table of tables(columnTypes(db))) {
    const present = existing.get(table.name);
    if (present) await addMissingColumns(db, table, present);
    else await createTable(db, table);
  }
  await db.schema.createIndex("matches_updated").ifNotExists().on("matches").column("updated_at").execute();
  await db.schema
    .createIndex("press_match")
    .ifNotExists()
    .on("press")
    .columns(["match_id", "created_at"])
    .execute();
}
