/**
 * Statement helpers shared by every module that keeps tables in the server's SQLite file.
 */
import type { SqlDatabase, SqlStatement } from "./sql";

const statements = new WeakMap<SqlDatabase, Map<string, SqlStatement>>();

/** A prepared statement, compiled once per database and SQL text (preparing is not free). */
export function prepared(db: SqlDatabase, sql: string): SqlStatement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
