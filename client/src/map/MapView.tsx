/**
 * MapView: the board as a schematic SVG map, composed of its layers, bottom to top:
 * provinces (ProvincesLayer.tsx: Voronoi cells of a hand-made layout, `assets/maps/<id>.layout.json`,
 * tinted by the owner of their supply centre; buttons that call `onProvince`), borders and
 * highlights (OverlayLayer.tsx), supply centres (CentresLayer.tsx), names (LabelsLayer.tsx), order
 * arrows (pieces.tsx), units and dislodged units (UnitsLayer.tsx), then the orders' badges, builds
 * and removals. Drag to pan, wheel or pinch to zoom (usePanZoom.ts), or use the +/−/reset buttons
 * and the keys + − 0 and Shift with the arrows (ZoomControls.tsx).
 *
 * By keyboard the board is one Tab stop: the arrow keys move the focus to the nearest province in
 * that direction (keyboard.ts), panning to show it when zoomed in; Enter or Space acts as a click,
 * Escape lets go of the selection. The help is the board's description.
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type { OrderResult } from "../../../shared/src/adjudicator/types";
import type { Position } from "../../../shared/src/game/position";
import { provinceOf } from "../../../shared/src/map/locations";
import type { GameMap, PowerId, ProvinceId } from "../../../shared/src/map/types";
import type { Order } from "../../../shared/src/orders/types";
import { CentresLayer } from "./CentresLayer";
import { LabelsLayer } from "./LabelsLayer";
import { arrowDirection, keyboardBoard, nextProvince } from "./keyboard";
import { geometryOf, type BoardGeometry } from "./layout";
import { OverlayLayer } from "./OverlayLayer";
import { OrdersLayer, failedKeys } from "./pieces";
import { HatchPattern, ProvincesLayer } from "./ProvincesLayer";
import { MAP_CSS } from "./styles";
import { UnitsLayer } from "./UnitsLayer";
import { usePanZoom } from "./usePanZoom";
import { ZoomControls, onZoomKey } from "./ZoomControls";

export { layoutOf } from "./layout";
export { POWER_COLORS, powerColor } from "./colors";

/** MapView's props (the contract in client/CONTRACT.md). */
export interface MapViewProps {
  map: GameMap;
  position: Position;
  /** Orders to draw (drafts, or a past phase's orders). Defaults to the orders of `results`. */
  orders?: readonly Order[];
  /** Adjudication results: orders that did not succeed are drawn grey with an ✕. */
  results?: readonly OrderResult[];
  /** The selected province, outlined (a dislodged unit's retreat options show when it is selected). */
  selected?: ProvinceId | null;
  /** Provinces the player may click next, highlighted. */
  targets?: readonly ProvinceId[];
  onProvince?: (id: ProvinceId) => void;
  /** Escape on the board: lets go of the selection (nothing happens without it). */
  onCancel?: () => void;
  /** The seat's power: the board's keyboard focus starts on its first unit. */
  power?: PowerId | null;
  /** Accessible name of the board. */
  label?: string;
}

/** How the board is used by keyboard: the board's description. */
export const BOARD_KEYS_HELP =
  "Arrow keys move between provinces. Enter or Space chooses a province, Escape lets go of a selected unit. " +
  "Plus and minus zoom, Shift with an arrow key pans, 0 resets the view.";

/** The keys that zoom (ZoomControls.tsx): a zoom by key keeps the focused province in view. */
const ZOOM_KEYS: ReadonlySet<string> = new Set(["+", "=", "-", "_"]);

/** Where the keyboard focus starts: the selection, the power's first unit, or the province nearest the middle. */
function startProvince(
  map: GameMap,
  geometry: BoardGeometry,
  position: Position,
  selected: ProvinceId | null,
  power: PowerId | null,
): ProvinceId | null {
  if (selected !== null) return selected;
  const unit = power === null ? undefined : position.units.find((u) => u.power === power);
  if (unit) return provinceOf(map, unit.location);
  let best: { id: ProvinceId; d: number } | null = null;
  for (const [id, shape] of geometry.shapes) {
    const d = Math.hypot(shape.anchor.x - geometry.width / 2, shape.anchor.y - geometry.height / 2);
    if (best === null || d < best.d) best = { id, d };
  }
  return best?.id ?? null;
}

