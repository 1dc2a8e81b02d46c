/**
 * The ordering controller's reducer (client/src/game/ordering.ts) on the classic map: selecting a
 * unit from the board, choosing move, support or convoy and their steps, a choice between coasts,
 * letting go, typed orders (several on a line, the bad ones refused with their reason), clearing, builds, removals and waives, retreats, the ready flag, the
 * server's echo and refusals, and a new phase clearing everything.
 */
import { describe, expect, it } from "vitest";
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
  type OrderingAction,
  type OrderingBoard,
  type OrderingState,
} from "../../client/src/game/ordering";
import { inPlainWords } from "../../client/src/game/orderModel";
import { initialPosition } from "../../shared/src/game/phases";
import type { Position } from "../../shared/src/game/position";
import { getMap } from "../../shared/src/map/registry";
import type { Unit } from "../../shared/src/map/types";
import { legalOrders } from "../../shared/src/orders/legal";
import { formatOrder } from "../../shared/src/orders/notation";
import type { Order } from "../../shared/src/orders/types";

const map = getMap("classic")!;

/** The board of `power` at `position`, with `saved` on the server. */
function boardOf(position: Position, power: string, saved: readonly Order[] = []): OrderingBoard {
  return { map, legal: legalOrders(map, position, power), saved, serverReady: false };
}

/** A position of the classic map with the given units. */
function positionWith(units: readonly Unit[], extra: Partial<Position> = {}): Position {
  return {
    year: 1901,
    season: "spring",
    phase: "movement",
    units,
    dislodged: [],
    supplyCenters: {},
    ...extra,
  };
}

const unit = (power: string, type: "A" | "F", location: string): Unit => ({ power, type, location });
const text = (orders: readonly Order[]) => orders.map((o) => formatOrder(o));
const sorted = (xs: readonly string[]) => [...xs].sort();

/** Applies an action that must exist. */
function step(state: OrderingState, action: OrderingAction | null): OrderingState {
  expect(action).not.toBeNull();
  return orderingReducer(state, action!);
}

/** Clicks provinces one after the other, as the map would. */
function click(state: OrderingState, board: OrderingBoard, ...provinces: string[]): OrderingState {
  return provinces.reduce((s, p) => step(s, provinceAction(s, board, p)), state);
}

describe("the ordering reducer: a unit's move", () => {
  const board = boardOf(initialPosition(map), "ENG");

  it("selects the seat's unit clicked on the map, in move mode, and highlights where it may go", () => {
    const s = click(INITIAL_ORDERING, board, "lon");
    expect(s.selection).toEqual({ kind: "unit", location: "lon", mode: "move", target: null, choose: null });
    expect(selectedProvinceOf(s, board)).toBe("lon");
    expect(text(optionsOf(s, board))).toEqual(["F lon - eng", "F lon - nth", "F lon - wal", "F lon - yor"]);
    expect(sorted(targetsOf(s, board))).toEqual(["eng", "nth", "wal", "yor"]);
  });

  it("selects nothing on a click where the seat has no unit", () => {
    expect(provinceAction(INITIAL_ORDERING, board, "par")).toEqual({ type: "selectUnit", location: null });
    expect(click(INITIAL_ORDERING, board, "par").selection).toBeNull();
    expect(targetsOf(INITIAL_ORDERING, board)).toEqual([]);
    expect(optionsOf(INITIAL_ORDERING, board)).toEqual([]);
  });

  it("lets go of the unit on a second click, and moves to another of the seat's units", () => {
    expect(click(INITIAL_ORDERING, board, "lon", "lon").selection).toBeNull();
    expect(click(INITIAL_ORDERING, board, "lon", "edi").selection).toMatchObject({ location: "edi" });
    expect(click(INITIAL_ORDERING, board, "lon", "par").selection).toBeNull();
  });

  it("gives the move on a click on a target: the draft is sent and the selection closes", () => {
    const selected = click(INITIAL_ORDERING, board, "lon");
    const action = provinceAction(selected, board, "nth");
    expect(action).toMatchObject({ type: "send", deselect: true });
    const s = step(selected, action);
    expect(text(shownOrders(s, board))).toEqual(["F lon - nth"]);
    expect(s.selection).toBeNull();
    // A second order for the same unit replaces the first.
    const again = click(s, board, "lon", "eng");
    expect(text(shownOrders(again, board))).toEqual(["F lon - eng"]);
  });

  it("selects from the orders tab and gives an order picked there", () => {
    const s = step(INITIAL_ORDERING, { type: "selectUnit", location: "lvp" });
    expect(optionsOf(s, board)).toHaveLength(4); // moves only, in move mode
    const given = step(s, giveAction(s, board, legalUnitOrder(board, "lvp", "A lvp H")));
    expect(text(shownOrders(given, board))).toEqual(["A lvp H"]);
    expect(given.selection).toBeNull();
    expect(orderingReducer(s, { type: "selectUnit", location: null }).selection).toBeNull();
  });
});

