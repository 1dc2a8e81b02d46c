/**
 * `GET /api/matches/:id/export.zip` and `GET /api/matches/:id/export.json` (docs/exports.md): a
 * match's data as CSV files in a zip (one per table) and as one JSON file, made from its timeline
 * (timeline.ts) by the shared tables (shared/src/exports). Who may have it is who may have its
 * record: the host or, for a class match, the teacher, at any time (a running match's host sees
 * what their seat sees); any seat's holder once it has ended. Private messages are only in the
 * export of a class match's teacher, and only when the session told its students so
 * (`teacherReadsPress`); communiqués are public and in everyone's. Also the CSV, zip and answer
 * helpers the class export (../classes/export.ts) uses.
 */
import type Koa from "koa";
import { stringify } from "csv-stringify/sync";
import { strToU8, zipSync, type Zippable } from "fflate";
import {
  matchExport,
  rowsAsRecords,
  spreadsheetText,
  type Cell,
  type MatchFacts,
  type TableRows,
} from "../../../shared/src/exports";
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ClassExport,
  type ExportedMatch,
  type MatchExport,
} from "../../../shared/src/wire";
import type { ServerContext } from "../context";
import { pressStore } from "../press/store";
import { matchTimeline, sourceOf, type MatchTimeline } from "./timeline";

/** The two files of an export. */
export type ExportFile = "zip" | "json";

/**
 * A table as a CSV file that spreadsheets open cleanly: UTF-8 with a byte-order mark, CRLF line
 * ends, a header row, quoting by the library, and text that looks like a formula defused.
 */
export function csvOf(table: TableRows): string {
  const records = table.rows.map((cells) => cells.map((cell: Cell) => spreadsheetText(cell)));
  return stringify(records, {
    bom: true,
    header: true,
    columns: table.columns.map((c) => c.name),
    record_delimiter: "\r\n",
  });
}

/** Every table as `<folder>/<table>.csv` in one zip. */
export function zipOf(folder: string, tables: readonly TableRows[]): Uint8Array {
  const files: Zippable = {};
  for (const table of tables) files[`${folder}/${table.name}.csv`] = strToU8(csvOf(table));
  return zipSync(files, { level: 6, mtime: new Date("2000-01-01T00:00:00Z") });
}

/** The tables as the JSON file holds them: each a list of objects keyed by column name. */
export function tablesAsJson(tables: readonly TableRows[]): Record<string, Record<string, Cell>[]> {
  return Object.fromEntries(tables.map((t) => [t.name, rowsAsRecords(t)]));
}

/** An export's file as it is sent: a zip's bytes, or the JSON object. */
export type ExportAnswer =
  | { readonly file: "zip"; readonly bytes: Uint8Array }
  | { readonly file: "json"; readonly json: MatchExport | ClassExport };

/** Answers with a file to save as `<baseName>.zip|json` (the JSON pretty, for people who open it). */
export function sendExport(kctx: Koa.Context, baseName: string, answer: ExportAnswer): void {
  kctx.set("Cache-Control", "no-store");
  kctx.set("Content-Disposition", `attachment; filename="${baseName}.${answer.file}"`);
  if (answer.file === "zip") {
    kctx.type = "application/zip";
    kctx.body = Buffer.from(answer.bytes);
  } else {
    kctx.type = "application/json; charset=utf-8";
    kctx.body = JSON.stringify(answer.json, null, 2);
  }
}

/** Whether a timeline's reader may have its private messages: a class's teacher, when announced. */
export function readsPrivatePress(timeline: MatchTimeline): boolean {
  return timeline.reader.kind === "teacher" && timeline.reader.readsPress;
}

/** A match as an export reads it: what its reader may see, and the press they may have. */
export function factsOf(ctx: ServerContext, timeline: MatchTimeline): MatchFacts {
  const press = pressStore(ctx.db);
  const items = readsPrivatePress(timeline)
    ? press.everything(timeline.matchID)
    : press.history(timeline.matchID, null); // communiqués only
  return { source: sourceOf(timeline), press: items };
}

/** The raw facts of a match for the JSON file. */
export function exportedMatch(timeline: MatchTimeline, facts: MatchFacts): ExportedMatch {
  const G = facts.source.start;
  return {
    matchID: timeline.matchID,
    view: facts.source.view,
    complete: facts.source.ended,
    privatePress: readsPrivatePress(timeline),
    settings: { ...G.settings, mapId: G.settings.mapId as ExportedMatch["settings"]["mapId"] },
    powers: [...G.powers],
  };
}

/**
 * `GET /api/matches/:id/export.zip|json` for the holder of `key`: 404 `unknown-match`, 401/403 as
 * for its record (`mustMayRead`).
 */
export async function answerMatchExport(
  ctx: ServerContext,
  kctx: Koa.Context,
  id: string,
  key: string | null,
  file: ExportFile,
): Promise<void> {
  const timeline = await matchTimeline(ctx, id, key);
  const facts = factsOf(ctx, timeline);
  const tables = matchExport(facts);
  const baseName = `entente-${timeline.matchID}`;
  if (file === "zip") {
    sendExport(kctx, baseName, { file, bytes: zipOf(baseName, tables) });
    return;
  }
  const json: MatchExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    scope: "match",
    exportedAt: new Date(ctx.now()).toISOString(),
    matches: [exportedMatch(timeline, facts)],
    tables: tablesAsJson(tables),
  };
  sendExport(kctx, baseName, { file, json });
}
