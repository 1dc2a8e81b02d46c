/**
 * The trust rules as short stories on real boards: every row of the reputation table (surprise,
 * announced, retaliation, honoured to the end, a quiet year, leaks), notices and their timing,
 * hostile acts against allies, a breach and a keeping of every verifiable clause, secret
 * commitments, verification capacity, miscommunication, the three ways a game ends and the three
 * scoring systems, press modes, and the presets side by side. Each story is played through
 * `applyAction` and `resolveMatchPhase`, and each step checks the paper and the exact numbers.
 */
import { describe, expect, it } from "vitest";
import type { PowerId, ProvinceId } from "../../shared/src/map/types";
import type { Action, MatchState } from "../../shared/src/match/types";
import type { Clause, SeasonRef } from "../../shared/src/trust/types";
import { latestEvents, playScenario, type Scenario } from "./scenario-harness";

// ---------------------------------------------------------------------------------------------
// Words for the stories

const spring = (year: number): SeasonRef => ({ year, season: "spring" });
const fall = (year: number): SeasonRef => ({ year, season: "fall" });
const winter = (year: number): SeasonRef => ({ year, season: "winter" });

const nonAggression = (from: PowerId, to: PowerId): Clause => ({ kind: "non-aggression", from, to });
const dmz = (powers: PowerId[], provinces: ProvinceId[]): Clause => ({
  kind: "demilitarised-zone",
  powers,
  provinces,
});
const pledge = (
  power: PowerId,
  beneficiary: PowerId,
  supporter: ProvinceId,
  supported: ProvinceId,
  to: ProvinceId | null,
  when: SeasonRef,
): Clause => ({ kind: "support-pledge", power, beneficiary, supporter, supported, to, when });
const noBuild = (power: PowerId, centers: ProvinceId[], fleetsOnly: boolean): Clause => ({
  kind: "no-build",
  power,
  centers,
  fleetsOnly,
});
const cede = (power: PowerId, to: PowerId, province: ProvinceId, by: SeasonRef): Clause => ({
  kind: "cede",
  power,
  to,
  province,
  by,
});
const alliance = (a: PowerId, b: PowerId): Clause => ({ kind: "alliance", powers: [a, b] });
const text = (words: string): Clause => ({ kind: "text", text: words });

const propose = (
  parties: PowerId[],
  clauses: Clause[],
  until: SeasonRef | null = null,
  visibility: "public" | "secret" = "public",
): Action => ({ type: "propose", parties, clauses, until, visibility });
const accept = (commitmentId: string): Action => ({ type: "accept", commitmentId });
const notice = (commitmentId: string): Action => ({ type: "notice", commitmentId });
const message = (to: PowerId[], words: string): Action => ({ type: "message", to, text: words });
const leak = (messageId: string): Action => ({ type: "leak", messageId });
const communique = (words: string): Action => ({ type: "communique", text: words });
const drawVote = (vote: boolean): Action => ({ type: "draw-vote", vote });

const CLASSIC: readonly PowerId[] = ["AUS", "ENG", "FRA", "GER", "ITA", "RUS", "TUR"];
const everyone = (value: number): Record<PowerId, number> =>
  Object.fromEntries(CLASSIC.map((p) => [p, value]));

/** Printed events naming a commitment id anywhere. */
function mentions(state: MatchState, id: string): boolean {
  return state.editions.some((e) => e.articles.some((a) => JSON.stringify(a.event).includes(`"${id}"`)));
}

/** Spring 1901: England and France sign a public non-aggression pact both ways; England's fleet takes the Channel and France's fleet leaves Brest for the Atlantic. */
const pactAndOpening = {
  at: "spring 1901 movement",
  actions: {
    ENG: [propose(["FRA"], [nonAggression("ENG", "FRA"), nonAggression("FRA", "ENG")])],
    FRA: [accept("c1")],
  },
  orders: { ENG: ["F lon - eng"], FRA: ["F bre - mao"] },
  events: [{ type: "commitment-signed", commitmentId: "c1" }],
  defections: [],
  reputation: { ENG: 50, FRA: 50 },
} as const;

// ---------------------------------------------------------------------------------------------
// The reputation table