/** The legal order of the unit at `location` whose text is `wanted`. */
function legalUnitOrder(board: OrderingBoard, location: string, wanted: string): Order {
  const legal = board.legal!;
  if (legal.phase === "adjustment") throw new Error("not a movement phase");
  const found = legal.units
    .find((u) => u.unit.location === location)
    ?.orders.find((o) => formatOrder(o) === wanted);
  if (found === undefined) throw new Error(`no legal ${wanted}`);
  return found;
}

describe("the ordering reducer: support and convoy steps", () => {
  const board = boardOf(initialPosition(map), "ENG");

  it("supports in two steps: first the unit supported, then where it goes", () => {
    let s = click(INITIAL_ORDERING, board, "edi");
    s = step(s, { type: "setMode", mode: "support" });
    expect(s.selection).toMatchObject({ mode: "support", target: null });
    // First step: one option per unit that may be supported.
    expect(sorted(targetsOf(s, board))).toEqual(["lon", "lvp"]);
    s = click(s, board, "lvp");
    expect(s.selection).toMatchObject({ mode: "support", target: "lvp" });
    expect(text(optionsOf(s, board))).toEqual(["F edi S A lvp - cly", "F edi S A lvp - yor"]);
    expect(sorted(targetsOf(s, board))).toEqual(["cly", "yor"]);
    s = click(s, board, "yor");
    expect(text(shownOrders(s, board))).toEqual(["F edi S A lvp - yor"]);
    expect(s.selection).toBeNull();
  });

  it("goes back a step when the target is cleared, and starts over when the mode changes", () => {
    let s = click(INITIAL_ORDERING, board, "edi");
    s = step(s, { type: "setMode", mode: "support" });
    s = step(s, { type: "pickTarget", location: "lvp" });
    expect(step(s, { type: "pickTarget", location: null }).selection).toMatchObject({ target: null });
    expect(step(s, { type: "setMode", mode: "move" }).selection).toMatchObject({
      mode: "move",
      target: null,
      choose: null,
    });
    // With a target picked, a click on the unit itself does not let go of it.
    expect(provinceAction(s, board, "edi")).toEqual({ type: "selectUnit", location: "edi" });
  });

  it("ignores a mode or a target without a selected unit", () => {
    expect(orderingReducer(INITIAL_ORDERING, { type: "setMode", mode: "convoy" })).toBe(INITIAL_ORDERING);
    expect(orderingReducer(INITIAL_ORDERING, { type: "pickTarget", location: "lvp" })).toBe(INITIAL_ORDERING);
  });

  it("convoys in two steps, and the army's move takes the convoy when only that fits", () => {
    const position = positionWith([unit("ENG", "F", "nth"), unit("ENG", "A", "yor")]);
    const sea = boardOf(position, "ENG");
    let s = click(INITIAL_ORDERING, sea, "nth");
    s = step(s, { type: "setMode", mode: "convoy" });
    expect(targetsOf(s, sea)).toEqual(["yor"]);
    s = click(s, sea, "yor");
    expect(sorted(targetsOf(s, sea))).toEqual(["bel", "den", "edi", "hol", "lon", "nwy"]);
    s = click(s, sea, "nwy");
    expect(text(shownOrders(s, sea))).toEqual(["F nth C A yor - nwy"]);
    s = click(s, sea, "yor", "nwy");
    expect(text(shownOrders(s, sea))).toEqual(["F nth C A yor - nwy", "A yor - nwy via convoy"]);
    // Where a move by land fits too, the direct move is given.
    s = click(s, sea, "yor", "edi");
    expect(text(shownOrders(s, sea))).toEqual(["F nth C A yor - nwy", "A yor - edi"]);
  });

  it("asks which coast when a click fits two orders, then gives the one picked", () => {
    const sea = boardOf(positionWith([unit("ENG", "F", "mao")]), "ENG");
    const s = click(INITIAL_ORDERING, sea, "mao", "spa");
    expect(s.selection).toMatchObject({ kind: "unit", location: "mao" });
    expect(text(optionsOf(s, sea))).toEqual(["F mao - spa/nc", "F mao - spa/sc"]);
    expect(targetsOf(s, sea)).toEqual(["spa"]);
    const picked = step(s, giveAction(s, sea, optionsOf(s, sea)[1]!));
    expect(text(shownOrders(picked, sea))).toEqual(["F mao - spa/sc"]);
    // A new mode drops the pending choice.
    expect(step(s, { type: "setMode", mode: "move" }).selection).toMatchObject({ choose: null });
  });
});

