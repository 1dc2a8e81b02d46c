/**
 * The How to play guide (issue 12, item 3) reads every number and list from the shared rules:
 * every personality, preset, clause kind and scoring system appears; the presets' figures are the
 * preset objects'; the worked examples follow whichever preset they are written from (a preset
 * with unusual numbers gives unusual examples, and none of the default's numbers survive); and
 * the default examples agree with docs/rules.md.
 */
import { describe, expect, it } from "vitest";
import { PERSONALITIES, PERSONALITY_INFO } from "../../shared/src/bots/personality";
import { SCORING_SYSTEMS } from "../../shared/src/match/types";
import { CLAUSE_KINDS } from "../../shared/src/trust/clauses";
import { PRESET_IDS, PRESETS } from "../../shared/src/trust/presets";
import type { Preset } from "../../shared/src/trust/types";
import { KIND_LABELS } from "../../client/src/panels/clause-builder";
import {
  guideFacts,
  guideSections,
  nextCapacityStep,
  SCORING_INFO,
  type GuideCard,
  type GuideSection,
} from "../../client/src/guide/content";
import {
  GUIDE_SECTIONS,
  guideHref,
  HELP_SECTION,
  helpText,
  honestyWords,
  moved,
  signed,
  type GuideSectionId,
  type HelpTopic,
} from "../../client/src/guide/help-text";

const DEFAULT = PRESETS["default"]!;

/** A preset whose every number differs from the default's. */
const ODD: Preset = {
  ...DEFAULT,
  id: "odd",
  name: "Odd",
  reputation: {
    start: 61,
    surpriseDefection: -17,
    announcedDefection: -6,
    retaliation: -1,
    honouredToEnd: 4,
    yearWithoutDefection: 1,
    leak: -7,
    leakExposingBrokenPromise: -2,
  },
  prestige: { start: 47, surpriseVictim: -9, announcedVictim: -4 },
  capacity: { base: 3, centersPerUnit: 4 },
  scoring: { centers: 0.5, reputation: 0.3, prestige: 0.2 },
};

