/**
 * What is copied: every table both databases hold after their migrations — read from the two
 * schemas themselves, so a new migration's table is moved without a change here — in an order
 * where a table comes after every table it refers to (matches before their logs), each with the
 * columns to read from SQLite and the columns they go to in PostgreSQL. The migrations' own
 * records (`kysely_migration`, `kysely_migration_lock`) are not data: PostgreSQL's are made by its
 * migrations. SQLite's implicit row id goes to PostgreSQL's `rowid` column where migration 005
 * made one (the server reads those tables in the order their rows were made).
 */
import type Database from "better-sqlite3";
import type pg from "pg";
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from "../../server/src/storage/migrations";

/** PostgreSQL's name for the column that keeps SQLite's implicit row id. */
export const ROWID = "rowid";

/** A column PostgreSQL counts up itself (`serial`, `bigserial`) and the sequence behind it. */
export interface SerialColumn {
  readonly column: string;
  readonly sequence: string;
}

/** How one table is copied. */
export interface TablePlan {
  readonly name: string;
  /** SQLite's columns to read, in order (`rowid` for the implicit row id). */
  readonly source: readonly string[];
  /** PostgreSQL's columns they go to, in the same order. */
  readonly target: readonly string[];
  /** Columns whose sequence must be set past the largest value copied. */
  readonly serials: readonly SerialColumn[];
}

/** A name quoted for SQL (both databases read double quotes). */
export function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Whether a table is a migration record rather than data. */
function isMigrationRecord(name: string): boolean {
  return name === MIGRATION_TABLE || name === MIGRATION_LOCK_TABLE;
}

/** The data tables of the SQLite file, in the order they were made. */
export function sqliteTables(db: Database.Database): string[] {
  const rows = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid`,
    )
    .all() as { name: string }[];
  return rows.map((r) => r.name).filter((name) => !isMigrationRecord(name));
}

/** The data tables of the PostgreSQL schema first in the connection's search path. */
export async function postgresTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => r.name).filter((name) => !isMigrationRecord(name));
}

/** A table's columns in SQLite, in order. */
function sqliteColumns(db: Database.Database, table: string): string[] {
  const rows = db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).all(table) as {
    name: string;
  }[];
  return rows.map((r) => r.name);
}

/** The tables a SQLite table refers to. */
function sqliteReferences(db: Database.Database, table: string): string[] {
  const rows = db.prepare(`SELECT DISTINCT "table" AS name FROM pragma_foreign_key_list(?)`).all(table) as {
    name: string;
  }[];
  return rows.map((r) => r.name).filter((name) => name !== table);
}

/** Whether a SQLite table has row ids (every table the migrations make does). */
function hasRowid(db: Database.Database, table: string): boolean {
  const row = db.prepare(`SELECT wr FROM pragma_table_list WHERE name = ? AND schema = 'main'`).get(table) as
    | { wr: number }
    | undefined;
  return row !== undefined && row.wr === 0;
}

/**
 * The tables in an order where each comes after those it refers to, the order they were made
 * breaking ties (so `matches` comes first). Throws on a cycle, which the migrations never make.
 */
export function referenceOrder(
  tables: readonly string[],
  references: ReadonlyMap<string, readonly string[]>,
): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < tables.length) {
    const next = tables.find(
      (t) => !placed.has(t) && (references.get(t) ?? []).every((r) => placed.has(r) || !tables.includes(r)),
    );
    if (next === undefined)
      throw new Error(
        `the tables' references form a cycle: ${tables.filter((t) => !placed.has(t)).join(", ")}`,
      );
    order.push(next);
    placed.add(next);
  }
  return order;
}

/** PostgreSQL's columns of every table of the schema, with the sequence of each serial one. */
async function postgresColumns(
  client: pg.ClientBase,
): Promise<Map<string, { column: string; sequence: string | null }[]>> {
  const { rows } = await client.query<{ table_name: string; column_name: string; sequence: string | null }>(
    `SELECT table_name, column_name,
            pg_get_serial_sequence(format('%I.%I', table_schema, table_name), column_name) AS sequence
       FROM information_schema.columns
      WHERE table_schema = current_schema()
      ORDER BY table_name, ordinal_position`,
  );
  const columns = new Map<string, { column: string; sequence: string | null }[]>();
  for (const row of rows) {
    const list = columns.get(row.table_name) ?? [];
    list.push({ column: row.column_name, sequence: row.sequence });
    columns.set(row.table_name, list);
  }
  return columns;
}

/**
 * How to copy every table, from both migrated schemas. Throws, naming the difference, when they do
 * not hold the same tables and columns (both are made by the same migrations, so they always do).
 */
export async function planTables(db: Database.Database, client: pg.ClientBase): Promise<TablePlan[]> {
  const tables = sqliteTables(db);
  const theirs = await postgresTables(client);
  const missing = tables.filter((t) => !theirs.includes(t));
  const extra = theirs.filter((t) => !tables.includes(t));
  if (missing.length > 0 || extra.length > 0)
    throw new Error(
      `the two databases' schemas differ after their migrations (only in SQLite: ${missing.join(", ") || "none"}; ` +
        `only in PostgreSQL: ${extra.join(", ") || "none"})`,
    );
  const columns = await postgresColumns(client);
  const references = new Map(tables.map((t) => [t, sqliteReferences(db, t)]));
  return referenceOrder(tables, references).map((name) => {
    if (!hasRowid(db, name))
      throw new Error(`the SQLite table ${name} has no row ids, which no migration makes`);
    const ours = sqliteColumns(db, name);
    const target = columns.get(name) ?? [];
    const source = target.map(({ column }) => {
      if (ours.includes(column)) return column;
      if (column === ROWID) return ROWID; // SQLite's implicit row id
      throw new Error(`the PostgreSQL table ${name} has a column ${column} that SQLite's lacks`);
    });
    const lacking = ours.filter((c) => !target.some((t) => t.column === c));
    if (lacking.length > 0)
      throw new Error(`the PostgreSQL table ${name} lacks the columns ${lacking.join(", ")}`);
    const serials = target.flatMap((t) =>
      t.sequence === null ? [] : [{ column: t.column, sequence: t.sequence }],
    );
    return { name, source, target: target.map((t) => t.column), serials };
  });
}
