/**
 * Data exports (docs/exports.md) on the wire: `GET /api/matches/:id/export.zip|json` and
 * `GET /api/classes/:classId/export.zip|json`. The JSON file's schema is made from the tables'
 * own column definitions (shared/src/exports), so a column cannot be added to one and not the
 * other; the zip is a file whose answer is checked only for being a zip.
 */
import { z } from "zod";
import { exportColumns, type CellKind, type ColumnSpec, type ExportScope } from "../exports";
import { recordSettingsSchema } from "./record";

/** The `format` of an export's JSON file. */
export const EXPORT_FORMAT = "entente-data-export";
/** The version of that format. */
export const EXPORT_VERSION = 1;

/** A cell of a column of that kind (every cell may be empty). */
function cellSchema(kind: CellKind): z.ZodType {
  switch (kind) {
    case "text":
      return z.string().nullable();
    case "integer":
      return z.number().int().nullable();
    case "number":
      return z.number().nullable();
    case "boolean":
      return z.boolean().nullable();
  }
}

/** A table's rows, each an object with exactly its columns. */
function tableSchema(columns: readonly ColumnSpec[]) {
  return z.array(z.strictObject(Object.fromEntries(columns.map((c) => [c.name, cellSchema(c.kind)]))));
}

/** Every table of an export, by name. */
function tablesSchema(scope: ExportScope) {
  return z.strictObject(
    Object.fromEntries(exportColumns(scope).map((t) => [t.name, tableSchema(t.columns)])),
  );
}

/** One match of an export, as its raw facts. */
export const exportedMatchSchema = z.strictObject({
  matchID: z.string().min(1),
  view: z.enum(["whole", "seat"]), // seat: a running match's host sees what their seat sees
  complete: z.boolean(), // the export reaches the match's end
  privatePress: z.boolean(), // private messages are in it (a teacher's, when the session said so)
  settings: recordSettingsSchema,
  powers: z.array(z.string().min(1)), // in seat order
});
/** A match of an export. */
export type ExportedMatch = z.infer<typeof exportedMatchSchema>;

/** `GET /api/matches/:id/export.json`: every table of one match in one object. */
export const matchExportSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  scope: z.literal("match"),
  exportedAt: z.iso.datetime(), // by the server's clock
  matches: z.array(exportedMatchSchema).length(1),
  tables: tablesSchema("match"),
});
/** A match's JSON export. */
export type MatchExport = z.infer<typeof matchExportSchema>;

/** `GET /api/classes/:classId/export.json`: every table of every match of a class session, and its students. */
export const classExportSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  scope: z.literal("class"),
  exportedAt: z.iso.datetime(),
  classId: z.string().min(1),
  className: z.string(),
  matches: z.array(exportedMatchSchema),
  tables: tablesSchema("class"),
});
/** A class session's JSON export. */
export type ClassExport = z.infer<typeof classExportSchema>;

/**
 * A zip export as the lobby's test helper reads an answer that is not JSON: its bytes as text,
 * which begin with a zip's local file header.
 */
export const exportZipAnswerSchema = z.string().startsWith("PK\u0003\u0004");