function section(sections: readonly GuideSection[], id: GuideSectionId): GuideSection {
  const found = sections.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no section ${id}`);
  return found;
}

/** Every sentence of a section, cards included. */
function textOf(s: GuideSection): string {
  return s.blocks
    .flatMap((b) => {
      switch (b.kind) {
        case "p":
          return [b.text];
        case "list":
          return b.items;
        case "example":
          return b.text;
        case "cards":
          return b.cards.flatMap((c) => [c.title, c.text, ...c.facts.flat()]);
      }
    })
    .join("\n");
}

/** The worked example of a section, as one string. */
function exampleOf(s: GuideSection): string {
  const examples = s.blocks.flatMap((b) => (b.kind === "example" ? [b.text.join("\n")] : []));
  expect(examples, `${s.id} has one worked example`).toHaveLength(1);
  return examples[0] ?? "";
}

function cardsOf(s: GuideSection): GuideCard[] {
  return s.blocks.flatMap((b) => (b.kind === "cards" ? b.cards : []));
}

describe("the guide's sections", () => {
  const sections = guideSections();

  it("are the table of contents, in order, each with exactly one worked example", () => {
    expect(sections.map((s) => [s.id, s.title])).toEqual(GUIDE_SECTIONS.map((s) => [s.id, s.title]));
    for (const s of sections) exampleOf(s);
  });

  it("link by anchor, and every help topic links to a section that exists", () => {
    expect(guideHref("notice")).toBe("/guide#notice");
    const ids = new Set<string>(GUIDE_SECTIONS.map((s) => s.id));
    for (const section of Object.values(HELP_SECTION)) expect(ids.has(section)).toBe(true);
  });
});

describe("lists come from the shared modules", () => {
  const sections = guideSections();

  it("every personality appears, with its name, description and honesty", () => {
    const cards = cardsOf(section(sections, "personalities"));
    expect(cards.map((c) => c.id)).toEqual([...PERSONALITIES]);
    for (const c of cards) {
      const info = PERSONALITY_INFO[c.id as (typeof PERSONALITIES)[number]];
      expect(c.title).toBe(info.name);
      expect(c.text).toBe(info.description);
      expect(c.facts).toEqual([["When it breaks its word", honestyWords(info.honesty)]]);
    }
    expect(honestyWords(1)).toBe("always gives notice first");
    expect(honestyWords(0)).toBe("never gives notice");
    expect(honestyWords(0.5)).toBe("gives notice 50% of the time");
  });

  it("every preset appears with the preset object's numbers", () => {
    const cards = cardsOf(section(sections, "presets"));
    expect(cards.map((c) => c.id)).toEqual(PRESET_IDS);
    for (const c of cards) {
      const p = PRESETS[c.id]!;
      const facts = new Map(c.facts);
      expect(c.title).toBe(p.name);
      expect(c.text).toBe(p.description);
      expect(facts.get("Surprise defection")).toBe(signed(p.reputation.surpriseDefection));
      expect(facts.get("Announced defection")).toBe(signed(p.reputation.announcedDefection));
      expect(facts.get("Honoured to its end")).toBe(signed(p.reputation.honouredToEnd));
      expect(facts.get("Victim of a surprise")).toBe(signed(p.prestige.surpriseVictim));
      expect(facts.get("Statesman score")).toBe(
        `centres ${Math.round(p.scoring.centers * 100)}% · reputation ${Math.round(p.scoring.reputation * 100)}% · prestige ${Math.round(p.scoring.prestige * 100)}%`,
      );
    }
    // The liberal preset as docs/rules.md states it.
    const liberal = new Map(cards.find((c) => c.id === "liberal")!.facts);
    expect(liberal.get("Surprise defection")).toBe("−20");
    expect(liberal.get("Statesman score")).toBe("centres 40% · reputation 40% · prestige 20%");
  });

  it("every clause kind and every scoring system appears", () => {
    const clauses = textOf(section(sections, "commitments"));
    for (const k of CLAUSE_KINDS) expect(clauses).toContain(KIND_LABELS[k]);
    const scoring = cardsOf(section(sections, "scoring"));
    expect(scoring.map((c) => c.id)).toEqual([...SCORING_SYSTEMS]);
    for (const c of scoring)
      expect(c.title).toBe(SCORING_INFO[c.id as (typeof SCORING_SYSTEMS)[number]].name);
  });
});

describe("worked examples are computed from the preset", () => {
  it("the default preset gives docs/rules.md's numbers", () => {
    const sections = guideSections(guideFacts(DEFAULT));
    const defections = exampleOf(section(sections, "defections"));
    expect(defections).toContain("England's reputation goes 50 → 35; France's prestige 50 → 45");
    expect(defections).toContain("England's reputation goes 50 → 45; France's prestige stays at 50");
    expect(exampleOf(section(sections, "reputation"))).toContain("both go 50 → 53");
    expect(exampleOf(section(sections, "reputation"))).toContain("53 → 55");
    expect(exampleOf(section(sections, "retaliation"))).toContain("England's reputation stays at 50");
    const capacity = exampleOf(section(sections, "capacity"));
    expect(capacity).toContain("its capacity is 2");
    expect(capacity).toContain("until it holds 5 centres (capacity 3)");
    const scoring = exampleOf(section(sections, "scoring"));
    expect(scoring).toContain("Sum of squares: Russia 22.86, Austria and the others 12.86");
    expect(scoring).toContain("Solo or draw: Russia 14.29, Austria and the others 14.29");
    expect(scoring).toContain("Statesman: Russia 33.33, Austria and the others 30");
    expect(textOf(section(sections, "board"))).toContain("there are 34 centres. A power that holds 18");
  });

  it("a preset with other numbers gives other examples, and none of the default's", () => {
    const sections = guideSections(guideFacts(ODD));
    expect(exampleOf(section(sections, "defections"))).toContain(
      "England's reputation goes 61 → 44; France's prestige 47 → 38",
    );
    expect(exampleOf(section(sections, "defections"))).toContain("France's prestige 47 → 43");
    expect(exampleOf(section(sections, "reputation"))).toContain("61 → 65");
    expect(exampleOf(section(sections, "retaliation"))).toContain("England's reputation 61 → 60");
    expect(exampleOf(section(sections, "capacity"))).toContain("its capacity is 3");
    expect(exampleOf(section(sections, "capacity"))).toContain("until it holds 4 centres (capacity 4)");
    expect(exampleOf(section(sections, "scoring"))).toContain(
      "Statesman: Russia 38.81, Austria and the others 36.03", // 100·0.5·4/18 + 0.3·61 + 0.2·47; 3 centres: 8.33 + 27.7
    );
    // The default's figures appear nowhere in the sections written from the preset.
    const fromPreset: GuideSectionId[] = [
      "capacity",
      "reputation",
      "prestige",
      "defections",
      "retaliation",
      "newspaper",
    ];
    const defaults = ["50", "−15", "−5", "+3", "+2", "−3", "±0"];
    for (const id of fromPreset) {
      const numbers = textOf(section(sections, id)).match(/[−+±]?\d+(\.\d+)?/g) ?? [];
      expect(
        numbers.filter((n) => defaults.includes(n)),
        `${id}: ${numbers.join(" ")}`,
      ).toEqual([]);
    }
  });

  it("says when capacity never grows", () => {
    const flat = { ...DEFAULT, capacity: { base: 2, centersPerUnit: 0 } };
    expect(nextCapacityStep(flat, 3)).toBeNull();
    expect(exampleOf(section(guideSections(guideFacts(flat)), "capacity"))).not.toContain("until it holds");
  });
});

describe("contextual help", () => {
  const topics = Object.keys(HELP_SECTION) as HelpTopic[];

  it("is one to three sentences a topic (presets: one line each besides)", () => {
    for (const t of topics) {
      const text = helpText(t, DEFAULT);
      const extra = t === "preset" ? PRESET_IDS.length : 0;
      expect(text.length).toBeGreaterThanOrEqual(1);
      expect(text.length).toBeLessThanOrEqual(3 + extra);
    }
  });

  it("uses the match's preset", () => {
    const liberal = PRESETS["liberal"]!;
    expect(helpText("notice", liberal).join(" ")).toContain(
      `(${signed(liberal.reputation.announcedDefection)} reputation) instead of a surprise (${signed(liberal.reputation.surpriseDefection)})`,
    );
    expect(helpText("notice", liberal).join(" ")).toContain("(−8 reputation) instead of a surprise (−20)");
    expect(helpText("capacity", ODD).join(" ")).toContain("3, plus 1 for every 4 centres you hold");
    expect(helpText("standing", ODD).join(" ")).toContain("Both start at 61");
    for (const p of Object.values(PRESETS))
      expect(helpText("preset", DEFAULT)).toContain(`${p.name}: ${p.description}`);
  });

  it("writes changes the way players read them", () => {
    expect([signed(3), signed(-15), signed(0)]).toEqual(["+3", "−15", "±0"]);
    expect([moved(50, -15), moved(50, 0)]).toEqual(["50 → 35", "stays at 50"]);
  });
});
