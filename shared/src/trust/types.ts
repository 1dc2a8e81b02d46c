/**
 * The vocabulary of the trust layer: commitments and their clauses, notices, defections,
 * reputation and prestige, presets. Plain data, so a match state serialises as JSON unchanged.
 * The rules that use these types live beside this file; `docs/rules.md` says them in words.
 */
import type { Season } from "../game/position";
import type { PowerId, ProvinceId } from "../map/types";
import type { PhaseKind } from "../orders/types";

/** A point in the game's calendar: a phase of a season of a year. */
export interface PhaseRef {
  readonly year: number;
  readonly season: Season;
  readonly phase: PhaseKind;
}

/** A season of a year (the end of a commitment, the date of a pledge). */
export interface SeasonRef {
  readonly year: number;
  readonly season: Season;
}

/** Free text: recorded with who agreed and when, never judged by the engine. */
export interface TextClause {
  readonly kind: "text";
  readonly text: string;
}
/** `from` orders no move into a province where `to` has a unit or owns a centre, and supports or convoys no such move. */
export interface NonAggressionClause {
  readonly kind: "non-aggression";
  readonly from: PowerId;
  readonly to: PowerId;
}
/** The named powers order no move into, and end no phase in, the named provinces. */
export interface DemilitarisedZoneClause {
  readonly kind: "demilitarised-zone";
  readonly powers: readonly PowerId[];
  readonly provinces: readonly ProvinceId[];
}
/** `power` orders the stated support in the movement phase of the stated season. */
export interface SupportPledgeClause {
  readonly kind: "support-pledge";
  readonly power: PowerId; // who pledges
  readonly beneficiary: PowerId; // whose unit is supported
  readonly supporter: ProvinceId; // where the supporting unit stands
  readonly supported: ProvinceId; // where the supported unit stands
  readonly to: ProvinceId | null; // where the supported unit moves; null for a support to hold
  readonly when: SeasonRef; // a spring or fall
}
/** `power` builds no unit (or no fleet, with `fleetsOnly`) in the stated centres (all centres when empty). */
export interface NoBuildClause {
  readonly kind: "no-build";
  readonly power: PowerId;
  readonly centers: readonly ProvinceId[];
  readonly fleetsOnly: boolean;
}
/** `power` leaves `province` by the end of `by`, and does not contest `to`'s move into it. */
export interface CedeClause {
  readonly kind: "cede";
  readonly power: PowerId;
  readonly to: PowerId;
  readonly province: ProvinceId;
  readonly by: SeasonRef;
}
/** Non-aggression both ways, and neither supports a third power into the other's provinces. */
export interface AllianceClause {
  readonly kind: "alliance";
  readonly powers: readonly [PowerId, PowerId];
}

/** Any clause. Every kind but `text` is verifiable: the engine checks it after each phase. */
export type Clause =
  | TextClause
  | NonAggressionClause
  | DemilitarisedZoneClause
  | SupportPledgeClause
  | NoBuildClause
  | CedeClause
  | AllianceClause;

/** The kind tag of a clause. */
export type ClauseKind = Clause["kind"];

/** Where a commitment stands. */
export const COMMITMENT_STATUSES = [
  "proposed", // waiting for every named party to accept
  "active", // in force
  "rejected", // a party said no
  "withdrawn", // the proposer took it back before it came into force
  "expired", // reached its end date; honoured unless broken
  "renounced", // ended by a party's notice
  "broken", // ended by a defection between its parties
] as const;
/** One of `COMMITMENT_STATUSES`. */
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

/** An agreement proposed by one power and accepted by every power it names. */
export interface Commitment {
  readonly id: string; // e.g. "c3"
  readonly proposer: PowerId;
  readonly parties: readonly PowerId[]; // every party, the proposer included, in map order
  readonly clauses: readonly Clause[];
  readonly until: SeasonRef | null; // in force through this season; null: until renounced
  readonly visibility: "public" | "secret";
  readonly status: CommitmentStatus;
  readonly acceptedBy: readonly PowerId[]; // the proposer accepts by proposing
  readonly proposedAt: PhaseRef;
  readonly signedAt: PhaseRef | null; // when the last party accepted
  readonly endedAt: PhaseRef | null; // the phase at whose end it stopped being in force
  readonly exposed: boolean; // a secret commitment revealed by a breach
}

/** A party's formal renunciation of a commitment; it ends the commitment at the end of the phase. */
export interface Notice {
  readonly commitmentId: string;
  readonly by: PowerId;
  readonly at: PhaseRef;
}

/** How a defection is judged. */
export const DEFECTION_KINDS = [
  "surprise", // no notice: the victim learns it from the newspaper
  "announced", // notice given in the same phase
  "retaliation", // against a power that defected against the defector in the last two movement phases
] as const;
/** One of `DEFECTION_KINDS`. */
export type DefectionKind = (typeof DEFECTION_KINDS)[number];

/** One act that makes a defection: an order, or a verifiable clause left unkept. */
export interface DefectionAct {
  readonly cause: "breach" | "hostile-act";
  readonly commitmentId: string; // the commitment broken (for a hostile act, one that made them allies)
  readonly clauseIndex: number | null; // the clause breached; null for a hostile act
  readonly description: string; // plain language, e.g. "ordered A mun - bur into a French centre"
}

/** A defection by one power against another in one phase. */
export interface Defection {
  readonly by: PowerId;
  readonly against: PowerId;
  readonly kind: DefectionKind;
  readonly at: PhaseRef;
  readonly acts: readonly DefectionAct[];
}

/** The numbers a preset sets for reputation, prestige, capacity and scoring. */
export interface Preset {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly reputation: {
    readonly start: number;
    readonly surpriseDefection: number; // to the defector
    readonly announcedDefection: number;
    readonly retaliation: number;
    readonly honouredToEnd: number; // to each party of a public commitment that ran its course
    readonly yearWithoutDefection: number; // to each surviving power
    readonly leak: number; // to the leaker
    readonly leakExposingBrokenPromise: number; // to the leaker, when the leak shows a broken promise
  };
  readonly prestige: {
    readonly start: number;
    readonly surpriseVictim: number; // learned it from the papers
    readonly announcedVictim: number;
  };
  readonly capacity: { readonly base: number; readonly centersPerUnit: number }; // base + floor(centres / centersPerUnit)
  readonly scoring: ScoringWeights;
  readonly miscommunication: number; // default probability the paper misses or misreports a defection
}

/** Weights of the statesman score: share of centres, reputation and prestige (each 0–1 scaled). */
export interface ScoringWeights {
  readonly centers: number;
  readonly reputation: number;
  readonly prestige: number;
}
