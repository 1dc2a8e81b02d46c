/**
 * Free-text clauses: "I will not share your plans with France". The engine records who agreed to
 * them and when, and never judges them, so they cost no verification capacity.
 */
import { z } from "zod";
import type { TextClause } from "../types";
import type { ClauseModule } from "./facts";

/** Longest free text a clause may hold, in characters. */
export const MAX_TEXT_LENGTH = 500;

/** The payload of a free-text clause. */
export const textClauseSchema = z.strictObject({
  kind: z.literal("text"),
  text: z
    .string()
    .max(MAX_TEXT_LENGTH, `at most ${MAX_TEXT_LENGTH} characters`)
    .refine((text) => text.trim().length > 0, "the text is empty"),
});

/** Free text: recorded, never judged. */
export const textClause: ClauseModule<TextClause> = {
  kind: "text",
  verifiable: false,
  schema: textClauseSchema,
  validate(clause) {
    if (clause.text.trim().length === 0) return "A text clause needs some text.";
    if (clause.text.length > MAX_TEXT_LENGTH)
      return `A text clause holds at most ${MAX_TEXT_LENGTH} characters.`;
    return null;
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
