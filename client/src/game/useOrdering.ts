/**
 * The ordering controller shared by the map and the orders tab, as a hook: the state and its
 * transitions are the pure reducer of ordering.ts; this file feeds it the server's state (the
 * echo of what was sent, refusals, a new phase) and makes the moves its `send` and `sendReady`
 * actions stand for. Every change of orders sends the whole order list. It also words the
 * warnings of warnings.ts for the orders shown (which commitments they would break).
 */
import { useEffect, useMemo, useReducer } from "react";
import { legalOrders, type LegalOrders } from "../../../shared/src/orders/legal";
import type { Order } from "../../../shared/src/orders/types";
import type { LocationId, ProvinceId } from "../../../shared/src/map/types";
import { phaseKey } from "../../../shared/src/game/position";
import { mustAct } from "../../../shared/src/match/actions";
import {
  INITIAL_ORDERING,
  clearKeyAction,
  giveAction,
  optionsOf,
  orderingReducer,
  provinceAction,
  removeWaiveAction,
  selectedProvinceOf,
  sendAction,
  shownOrders,
  shownReady,
  targetsOf,
  toggleReadyAction,
  typedOrders,
  type OrderMode,
  type OrderingAction,
  type OrderingBoard,
  type Selection,
  type TypedOrders,
} from "./ordering";
import type { MatchHandle } from "./useMatch";
import { orderWarnings, type OrderWarning } from "./warnings";

export type { OrderMode, Selection } from "./ordering";

/** The controller. */
export interface Ordering {
  readonly legal: LegalOrders | null;
  readonly mustAct: boolean;
  readonly saved: readonly Order[]; // what the server holds
  readonly shown: readonly Order[]; // the draft when one is in flight, else `saved`
  readonly sending: boolean;
  readonly ready: boolean;
  readonly readySending: boolean;
  readonly selection: Selection;
  readonly selectedProvince: ProvinceId | null;
  readonly targets: readonly ProvinceId[];
  /** The orders the selected unit may be given in its current mode and step. */
  readonly options: readonly Order[];
  /** For each order of `shown`, the commitments of the seat it would break ([] when none). */
  readonly warnings: readonly (readonly OrderWarning[])[];
  readonly onProvince: (id: ProvinceId) => void;
  readonly selectUnit: (location: LocationId | null) => void;
  readonly setMode: (mode: OrderMode) => void;
  readonly pickTarget: (location: LocationId | null) => void;
  readonly give: (order: Order) => void;
  readonly clearKey: (key: string) => void;
  readonly removeWaive: () => void;
  readonly send: (orders: readonly Order[]) => void;
  /** Gives the valid orders of a typed text (sending them) and says why the others were refused. */
  readonly type: (text: string) => TypedOrders;
  readonly toggleReady: () => void;
}

/** The ordering controller of a seat (a spectator gets one with nothing to order). */
export function useOrdering(match: MatchHandle): Ordering {
  const { G, map, power, error } = match;
  const position = G?.position ?? null;
  const legal = useMemo(
    () => (map !== null && position !== null && power !== null ? legalOrders(map, position, power) : null),
    [map, position, power],
  );
  const saved = useMemo(() => (power === null ? [] : (G?.orders[power] ?? [])), [G, power]);
  const serverReady = power !== null && G?.ready[power] === true;
  const board: OrderingBoard = useMemo(
    () => ({ map, legal, saved, serverReady }),
    [map, legal, saved, serverReady],
  );
  const [state, dispatch] = useReducer(orderingReducer, INITIAL_ORDERING);

  // The server's echo settles the drafts; so does a refusal (the saved state stands).
  useEffect(() => {
    dispatch({ type: "echo", saved, serverReady });
  }, [state.draft, state.readyDraft, saved, serverReady]);
  useEffect(() => {
    if (error?.move !== undefined) dispatch({ type: "refused", move: error.move });
  }, [error]);
  // A new phase: the server cleared the orders; so do we.
  const phase = position === null ? "" : phaseKey(position);
  useEffect(() => {
    dispatch({ type: "newPhase" });
  }, [phase]);

  const derived = useMemo(
    () => ({
      shown: shownOrders(state, board),
      ready: shownReady(state, board),
      selectedProvince: selectedProvinceOf(state, board),
      targets: targetsOf(state, board),
      options: optionsOf(state, board),
    }),
    [state, board],
  );
  const warnings = useMemo(
    () => (map === null || G === null || power === null ? [] : orderWarnings(map, G, power, derived.shown)),
    [map, G, power, derived.shown],
  );

  /** Dispatches an action, first making the move it stands for, if any. */
  const run = (action: OrderingAction | null) => {
    if (action === null) return;
    if (action.type === "send") match.act("orders", { orders: action.orders });
    if (action.type === "sendReady") match.act("ready", { ready: action.ready });
    dispatch(action);
  };

  return {
    legal,
    mustAct: map !== null && G !== null && power !== null && mustAct(map, G, power),
    saved,
    ...derived,
    warnings,
    sending: state.draft !== null,
    readySending: state.readyDraft !== null,
    selection: state.selection,
    onProvince: (id) => run(provinceAction(state, board, id)),
    selectUnit: (location) => run({ type: "selectUnit", location }),
    setMode: (mode) => run({ type: "setMode", mode }),
    pickTarget: (location) => run({ type: "pickTarget", location }),
    give: (order) => run(giveAction(state, board, order)),
    clearKey: (key) => run(clearKeyAction(state, board, key)),
    removeWaive: () => run(removeWaiveAction(state, board)),
    send: (orders) => run(sendAction(orders)),
    type: (text) => {
      if (position === null || power === null) return { given: [], refused: [], action: null };
      const typed = typedOrders(state, board, position, power, text);
      run(typed.action);
      return typed;
    },
    toggleReady: () => run(toggleReadyAction(state, board)),
  };
}