describe("the ordering reducer: typed orders, clearing, and the server", () => {
  const board = boardOf(initialPosition(map), "ENG");
  const typed = [legalUnitOrder(board, "lon", "F lon - nth"), legalUnitOrder(board, "lvp", "A lvp - yor")];

  it("sends typed orders as they are, keeping the selection", () => {
    const selected = click(INITIAL_ORDERING, board, "edi");
    const s = step(selected, sendAction(typed));
    expect(text(shownOrders(s, board))).toEqual(["F lon - nth", "A lvp - yor"]);
    expect(s.selection).toEqual(selected.selection);
  });

  it("clears one unit's order and closes the selection", () => {
    const sent = step(click(INITIAL_ORDERING, board, "lon"), sendAction(typed));
    const s = step(sent, clearKeyAction(sent, board, "unit:lon"));
    expect(text(shownOrders(s, board))).toEqual(["A lvp - yor"]);
    expect(s.selection).toBeNull();
  });

  it("shows the draft until the server echoes it, then what the server holds", () => {
    const s = step(INITIAL_ORDERING, sendAction(typed));
    expect(s.draft).not.toBeNull();
    // Another state from the server leaves the draft in flight.
    expect(orderingReducer(s, { type: "echo", saved: [], serverReady: false })).toBe(s);
    // The same orders, in any order, settle it.
    const settled = orderingReducer(s, { type: "echo", saved: [...typed].reverse(), serverReady: false });
    expect(settled.draft).toBeNull();
    const echoed = boardOf(initialPosition(map), "ENG", typed);
    expect(text(shownOrders(settled, echoed))).toEqual(["F lon - nth", "A lvp - yor"]);
  });

  it("drops the draft when the server refuses the orders (the saved ones stand)", () => {
    const s = step(INITIAL_ORDERING, sendAction(typed));
    expect(orderingReducer(s, { type: "refused", move: "orders" }).draft).toBeNull();
    expect(orderingReducer(s, { type: "refused", move: "propose" })).toBe(s);
  });

  it("flips the ready flag shown, until the server echoes or refuses it", () => {
    const s = step(INITIAL_ORDERING, toggleReadyAction(INITIAL_ORDERING, board));
    expect(s.readyDraft).toBe(true);
    expect(shownReady(s, board)).toBe(true);
    expect(toggleReadyAction(s, board)).toEqual({ type: "sendReady", ready: false });
    expect(orderingReducer(s, { type: "echo", saved: [], serverReady: false })).toBe(s);
    expect(orderingReducer(s, { type: "echo", saved: [], serverReady: true }).readyDraft).toBeNull();
    expect(orderingReducer(s, { type: "refused", move: "ready" }).readyDraft).toBeNull();
  });

  it("clears the drafts and the selection in a new phase", () => {
    const busy = step(
      step(click(INITIAL_ORDERING, board, "lon"), { type: "sendReady", ready: true }),
      sendAction(typed),
    );
    expect(orderingReducer(busy, { type: "newPhase" })).toEqual(INITIAL_ORDERING);
    expect(orderingReducer(INITIAL_ORDERING, { type: "newPhase" })).toBe(INITIAL_ORDERING);
  });

  it("does nothing without a map or legal orders (a spectator)", () => {
    const none: OrderingBoard = { map: null, legal: null, saved: [], serverReady: false };
    expect(provinceAction(INITIAL_ORDERING, none, "lon")).toBeNull();
    expect(giveAction(INITIAL_ORDERING, none, typed[0]!)).toBeNull();
    expect(clearKeyAction(INITIAL_ORDERING, none, "unit:lon")).toBeNull();
    expect(targetsOf(INITIAL_ORDERING, none)).toEqual([]);
    expect(selectedProvinceOf(click(INITIAL_ORDERING, board, "lon"), none)).toBeNull();
  });
});

