/**
 * The board's names (`mv-labels`): a label per province (seas in italics), the first letters of
 * impassable areas, and a small marker per named coast (`nc`, `sc`, …) where a fleet on it stands.
 *
 * Labels stay legible at every size and zoom: the layer reads how many map units one CSS pixel
 * shows (the SVG's viewBox over its width on screen) and never draws a name smaller than
 * `MIN_LABEL_PX` on screen. A name is written in full when it fits among its neighbours, else
 * abbreviated (`Lon`), else left out until the player zooms in (labelPlacement.ts).
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from "react";
import type { GameMap } from "../../../shared/src/map/types";
import { NEUTRAL } from "./colors";
import { placeLabels, type LabelWish } from "./labelPlacement";
import type { BoardGeometry } from "./layout";

/** A province's label: its id, capitalised (`lon` → `Lon`). */
export function labelText(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

/** The smallest a label is drawn, in CSS pixels on screen. */
export const MIN_LABEL_PX = 11;
/** The labels' size in map units when the board is shown large enough (the drawing's own size). */
const BASE_SIZE = 12;

/** How many map units one CSS pixel of the SVG holding `el` shows (1 before it is laid out). */
function unitsPerPixel(el: SVGElement | null): number {
  const svg = el?.ownerSVGElement;
  if (!svg) return 1;
  const width = svg.getBoundingClientRect().width;
  const box = svg.viewBox.baseVal;
  return width > 0 && box.width > 0 ? box.width / width : 1;
}

/** Follows the map units per CSS pixel of the SVG holding the ref'd element (resize and zoom). */
function useUnitsPerPixel(): [React.RefObject<SVGGElement | null>, number] {
  const ref = useRef<SVGGElement | null>(null);
  const [upp, setUpp] = useState(1);
  useLayoutEffect(() => {
    const svg = ref.current?.ownerSVGElement;
    if (!svg) return;
    const update = () => {
      const next = unitsPerPixel(ref.current);
      setUpp((before) => (Math.abs(before - next) / next < 0.02 ? before : next));
    };
    update();
    const resized = new ResizeObserver(update);
    resized.observe(svg);
    const zoomed = new MutationObserver(update);
    zoomed.observe(svg, { attributes: true, attributeFilter: ["viewBox"] });
    return () => {
      resized.disconnect();
      zoomed.disconnect();
    };
  }, []);
  return [ref, upp];
}

/** Province labels, impassable areas' labels and coast markers. */
export function LabelsLayer({ map, geometry }: { map: GameMap; geometry: BoardGeometry }): ReactNode {
  const [ref, upp] = useUnitsPerPixel();
  const size = Math.max(BASE_SIZE, MIN_LABEL_PX * upp);
  // Grown labels sit lower, clear of the centre dot drawn left of the anchor.
  const drop = (size - BASE_SIZE) * 1.15;
  const sea = new Set(map.provinces.filter((p) => p.kind === "sea").map((p) => p.id));
  const rank = (id: string) => {
    const p = map.provinces.find((q) => q.id === id);
    return p === undefined ? 3 : p.supplyCenter ? 0 : p.kind === "sea" ? 2 : 1;
  };
  const wishes: LabelWish[] = [];
  for (const p of map.provinces) {
    const shape = geometry.shapes.get(p.id);
    if (shape)
      wishes.push({
        id: p.id,
        x: shape.label.x,
        y: shape.label.y + drop,
        full: p.name,
        short: labelText(p.id),
      });
  }
  for (const imp of geometry.impassable) {
    const poly = imp.polygons[0];
    if (!poly) continue;
    const x = poly.reduce((s, q) => s + q.x, 0) / poly.length;
    const y = poly.reduce((s, q) => s + q.y, 0) / poly.length + 4;
    wishes.push({ id: imp.id, x, y, full: imp.name, short: imp.name.slice(0, 3) });
  }
  wishes.sort((a, b) => rank(a.id) - rank(b.id));
  const placed = placeLabels(wishes, size);
  const impassable = new Set(geometry.impassable.map((i) => i.id));
  const coast = Math.min(size / BASE_SIZE, 2); // coast markers grow too, but stay small marks
  return (
    <g ref={ref} className="mv-labels" style={{ fontSize: size, strokeWidth: size / 4 }}>
      {placed.map((l) => (
        <text
          key={l.id}
          className={`mv-label${sea.has(l.id) ? " mv-sea" : ""}${impassable.has(l.id) ? " mv-impassable" : ""}`}
          data-label={l.id}
          x={l.x}
          y={l.y}
        >
          {l.text}
        </text>
      ))}
      {map.provinces.flatMap((p) =>
        p.coasts.map((c) => {
          const at = geometry.point(`${p.id}/${c}`);
          return (
            <g key={`${p.id}/${c}`} className="mv-coast" style={{ fontSize: 9 * coast }}>
              <circle
                cx={at.x}
                cy={at.y}
                r={8 * coast}
                fill="#FFFFFF"
                stroke={NEUTRAL.coastline}
                strokeWidth={1.2}
              />
              <text x={at.x} y={at.y + 3 * coast}>
                {c}
              </text>
            </g>
          );
        }),
      )}
    </g>
  );
}
