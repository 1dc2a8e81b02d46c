/**
 * The ordering controller's state, without React: what the player has selected (a unit and what it
 * is being ordered to do, or a build to choose), and the drafts sent to the server that it has not
 * echoed yet (orders, and the ready flag), so the screen can tell "sending…" from "saved ✓".
 *
 * - `orderingReducer(state, action)` is the only transition; every action is plain data.
 * - The `…Action` functions turn a player's input (a click on the board, an order picked, a key
 *   cleared) into the action it means, reading the legal orders (`legalOrders`, the only source of
 *   what may be clicked). An action of type `send` or `sendReady` is also a move for the server;
 *   the hook (useOrdering.ts) makes that move and dispatches the action.
 * - The selectors (`shownOrders`, `optionsOf`, `targetsOf`, `selectedProvinceOf`) derive what the
 *   map and the orders tab show.
 * - `typedOrders` reads the "Type orders" box: the orders it keeps, and why each other one was refused.
 */
import { resolvePhase } from "../../../shared/src/game/phases";
import type { Position } from "../../../shared/src/game/position";
import type { GameMap, LocationId, PowerId, ProvinceId } from "../../../shared/src/map/types";
import type { LegalOrders } from "../../../shared/src/orders/legal";
import { parseOrder } from "../../../shared/src/orders/notation";
import type { Order } from "../../../shared/src/orders/types";
import {
  distinctBy,
  findLegal,
  inPlainWords,
  orderKey,
  provinceOf,
  sameOrders,
  withOrder,
  withoutKey,
  withoutOneWaive,
} from "./orderModel";

/** What the selected unit is being ordered to do. */
export type OrderMode = "move" | "support" | "convoy";

/** The current selection. */
export type Selection =
  | {
      readonly kind: "unit";
      readonly location: LocationId; // the selected unit
      readonly mode: OrderMode;
      readonly target: LocationId | null; // the unit supported or convoyed, once picked
      readonly choose: readonly Order[] | null; // several orders fit a click (coasts): pick one
    }
  | { readonly kind: "build"; readonly province: ProvinceId; readonly choose: readonly Order[] }
  | null;

/** The controller's own state (everything else comes from the server). */
export interface OrderingState {
  readonly draft: readonly Order[] | null; // orders sent and not yet echoed by the server
  readonly readyDraft: boolean | null; // the ready flag sent and not yet echoed
  readonly selection: Selection;
}

/** What the server holds for the seat, and the rules' view of its board. */
export interface OrderingBoard {
  readonly map: GameMap | null;
  readonly legal: LegalOrders | null; // the seat's legal orders (null: nothing to order)
  readonly saved: readonly Order[]; // the seat's orders on the server
  readonly serverReady: boolean; // the seat's ready flag on the server
}

/** Everything that changes the controller's state. */
export type OrderingAction =
  | { readonly type: "selectUnit"; readonly location: LocationId | null } // a fresh selection, in "move" mode
  | { readonly type: "select"; readonly selection: Selection } // a next step (a choice to make), or letting go
  | { readonly type: "setMode"; readonly mode: OrderMode } // move, support or convoy: back to the first step
  | { readonly type: "pickTarget"; readonly location: LocationId | null } // the unit to support or convoy
  | { readonly type: "send"; readonly orders: readonly Order[]; readonly deselect: boolean } // a new order list
  | { readonly type: "sendReady"; readonly ready: boolean }
  | { readonly type: "echo"; readonly saved: readonly Order[]; readonly serverReady: boolean } // the server's state
  | { readonly type: "refused"; readonly move: string } // the server refused a move (the saved state stands)
  | { readonly type: "newPhase" }; // the server moved on (and cleared the orders)

/** Nothing selected, nothing in flight. */
export const INITIAL_ORDERING: OrderingState = { draft: null, readyDraft: null, selection: null };

