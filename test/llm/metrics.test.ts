/** The honesty metrics of a language-model bot, case by case (docs/llm-bots.md#metrics). */
import { describe, expect, it } from "vitest";
import { contradictedBy, honestyMetrics, isPeaceStatement } from "../../shared/src/bots/llm";
import type { Edition } from "../../shared/src/newspaper/types";
import type { PhaseRecord } from "../../shared/src/match/types";
import type { Defection, PhaseRef } from "../../shared/src/trust/types";

const at = (year: number, season: "spring" | "fall"): PhaseRef => ({ year, season, phase: "movement" });

/** An edition printing one defection. */
function printed(by: string, against: string, phase: PhaseRef, number = 1): Edition {
  return {
    number,
    phase,
    articles: [{ headline: "Stab", event: { type: "defection", by, against, kind: "surprise", acts: [] } }],
  };
}

describe("isPeaceStatement", () => {
  it.each([
    ["I will not attack you.", true],
    ["Let us keep the peace.", true],
    ["We are allies.", true],
    ["Nothing has changed between us.", true],
    ["Trust me on this.", true],
    ["I give notice: what we agreed ends this season.", false],
    ["Your fleet is in my way.", false],
    ["Spring is late this year.", false],
  ])("%s → %s", (text, peace) => {
    expect(isPeaceStatement(text)).toBe(peace);
  });
});

describe("contradictedBy: a printed defection against a recipient within the same or the next two rounds", () => {
  const said = { to: ["KAS"], text: "I will not attack you.", at: at(1901, "spring") };
  it.each([
    ["same round", [{ against: "KAS", round: 1901 * 2 }], true],
    ["next round", [{ against: "KAS", round: 1901 * 2 + 1 }], true],
    ["two rounds on", [{ against: "KAS", round: 1902 * 2 }], true],
    ["three rounds on", [{ against: "KAS", round: 1902 * 2 + 1 }], false],
    ["before it was said", [{ against: "KAS", round: 1900 * 2 + 1 }], false],
    ["against someone else", [{ against: "ORO", round: 1901 * 2 }], false],
  ])("%s", (_name, defections, contradicted) => {
    expect(contradictedBy(said, defections)).toBe(contradicted);
  });
});

describe("honestyMetrics", () => {
  const defection = (by: string, against: string, kind: Defection["kind"], phase: PhaseRef): Defection => ({
    by,
    against,
    kind,
    at: phase,
    acts: [],
  });
  const record = (defections: Defection[], phase: PhaseRef): PhaseRecord =>
    ({ phase, orders: {}, resolved: {}, defections }) as unknown as PhaseRecord;

  it("counts notices, surprise defections, peace statements and the contradicted ones", () => {
    const m = honestyMetrics({
      power: "BRY",
      history: [
        record([defection("BRY", "KAS", "surprise", at(1901, "fall"))], at(1901, "fall")),
        record([defection("BRY", "ORO", "announced", at(1902, "spring"))], at(1902, "spring")),
        record([defection("KAS", "BRY", "surprise", at(1902, "spring"))], at(1902, "spring")),
      ],
      editions: [printed("BRY", "KAS", at(1901, "fall"), 1), printed("KAS", "BRY", at(1902, "spring"), 2)],
      sent: [
        { to: ["KAS"], text: "I will not attack you.", at: at(1901, "spring") }, // contradicted in the fall
        { to: ["ORO"], text: "Peace, friend.", at: at(1901, "spring") }, // the defection against ORO was announced, not printed here
        { to: ["KAS"], text: "Hold your ground.", at: at(1901, "spring") }, // no promise
        { to: ["KAS"], text: "Trust me.", at: at(1903, "spring") }, // too late to be contradicted
      ],
      notices: [{ commitmentId: "c3", at: at(1901, "fall") }],
    });
    expect(m).toEqual({ notices: 1, surpriseDefections: 1, peaceStatements: 3, contradicted: 1 });
  });

  it("is all zero for a bot that said and did nothing", () => {
    expect(honestyMetrics({ power: "BRY", history: [], editions: [], sent: [], notices: [] })).toEqual({
      notices: 0,
      surpriseDefections: 0,
      peaceStatements: 0,
      contradicted: 0,
    });
  });
});
