/**
 * The clause catalogue on the classic map: each verifiable clause kept and broken in small
 * positions resolved by the real adjudicator, its wording, its proposal checks, and the payload
 * schema. A random-game property ties the checkers to the whole board rules.
 */
import { describe, expect, it } from "vitest";
import { playRandomGame, resolvePhase, type Position } from "../../shared/src/game";
import type { PowerId } from "../../shared/src/map";
import {
  CLAUSE_KINDS,
  CLAUSES,
  checkClause,
  clauseProtects,
  clauseSchema,
  describeClause,
  isVerifiable,
  phaseFacts,
  validateClause,
  type PhaseFacts,
} from "../../shared/src/trust/clauses";
import type { Clause } from "../../shared/src/trust/types";
import { boardPosition as position, map, ordersFor } from "./support";

const ALL = map.powers.map((p) => p.id);

/** Resolves one phase with the real adjudicator and returns its facts. */
function play(at: Position, ...texts: string[]): PhaseFacts {
  return phaseFacts(map, at, resolvePhase(map, at, ordersFor(at, texts)));
}

/** Resolves a movement phase, then its retreat phase; returns the facts of the retreat phase. */
function playRetreat(at: Position, moves: readonly string[], retreats: readonly string[]): PhaseFacts {
  const movement = play(at, ...moves);
  expect(movement.after.phase).toBe("retreat");
  return play(movement.after, ...retreats);
}

/** A table row: a clause, a phase, and the descriptions of the breaches expected (by, against). */
interface Case {
  readonly name: string;
  readonly clause: Clause;
  readonly facts: () => PhaseFacts;
  readonly breaches: readonly (readonly [PowerId, readonly PowerId[], string])[];
}

function runCases(cases: readonly Case[]): void {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const found = checkClause(c.clause, c.facts()).map((b) => [b.by, b.against, b.description]);
    expect(found).toEqual(c.breaches);
  });
}

const NA: Clause = { kind: "non-aggression", from: "GER", to: "FRA" };

describe("non-aggression", () => {
  const spring = (...units: string[]): Position => position({ units });
  runCases([
    {
      name: "kept: a move into a neutral province",
      clause: NA,
      facts: () => play(spring("GER A mun", "FRA A bur"), "GER A mun - ruh"),
      breaches: [],
    },
    {
      name: "broken: a move into a French-held province",
      clause: NA,
      facts: () => play(spring("GER A mun", "FRA A bur"), "GER A mun - bur"),
      breaches: [["GER", ["FRA"], "Germany ordered A Munich - Burgundy, into a French-held province"]],
    },
    {
      name: "broken: a move into an empty French centre",
      clause: NA,
      facts: () => play(spring("GER A bur"), "GER A bur - par"),
      breaches: [["GER", ["FRA"], "Germany ordered A Burgundy - Paris, into a French centre"]],
    },
    {
      name: "broken even when the French unit leaves in the same phase (judged on the start)",
      clause: NA,
      facts: () => play(spring("GER A mun", "FRA A bur"), "GER A mun - bur", "FRA A bur - pic"),
      breaches: [["GER", ["FRA"], "Germany ordered A Munich - Burgundy, into a French-held province"]],
    },
    {
      name: "broken: a support of a third power's move into a French unit",
      clause: NA,
      facts: () =>
        play(spring("GER A mun", "ENG A bel", "FRA A bur"), "GER A mun S A bel - bur", "ENG A bel - bur"),
      breaches: [
        [
          "GER",
          ["FRA"],
          "Germany ordered A Munich S A Belgium - Burgundy, supporting a move into a French-held province",
        ],
      ],
    },
    {
      name: "broken: a convoy of a third power's army into a French centre",
      clause: NA,
      facts: () => play(spring("GER F eng", "ENG A lon"), "GER F eng C A lon - bre", "ENG A lon - bre"),
      breaches: [
        [
          "GER",
          ["FRA"],
          "Germany ordered F English Channel C A London - Brest, convoying an army into a French centre",
        ],
      ],
    },
    {
      name: "kept: a support of France's own move into a French centre",
      clause: NA,
      facts: () => play(spring("GER A gas", "FRA A bur"), "GER A gas S A bur - par", "FRA A bur - par"),
      breaches: [],
    },
    {
      name: "kept: a support to hold of a unit in a French province",
      clause: NA,
      facts: () => play(spring("GER A mun", "FRA A bur"), "GER A mun S A bur"),
      breaches: [],
    },
    {
      name: "kept: an illegal order is not an order (the adjudicator ignored it)",
      clause: NA,
      facts: () => play(spring("GER A mun"), "GER A mun - par"),
      breaches: [],
    },
    {
      name: "kept: France attacking Germany is not Germany's breach",
      clause: NA,
      facts: () => play(spring("GER A mun", "FRA A bur"), "FRA A bur - mun"),
      breaches: [],
    },
    {
      name: "kept: a retreat into a French centre (only movement phases count)",
      clause: NA,
      facts: () =>
        playRetreat(
          spring("GER A bur", "AUS A mun", "AUS A ruh"),
          ["AUS A mun - bur", "AUS A ruh S A mun - bur"],
          ["GER A bur R mar"],
        ),
      breaches: [],
    },
  ]);
});

