/**
 * docs/exports.md and the tables' column definitions (shared/src/exports) say the same: every
 * table of a match's and a class's export has a section `### <table>.csv` listing exactly its
 * columns, in order, each with its type and its one-line meaning as the code writes them; and the
 * match_id a class export adds is documented as the code defines it.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exportColumns, MATCH_ID_COLUMN, type ColumnSpec } from "../../shared/src/exports";

const doc = fs.readFileSync(path.join(import.meta.dirname, "../../docs/exports.md"), "utf8");

/** The documented columns of each `### <name>` section: the rows of its `| column | type | meaning |` table. */
function documented(text: string): Map<string, ColumnSpec[]> {
  const sections = new Map<string, ColumnSpec[]>();
  let current: ColumnSpec[] | null = null;
  for (const line of text.split("\n")) {
    const heading = /^### (.+)$/.exec(line);
    if (heading) {
      current = [];
      sections.set(heading[1]!.trim(), current);
      continue;
    }
    const row = /^\|\s*`([a-z_]+)`\s*\|\s*([a-z]+)\s*\|\s*(.+?)\s*\|$/.exec(line);
    if (row && current !== null)
      current.push({ name: row[1]!, kind: row[2] as ColumnSpec["kind"], about: row[3]! });
  }
  return sections;
}

describe("docs/exports.md", () => {
  const sections = documented(doc);
  const tables = [
    ...exportColumns("match"),
    ...exportColumns("class").filter((t) => !exportColumns("match").some((m) => m.name === t.name)),
  ];

  it("documents every table, and no table the exports do not write", () => {
    const csvSections = [...sections.keys()].filter((k) => k.endsWith(".csv"));
    expect(csvSections.sort()).toEqual(tables.map((t) => `${t.name}.csv`).sort());
  });

  for (const table of tables) {
    it(`lists ${table.name}.csv's columns in order, with their types and meanings`, () => {
      expect(sections.get(`${table.name}.csv`)).toEqual(
        table.columns.map((c) => ({ name: c.name, kind: c.kind, about: c.about })),
      );
    });
  }

  it("documents the match_id a class export adds", () => {
    expect(sections.get("match_id (class exports)")).toEqual([
      { name: MATCH_ID_COLUMN.name, kind: MATCH_ID_COLUMN.kind, about: MATCH_ID_COLUMN.about },
    ]);
  });

  it("catches a column the documentation lacks", () => {
    const edited = doc.replace(/^\| `reported` .*\n/m, "");
    expect(documented(edited).get("defections.csv")).not.toEqual(
      exportColumns("match")
        .find((t) => t.name === "defections")!
        .columns.map((c) => ({ name: c.name, kind: c.kind, about: c.about })),
    );
  });
});
