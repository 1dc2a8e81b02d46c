/**
 * The match debrief (issue 15, item 1; shared/src/debrief): table-driven cases on hand-built
 * sources — commitments' outcomes, defections with what the paper reported and what it cost,
 * notices, leaks, draw votes, the alliance network, each prompt — and properties of debriefs of
 * real bot matches played headless.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  commitmentOf,
  debriefOf,
  defectionOf,
  drawVotesOf,
  leaksOf,
  noticesOf,
  outcomeOf,
  phaseOfKey,
  tiesOf,
} from "../../shared/src/debrief/debrief";
import {
  defectionsPrompt,
  firstSurprisePrompt,
  leakPrompt,
  promisesPrompt,
  promptsOf,
  secretPactPrompt,
  trustPrompt,
  winnerPrompt,
  type DebriefFacts,
} from "../../shared/src/debrief/prompts";
import type { DebriefSource } from "../../shared/src/debrief/source";
import { newMatch } from "../../shared/src/match/setup";
import type { MatchState, PhaseRecord } from "../../shared/src/match/types";
import type { NewsEvent } from "../../shared/src/newspaper/types";
import type { Commitment, CommitmentStatus, Defection, PhaseRef } from "../../shared/src/trust/types";
import { DEFECTION_KINDS } from "../../shared/src/trust/types";
import { matchDebriefSchema, type MatchDebrief } from "../../shared/src/wire/debrief";
import type { RecordAction } from "../../shared/src/wire/record";
import { commitment, map } from "../trust/support";
import { playedSource } from "./play";

const SPRING_1901: PhaseRef = { year: 1901, season: "spring", phase: "movement" };
const FALL_1901: PhaseRef = { year: 1901, season: "fall", phase: "movement" };
const SPRING_1902: PhaseRef = { year: 1902, season: "spring", phase: "movement" };

/** A classic match at its start, with some parts replaced. */
function stateWith(parts: Partial<MatchState> = {}): MatchState {
  const start = newMatch(map, {
    mapId: "classic",
    preset: "default",
    pressMode: "full",
    yearLimit: null,
    miscommunication: 0,
    scoring: "statesman",
  });
  return { ...start, ...parts };
}

/** One edition of the paper reporting on `phase`. */
function edition(
  number: number,
  phase: PhaseRef,
  events: readonly NewsEvent[],
): MatchState["editions"][number] {
  return { number, phase, articles: events.map((event) => ({ event, headline: event.type })) };
}

/** A phase's record holding these defections. */
function record(phase: PhaseRef, defections: readonly Defection[]): PhaseRecord {
  return { phase, orders: {}, resolved: [] as unknown as PhaseRecord["resolved"], defections };
}

/** A defection of one act on commitment `c`. */
function defection(by: string, against: string, kind: Defection["kind"], at: PhaseRef, c = "c1"): Defection {
  return {
    by,
    against,
    kind,
    at,
    acts: [
      { cause: "hostile-act", commitmentId: c, clauseIndex: null, description: `${by} attacked ${against}` },
    ],
  };
}

/** A source whose last state is `last`, with these actions. */
function sourceOf(last: MatchState, actions: readonly RecordAction[] = []): DebriefSource {
  return {
    matchID: "m1",
    ended: last.result !== null,
    view: "whole",
    start: stateWith(),
    phases: [],
    last,
    actions,
  };
}

/** A commitment signed in spring 1901 that came out with `status`. */
function ended(
  id: string,
  parties: readonly string[],
  status: CommitmentStatus,
  extra: Partial<Commitment> = {},
): Commitment {
  const c = commitment(id, parties, [{ kind: "non-aggression", from: parties[0]!, to: parties[1]! }], {
    status,
  });
  return { ...c, endedAt: status === "active" ? null : FALL_1901, ...extra };
}

describe("a commitment's outcome", () => {
  it.each([
    ["active", "in-force"],
    ["expired", "kept"],
    ["broken", "broken"],
    ["renounced", "renounced"],
    ["proposed", "never-signed"],
    ["rejected", "never-signed"],
    ["withdrawn", "never-signed"],
  ] as const)("%s → %s", (status, outcome) => {
    expect(commitmentOf(map, ended("c1", ["ENG", "FRA"], status)).outcome).toBe(outcome);
  });

  it("counts signed, kept, broken and renounced per power", () => {
    const last = stateWith({
      commitments: [
        ended("c1", ["ENG", "FRA"], "expired"),
        ended("c2", ["ENG", "FRA"], "broken"),
        ended("c3", ["ENG", "GER"], "renounced"),
        ended("c4", ["ENG", "GER"], "active"),
        ended("c5", ["ENG", "ITA"], "rejected"),
      ],
    });
    const eng = debriefOf(sourceOf(last), map).byPower.find((p) => p.power === "ENG")!;
    expect([eng.signed, eng.kept, eng.broken, eng.renounced]).toEqual([4, 2, 1, 1]);
    const fra = debriefOf(sourceOf(last), map).byPower.find((p) => p.power === "FRA")!;
    expect([fra.signed, fra.kept, fra.broken, fra.renounced]).toEqual([2, 1, 1, 0]);
  });
});