describe("alliance", () => {
  const ALLY: Clause = { kind: "alliance", powers: ["GER", "FRA"] };
  const spring = (...units: string[]): Position => position({ units });
  runCases([
    {
      name: "kept: supporting each other into neutral provinces",
      clause: ALLY,
      facts: () => play(spring("GER A ruh", "FRA A bur"), "GER A ruh S A bur - bel", "FRA A bur - bel"),
      breaches: [],
    },
    {
      name: "broken by Germany: supporting England into a French unit",
      clause: ALLY,
      facts: () => play(spring("GER A mun", "ENG A bel", "FRA A bur"), "GER A mun S A bel - bur"),
      breaches: [
        [
          "GER",
          ["FRA"],
          "Germany ordered A Munich S A Belgium - Burgundy, supporting a move into a French-held province",
        ],
      ],
    },
    {
      name: "broken by France: a move into a German centre",
      clause: ALLY,
      facts: () => play(spring("FRA A bur"), "FRA A bur - mun"),
      breaches: [["FRA", ["GER"], "France ordered A Burgundy - Munich, into a German centre"]],
    },
    {
      name: "broken both ways in one phase",
      clause: ALLY,
      facts: () => play(spring("FRA A bur", "GER A ruh"), "FRA A bur - mun", "GER A ruh - bur"),
      breaches: [
        ["GER", ["FRA"], "Germany ordered A Ruhr - Burgundy, into a French-held province"],
        ["FRA", ["GER"], "France ordered A Burgundy - Munich, into a German centre"],
      ],
    },
  ]);
});

describe("demilitarised zone", () => {
  const DMZ: Clause = { kind: "demilitarised-zone", powers: ["GER", "FRA"], provinces: ["bur", "ruh"] };
  const spring = (...units: string[]): Position => position({ units });
  runCases([
    {
      name: "kept: nobody named enters",
      clause: DMZ,
      facts: () => play(spring("GER A mun", "FRA A par", "ITA A pie"), "GER A mun - tyr", "ITA A pie - mar"),
      breaches: [],
    },
    {
      name: "kept: a power not named may enter",
      clause: DMZ,
      facts: () => play(spring("ENG A bel"), "ENG A bel - bur"),
      breaches: [],
    },
    {
      name: "broken: a move into the zone, even one that fails",
      clause: DMZ,
      facts: () => play(spring("GER A mun", "FRA A par"), "GER A mun - bur", "FRA A par - bur"),
      breaches: [
        ["GER", ["FRA"], "Germany ordered A Munich - Burgundy, into the demilitarised zone"],
        ["FRA", ["GER"], "France ordered A Paris - Burgundy, into the demilitarised zone"],
      ],
    },
    {
      name: "broken: ending a movement phase in the zone",
      clause: DMZ,
      facts: () => play(spring("GER A ruh"), "GER A ruh H"),
      breaches: [["GER", ["FRA"], "Germany kept A Ruhr in the demilitarised zone"]],
    },
    {
      name: "broken: a retreat into the zone",
      clause: DMZ,
      facts: () =>
        playRetreat(
          spring("GER A mun", "AUS A tyr", "AUS A boh"),
          ["AUS A tyr - mun", "AUS A boh S A tyr - mun"],
          ["GER A mun R bur"],
        ),
      breaches: [["GER", ["FRA"], "Germany ordered A Munich R Burgundy, into the demilitarised zone"]],
    },
    {
      name: "kept: a unit already in the zone is not reported again in a retreat phase",
      clause: DMZ,
      facts: () =>
        playRetreat(
          spring("FRA A bur", "GER A mun", "AUS A tyr", "AUS A boh"),
          ["AUS A tyr - mun", "AUS A boh S A tyr - mun"],
          ["GER A mun R kie"],
        ),
      breaches: [],
    },
    {
      name: "broken: a build in the zone; with one power named, against every other party",
      clause: { kind: "demilitarised-zone", powers: ["GER"], provinces: ["kie"] },
      facts: () =>
        play(
          position({
            season: "winter",
            phase: "adjustment",
            units: ["GER A ber", "GER F hol"],
            centres: { hol: "GER" },
          }),
          "GER build F kie",
        ),
      breaches: [["GER", [], "Germany built F Kiel in the demilitarised zone"]],
    },
  ]);
});

