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
          exclude: SQLITE_ONLY,
          env: { ENTENTE_TEST_STORAGE: "postgres" },
        },
      },
    ],
  },
});