describe("a defection", () => {
  const surprise = defection("FRA", "GER", "surprise", FALL_1901);
  const cases: readonly {
    name: string;
    d: Defection;
    events: readonly NewsEvent[];
    reported: boolean;
    learned: readonly string[];
    costs: readonly [number, number];
  }[] = [
    {
      name: "a surprise the paper printed: the victim learned it from the paper; costs from the edition",
      d: surprise,
      events: [
        { type: "defection", by: "FRA", against: "GER", kind: "surprise", acts: surprise.acts },
        { type: "reputation", power: "FRA", delta: -15, value: 35, reason: "surprise-defection" },
        { type: "prestige", power: "GER", delta: -5, value: 45, reason: "surprise-victim" },
      ],
      reported: true,
      learned: ["GER"],
      costs: [-15, -5],
    },
    {
      name: "a surprise clamped at 0: the cost is what the paper moved, not the preset's number",
      d: surprise,
      events: [
        { type: "defection", by: "FRA", against: "GER", kind: "surprise", acts: surprise.acts },
        { type: "reputation", power: "FRA", delta: -4, value: 0, reason: "surprise-defection" },
      ],
      reported: true,
      learned: ["GER"],
      costs: [-4, 0],
    },
    {
      name: "a surprise the paper missed: nobody learned it from the paper, no cost",
      d: surprise,
      events: [],
      reported: false,
      learned: [],
      costs: [0, 0],
    },
    {
      name: "an announced defection: the victim had notice",
      d: defection("FRA", "GER", "announced", FALL_1901),
      events: [
        { type: "defection", by: "FRA", against: "GER", kind: "announced", acts: surprise.acts },
        { type: "reputation", power: "FRA", delta: -5, value: 45, reason: "announced-defection" },
      ],
      reported: true,
      learned: [],
      costs: [-5, 0],
    },
    {
      name: "a retaliation: reported, free",
      d: defection("GER", "FRA", "retaliation", FALL_1901),
      events: [{ type: "defection", by: "GER", against: "FRA", kind: "retaliation", acts: surprise.acts }],
      reported: true,
      learned: [],
      costs: [0, 0],
    },
  ];
  it.each(cases)("$name", ({ d, events, reported, learned, costs }) => {
    const G = stateWith({ editions: [edition(1, FALL_1901, events)], history: [record(FALL_1901, [d])] });
    const out = defectionOf(G, d);
    expect(out.reported).toBe(reported);
    expect(out.learnedFromPaper).toEqual(learned);
    expect([out.reputationCost, out.prestigeCost]).toEqual(costs);
    expect(out.acts).toEqual([`${d.by} attacked ${d.against}`]);
    expect(out.commitments).toEqual(["c1"]);
    expect(out.phase).toEqual({ key: "1901-fall-movement", label: "Fall 1901 movement" });
  });

  it("pairs two surprises by one power with their own costs, in the paper's order", () => {
    const a = defection("FRA", "GER", "surprise", FALL_1901);
    const b = defection("FRA", "ENG", "surprise", FALL_1901, "c2");
    const G = stateWith({
      editions: [
        edition(1, FALL_1901, [
          { type: "defection", by: "FRA", against: "GER", kind: "surprise", acts: a.acts },
          { type: "defection", by: "FRA", against: "ENG", kind: "surprise", acts: b.acts },
          { type: "reputation", power: "FRA", delta: -15, value: 35, reason: "surprise-defection" },
          { type: "reputation", power: "FRA", delta: -15, value: 20, reason: "surprise-defection" },
          { type: "prestige", power: "GER", delta: -5, value: 45, reason: "surprise-victim" },
          { type: "prestige", power: "ENG", delta: -5, value: 45, reason: "surprise-victim" },
        ]),
      ],
      history: [record(FALL_1901, [a, b])],
    });
    expect(
      debriefOf(sourceOf(G), map).defections.map((d) => [d.against, d.reputationCost, d.prestigeCost]),
    ).toEqual([
      ["GER", -15, -5],
      ["ENG", -15, -5],
    ]);
  });
});

