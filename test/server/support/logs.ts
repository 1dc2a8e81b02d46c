/**
 * The server's log records as tests read them: every record from a level on, parsed from the JSON
 * lines `listenToLogs` hands over (server/src/log.ts, docs/logging.md), secrets already redacted
 * as the logger writes them. The server's logs do not reach the console; read them here.
 */
import { listenToLogs, type LogLevel } from "../../../server/src/log";

/** One record: `level` as a word, `module`, `msg`, an error as `err`, other fields as logged. */
export interface LogRecord {
  readonly level: string;
  readonly module?: string;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/** The records heard so far, until `stop` is called. */
export interface HeardLogs {
  /** The records as written, one JSON line each (for a check over everything, secrets included). */
  readonly lines: readonly string[];
  /** The records, parsed. */
  records(): LogRecord[];
  /** Stops hearing records (the lines heard stay). */
  stop(): void;
}

/** Hears every record from `level` on (`trace` for all of them) until `stop`. */
export function hearLogs(level: LogLevel): HeardLogs {
  const lines: string[] = [];
  const stop = listenToLogs(level, (line) => void lines.push(line));
  return {
    lines,
    records: () => lines.map((line) => JSON.parse(line) as LogRecord),
    stop,
  };
}
