/**
 * The server's logs (docs/logging.md): one pino root logger, one child logger per module
 * (`moduleLog("scheduler")`), one record per line on stdout. A record is JSON (`level`, `time`,
 * `node`, `module`, `msg`, an error as `err`, other fields as given), or, when stdout is a
 * terminal and `LOG_FORMAT` is not `json`, one short line for a person. Fields that name a secret
 * (`REDACTED_FIELDS`) are replaced before anything is written. Under vitest the level defaults to
 * `silent`, so that test output stays quiet; `LOG_LEVEL` overrides it.
 */
import os from "node:os";
import type Koa from "koa";
import { pino, type DestinationStream, type Logger } from "pino";

/** The levels, most severe first (`silent` writes nothing); the `LOG_LEVEL` setting. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** How records are written: JSON lines, or one short line for a person. */
export const LOG_FORMATS = ["json", "pretty"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Field names whose values never reach a log, at any depth up to four (`seat.credentials`). */
export const REDACTED_FIELDS = [
  "credentials",
  "key",
  "token",
  "authorization",
  "password",
  "apiKey",
] as const;

/** What a redacted value is written as. */
export const REDACTED = "[redacted]";

/** The settings of a logger. */
export interface LogSettings {
  readonly level: LogLevel;
  readonly format: LogFormat;
  readonly node: string; // this node's name in every record (`NODE_ID`, default host and pid)
}

/** The `LOG_FORMAT` value as a format, `"auto"` when unset (JSON unless stdout is a terminal), null when bad. */
export function parseLogFormat(value: string | undefined): LogFormat | "auto" | null {
  if (value === undefined || value === "") return "auto";
  return (LOG_FORMATS as readonly string[]).includes(value) ? (value as LogFormat) : null;
}

/**
 * The settings from an environment: `LOG_LEVEL` (default `info`, or `silent` under vitest),
 * `LOG_FORMAT` (`json`, `pretty`, or unset: `pretty` on a terminal), `NODE_ID`. Bad values fall
 * back to the defaults here; main.ts refuses them with a message.
 */
export function logSettingsFrom(
  env: Record<string, string | undefined>,
  stdoutIsTerminal: boolean,
): LogSettings {
  const asked = env["LOG_LEVEL"];
  const level: LogLevel =
    asked !== undefined && (LOG_LEVELS as readonly string[]).includes(asked)
      ? (asked as LogLevel)
      : env["VITEST"] !== undefined
        ? "silent"
        : "info";
  const format = parseLogFormat(env["LOG_FORMAT"]) ?? "auto";
  return {
    level,
    format: format === "auto" ? (stdoutIsTerminal ? "pretty" : "json") : format,
    node: env["NODE_ID"] || `${os.hostname()}-${process.pid}`,
  };
}

/** The redaction paths: each secret field at the top and up to three levels down. */
function redactPaths(): string[] {
  return REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`, `*.*.*.${field}`]);
}

/** A logger with these settings, writing JSON lines to `destination` (default: stdout, as `format` says). */
export function createLog(settings: LogSettings, destination?: DestinationStream): Logger {
  return pino(
    {
      level: settings.level,
      base: { node: settings.node },
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactPaths(), censor: REDACTED },
    },
    destination ?? (settings.format === "pretty" ? prettyStdout : process.stdout),
  );
}

const prettyStdout: DestinationStream = { write: (line) => void process.stdout.write(prettyLine(line)) };

/** The fields of a record that a pretty line shows. */
interface RecordShown {
  readonly time?: unknown;
  readonly level?: unknown;
  readonly module?: unknown;
  readonly msg?: unknown;
  readonly err?: { readonly message?: unknown; readonly stack?: unknown };
}

/**
 * One JSON record as a line for a person: local time, level, module and message, then an error's
 * message; an error-level record's stack follows on its own lines.
 */
export function prettyLine(json: string): string {
  let record: RecordShown;
  try {
    record = JSON.parse(json) as RecordShown;
  } catch {
    return json.endsWith("\n") ? json : `${json}\n`;
  }
  const time =
    typeof record.time === "number" ? new Date(record.time).toTimeString().slice(0, 8) : "--:--:--";
  const level = typeof record.level === "string" ? record.level.toUpperCase() : "";
  const module = typeof record.module === "string" ? `${record.module}: ` : "";
  const msg = typeof record.msg === "string" ? record.msg : "";
  const errMessage = typeof record.err?.message === "string" ? record.err.message : "";
  const withError = errMessage && !msg.includes(errMessage) ? `${msg}: ${errMessage}` : msg;
  const stack = record.level === "error" && typeof record.err?.stack === "string" ? record.err.stack : "";
  const stackLines = stack.split("\n").filter((l) => /^\s+at /.test(l));
  return [`${time} ${level.padEnd(5)} ${module}${withError}`, ...stackLines].join("\n") + "\n";
}

/** The settings of this process's logs, from its environment. */
const settings = logSettingsFrom(process.env, process.stdout.isTTY);

/** The level of the records written to stdout (`setLogLevel`). */
let written: LogLevel = settings.level;

/** Who else hears records, each from its own level on (`listenToLogs`). */
const listeners = new Set<{ readonly level: LogLevel; readonly hear: (line: string) => void }>();

/** A level as pino's number (`silent`: none is that high). */
const rank = (level: LogLevel): number => (level === "silent" ? Infinity : pino.levels.values[level]!);

/** The destination of the root: stdout from the written level on, and each listener from its own. */
const fanOut = {
  [pino.symbols.needsMetadataGsym]: true as const,
  lastLevel: 0, // set by pino before each write
  write(line: string): void {
    if (this.lastLevel >= rank(written))
      (settings.format === "pretty" ? prettyStdout : process.stdout).write(line);
    for (const listener of listeners) if (this.lastLevel >= rank(listener.level)) listener.hear(line);
  },
};

/** The root logger: settings from the process's environment, JSON or pretty lines on stdout. */
export const log: Logger = createLog(settings, fanOut);

/** The module loggers by module, so that a change of level reaches them (pino copies a level into a child). */
const moduleLogs = new Map<string, Logger>();

/** The logger of one module (one per name): the root's child with `module` in every record. */
export function moduleLog(module: string): Logger {
  const known = moduleLogs.get(module);
  if (known) return known;
  const child = log.child({ module });
  moduleLogs.set(module, child);
  return child;
}

/** Gives the root and every module logger the lowest level that stdout or a listener wants. */
function applyLevels(): void {
  const wanted = [written, ...[...listeners].map((l) => l.level)];
  const lowest = wanted.reduce((a, b) => (rank(b) < rank(a) ? b : a));
  log.level = lowest;
  for (const child of moduleLogs.values()) child.level = lowest;
}

/**
 * Sets the level of the records written to stdout: main.ts applies the `LOG_LEVEL` setting at
 * start (so a server started by a test logs at `info` unless told otherwise). Loggers made from a
 * module logger later take its level then.
 */
export function setLogLevel(level: LogLevel): void {
  written = level;
  applyLevels();
}

/**
 * Hands every record from `level` on to `hear` (one JSON line, secrets already redacted), whatever
 * stdout's level, until the returned function is called: tests read the server's records so.
 */
export function listenToLogs(level: LogLevel, hear: (line: string) => void): () => void {
  const listener = { level, hear };
  listeners.add(listener);
  applyLevels();
  return () => {
    listeners.delete(listener);
    applyLevels();
  };
}

/**
 * Koa middleware: at `debug`, one record per HTTP request when its answer is finished, with
 * `method`, `path` (never the query string, which may carry a key), `status` and `ms`.
 */
export function requestLog(logger: Logger): Koa.Middleware {
  return async (kctx, next) => {
    if (!logger.isLevelEnabled("debug")) {
      await next();
      return;
    }
    const started = performance.now();
    const { method, path } = kctx;
    kctx.res.once("close", () => {
      const status = kctx.res.statusCode;
      const ms = Math.round(performance.now() - started);
      logger.debug({ method, path, status, ms }, `${method} ${path} ${status} ${ms} ms`);
    });
    await next();
  };
}
