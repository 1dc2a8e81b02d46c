/**
 * A data export's table as data: its name, what one row is, and each column's name, type and
 * one-line meaning beside the function that fills it — one source for the CSV files, the JSON file,
 * its schema (shared/src/wire/exports.ts) and docs/exports.md. Pure.
 */

/** One value of a table: text, a number, a yes/no, or nothing (an empty cell). */
export type Cell = string | number | boolean | null;

/** What a column holds. */
export const CELL_KINDS = ["text", "integer", "number", "boolean"] as const;
/** One of `CELL_KINDS`. */
export type CellKind = (typeof CELL_KINDS)[number];

/** A column as the documentation and the schema read it. */
export interface ColumnSpec {
  readonly name: string; // snake_case, the CSV header and the JSON key
  readonly kind: CellKind;
  readonly about: string; // one line, as docs/exports.md writes it
}

/** A column and how a row of type `R` fills it. */
export interface Column<R> extends ColumnSpec {
  readonly value: (row: R) => Cell;
}

/** A table as the export writes it: its rows already made, one cell per column in order. */
export interface TableRows {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  readonly rows: readonly (readonly Cell[])[];
}

/** A column of `R`: `text`, `integer`, `number` or `boolean`, named with its meaning. */
export function column<R>(name: string, kind: CellKind, about: string, value: (row: R) => Cell): Column<R> {
  return { name, kind, about, value };
}

/** The cells of one row, in the columns' order. */
export function cellsOf<R>(columns: readonly Column<R>[], row: R): Cell[] {
  return columns.map((c) => c.value(row));
}

/**
 * A cell as spreadsheet text: nothing for null, `true`/`false`, a number as JavaScript writes it;
 * text that a spreadsheet would take for a formula (it begins with `=`, `+`, `-`, `@`, a tab or a
 * carriage return) gets a leading apostrophe, so a player's words stay words.
 */
export function spreadsheetText(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "boolean") return cell ? "true" : "false";
  if (typeof cell === "number") return String(cell);
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
