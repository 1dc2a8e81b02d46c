/**
 * Editions: articles in order of importance, stable within a rank; headlines drawn in that
 * order, so the same seed and events give the same paper and different seeds give variety; and
 * the plain-text front page.
 */
import { describe, expect, it } from "vitest";
import {
  composeEdition,
  editionText,
  headline,
  orderEvents,
  type NewsEvent,
  type NewsEventType,
} from "../../shared/src/newspaper";
import { createRng } from "../../shared/src/random";
import type { PhaseRef } from "../../shared/src/trust/types";
import { CASES, map } from "./fixtures";

const phase: PhaseRef = { year: 1901, season: "spring", phase: "movement" };
const events: readonly NewsEvent[] = CASES.map((c) => c.event);

/** The expected order of types on the page. */
const RANKED: readonly (readonly NewsEventType[])[] = [
  ["game-end"],
  ["defection", "secret-exposed"],
  ["elimination"],
  ["solo-threat"],
  ["leak"],
  ["commitment-signed", "commitment-renounced", "commitment-honoured"],
  ["dislodgement"],
  ["center-captured"],
  ["battle"],
  ["communique"],
  ["reputation", "prestige"],
];
const rank = (type: NewsEventType): number => RANKED.findIndex((r) => r.includes(type));

describe("composeEdition", () => {
  it("puts the most important news first", () => {
    const edition = composeEdition(1, phase, [...events].reverse(), map, createRng(1));
    const ranks = edition.articles.map((a) => rank(a.event.type));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(edition.articles[0]!.event.type).toBe("game-end");
    expect(edition.articles.at(-1)!.event.type).toMatch(/reputation|prestige/);
    expect(edition.articles).toHaveLength(events.length);
  });

  it("keeps the given order within a rank", () => {
    const a: NewsEvent = { type: "defection", by: "GER", against: "FRA", kind: "surprise", acts: [] };
    const b: NewsEvent = { type: "secret-exposed", commitmentId: "c1", parties: ["AUS", "ITA"], clauses: [] };
    const c: NewsEvent = { type: "defection", by: "ITA", against: "AUS", kind: "announced", acts: [] };
    const battle: NewsEvent = { type: "battle", province: "bur", powers: ["FRA", "GER"] };
    expect(orderEvents([battle, a, b, c])).toEqual([a, b, c, battle]);
    expect(orderEvents([battle, c, b, a])).toEqual([c, b, a, battle]);
  });

  it("draws the headlines in the final order", () => {
    const edition = composeEdition(4, phase, events, map, createRng("order"));
    const rng = createRng("order");
    expect(edition.articles.map((a) => a.headline)).toEqual(
      orderEvents(events).map((e) => headline(e, map, rng)),
    );
  });

  it("prints the same paper for the same seed and events", () => {
    const one = composeEdition(2, phase, events, map, createRng("paper"));
    const two = composeEdition(2, phase, events, map, createRng("paper"));
    expect(two).toEqual(one);
    expect(editionText(two, map)).toBe(editionText(one, map));
  });

  it("prints different papers for different seeds", () => {
    const papers = new Set(
      Array.from({ length: 50 }, (_, seed) =>
        editionText(composeEdition(1, phase, events, map, createRng(seed)), map),
      ),
    );
    expect(papers.size).toBeGreaterThan(40);
    for (const { event } of CASES) {
      const lines = new Set(
        Array.from(
          { length: 50 },
          (_, seed) => composeEdition(1, phase, [event], map, createRng(seed)).articles[0]!.headline,
        ),
      );
      expect(lines.size).toBeGreaterThanOrEqual(3);
    }
  });

  it("keeps the edition number and phase", () => {
    const edition = composeEdition(
      7,
      { year: 1903, season: "fall", phase: "retreat" },
      [],
      map,
      createRng(1),
    );
    expect(edition).toEqual({
      number: 7,
      phase: { year: 1903, season: "fall", phase: "retreat" },
      articles: [],
    });
  });
});

describe("editionText", () => {
  it("prints a front page with the title, the phase and numbered headlines", () => {
    const edition = composeEdition(3, phase, events.slice(0, 3), map, createRng(9));
    const text = editionText(edition, map);
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe("The Entente Gazette — Spring 1901, Movement");
    expect(lines[1]).toBe("No. 3 · Classic");
    expect(lines[2]).toMatch(/^=+$/);
    expect(lines.slice(3)).toEqual(edition.articles.map((a, i) => `${i + 1}. ${a.headline}`));
  });

  it("says when there is nothing to report", () => {
    const text = editionText(
      composeEdition(5, { year: 1902, season: "winter", phase: "adjustment" }, [], map, createRng(1)),
      map,
    );
    expect(text).toContain("The Entente Gazette — Winter 1902, Adjustment");
    expect(text).toContain("nothing to report");
  });
});
