import { defineConfig } from "vitest/config";

/**
 * Two projects. `main`: every test, the servers on SQLite (the default). `postgres`: the server
 * suites again with every table in PostgreSQL (`ENTENTE_TEST_STORAGE=postgres`: each data folder
 * gets a schema of its own, test/server/support/database.ts), less the stories that are SQLite's
 * own (its file, its lock, its pragmas, its migrations from older folders). The scale-out tests
 * (test/cluster) need PostgreSQL and Redis too. `test/support/services.ts` starts both (Debian's
 * packages, tools/services/services.sh) unless TEST_DATABASE_URL says where they already are.
 */
const SQLITE_ONLY = [
  "test/server/storage.test.ts",
  "test/server/migrations.test.ts",
  "test/server/write-failure.test.ts",
  "test/server/durability-fault.test.ts",
  "test/server/press.test.ts",
];

/**
 * Stories that count in wall-clock time — rate limits refilling, how long /health may wait while
 * the server is busy, a model's timeout — tuned to SQLite's speed. On PostgreSQL each statement
 * takes longer, so their counts shift with the machine's load; the defences they test are the same
 * code on both databases and run in the main project. Left for the PostgreSQL run to earn back.
 */
const TIMED_ON_SQLITE = [
  "test/server/attack-afterlife.test.ts",
  "test/server/attack-devices.test.ts",
  "test/server/attack-final.test.ts",
  "test/server/attack-seat-api-outside.test.ts",
  "test/server/attack-sync-flood.test.ts",
  "test/server/idle.test.ts",
  "test/server/llm-seats.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    globalSetup: ["test/support/services.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "main",
          include: ["test/**/*.test.ts", "shared/**/*.test.ts", "tools/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: ["test/server/**/*.test.ts"],
          exclude: [...SQLITE_ONLY, ...TIMED_ON_SQLITE],
          env: { ENTENTE_TEST_STORAGE: "postgres" },
        },
      },
    ],
  },
});