describe("support pledge", () => {
  const PLEDGE: Clause = {
    kind: "support-pledge",
    power: "GER",
    beneficiary: "FRA",
    supporter: "ruh",
    supported: "bur",
    to: "bel",
    when: { year: 1901, season: "spring" },
  };
  const board = (season: "spring" | "fall" = "spring"): Position =>
    position({ season, units: ["GER A ruh", "FRA A bur"] });
  const broken =
    "Germany did not support the French unit in Burgundy into Belgium with its unit in Ruhr, as pledged for spring 1901";
  runCases([
    {
      name: "kept: the support is ordered",
      clause: PLEDGE,
      facts: () => play(board(), "GER A ruh S A bur - bel", "FRA A bur - bel"),
      breaches: [],
    },
    {
      name: "kept: the support is ordered though the supported unit does not move",
      clause: PLEDGE,
      facts: () => play(board(), "GER A ruh S A bur - bel"),
      breaches: [],
    },
    {
      name: "broken: no order",
      clause: PLEDGE,
      facts: () => play(board()),
      breaches: [["GER", ["FRA"], broken]],
    },
    {
      name: "broken: a support to hold instead",
      clause: PLEDGE,
      facts: () => play(board(), "GER A ruh S A bur"),
      breaches: [["GER", ["FRA"], broken]],
    },
    {
      name: "kept: another season is not judged",
      clause: PLEDGE,
      facts: () => play(board("fall")),
      breaches: [],
    },
    {
      name: "kept: a support to hold",
      clause: { ...PLEDGE, to: null, supporter: "mun" },
      facts: () => play(position({ units: ["GER A mun", "FRA A bur"] }), "GER A mun S A bur"),
      breaches: [],
    },
    {
      name: "kept: coasts do not matter",
      clause: {
        kind: "support-pledge",
        power: "FRA",
        beneficiary: "ENG",
        supporter: "gas",
        supported: "mao",
        to: "spa",
        when: { year: 1902, season: "fall" },
      },
      facts: () =>
        play(
          position({ year: 1902, season: "fall", units: ["FRA A gas", "ENG F mao"] }),
          "FRA A gas S F mao - spa",
          "ENG F mao - spa/nc",
        ),
      breaches: [],
    },
  ]);
});

describe("no build", () => {
  const winter = (): Position =>
    position({
      season: "winter",
      phase: "adjustment",
      units: ["GER A ber", "GER F hol"],
      centres: { hol: "GER" },
    });
  const noBuild = (centers: string[], fleetsOnly: boolean): Clause => ({
    kind: "no-build",
    power: "GER",
    centers,
    fleetsOnly,
  });
  runCases([
    {
      name: "kept: a build elsewhere",
      clause: noBuild(["kie"], false),
      facts: () => play(winter(), "GER build A mun"),
      breaches: [],
    },
    {
      name: "broken: a build in a stated centre, against every other party",
      clause: noBuild(["kie"], false),
      facts: () => play(winter(), "GER build A kie", "GER build A mun"),
      breaches: [["GER", [], "Germany built A Kiel"]],
    },
    {
      name: "kept: an army when only fleets are barred",
      clause: noBuild(["kie"], true),
      facts: () => play(winter(), "GER build A kie"),
      breaches: [],
    },
    {
      name: "broken: a fleet when fleets are barred",
      clause: noBuild([], true),
      facts: () => play(winter(), "GER build F kie"),
      breaches: [["GER", [], "Germany built F Kiel"]],
    },
    {
      name: "broken: any build when no centre is stated",
      clause: noBuild([], false),
      facts: () => play(winter(), "GER build A kie", "GER build A mun"),
      breaches: [
        ["GER", [], "Germany built A Kiel"],
        ["GER", [], "Germany built A Munich"],
      ],
    },
    {
      name: "kept: waiving",
      clause: noBuild([], false),
      facts: () => play(winter(), "GER waive", "GER waive"),
      breaches: [],
    },
  ]);
});

