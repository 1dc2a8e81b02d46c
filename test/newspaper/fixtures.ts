/**
 * Shared test material for the newspaper: one event of every type (and variant), each with the
 * words its headline must contain whichever template is drawn, and fast-check arbitraries for
 * events of any shape the types allow.
 */
import fc from "fast-check";
import { getMap } from "../../shared/src/map";
import type { NewsEvent } from "../../shared/src/newspaper";
import { SEASONS } from "../../shared/src/game";
import { PHASE_KINDS } from "../../shared/src/orders";
import type { Clause, PhaseRef } from "../../shared/src/trust/types";
import { DEFECTION_KINDS } from "../../shared/src/trust/types";

export const map = getMap("classic")!;

/** An event and the words (power and province names, …) every rendering of it must contain. */
export interface Case {
  readonly name: string;
  readonly event: NewsEvent;
  readonly mustContain: readonly (string | readonly string[])[]; // a list: any one of them
}

const spring1901: PhaseRef = { year: 1901, season: "spring", phase: "movement" };
const act = {
  cause: "hostile-act",
  commitmentId: "c1",
  clauseIndex: null,
  description: "A mun - bur",
} as const;

/** One event of every type and variant. */
export const CASES: readonly Case[] = [
  {
    name: "surprise defection",
    event: { type: "defection", by: "GER", against: "FRA", kind: "surprise", acts: [act] },
    mustContain: ["Germany", "France"],
  },
  {
    name: "announced defection",
    event: { type: "defection", by: "GER", against: "FRA", kind: "announced", acts: [act] },
    mustContain: ["Germany", "France"],
  },
  {
    name: "retaliation",
    event: { type: "defection", by: "FRA", against: "GER", kind: "retaliation", acts: [act] },
    mustContain: ["France", "Germany"],
  },
  {
    name: "secret exposed",
    event: {
      type: "secret-exposed",
      commitmentId: "c2",
      parties: ["AUS", "ITA"],
      clauses: [
        { kind: "non-aggression", from: "AUS", to: "ITA" },
        { kind: "demilitarised-zone", powers: ["AUS", "ITA"], provinces: ["tyr", "pie"] },
      ],
    },
    mustContain: [
      "Austria and Italy",
      "a non-aggression pact",
      "a demilitarised zone in Tyrolia and Piedmont",
    ],
  },
  {
    name: "commitment signed",
    event: {
      type: "commitment-signed",
      commitmentId: "c3",
      parties: ["ENG", "FRA", "RUS"],
      clauses: [{ kind: "alliance", powers: ["ENG", "FRA"] }],
    },
    mustContain: ["England, France and Russia", "an alliance"],
  },
  {
    name: "commitment renounced",
    event: { type: "commitment-renounced", commitmentId: "c3", by: "RUS", parties: ["ENG", "RUS"] },
    mustContain: ["Russia", "England"],
  },
  {
    name: "commitment honoured",
    event: { type: "commitment-honoured", commitmentId: "c4", parties: ["TUR", "RUS"] },
    mustContain: ["Turkey and Russia"],
  },
  {
    name: "leak",
    event: {
      type: "leak",
      messageId: "m1",
      leaker: "ENG",
      sender: "FRA",
      recipients: ["ENG", "GER"],
      text: "I will   never\nmove to the Channel.",
      sentAt: spring1901,
      exposesBrokenPromise: false,
    },
    mustContain: [
      "France",
      "England and Germany",
      "I will never move to the Channel.",
      "Spring 1901",
      "verified",
    ],
  },
  {
    name: "leak exposing a broken promise",
    event: {
      type: "leak",
      messageId: "m1",
      leaker: "ENG",
      sender: "FRA",
      recipients: ["ENG"],
      text: "Trust me.",
      sentAt: { year: 1902, season: "fall", phase: "movement" },
      exposesBrokenPromise: true,
    },
    mustContain: ["France", "England", '"Trust me."', "Fall 1902", "verified by the courier"],
  },
  {
    name: "communiqué",
    event: { type: "communique", by: "ITA", text: "Italy seeks only peace." },
    mustContain: ["Italy", '"Italy seeks only peace."'],
  },
  {
    name: "reputation down",
    event: { type: "reputation", power: "GER", delta: -15, value: 35, reason: "surprise-defection" },
    mustContain: ["Germany", "reputation", "35", "-15"],
  },
  {
    name: "reputation up",
    event: { type: "reputation", power: "AUS", delta: 3, value: 53, reason: "honoured-to-end" },
    mustContain: ["Austria", "reputation", "53", "+3"],
  },
  {
    name: "prestige down",
    event: { type: "prestige", power: "FRA", delta: -5, value: 45, reason: "surprise-victim" },
    mustContain: ["France", "prestige", "45", "-5"],
  },
  {
    name: "prestige unchanged",
    event: { type: "prestige", power: "FRA", delta: 0, value: 50, reason: "announced-victim" },
    mustContain: ["France", "prestige", "50"],
  },
  {
    name: "battle",
    event: { type: "battle", province: "bur", powers: ["FRA", "GER"] },
    mustContain: ["Burgundy", "France and Germany"],
  },
  {
    name: "centre captured",
    event: { type: "center-captured", center: "par", from: "FRA", to: "GER" },
    mustContain: ["Paris", "France", "Germany"],
  },
  {
    name: "neutral centre captured",
    event: { type: "center-captured", center: "hol", from: null, to: "GER" },
    mustContain: ["Holland", "Germany", "neutral"],
  },
  {
    name: "dislodgement",
    event: {
      type: "dislodgement",
      unit: { power: "FRA", type: "A", location: "bur" },
      by: "GER",
      from: "ruh",
      disbanded: false,
    },
    mustContain: [["France", "French"], "Germany", "Burgundy"],
  },
  {
    name: "dislodgement and disband",
    event: {
      type: "dislodgement",
      unit: { power: "RUS", type: "F", location: "stp/sc" },
      by: "ENG",
      from: "bot",
      disbanded: true,
    },
    mustContain: [["Russia", "Russian"], "England", "St Petersburg", "fleet"],
  },
  {
    name: "elimination",
    event: { type: "elimination", power: "AUS" },
    mustContain: ["Austria"],
  },
  {
    name: "solo threat",
    event: { type: "solo-threat", power: "TUR", centers: 16, needed: 18 },
    mustContain: ["Turkey"],
  },
  {
    name: "solo",
    event: { type: "game-end", result: "solo", winner: "RUS", survivors: ["RUS", "TUR"] },
    mustContain: ["Russia"],
  },
  {
    name: "draw",
    event: { type: "game-end", result: "draw", winner: null, survivors: ["ENG", "RUS", "TUR"] },
    mustContain: ["England, Russia and Turkey"],
  },
  {
    name: "year limit",
    event: { type: "game-end", result: "year-limit", winner: null, survivors: ["FRA", "ITA"] },
    mustContain: ["France and Italy"],
  },
];

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

