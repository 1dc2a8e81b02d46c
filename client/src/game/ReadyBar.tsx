/**
 * The ready bar: one slim line under every tab (pinned to the bottom of the screen on a phone) for
 * a seat that must act — how many of its units have orders, and Ready, which says the seat's orders
 * are final; once ready, Undo. It drives the same ordering controller as the Orders tab.
 */
import type { ReactNode } from "react";
import { countText, orderCount } from "./readyCount";
import type { Ordering } from "./useOrdering";

/** The bar; nothing for a seat with nothing to do this phase. */
export function ReadyBar({ ordering, connected }: { ordering: Ordering; connected: boolean }): ReactNode {
  const count = orderCount(ordering);
  if (!ordering.mustAct || count === null) return null;
  const { ready, readySending } = ordering;
  const missing = count.given < count.due;
  const hint = readySending
    ? connected
      ? "Sending…"
      : "Will be sent on reconnect."
    : ready
      ? "Waiting for the others; changing an order takes Ready back."
      : "Ready says your orders are final; the phase resolves once every power is.";
  return (
    <div
      className={`ready-bar ${ready ? "is-ready" : missing ? "is-missing" : ""}`}
      data-testid="ready-bar"
      role="region"
      aria-label="Your orders"
    >
      <p className="ready-bar-text">
        <span className="ready-bar-count" role="status">
          {ready ? "Ready ✓ · " : ""}
          {countText(count)}
        </span>
        <span className="ready-bar-hint" id="ready-bar-hint">
          {hint}
        </span>
      </p>
      <button
        type="button"
        id="ready-bar-button"
        className={`button ${ready ? "" : "primary"} ready-bar-button`}
        data-testid="ready-bar-button"
        aria-describedby="ready-bar-hint"
        onClick={ordering.toggleReady}
      >
        {ready ? "Undo ready" : "Ready"}
      </button>
    </div>
  );
}