describe("cede", () => {
  const CEDE: Clause = {
    kind: "cede",
    power: "GER",
    to: "ENG",
    province: "hol",
    by: { year: 1901, season: "fall" },
  };
  const board = (season: "spring" | "fall", ...units: string[]): Position =>
    position({ season, units, centres: { hol: "GER" } });
  runCases([
    {
      name: "kept: leaving in spring while England moves in",
      clause: CEDE,
      facts: () => play(board("spring", "GER F hol", "ENG F nth"), "GER F hol - hel", "ENG F nth - hol"),
      breaches: [],
    },
    {
      name: "kept: supporting England into it",
      clause: CEDE,
      facts: () =>
        play(board("spring", "GER A ruh", "ENG F nth"), "GER A ruh S F nth - hol", "ENG F nth - hol"),
      breaches: [],
    },
    {
      name: "kept: still there in spring, before the deadline",
      clause: CEDE,
      facts: () => play(board("spring", "GER F hol")),
      breaches: [],
    },
    {
      name: "broken: a move into it",
      clause: CEDE,
      facts: () => play(board("spring", "GER A ruh"), "GER A ruh - hol"),
      breaches: [["GER", ["ENG"], "Germany ordered A Ruhr - Holland, contesting Holland, which it ceded"]],
    },
    {
      name: "broken: supporting a third power into it",
      clause: CEDE,
      facts: () =>
        play(board("spring", "GER A ruh", "FRA A bel"), "GER A ruh S A bel - hol", "FRA A bel - hol"),
      breaches: [
        ["GER", ["ENG"], "Germany ordered A Ruhr S A Belgium - Holland, contesting Holland, which it ceded"],
      ],
    },
    {
      name: "broken: still there when the stated season ends",
      clause: CEDE,
      facts: () => play(board("fall", "GER F hol")),
      breaches: [["GER", ["ENG"], "Germany still had F Holland at the end of fall 1901"]],
    },
    {
      name: "kept: the fall movement phase does not end the season when retreats follow",
      clause: CEDE,
      facts: () =>
        play(
          board("fall", "GER F hol", "FRA A bur", "AUS A mun", "AUS A ruh"),
          "AUS A mun - bur",
          "AUS A ruh S A mun - bur",
        ),
      breaches: [],
    },
    {
      name: "broken: still there after the fall retreats",
      clause: CEDE,
      facts: () =>
        playRetreat(
          board("fall", "GER F hol", "FRA A bur", "AUS A mun", "AUS A ruh"),
          ["AUS A mun - bur", "AUS A ruh S A mun - bur"],
          ["FRA A bur R par"],
        ),
      breaches: [["GER", ["ENG"], "Germany still had F Holland at the end of fall 1901"]],
    },
    {
      name: "broken: a build in a ceded home centre",
      clause: { ...CEDE, province: "kie" },
      facts: () =>
        play(
          position({
            season: "winter",
            phase: "adjustment",
            units: ["GER A ber", "GER F hol"],
            centres: { hol: "GER" },
          }),
          "GER build F kie",
        ),
      breaches: [["GER", ["ENG"], "Germany built F Kiel, in Kiel, which it ceded"]],
    },
  ]);
});

describe("text", () => {
  it("is never judged and costs nothing", () => {
    const clause: Clause = { kind: "text", text: "I will not share your plans with France." };
    expect(isVerifiable(clause)).toBe(false);
    expect(checkClause(clause, play(position({ units: ["GER A mun"] }), "GER A mun - bur"))).toEqual([]);
    expect(clauseProtects(clause)).toEqual([]);
  });
});

