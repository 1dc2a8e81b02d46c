/**
 * `breachesOf`, the one answer to "would these orders break my word?" (bots, and the client's
 * warning before a breaking order): a case per clause kind on the classic map, kept and broken, and
 * hostile acts against allies. Each breach is named by commitment, clause index and kind.
 */
import { describe, expect, it } from "vitest";
import { resolvePhase } from "../../shared/src/game";
import type { PowerId } from "../../shared/src/map";
import { breachesOf, type OrderBreach } from "../../shared/src/trust/breaches";
import { phaseFacts } from "../../shared/src/trust/clauses";
import { detectDefections } from "../../shared/src/trust/defections";
import type { Commitment } from "../../shared/src/trust/types";
import { boardPosition as position, commitment, map, ordersFor, type Board } from "./support";

/** One breach as the table writes it: commitment, clause index, kind, victims. */
type Row = readonly [string, number | null, OrderBreach["kind"], readonly PowerId[]];

interface Case {
  readonly name: string;
  readonly board: Board;
  readonly commitments: readonly Commitment[];
  readonly power: PowerId;
  readonly orders: readonly string[];
  readonly breaches: readonly (readonly Row[])[]; // per order
}

const NA = commitment("c1", ["FRA", "GER"], [{ kind: "non-aggression", from: "GER", to: "FRA" }]);
const ALLIANCE = commitment("c2", ["FRA", "GER"], [{ kind: "alliance", powers: ["FRA", "GER"] }]);
const TEXT = commitment("c3", ["FRA", "GER"], [{ kind: "text", text: "we are friends" }]);
const DMZ = commitment(
  "c4",
  ["FRA", "GER"],
  [{ kind: "demilitarised-zone", powers: ["FRA", "GER"], provinces: ["bur"] }],
);
const CEDE = commitment(
  "c5",
  ["FRA", "GER"],
  [
    { kind: "text", text: "Burgundy is yours" },
    { kind: "cede", power: "FRA", to: "GER", province: "bur", by: { year: 1901, season: "spring" } },
  ],
);
const PLEDGE = commitment(
  "c6",
  ["ENG", "FRA"],
  [
    {
      kind: "support-pledge",
      power: "FRA",
      beneficiary: "ENG",
      supporter: "bre",
      supported: "lon",
      to: "eng",
      when: { year: 1901, season: "spring" },
    },
  ],
);
const NO_FLEETS = commitment(
  "c7",
  ["ENG", "FRA", "GER"],
  [{ kind: "no-build", power: "ENG", centers: [], fleetsOnly: true }],
);