describe("notices, leaks and draw votes", () => {
  it("takes notices from the actions, then from the paper's renouncements not seen as actions", () => {
    const last = stateWith({
      commitments: [ended("c1", ["ENG", "FRA"], "renounced"), ended("c2", ["GER", "ITA"], "renounced")],
      editions: [
        edition(1, SPRING_1901, [
          { type: "commitment-renounced", commitmentId: "c1", by: "ENG", parties: ["ENG", "FRA"] },
          { type: "commitment-renounced", commitmentId: "c2", by: "ITA", parties: ["GER", "ITA"] },
        ]),
      ],
    });
    // Seat 0 plays England (classic map order: AUS, ENG, …).
    const eng = String(last.powers.indexOf("ENG"));
    const notices = noticesOf(
      sourceOf(last, [
        { phase: "1901-spring-movement", playerID: eng, move: "notice", args: { commitmentId: "c1" } },
      ]),
    );
    expect(notices).toEqual([
      {
        phase: { key: "1901-spring-movement", label: "Spring 1901 movement" },
        by: "ENG",
        commitment: "c1",
        parties: ["ENG", "FRA"],
      },
      {
        phase: { key: "1901-spring-movement", label: "Spring 1901 movement" },
        by: "ITA",
        commitment: "c2",
        parties: ["GER", "ITA"],
      },
    ]);
  });

  it("takes leaks from the editions' leak articles", () => {
    const G = stateWith({
      editions: [
        edition(2, FALL_1901, [
          {
            type: "leak",
            messageId: "m1",
            leaker: "GER",
            sender: "FRA",
            recipients: ["GER"],
            text: "I will never attack you",
            sentAt: SPRING_1901,
            exposesBrokenPromise: true,
          },
        ]),
      ],
    });
    expect(leaksOf(G)).toEqual([
      {
        phase: { key: "1901-fall-movement", label: "Fall 1901 movement" },
        leaker: "GER",
        sender: "FRA",
        exposesBrokenPromise: true,
      },
    ]);
  });

  it("takes draw votes from the drawVote actions, by seat", () => {
    const G = stateWith();
    const votes = drawVotesOf(
      sourceOf(G, [
        { phase: "1902-spring-movement", playerID: "0", move: "drawVote", args: { vote: true } },
        { phase: "1902-spring-movement", playerID: "3", move: "drawVote", args: { vote: false } },
        { phase: "1902-spring-movement", playerID: "3", move: "orders", args: { orders: [] } },
      ]),
    );
    expect(votes.map((v) => [v.power, v.vote, v.phase.label])).toEqual([
      [G.powers[0], true, "Spring 1902 movement"],
      [G.powers[3], false, "Spring 1902 movement"],
    ]);
  });
});

describe("the alliance network", () => {
  it("ties two powers by the commitments in force between them; an alliance clause marks it", () => {
    const alliance = { ...commitment("c2", ["ENG", "FRA"], [{ kind: "alliance", powers: ["ENG", "FRA"] }]) };
    const G = stateWith({
      commitments: [
        ended("c1", ["ENG", "FRA"], "active"),
        alliance,
        ended("c3", ["GER", "ITA"], "expired"),
        ended("c4", ["AUS", "GER", "RUS"], "active"),
      ],
    });
    expect(tiesOf(G)).toEqual([
      { powers: ["AUS", "GER"], commitments: ["c4"], alliance: false },
      { powers: ["AUS", "RUS"], commitments: ["c4"], alliance: false },
      { powers: ["ENG", "FRA"], commitments: ["c1", "c2"], alliance: true },
      { powers: ["GER", "RUS"], commitments: ["c4"], alliance: false },
    ]);
  });
});

describe("the outcome", () => {
  it("names the solo winner, else the top scorer, else nobody on a tie", () => {
    const result = { kind: "year-limit" as const, winner: null, survivors: ["ENG", "FRA"], at: FALL_1901 };
    expect(outcomeOf(stateWith({ result: { ...result, scores: { ENG: 3, FRA: 5 } } }))?.winner).toBe("FRA");
    expect(outcomeOf(stateWith({ result: { ...result, scores: { ENG: 5, FRA: 5 } } }))?.winner).toBeNull();
    expect(
      outcomeOf(stateWith({ result: { ...result, kind: "solo", winner: "ENG", scores: { ENG: 1 } } }))
        ?.winner,
    ).toBe("ENG");
    expect(outcomeOf(stateWith())).toBeNull();
  });

  it("reads phase keys", () => {
    expect(phaseOfKey("1902-fall-retreat")).toEqual({ year: 1902, season: "fall", phase: "retreat" });
    expect(phaseOfKey("the start")).toBeNull();
  });
});