describe("the ordering reducer: retreats", () => {
  it("offers only the dislodged unit's retreats and gives one on a click", () => {
    const position = positionWith([unit("FRA", "A", "bur")], {
      phase: "retreat",
      dislodged: [
        { unit: unit("GER", "A", "bur"), attackerFrom: "par", byConvoy: false, retreats: ["mun", "ruh"] },
      ],
    });
    const board = boardOf(position, "GER");
    let s = click(INITIAL_ORDERING, board, "bur");
    expect(text(optionsOf(s, board))).toEqual(["A bur R mun", "A bur R ruh"]);
    expect(sorted(targetsOf(s, board))).toEqual(["mun", "ruh"]);
    s = click(s, board, "ruh");
    expect(text(shownOrders(s, board))).toEqual(["A bur R ruh"]);
  });
});

describe("the ordering reducer: adjustments", () => {
  const winter = (units: readonly Unit[], centres: readonly string[]) =>
    positionWith(units, {
      season: "winter",
      phase: "adjustment",
      supplyCenters: Object.fromEntries(centres.map((c) => [c, "GER"])),
    });

  it("builds on a click where one unit fits, asks army or fleet where two do, and clears on a second click", () => {
    const board = boardOf(winter([unit("GER", "A", "den")], ["kie", "ber", "mun", "den"]), "GER");
    expect(sorted(targetsOf(INITIAL_ORDERING, board))).toEqual(["ber", "kie", "mun"]);
    let s = click(INITIAL_ORDERING, board, "mun");
    expect(shownOrders(s, board)).toMatchObject([{ kind: "build", unit: { type: "A", location: "mun" } }]);
    s = click(s, board, "kie");
    expect(s.selection).toMatchObject({ kind: "build", province: "kie" });
    expect(optionsOf(s, board)).toHaveLength(2);
    expect(targetsOf(s, board)).toEqual(["kie"]);
    expect(selectedProvinceOf(s, board)).toBe("kie");
    expect(click(s, board, "kie").selection).toBeNull(); // a second click lets go of the choice
    s = step(s, giveAction(s, board, optionsOf(s, board)[1]!));
    expect(shownOrders(s, board)).toHaveLength(2);
    s = click(s, board, "mun"); // a built province clicked again: the build is cleared
    expect(shownOrders(s, board)).toMatchObject([{ kind: "build", unit: { location: "kie" } }]);
  });

  it("waives a build and takes the waive back, and stops at the number of builds", () => {
    const board = boardOf(winter([unit("GER", "A", "den")], ["kie", "mun", "den"]), "GER");
    let s = step(INITIAL_ORDERING, giveAction(INITIAL_ORDERING, board, { kind: "waive", power: "GER" }));
    expect(shownOrders(s, board)).toEqual([{ kind: "waive", power: "GER" }]);
    s = click(s, board, "mun");
    expect(shownOrders(s, board)).toHaveLength(2);
    expect(provinceAction(s, board, "kie")).toBeNull(); // both builds used
    s = step(s, removeWaiveAction(s, board));
    expect(shownOrders(s, board)).toMatchObject([{ kind: "build", unit: { location: "mun" } }]);
  });

  it("removes the unit clicked when removals are due", () => {
    const board = boardOf(winter([unit("GER", "A", "mun"), unit("GER", "A", "ber")], ["kie"]), "GER");
    expect(sorted(targetsOf(INITIAL_ORDERING, board))).toEqual(["ber", "mun"]);
    const s = click(INITIAL_ORDERING, board, "mun");
    expect(shownOrders(s, board)).toMatchObject([{ kind: "remove", unit: { location: "mun" } }]);
    expect(provinceAction(s, board, "ber")).toBeNull(); // one removal due, one given
  });
});

