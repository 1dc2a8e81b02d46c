/**
 * What `npm run move-to-postgres` prints when it is done: where the folder went, the rows of each
 * table, how long it took, and what the check after the commit found. Pure: text from a report.
 */
import type { MoveReport } from "./move";

/** A count with thousands separated, as people read it. */
function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** The report's lines. */
export function formatReport(report: MoveReport): string {
  const total = report.copied.reduce((sum, t) => sum + t.rows, 0);
  const width = Math.max(5, ...report.copied.map((t) => t.table.length));
  const numbers = Math.max(4, count(total).length);
  const row = (name: string, rows: string): string => `  ${name.padEnd(width)}  ${rows.padStart(numbers)}`;
  const v = report.verification;
  const matches =
    v.matchesChecked === v.matchesTotal
      ? `all ${count(v.matchesTotal)}`
      : `${count(v.matchesChecked)} of ${count(v.matchesTotal)}`;
  const migrated =
    report.migratedPostgres.length === 0
      ? "had every migration already"
      : `migrated: ${report.migratedPostgres.join(", ")}`;
  return [
    `Moved ${report.file} into ${report.target} (schema ${report.schema}, ${migrated}).`,
    row("table", "rows"),
    ...report.copied.map((t) => row(t.table, count(t.rows))),
    row("total", count(total)),
    `Copied ${count(report.copied.length)} tables, ${count(total)} rows in one transaction in ${report.seconds.toFixed(1)} s.`,
    v.problems.length === 0
      ? `Checked in ${report.checkSeconds.toFixed(1)} s: every table holds as many rows on both sides; ${matches} matches read back the same (state, metadata, log, initial state).`
      : `The check after the commit FAILED:\n${v.problems.map((p) => `  ${p}`).join("\n")}`,
    `Schema ${report.version ?? "none"}. The folder is left as it was: keep it as a backup, and start the servers with this DATABASE_URL.`,
  ].join("\n");
}
