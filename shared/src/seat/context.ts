/**
 * A seat's context (docs/seat-api.md): what its power may see, built only from the rules'
 * `playerView` of the match and the press the power may read (every communiqué, the messages it
 * sent or received) — never from the match itself. Pure: the caller fetches the state, the press
 * and the clock. Shared by the server's seat API and headless play (language-model bots).
 */
import { centreCounts } from "../game/phases";
import { phaseKey } from "../game/position";
import { getMap } from "../map/registry";
import type { GameMap, PowerId, Unit } from "../map/types";
import type { MatchState, PressItem } from "../match/types";
import { playerView } from "../match/view";
import { formatOrder, legalOrders } from "../orders";
import type { Order } from "../orders/types";
import type { SeatContext } from "../wire/seat";

/** A context without its sequence number and `since` (they are the seat's, see `SeatSeqs`). */
export type SeatView = Omit<SeatContext, "seq" | "since">;

/** A unit as order text writes it: `A par`. */
export function unitText(unit: Pick<Unit, "type" | "location">): string {
  return `${unit.type} ${unit.location}`;
}

/**
 * Every order the power may give now, as the order text `POST …/seat/orders` takes back: by unit
 * (`A par` → its orders) in movement and retreat phases; in an adjustment phase every build under
 * `build` (with `waive`) and each removal under its unit.
 */
export function legalOrderTexts(map: GameMap, state: MatchState, power: PowerId): Record<string, string[]> {
  const legal = legalOrders(map, state.position, power);
  const out: Record<string, string[]> = {};
  const text = (order: Order): string => formatOrder(order);
  if (legal.phase !== "adjustment") {
    for (const { unit, orders } of legal.units) out[unitText(unit)] = orders.map(text);
    return out;
  }
  if (legal.builds.length > 0 || legal.canWaive)
    out["build"] = [...legal.builds.map(text), ...(legal.canWaive ? ["waive"] : [])];
  for (const removal of legal.removals) out[unitText(removal.unit)] = [text(removal)];
  return out;
}

/** How many units the power may build (> 0) or must remove (< 0) in an adjustment phase. */
function adjustmentChange(map: GameMap, state: MatchState, power: PowerId): number {
  const legal = legalOrders(map, state.position, power);
  return legal.phase === "adjustment" ? legal.change : 0;
}

/**
 * The seat's view of a match: `playerView(G, power)` as the seat API shows it, with the press the
 * power may read (`press`: the store's history for that power) and the phase's deadline.
 */
export function seatView(
  matchID: string,
  G: MatchState,
  power: PowerId,
  press: readonly PressItem[],
  deadline: number | null,
): SeatView {
  const view = playerView(G, power);
  const map = getMap(view.settings.mapId);
  if (map === null) throw new Error(`match ${matchID}: unknown map ${view.settings.mapId}`);
  const position = view.position;
  const over = view.result !== null;
  const counts = centreCounts(map, position);
  const centres: Record<string, number> = {};
  for (const p of view.powers) centres[p] = counts.get(p) ?? 0;
  const pick = <T>(record: Readonly<Record<PowerId, T>>): Record<string, T> =>
    Object.fromEntries(view.powers.filter((p) => Object.hasOwn(record, p)).map((p) => [p, record[p]!]));
  return {
    matchID,
    power,
    phase: {
      key: phaseKey(position),
      season: position.season,
      year: position.year,
      kind: position.phase,
      deadline: over ? null : deadline,
      ...(position.phase === "adjustment" ? { change: adjustmentChange(map, view, power) } : {}),
    },
    board: {
      units: position.units.map((u) => ({ power: u.power, unit: unitText(u) })),
      dislodged: position.dislodged.map((d) => ({ power: d.unit.power, unit: unitText(d.unit) })),
      centres: { ...position.supplyCenters },
    },
    legalOrders: over ? {} : legalOrderTexts(map, view, power),
    orders: (view.orders[power] ?? []).map((o) => formatOrder(o)),
    ready: view.ready[power] === true,
    press: [...press],
    commitments: view.commitments.map((c) => ({ ...c })),
    notices: view.notices.map((n) => ({ ...n })),
    editions: view.editions.map((e) => ({ ...e })),
    standing: {
      reputation: pick(view.reputation),
      prestige: pick(view.prestige),
      centres,
      ready: pick(view.ready),
      result: view.result === null ? null : { ...view.result },
    },
    draw: { vote: view.drawVotes[power] === true, open: view.drawOpen === true },
  };
}
