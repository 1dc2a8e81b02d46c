/**
 * MapView: the board as a schematic SVG map. Provinces are the Voronoi cells of a hand-made layout
 * (`assets/maps/<id>.layout.json`), tinted by the owner of their supply centre (seas blue, unowned
 * land beige, inland a shade darker); supply centres are dots in the owner's colour; units,
 * dislodged units (offset, red ring), order arrows, builds and removals are drawn on top.
 * Provinces are buttons: click, tap, or focus and press Enter/Space to call `onProvince`. Drag to
 * pan, wheel or pinch to zoom, or use the +/−/reset buttons (keys + − 0 and arrows work too).
 */
import { useMemo, type KeyboardEvent, type ReactNode } from "react";
import type { OrderResult } from "../../../shared/src/adjudicator/types";
import type { Position } from "../../../shared/src/game/position";
import type { GameMap, Province, ProvinceId, Unit } from "../../../shared/src/map/types";
import type { Order } from "../../../shared/src/orders/types";
import { polygonPath } from "./arrows";
import { NEUTRAL, powerColor, tint } from "./colors";
import { geometryOf, type BoardGeometry } from "./layout";
import { DISLODGED_OFFSET, OrdersLayer, UnitGlyph, failedKeys } from "./pieces";
import { MAP_CSS } from "./styles";
import { usePanZoom } from "./usePanZoom";

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