describe("wording", () => {
  const cases: readonly (readonly [Clause, string])[] = [
    [{ kind: "text", text: "  We split the Balkans next year.  " }, "We split the Balkans next year."],
    [
      NA,
      "Germany will not attack France: no moves into French units or centres, and no support or convoy for such moves.",
    ],
    [
      { kind: "demilitarised-zone", powers: ["GER", "FRA"], provinces: ["bur", "ruh", "bel"] },
      "Germany and France keep Burgundy, Ruhr and Belgium demilitarised: they order no moves into them and end no phase with a unit there.",
    ],
    [
      { kind: "demilitarised-zone", powers: ["ITA"], provinces: ["tyr"] },
      "Italy keeps Tyrolia demilitarised: it orders no moves into it and ends no phase with a unit there.",
    ],
    [
      {
        kind: "support-pledge",
        power: "GER",
        beneficiary: "FRA",
        supporter: "ruh",
        supported: "bur",
        to: "bel",
        when: { year: 1902, season: "spring" },
      },
      "In spring 1902, Germany will support the French unit in Burgundy into Belgium with its unit in Ruhr.",
    ],
    [
      {
        kind: "support-pledge",
        power: "RUS",
        beneficiary: "TUR",
        supporter: "sev",
        supported: "arm",
        to: null,
        when: { year: 1903, season: "fall" },
      },
      "In fall 1903, Russia will support the Turkish unit in Armenia to hold with its unit in Sevastopol.",
    ],
    [
      { kind: "no-build", power: "RUS", centers: ["stp"], fleetsOnly: true },
      "Russia will build no fleets in St Petersburg.",
    ],
    [
      { kind: "no-build", power: "GER", centers: ["kie", "ber"], fleetsOnly: false },
      "Germany will build no units in Kiel or Berlin.",
    ],
    [{ kind: "no-build", power: "GER", centers: [], fleetsOnly: false }, "Germany will build no units."],
    [
      { kind: "cede", power: "GER", to: "ENG", province: "hol", by: { year: 1902, season: "fall" } },
      "Germany will leave Holland by the end of fall 1902 and not contest England's move into it: no moves into Holland, and no support or convoy for moves into it but England's.",
    ],
    [
      { kind: "alliance", powers: ["AUS", "ITA"] },
      "Austria and Italy are allies: no Austrian moves into Italian units or centres, no Italian moves into Austrian ones, and neither supports or convoys a third power's move there.",
    ],
  ];
  it.each(cases)("describes %o", (clause, wording) => {
    expect(describeClause(clause, map)).toBe(wording);
  });
});

