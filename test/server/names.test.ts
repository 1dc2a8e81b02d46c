/**
 * Display names and typed text by the shared text rules (`shared/src/match/text.ts`): the rules
 * themselves, the game's payload schemas that use them, and the lobby refusing invisible and
 * direction-changing names over raw HTTP (`400 bad-payload` naming the characters) while it keeps
 * and normalises the names people really have.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cleanName,
  cleanPressText,
  MAX_NAME_LENGTH,
  parseAction,
  pressMessageSchema,
  refusedCharacters,
} from "../../shared/src";
import { api, type ApiResponse } from "./support/matches";
import { removeDataDir, startInProcess, type InProcessServer } from "./support/server";

/** Names that pass for another name, or hide or turn text around them. */
const HOSTILE_NAMES: readonly (readonly [string, string])[] = [
  ["Ada\u200B", "U+200B (zero-width space)"],
  ["\u200BAda", "U+200B (zero-width space)"],
  ["A\u200Dda", "U+200D (zero-width joiner)"],
  ["A\u200Cda", "U+200C (zero-width non-joiner)"],
  ["Ada\u2060", "U+2060 (word joiner)"],
  ["Ada\uFEFF", "U+FEFF (byte order mark)"],
  ["A\u00ADda", "U+00AD (soft hyphen)"],
  ["\u202EadA", "U+202E (right-to-left override)"],
  ["\u202Aada\u202C", "U+202A (left-to-right embedding)"],
  ["Ada\u2066x\u2069", "U+2066 (left-to-right isolate)"],
  ["Ada\u200E", "U+200E (left-to-right mark)"],
  ["Ada\u200F", "U+200F (right-to-left mark)"],
  ["Ada\u061C", "U+061C (Arabic letter mark)"],
  ["Ada\u0000", "U+0000 (NUL)"],
  ["Ada\n", "U+000A (newline)"],
  ["Ada\tLovelace", "U+0009 (tab)"],
  ["Ada\u0085", "U+0085 (a control character)"],
  ["Ada\u2028", "U+2028 (line separator)"],
  ["\u3164", "U+3164 (Hangul filler)"],
  ["Ada\u115F", "U+115F (Hangul choseong filler)"],
  ["\u2800", "U+2800 (braille blank)"],
  ["Ada\u034F", "U+034F (combining grapheme joiner)"],
  ["Ada\uFE0F", "U+FE0F (a variation selector that follows no emoji)"],
  ["Ada\uE000", "U+E000 (a private-use character)"],
  ["Ada\u{F0000}", "U+F0000 (a private-use character)"],
  ["Ada\uFFFF", "U+FFFF (an unassigned code point)"],
  ["Ada\u{E0041}", "U+E0041 (an invisible formatting or direction-changing character)"],
  ["Ada\uD800", "U+D800 (half of a surrogate pair)"],
];

