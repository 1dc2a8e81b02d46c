/**
 * The shared text rules as named cases, through every door a text comes in: the payload schemas
 * (`parseAction`), a clause's proposal check (`validateClause`) and the engine (`applyAction`). Text
 * that shows nothing is empty; every limit counts characters (code points); a text shortened for a
 * message is cut between characters, never inside a surrogate pair.
 */
import { describe, expect, it } from "vitest";
import { getMap } from "../../shared/src/map/registry";
import { applyAction } from "../../shared/src/match/actions";
import { admitMove } from "../../shared/src/match/game";
import { MAX_PRESS_TEXT_LENGTH, parseAction } from "../../shared/src/match/schemas";
import { DEFAULT_SETTINGS, newMatch } from "../../shared/src/match/setup";
import { EMPTY_TEXT, isBlank, shortenText, textLength } from "../../shared/src/match/text";
import type { Action } from "../../shared/src/match/types";
import { quoteText } from "../../shared/src/newspaper";
import { MAX_TEXT_LENGTH, validateClause } from "../../shared/src/trust/clauses";
import type { Clause } from "../../shared/src/trust/types";

const map = getMap("classic")!;
const textClause = (text: string): Clause => ({ kind: "text", text });
const proposal = (text: string) => ({
  parties: ["FRA"],
  clauses: [textClause(text)],
  until: null,
  visibility: "public",
});

/** Whether a string holds half of a surrogate pair. */
function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** The refusal of empty press: blank by `trim` (a byte order mark is white space to it), or showing nothing. */
const EMPTY = new RegExp(`must not be blank|${EMPTY_TEXT}`);

/** Texts made only of characters that show nothing. */
const INVISIBLE: readonly (readonly [string, string])[] = [
  ["zero-width spaces", "\u200B\u200B\u200B"],
  ["zero-width joiner and non-joiner", "\u200D\u200C"],
  ["direction marks", "\u200E\u200F\u061C"],
  ["a byte order mark", "\uFEFF"],
  ["a word joiner between spaces", " \u2060 "],
  ["direction overrides and isolates", "\u202E\u2066\u2069\u202C"],
  ["Hangul fillers", "\u3164\u115F\uFFA0"],
  ["braille blanks", "\u2800\u2800"],
  ["a soft hyphen and a combining grapheme joiner", "\u00AD\u034F"],
];

describe("issue 12 (c) text that shows nothing is empty", () => {
  for (const [name, text] of INVISIBLE) {
    it(`issue 12 (c) ${name}: blank`, () => {
      expect(isBlank(text)).toBe(true);
    });
    it(`issue 12 (c) ${name}: refused as a communiqué`, () => {
      const parsed = parseAction("communique", { text });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.message).toMatch(EMPTY);
    });
    it(`issue 12 (c) ${name}: refused as a message`, () => {
      const parsed = parseAction("message", { to: ["FRA"], text });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.message).toMatch(EMPTY);
    });
    it(`issue 12 (c) ${name}: refused as a clause's text, by the schema and the clause check`, () => {
      const parsed = parseAction("propose", proposal(text));
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.message).toContain("the text is empty");
      expect(validateClause(textClause(text), map, ["ENG", "FRA"])).toBe("A text clause needs some text.");
      const state = newMatch(map, DEFAULT_SETTINGS);
      const action: Action = { type: "propose", ...proposal(text) } as Action;
      const applied = applyAction(map, state, "ENG", action);
      expect(applied.ok).toBe(false);
      if (!applied.ok) expect(applied.error.code).toBe("bad-clause");
    });
  }

  it("issue 12 (c) visible text among invisible characters is not blank", () => {
    for (const text of ["a", "\u200B1", "\u2800.", "❤️", "\u3164ㅎ", "ok\u200D"])
      expect(isBlank(text)).toBe(false);
    expect(validateClause(textClause("\u2800No spying.\u2800"), map, ["ENG", "FRA"])).toBeNull();
  });
});

