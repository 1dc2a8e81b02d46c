// Lint rules enforced by `npm test`: typescript-eslint's type-checked strict rules (type
// information from each file's nearest tsconfig, through the project service), React's hooks
// rules, no import cycles, and no I/O or unseeded randomness in shared/.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import { importX } from "eslint-plugin-import-x";

export default tseslint.config(
  { ignores: ["**/node_modules", "**/dist", "coverage", "data", "**/*.json"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["*.js", "tools/tournament/*.mjs"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { "import-x": importX },
    settings: { "import-x/resolver": { typescript: true, node: true } },
    rules: {
      "import-x/no-cycle": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always"],
      // Indexed reads are checked by noUncheckedIndexedAccess; `!` marks the places we know better.
      "@typescript-eslint/no-non-null-assertion": "off",
      // Numbers in template strings (`${year}`) are how messages and keys are written.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // `(x) => setShown(x)` returns nothing useful, and says so by its shape.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The rules of hooks. (The plugin's React Compiler rules are for code built by the compiler,
    // which this client is not.)
    files: ["client/**/*.tsx", "client/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
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