/** The one transition of the controller's state. Returns `state` itself when nothing changes. */
export function orderingReducer(state: OrderingState, action: OrderingAction): OrderingState {
  switch (action.type) {
    case "selectUnit":
      return {
        ...state,
        selection:
          action.location === null
            ? null
            : { kind: "unit", location: action.location, mode: "move", target: null, choose: null },
      };
    case "select":
      return { ...state, selection: action.selection };
    case "setMode": {
      const s = state.selection;
      return s?.kind === "unit"
        ? { ...state, selection: { ...s, mode: action.mode, target: null, choose: null } }
        : state;
    }
    case "pickTarget": {
      const s = state.selection;
      return s?.kind === "unit"
        ? { ...state, selection: { ...s, target: action.location, choose: null } }
        : state;
    }
    case "send":
      return { ...state, draft: action.orders, selection: action.deselect ? null : state.selection };
    case "sendReady":
      return { ...state, readyDraft: action.ready };
    case "echo": {
      const settled = state.draft !== null && sameOrders(state.draft, action.saved);
      const readySettled = state.readyDraft !== null && state.readyDraft === action.serverReady;
      if (!settled && !readySettled) return state;
      return {
        ...state,
        draft: settled ? null : state.draft,
        readyDraft: readySettled ? null : state.readyDraft,
      };
    }
    case "refused":
      if (action.move === "orders" && state.draft !== null) return { ...state, draft: null };
      if (action.move === "ready" && state.readyDraft !== null) return { ...state, readyDraft: null };
      return state;
    case "newPhase":
      return state.draft === null && state.readyDraft === null && state.selection === null
        ? state
        : INITIAL_ORDERING;
  }
}

// ---------------------------------------------------------------------------------------------
// Selectors

/** The orders to show: the draft when one is in flight, else what the server holds. */
export function shownOrders(state: OrderingState, board: OrderingBoard): readonly Order[] {
  return state.draft ?? board.saved;
}

/** The ready flag to show: the one in flight, else the server's. */
export function shownReady(state: OrderingState, board: OrderingBoard): boolean {
  return state.readyDraft ?? board.serverReady;
}

/** The legal orders of the unit at `location` (none in an adjustment phase). */
function unitOrders(legal: LegalOrders | null, location: LocationId): readonly Order[] {
  if (legal === null || legal.phase === "adjustment") return [];
  return legal.units.find((u) => u.unit.location === location)?.orders ?? [];
}

/** The orders the selection may be given in its current mode and step. */
export function optionsOf(state: OrderingState, board: OrderingBoard): readonly Order[] {
  const { selection } = state;
  if (selection === null || board.map === null) return [];
  if (selection.kind === "build") return selection.choose;
  if (selection.choose !== null) return selection.choose;
  const all = unitOrders(board.legal, selection.location);
  if (board.legal?.phase === "retreat") return all.filter((o) => o.kind === "retreat");
  switch (selection.mode) {
    case "move":
      return all.filter((o) => o.kind === "move");
    case "support":
      return selection.target === null
        ? distinctBy(
            all.filter((o) => o.kind === "support"),
            (o) => o.target.location,
          )
        : all.filter((o) => o.kind === "support" && o.target.location === selection.target);
    case "convoy":
      return selection.target === null
        ? distinctBy(
            all.filter((o) => o.kind === "convoy"),
            (o) => o.target.location,
          )
        : all.filter((o) => o.kind === "convoy" && o.target.location === selection.target);
  }
}

