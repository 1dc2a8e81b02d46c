/**
 * The board as text, for players who do not see the map (issue 13, item 7): each power's units in
 * full words, who owns each supply centre, and the seat's own orders in plain English (the words of
 * the orders tab, orderModel.ts). Pure: BoardText.tsx renders it.
 */
import type { Position } from "../../../shared/src/game/position";
import type { GameMap, PowerId, Unit } from "../../../shared/src/map/types";
import type { Order } from "../../../shared/src/orders/types";
import { describeOrder, placeName, unitName } from "../game/orderModel";

/** One line of the text board: who it is about, and what. */
export interface BoardTextRow {
  readonly power: PowerId | null; // null for the neutral centres
  readonly label: string; // "Austria", "Austria, 3 centres", "Neutral, 12 centres"
  readonly text: string; // "army in Vienna, fleet in Trieste"
}

/** The whole text board. */
export interface BoardText {
  readonly units: readonly BoardTextRow[]; // every power of the map, in map order
  readonly centres: readonly BoardTextRow[]; // every power of the map, then the neutral centres
  readonly orders: readonly string[]; // the seat's orders, one sentence each
}

/** "army in Vienna", "fleet in Spain (south coast)". */
function unitWords(map: GameMap, u: Unit): string {
  return `${u.type === "A" ? "army" : "fleet"} in ${placeName(map, u.location)}`;
}

/** A list in words, or `none` when it is empty. */
function listOrNone(items: readonly string[], none: string): string {
  return items.length === 0 ? none : items.join(", ");
}

/** "1 centre", "3 centres". */
function centresCount(n: number): string {
  return `${n} ${n === 1 ? "centre" : "centres"}`;
}

/** An order as one sentence: "Army Vienna moves to Galicia", "Build an army in Paris". */
export function orderSentence(map: GameMap, order: Order): string {
  switch (order.kind) {
    case "build":
    case "remove":
    case "waive":
      return describeOrder(map, order);
    default:
      return `${unitName(map, order.unit)} ${describeOrder(map, order)}`;
  }
}

/**
 * The text board of `position`: units by power (dislodged ones marked, with where they may
 * retreat), centres by owner (sorted by name), and `power`'s own orders among `orders` (none for a
 * spectator, `power` null).
 */
export function boardText(
  map: GameMap,
  position: Position,
  orders: readonly Order[],
  power: PowerId | null,
): BoardText {
  const byName = (a: string, b: string) => a.localeCompare(b, "en");
  const units = map.powers.map((p) => {
    const standing = position.units
      .filter((u) => u.power === p.id)
      .map((u) => unitWords(map, u))
      .sort(byName);
    const dislodged = position.dislodged
      .filter((d) => d.unit.power === p.id)
      .map((d) => {
        const retreats = d.retreats.map((r) => placeName(map, r));
        return `dislodged ${unitWords(map, d.unit)} (${retreats.length === 0 ? "no retreat" : `may retreat to ${retreats.join(" or ")}`})`;
      })
      .sort(byName);
    return { power: p.id, label: p.name, text: listOrNone([...standing, ...dislodged], "no units") };
  });
  const centreNames = map.provinces.filter((p) => p.supplyCenter);
  const ownedBy = (owner: PowerId | undefined) =>
    centreNames
      .filter((p) => position.supplyCenters[p.id] === owner)
      .map((p) => p.name)
      .sort(byName);
  const centres: BoardTextRow[] = map.powers.map((p) => {
    const names = ownedBy(p.id);
    return {
      power: p.id,
      label: `${p.name}, ${centresCount(names.length)}`,
      text: listOrNone(names, "none"),
    };
  });
  const neutral = ownedBy(undefined);
  centres.push({
    power: null,
    label: `Neutral, ${centresCount(neutral.length)}`,
    text: listOrNone(neutral, "none"),
  });
  const own = power === null ? [] : orders.filter((o) => o.power === power).map((o) => orderSentence(map, o));
  return { units, centres, orders: own };
}
