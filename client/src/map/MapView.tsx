/**
 * MapView: the board as a schematic SVG map, composed of its layers, bottom to top:
 * provinces (ProvincesLayer.tsx: Voronoi cells of a hand-made layout, `assets/maps/<id>.layout.json`,
 * tinted by the owner of their supply centre; buttons that call `onProvince`), borders and
 * highlights (OverlayLayer.tsx), supply centres (CentresLayer.tsx), names (LabelsLayer.tsx), order
 * arrows (pieces.tsx), units and dislodged units (UnitsLayer.tsx), then the orders' badges, builds
 * and removals. Drag to pan, wheel or pinch to zoom (usePanZoom.ts), or use the +/−/reset buttons
 * and the keys + − 0 and arrows (ZoomControls.tsx).
 */
import { useMemo, type ReactNode } from "react";
import type { OrderResult } from "../../../shared/src/adjudicator/types";
import type { Position } from "../../../shared/src/game/position";
import type { GameMap, ProvinceId } from "../../../shared/src/map/types";
import type { Order } from "../../../shared/src/orders/types";
import { CentresLayer } from "./CentresLayer";
import { LabelsLayer } from "./LabelsLayer";
import { geometryOf } from "./layout";
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
  /** Accessible name of the board. */
  label?: string;
}

/** The board. See the file header for what it draws and how it is used. */
export function MapView(props: MapViewProps): ReactNode {
  const { map, position, orders, results, selected = null, targets = [], onProvince, label } = props;
  const geometry = useMemo(() => geometryOf(map), [map]);
  const pz = usePanZoom(geometry.width, geometry.height);

  const drawnOrders = orders ?? results?.map((r) => r.order) ?? [];
  const failed = useMemo(() => failedKeys(results), [results]);
  const orderProps = { map, geometry, orders: drawnOrders, failed, dislodged: position.dislodged };

  const { view } = pz;
  const zoom = geometry.width / view.w; // to keep strokes steady
  return (
    <div
      className="mv-root"
      onKeyDown={(e) => onZoomKey(e, pz)}
      role="group"
      aria-label={label ?? `${map.name} board`}
    >
      <style>{MAP_CSS}</style>
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
          onProvince={onProvince}
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