const CASES: readonly Case[] = [
  {
    name: "non-aggression: a move into a French unit breaks it; a move elsewhere keeps it",
    board: { units: ["GER A mun", "GER A kie", "FRA A bur"] },
    commitments: [NA],
    power: "GER",
    orders: ["GER A mun - bur", "GER A kie - hol"],
    breaches: [[["c1", 0, "non-aggression", ["FRA"]]], []],
  },
  {
    name: "non-aggression: supporting a third power into a French centre breaks it, supporting France does not",
    board: { units: ["GER A bur", "GER A ruh", "FRA A pic", "ENG A gas", "ENG A hol"] },
    commitments: [NA],
    power: "GER",
    orders: ["GER A bur S A gas - par", "GER A bur S A pic - par", "GER A ruh S A hol - bel"],
    breaches: [[["c1", 0, "non-aggression", ["FRA"]]], [], []],
  },
  {
    name: "non-aggression: supporting a third power into a province France holds breaks it",
    board: { units: ["GER A ruh", "ENG A bel", "FRA A bur"] },
    commitments: [NA],
    power: "GER",
    orders: ["GER A ruh S A bel - bur"],
    breaches: [[["c1", 0, "non-aggression", ["FRA"]]]],
  },
  {
    name: "non-aggression binds only the promiser; the other party's attack is a hostile act on an ally",
    board: { units: ["FRA A bur", "GER A mun"] },
    commitments: [NA],
    power: "FRA",
    orders: ["FRA A bur - mun"],
    breaches: [[["c1", null, "hostile-act", ["GER"]]]],
  },
  {
    name: "alliance: a move into the ally's unit breaks the clause (no hostile act on top)",
    board: { units: ["GER A mun", "FRA A bur"] },
    commitments: [ALLIANCE],
    power: "GER",
    orders: ["GER A mun - bur"],
    breaches: [[["c2", 0, "alliance", ["FRA"]]]],
  },
  {
    name: "alliance: supporting one's own move into an ally's centre held by one's own unit breaks it",
    board: { units: ["GER A bur", "GER A mun", "GER A ruh"], centres: { bur: "FRA" } },
    commitments: [ALLIANCE],
    power: "GER",
    orders: ["GER A ruh S A mun - bur"],
    breaches: [[["c2", 0, "alliance", ["FRA"]]]],
  },
  {
    // Found by the 1,000-game tournament (seed t1000, game 868, fall 1908): the bots' own copy of
    // this rule took the unit standing in a centre for its owner, so it let England support
    // France into a German centre France occupied while England and Germany were allies. Here:
    // Germany, France's ally, supports England into a French centre England occupies.
    name: "free text: supporting a third power into an ally's centre that power occupies is a hostile act",
    board: { units: ["ENG A bel", "ENG A pic", "GER A ruh", "GER F nth"], centres: { bel: "FRA" } },
    commitments: [TEXT],
    power: "GER",
    orders: ["GER F nth S A pic - bel", "GER A ruh S A pic - bel"],
    breaches: [[["c3", null, "hostile-act", ["FRA"]]], [["c3", null, "hostile-act", ["FRA"]]]],
  },
  {
    name: "free text: an attack on the ally is a hostile act (no clause)",
    board: { units: ["GER A mun", "FRA A bur"] },
    commitments: [TEXT],
    power: "GER",
    orders: ["GER A mun - bur", "GER A mun H"],
    breaches: [[["c3", null, "hostile-act", ["FRA"]]], []],
  },
  {
    name: "demilitarised zone: moving in, or staying in, breaks it; moving out keeps it",
    board: { units: ["GER A mun", "FRA A bur", "FRA A par"] },
    commitments: [DMZ],
    power: "FRA",
    orders: ["FRA A bur H", "FRA A bur - pic", "FRA A par - bur"],
    breaches: [[["c4", 0, "demilitarised-zone", ["GER"]]], [], [["c4", 0, "demilitarised-zone", ["GER"]]]],
  },
  {
    name: "cede: the ceder contests the province (or stays in it in its last season); the receiver may walk in",
    board: { units: ["FRA A bur", "FRA A par", "GER A mun"] },
    commitments: [CEDE],
    power: "FRA",
    orders: ["FRA A par - bur", "FRA A bur H", "FRA A bur - pic"],
    breaches: [[["c5", 1, "cede", ["GER"]]], [["c5", 1, "cede", ["GER"]]], []],
  },
  {
    name: "cede: moving into a province the ally ceded to you is no hostile act",
    board: { units: ["FRA A bur", "GER A mun"] },
    commitments: [CEDE],
    power: "GER",
    orders: ["GER A mun - bur"],
    breaches: [[]],
  },
  {
    name: "support pledge: another order for the pledged unit breaks it; the pledged support keeps it",
    board: { units: ["FRA F bre", "ENG F lon"] },
    commitments: [PLEDGE],
    power: "FRA",
    orders: ["FRA F bre H", "FRA F bre S F lon - eng", "FRA F bre - mao"],
    breaches: [[["c6", 0, "support-pledge", ["ENG"]]], [], [["c6", 0, "support-pledge", ["ENG"]]]],
  },
  {
    name: "no build (fleets only): a fleet breaks it, against every other party; an army keeps it",
    board: {
      units: ["ENG F nth"],
      season: "winter",
      phase: "adjustment",
      centres: { nwy: "ENG" },
    },
    commitments: [NO_FLEETS],
    power: "ENG",
    orders: ["ENG build F lon", "ENG build A lon"],
    breaches: [[["c7", 0, "no-build", ["FRA", "GER"]]], []],
  },
  {
    name: "a commitment the power is not party to is not its word",
    board: { units: ["GER A mun", "FRA A bur", "ENG A bel"] },
    commitments: [NA],
    power: "ENG",
    orders: ["ENG A bel - bur"],
    breaches: [[]],
  },
];

describe("breachesOf", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const at = position(c.board);
    const orders = ordersFor(at, c.orders);
    const found = breachesOf(map, at, c.commitments, c.power, orders);
    expect(found.map((list) => list.map((b) => [b.commitmentId, b.clauseIndex, b.kind, b.against]))).toEqual(
      c.breaches,
    );
    for (const list of found) for (const b of list) expect(b.description).not.toBe("");
  });

  it("names what the engine finds after adjudication, in the same words", () => {
    const at = position({ units: ["GER A mun", "GER A kie", "FRA A bur"] });
    const orders = ordersFor(at, ["GER A mun - bur", "GER A kie - hol"]);
    const before = breachesOf(map, at, [NA, TEXT], "GER", orders).flat();
    const facts = phaseFacts(map, at, resolvePhase(map, at, orders));
    const after = detectDefections(facts, [NA, TEXT], [], []).flatMap((d) => d.acts);
    expect(before.map((b) => b.description)).toEqual(after.map((a) => a.description));
  });

  it("gives one list per order, empty with no commitments", () => {
    const at = position({ units: ["GER A mun"] });
    expect(breachesOf(map, at, [], "GER", ordersFor(at, ["GER A mun - bur"]))).toEqual([[]]);
  });
});