describe("issue 12 (d) the schema and the clause check count characters alike", () => {
  const ROWS: readonly (readonly [string, string, boolean])[] = [
    ["300 emoji", "😀".repeat(300), true],
    ["500 emoji", "😀".repeat(MAX_TEXT_LENGTH), true],
    ["501 emoji", "😀".repeat(MAX_TEXT_LENGTH + 1), false],
    ["500 letters", "x".repeat(MAX_TEXT_LENGTH), true],
    ["501 letters", "x".repeat(MAX_TEXT_LENGTH + 1), false],
    ["250 letters and 250 emoji", "x😀".repeat(MAX_TEXT_LENGTH / 2), true],
    ["500 emoji and a letter", `${"😀".repeat(MAX_TEXT_LENGTH)}x`, false],
  ];
  for (const [name, text, fits] of ROWS) {
    it(`issue 12 (d) ${name}: ${fits ? "accepted" : "refused"} by both`, () => {
      expect(textLength(text)).toBe(Array.from(text).length);
      expect(parseAction("propose", proposal(text)).ok, "schema").toBe(fits);
      expect(validateClause(textClause(text), map, ["ENG", "FRA"]) === null, "clause check").toBe(fits);
    });
  }
});

describe("issue 12 (d) press text is counted in characters too, as the press channel counts it", () => {
  const ROWS: readonly (readonly [string, string, boolean])[] = [
    ["2000 emoji", "😀".repeat(MAX_PRESS_TEXT_LENGTH), true],
    ["2001 emoji", "😀".repeat(MAX_PRESS_TEXT_LENGTH + 1), false],
    ["2000 letters", "x".repeat(MAX_PRESS_TEXT_LENGTH), true],
    ["2001 letters", "x".repeat(MAX_PRESS_TEXT_LENGTH + 1), false],
  ];
  for (const [name, text, fits] of ROWS) {
    it(`issue 12 (d) a communiqué of ${name}: ${fits ? "accepted" : "refused"}`, () => {
      expect(parseAction("communique", { text }).ok).toBe(fits);
      expect(textLength(text) <= MAX_PRESS_TEXT_LENGTH).toBe(fits); // the press channel's test
    });
  }
});

describe("issue 12 (e) shortened text is cut between characters", () => {
  const TEXTS: readonly (readonly [string, string])[] = [
    ["emoji", "😀".repeat(60)],
    ["a letter then emoji", `a${"😀".repeat(60)}`],
    ["flags", "🇫🇷🇩🇪".repeat(30)],
    ["letters from the astral plane", "𝔈𝔫𝔱𝔢𝔫𝔱𝔢".repeat(20)],
  ];
  for (const [name, text] of TEXTS) {
    for (const limit of [1, 2, 9, 10, 39, 40]) {
      it(`issue 12 (e) ${name}, cut to ${limit}`, () => {
        for (const cut of [shortenText(text, limit), quoteText(text, limit)]) {
          expect(hasLoneSurrogate(cut), JSON.stringify(cut)).toBe(false);
          expect(textLength(cut)).toBeLessThanOrEqual(limit);
          expect(cut.endsWith("…")).toBe(true);
        }
      });
    }
  }

  it("issue 12 (e) a text within the limit is kept whole", () => {
    expect(shortenText("😀😀", 2)).toBe("😀😀");
    expect(shortenText("", 0)).toBe("");
  });

  it("issue 12 (e) an unknown action's name is cut between characters", () => {
    const parsed = parseAction(`a${"😀".repeat(40)}`, {});
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(hasLoneSurrogate(parsed.error.message)).toBe(false);
  });

  it("issue 12 (e) an unknown move's name is cut between characters", () => {
    const admitted = admitMove(
      newMatch(getMap("classic")!, DEFAULT_SETTINGS),
      "0",
      `a${"😀".repeat(40)}`,
      [],
    );
    expect(admitted.ok).toBe(false);
    if (!admitted.ok) expect(hasLoneSurrogate(admitted.error.message)).toBe(false);
  });
});
