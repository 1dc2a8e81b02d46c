/**
 * `npm run lint` reads type information: a promise left floating in a scratch file is reported
 * (a rule that only the type checker can decide), so the typed rules cannot silently switch off.
 */
import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("the lint configuration", () => {
  it("reports a floating promise, which needs type information to see", { timeout: 180_000 }, async () => {
    const scratch = path.join(ROOT, "test/tools", `lint-scratch-${process.pid}.ts`);
    fs.writeFileSync(
      scratch,
      [
        "const later = (): Promise<number> => Promise.resolve(1);",
        "export function forget(): void {",
        "  later();",
        "}",
        "",
      ].join("\n"),
    );
    try {
      const eslint = new ESLint({ cwd: ROOT });
      const [result] = await eslint.lintFiles([scratch]);
      const rules = result?.messages.map((m) => m.ruleId) ?? [];
      expect(rules).toContain("@typescript-eslint/no-floating-promises");
    } finally {
      fs.rmSync(scratch, { force: true });
    }
  });
});
