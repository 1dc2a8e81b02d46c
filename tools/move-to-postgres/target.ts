/**
 * The PostgreSQL database a folder moves into: reaching it, the schema its tables go in (the first
 * of the connection's search path), and whether it holds data already — a move never merges, so it
 * goes only into a database whose tables are empty (or not made yet).
 */
import pg from "pg";
import { postgresTables, quoted } from "./tables";

/** Why a move does not start (or stops) with nothing written: the message says what to do. */
export class MoveRefusal extends Error {
  override readonly name = "MoveRefusal";
}

/** How long to wait for PostgreSQL to answer a connection. */
const CONNECT_TIMEOUT_MS = 5_000;

/** Connects to the target, or refuses naming why it cannot be reached. */
export async function connectTarget(url: string, name: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: "entente-move-to-postgres",
  });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new MoveRefusal(`Could not reach ${name}: ${reason(error)}. Nothing was written.`);
  }
  client.on("error", () => undefined); // a lost connection fails the next query, which says so
  return client;
}

/** An error's message, with its code when it has one. */
export function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const message =
    error.message || (error instanceof AggregateError ? error.errors.map(reason).join("; ") : "");
  return typeof code === "string" && !message.includes(code) ? `${message} (${code})` : message;
}

/** The schema the target's tables go in; refuses when the search path names none that exists. */
export async function targetSchema(client: pg.ClientBase, name: string): Promise<string> {
  const { rows } = await client.query<{ schema: string | null; path: string }>(
    `SELECT current_schema() AS schema, current_setting('search_path') AS path`,
  );
  const schema = rows[0]?.schema ?? null;
  if (schema === null)
    throw new MoveRefusal(
      `${name} has no schema to hold the tables (search_path: ${rows[0]?.path ?? "?"}): create it first. Nothing was written.`,
    );
  return schema;
}

/** The tables of the target's schema that hold rows, with the count of matches. */
export async function dataHeld(client: pg.ClientBase): Promise<{ tables: string[]; matches: number }> {
  const tables: string[] = [];
  let matches = 0;
  for (const table of await postgresTables(client)) {
    const { rows } = await client.query<{ held: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${quoted(table)}) AS held`,
    );
    if (rows[0]?.held !== true) continue;
    tables.push(table);
    if (table === "matches") {
      const counted = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM matches`);
      matches = Number(counted.rows[0]?.n ?? 0);
    }
  }
  return { tables, matches };
}

/** Refuses a target that holds data already: a move never merges two databases. */
export async function refuseHeld(client: pg.ClientBase, name: string, schema: string): Promise<void> {
  const held = await dataHeld(client);
  if (held.tables.length === 0) return;
  const what = held.matches > 0 ? `${held.matches.toLocaleString("en-US")} matches` : "data";
  throw new MoveRefusal(
    `${name} (schema ${schema}) already holds ${what} (rows in ${held.tables.join(", ")}): ` +
      `a move never merges. Move into an empty database or schema. Nothing was written.`,
  );
}
