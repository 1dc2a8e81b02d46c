/**
 * Reading a model's answers: parse at the boundary, drop whatever is not valid. An orders answer
 * is `{unit: index}`; a diplomacy answer is `{messages, accept, reject, notice, propose, diary}`.
 * Every part is checked on its own, so one bad part costs only itself. Pure.
 */
import { z } from "zod";
import { actionPayloadSchemas } from "../../match/schemas";
import { MAX_DIARY_LENGTH, type UnitOptions } from "./prompt";

/** The JSON object in a model's text (bare, or inside a ``` fence or prose), or null. */
export function jsonObjectIn(text: string): Record<string, unknown> | null {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start < 0 || end <= start) return null;
  try {
    const value: unknown = JSON.parse(text.slice(start, end + 1));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * The index chosen for each unit, or null where the answer has no valid index for it (missing,
 * not a whole number, or out of the unit's range). Units are matched case-insensitively.
 */
export function orderChoices(
  answer: Record<string, unknown>,
  options: readonly UnitOptions[],
): (number | null)[] {
  const byUnit = new Map(Object.entries(answer).map(([k, v]) => [k.trim().toLowerCase(), v]));
  return options.map((o) => {
    const raw = byUnit.get(o.unit.toLowerCase());
    const index = typeof raw === "string" && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
    return typeof index === "number" && Number.isInteger(index) && index >= 0 && index < o.orders.length
      ? index
      : null;
  });
}

/** A message the model wants to send. */
const messageSchema = z.object({ to: z.string(), text: z.string() });
/** A proposal the model wants to make: the other parties and the clauses (verifiable kinds). */
const proposalSchema = z.object({
  parties: actionPayloadSchemas.propose.shape.parties,
  clauses: actionPayloadSchemas.propose.shape.clauses,
});

/** A diplomacy answer, each part already well-formed (not yet checked against the match). */
export interface DiplomacyAnswer {
  readonly messages: readonly { readonly to: string; readonly text: string }[];
  readonly accept: readonly string[];
  readonly reject: readonly string[];
  readonly notice: readonly string[];
  readonly propose: readonly z.infer<typeof proposalSchema>[];
  readonly diary: string | null; // null: keep the old one
}

/** The items of `value` (an array) that `schema` accepts; anything else gives none. */
function itemsOf<T>(value: unknown, schema: z.ZodType<T>): T[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The ids in a list of commitment ids (with or without the prompt's leading `#`). */
function idsOf(value: unknown): string[] {
  return itemsOf(value, z.string()).map((id) => id.replace(/^#/, "").trim());
}

/** The well-formed parts of a diplomacy answer. */
export function diplomacyAnswer(answer: Record<string, unknown>): DiplomacyAnswer {
  const diary = answer["diary"];
  return {
    messages: itemsOf(answer["messages"], messageSchema),
    accept: idsOf(answer["accept"]),
    reject: idsOf(answer["reject"]),
    notice: idsOf(answer["notice"]),
    propose: itemsOf(answer["propose"], proposalSchema),
    diary: typeof diary === "string" ? diary.slice(0, MAX_DIARY_LENGTH) : null,
  };
}