/** The provinces the map highlights as the next click. */
export function targetsOf(state: OrderingState, board: OrderingBoard): readonly ProvinceId[] {
  const { map, legal } = board;
  const { selection } = state;
  if (map === null || legal === null) return [];
  const provinces = (locs: readonly LocationId[]) => [...new Set(locs.map((l) => provinceOf(map, l)))];
  if (legal.phase === "adjustment") {
    if (selection?.kind === "build") return [selection.province];
    if (legal.change > 0) return provinces(legal.builds.map((b) => b.unit.location));
    if (legal.change < 0) return provinces(legal.removals.map((r) => r.unit.location));
    return [];
  }
  if (selection === null || selection.kind !== "unit") return [];
  const locs: LocationId[] = [];
  for (const o of optionsOf(state, board)) {
    if (o.kind === "move" || o.kind === "retreat") locs.push(o.to);
    else if ((o.kind === "support" || o.kind === "convoy") && selection.target === null)
      locs.push(o.target.location);
    else if (o.kind === "support") locs.push(o.to ?? o.target.location);
    else if (o.kind === "convoy") locs.push(o.to);
  }
  return provinces(locs);
}

/** The province outlined on the map: the selected unit's, or the build being chosen. */
export function selectedProvinceOf(state: OrderingState, board: OrderingBoard): ProvinceId | null {
  const { selection } = state;
  if (board.map === null || selection === null) return null;
  return selection.kind === "unit" ? provinceOf(board.map, selection.location) : selection.province;
}

// ---------------------------------------------------------------------------------------------
// Inputs → actions

/** Giving `order`: it replaces the unit's order (or adds a waive) and the selection closes. */
export function giveAction(state: OrderingState, board: OrderingBoard, order: Order): OrderingAction | null {
  if (board.map === null) return null;
  return { type: "send", orders: withOrder(board.map, shownOrders(state, board), order), deselect: true };
}

/** Clearing the order(s) stored under `key` (a unit's, or a build's); the selection closes. */
export function clearKeyAction(
  state: OrderingState,
  board: OrderingBoard,
  key: string,
): OrderingAction | null {
  if (board.map === null) return null;
  return { type: "send", orders: withoutKey(board.map, shownOrders(state, board), key), deselect: true };
}

/** Taking back one waived build. */
export function removeWaiveAction(state: OrderingState, board: OrderingBoard): OrderingAction {
  return { type: "send", orders: withoutOneWaive(shownOrders(state, board)), deselect: false };
}

/** Sending a whole order list (typed orders); the selection stays. */
export function sendAction(orders: readonly Order[]): OrderingAction {
  return { type: "send", orders, deselect: false };
}

/** One typed order the rules refused, and why. */
export interface RefusedOrder {
  readonly text: string; // as typed
  readonly reason: string; // the parser's or the adjudicator's message
}

/** What the "Type orders" box made of its text. */
export interface TypedOrders {
  readonly given: readonly Order[]; // the orders kept, in the order typed
  readonly refused: readonly RefusedOrder[];
  readonly action: OrderingAction | null; // the new order list to send; null when nothing was kept
}

/** The message of the rules' reason for ignoring `order` alone at `position`, if they give one. */
function illegalReason(map: GameMap, position: Position, order: Order): string | null {
  return resolvePhase(map, position, [order]).resolved.resolution.results[0]?.reason?.message ?? null;
}

/**
 * Orders typed in standard notation, one a line or separated by ";": each is parsed (the shared
 * parser) and looked up among the legal orders; the valid ones are given as if entered one by one
 * (a later order for a unit replaces an earlier one), and each other one is refused with the
 * parser's message, or the adjudicator's reason for ignoring it. [] of both when the text is blank.
 */
