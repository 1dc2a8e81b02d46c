/**
 * Headlines: every event type renders, in every template, a one-line headline naming the right
 * powers and places; the choice of template is seeded; player text is quoted safely; and no
 * event of any shape the types allow makes rendering throw.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clausesSummary, headline, QUOTE_LIMIT, quoteText, type NewsEvent } from "../../shared/src/newspaper";
import { createRng } from "../../shared/src/random";
import { anyEvent, CASES, map } from "./fixtures";

const SEEDS = Array.from({ length: 80 }, (_, i) => i);

/** The headlines of an event over many seeds (covering every template of its type). */
const renderings = (event: NewsEvent): string[] => SEEDS.map((seed) => headline(event, map, createRng(seed)));

describe("headlines", () => {
  it.each(CASES)("renders a $name naming the right powers in every template", ({ event, mustContain }) => {
    for (const text of renderings(event)) {
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/\n|undefined|NaN|\[object/);
      expect(text.charAt(0)).toBe(text.charAt(0).toUpperCase());
      for (const word of mustContain) {
        if (typeof word === "string") expect(text).toContain(word);
        else
          expect(
            word.some((w) => text.includes(w)),
            `${text} names one of ${word.join(", ")}`,
          ).toBe(true);
      }
    }
  });

  it.each(CASES)("has at least three templates for a $name", ({ event }) => {
    expect(new Set(renderings(event)).size).toBeGreaterThanOrEqual(3);
  });

  it("takes exactly one draw from the generator per headline", () => {
    for (const { event } of CASES) {
      let draws = 0;
      const rng = createRng("one draw");
      const counting = {
        next: () => (draws++, rng.next()),
        int: (n: number) => (draws++, rng.int(n)),
        pick: <T>(xs: readonly T[]) => (draws++, rng.pick(xs)),
      };
      headline(event, map, counting);
      expect(draws).toBe(1);
    }
  });

  it("gives the same headline for the same seed", () => {
    for (const { event } of CASES) {
      expect(headline(event, map, createRng("same"))).toBe(headline(event, map, createRng("same")));
    }
  });

  it("shows the server-verified sender of a leak, not the leaker, as its author", () => {
    const event: NewsEvent = {
      type: "leak",
      messageId: "m1",
      leaker: "TUR",
      sender: "AUS",
      recipients: ["TUR"],
      text: "Serbia is yours.",
      sentAt: { year: 1903, season: "spring", phase: "movement" },
      exposesBrokenPromise: false,
    };
    for (const text of renderings(event)) {
      expect(text).toMatch(/Austria('s)? (to|wrote|promised)|Austria's own words|Austria's letter/);
      expect(text).toMatch(/verified by the courier/);
    }
  });

  it("summarises every kind of clause", () => {
    expect(
      clausesSummary(map, [
        {
          kind: "support-pledge",
          power: "ITA",
          beneficiary: "AUS",
          supporter: "ven",
          supported: "tri",
          to: "tyr",
          when: { year: 1901, season: "spring" },
        },
      ]),
    ).toBe("a pledge of support in Tyrolia");
    expect(
      clausesSummary(map, [{ kind: "no-build", power: "GER", centers: ["kie"], fleetsOnly: true }]),
    ).toBe("a ban on new fleets in Kiel");
    expect(clausesSummary(map, [{ kind: "no-build", power: "GER", centers: [], fleetsOnly: false }])).toBe(
      "a ban on new units",
    );
    expect(
      clausesSummary(map, [
        { kind: "cede", power: "GER", to: "FRA", province: "bel", by: { year: 1902, season: "fall" } },
      ]),
    ).toBe("the cession of Belgium to France");
    expect(clausesSummary(map, [{ kind: "text", text: "secret" }])).toBe("an unwritten understanding");
    expect(clausesSummary(map, [])).toBe("terms unknown");
    expect(
      clausesSummary(map, [
        { kind: "alliance", powers: ["ENG", "FRA"] },
        { kind: "alliance", powers: ["ENG", "FRA"] },
        { kind: "text", text: "x" },
        { kind: "non-aggression", from: "ENG", to: "GER" },
        { kind: "no-build", power: "ENG", centers: [], fleetsOnly: true },
      ]),
    ).toBe("an alliance, an unwritten understanding and 2 more terms");
  });

  it("prints unknown powers and provinces by id", () => {
    const text = headline(
      { type: "battle", province: "atlantis", powers: ["XYZ", "FRA"] },
      map,
      createRng(1),
    );
    expect(text).toMatch(/atlantis/i);
    expect(text).toContain("XYZ and France");
  });

  it("never throws, and prints one bounded line, for any event", () => {
    fc.assert(
      fc.property(anyEvent, fc.integer(), (event, seed) => {
        const text = headline(event, map, createRng(seed));
        expect(typeof text).toBe("string");
        expect(text.length).toBeGreaterThan(0);
        expect(text).not.toMatch(/[\n\r\t]/);
        expect(text).toBe(headline(event, map, createRng(seed)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("quoting player text", () => {
  it("collapses whitespace and trims", () => {
    expect(quoteText("  we \n\n split\tthe   Balkans  ")).toBe("we split the Balkans");
  });

  it("drops control characters", () => {
    expect(quoteText("a\u0000b\u0007c\u001bd")).toBe("abcd");
  });

  it("keeps text at the limit and cuts longer text with an ellipsis", () => {
    const exact = "x".repeat(QUOTE_LIMIT);
    expect(quoteText(exact)).toBe(exact);
    const cut = quoteText("y".repeat(QUOTE_LIMIT + 1));
    expect(Array.from(cut)).toHaveLength(QUOTE_LIMIT);
    expect(cut.endsWith("…")).toBe(true);
  });

  it("does not split a character made of two code units", () => {
    const cut = quoteText("😀".repeat(QUOTE_LIMIT + 10));
    expect(Array.from(cut)).toHaveLength(QUOTE_LIMIT);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it("caps long quotations inside headlines", () => {
    const text = headline({ type: "communique", by: "ENG", text: "word ".repeat(500) }, map, createRng(3));
    const quoted = /"(.*)"/.exec(text)![1]!;
    expect(Array.from(quoted)).toHaveLength(QUOTE_LIMIT);
  });
});
