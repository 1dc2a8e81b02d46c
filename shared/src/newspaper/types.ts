/**
 * The newspaper: one edition per resolved phase, made of typed events, each with a headline
 * rendered from templates with seeded variety. Reputation and prestige follow what is reported.
 */
import type { PowerId, ProvinceId, Unit } from "../map/types";
import type { Clause, DefectionKind, DefectionAct, PhaseRef } from "../trust/types";

/** A standoff: two or more powers' units bounced in a province. */
export interface BattleEvent {
  readonly type: "battle";
  readonly province: ProvinceId;
  readonly powers: readonly PowerId[];
}
/** A unit was driven out of its province. */
export interface DislodgementEvent {
  readonly type: "dislodgement";
  readonly unit: Unit; // where it stood
  readonly by: PowerId;
  readonly from: ProvinceId; // where the attacker came from
  readonly disbanded: boolean; // it had nowhere to retreat
}
/** A supply centre changed hands (after fall). */
export interface CentreCapturedEvent {
  readonly type: "center-captured";
  readonly center: ProvinceId;
  readonly from: PowerId | null; // null: it was neutral
  readonly to: PowerId;
}
/** A power has neither units nor centres left. */
export interface EliminationEvent {
  readonly type: "elimination";
  readonly power: PowerId;
}
/** A public commitment came into force. */
export interface CommitmentSignedEvent {
  readonly type: "commitment-signed";
  readonly commitmentId: string;
  readonly parties: readonly PowerId[];
  readonly clauses: readonly Clause[];
}
/** A public commitment was renounced by notice. */
export interface CommitmentRenouncedEvent {
  readonly type: "commitment-renounced";
  readonly commitmentId: string;
  readonly by: PowerId;
  readonly parties: readonly PowerId[];
}
/** A public commitment ran its course and every party kept it. */
export interface CommitmentHonouredEvent {
  readonly type: "commitment-honoured";
  readonly commitmentId: string;
  readonly parties: readonly PowerId[];
}
/** A defection, by kind. */
export interface DefectionEvent {
  readonly type: "defection";
  readonly by: PowerId;
  readonly against: PowerId;
  readonly kind: DefectionKind;
  readonly acts: readonly DefectionAct[];
}
/** A secret commitment revealed because a breach exposed it. */
export interface SecretExposedEvent {
  readonly type: "secret-exposed";
  readonly commitmentId: string;
  readonly parties: readonly PowerId[];
  readonly clauses: readonly Clause[];
}
/** A private message leaked to the press, printed with the server's proof of its sender. */
export interface LeakEvent {
  readonly type: "leak";
  readonly messageId: string;
  readonly leaker: PowerId;
  readonly sender: PowerId; // proven by the server: the message is in its records from this sender
  readonly recipients: readonly PowerId[];
  readonly text: string;
  readonly sentAt: PhaseRef;
  readonly exposesBrokenPromise: boolean;
}
/** A public statement. */
export interface CommuniqueEvent {
  readonly type: "communique";
  readonly by: PowerId;
  readonly text: string;
}
/** Why a reputation or prestige number moved. */
export type StandingReason =
  | "surprise-defection"
  | "announced-defection"
  | "surprise-victim"
  | "announced-victim"
  | "honoured-to-end"
  | "year-without-defection"
  | "leak";
/** A change of a power's public reputation. */
export interface ReputationEvent {
  readonly type: "reputation";
  readonly power: PowerId;
  readonly delta: number;
  readonly value: number; // after the change, 0–100
  readonly reason: StandingReason;
}
/** A change of a power's public prestige. */
export interface PrestigeEvent {
  readonly type: "prestige";
  readonly power: PowerId;
  readonly delta: number;
  readonly value: number;
  readonly reason: StandingReason;
}
/** A power is close to a solo. */
export interface SoloThreatEvent {
  readonly type: "solo-threat";
  readonly power: PowerId;
  readonly centers: number;
  readonly needed: number;
}
/** The game is over. */
export interface GameEndEvent {
  readonly type: "game-end";
  readonly result: "solo" | "draw" | "year-limit" | "called";
  readonly winner: PowerId | null;
  readonly survivors: readonly PowerId[];
}

/** Anything the paper prints. */
export type NewsEvent =
  | BattleEvent
  | DislodgementEvent
  | CentreCapturedEvent
  | EliminationEvent
  | CommitmentSignedEvent
  | CommitmentRenouncedEvent
  | CommitmentHonouredEvent
  | DefectionEvent
  | SecretExposedEvent
  | LeakEvent
  | CommuniqueEvent
  | ReputationEvent
  | PrestigeEvent
  | SoloThreatEvent
  | GameEndEvent;

/** The type tag of an event. */
export type NewsEventType = NewsEvent["type"];

/** An event as printed: the event and its headline. */
export interface Article {
  readonly event: NewsEvent;
  readonly headline: string;
}

/** One edition of the paper: everything reported about one resolved phase. */
export interface Edition {
  readonly number: number; // 1, 2, …
  readonly phase: PhaseRef; // the phase it reports on
  readonly articles: readonly Article[]; // most important first
}