/** The board. See the file header for what it draws and how it is used. */
export function MapView(props: MapViewProps): ReactNode {
  const {
    map,
    position,
    orders,
    results,
    selected = null,
    targets = [],
    onProvince,
    onCancel,
    label,
  } = props;
  const power = props.power ?? null;
  const geometry = useMemo(() => geometryOf(map), [map]);
  const pz = usePanZoom(geometry.width, geometry.height);
  const rootRef = useRef<HTMLDivElement | null>(null);
  const helpId = useId();
  /** The province that is the board's Tab stop, once the player has moved on the board. */
  const [current, setCurrent] = useState<ProvinceId | null>(null);
  const tabStop =
    current !== null && geometry.shapes.has(current)
      ? current
      : startProvince(map, geometry, position, selected, power);

  const keys = useMemo(
    () =>
      keyboardBoard(
        [...geometry.shapes].map(([id, shape]) => [id, shape.anchor] as const),
        geometry.shared.keys(),
      ),
    [geometry],
  );

  /** Arrows move between provinces, Escape lets go; the zoom keys otherwise. */
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    const from = (e.target as Element).closest("[data-province]")?.getAttribute("data-province") ?? null;
    const direction = arrowDirection(e.key);
    if (from !== null && direction !== null && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      const next = nextProvince(keys, from, direction);
      if (next === null) return;
      setCurrent(next);
      const el = rootRef.current?.querySelector<SVGGElement>(`[data-province="${next}"]`);
      el?.focus();
      const to = geometry.shapes.get(next)?.anchor;
      if (to) pz.show(to);
      return;
    }
    if (e.key === "Escape" && selected !== null && onCancel) {
      e.preventDefault();
      onCancel();
      return;
    }
    onZoomKey(e, pz);
    // A zoom by key keeps the focused province in view (the view's updates apply in order).
    const focusedAt = from === null ? undefined : geometry.shapes.get(from)?.anchor;
    if (ZOOM_KEYS.has(e.key) && focusedAt) pz.show(focusedAt);
  };

  const drawnOrders = orders ?? results?.map((r) => r.order) ?? [];
  const failed = useMemo(() => failedKeys(results), [results]);
  const orderProps = { map, geometry, orders: drawnOrders, failed, dislodged: position.dislodged };

  const { view } = pz;
  const zoom = geometry.width / view.w; // to keep strokes steady
  return (
    <div
      className="mv-root"
      ref={rootRef}
      onKeyDown={onKey}
      role="group"
      aria-label={label ?? `${map.name} board`}
      aria-describedby={helpId}
    >
      <style>{MAP_CSS}</style>
      <p id={helpId} className="mv-help">
        {BOARD_KEYS_HELP}
      </p>
      <svg
        ref={pz.svgRef}
        className="mv-svg"
        viewBox={`${view.x.toFixed(1)} ${view.y.toFixed(1)} ${view.w.toFixed(1)} ${view.h.toFixed(1)}`}
        style={{ aspectRatio: `${geometry.width} / ${geometry.height}` }}
        xmlns="http://www.w3.org/2000/svg"
        {...pz.handlers}
      >
        <defs>
          <HatchPattern mapId={map.id} />
        </defs>
        <ProvincesLayer
          map={map}
          geometry={geometry}
          position={position}
          selected={selected}
          targets={targets}
          current={tabStop}
          onProvince={onProvince}
          onFocusProvince={setCurrent}
        />
        <OverlayLayer
          map={map}
          geometry={geometry}
          zoom={zoom}
          dislodged={position.dislodged}
          selected={selected}
          targets={targets}
        />
        <CentresLayer map={map} geometry={geometry} position={position} />
        <LabelsLayer map={map} geometry={geometry} />
        <OrdersLayer {...orderProps} part="lines" />
        <UnitsLayer map={map} geometry={geometry} position={position} onProvince={onProvince} />
        <OrdersLayer {...orderProps} part="marks" />
      </svg>
      <ZoomControls pz={pz} />
    </div>
  );
}
