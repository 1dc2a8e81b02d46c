/**
 * Order texts sent to `POST …/seat/orders`, read with the shared notation (`parseOrder`: any case,
 * names and aliases, verbs as letters or words) and taken when the order, in canonical notation
 * (`formatOrder`), is one of the power's legal orders now (`legalOrders`: every order offered is
 * one the adjudicator accepts). Each refused text says why, with the notation's code or
 * `illegal-order` / `unit-ordered-twice`. Pure.
 */
import {
  formatOrder,
  parseOrder,
  type GameMap,
  type MatchState,
  type Order,
  type PowerId,
} from "../../../shared/src";
import type { z } from "zod";
import type { seatRefusedOrderSchema } from "../../../shared/src/wire";
import { legalOrderTexts } from "./context";

/** An order text the seat API did not take. */
export type RefusedOrder = z.infer<typeof seatRefusedOrderSchema>;

/** The orders taken (in the order sent) and the texts refused. */
export interface ReadOrders {
  readonly accepted: readonly Order[];
  readonly refused: readonly RefusedOrder[];
}

/** The unit an order is for, or null for one that names none (`waive`, builds: each a place of its own). */
function orderedUnit(order: Order): string | null {
  if (order.kind === "waive" || order.kind === "build") return null;
  return order.unit.location;
}

/** Reads the power's order texts against the match's position and legal orders. */
export function readOrders(
  map: GameMap,
  G: MatchState,
  power: PowerId,
  texts: readonly string[],
): ReadOrders {
  const position = G.position;
  const legal = new Set(Object.values(legalOrderTexts(map, G, power)).flat());
  const units = [...position.units, ...position.dislodged.map((d) => d.unit)];
  const accepted: Order[] = [];
  const refused: RefusedOrder[] = [];
  const ordered = new Set<string>();
  for (const text of texts) {
    const parsed = parseOrder(text, { map, power, phase: position.phase, units });
    if (!parsed.ok) {
      refused.push({ order: text, code: parsed.error.code, reason: parsed.error.message });
      continue;
    }
    const order = parsed.value;
    const canonical = formatOrder(order);
    if (!legal.has(canonical)) {
      refused.push({
        order: text,
        code: "illegal-order",
        reason: `"${canonical}" is not one of ${power}'s legal orders now (see legalOrders)`,
      });
      continue;
    }
    const unit = orderedUnit(order) ?? canonical;
    if (ordered.has(unit)) {
      refused.push({
        order: text,
        code: "unit-ordered-twice",
        reason: `${unit} already has an order in this list`,
      });
      continue;
    }
    ordered.add(unit);
    accepted.push(order);
  }
  return { accepted, refused };
}