export function typedOrders(
  state: OrderingState,
  board: OrderingBoard,
  position: Position,
  power: PowerId,
  text: string,
): TypedOrders {
  const { map, legal } = board;
  const lines = text
    .split(/[\n;]+/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (map === null || legal === null || lines.length === 0) return { given: [], refused: [], action: null };
  const units = position.phase === "retreat" ? position.dislodged.map((d) => d.unit) : position.units;
  let orders = [...shownOrders(state, board)];
  const given: Order[] = [];
  const refused: RefusedOrder[] = [];
  for (const line of lines) {
    const parsed = parseOrder(line, { map, power, phase: position.phase, units });
    if (!parsed.ok) {
      refused.push({ text: line, reason: inPlainWords(map, parsed.error.message) });
      continue;
    }
    const found = findLegal(legal, parsed.value);
    if (found === null) {
      const reason = illegalReason(map, position, parsed.value) ?? "the rules do not allow that order now";
      refused.push({ text: line, reason: inPlainWords(map, reason) });
      continue;
    }
    const order = found.kind === "waive" ? { ...found, power } : found;
    given.push(order);
    orders = withOrder(map, orders, order);
  }
  return { given, refused, action: given.length === 0 ? null : sendAction(orders) };
}

/** Flipping the ready flag shown. */
export function toggleReadyAction(state: OrderingState, board: OrderingBoard): OrderingAction {
  return { type: "sendReady", ready: !shownReady(state, board) };
}

/** The seat's unit (or dislodged unit) in `province`, for selecting it from the map. */
function myUnitIn(board: OrderingBoard, province: ProvinceId): LocationId | null {
  const { legal, map } = board;
  if (legal === null || map === null || legal.phase === "adjustment") return null;
  return legal.units.find((u) => provinceOf(map, u.unit.location) === province)?.unit.location ?? null;
}

/**
 * A click (or Enter) on a province of the map: in an adjustment phase it builds, removes, clears or
 * asks which build; otherwise it takes the selection's next step (a target to support or convoy,
 * an order to give, a choice between orders), lets go of the selected unit, or selects the seat's
 * unit there. Null when the click does nothing.
 */
export function provinceAction(
  state: OrderingState,
  board: OrderingBoard,
  province: ProvinceId,
): OrderingAction | null {
  const { map, legal } = board;
  const { selection } = state;
  if (map === null || legal === null) return null;
  const shown = shownOrders(state, board);
  if (legal.phase === "adjustment") {
    if (selection?.kind === "build" && selection.province === province) {
      return { type: "select", selection: null }; // a second click lets go of the choice
    }
    const key = legal.change > 0 ? `build:${province}` : `unit:${province}`;
    if (shown.some((o) => orderKey(map, o) === key)) return clearKeyAction(state, board, key);
    if (Math.abs(legal.change) - shown.length <= 0) return null;
    const fits = (legal.change > 0 ? legal.builds : legal.removals).filter(
      (o) => provinceOf(map, o.unit.location) === province,
    );
    if (fits.length === 1) return giveAction(state, board, fits[0]!);
    if (fits.length > 1) return { type: "select", selection: { kind: "build", province, choose: fits } };
    return null;
  }
  if (selection?.kind === "unit") {
    if (provinceOf(map, selection.location) === province && selection.target === null) {
      return { type: "select", selection: null }; // a second click on the selected unit lets go of it
    }
    const fits = optionsOf(state, board).filter((o) => {
      if (o.kind === "move" || o.kind === "retreat") return provinceOf(map, o.to) === province;
      if (o.kind === "support" || o.kind === "convoy") {
        if (selection.target === null) return provinceOf(map, o.target.location) === province;
        const to = o.kind === "support" ? (o.to ?? o.target.location) : o.to;
        return provinceOf(map, to) === province;
      }
      return false;
    });
    if (fits.length > 0) {
      if ((selection.mode === "support" || selection.mode === "convoy") && selection.target === null) {
        const f = fits[0]!;
        return f.kind === "support" || f.kind === "convoy"
          ? { type: "pickTarget", location: f.target.location }
          : null;
      }
      const direct = fits.filter((o) => !(o.kind === "move" && o.viaConvoy));
      const choice = direct.length > 0 ? direct : fits;
      if (choice.length === 1) return giveAction(state, board, choice[0]!);
      return { type: "select", selection: { ...selection, choose: choice } };
    }
  }
  return { type: "selectUnit", location: myUnitIn(board, province) };
}
