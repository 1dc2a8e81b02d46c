/**
 * Orders for every phase as one discriminated union, plus the error families of order handling:
 * *Invalid* (not understood) and *Illegal* (understood, but not allowed here).
 */
import type { LocationId, PowerId, UnitType } from "../map/types";

/** The phases of a game year, by what is ordered in them. */
export const PHASE_KINDS = ["movement", "retreat", "adjustment"] as const;
/** `movement`, `retreat` or `adjustment`. */
export type PhaseKind = (typeof PHASE_KINDS)[number];

/** A unit named in an order: its type and where it stands. */
export interface UnitRef {
  readonly type: UnitType; // as written; the adjudicator trusts the board when they differ
  readonly location: LocationId;
}

/** Movement phase: stay put. */
export interface HoldOrder {
  readonly kind: "hold";
  readonly power: PowerId;
  readonly unit: UnitRef;
}
/** Movement phase: move, by land or sea, or by convoy. */
export interface MoveOrder {
  readonly kind: "move";
  readonly power: PowerId;
  readonly unit: UnitRef;
  readonly to: LocationId; // a coast may be named for a fleet
  readonly viaConvoy: boolean; // the player asked for a convoy route
}
/** Movement phase: support another unit's hold (no `to`) or move (with `to`). */
export interface SupportOrder {
  readonly kind: "support";
  readonly power: PowerId;
  readonly unit: UnitRef;
  readonly target: UnitRef; // the supported unit
  readonly to?: LocationId; // where the supported unit moves; absent for a support to hold
}
/** Movement phase: a fleet at sea convoys an army. */
export interface ConvoyOrder {
  readonly kind: "convoy";
  readonly power: PowerId;
  readonly unit: UnitRef;
  readonly target: UnitRef; // the convoyed army
  readonly to: LocationId; // where the army goes
}
/** Retreat phase: a dislodged unit retreats. */
export interface RetreatOrder {
  readonly kind: "retreat";
  readonly power: PowerId;
  readonly unit: UnitRef;
  readonly to: LocationId;
}
/** Retreat phase: a dislodged unit disbands. */
export interface DisbandOrder {
  readonly kind: "disband";
  readonly power: PowerId;
  readonly unit: UnitRef;
}
/** Adjustment phase: build a unit in an owned, empty home centre. */
export interface BuildOrder {
  readonly kind: "build";
  readonly power: PowerId;
  readonly unit: UnitRef;
}
/** Adjustment phase: remove one of one's units. */
export interface RemoveOrder {
  readonly kind: "remove";
  readonly power: PowerId;
  readonly unit: UnitRef;
}
/** Adjustment phase: give up one build. */
export interface WaiveOrder {
  readonly kind: "waive";
  readonly power: PowerId;
}

/** Any order of any phase. */
export type Order =
  | HoldOrder
  | MoveOrder
  | SupportOrder
  | ConvoyOrder
  | RetreatOrder
  | DisbandOrder
  | BuildOrder
  | RemoveOrder
  | WaiveOrder;

/** The kind tag of an order. */
export type OrderKind = Order["kind"];

/** The order kinds allowed in each phase. */
export const ORDER_KINDS_BY_PHASE: Readonly<Record<PhaseKind, readonly OrderKind[]>> = {
  movement: ["hold", "move", "support", "convoy"],
  retreat: ["retreat", "disband"],
  adjustment: ["build", "remove", "waive"],
};

/** What an adjudicated order did. */
export type OrderOutcome = "succeeds" | "fails" | "invalid";

/** The two families of order errors. */
export type OrderErrorFamily =
  | "invalid" // not understood: the text or payload is not an order
  | "illegal"; // understood, but not allowed for this unit, map or phase

/** An order error with a stable code and a message for the player. */
export interface OrderError {
  readonly family: OrderErrorFamily;
  readonly code: string; // stable, kebab-case, e.g. "unknown-province", "not-adjacent"
  readonly message: string;
}
