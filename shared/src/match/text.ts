/**
 * Text that people type and other people read — display names and press — checked in one place, so
 * the lobby, the press channel and the game's own payload schemas agree on what a character may be.
 *
 * Refused everywhere: control characters (Unicode category Cc; press text keeps newline and tab),
 * format characters (Cf: zero-width space, joiner and non-joiner, byte order mark, soft hyphen,
 * the bidirectional marks, embeddings, overrides and isolates U+200E/F, U+202A–202E, U+2066–2069…),
 * line and paragraph separators (Zl, Zp), lone surrogates (Cs), private use (Co), unassigned code
 * points (Cn, as this runtime's Unicode tables know them), and the other invisible (default
 * ignorable) code points such as the Hangul fillers — except variation selectors right after an
 * emoji (so `❤️` and `1️⃣` stay). Text is normalised to NFC; a carriage return before a newline is
 * dropped. A name is also trimmed, has its runs of spaces made one space, holds at least one
 * visible character (a letter, digit, punctuation mark or symbol) and at most `MAX_NAME_LENGTH`
 * characters (code points), and may not hold the braille blank U+2800. Press and free-text clauses
 * that are not blank but show nothing (only invisible characters, the braille blank…) are empty.
 * Every length is counted in characters (code points, `textLength`: an emoji is one, not two UTF-16
 * units), and text is shortened for a message only between characters (`shortenText`).
 *
 * Pure: no I/O, the same answer on the server and in the browser (given the same Unicode tables).
 */
import { err, ok, type Result } from "../result";

/** The longest display name, in characters (code points). */
export const MAX_NAME_LENGTH = 40;

/** What a text is for: a display name (one line) or press (newlines and tabs allowed). */
export type TextUse = "name" | "press";

/** Names of the refused characters people meet most, for the refusal's message. */
const NAMED: ReadonlyMap<number, string> = new Map([
  [0x00, "NUL"],
  [0x09, "tab"],
  [0x0a, "newline"],
  [0x0d, "carriage return"],
  [0x1b, "escape"],
  [0x7f, "delete"],
  [0xad, "soft hyphen"],
  [0x034f, "combining grapheme joiner"],
  [0x061c, "Arabic letter mark"],
  [0x115f, "Hangul choseong filler"],
  [0x1160, "Hangul jungseong filler"],
  [0x180e, "Mongolian vowel separator"],
  [0x200b, "zero-width space"],
  [0x200c, "zero-width non-joiner"],
  [0x200d, "zero-width joiner"],
  [0x200e, "left-to-right mark"],
  [0x200f, "right-to-left mark"],
  [0x2028, "line separator"],
  [0x2029, "paragraph separator"],
  [0x202a, "left-to-right embedding"],
  [0x202b, "right-to-left embedding"],
  [0x202c, "pop directional formatting"],
  [0x202d, "left-to-right override"],
  [0x202e, "right-to-left override"],
  [0x2060, "word joiner"],
  [0x2066, "left-to-right isolate"],
  [0x2067, "right-to-left isolate"],
  [0x2068, "first strong isolate"],
  [0x2069, "pop directional isolate"],
  [0x2800, "braille blank"],
  [0x3164, "Hangul filler"],
  [0xfeff, "byte order mark"],
  [0xffa0, "halfwidth Hangul filler"],
]);

