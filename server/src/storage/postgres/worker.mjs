// @ts-check
/**
 * The worker thread that holds the PostgreSQL connections of `./connection.ts`. The server's
 * storage is synchronous (SQLite's is), so the main thread hands each statement here and waits
 * for its answer (synckit: a message and `Atomics.wait`); this thread runs it with node-postgres.
 * One client per connection id, so a transaction's statements go down one connection in order.
 * Errors come back as data, with PostgreSQL's SQLSTATE, so the main thread can tell them apart.
 */
import { Buffer } from "node:buffer";
import pg from "pg";
import { runAsWorker } from "synckit";

// Numbers the server stores past 32 bits (times in milliseconds) come back as numbers, as SQLite gives them.
pg.types.setTypeParser(20, (text) => Number(text)); // int8
pg.types.setTypeParser(1700, (text) => Number(text)); // numeric (SUM of bigint)

/** @type {Map<number, { url: string; client: pg.Client | null; names: Map<string, string> }>} */
const connections = new Map();
let lastID = 0;

/** Connection settings: give up on a server that does not answer rather than wait for ever. */
const STATEMENT_TIMEOUT_MS = 15_000;

/** @param {string} url */
async function connect(url) {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 5_000,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: STATEMENT_TIMEOUT_MS + 1_000,
    application_name: "entente",
  });
  await client.connect();
  return client;
}

/** @param {unknown} value */
function param(value) {
  if (ArrayBuffer.isView(value) && !Buffer.isBuffer(value))
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

/** @param {unknown} error */
function failure(error) {
  const e = /** @type {{ message?: string; code?: string; detail?: string }} */ (error);
  return {
    error: {
      message: String(e?.message ?? error),
      code: typeof e?.code === "string" ? e.code : null,
      detail: e?.detail ?? null,
    },
  };
}

/**
 * @param {{ op: "connect"; url: string } | { op: "query"; id: number; text: string; params: unknown[]; before?: string } | { op: "close"; id: number }} call
 */
async function handle(call) {
  if (call.op === "connect") {
    const client = await connect(call.url);
    const id = ++lastID;
    connections.set(id, { url: call.url, client, names: new Map() });
    client.on("error", () => {
      const c = connections.get(id);
      if (c && c.client === client) c.client = null;
    });
    return { id };
  }
  const connection = connections.get(call.id);
  if (!connection) throw new Error(`no PostgreSQL connection ${call.id}`);
  if (call.op === "close") {
    connections.delete(call.id);
    await connection.client?.end().catch(() => undefined);
    return {};
  }
  if (connection.client === null) {
    const client = await connect(connection.url);
    connection.client = client;
    connection.names = new Map();
    client.on("error", () => {
      if (connection.client === client) connection.client = null;
    });
  }
  const client = connection.client;
  try {
    if (call.before) await client.query(call.before);
    if (call.params.length === 0 && !/^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(call.text)) {
      const result = await client.query(call.text);
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return { rows: last?.rows ?? [], changes: last?.rowCount ?? 0 };
    }
    let name = connection.names.get(call.text);
    if (name === undefined) {
      name = `e${connection.names.size + 1}`;
      connection.names.set(call.text, name);
    }
    const result = await client.query({ name, text: call.text, values: call.params.map(param) });
    return { rows: result.rows, changes: result.rowCount ?? 0 };
  } catch (error) {
    // A connection that broke is dropped: the next call opens a new one.
    const code = /** @type {{ code?: unknown }} */ (error)?.code;
    if (typeof code !== "string" || code.startsWith("08") || code.startsWith("57P")) {
      connection.client = null;
      client.end().catch(() => undefined);
    }
    return failure(error);
  }
}

runAsWorker(async (call) => {
  try {
    return await handle(call);
  } catch (error) {
    return failure(error);
  }
});
