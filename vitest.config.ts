import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "shared/**/*.test.ts", "tools/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