describe("the shared text rules", () => {
  it("refuses control, invisible and direction-changing characters in names, naming each", () => {
    for (const [name, described] of HOSTILE_NAMES) {
      const result = cleanName(name);
      expect(result.ok, JSON.stringify(name)).toBe(false);
      if (!result.ok) expect(result.error).toContain(described);
    }
    expect(refusedCharacters("a\u200Bb\u200Bc\u202Ed\u0000e\uFEFF", "name")).toEqual([
      "U+200B (zero-width space)",
      "U+202E (right-to-left override)",
      "U+0000 (NUL)",
    ]);
  });

  it("keeps real names, normalised: NFC, trimmed, one space between words", () => {
    const kept: readonly (readonly [string, string])[] = [
      ["Ada", "Ada"],
      ["  Ada   Lovelace ", "Ada Lovelace"],
      ["Zoe\u0308", "Zo\u00EB"],
      ["Jos\u00E9", "Jos\u00E9"],
      ["李雷", "李雷"],
      ["مريم", "مريم"],
      ["Ada\u3000Lovelace", "Ada Lovelace"],
      ["O'Brien-Smith", "O'Brien-Smith"],
      ["Ada ❤️", "Ada ❤️"],
      ["Team 1️⃣", "Team 1️⃣"],
      ["x".repeat(MAX_NAME_LENGTH), "x".repeat(MAX_NAME_LENGTH)],
      ["🙂".repeat(MAX_NAME_LENGTH), "🙂".repeat(MAX_NAME_LENGTH)],
    ];
    for (const [raw, name] of kept)
      expect(cleanName(raw), JSON.stringify(raw)).toEqual({ ok: true, value: name });
  });

  it("wants 1 to MAX_NAME_LENGTH characters with at least one visible", () => {
    for (const blank of ["", "   ", "\u00A0", "\u0301"])
      expect(cleanName(blank), JSON.stringify(blank)).toEqual<{ ok: false; error: unknown }>({
        ok: false,
        error: expect.stringMatching(/^must hold at least one visible character/),
      });
    expect(cleanName("x".repeat(MAX_NAME_LENGTH + 1))).toEqual({
      ok: false,
      error: `must be at most ${MAX_NAME_LENGTH} characters (this one has ${MAX_NAME_LENGTH + 1})`,
    });
  });

  it("lets press keep newlines and tabs, drops a CR before a newline, and refuses the rest", () => {
    expect(cleanPressText("  one\r\ntwo\n\tthree  ")).toEqual({ ok: true, value: "one\ntwo\n\tthree" });
    expect(cleanPressText("Cafe\u0301")).toEqual({ ok: true, value: "Caf\u00E9" });
    for (const text of ["a\u0000b", "a\rb", "a\u200Bb", "\u202Eb", "a\u2029b", "a\u0007"])
      expect(cleanPressText(text).ok, JSON.stringify(text)).toBe(false);
  });

  it("is what the game's message and communiqué payloads check; a leak's snapshot keeps any text", () => {
    const communique = parseAction("communique", { text: "peace\u0000" });
    expect(!communique.ok && communique.error.code).toBe("bad-payload");
    expect(!communique.ok && communique.error.message).toContain("U+0000 (NUL)");
    const message = parseAction("message", { to: ["FRA"], text: "a\u202Eb" });
    expect(!message.ok && message.error.message).toContain("U+202E");
    expect(parseAction("communique", { text: "line one\nline two" }).ok).toBe(true);
    // What the server delivered before these rules stays leakable (its proof vouches for it).
    const at = { year: 1901, season: "spring", phase: "movement" };
    expect(
      pressMessageSchema.safeParse({ id: "p1", from: "ENG", to: ["FRA"], text: "old\u200B", at }).success,
    ).toBe(true);
  });
});

describe("display names in the lobby", () => {
  let server: InProcessServer;
  beforeAll(async () => {
    server = await startInProcess({ env: { TICK_MS: "60000" } });
  });
  afterAll(async () => {
    await server.stop();
    removeDataDir(server.dataDir);
  });

  const newMatch = async (): Promise<string> => {
    const res = await api(server, "POST", "/api/matches", { map: "classic" });
    expect(res.status).toBe(201);
    return (res.body as { matchID: string }).matchID;
  };
  const join = (matchID: string, name: string, seat: number): Promise<ApiResponse> =>
    api(server, "POST", `/api/matches/${matchID}/join`, { name, seat });
  const nameOf = async (matchID: string, seat: number): Promise<unknown> => {
    const res = await api(server, "GET", `/api/matches/${matchID}`);
    return (res.body as { seats: { name: unknown }[] }).seats[seat]!.name;
  };

  it("refuses a name with invisible or direction-changing characters with 400 bad-payload naming them", async () => {
    const matchID = await newMatch();
    for (const [name, described] of HOSTILE_NAMES) {
      const res = await join(matchID, name, 1);
      expect(res.status, JSON.stringify(name)).toBe(400);
      const error = (res.body as { error: { code: string; message: string } }).error;
      expect(error.code).toBe("bad-payload");
      expect(error.message).toMatch(/^name: /);
      expect(error.message).toContain(described);
      expect(error.message).toContain("not allowed");
    }
    expect(await nameOf(matchID, 1)).toBeNull();
    const host = await api(server, "POST", "/api/matches", { map: "classic", hostName: "Ada\u200B" });
    expect(host.status).toBe(400);
    expect(host.body).toEqual<{ error: { code: string; message: unknown } }>({
      error: {
        code: "bad-payload",
        message: expect.stringMatching(/^hostName: U\+200B \(zero-width space\) is not allowed/),
      },
    });
  });

  it("keeps real names, stored normalised", async () => {
    const matchID = await newMatch();
    const names: readonly (readonly [string, string])[] = [
      ["  Zoe\u0308  ", "Zo\u00EB"],
      ["李雷", "李雷"],
      ["Ada ❤️", "Ada ❤️"],
      ["Ada   Lovelace", "Ada Lovelace"],
    ];
    for (const [i, [raw, stored]] of names.entries()) {
      const res = await join(matchID, raw, i + 1);
      expect(res.status, JSON.stringify(raw)).toBe(200);
      expect(await nameOf(matchID, i + 1)).toBe(stored);
    }
    const host = await api(server, "POST", "/api/matches", { map: "classic", hostName: "Jos\u0065\u0301" });
    expect(host.status).toBe(201);
    expect((host.body as { seats: { name: unknown }[] }).seats[0]!.name).toBe("Jos\u00E9");
  });
});