const text = fc.oneof(fc.string({ unit: "binary", maxLength: 600 }), fc.string({ maxLength: 20 }));
/** A known power mostly, sometimes any string. */
export const power = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...map.powers.map((p) => p.id)) },
  { weight: 1, arbitrary: text },
);
/** A known province or location mostly, sometimes any string. */
export const province = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...map.locations.map((l) => l.id)) },
  { weight: 1, arbitrary: text },
);
const powers = fc.array(power, { maxLength: 8 });
const provinces = fc.array(province, { maxLength: 8 });
const number = fc.oneof(fc.integer({ min: -200, max: 200 }), fc.double());
const phaseRef = fc.record({
  year: fc.integer({ min: 1, max: 3000 }),
  season: fc.constantFrom(...SEASONS),
  phase: fc.constantFrom(...PHASE_KINDS),
});
const seasonRef = fc.record({ year: fc.integer({ min: 1, max: 3000 }), season: fc.constantFrom(...SEASONS) });

const clause: fc.Arbitrary<Clause> = fc.oneof(
  fc.record({ kind: fc.constant("text" as const), text }),
  fc.record({ kind: fc.constant("non-aggression" as const), from: power, to: power }),
  fc.record({ kind: fc.constant("demilitarised-zone" as const), powers, provinces }),
  fc.record({
    kind: fc.constant("support-pledge" as const),
    power,
    beneficiary: power,
    supporter: province,
    supported: province,
    to: fc.option(province, { nil: null }),
    when: seasonRef,
  }),
  fc.record({ kind: fc.constant("no-build" as const), power, centers: provinces, fleetsOnly: fc.boolean() }),
  fc.record({ kind: fc.constant("cede" as const), power, to: power, province, by: seasonRef }),
  fc.record({ kind: fc.constant("alliance" as const), powers: fc.tuple(power, power) }),
);
const clauses = fc.array(clause, { maxLength: 6 });
const reason = fc.constantFrom(
  "surprise-defection",
  "announced-defection",
  "surprise-victim",
  "announced-victim",
  "honoured-to-end",
  "year-without-defection",
  "leak",
) as fc.Arbitrary<"leak">;
const actArb = fc.record({
  cause: fc.constantFrom("breach" as const, "hostile-act" as const),
  commitmentId: text,
  clauseIndex: fc.option(fc.nat(), { nil: null }),
  description: text,
});