const CONTROL = /^\p{Cc}$/u;
const FORMAT = /^\p{Cf}$/u;
const SEPARATOR = /^[\p{Zl}\p{Zp}]$/u;
const SURROGATE = /^\p{Cs}$/u;
const PRIVATE_USE = /^\p{Co}$/u;
const UNASSIGNED = /^\p{Cn}$/u;
const VARIATION_SELECTOR = /^\p{Variation_Selector}$/u;
const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;
const EMOJI = /^\p{Emoji}$/u;
const KEYCAP_BASE = /^[0-9#*]$/;
const KEYCAP = "\u20e3";
/** A character that shows: a letter, digit, punctuation mark or symbol. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** The length of a text in characters (code points): how every text limit counts. */
export function textLength(text: string): number {
  return Array.from(text).length;
}

/**
 * A text cut to at most `limit` characters (code points) for a message, with an ellipsis when cut:
 * never between the two halves of a surrogate pair.
 */
export function shortenText(text: string, limit: number): string {
  const chars = Array.from(text);
  if (chars.length <= limit) return text;
  return `${chars.slice(0, Math.max(0, limit - 1)).join("")}…`;
}

/**
 * Whether a text shows nothing: it holds no visible character (a letter, digit, punctuation mark or
 * symbol that is not invisible — zero-width spaces and joiners, direction marks, the byte order
 * mark, the Hangul fillers and the braille blank show nothing).
 */
export function isBlank(text: string): boolean {
  for (const ch of text) {
    if (VISIBLE.test(ch) && !FORMAT.test(ch) && !IGNORABLE.test(ch) && ch !== "\u2800") return false;
  }
  return true;
}

/**
 * Why one character (a code point) of a text is refused, or null. `prev` and `next` are the
 * characters around it (for variation selectors, which must follow an emoji).
 */
function refusal(
  ch: string,
  prev: string | undefined,
  next: string | undefined,
  use: TextUse,
): string | null {
  if (use === "press" && (ch === "\n" || ch === "\t")) return null;
  if (CONTROL.test(ch)) return "a control character";
  if (FORMAT.test(ch)) return "an invisible formatting or direction-changing character";
  if (SEPARATOR.test(ch)) return "a line or paragraph separator";
  if (SURROGATE.test(ch)) return "half of a surrogate pair";
  if (PRIVATE_USE.test(ch)) return "a private-use character";
  if (UNASSIGNED.test(ch)) return "an unassigned code point";
  if (VARIATION_SELECTOR.test(ch)) {
    // After an emoji (not a plain ASCII character), or in a keycap such as `1️⃣`.
    const afterEmoji =
      prev !== undefined &&
      EMOJI.test(prev) &&
      (prev.codePointAt(0)! > 0x7f || (KEYCAP_BASE.test(prev) && next === KEYCAP));
    return afterEmoji ? null : "a variation selector that follows no emoji";
  }
  if (IGNORABLE.test(ch)) return "an invisible character";
  if (use === "name" && ch === "\u2800") return "a blank character";
  return null;
}

/** `U+200B` for a code point. */
function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * The characters of a text that are not allowed, described for a person — e.g.
 * `U+200B (zero-width space)` — at most three, each once; empty when the text is clean.
 */
export function refusedCharacters(text: string, use: TextUse): string[] {
  const chars = Array.from(text);
  const found = new Map<string, string>();
  for (let i = 0; i < chars.length && found.size < 3; i++) {
    const ch = chars[i]!;
    if (found.has(ch)) continue;
    const why = refusal(ch, chars[i - 1], chars[i + 1], use);
    if (why === null) continue;
    const cp = ch.codePointAt(0)!;
    found.set(ch, `${codePoint(ch)} (${NAMED.get(cp) ?? why})`);
  }
  return [...found.values()];
}

/** The refusal of press (or a free-text clause) that is not blank but shows nothing. */
export const EMPTY_TEXT = "the text is empty: it holds no visible character";

/**
 * The refusal message for a text holding characters that are not allowed, or null. Press that is
 * not blank but shows nothing (`isBlank`) is refused as empty (`EMPTY_TEXT`); blank press is the
 * caller's check.
 */
export function textProblem(text: string, use: TextUse): string | null {
  if (use === "press" && text.trim().length > 0 && isBlank(text)) return EMPTY_TEXT;
  const refused = refusedCharacters(text.replace(/\r\n/g, "\n"), use);
  if (refused.length === 0) return null;
  const what =
    use === "name"
      ? "a name takes visible letters, digits, punctuation, symbols and spaces — no control, invisible or direction-changing characters"
      : "press takes no control, invisible or direction-changing characters (newlines and tabs are fine)";
  return `${refused.join(", ")} ${refused.length === 1 ? "is" : "are"} not allowed: ${what}`;
}

/**
 * Press text as it is stored and delivered: CRLF made LF, NFC, trimmed — or why it is refused
 * (characters that are not allowed). Blank text and length are the caller's checks.
 */
export function cleanPressText(raw: string): Result<string, string> {
  const problem = textProblem(raw, "press");
  if (problem !== null) return err(problem);
  return ok(raw.replace(/\r\n/g, "\n").normalize("NFC").trim());
}

/**
 * A display name as it is stored and shown: NFC, trimmed, runs of white space made one space,
 * 1–`MAX_NAME_LENGTH` characters with at least one visible — or why it is refused.
 */
export function cleanName(raw: string): Result<string, string> {
  const problem = textProblem(raw, "name");
  if (problem !== null) return err(problem);
  const name = raw.normalize("NFC").trim().replace(/\s+/gu, " ");
  if (isBlank(name))
    return err("must hold at least one visible character (a letter, digit, punctuation mark or symbol)");
  const length = textLength(name);
  if (length > MAX_NAME_LENGTH)
    return err(`must be at most ${MAX_NAME_LENGTH} characters (this one has ${length})`);
  return ok(name);
}
