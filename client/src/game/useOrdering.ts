/**
 * The ordering controller shared by the map and the orders tab. It reads the legal orders of the
 * seat's power (`legalOrders`, the only source of what may be clicked), keeps the selection
 * (a unit and what it is being ordered to do), and keeps the draft sent to the server until the
 * server's `G.orders` echoes it back — so the screen can tell "sending…" from "saved ✓". Every
 * change sends the whole order list.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { legalOrders, type LegalOrders } from "../../../shared/src/orders/legal";
import type { Order } from "../../../shared/src/orders/types";
import type { LocationId, ProvinceId } from "../../../shared/src/map/types";
import { mustAct } from "../../../shared/src/match/actions";
import {
  distinctBy,
  orderKey,
  provinceOf,
  sameOrders,
  withOrder,
  withoutKey,
  withoutOneWaive,
} from "./orderModel";
import type { MatchHandle } from "./useMatch";

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
  onProvince(id: ProvinceId): void;
  selectUnit(location: LocationId | null): void;
  setMode(mode: OrderMode): void;
  pickTarget(location: LocationId | null): void;
  give(order: Order): void;
  clearKey(key: string): void;
  removeWaive(): void;
  send(orders: readonly Order[]): void;
  toggleReady(): void;
}

/** The ordering controller of a seat (a spectator gets one with nothing to order). */
export function useOrdering(match: MatchHandle): Ordering {
  const { G, map, power, act, error } = match;
  const position = G?.position ?? null;
  const legal = useMemo(
    () => (map !== null && position !== null && power !== null ? legalOrders(map, position, power) : null),
    [map, position, power],
  );
  const saved = useMemo(() => (power === null ? [] : (G?.orders[power] ?? [])), [G, power]);
  const serverReady = power !== null && G?.ready[power] === true;
  const [draft, setDraft] = useState<readonly Order[] | null>(null);
  const [readyDraft, setReadyDraft] = useState<boolean | null>(null);
  const [selection, setSelection] = useState<Selection>(null);

  // The server's echo settles the draft; so does a refusal (the saved orders stand).
  useEffect(() => {
    if (draft !== null && sameOrders(draft, saved)) setDraft(null);
  }, [draft, saved]);
  useEffect(() => {
    if (readyDraft !== null && readyDraft === serverReady) setReadyDraft(null);
  }, [readyDraft, serverReady]);
  useEffect(() => {
    if (error === null) return;
    if (error.move === "orders") setDraft(null);
    if (error.move === "ready") setReadyDraft(null);
  }, [error]);
  // A new phase: the server cleared the orders; so do we.
  const phaseKey = position === null ? "" : `${position.year}-${position.season}-${position.phase}`;
  useEffect(() => {
    setDraft(null);
    setReadyDraft(null);
    setSelection(null);
  }, [phaseKey]);

  const shown = draft ?? saved;

  const send = useCallback(
    (orders: readonly Order[]) => {
      setDraft(orders);
      act("orders", { orders });
    },
    [act],
  );

  const give = useCallback(
    (order: Order) => {
      if (map === null) return;
      send(withOrder(map, shown, order));
      setSelection(null);
    },
    [map, send, shown],
  );

  const unitOrders = useCallback(
    (location: LocationId): readonly Order[] => {
      if (legal === null || legal.phase === "adjustment") return [];
      return legal.units.find((u) => u.unit.location === location)?.orders ?? [];
    },
    [legal],
  );

  // The choices of the selection in its current step.
  const options = useMemo((): readonly Order[] => {
    if (selection === null || map === null) return [];
    if (selection.kind === "build") return selection.choose;
    if (selection.choose !== null) return selection.choose;
    const all = unitOrders(selection.location);
    if (legal?.phase === "retreat") return all.filter((o) => o.kind === "retreat");
    switch (selection.mode) {
      case "move":
        return all.filter((o) => o.kind === "move");
      case "support":
        return selection.target === null
          ? distinctBy(
              all.filter((o) => o.kind === "support"),
              (o) => (o.kind === "support" ? o.target.location : ""),
            )
          : all.filter((o) => o.kind === "support" && o.target.location === selection.target);
      case "convoy":
        return selection.target === null
          ? distinctBy(
              all.filter((o) => o.kind === "convoy"),
              (o) => (o.kind === "convoy" ? o.target.location : ""),
            )
          : all.filter((o) => o.kind === "convoy" && o.target.location === selection.target);
    }
  }, [selection, map, unitOrders, legal]);

  // What the map highlights.
  const targets = useMemo((): readonly ProvinceId[] => {
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
    for (const o of options) {
      if (o.kind === "move" || o.kind === "retreat") locs.push(o.to);
      else if ((o.kind === "support" || o.kind === "convoy") && selection.target === null)
        locs.push(o.target.location);
      else if (o.kind === "support") locs.push(o.to ?? o.target.location);
      else if (o.kind === "convoy") locs.push(o.to);
    }
    return provinces(locs);
  }, [map, legal, selection, options]);

  const selectUnit = useCallback((location: LocationId | null) => {
    setSelection(
      location === null ? null : { kind: "unit", location, mode: "move", target: null, choose: null },
    );
  }, []);

  const setMode = useCallback((mode: OrderMode) => {
    setSelection((s) => (s?.kind === "unit" ? { ...s, mode, target: null, choose: null } : s));
  }, []);

  const pickTarget = useCallback((location: LocationId | null) => {
    setSelection((s) => (s?.kind === "unit" ? { ...s, target: location, choose: null } : s));
  }, []);

  const clearKey = useCallback(
    (key: string) => {
      if (map === null) return;
      send(withoutKey(map, shown, key));
      setSelection(null);
    },
    [map, send, shown],
  );

  const removeWaive = useCallback(() => send(withoutOneWaive(shown)), [send, shown]);

  // My units (or dislodged units) by province, for selecting from the map.
  const myUnitIn = useCallback(
    (province: ProvinceId): LocationId | null => {
      if (legal === null || map === null || legal.phase === "adjustment") return null;
      return legal.units.find((u) => provinceOf(map, u.unit.location) === province)?.unit.location ?? null;
    },
    [legal, map],
  );

  const onProvince = useCallback(
    (province: ProvinceId) => {
      if (map === null || legal === null) return;
      if (legal.phase === "adjustment") {
        if (selection?.kind === "build" && selection.province === province) {
          setSelection(null); // a second click lets go of the choice
          return;
        }
        const key = legal.change > 0 ? `build:${province}` : `unit:${province}`;
        if (shown.some((o) => orderKey(map, o) === key)) {
          clearKey(key);
          return;
        }
        if (Math.abs(legal.change) - shown.length <= 0) return;
        const fits = (legal.change > 0 ? legal.builds : legal.removals).filter(
          (o) => provinceOf(map, o.unit.location) === province,
        );
        if (fits.length === 1) give(fits[0]!);
        else if (fits.length > 1) setSelection({ kind: "build", province, choose: fits });
        return;
      }
      const mine = myUnitIn(province);
      if (selection?.kind === "unit") {
        if (provinceOf(map, selection.location) === province && selection.target === null) {
          setSelection(null); // a second click on the selected unit lets go of it
          return;
        }
        const fits = options.filter((o) => {
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
            if (f.kind === "support" || f.kind === "convoy") pickTarget(f.target.location);
            return;
          }
          const direct = fits.filter((o) => !(o.kind === "move" && o.viaConvoy));
          const choice = direct.length > 0 ? direct : fits;
          if (choice.length === 1) give(choice[0]!);
          else setSelection({ ...selection, choose: choice });
          return;
        }
      }
      selectUnit(mine);
    },
    [map, legal, shown, clearKey, give, myUnitIn, selection, options, pickTarget, selectUnit],
  );

  const toggleReady = useCallback(() => {
    const next = !(readyDraft ?? serverReady);
    setReadyDraft(next);
    act("ready", { ready: next });
  }, [act, readyDraft, serverReady]);

  const selectedProvince =
    map === null || selection === null
      ? null
      : selection.kind === "unit"
        ? provinceOf(map, selection.location)
        : selection.province;

  return {
    legal,
    mustAct: map !== null && G !== null && power !== null && mustAct(map, G, power),
    saved,
    shown,
    sending: draft !== null,
    ready: readyDraft ?? serverReady,
    readySending: readyDraft !== null,
    selection,
    selectedProvince,
    targets,
    options,
    onProvince,
    selectUnit,
    setMode,
    pickTarget,
    give,
    clearKey,
    removeWaive,
    send,
    toggleReady,
  };
}