/** Capitalised id for a label: `lon` → `Lon`. */
function shortName(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

/** The fill of a province: sea blue; land by the owner of its centre; inland a shade darker. */
function provinceFill(map: GameMap, p: Province, owner: string | undefined): string {
  if (p.kind === "sea") return NEUTRAL.sea;
  if (owner) return tint(powerColor(map, owner), p.kind === "land" ? 0.62 : 0.5);
  return p.kind === "land" ? NEUTRAL.inland : NEUTRAL.coast;
}

/** Path data of the border segments of one province (its outline, without inner seams). */
function outlineOf(geometry: BoardGeometry, id: ProvinceId): string {
  return geometry.borders
    .filter((b) => b.between[0] === id || b.between[1] === id)
    .map((b) => `M${b.a.x.toFixed(1)},${b.a.y.toFixed(1)} L${b.b.x.toFixed(1)},${b.b.y.toFixed(1)}`)
    .join(" ");
}

/** The board. See the file header for what it draws and how it is used. */
export function MapView(props: MapViewProps): ReactNode {
  const { map, position, orders, results, selected = null, targets = [], onProvince, label } = props;
  const geometry = useMemo(() => geometryOf(map), [map]);
  const pz = usePanZoom(geometry.width, geometry.height);

  const powerName = (id: string) => map.power.get(id)?.name ?? id;
  const unitAt = useMemo(() => {
    const m = new Map<ProvinceId, Unit>();
    for (const u of position.units) m.set(u.location.split("/")[0]!, u);
    return m;
  }, [position.units]);

  // Borders: coastlines (land–sea) bold, land borders thin, sea–sea borders faint.
  const borderPaths = useMemo(() => {
    const kind = (id: string) => map.province.get(id)?.kind ?? "impassable";
    const coast: string[] = [];
    const land: string[] = [];
    const sea: string[] = [];
    for (const b of geometry.borders) {
      const [ka, kb] = [kind(b.between[0]), kind(b.between[1])];
      const seg = `M${b.a.x.toFixed(1)},${b.a.y.toFixed(1)} L${b.b.x.toFixed(1)},${b.b.y.toFixed(1)}`;
      if (ka === "sea" && kb === "sea") sea.push(seg);
      else if (ka === "sea" || kb === "sea") coast.push(seg);
      else land.push(seg);
    }
    return { coast: coast.join(" "), land: land.join(" "), sea: sea.join(" ") };
  }, [geometry, map]);

  const drawnOrders = orders ?? results?.map((r) => r.order) ?? [];
  const failed = useMemo(() => failedKeys(results), [results]);
  const orderProps = { map, geometry, orders: drawnOrders, failed, dislodged: position.dislodged };
  const selectedDislodged = position.dislodged.find((d) => d.unit.location.split("/")[0] === selected);
  const activate = (id: ProvinceId) => onProvince?.(id);

  const onKey = (e: KeyboardEvent<SVGGElement>, id: ProvinceId) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      activate(id);
    }
  };
  const onRootKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const pan: Record<string, [number, number]> = {
      ArrowLeft: [-0.15, 0],
      ArrowRight: [0.15, 0],
      ArrowUp: [0, -0.15],
      ArrowDown: [0, 0.15],
    };
    if (e.key === "+" || e.key === "=") pz.zoomBy(1.4);
    else if (e.key === "-" || e.key === "_") pz.zoomBy(1 / 1.4);
    else if (e.key === "0") pz.reset();
    else if (pan[e.key] && (e.target as Element).tagName !== "BUTTON") pz.panBy(...pan[e.key]!);
    else return;
    e.preventDefault();
  };

  const ariaFor = (p: Province): string => {
    const parts = [`${p.name} (${p.id})`];
    if (p.kind === "sea") parts.push("sea");
    if (p.supplyCenter) {
      const owner = position.supplyCenters[p.id];
      parts.push(owner ? `supply centre of ${powerName(owner)}` : "neutral supply centre");
    }
    const u = unitAt.get(p.id);
    if (u)
      parts.push(
        `${map.power.get(u.power)?.adjective ?? u.power} ${u.type === "A" ? "army" : "fleet"} at ${u.location}`,
      );
    const d = position.dislodged.find((x) => x.unit.location.split("/")[0] === p.id);
    if (d)
      parts.push(
        `dislodged ${map.power.get(d.unit.power)?.adjective ?? d.unit.power} ${d.unit.type === "A" ? "army" : "fleet"}`,
      );
    if (targets.includes(p.id)) parts.push("possible target");
    if (selected === p.id) parts.push("selected");
    return parts.join(", ");
  };

  const { view } = pz;
  const k = geometry.width / view.w; // zoom level, to keep strokes and labels steady
  return (
    <div className="mv-root" onKeyDown={onRootKey} role="group" aria-label={label ?? `${map.name} board`}>
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
          <pattern
            id={`mv-hatch-${map.id}`}
            width={8}
            height={8}
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width={8} height={8} fill={NEUTRAL.impassable} />
            <line x1={0} y1={0} x2={0} y2={8} stroke="#9C978C" strokeWidth={3} />
          </pattern>
        </defs>

        <g className="mv-provinces">
          {map.provinces.map((p) => {
            const shape = geometry.shapes.get(p.id);
            if (!shape) return null;
            const fill = provinceFill(map, p, position.supplyCenters[p.id]);
            return (
              <g
                key={p.id}
                className="mv-prov"
                data-testid={`province-${p.id}`}
                role="button"
                tabIndex={0}
                aria-label={ariaFor(p)}
                aria-pressed={selected === p.id ? true : undefined}
                onClick={() => activate(p.id)}
                onKeyDown={(e) => onKey(e, p.id)}
              >
                <title>{p.name}</title>
                {shape.polygons.map((poly, i) => (
                  <path
                    key={i}
                    className="mv-fill"
                    d={polygonPath(poly)}
                    fill={fill}
                    stroke={fill}
                    strokeWidth={0.8}
                  />
                ))}
              </g>
            );
          })}
          {geometry.impassable.map((imp) => (
            <g key={imp.id} className="mv-impassable">
              <title>{`${imp.name} (impassable)`}</title>
              {imp.polygons.map((poly, i) => (
                <path key={i} d={polygonPath(poly)} fill={`url(#mv-hatch-${map.id})`} />
              ))}
            </g>
          ))}
        </g>

        <g className="mv-overlay">
          <path
            d={borderPaths.sea}
            fill="none"
            stroke={NEUTRAL.seaLine}
            strokeWidth={1 / Math.sqrt(k)}
            strokeDasharray="4 3"
          />
          <path d={borderPaths.land} fill="none" stroke={NEUTRAL.border} strokeWidth={1.1 / Math.sqrt(k)} />
          <path
            d={borderPaths.coast}
            fill="none"
            stroke={NEUTRAL.coastline}
            strokeWidth={2.2 / Math.sqrt(k)}
            strokeLinejoin="round"
          />
          {targets.map((id) => (
            <path
              key={`t-${id}`}
              d={outlineOf(geometry, id)}
              fill="none"
              stroke="#000000"
              strokeWidth={3.5}
              strokeDasharray="7 4"
              strokeLinecap="round"
            />
          ))}
          {targets.map((id) => (
            <g key={`tf-${id}`}>
              {geometry.shapes.get(id)?.polygons.map((poly, i) => (
                <path key={i} d={polygonPath(poly)} fill="#FFFFFF" opacity={0.28} />
              ))}
            </g>
          ))}
          {selectedDislodged?.retreats.map((loc) => (
            <path
              key={`r-${loc}`}
              d={outlineOf(geometry, loc.split("/")[0]!)}
              fill="none"
              stroke={NEUTRAL.danger}
              strokeWidth={3.5}
              strokeDasharray="5 4"
            />
          ))}
          {selected && geometry.shapes.has(selected) ? (
            <>
              <path
                d={outlineOf(geometry, selected)}
                fill="none"
                stroke="#FFFFFF"
                strokeWidth={7}
                strokeLinecap="round"
              />
              <path
                d={outlineOf(geometry, selected)}
                fill="none"
                stroke="#000000"
                strokeWidth={3.5}
                strokeLinecap="round"
              />
            </>
          ) : null}
        </g>

        <g className="mv-labels">
          {map.provinces.map((p) => {
            const shape = geometry.shapes.get(p.id);
            if (!shape) return null;
            const owner = position.supplyCenters[p.id];
            const text = shortName(p.id);
            const sc = p.supplyCenter ? (
              <circle
                className="mv-centre"
                cx={shape.label.x - text.length * 3.6 - 7}
                cy={shape.label.y - 4}
                r={5}
                fill={owner ? powerColor(map, owner) : NEUTRAL.centre}
                stroke={NEUTRAL.ink}
                strokeWidth={1.4}
              />
            ) : null;
            return (
              <g key={p.id}>
                {sc}
                <text
                  className={`mv-label${p.kind === "sea" ? " mv-sea" : ""}`}
                  x={shape.label.x}
                  y={shape.label.y}
                >
                  {text}
                </text>
              </g>
            );
          })}
          {geometry.impassable.map((imp) => {
            const poly = imp.polygons[0];
            if (!poly) return null;
            const cx = poly.reduce((s, q) => s + q.x, 0) / poly.length;
            const cy = poly.reduce((s, q) => s + q.y, 0) / poly.length;
            return (
              <text key={imp.id} className="mv-label mv-impassable" x={cx} y={cy + 4}>
                {imp.name.slice(0, 3)}
              </text>
            );
          })}
          {map.provinces.flatMap((p) =>
            p.coasts.map((c) => {
              const at = geometry.point(`${p.id}/${c}`);
              return (
                <g key={`${p.id}/${c}`} className="mv-coast">
                  <circle
                    cx={at.x}
                    cy={at.y}
                    r={8}
                    fill="#FFFFFF"
                    stroke={NEUTRAL.coastline}
                    strokeWidth={1.2}
                  />
                  <text x={at.x} y={at.y + 3}>
                    {c}
                  </text>
                </g>
              );
            }),
          )}
        </g>

        <OrdersLayer {...orderProps} part="lines" />

        <g className="mv-units">
          {position.units.map((u) => {
            const at = geometry.point(u.location);
            return (
              <UnitGlyph
                key={u.location}
                type={u.type}
                color={powerColor(map, u.power)}
                x={at.x}
                y={at.y}
                testId={`unit-${u.location}`}
                title={`${map.power.get(u.power)?.adjective ?? u.power} ${u.type === "A" ? "army" : "fleet"} (${u.location})`}
                onClick={() => activate(u.location.split("/")[0]!)}
              />
            );
          })}
          {position.dislodged.map((d) => {
            const base = geometry.point(d.unit.location);
            const x = base.x + DISLODGED_OFFSET.x;
            const y = base.y + DISLODGED_OFFSET.y;
            return (
              <g key={`d-${d.unit.location}`}>
                <circle
                  cx={x}
                  cy={y}
                  r={16}
                  fill="rgba(255,255,255,0.6)"
                  stroke={NEUTRAL.danger}
                  strokeWidth={2.6}
                />
                <UnitGlyph
                  type={d.unit.type}
                  color={powerColor(map, d.unit.power)}
                  x={x}
                  y={y}
                  testId={`unit-${d.unit.location}-dislodged`}
                  title={`dislodged ${map.power.get(d.unit.power)?.adjective ?? d.unit.power} ${d.unit.type === "A" ? "army" : "fleet"} (${d.unit.location}); retreats: ${d.retreats.join(", ") || "none"}`}
                  onClick={() => activate(d.unit.location.split("/")[0]!)}
                />
              </g>
            );
          })}
        </g>

        <OrdersLayer {...orderProps} part="marks" />
      </svg>
      <div className="mv-controls">
        <button
          type="button"
          data-testid="map-zoom-in"
          aria-label="Zoom in"
          title="Zoom in (+)"
          onClick={() => pz.zoomBy(1.4)}
        >
          +
        </button>
        <button
          type="button"
          data-testid="map-zoom-out"
          aria-label="Zoom out"
          title="Zoom out (−)"
          onClick={() => pz.zoomBy(1 / 1.4)}
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
    </div>
  );
}
