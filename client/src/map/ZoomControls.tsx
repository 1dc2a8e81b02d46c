/**
 * Zooming the board by hand: the +/−/reset buttons (`map-zoom-in`, `map-zoom-out`, `map-reset`) and
 * the keys (+ − 0, and Shift with the arrows to pan: the plain arrows move between provinces), both
 * working on `usePanZoom`'s view.
 */
import type { KeyboardEvent, ReactNode } from "react";
import type { PanZoom } from "./usePanZoom";

const STEP = 1.4; // zoom factor of one press
const PAN = 0.15; // pan of one arrow key, in fractions of the view

const PAN_KEYS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-PAN, 0],
  ArrowRight: [PAN, 0],
  ArrowUp: [0, -PAN],
  ArrowDown: [0, PAN],
};

/** The board's zoom keys: + and − zoom, 0 resets, Shift with an arrow pans. */
export function onZoomKey(e: KeyboardEvent<HTMLElement>, pz: PanZoom): void {
  const pan = PAN_KEYS[e.key];
  if (e.key === "+" || e.key === "=") pz.zoomBy(STEP);
  else if (e.key === "-" || e.key === "_") pz.zoomBy(1 / STEP);
  else if (e.key === "0") pz.reset();
  else if (pan && e.shiftKey) pz.panBy(...pan);
  else return;
  e.preventDefault();
}

/** The zoom buttons, over the board's top right corner. */
export function ZoomControls({ pz }: { pz: PanZoom }): ReactNode {
  return (
    <div className="mv-controls">
      <button
        type="button"
        data-testid="map-zoom-in"
        aria-label="Zoom in"
        title="Zoom in (+)"
        onClick={() => pz.zoomBy(STEP)}
      >
        +
      </button>
      <button
        type="button"
        data-testid="map-zoom-out"
        aria-label="Zoom out"
        title="Zoom out (−)"
        onClick={() => pz.zoomBy(1 / STEP)}
      >
        −
      </button>
      <button
        type="button"
        data-testid="map-reset"
        aria-label="Reset view"
        title="Reset view (0)"
        onClick={pz.reset}
      >
        ⟲
      </button>
    </div>
  );
}