describe("inPlainWords", () => {
  it("names the map's places (coasts too) and powers, and leaves other words alone", () => {
    expect(inPlainWords(map, "the unit in mun belongs to GER")).toBe("the unit in Munich belongs to Germany");
    expect(inPlainWords(map, "no fleet at spa/sc")).toBe("no fleet at Spain (south coast)");
    expect(inPlainWords(map, "a move to xyz is not on the map; not MUN nor Ger")).toBe(
      "a move to xyz is not on the map; not MUN nor Ger",
    );
  });
});

describe("typed orders: several on a line (issue 12 item 6)", () => {
  const position = initialPosition(map);
  const board = boardOf(position, "AUS");

  it("keeps the valid orders of a line and names the reason for the bad one", () => {
    const typed = typedOrders(INITIAL_ORDERING, board, position, "AUS", "A vie - gal; A xyz - abc; F tri H");
    expect(text(typed.given)).toEqual(["A vie - gal", "F tri H"]);
    expect(typed.refused).toHaveLength(1);
    expect(typed.refused[0]!.text).toBe("A xyz - abc");
    expect(typed.refused[0]!.reason).toMatch(/xyz/);
    const s = step(INITIAL_ORDERING, typed.action);
    expect(text(shownOrders(s, board))).toEqual(["A vie - gal", "F tri H"]);
  });

  it("gives the orders as if entered one by one: on top of those shown, a later one replacing an earlier", () => {
    const saved = boardOf(position, "AUS", [legalUnitOrder(board, "bud", "A bud - ser")]);
    const typed = typedOrders(INITIAL_ORDERING, saved, position, "AUS", "A vie - gal\nA vie - tyr");
    expect(text(typed.given)).toEqual(["A vie - gal", "A vie - tyr"]);
    expect(typed.refused).toEqual([]);
    expect(text(shownOrders(step(INITIAL_ORDERING, typed.action), saved))).toEqual([
      "A bud - ser",
      "A vie - tyr",
    ]);
  });

  it("refuses an order the rules do not allow with the adjudicator's reason, and sends nothing when all are bad", () => {
    const typed = typedOrders(INITIAL_ORDERING, board, position, "AUS", "A vie - ber; A mun - bur");
    expect(typed.given).toEqual([]);
    expect(typed.action).toBeNull();
    expect(typed.refused.map((r) => r.text)).toEqual(["A vie - ber", "A mun - bur"]);
    for (const r of typed.refused) expect(r.reason).not.toBe("the rules do not allow that order now");
    // In players' words: places and powers by name, not the rules' ids.
    expect(typed.refused[1]!.reason).toBe("the unit in Munich belongs to Germany");
    expect(typedOrders(INITIAL_ORDERING, board, position, "AUS", " ; \n ")).toEqual({
      given: [],
      refused: [],
      action: null,
    });
  });
});
