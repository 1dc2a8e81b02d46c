/**
 * The display name's checks as the forms use them (no React): the lobby's length limit, the note
 * the field shows near it, and the missing-name error that clears as soon as a name is typed.
 */

/** The longest display name the lobby takes. */
export const NAME_MAX = 40;

/** The form error for a missing name; cleared as soon as the field holds one (`nameFixed`). */
export const NAME_MISSING = "Your name: please tell the other players who you are.";

/** Whether a name typed after `NAME_MISSING` was shown puts it right. */
export function nameFixed(error: string | null, name: string): boolean {
  return error === NAME_MISSING && name.trim() !== "";
}

/** What the name field says under itself: a counter near the limit, a sentence at it (null: nothing). */
export function nameLimitNote(name: string): string | null {
  if (name.length >= NAME_MAX) return `${NAME_MAX}/${NAME_MAX}: names are at most ${NAME_MAX} characters.`;
  if (name.length >= NAME_MAX - 8) return `${name.length}/${NAME_MAX}`;
  return null;
}
