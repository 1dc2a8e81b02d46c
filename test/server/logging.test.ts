/**
 * The server's structured logs (server/src/log.ts, docs/logging.md): JSON records with level,
 * time, node, module and msg; secrets redacted at any depth the logger covers; errors through
 * pino's serializer; the settings (`LOG_LEVEL`, `LOG_FORMAT`, `NODE_ID`, quiet under vitest); the
 * short lines for a person; the HTTP request log at debug without query strings; and a real
 * server process started with `LOG_LEVEL=info LOG_FORMAT=json` printing JSON lines only.
 */
import os from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import {
  createLog,
  listenToLogs,
  logSettingsFrom,
  moduleLog,
  parseLogFormat,
  prettyLine,
  REDACTED,
  REDACTED_FIELDS,
  type LogSettings,
} from "../../server/src/log";
import { databaseUrlFor } from "./support/database";
import { describeUrl } from "../../server/src/storage/postgres/connection";
import { removeDataDir, startChild, startInProcess, tempDataDir, waitUntil } from "./support/server";

/** A record as the tests read it. */
type LogRecord = { readonly [field: string]: unknown };

/** A logger writing into a list of parsed records. */
function collecting(settings: Partial<LogSettings> = {}): {
  logger: ReturnType<typeof createLog>;
  lines: string[];
  records: () => LogRecord[];
} {
  const lines: string[] = [];
  const logger = createLog(
    { level: "trace", format: "json", node: "node-a", ...settings },
    { write: (line) => void lines.push(line) },
  );
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as LogRecord) };
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) removeDataDir(dir);
});

describe("a log record", () => {
  it("is one JSON line with level, time, node, module and msg", () => {
    const { logger, lines, records } = collecting();
    logger.child({ module: "scheduler" }).info({ matchID: "m1" }, "match m1 resolved");
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith("\n")).toBe(true);
    expect(lines[0]!.trimEnd()).not.toContain("\n");
    const [record] = records();
    expect(record).toMatchObject({
      level: "info",
      node: "node-a",
      module: "scheduler",
      matchID: "m1",
      msg: "match m1 resolved",
    });
    expect(typeof record!["time"]).toBe("number");
    expect(Math.abs((record!["time"] as number) - Date.now())).toBeLessThan(60_000);
  });

  it("carries an error as err: type, message and stack", () => {
    const { logger, records } = collecting();
    logger.error({ err: new TypeError("the disk is full") }, "match m1: a move could not be stored");
    const err = records()[0]!["err"] as LogRecord;
    expect(err["type"]).toBe("TypeError");
    expect(err["message"]).toBe("the disk is full");
    expect(String(err["stack"])).toContain("logging.test.ts");
  });

  it("writes nothing below its level", () => {
    const { logger, lines } = collecting({ level: "warn" });
    logger.info("not written");
    logger.debug("not written");
    logger.warn("written");
    expect(lines).toHaveLength(1);
  });
});

describe("secrets never reach a log", () => {
  // Each secret field at the top, one, two and three levels down, in objects and arrays, in the
  // record and in a child's bindings.
  for (const field of REDACTED_FIELDS) {
    it(`redacts every field named ${field}`, () => {
      const { logger, lines, records } = collecting();
      const secret = (where: string): string => `s3cret-${field}-${where}`;
      logger.info(
        {
          [field]: secret("top"),
          seat: { [field]: secret("one") },
          req: { headers: { [field]: secret("two") } },
          seats: [{ [field]: secret("array") }],
          a: { b: { c: { [field]: secret("three") } } },
        },
        "a record with secrets",
      );
      logger.child({ module: "press", [field]: secret("binding") }).warn("a child with a secret");
      const text = lines.join("");
      expect(text).not.toContain("s3cret");
      const [first, second] = records();
      expect(first![field]).toBe(REDACTED);
      expect((first!["seat"] as LogRecord)[field]).toBe(REDACTED);
      expect(((first!["req"] as LogRecord)["headers"] as LogRecord)[field]).toBe(REDACTED);
      expect((first!["seats"] as LogRecord[])[0]![field]).toBe(REDACTED);
      expect(second![field]).toBe(REDACTED);
      expect(first!["msg"]).toBe("a record with secrets");
    });
  }

  it("redacts through the server's own module loggers too", () => {
    const heard: string[] = [];
    const stop = listenToLogs("info", (line) => heard.push(line));
    try {
      moduleLog("logging-test").info({ seat: { credentials: "s3cret-credentials" } }, "a seat");
    } finally {
      stop();
    }
    expect(heard).toHaveLength(1);
    expect(heard[0]).not.toContain("s3cret");
    expect(JSON.parse(heard[0]!)).toMatchObject({ module: "logging-test", seat: { credentials: REDACTED } });
  });

  it("leaves fields that only resemble a secret's name", () => {
    const { logger, records } = collecting();
    logger.info({ keys: 3, monkey: "m", tokenCount: 2 }, "counts");
    expect(records()[0]).toMatchObject({ keys: 3, monkey: "m", tokenCount: 2 });
  });
});

