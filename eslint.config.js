// Lint rules enforced by `npm test`: typed TypeScript rules, no import cycles, no I/O in shared/.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { importX } from "eslint-plugin-import-x";

export default tseslint.config(
  { ignores: ["**/node_modules", "**/dist", "coverage", "data", "**/*.json"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    plugins: { "import-x": importX },
    settings: { "import-x/resolver": { typescript: true, node: true } },
    rules: {
      "import-x/no-cycle": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always"],
      // Indexed reads are checked by noUncheckedIndexedAccess; `!` marks the places we know better.
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    files: ["shared/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", "Date", "setTimeout", "setInterval", "process", "fetch"],
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "Use the seeded RNG; shared/ is deterministic." },
      ],
      "no-restricted-imports": ["error", { patterns: ["node:*", "fs", "path", "child_process"] }],
    },
  },
);