/** A debrief's facts with these parts (the rest empty). */
function facts(parts: Partial<DebriefFacts>): DebriefFacts {
  const base: Partial<MatchDebrief> = debriefOf(sourceOf(stateWith()), map);
  delete base.prompts;
  return { ...(base as DebriefFacts), ...parts };
}

/** A standing after `phase` (only its phase matters to the prompts' order of phases). */
function after(phase: PhaseRef): DebriefFacts["standings"][number] {
  const s = debriefOf(sourceOf(stateWith()), map).standings[0]!;
  return { ...s, phase: { key: `${phase.year}-${phase.season}-${phase.phase}`, label: "" } };
}

describe("prompts for discussion", () => {
  const stab = defectionOf(
    stateWith({
      editions: [
        edition(1, FALL_1901, [{ type: "defection", by: "FRA", against: "GER", kind: "surprise", acts: [] }]),
      ],
    }),
    defection("FRA", "GER", "surprise", FALL_1901),
  );
  const standings = [after(SPRING_1901), after(FALL_1901), after(SPRING_1902)];
  const signedAgain = {
    ...commitmentOf(map, ended("c9", ["FRA", "GER"], "active")),
    signedAt: { key: "1902-spring-movement", label: "Spring 1902 movement" },
  };

  it.each([
    {
      name: "a reported surprise, never signed again",
      parts: { defections: [stab], standings },
      text: "Germany learned of France's betrayal from the paper in fall 1901 and never signed with France again.",
    },
    {
      name: "a reported surprise, signed again later",
      parts: { defections: [stab], standings, commitments: [signedAgain] },
      text: "Germany learned of France's betrayal from the paper in fall 1901 and signed with France again in spring 1902.",
    },
    {
      name: "a surprise the paper missed",
      parts: { defections: [{ ...stab, reported: false, learnedFromPaper: [] }], standings },
      text: "France broke faith with Germany without notice in fall 1901; the paper did not report it, and Germany never signed with France again.",
    },
  ])("the first surprise: $name", ({ parts, text }) => {
    expect(firstSurprisePrompt(facts(parts), map)).toBe(text);
  });

  it("a broken secret pact, exposed", () => {
    const pact = commitmentOf(
      map,
      ended("c1", ["FRA", "GER"], "broken", { visibility: "secret", exposed: true }),
    );
    expect(secretPactPrompt(facts({ commitments: [pact], defections: [stab] }), map)).toBe(
      "A secret pact between France and Germany was broken by France in fall 1901, and the paper exposed it.",
    );
    expect(
      secretPactPrompt(facts({ commitments: [pact], defections: [{ ...stab, reported: false }] }), map),
    ).toBe(
      "A secret pact between France and Germany was broken by France in fall 1901; the paper never printed it.",
    );
    expect(secretPactPrompt(facts({}), map)).toBeNull();
  });

  it("a leak exposing a broken promise", () => {
    const leak = {
      phase: { key: "1902-spring-movement", label: "Spring 1902 movement" },
      leaker: "GER",
      sender: "FRA",
      exposesBrokenPromise: true,
    };
    expect(leakPrompt(facts({ leaks: [leak] }), map)).toBe(
      "Germany leaked a letter from France to the paper in spring 1902, exposing a broken promise.",
    );
    expect(leakPrompt(facts({}), map)).toBeNull();
  });

  it("the most and least trusted, the winner against the average", () => {
    const base = facts({});
    const byPower = base.byPower.map((p, i) => ({ ...p, reputation: 40 + i * 5 })); // AUS 40 … TUR 70
    const outcome = {
      kind: "year-limit" as const,
      winner: "TUR",
      survivors: base.powers,
      at: standings[2]!.phase!,
    };
    expect(trustPrompt(facts({ byPower }), map)).toBe(
      "Turkey ended as the most trusted power (reputation 70); Austria the least (40).",
    );
    expect(winnerPrompt(facts({ byPower, outcome }), map)).toBe(
      "Turkey topped the scores with a reputation of 70, above the average of 55.",
    );
    expect(trustPrompt(base, map)).toBe("Every power ended with the same reputation (50).");
    const tied = base.byPower.map((p) => ({
      ...p,
      reputation: ["ENG", "FRA", "ITA"].includes(p.power) ? 57 : 40,
    }));
    expect(trustPrompt(facts({ byPower: tied }), map)).toBe(
      "England, France and Italy ended most trusted (reputation 57); Austria, Germany, Russia and Turkey the least (40).",
    );
    expect(winnerPrompt(base, map)).toBeNull();
    const tiedScores = base.byPower.map((p) => ({
      ...p,
      score: ["ENG", "TUR"].includes(p.power) ? 37.666 : 30,
    }));
    const noWinner = { ...outcome, winner: null };
    expect(winnerPrompt(facts({ byPower: tiedScores, outcome: noWinner }), map)).toBe(
      "England and Turkey tied for the top score (37.67).",
    );
  });

  it("promises and defections counted", () => {
    const cs = [
      commitmentOf(map, ended("c1", ["ENG", "FRA"], "expired")),
      commitmentOf(map, ended("c2", ["ENG", "FRA"], "broken")),
      commitmentOf(map, ended("c3", ["ENG", "FRA"], "rejected")),
    ];
    expect(promisesPrompt(facts({ commitments: cs }))).toBe(
      "Of 2 commitments signed, 1 was kept, 1 broken and 0 renounced by notice.",
    );
    expect(promisesPrompt(facts({}))).toBe("No commitment came into force in this match.");
    expect(defectionsPrompt(facts({ defections: [stab] }))).toBe(
      "There was 1 defection; 0 came with notice.",
    );
    expect(defectionsPrompt(facts({}))).toBe("No power broke its word in this match.");
  });

  it("gives 3 to 8 prompts, the same each time", () => {
    const all = facts({ defections: [stab], standings });
    expect(promptsOf(all, map)).toEqual(promptsOf(all, map));
    expect(promptsOf(all, map).length).toBeGreaterThanOrEqual(3);
    expect(promptsOf(all, map).length).toBeLessThanOrEqual(8);
  });
});