describe("the settings of the logs", () => {
  it("defaults to info, and to silent under vitest; LOG_LEVEL wins", () => {
    expect(logSettingsFrom({}, false).level).toBe("info");
    expect(logSettingsFrom({ VITEST: "true" }, false).level).toBe("silent");
    expect(logSettingsFrom({ VITEST: "true", LOG_LEVEL: "debug" }, false).level).toBe("debug");
    expect(logSettingsFrom({ LOG_LEVEL: "warn" }, false).level).toBe("warn");
    expect(logSettingsFrom({ LOG_LEVEL: "loud" }, false).level).toBe("info"); // main.ts refuses it
  });

  it("writes JSON unless stdout is a terminal and LOG_FORMAT is not json", () => {
    expect(logSettingsFrom({}, false).format).toBe("json");
    expect(logSettingsFrom({}, true).format).toBe("pretty");
    expect(logSettingsFrom({ LOG_FORMAT: "json" }, true).format).toBe("json");
    expect(logSettingsFrom({ LOG_FORMAT: "pretty" }, false).format).toBe("pretty");
    expect(parseLogFormat(undefined)).toBe("auto");
    expect(parseLogFormat("")).toBe("auto");
    expect(parseLogFormat("xml")).toBeNull();
  });

  it("names the node by NODE_ID, else by host and process", () => {
    expect(logSettingsFrom({ NODE_ID: "node-b" }, false).node).toBe("node-b");
    expect(logSettingsFrom({}, false).node).toBe(`${os.hostname()}-${process.pid}`);
  });
});

describe("a line for a person", () => {
  const at = new Date(2026, 11, 3, 14, 5, 9).getTime(); // local time, as the line shows it

  it("shows time, level, module and message", () => {
    const json = JSON.stringify({
      level: "info",
      time: at,
      node: "n",
      module: "main",
      msg: "Entente is serving",
    });
    expect(prettyLine(json)).toBe("14:05:09 INFO  main: Entente is serving\n");
  });

  it("adds an error's message, and its stack at error level", () => {
    const err = { type: "Error", message: "boom", stack: "Error: boom\n    at tick (scheduler.ts:1:1)" };
    const warn = JSON.stringify({ level: "warn", time: at, module: "scheduler", msg: "tick failed", err });
    expect(prettyLine(warn)).toBe("14:05:09 WARN  scheduler: tick failed: boom\n");
    const error = JSON.stringify({ level: "error", time: at, module: "scheduler", msg: "tick failed", err });
    expect(prettyLine(error)).toBe(
      "14:05:09 ERROR scheduler: tick failed: boom\n    at tick (scheduler.ts:1:1)\n",
    );
  });

  it("passes a line that is not JSON through", () => {
    expect(prettyLine("plain words")).toBe("plain words\n");
  });
});

describe("the HTTP request log", () => {
  it("at debug: one record per request, its path without the query string", async () => {
    const server = await startInProcess();
    dirs.push(server.dataDir);
    const heard: string[] = [];
    const stop = listenToLogs("debug", (line) => heard.push(line));
    try {
      const health = await fetch(`${server.url}/health?key=s3cret-key&token=s3cret-token`);
      expect(health.status).toBe(200);
      const missing = await fetch(`${server.url}/api/matches/nope?credentials=s3cret-credentials`);
      expect(missing.status).toBe(404);
      await waitUntil(
        "two request records",
        () => heard.filter((l) => l.includes('"module":"http"')).length >= 2,
      );
    } finally {
      stop();
      await server.stop();
    }
    const requests = heard.map((l) => JSON.parse(l) as LogRecord).filter((r) => r["module"] === "http");
    expect(requests).toEqual([
      expect.objectContaining({ level: "debug", method: "GET", path: "/health", status: 200 }),
      expect.objectContaining({ level: "debug", method: "GET", path: "/api/matches/nope", status: 404 }),
    ]);
    for (const r of requests) {
      expect(typeof r["ms"]).toBe("number");
      expect(r["msg"]).toBe(`GET ${String(r["path"])} ${String(r["status"])} ${String(r["ms"])} ms`);
    }
    expect(heard.join("")).not.toContain("s3cret");
    expect(JSON.stringify(requests)).not.toContain("?");
  });

  it("above debug: no record of requests", async () => {
    const server = await startInProcess();
    dirs.push(server.dataDir);
    const heard: string[] = [];
    const stop = listenToLogs("info", (line) => heard.push(line));
    try {
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      stop();
      await server.stop();
    }
    expect(heard.filter((l) => l.includes('"module":"http"'))).toEqual([]);
  });
});

describe("a server process", () => {
  it("with LOG_LEVEL=info and LOG_FORMAT=json prints JSON lines, its start line among them", async () => {
    const dataDir = tempDataDir("entente-logging");
    dirs.push(dataDir);
    const child = await startChild({
      dataDir,
      env: { LOG_LEVEL: "info", LOG_FORMAT: "json", NODE_ID: "node-log-test" },
    });
    try {
      expect((await fetch(`${child.url}/health?key=s3cret-key`)).status).toBe(200); // info: no request line
    } finally {
      await child.kill("SIGTERM");
    }
    const lines = child
      .output()
      .split("\n")
      .filter((l) => l.trim() !== "");
    const records = lines.map((l) => JSON.parse(l) as LogRecord); // every line is JSON
    const start = records.find((r) => String(r["msg"]).startsWith("Entente is serving on"));
    expect(start).toMatchObject({ level: "info", module: "main", node: "node-log-test" });
    const url = databaseUrlFor(dataDir);
    const data = url === undefined ? dataDir : describeUrl(url); // the folder, or the PostgreSQL server
    expect(start!["msg"]).toBe(`Entente is serving on http://localhost:${child.port} (data in ${data})`);
    expect(typeof start!["time"]).toBe("number");
    expect(records.find((r) => r["msg"] === "Entente is stopping (SIGTERM)")).toMatchObject({
      module: "main",
    });
    expect(records.filter((r) => r["module"] === "http")).toEqual([]);
    expect(child.output()).not.toContain("s3cret");
  });

  it("refuses a bad LOG_FORMAT with a message naming it", async () => {
    const dataDir = tempDataDir("entente-logging");
    dirs.push(dataDir);
    await expect(startChild({ dataDir, env: { LOG_FORMAT: "xml" } })).rejects.toThrow(
      /Bad setting LOG_FORMAT/,
    );
  });
});
