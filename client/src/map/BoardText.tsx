/**
 * The board as text (boardText.ts), folded under "The board as text": units by power, centre
 * owners and the seat's own orders, for players who use a screen reader or cannot tell the board's
 * colours apart.
 */
import type { ReactNode } from "react";
import type { Position } from "../../../shared/src/game/position";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import type { Order } from "../../../shared/src/orders/types";
import { boardText } from "./boardText";

/** BoardText's props. */
export interface BoardTextProps {
  map: GameMap;
  position: Position;
  /** The orders shown on the board (the ordering controller's `shown`); only `power`'s are listed. */
  orders: readonly Order[];
  /** The seat's power; null for a spectator (no orders section). */
  power: PowerId | null;
}

/** The text board, folded by default. */
export function BoardText({ map, position, orders, power }: BoardTextProps): ReactNode {
  const text = boardText(map, position, orders, power);
  return (
    <details className="board-text" data-testid="board-text">
      <summary>The board as text</summary>
      <h3>Units</h3>
      <ul data-testid="board-text-units">
        {text.units.map((row) => (
          <li key={row.label}>
            <strong>{row.label}:</strong> {row.text}
          </li>
        ))}
      </ul>
      <h3>Supply centres</h3>
      <ul data-testid="board-text-centres">
        {text.centres.map((row) => (
          <li key={row.label}>
            <strong>{row.label}:</strong> {row.text}
          </li>
        ))}
      </ul>
      {power !== null && (
        <>
          <h3>Your orders</h3>
          {text.orders.length === 0 ? (
            <p>No orders yet.</p>
          ) : (
            <ul data-testid="board-text-orders">
              {text.orders.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </details>
  );
}