/** Any event the types allow, with random text and mostly known powers and provinces. */
export const anyEvent: fc.Arbitrary<NewsEvent> = fc.oneof(
  fc.record({ type: fc.constant("battle" as const), province, powers }),
  fc.record({
    type: fc.constant("dislodgement" as const),
    unit: fc.record({ power, type: fc.constantFrom("A" as const, "F" as const), location: province }),
    by: power,
    from: province,
    disbanded: fc.boolean(),
  }),
  fc.record({
    type: fc.constant("center-captured" as const),
    center: province,
    from: fc.option(power, { nil: null }),
    to: power,
  }),
  fc.record({ type: fc.constant("elimination" as const), power }),
  fc.record({
    type: fc.constant("commitment-signed" as const),
    commitmentId: text,
    parties: powers,
    clauses,
  }),
  fc.record({
    type: fc.constant("commitment-renounced" as const),
    commitmentId: text,
    by: power,
    parties: powers,
  }),
  fc.record({ type: fc.constant("commitment-honoured" as const), commitmentId: text, parties: powers }),
  fc.record({
    type: fc.constant("defection" as const),
    by: power,
    against: power,
    kind: fc.constantFrom(...DEFECTION_KINDS),
    acts: fc.array(actArb, { maxLength: 3 }),
  }),
  fc.record({ type: fc.constant("secret-exposed" as const), commitmentId: text, parties: powers, clauses }),
  fc.record({
    type: fc.constant("leak" as const),
    messageId: text,
    leaker: power,
    sender: power,
    recipients: powers,
    text,
    sentAt: phaseRef,
    exposesBrokenPromise: fc.boolean(),
  }),
  fc.record({ type: fc.constant("communique" as const), by: power, text }),
  fc.record({ type: fc.constant("reputation" as const), power, delta: number, value: number, reason }),
  fc.record({ type: fc.constant("prestige" as const), power, delta: number, value: number, reason }),
  fc.record({ type: fc.constant("solo-threat" as const), power, centers: number, needed: number }),
  fc.record({
    type: fc.constant("game-end" as const),
    result: fc.constantFrom("solo" as const, "draw" as const, "year-limit" as const),
    winner: fc.option(power, { nil: null }),
    survivors: powers,
  }),
);
