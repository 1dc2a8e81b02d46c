/**
 * `GET /api/classes/:classId/export.zip` and `GET /api/classes/:classId/export.json`
 * (docs/exports.md): every match of a class session in one set of tables (each row with its
 * match's id) and the session's students (names, matches and powers — never a key), for its
 * teacher. Each match is read through its timeline with the teacher's key, as its record is;
 * private messages are in it only when the session told its students so (`teacherReadsPress`).
 */
import type Koa from "koa";
import { classExport, type MatchFacts, type StudentFacts } from "../../../shared/src/exports";
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ClassExport,
  type ExportedMatch,
} from "../../../shared/src/wire";
import type { ServerContext } from "../context";
import { exportedMatch, factsOf, sendExport, tablesAsJson, zipOf, type ExportFile } from "../lobby/export";
import { matchTimeline, type MatchTimeline } from "../lobby/timeline";
import type { ClassRow, ClassStore } from "./store";

/** The students of a session as the export names them, each with the power their seat plays. */
function studentsOf(store: ClassStore, row: ClassRow, facts: readonly MatchFacts[]): StudentFacts[] {
  const powersOf = new Map(facts.map((f) => [f.source.matchID, f.source.start.powers]));
  return store.students(row.id).map((s) => ({
    name: s.name,
    matchId: s.matchId,
    power: s.matchId === null || s.seat === null ? null : (powersOf.get(s.matchId)?.[s.seat] ?? null),
    joinedAt: s.joinedAt,
  }));
}

/**
 * `GET /api/classes/:classId/export.zip|json` for a class whose teacher key (`key`) the caller has
 * checked: the answer.
 */
export async function answerClassExport(
  ctx: ServerContext,
  kctx: Koa.Context,
  store: ClassStore,
  row: ClassRow,
  key: string,
  file: ExportFile,
): Promise<void> {
  const timelines: MatchTimeline[] = [];
  for (const m of store.matches(row.id)) timelines.push(await matchTimeline(ctx, m.matchId, key));
  const facts = timelines.map((t) => factsOf(ctx, t));
  const tables = classExport(facts, studentsOf(store, row, facts));
  const baseName = `entente-class-${row.id}`;
  if (file === "zip") {
    sendExport(kctx, baseName, { file, bytes: zipOf(baseName, tables) });
    return;
  }
  const matches: ExportedMatch[] = timelines.map((t, i) => exportedMatch(t, facts[i]!));
  const json: ClassExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    scope: "class",
    exportedAt: new Date(ctx.now()).toISOString(),
    classId: row.id,
    className: row.name,
    matches,
    tables: tablesAsJson(tables),
  };
  sendExport(kctx, baseName, { file, json });
}
