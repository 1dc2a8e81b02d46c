/**
 * Server settings, all from environment variables (documented in the README). Parsed once at
 * start; a bad value stops the server with a message naming the variable.
 */
import { z } from "zod";
import { trustedProxies } from "./client-address";
import { llmSettingsFromEnv, type LlmSettings } from "./llm/settings";

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const schema = z.object({
  PORT: int(8000, 0, 65_535),
  DATA_DIR: z.string().default("./data"),
  PUBLIC_URL: z.url().optional(), // how players reach the server, for invite links
  ORIGINS: z.string().optional(), // comma-separated extra allowed origins
  ACTIONS_PER_SECOND: int(20, 1, 10_000), // per socket
  JOINS_PER_MINUTE: int(120, 1, 100_000), // per IP: a class of forty behind one school address joins at once
  PRESS_PER_MINUTE: int(30, 1, 100_000), // per seat
  AFTER_MATCH_READS_PER_MINUTE: int(120, 1, 100_000), // per IP: records, debriefs and data exports answered
  MAX_PAYLOAD_BYTES: int(65_536, 1_024, 10_000_000),
  MISSES_BEFORE_BOT: int(2, 1, 100), // phases missed before a bot plays the seat
  TICK_MS: int(1_000, 10, 60_000), // how often deadlines are checked
  BOT_PACE_SECONDS: int(5, 0, 3_600), // in a match played only by the server, the least time a phase lasts
  IDLE_PHASES_BEFORE_PAUSE: int(3, 1, 1000), // phases in which no person acts before a match with human seats pauses
  SOCKETS_PER_SEAT: int(4, 1, 100), // game sockets (and press sockets) one seat may hold at once
  SOCKETS_PER_ADDRESS: int(200, 1, 100_000), // sockets of both namespaces from one address
  // Scale-out (docs/deploy.md): without DATABASE_URL the server keeps everything in SQLite in DATA_DIR.
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(), // PostgreSQL for every table, shared by several nodes
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// URL")
    .optional(), // fan-out between nodes
  NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, "letters, digits, _ . - only")
    .optional(), // this node's name in leases and logs (default: host and pid)
  LEASE_MS: int(5_000, 1_000, 600_000), // how long a node's hold on a match lasts without renewal
  TRUSTED_PROXIES: z.string().optional(), // comma-separated addresses of proxies whose X-Forwarded-For is read
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

/**
 * The parsed settings; `llm`: the language-model endpoint (`LLM_*`, docs/llm-bots.md#settings),
 * null when `LLM_BASE_URL` is unset (no language-model bot seats on this server).
 */
export type ServerConfig = z.infer<typeof schema> & {
  readonly origins: readonly string[];
  readonly llm: LlmSettings | null;
  readonly trustedProxies: ReadonlySet<string>; // TRUSTED_PROXIES, as addresses (client-address.ts)
};

/** Reads the settings from an environment (default: the process's). */
export function readConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Bad setting ${issue.path.join(".")}: ${issue.message}`);
  }
  const c = parsed.data;
  const llm = llmSettingsFromEnv(env);
  if (!llm.ok) throw new Error(`Bad setting ${llm.error}`);
  const proxies = trustedProxies(c.TRUSTED_PROXIES);
  if (!proxies.ok) throw new Error(`Bad setting ${proxies.error}`);
  const origins = [
    `http://localhost:${c.PORT}`,
    `http://127.0.0.1:${c.PORT}`,
    ...(c.PUBLIC_URL ? [new URL(c.PUBLIC_URL).origin] : []),
    ...(c.ORIGINS
      ? c.ORIGINS.split(",")
          .map((o) => o.trim())
          .filter(Boolean)
      : []),
  ];
  return { ...c, origins, llm: llm.value, trustedProxies: proxies.value };
}
