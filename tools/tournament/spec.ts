/**
 * The `--bots` spec of a tournament: which bots sit at the table. Comma-separated entries, each
 * `<personality>[/<tactics>][:<honesty>][*<count>]`; a bare tactics name stands for `steady/<tactics>`
 * (so `baseline,random*6` is one steady/baseline bot and six steady/random ones); `llm[/<tactics>][:<honesty>]`
 * is a language-model bot (docs/llm-bots.md) with an honesty setting (honest, pragmatic, deceitful;
 * default pragmatic) that falls back to a copycat bot of those tactics. The expanded list is cycled
 * to fill the map's seats. Pure: no I/O.
 */
import {
  botProfile,
  PERSONALITIES,
  PERSONALITY_INFO,
  TACTICS,
  type BotProfile,
  type Personality,
  type Tactics,
} from "../../shared/src/bots";
import { HONESTY_SETTINGS, isHonesty, type Honesty, type LlmSeat } from "../../shared/src/bots/llm";
import { err, ok, type Result } from "../../shared/src/result";

/** One entry of a spec, before its count is expanded. */
export interface BotEntry {
  /** The entry's canonical text without the count, e.g. "copycat/baseline:0.9"; the table's row. */
  readonly label: string;
  readonly profile: BotProfile;
  readonly count: number;
  /** Set for a language-model bot: its honesty setting. */
  readonly llm?: { readonly honesty: Honesty };
}

/** The name of a language-model bot in a spec. */
export const LLM_BOT = "llm";

const ENTRY = /^([a-z-]+)(?:\/([a-z-]+))?(?::([^*]*))?(?:\*(.*))?$/;

/** Whether a word is a personality id. */
function isPersonality(word: string): word is Personality {
  return (PERSONALITIES as readonly string[]).includes(word);
}

/** Whether a word is a tactics id. */
function isTactics(word: string): word is Tactics {
  return (TACTICS as readonly string[]).includes(word);
}

/** The canonical label of a bot: personality/tactics, and the honesty when not the personality's own. */
export function botLabel(profile: BotProfile): string {
  const base = `${profile.personality}/${profile.tactics}`;
  return profile.honesty === PERSONALITY_INFO[profile.personality].honesty
    ? base
    : `${base}:${profile.honesty}`;
}

/** The grammar and the valid names, for error messages and `--help`. */
export const SPEC_HELP =
  `each entry is <personality>[/<tactics>][:<honesty 0..1>][*<count>], or a bare tactics name for steady/<tactics>; ` +
  `personalities: ${PERSONALITIES.join(", ")}; tactics: ${TACTICS.join(", ")}; ` +
  `or ${LLM_BOT}[/<tactics>][:<${HONESTY_SETTINGS.join("|")}>] for a language-model bot (LLM_* settings)`;

/** Parses the entry of a language-model bot: `llm[/<tactics>][:<honesty>]` (count apart). */
function parseLlmEntry(
  text: string,
  tacticsText: string | undefined,
  honestyText: string | undefined,
  count: number,
): Result<BotEntry, string> {
  const tactics = tacticsText ?? "baseline";
  if (!isTactics(tactics))
    return err(`bad bot "${text}": unknown tactics "${tactics}"; tactics: ${TACTICS.join(", ")}`);
  const honesty = honestyText ?? "pragmatic";
  if (!isHonesty(honesty))
    return err(`bad bot "${text}": honesty "${honesty}" is not one of ${HONESTY_SETTINGS.join(", ")}`);
  const label = tactics === "baseline" ? `${LLM_BOT}:${honesty}` : `${LLM_BOT}/${tactics}:${honesty}`;
  return ok({ label, profile: botProfile("copycat", tactics), count, llm: { honesty } });
}

/** Parses one entry of a spec (already trimmed). */
export function parseBotEntry(text: string): Result<BotEntry, string> {
  const bad = (why: string): Result<BotEntry, string> => err(`bad bot "${text}": ${why}`);
  const m = ENTRY.exec(text);
  if (!m) return bad(`expected <personality>[/<tactics>][:<honesty>][*<count>]; ${SPEC_HELP}`);
  const [, name = "", tacticsText, honestyText, countText] = m;
  if (name === LLM_BOT) {
    const n = countText === undefined ? 1 : Number(countText);
    if (countText !== undefined && (!/^\d+$/.test(countText) || n < 1))
      return bad(`count "${countText}" is not a whole number ≥ 1`);
    return parseLlmEntry(text, tacticsText, honestyText, n);
  }
  let personality: Personality;
  let tactics: Tactics = "baseline";
  if (tacticsText === undefined && isTactics(name)) {
    personality = "steady";
    tactics = name;
  } else if (isPersonality(name)) {
    personality = name;
  } else {
    return tacticsText === undefined
      ? bad(`"${name}" is neither a personality nor a tactics name; ${SPEC_HELP}`)
      : bad(`unknown personality "${name}"; personalities: ${PERSONALITIES.join(", ")}`);
  }
  if (tacticsText !== undefined) {
    if (!isTactics(tacticsText))
      return bad(`unknown tactics "${tacticsText}"; tactics: ${TACTICS.join(", ")}`);
    tactics = tacticsText;
  }
  let honesty: number | undefined;
  if (honestyText !== undefined) {
    honesty = Number(honestyText);
    if (honestyText.trim() === "" || !Number.isFinite(honesty) || honesty < 0 || honesty > 1)
      return bad(`honesty "${honestyText}" is not a number from 0 to 1`);
  }
  let count = 1;
  if (countText !== undefined) {
    count = Number(countText);
    if (!/^\d+$/.test(countText) || count < 1) return bad(`count "${countText}" is not a whole number ≥ 1`);
  }
  const profile = botProfile(personality, tactics, honesty);
  return ok({ label: botLabel(profile), profile, count });
}

/** Parses a whole spec into its entries (counts not expanded). */
export function parseBotSpec(spec: string): Result<BotEntry[], string> {
  const parts = spec.split(",").map((s) => s.trim());
  if (parts.every((p) => p === "")) return err(`no bots given; ${SPEC_HELP}`);
  const entries: BotEntry[] = [];
  for (const part of parts) {
    if (part === "") return err(`empty entry in bots "${spec}"`);
    const entry = parseBotEntry(part);
    if (!entry.ok) return entry;
    entries.push(entry.value);
  }
  return ok(entries);
}

/**
 * The seats of a spec on a map of `powers` powers: counts expanded in order, then the list cycled
 * to fill every seat. More bots than powers is an error.
 */
export function tableOf(entries: readonly BotEntry[], powers: number): Result<LlmSeat[], string> {
  const expanded: LlmSeat[] = entries.flatMap((e) =>
    Array.from({ length: e.count }, () =>
      e.llm ? { label: e.label, profile: e.profile, llm: e.llm } : { label: e.label, profile: e.profile },
    ),
  );
  if (expanded.length === 0) return err("no bots given");
  if (expanded.length > powers)
    return err(`${expanded.length} bots given for a map of ${powers} powers; give at most ${powers}`);
  return ok(Array.from({ length: powers }, (_, i) => expanded[i % expanded.length]!));
}

/** Parses a spec and fills a map of `powers` powers: the tournament's table of bots. */
export function parseTable(spec: string, powers: number): Result<LlmSeat[], string> {
  const entries = parseBotSpec(spec);
  return entries.ok ? tableOf(entries.value, powers) : entries;
}
