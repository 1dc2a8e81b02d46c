/**
 * Which database the server suites run against. By default SQLite, a file in each test's data
 * folder. With `ENTENTE_TEST_STORAGE=postgres` (the `postgres` project of vitest.config.ts) every
 * data folder gets a PostgreSQL schema of its own on `TEST_DATABASE_URL` instead — the same
 * folder, the same schema, so a restarted server finds its matches — and the servers the helpers
 * start are given its `DATABASE_URL`. Reads beside a running server go to the same place.
 */
import { createHash } from "node:crypto";
import pg from "pg";
import { PostgresDatabase, inspectDatabase, type SqlDatabase } from "../../../server/src/storage";

/** Whether this run keeps the servers' tables in PostgreSQL. */
export const ON_POSTGRES = process.env["ENTENTE_TEST_STORAGE"] === "postgres";

/** The PostgreSQL server the tests may use (`tools/services/services.sh env`). */
export function testDatabaseUrl(): string {
  const url = process.env["TEST_DATABASE_URL"];
  if (!url)
    throw new Error(
      "TEST_DATABASE_URL is not set: start the test services with tools/services/services.sh start (see its env)",
    );
  return url;
}

/** The schema of a data folder. */
export function schemaOf(dataDir: string): string {
  return `t_${createHash("sha256").update(dataDir).digest("hex").slice(0, 24)}`;
}

/** A URL of the test server whose connections use `schema` first. */
export function urlWithSchema(schema: string): string {
  const url = new URL(testDatabaseUrl());
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

/** The `DATABASE_URL` of a data folder in this run (none on SQLite). */
export function databaseUrlFor(dataDir: string): string | undefined {
  return ON_POSTGRES ? urlWithSchema(schemaOf(dataDir)) : undefined;
}

/** Makes sure a data folder's schema exists (on PostgreSQL; nothing to do on SQLite). */
export async function prepareDatabase(dataDir: string): Promise<Record<string, string>> {
  const url = databaseUrlFor(dataDir);
  if (url === undefined) return {};
  const client = new pg.Client(testDatabaseUrl());
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schemaOf(dataDir)}`);
  } finally {
    await client.end();
  }
  return { DATABASE_URL: url };
}

/** Opens a data folder's database beside a running server: its SQLite file, or its PostgreSQL schema. */
export function inspectServerDatabase(dataDir: string): SqlDatabase {
  const url = databaseUrlFor(dataDir);
  return url === undefined ? inspectDatabase(dataDir) : new PostgresDatabase(url);
}
