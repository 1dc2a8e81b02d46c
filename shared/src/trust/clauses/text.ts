/**
 * Free-text clauses: "I will not share your plans with France". The engine records who agreed to
 * them and when, and never judges them, so they cost no verification capacity.
 */
import { z } from "zod";
import { isBlank, textLength } from "../../match/text";
import type { TextClause } from "../types";
import type { ClauseModule } from "./facts";

/** Longest free text a clause may hold, in characters (code points, `textLength`). */
export const MAX_TEXT_LENGTH = 500;

/** The problem with a clause's free text, or null: it must show something and not be too long. */
function textClauseProblem(text: string): string | null {
  if (isBlank(text)) return "A text clause needs some text.";
  if (textLength(text) > MAX_TEXT_LENGTH) return `A text clause holds at most ${MAX_TEXT_LENGTH} characters.`;
  return null;
}

/** The payload of a free-text clause. */
export const textClauseSchema = z.strictObject({
  kind: z.literal("text"),
  text: z
    .string()
    // A character is at most two UTF-16 units: a cheap bound before counting characters.
    .max(2 * MAX_TEXT_LENGTH, `at most ${MAX_TEXT_LENGTH} characters`)
    .refine((text) => textLength(text) <= MAX_TEXT_LENGTH, `at most ${MAX_TEXT_LENGTH} characters`)
    .refine((text) => !isBlank(text), "the text is empty"),
});

/** Free text: recorded, never judged. */
export const textClause: ClauseModule<TextClause> = {
  kind: "text",
  verifiable: false,
  schema: textClauseSchema,
  validate(clause) {
    return textClauseProblem(clause.text);
  },
  check() {
    return [];
  },
  describe(clause) {
    return clause.text.trim();
  },
  protects() {
    return [];
  },
};
