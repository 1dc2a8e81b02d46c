/**
 * What the adjudicator returns for each kind of phase. Results are listed in the order the orders
 * were given, so a caller can match each result to the text it came from.
 */
import type { Dislodgement } from "../game/position";
import type { ProvinceId, Unit } from "../map/types";
import type { Order, OrderError, OrderOutcome } from "../orders/types";

/** The outcome of one order. */
export interface OrderResult {
  readonly order: Order;
  readonly outcome: OrderOutcome; // succeeds, fails, or invalid (ignored: the unit holds)
  readonly reason?: OrderError; // why an order is invalid
}

/** The outcome of a movement phase. */
export interface MovementResolution {
  readonly results: readonly OrderResult[];
  readonly units: readonly Unit[]; // every unit not dislodged, where it stands afterwards
  readonly dislodged: readonly Dislodgement[]; // at the place they were dislodged from
  readonly contested: readonly ProvinceId[]; // provinces left empty by a standoff (no retreat there)
}

/** The outcome of a retreat phase. */
export interface RetreatResolution {
  readonly results: readonly OrderResult[];
  readonly units: readonly Unit[]; // all units on the board afterwards
  readonly disbanded: readonly Unit[]; // dislodged units that did not retreat
}

/** The outcome of an adjustment phase. */
export interface AdjustmentResolution {
  readonly results: readonly OrderResult[];
  readonly units: readonly Unit[]; // all units on the board afterwards
  readonly built: readonly Unit[];
  readonly removed: readonly Unit[]; // ordered removals and civil-disorder removals
}