describe("a real bot match's debrief", () => {
  const stabbers = [
    "backstabber",
    "always-cooperate",
    "always-cheat",
    "grudger",
    "detective",
    "copycat",
    "honest-rival",
  ] as const;

  it("holds what the match held, with surprises and their costs", () => {
    const { map: m, source } = playedSource({
      mapId: "classic",
      personalities: stabbers,
      seed: "debrief-1",
      yearLimit: 1903,
    });
    const d = matchDebriefSchema.parse(debriefOf(source, m));
    expect(d.ended).toBe(true);
    expect(d.outcome?.kind).toBe("year-limit");
    expect(d.defections.length).toBeGreaterThan(0);
    expect(
      d.defections.filter((x) => x.kind === "surprise" && x.reported).every((x) => x.reputationCost === -15),
    ).toBe(true);
    expect(d.prompts[0]).toMatch(/learned of .*'s betrayal from the paper/);
    const last = source.last;
    expect(Object.fromEntries(d.byPower.map((p) => [p.power, p.score]))).toEqual(last.result!.scores);
    expect(d.standings.at(-1)!.reputation).toEqual(last.reputation);
  });

  it("keeps its laws over matches of many seeds and personalities", () => {
    const personality = fc.constantFrom(
      ...stabbers,
      "random" as const,
      "copykitten" as const,
      "steady" as const,
    );
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 8 }),
        fc.array(personality, { minLength: 5, maxLength: 5 }),
        (seed, people) => {
          const { map: m, source } = playedSource({
            mapId: "amber",
            personalities: people,
            seed,
            yearLimit: 1902,
            miscommunication: 0.3,
          });
          const d = matchDebriefSchema.parse(debriefOf(source, m));
          expect(d.standings.length).toBe(source.phases.length + 1);
          for (const p of d.byPower) expect(p.kept + p.broken + p.renounced).toBeLessThanOrEqual(p.signed);
          for (const x of d.defections) {
            expect(d.powers).toContain(x.by);
            expect(d.powers).toContain(x.against);
            expect(DEFECTION_KINDS).toContain(x.kind);
            if (!x.reported)
              expect([x.reputationCost, x.prestigeCost, x.learnedFromPaper.length]).toEqual([0, 0, 0]);
          }
          expect(d.prompts.length).toBeGreaterThanOrEqual(3);
          expect(d.prompts.length).toBeLessThanOrEqual(8);
          expect(debriefOf(source, m)).toEqual(d);
        },
      ),
      { numRuns: 8 },
    );
  });
});