describe("validation at proposal", () => {
  const parties = ["GER", "FRA"];
  const pledge = {
    kind: "support-pledge",
    power: "GER",
    beneficiary: "FRA",
    supporter: "ruh",
    supported: "bur",
    to: "bel",
    when: { year: 1902, season: "spring" },
  } as const;
  const cases: readonly (readonly [string, Clause, string | null])[] = [
    ["sound text", { kind: "text", text: "No spying." }, null],
    ["blank text", { kind: "text", text: "   " }, "A text clause needs some text."],
    ["sound non-aggression", NA, null],
    [
      "non-aggression to itself",
      { kind: "non-aggression", from: "GER", to: "GER" },
      "A power cannot promise non-aggression to itself.",
    ],
    [
      "unknown power",
      { kind: "non-aggression", from: "GER", to: "XYZ" },
      'There is no power "XYZ" on this map.',
    ],
    [
      "power not a party",
      { kind: "non-aggression", from: "GER", to: "ENG" },
      "England is not a party to this commitment.",
    ],
    ["sound zone", { kind: "demilitarised-zone", powers: ["GER", "FRA"], provinces: ["bur"] }, null],
    [
      "zone without powers",
      { kind: "demilitarised-zone", powers: [], provinces: ["bur"] },
      "A demilitarised zone needs at least one power to keep it.",
    ],
    [
      "zone without provinces",
      { kind: "demilitarised-zone", powers: ["GER"], provinces: [] },
      "A demilitarised zone needs at least one province.",
    ],
    [
      "zone with an unknown province",
      { kind: "demilitarised-zone", powers: ["GER"], provinces: ["bur", "xyz"] },
      'There is no province "xyz" on this map.',
    ],
    [
      "zone naming a province twice",
      { kind: "demilitarised-zone", powers: ["GER"], provinces: ["bur", "bur"] },
      'Province "bur" is named twice.',
    ],
    ["sound pledge", pledge, null],
    ["pledge to support itself", { ...pledge, supporter: "bur" }, "A unit cannot support itself."],
    [
      "pledge in winter",
      { ...pledge, when: { year: 1902, season: "winter" } },
      "A support is ordered in spring or fall, not in winter.",
    ],
    [
      "pledge into the supporter's own province",
      { ...pledge, to: "ruh" },
      "A unit cannot support a move into its own province.",
    ],
    ["pledge to oneself", { ...pledge, beneficiary: "GER" }, "A support pledge is made to another power."],
    [
      "pledge before the game",
      { ...pledge, when: { year: 1850, season: "fall" } },
      "The game starts in 1901.",
    ],
    ["sound no-build", { kind: "no-build", power: "GER", centers: ["kie"], fleetsOnly: true }, null],
    [
      "no-build in a non-centre",
      { kind: "no-build", power: "GER", centers: ["ruh"], fleetsOnly: false },
      "Ruhr is not a supply centre.",
    ],
    [
      "sound cede",
      { kind: "cede", power: "GER", to: "FRA", province: "bel", by: { year: 1902, season: "fall" } },
      null,
    ],
    [
      "cede of an unknown province",
      { kind: "cede", power: "GER", to: "FRA", province: "atl", by: { year: 1902, season: "fall" } },
      'There is no province "atl" on this map.',
    ],
    [
      "cede to itself",
      { kind: "cede", power: "FRA", to: "FRA", province: "bel", by: { year: 1902, season: "fall" } },
      "A power cannot cede a province to itself.",
    ],
    ["sound alliance", { kind: "alliance", powers: ["FRA", "GER"] }, null],
    [
      "alliance with itself",
      { kind: "alliance", powers: ["FRA", "FRA"] },
      "An alliance is between two different powers.",
    ],
    [
      "alliance with a non-party",
      { kind: "alliance", powers: ["FRA", "ITA"] },
      "Italy is not a party to this commitment.",
    ],
  ];
  it.each(cases)("%s", (_name, clause, message) => {
    expect(validateClause(clause, map, parties)).toBe(message);
  });
});

describe("payload schema", () => {
  const sound: readonly Clause[] = [
    { kind: "text", text: "x".repeat(500) },
    NA,
    { kind: "demilitarised-zone", powers: ["GER"], provinces: ["bur"] },
    {
      kind: "support-pledge",
      power: "GER",
      beneficiary: "FRA",
      supporter: "ruh",
      supported: "bur",
      to: null,
      when: { year: 1902, season: "fall" },
    },
    { kind: "no-build", power: "GER", centers: [], fleetsOnly: false },
    { kind: "cede", power: "GER", to: "FRA", province: "bel", by: { year: 1902, season: "fall" } },
    { kind: "alliance", powers: ["FRA", "GER"] },
  ];
  it.each(sound)("accepts %o unchanged", (clause) => {
    expect(clauseSchema.parse(clause)).toEqual(clause);
    expect(CLAUSES[clause.kind].schema.safeParse(clause).success).toBe(true);
  });

  const rejected: readonly (readonly [string, unknown])[] = [
    ["an unknown kind", { kind: "tribute", power: "GER" }],
    ["no kind", { from: "GER", to: "FRA" }],
    ["not an object", "non-aggression"],
    ["text over 500 characters", { kind: "text", text: "x".repeat(501) }],
    ["empty text", { kind: "text", text: "" }],
    ["text that is not a string", { kind: "text", text: 42 }],
    ["a power id in lower case", { kind: "non-aggression", from: "ger", to: "FRA" }],
    ["a power id that is a number", { kind: "non-aggression", from: 3, to: "FRA" }],
    ["an unknown field", { kind: "non-aggression", from: "GER", to: "FRA", until: 1905 }],
    ["a province id in upper case", { kind: "demilitarised-zone", powers: ["GER"], provinces: ["BUR"] }],
    [
      "a province with a coast",
      { kind: "cede", power: "GER", to: "FRA", province: "spa/nc", by: { year: 1902, season: "fall" } },
    ],
    ["provinces not a list", { kind: "demilitarised-zone", powers: ["GER"], provinces: "bur" }],
    [
      "a season that does not exist",
      { kind: "cede", power: "GER", to: "FRA", province: "bel", by: { year: 1902, season: "summer" } },
    ],
    [
      "a fractional year",
      { kind: "cede", power: "GER", to: "FRA", province: "bel", by: { year: 1902.5, season: "fall" } },
    ],
    [
      "a missing field",
      {
        kind: "support-pledge",
        power: "GER",
        beneficiary: "FRA",
        supporter: "ruh",
        supported: "bur",
        when: { year: 1902, season: "fall" },
      },
    ],
    ["fleetsOnly not a boolean", { kind: "no-build", power: "GER", centers: [], fleetsOnly: "yes" }],
    ["an alliance of three", { kind: "alliance", powers: ["FRA", "GER", "ENG"] }],
    ["an alliance of one", { kind: "alliance", powers: ["FRA"] }],
  ];
  it.each(rejected)("rejects %s", (_name, payload) => {
    expect(clauseSchema.safeParse(payload).success).toBe(false);
  });
});