const TABLE: Scenario[] = [
  {
    name: "surprise defection",
    story:
      "England and France sign a public non-aggression pact; in the fall England sails into the empty " +
      "port of Brest without notice. France learns of it from the papers.",
    steps: [
      pactAndOpening,
      {
        at: "fall 1901 movement",
        orders: { ENG: ["F eng - bre"] },
        defections: [["ENG", "FRA", "surprise"]],
        events: [
          { type: "center-captured", center: "bre", from: "FRA", to: "ENG" },
          { type: "reputation", power: "ENG", delta: -15, reason: "surprise-defection" },
          { type: "prestige", power: "FRA", delta: -5, reason: "surprise-victim" },
        ],
        reputation: { ENG: 35, FRA: 50 },
        prestige: { ENG: 50, FRA: 45 },
        status: { c1: "broken" },
      },
      {
        at: "winter 1901 adjustment",
        // The year closes: everyone without a reported defection in 1901 gains 2, England not.
        defections: [],
        reputation: { ...everyone(52), ENG: 35 },
        prestige: { ENG: 50, FRA: 45 },
      },
    ],
  },
  {
    name: "surprise defection that bounces",
    story:
      "England and France sign a public non-aggression pact; in the fall England's fleet attacks Brest " +
      "while the French fleet holds there. The attack bounces, but the order was given: a surprise.",
    steps: [
      { ...pactAndOpening, orders: { ENG: ["F lon - eng"] } },
      {
        at: "fall 1901 movement",
        orders: { ENG: ["F eng - bre"], FRA: ["F bre H"] },
        defections: [["ENG", "FRA", "surprise"]],
        absent: [{ type: "center-captured" }],
        // No centre changed hands, so spring 1902 follows and the year closes now.
        reputation: { ...everyone(52), ENG: 35 },
        prestige: { FRA: 45 },
        check: (s) => expect(s.position.units).toContainEqual({ power: "FRA", type: "F", location: "bre" }),
      },
    ],
  },
  {
    name: "announced defection",
    story:
      "England and France sign a public non-aggression pact; in the fall England gives France notice " +
      "and sails into Brest in the same phase. An announced defection: France heard it from England.",
    steps: [
      pactAndOpening,
      {
        at: "fall 1901 movement",
        actions: { ENG: [notice("c1")] },
        orders: { ENG: ["F eng - bre"] },
        defections: [["ENG", "FRA", "announced"]],
        events: [
          { type: "commitment-renounced", commitmentId: "c1", by: "ENG" },
          { type: "reputation", power: "ENG", delta: -5, reason: "announced-defection" },
        ],
        absent: [{ type: "prestige" }],
        reputation: { ENG: 45, FRA: 50 },
        prestige: { FRA: 50 },
        status: { c1: "renounced" },
      },
    ],
  },
  {
    name: "retaliation",
    story:
      "France pledges its Brest fleet to support England into the Channel, and the two also sign " +
      "English non-aggression towards France. In spring France sails off instead (a surprise); in " +
      "the fall England takes Brest: retaliation, reported but not penalised.",
    steps: [
      {
        actions: {
          ENG: [
            propose(["FRA"], [pledge("FRA", "ENG", "bre", "lon", "eng", spring(1901))]),
            propose(["FRA"], [nonAggression("ENG", "FRA")]),
          ],
          FRA: [accept("c1"), accept("c2")],
        },
        orders: { ENG: ["F lon - eng"], FRA: ["F bre - mao"] },
        defections: [["FRA", "ENG", "surprise"]],
        reputation: { FRA: 35, ENG: 50 },
        prestige: { ENG: 45, FRA: 50 },
        status: { c1: "broken", c2: "active" },
      },
      {
        at: "fall 1901 movement",
        orders: { ENG: ["F eng - bre"] },
        defections: [["ENG", "FRA", "retaliation"]],
        absent: [{ type: "reputation", power: "ENG" }, { type: "prestige" }],
        reputation: { FRA: 35, ENG: 50 },
        prestige: { ENG: 45, FRA: 50 },
        status: { c2: "broken" },
      },
      {
        at: "winter 1901 adjustment",
        // Both defected in 1901 (a retaliation is still a defection): neither gains for the year.
        reputation: { ...everyone(52), ENG: 50, FRA: 35 },
      },
    ],
  },
  {
    name: "honoured to its end",
    story:
      "England and France sign a public non-aggression pact both ways until spring 1901, and keep it. " +
      "At the end of spring it runs out: the paper reports it honoured, +3 to each party.",
    steps: [
      {
        actions: {
          ENG: [propose(["FRA"], [nonAggression("ENG", "FRA"), nonAggression("FRA", "ENG")], spring(1901))],
          FRA: [accept("c1")],
        },
        orders: { ENG: ["F lon - eng"], FRA: ["F bre - mao"] },
        events: [
          { type: "commitment-signed", commitmentId: "c1" },
          { type: "commitment-honoured", commitmentId: "c1", parties: ["ENG", "FRA"] },
          { type: "reputation", power: "ENG", delta: 3, reason: "honoured-to-end" },
        ],
        reputation: { ENG: 53, FRA: 53, GER: 50 },
        status: { c1: "expired" },
      },
      {
        at: "fall 1901 movement",
        reputation: { ...everyone(52), ENG: 55, FRA: 55 },
      },
    ],
  },
  {
    name: "a quiet year",
    story: "Nobody moves in 1901. When the year closes every power gains 2 reputation.",
    steps: [
      { reputation: everyone(50), defections: [] },
      {
        at: "fall 1901 movement",
        events: [{ type: "reputation", power: "TUR", delta: 2, value: 52, reason: "year-without-defection" }],
        reputation: everyone(52),
        prestige: everyone(50),
      },
    ],
  },
  {
    name: "a leak",
    story:
      "France writes privately to England that its fleet will stay in Brest; England leaks the note " +
      "to the press. The paper prints it with proof of its sender, and England's discretion costs 3.",
    steps: [
      {
        actions: { FRA: [message(["ENG"], "My fleet stays in Brest.")], ENG: [leak("m1")] },
        events: [
          {
            type: "leak",
            messageId: "m1",
            leaker: "ENG",
            sender: "FRA",
            text: "My fleet stays in Brest.",
            exposesBrokenPromise: false,
          },
          { type: "reputation", power: "ENG", delta: -3, reason: "leak" },
        ],
        reputation: { ENG: 47, FRA: 50 },
      },
    ],
  },
  {
    name: "a leak that exposes a broken promise",
    story:
      "France pledges support and writes to England to promise it, then sails off (a surprise). In the " +
      "fall England leaks the promise — free, since it shows a broken word — and France's later " +
      "apology too, which costs 3: the apology was written after the defection.",
    steps: [
      {
        actions: {
          ENG: [propose(["FRA"], [pledge("FRA", "ENG", "bre", "lon", "eng", spring(1901))])],
          FRA: [accept("c1"), message(["ENG"], "My fleet in Brest will support you into the Channel.")],
        },
        orders: { ENG: ["F lon - eng"], FRA: ["F bre - mao"] },
        defections: [["FRA", "ENG", "surprise"]],
        reputation: { FRA: 35, ENG: 50 },
        prestige: { ENG: 45 },
      },
      {
        at: "fall 1901 movement",
        actions: { FRA: [message(["ENG"], "Sorry about the Channel.")], ENG: [leak("m2"), leak("m3")] },
        events: [
          { type: "leak", messageId: "m2", sender: "FRA", exposesBrokenPromise: true },
          { type: "leak", messageId: "m3", sender: "FRA", exposesBrokenPromise: false },
        ],
        // England: +2 for the quiet year, 0 for the first leak, -3 for the second.
        reputation: { ENG: 49, FRA: 35 },
      },
    ],
  },
  {
    name: "a leak in the very phase of the breach",
    story:
      "France promises support in a private note and breaks the pledge; England leaks the note in " +
      "that same phase. The breach found in the phase counts: the leak is free.",
    steps: [
      {
        actions: {
          ENG: [propose(["FRA"], [pledge("FRA", "ENG", "bre", "lon", "eng", spring(1901))])],
          FRA: [accept("c1"), message(["ENG"], "You have my support.")],
        },
        resolve: false,
      },
      {
        actions: { ENG: [leak("m2")] },
        orders: { ENG: ["F lon - eng"], FRA: ["F bre H"] },
        defections: [["FRA", "ENG", "surprise"]],
        events: [{ type: "leak", messageId: "m2", exposesBrokenPromise: true }],
        absent: [{ type: "reputation", power: "ENG" }],
        reputation: { ENG: 50, FRA: 35 },
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Notices, hostile acts, one defection per pair

const NOTICES_AND_ACTS: Scenario[] = [
  {
    name: "notice in one phase, attack in the next",
    story:
      "England and France sign a public non-aggression pact. In fall 1901 England gives notice and " +
      "the paper prints the renunciation; in spring 1902 England sails into Brest: no defection.",
    steps: [
      pactAndOpening,
      {
        at: "fall 1901 movement",
        actions: { ENG: [notice("c1")] },
        events: [{ type: "commitment-renounced", commitmentId: "c1", by: "ENG", parties: ["ENG", "FRA"] }],
        defections: [],
        reputation: { ENG: 52, FRA: 52 },
        status: { c1: "renounced" },
      },
      {
        at: "spring 1902 movement",
        orders: { ENG: ["F eng - bre"] },
        defections: [],
        reputation: { ENG: 52, FRA: 52 },
        prestige: { FRA: 50 },
        check: (s) => expect(s.position.units).toContainEqual({ power: "ENG", type: "F", location: "bre" }),
      },
    ],
  },
  {
    name: "hostile act by support",
    story:
      "Germany and France declare friendship in free text only. Germany moves to Burgundy and Italy " +
      "to Piedmont; in the fall Germany supports Italy's attack on Marseilles, which dislodges the " +
      "French army: a hostile act against an ally, a surprise.",
    steps: [
      {
        actions: { GER: [propose(["FRA"], [text("Germany and France are friends.")])], FRA: [accept("c1")] },
        orders: { GER: ["A mun - bur"], ITA: ["A ven - pie"] },
        defections: [],
      },
      {
        at: "fall 1901 movement",
        orders: { GER: ["A bur S A pie - mar"], ITA: ["A pie - mar"] },
        defections: [["GER", "FRA", "surprise"]],
        events: [
          {
            type: "defection",
            by: "GER",
            acts: [expect.objectContaining({ cause: "hostile-act", commitmentId: "c1", clauseIndex: null })],
          },
          { type: "dislodgement", unit: { power: "FRA", type: "A", location: "mar" } },
        ],
        reputation: { GER: 35, ITA: 50 },
        prestige: { FRA: 45 },
        status: { c1: "broken" },
      },
    ],
  },
  {
    name: "hostile act by convoy",
    story:
      "England and France are friends (free text). England's fleet in the Channel convoys a German " +
      "army from Wales into French-held Brest. The attack bounces; the convoy is a hostile act.",
    powers: ["ENG", "FRA", "GER"],
    start: {
      units: ["ENG F eng", "GER A wal", "FRA A bre"],
      supplyCenters: { ENG: ["lon"], FRA: ["bre"], GER: ["mun"] },
    },
    steps: [
      {
        actions: { ENG: [propose(["FRA"], [text("Friends forever.")])], FRA: [accept("c1")] },
        orders: { ENG: ["F eng C A wal - bre"], GER: ["A wal - bre via convoy"] },
        defections: [["ENG", "FRA", "surprise"]],
        events: [
          {
            type: "defection",
            by: "ENG",
            acts: [
              expect.objectContaining({
                cause: "hostile-act",
                description: expect.stringContaining(" C ") as unknown,
              }),
            ],
          },
        ],
        reputation: { ENG: 35, GER: 50 },
        prestige: { FRA: 45 },
      },
    ],
  },
  {
    name: "one defection per pair and phase",
    story:
      "Under a public non-aggression pact England attacks Brest from the Atlantic with the Channel " +
      "fleet's support. Two acts, one defection, one penalty.",
    powers: ["ENG", "FRA"],
    start: {
      units: ["ENG F eng", "ENG F mao", "FRA F bre"],
      supplyCenters: { ENG: ["lon"], FRA: ["bre"] },
    },
    steps: [
      {
        actions: { ENG: [propose(["FRA"], [nonAggression("ENG", "FRA")])], FRA: [accept("c1")] },
        orders: { ENG: ["F mao - bre", "F eng S F mao - bre"] },
        defections: [["ENG", "FRA", "surprise"]],
        reputation: { ENG: 35 },
        prestige: { FRA: 45 },
        check: (s) => {
          const d = latestEvents(s).find((e) => e.type === "defection");
          expect(d?.type === "defection" ? d.acts.length : 0).toBe(2);
        },
      },
    ],
  },
  {
    name: "a stab ends every tie",
    story:
      "England and France have two pacts: English non-aggression (c1) and a free-text friendship " +
      "(c2). England takes Brest without notice. The stab is a hostile act against an ally, so it " +
      "should end every tie between them, as it does when the friendship stands alone.",
    // Regression (found by this suite): a covering non-aggression breach used to end c1 only.
    steps: [
      {
        actions: {
          ENG: [propose(["FRA"], [nonAggression("ENG", "FRA")]), propose(["FRA"], [text("Friends.")])],
          FRA: [accept("c1"), accept("c2")],
        },
        orders: { ENG: ["F lon - eng"], FRA: ["F bre - mao"] },
      },
      {
        orders: { ENG: ["F eng - bre"] },
        defections: [["ENG", "FRA", "surprise"]],
        status: { c1: "broken", c2: "broken" },
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Each verifiable clause, broken and kept

const CLAUSES: Scenario[] = [
  {
    name: "demilitarised zone: moving in",
    story: "England and France agree to keep the Channel empty; England sails into it in spring.",
    steps: [
      {
        actions: { ENG: [propose(["FRA"], [dmz(["ENG", "FRA"], ["eng"])])], FRA: [accept("c1")] },
        orders: { ENG: ["F lon - eng"] },
        defections: [["ENG", "FRA", "surprise"]],
        events: [{ type: "defection", acts: [expect.objectContaining({ cause: "breach", clauseIndex: 0 })] }],
        reputation: { ENG: 35 },
        prestige: { FRA: 45 },
        status: { c1: "broken" },
      },
    ],
  },
  {
    name: "demilitarised zone: ending a phase in it",
    story:
      "England's fleet already sits in the Channel when, in the fall, England and France agree to " +
      "demilitarise it. The fleet stays put: a breach at the end of the phase.",
    steps: [
      { orders: { ENG: ["F lon - eng"] } },
      {
        at: "fall 1901 movement",
        actions: { ENG: [propose(["FRA"], [dmz(["ENG", "FRA"], ["eng"])])], FRA: [accept("c1")] },
        defections: [["ENG", "FRA", "surprise"]],
        events: [
          {
            type: "defection",
            acts: [
              expect.objectContaining({
                description: expect.stringContaining("kept F English Channel") as unknown,
              }),
            ],
          },
        ],
        reputation: { ENG: 35, FRA: 52 },
      },
    ],
  },
  {
    name: "demilitarised zone: kept",
    story: "England and France keep the Channel empty through spring 1901, as agreed.",
    steps: [
      {
        actions: {
          ENG: [propose(["FRA"], [dmz(["ENG", "FRA"], ["eng"])], spring(1901))],
          FRA: [accept("c1")],
        },
        orders: { ENG: ["F lon - nth"], FRA: ["F bre - mao"] },
        defections: [],
        events: [{ type: "commitment-honoured", commitmentId: "c1" }],
        reputation: { ENG: 53, FRA: 53 },
      },
    ],
  },
  {
    name: "support pledge: not given",
    story: "France pledges its Brest fleet to support England into the Channel, then just holds.",
    steps: [
      {
        actions: {
          ENG: [propose(["FRA"], [pledge("FRA", "ENG", "bre", "lon", "eng", spring(1901))])],
          FRA: [accept("c1")],
        },
        orders: { ENG: ["F lon - eng"], FRA: ["F bre H"] },
        defections: [["FRA", "ENG", "surprise"]],
        reputation: { FRA: 35 },
        prestige: { ENG: 45 },
      },
    ],
  },
  {
    name: "support pledge: kept",
    story: "France pledges its Brest fleet to support England into the Channel, and does.",
    steps: [
      {
        actions: {
          ENG: [propose(["FRA"], [pledge("FRA", "ENG", "bre", "lon", "eng", spring(1901))], spring(1901))],
          FRA: [accept("c1")],
        },
        orders: { ENG: ["F lon - eng"], FRA: ["F bre S F lon - eng"] },
        defections: [],
        events: [{ type: "commitment-honoured", commitmentId: "c1" }],
        reputation: { ENG: 53, FRA: 53 },
      },
    ],
  },
  {
    name: "no build: broken",
    story:
      "England promises France to build nothing, takes Norway in the fall, and builds a fleet in " +
      "London in the winter.",
    steps: [
      {
        actions: { ENG: [propose(["FRA"], [noBuild("ENG", [], false)])], FRA: [accept("c1")] },
        orders: { ENG: ["F lon - nth"] },
      },
      { at: "fall 1901 movement", orders: { ENG: ["F nth - nwy"] }, defections: [] },
      {
        at: "winter 1901 adjustment",
        orders: { ENG: ["build F lon"] },
        defections: [["ENG", "FRA", "surprise"]],
        reputation: { ...everyone(52), ENG: 35 },
        prestige: { FRA: 45 },
        status: { c1: "broken" },
      },
    ],
  },
  {
    name: "no build: kept",
    story: "England promises France to build no fleets, takes Norway, and builds an army in London.",
    steps: [
      {
        actions: { ENG: [propose(["FRA"], [noBuild("ENG", [], true)])], FRA: [accept("c1")] },
        orders: { ENG: ["F lon - nth"] },
      },
      { at: "fall 1901 movement", orders: { ENG: ["F nth - nwy"] } },
      {
        at: "winter 1901 adjustment",
        orders: { ENG: ["build A lon"] },
        defections: [],
        reputation: everyone(52),
        status: { c1: "active" },
        check: (s) => expect(s.position.units).toContainEqual({ power: "ENG", type: "A", location: "lon" }),
      },
    ],
  },
  {
    name: "cede: not left by the deadline",
    story:
      "France's army stands in Burgundy when France agrees to cede it to Germany by the end of fall " +
      "1901. The army stays.",
    steps: [
      { orders: { FRA: ["A par - bur"] } },
      {
        at: "fall 1901 movement",
        actions: { FRA: [propose(["GER"], [cede("FRA", "GER", "bur", fall(1901))])], GER: [accept("c1")] },
        defections: [["FRA", "GER", "surprise"]],
        events: [
          {
            type: "defection",
            acts: [
              expect.objectContaining({
                description: expect.stringContaining("at the end of fall 1901") as unknown,
              }),
            ],
          },
        ],
        reputation: { FRA: 35, GER: 52 },
        prestige: { GER: 45 },
      },
    ],
  },
  {
    name: "cede: kept",
    story:
      "France cedes Burgundy to Germany by the end of fall 1901, in a pact that runs until spring " +
      "1902. France's army leaves for Picardy in the fall; Germany walks in the next spring.",
    steps: [
      { orders: { FRA: ["A par - bur"] } },
      {
        at: "fall 1901 movement",
        actions: {
          FRA: [propose(["GER"], [cede("FRA", "GER", "bur", fall(1901))], spring(1902))],
          GER: [accept("c1")],
        },
        orders: { FRA: ["A bur - pic"] },
        defections: [],
        reputation: { FRA: 52, GER: 52 },
      },
      {
        at: "spring 1902 movement",
        orders: { GER: ["A mun - bur"] },
        defections: [],
        events: [{ type: "commitment-honoured", commitmentId: "c1" }],
        reputation: { FRA: 55, GER: 55 },
        check: (s) => expect(s.position.units).toContainEqual({ power: "GER", type: "A", location: "bur" }),
      },
    ],
  },
  {
    name: "cede: the receiver walks in as the ceder walks out",
    story:
      "France cedes Burgundy to Germany by the end of fall 1901: in the fall France moves to Picardy " +
      "as Germany walks in, exactly as agreed. Nobody defected.",
    // Regression (found by this suite): the agreed move used to count as a hostile act.
    steps: [
      { orders: { FRA: ["A par - bur"] } },
      {
        at: "fall 1901 movement",
        actions: {
          FRA: [propose(["GER"], [cede("FRA", "GER", "bur", fall(1901))], fall(1901))],
          GER: [accept("c1")],
        },
        orders: { FRA: ["A bur - pic"], GER: ["A mun - bur"] },
        defections: [],
        events: [{ type: "commitment-honoured", commitmentId: "c1" }],
        reputation: { FRA: 55, GER: 55, ENG: 52 },
      },
    ],
  },
  {
    name: "alliance: supporting a third power into the ally's centre",
    story:
      "Germany and France sign an alliance. In the fall Germany supports Italy from Burgundy into " +
      "Marseilles.",
    steps: [
      {
        actions: { GER: [propose(["FRA"], [alliance("GER", "FRA")])], FRA: [accept("c1")] },
        orders: { GER: ["A mun - bur"], ITA: ["A ven - pie"] },
        defections: [],
      },
      {
        orders: { GER: ["A bur S A pie - mar"], ITA: ["A pie - mar"] },
        defections: [["GER", "FRA", "surprise"]],
        events: [
          {
            type: "defection",
            acts: [
              expect.objectContaining({
                cause: "breach",
                clauseIndex: 0,
                description: expect.stringContaining(
                  "supporting a move into a French-held province",
                ) as unknown,
              }),
            ],
          },
        ],
        reputation: { GER: 35 },
        prestige: { FRA: 45 },
      },
    ],
  },
  {
    name: "alliance: kept",
    story:
      "Germany and France sign an alliance until spring 1901; Germany walks into Burgundy, harming no one.",
    steps: [
      {
        actions: { GER: [propose(["FRA"], [alliance("GER", "FRA")], spring(1901))], FRA: [accept("c1")] },
        orders: { GER: ["A mun - bur"], FRA: ["A par - gas"] },
        defections: [],
        events: [{ type: "commitment-honoured", commitmentId: "c1" }],
        reputation: { GER: 53, FRA: 53 },
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Secrets, capacity, miscommunication

const SECRETS_AND_LIMITS: Scenario[] = [
  {
    name: "secret commitment kept",
    story:
      "England and France sign a secret non-aggression pact until spring 1901 and keep it. The " +
      "paper never mentions it, and keeping it earns nothing.",
    steps: [
      {
        actions: {
          ENG: [
            propose(
              ["FRA"],
              [nonAggression("ENG", "FRA"), nonAggression("FRA", "ENG")],
              spring(1901),
              "secret",
            ),
          ],
          FRA: [accept("c1")],
        },
        orders: { ENG: ["F lon - eng"], FRA: ["F bre - mao"] },
        absent: [{ type: "commitment-signed" }, { type: "commitment-honoured" }],
        reputation: { ENG: 50, FRA: 50 },
        status: { c1: "expired" },
        check: (s) => expect(mentions(s, "c1")).toBe(false),
      },
    ],
  },
  {
    name: "secret commitment exposed by a breach",
    story:
      "England promises France non-aggression in secret. Nothing is printed while it holds; when " +
      "England takes Brest in the fall, the paper reports the surprise and exposes the secret pact.",
    steps: [
      {
        actions: {
          ENG: [propose(["FRA"], [nonAggression("ENG", "FRA")], null, "secret")],
          FRA: [accept("c1")],
        },
        orders: { ENG: ["F lon - eng"], FRA: ["F bre - mao"] },
        check: (s) => expect(mentions(s, "c1")).toBe(false),
      },
      {
        orders: { ENG: ["F eng - bre"] },
        defections: [["ENG", "FRA", "surprise"]],
        events: [{ type: "secret-exposed", commitmentId: "c1", parties: ["ENG", "FRA"] }],
        reputation: { ENG: 35 },
        status: { c1: "broken" },
        check: (s) => expect(s.commitments[0]?.exposed).toBe(true),
      },
    ],
  },
  {
    name: "verification capacity",
    story:
      "England (3 centres: capacity 2 + ⌊3 ÷ 5⌋ = 2) signs two verifiable clauses with France. A " +
      "third, proposed to Germany or accepted from Germany, is refused; a free-text pact still fits.",
    steps: [
      {
        actions: {
          ENG: [propose(["FRA"], [nonAggression("ENG", "FRA"), nonAggression("FRA", "ENG")])],
          FRA: [accept("c1")],
        },
        resolve: false,
      },
      {
        actions: {
          ENG: [{ refused: "over-capacity", action: propose(["GER"], [nonAggression("ENG", "GER")]) }],
          GER: [propose(["ENG"], [nonAggression("GER", "ENG")])],
        },
        resolve: false,
      },
      {
        actions: {
          ENG: [
            { refused: "over-capacity", action: accept("c2") },
            propose(["GER"], [text("No fleets in the North Sea.")]),
          ],
          GER: [accept("c3")],
        },
        status: { c1: "active", c2: "proposed", c3: "active" },
      },
    ],
  },
  {
    name: "miscommunication 1",
    story:
      "With a paper that misses everything (miscommunication 1), England's surprise attack on Brest " +
      "goes unreported: nobody's reputation or prestige moves, though the engine saw it.",
    settings: { miscommunication: 1 },
    steps: [
      pactAndOpening,
      {
        orders: { ENG: ["F eng - bre"] },
        defections: [],
        reputation: { ENG: 50 },
        prestige: { FRA: 50 },
        status: { c1: "broken" },
        check: (s) =>
          expect(s.history.at(-1)?.defections.map((d) => [d.by, d.against, d.kind])).toEqual([
            ["ENG", "FRA", "surprise"],
          ]),
      },
      // The year closes: what was not reported does not count, so England gains too.
      { at: "winter 1901 adjustment", reputation: everyone(52), prestige: { FRA: 50 } },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// The end of the game and scoring

/** Fall 1901: France holds 17 centres and takes Rome, its 18th. */
const SOLO_BOARD = {
  season: "fall",
  units: ["FRA A tus", "ITA F nap"],
  supplyCenters: {
    FRA: [
      "bre",
      "mar",
      "par",
      "spa",
      "por",
      "bel",
      "hol",
      "lon",
      "lvp",
      "edi",
      "mun",
      "kie",
      "ber",
      "den",
    ].concat(["swe", "nwy", "ven"]),
    ITA: ["nap", "rom"],
  },
} as const;

const soloUnder = (
  scoring: "solo-draw" | "sum-of-squares" | "statesman",
  scores: Record<PowerId, number>,
): Scenario => ({
  name: `solo scored by ${scoring}`,
  story: `France, with 17 centres, marches into Rome for its 18th: a solo, scored by ${scoring}.`,
  powers: ["FRA", "ITA"],
  start: {
    ...SOLO_BOARD,
    supplyCenters: { FRA: [...SOLO_BOARD.supplyCenters.FRA], ITA: [...SOLO_BOARD.supplyCenters.ITA] },
  },
  settings: { scoring },
  steps: [
    {
      orders: { FRA: ["A tus - rom"] },
      events: [{ type: "game-end", result: "solo", winner: "FRA" }],
      result: { kind: "solo", winner: "FRA", survivors: ["FRA", "ITA"], scores },
    },
  ],
});

/** England's stab at Brest, to the end of 1901 with a year limit of 1901, under a preset. */
const stabUnder = (
  preset: string,
  after: { ENG: number; FRA: number; prestige: number },
  scores: { ENG: number; FRA: number },
): Scenario => ({
  name: `the same stab under the ${preset} preset`,
  story:
    `Under the ${preset} preset, England breaks a public non-aggression pact and takes Brest; the ` +
    "game ends at the 1901 year limit and is scored by statesman.",
  settings: { preset, yearLimit: 1901, scoring: "statesman" },
  steps: [
    pactAndOpening,
    {
      orders: { ENG: ["F eng - bre"] },
      defections: [["ENG", "FRA", "surprise"]],
      reputation: { ENG: after.ENG },
      prestige: { FRA: after.prestige },
      result: null,
    },
    {
      at: "winter 1901 adjustment",
      reputation: { ENG: after.ENG, FRA: after.FRA },
      result: { kind: "year-limit", winner: null },
      check: (s) => {
        expect(s.result?.scores.ENG).toBe(scores.ENG);
        expect(s.result?.scores.FRA).toBe(scores.FRA);
      },
    },
  ],
});

const ENDINGS: Scenario[] = [
  {
    name: "draw by unanimous vote",
    story:
      "In spring 1901 six powers vote for a draw and Turkey does not: play goes on (and the votes " +
      "lapse). In the fall all seven vote for it: a draw, shared equally under solo/draw.",
    settings: { scoring: "solo-draw" },
    steps: [
      {
        actions: Object.fromEntries(CLASSIC.filter((p) => p !== "TUR").map((p) => [p, [drawVote(true)]])),
        result: null,
        check: (s) => expect(s.drawVotes).toEqual({}),
      },
      {
        actions: Object.fromEntries(CLASSIC.map((p) => [p, [drawVote(true)]])),
        events: [{ type: "game-end", result: "draw", winner: null }],
        result: { kind: "draw", winner: null, survivors: CLASSIC, scores: everyone(14.29) },
      },
      { resolve: false, actions: { ENG: [{ refused: "game-over", action: communique("Wait!") }] } },
    ],
  },
  {
    name: "year limit, sum of squares",
    story:
      "A game limited to 1901 where nobody moves ends when 1902 would begin, scored by the sum of " +
      "squares: Russia's 4 centres weigh 16 of 70.",
    settings: { yearLimit: 1901, scoring: "sum-of-squares" },
    steps: [
      { result: null },
      {
        events: [{ type: "game-end", result: "year-limit" }],
        result: {
          kind: "year-limit",
          winner: null,
          scores: { ...everyone(12.86), RUS: 22.86 },
        },
      },
    ],
  },
  soloUnder("solo-draw", { FRA: 100, ITA: 0 }),
  soloUnder("sum-of-squares", { FRA: 100, ITA: 0 }),
  // Statesman: 60 × share of 18 centres + 0.25 × reputation + 0.15 × prestige.
  soloUnder("statesman", { FRA: 80, ITA: 23.33 }),
  // default: ENG 60×4/18 + 0.25×35 + 0.15×50; FRA 60×2/18 + 0.25×52 + 0.15×45
  stabUnder("default", { ENG: 35, FRA: 52, prestige: 45 }, { ENG: 29.58, FRA: 26.42 }),
  // realist: the same numbers move, but only centres score (100 × share).
  stabUnder("realist", { ENG: 35, FRA: 52, prestige: 45 }, { ENG: 22.22, FRA: 11.11 }),
  // liberal: −20 and −8; 40×share + 0.4×reputation + 0.2×prestige.
  stabUnder("liberal", { ENG: 30, FRA: 52, prestige: 42 }, { ENG: 30.89, FRA: 33.64 }),
];

// ---------------------------------------------------------------------------------------------
// Press modes

const PRESS: Scenario[] = [
  {
    name: "no press",
    story: "In a gunboat match nobody may write, propose or print a communiqué; orders still go in.",
    settings: { pressMode: "none" },
    steps: [
      {
        actions: {
          ENG: [
            { refused: "press-not-allowed", action: message(["FRA"], "Hello?") },
            { refused: "press-not-allowed", action: propose(["FRA"], [text("Peace.")]) },
            { refused: "press-not-allowed", action: communique("England wants peace.") },
          ],
        },
        orders: { ENG: ["F lon - eng"] },
        absent: [{ type: "communique" }],
        check: (s) => {
          expect(s.commitments).toEqual([]);
          expect(s.messages).toEqual([]);
        },
      },
    ],
  },
  {
    name: "public press only",
    story:
      "In a public-press match England may not write privately or propose a secret pact, but signs a " +
      "public one and prints a communiqué.",
    settings: { pressMode: "public" },
    steps: [
      {
        actions: {
          ENG: [
            { refused: "press-not-allowed", action: message(["FRA"], "Psst.") },
            { refused: "press-not-allowed", action: propose(["FRA"], [text("Peace.")], null, "secret") },
            propose(["FRA"], [text("Peace.")]),
            communique("England wants peace."),
          ],
          FRA: [accept("c1")],
        },
        events: [
          { type: "commitment-signed", commitmentId: "c1" },
          { type: "communique", by: "ENG", text: "England wants peace." },
        ],
      },
    ],
  },
  {
    name: "full press communiqué",
    story: "France announces in a communiqué that it seeks no war; the next edition prints it.",
    steps: [
      {
        actions: { FRA: [communique("France seeks no war.")] },
        events: [{ type: "communique", by: "FRA", text: "France seeks no war." }],
        reputation: { FRA: 50 },
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Bugs from issues, each a story of its own

const ISSUES: Scenario[] = [
  {
    name: "issue 12 (a) a term until a winter not played ends with the fall",
    story:
      "England and France sign a public non-aggression pact both ways until winter 1901. Nobody " +
      "gains or loses a centre, so no winter is played: the pact ends with fall 1901, honoured (+3 " +
      "each), and England's fleet sailing into Brest in spring 1902 is no defection.",
    steps: [
      {
        ...pactAndOpening,
        actions: {
          ENG: [propose(["FRA"], [nonAggression("ENG", "FRA"), nonAggression("FRA", "ENG")], winter(1901))],
          FRA: [accept("c1")],
        },
        status: { c1: "active" },
      },
      {
        at: "fall 1901 movement",
        defections: [],
        events: [
          { type: "commitment-honoured", commitmentId: "c1", parties: ["ENG", "FRA"] },
          { type: "reputation", power: "ENG", delta: 3, reason: "honoured-to-end" },
        ],
        reputation: { ...everyone(52), ENG: 55, FRA: 55 },
        status: { c1: "expired" },
      },
      {
        at: "spring 1902 movement",
        orders: { ENG: ["F eng - bre"] },
        defections: [],
        reputation: { ENG: 55, FRA: 55 },
      },
    ],
  },
  {
    name: "issue 12 (a) a proposal until a winter not played lapses with the fall",
    story:
      "England proposes France a non-aggression pact until winter 1901; France never answers. No " +
      "winter is played, so the proposal lapses at the end of fall 1901.",
    steps: [
      {
        actions: { ENG: [propose(["FRA"], [nonAggression("ENG", "FRA")], winter(1901))] },
        status: { c1: "proposed" },
      },
      { at: "fall 1901 movement", status: { c1: "withdrawn" } },
    ],
  },
  {
    name: "issue 12 (b) a cede due by a winter not played is checked at the end of the fall",
    story:
      "France's army stands in Burgundy when France agrees to cede it to Germany by winter 1901. " +
      "The army stays; no winter is played, so the deadline passes with fall 1901 and the paper " +
      "reports the breach then.",
    steps: [
      { orders: { FRA: ["A par - bur"] } },
      {
        at: "fall 1901 movement",
        actions: { FRA: [propose(["GER"], [cede("FRA", "GER", "bur", winter(1901))])], GER: [accept("c1")] },
        defections: [["FRA", "GER", "surprise"]],
        events: [
          {
            type: "defection",
            acts: [
              expect.objectContaining({
                description: expect.stringContaining("at the end of winter 1901") as unknown,
              }),
            ],
          },
        ],
        reputation: { FRA: 35, GER: 52 },
        prestige: { GER: 45 },
        status: { c1: "broken" },
      },
      { at: "spring 1902 movement", defections: [] },
    ],
  },
];

const GROUPS: [string, Scenario[]][] = [
  ["the reputation table", TABLE],
  ["notices and hostile acts", NOTICES_AND_ACTS],
  ["the clause catalogue", CLAUSES],
  ["secrets, capacity and noise", SECRETS_AND_LIMITS],
  ["the end of the game", ENDINGS],
  ["press modes", PRESS],
  ["bugs from issues", ISSUES],
];

for (const [group, scenarios] of GROUPS) {
  describe(group, () => {
    for (const scenario of scenarios) {
      const test = scenario.knownBug === undefined ? it : it.fails;
      test(scenario.name, () => {
        expect(scenario.story.length).toBeGreaterThan(0);
        playScenario(scenario);
      });
    }
  });
}
