/**
 * What the guide and its contextual help share: the guide's path and sections (its anchors), the
 * way numbers are put in words, and the short help texts shown where each idea of the trust rules
 * appears in the game. Every number comes from the preset given; the lists from the shared modules.
 * Kept apart from the guide's content so the pages with help buttons load only this.
 */
import { getPreset, PRESETS } from "../../../shared/src/trust/presets";
import type { Preset } from "../../../shared/src/trust/types";

/** Where the guide lives. */
export const GUIDE_PATH = "/guide";

/** The guide's sections, in reading order. */
export const GUIDE_SECTIONS = [
  { id: "board", title: "The board in brief" },
  { id: "commitments", title: "Commitments and clauses" },
  { id: "capacity", title: "Verification capacity" },
  { id: "reputation", title: "Reputation" },
  { id: "prestige", title: "Prestige" },
  { id: "notice", title: "Notice" },
  { id: "defections", title: "Surprise and announced defections" },
  { id: "retaliation", title: "Retaliation" },
  { id: "newspaper", title: "The newspaper" },
  { id: "draw", title: "Draw votes" },
  { id: "presets", title: "Presets" },
  { id: "scoring", title: "Scoring" },
  { id: "personalities", title: "Bot personalities" },
] as const;
/** The id of a guide section (its anchor). */
export type GuideSectionId = (typeof GUIDE_SECTIONS)[number]["id"];

/** The link to one section of the guide. */
export function guideHref(id: GuideSectionId): string {
  return `${GUIDE_PATH}#${id}`;
}

// ---------------------------------------------------------------------------------------------
// Numbers in words

/** A change as players read it: "+3", "−15", "±0". */
export function signed(n: number): string {
  if (n === 0) return "±0";
  return n > 0 ? `+${n}` : `−${-n}`;
}

/** A number moved by a change: "50 → 35", or "stays at 50" when the change is nothing. */
export function moved(from: number, change: number): string {
  return change === 0 ? `stays at ${from}` : `${from} → ${from + change}`;
}

/** A weight (0–1) as a percentage: "25%". */
export function percent(weight: number): string {
  return `${Math.round(weight * 100)}%`;
}

/** A bot's honesty (the chance it gives notice when it breaks its word) in words. */
export function honestyWords(honesty: number): string {
  if (honesty >= 1) return "always gives notice first";
  if (honesty <= 0) return "never gives notice";
  return `gives notice ${percent(honesty)} of the time`;
}

/** The capacity formula in words, from a preset. */
export function capacityFormula(preset: Preset): string {
  const { base, centersPerUnit } = preset.capacity;
  return centersPerUnit > 0
    ? `${base}, plus 1 for every ${centersPerUnit} centres you hold`
    : `${base}, whatever you hold`;
}

// ---------------------------------------------------------------------------------------------
// Contextual help

/** The ideas that have a help button where they appear. */
export type HelpTopic = "capacity" | "notice" | "standing" | "preset" | "personality";

/** Which guide section each help topic links to. */
export const HELP_SECTION: Readonly<Record<HelpTopic, GuideSectionId>> = {
  capacity: "capacity",
  notice: "notice",
  standing: "reputation",
  preset: "presets",
  personality: "personalities",
};

/** The 1–3 plain sentences of a help topic, with the numbers of `preset`. */
export function helpText(topic: HelpTopic, preset: Preset): readonly string[] {
  const r = preset.reputation;
  switch (topic) {
    case "capacity":
      return [
        `The game checks only so many clauses for you: ${capacityFormula(preset)}.`,
        "Each verifiable clause in force uses one unit of every party's capacity; free text uses none.",
      ];
    case "notice":
      return [
        "Notice ends a commitment at the end of this phase, and its parties learn of it at once.",
        `Breaking it in the same phase is an announced defection (${signed(r.announcedDefection)} reputation) instead of a surprise (${signed(r.surpriseDefection)}); after this phase it is no defection at all.`,
      ];
    case "standing":
      return [
        `Reputation is how far a power's word can be trusted; prestige is how well others treat it. Both start at ${r.start} and move only by what the paper reports.`,
        `A surprise defection costs ${signed(r.surpriseDefection)} reputation, an announced one ${signed(r.announcedDefection)}; a public commitment kept to its end earns ${signed(r.honouredToEnd)}.`,
      ];
    case "preset":
      return [
        "A preset is a whole set of trust rules: how much broken and kept promises move reputation and prestige, and how much they count in the statesman score.",
        ...Object.values(PRESETS).map((p) => `${p.name}: ${p.description}`),
      ];
    case "personality":
      return [
        "A bot's personality is how it deals: whether it signs commitments, keeps them, and strikes back when cheated.",
        "Tactics (how it fights on the board) are chosen separately.",
      ];
  }
}

/** The preset a match names, or the default one. */
export function presetOrDefault(id: string | undefined): Preset {
  return (id === undefined ? null : getPreset(id)) ?? PRESETS["default"]!;
}