describe("the registry", () => {
  it("has one module per kind, keyed by its kind, and only text is unverifiable", () => {
    expect(CLAUSE_KINDS).toEqual([
      "text",
      "non-aggression",
      "demilitarised-zone",
      "support-pledge",
      "no-build",
      "cede",
      "alliance",
    ]);
    for (const kind of CLAUSE_KINDS) {
      expect(CLAUSES[kind].kind).toBe(kind);
      expect(CLAUSES[kind].verifiable).toBe(kind !== "text");
    }
  });

  it("says whom each clause protects", () => {
    expect(clauseProtects(NA)).toEqual(["FRA"]);
    expect(clauseProtects({ kind: "alliance", powers: ["FRA", "GER"] })).toEqual(["FRA", "GER"]);
    expect(
      clauseProtects({ kind: "demilitarised-zone", powers: ["GER", "FRA"], provinces: ["bur"] }),
    ).toEqual(["GER", "FRA"]);
    expect(clauseProtects({ kind: "demilitarised-zone", powers: ["GER"], provinces: ["bur"] })).toEqual([]);
    expect(clauseProtects({ kind: "no-build", power: "GER", centers: [], fleetsOnly: false })).toEqual([]);
    expect(
      clauseProtects({
        kind: "cede",
        power: "GER",
        to: "FRA",
        province: "bel",
        by: { year: 1902, season: "fall" },
      }),
    ).toEqual(["FRA"]);
  });
});

describe("over random games", () => {
  const pairs = ALL.flatMap((a) => ALL.filter((b) => b !== a).map((b) => [a, b] as const));
  it.each([1, 2, 3])("seed %i: alliances are two non-aggressions, and breakers are named powers", (seed) => {
    const game = playRandomGame(map, seed, { maxYears: 4 });
    game.phases.forEach((played, i) => {
      const facts = phaseFacts(map, game.positions[i]!, {
        resolved: played.resolved,
        next: game.positions[i + 1]!,
      });
      for (const [a, b] of pairs) {
        const ab = checkClause({ kind: "non-aggression", from: a, to: b }, facts);
        const ba = checkClause({ kind: "non-aggression", from: b, to: a }, facts);
        if (a < b) expect(checkClause({ kind: "alliance", powers: [a, b] }, facts)).toEqual([...ab, ...ba]);
        if (facts.phase.phase !== "movement") expect(ab).toEqual([]);
        for (const breach of ab) expect(breach).toMatchObject({ by: a, against: [b] });
      }
      const zone = checkClause(
        { kind: "demilitarised-zone", powers: ALL, provinces: map.supplyCenters },
        facts,
      );
      for (const breach of zone) expect(ALL).toContain(breach.by);
      for (const power of ALL) {
        const built = checkClause({ kind: "no-build", power, centers: [], fleetsOnly: false }, facts);
        expect(built.length).toBe(
          played.resolved.phase === "adjustment"
            ? played.resolved.resolution.built.filter((u) => u.power === power).length
            : 0,
        );
      }
    });
  });
});
