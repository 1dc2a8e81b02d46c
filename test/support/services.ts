/**
 * vitest's global setup: the outside services the PostgreSQL run and the scale-out tests use.
 * When TEST_DATABASE_URL is not set, PostgreSQL and Redis are started from Debian's packages in a
 * folder of their own (tools/services/services.sh: its ports, not the system's) and their URLs
 * set for every test; CI (`.ci/run`) starts them itself and sets the URLs.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";

const SCRIPT = path.resolve(import.meta.dirname, "../../tools/services/services.sh");

export function setup(): void {
  if (process.env["TEST_DATABASE_URL"] && process.env["TEST_REDIS_URL"]) return;
  execFileSync(SCRIPT, ["start"], { stdio: "inherit" });
  const settings = execFileSync(SCRIPT, ["env"], { encoding: "utf8" });
  for (const line of settings.split("\n")) {
    const [name, ...value] = line.split("=");
    if (name && value.length > 0) process.env[name] = value.join("=");
  }
}
