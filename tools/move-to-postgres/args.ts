/**
 * The command line of `npm run move-to-postgres`, read and checked into settings: every mistake
 * becomes one clear message (the command prints it and exits 2, having touched nothing).
 */
import { parseArgs } from "node:util";
import { err, ok, type Result } from "../../shared/src/result";

/** The usage text of `--help`. */
export const USAGE = `usage: npm run move-to-postgres -- --data-dir <folder> --database-url postgres://… [options]

Copies every table of a data folder's SQLite file (entente.sqlite) into an empty PostgreSQL
database, in one transaction, then reads it back to check it. The folder is locked meanwhile (no
server may start on it) and is left in place: keep it as a backup.

  --data-dir <folder>     the data folder (default: $DATA_DIR, else ./data)
  --database-url <url>    the PostgreSQL database, postgres://user:password@host:port/database
                          (default: $DATABASE_URL); ?options=-c search_path=<schema> picks a schema
  --check <all|n>         how many matches to read back on both sides and compare (default all)
  -h, --help              this text

Exit status: 0 moved and checked, 1 refused or failed (see the message), 2 bad arguments.`;

/** How many matches are read back after the copy: every one, or a sample of this many. */
export type MatchCheck = "all" | number;

/** What the command line asks for. */
export type Command =
  | { readonly kind: "help" }
  | {
      readonly kind: "move";
      readonly dataDir: string;
      readonly databaseUrl: string;
      readonly check: MatchCheck;
    };

/** Reads `--check`: `all` or a whole number of matches. */
function matchCheck(text: string): Result<MatchCheck, string> {
  if (text === "all") return ok("all");
  return /^\d+$/.test(text)
    ? ok(Number(text))
    : err(`--check must be "all" or a whole number; got "${text}"`);
}

/** Reads the command line (the arguments after the script name); the environment fills in defaults. */
export function parseCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Result<Command, string> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        "data-dir": { type: "string" },
        "database-url": { type: "string" },
        check: { type: "string", default: "all" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (e) {
    return err(e instanceof Error ? e.message : String(e));
  }
  if (values.help) return ok({ kind: "help" });
  const setting = (name: string): string | undefined => (env[name] === "" ? undefined : env[name]);
  const dataDir = values["data-dir"] ?? setting("DATA_DIR") ?? "./data";
  if (dataDir === "") return err("--data-dir must not be empty");
  const databaseUrl = values["database-url"] ?? setting("DATABASE_URL");
  if (databaseUrl === undefined || databaseUrl === "")
    return err("--database-url (or DATABASE_URL) is required: the PostgreSQL database to move into");
  if (!/^postgres(ql)?:\/\//.test(databaseUrl))
    return err(`--database-url must be a postgres:// URL; got "${databaseUrl.replace(/:[^:@/]*@/, ":…@")}"`);
  const check = matchCheck(values.check);
  if (!check.ok) return check;
  return ok({ kind: "move", dataDir, databaseUrl, check: check.value });
}
