/**
 * The board's names (`mv-labels`): a short label per province (seas in italics), the first letters
 * of impassable areas, and a small marker per named coast (`nc`, `sc`, …) where a fleet on it
 * stands.
 */
import type { ReactNode } from "react";
import type { GameMap } from "../../../shared/src/map/types";
import { NEUTRAL } from "./colors";
import type { BoardGeometry } from "./layout";

/** A province's label: its id, capitalised (`lon` → `Lon`). */
export function labelText(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

/** Province labels, impassable areas' labels and coast markers. */
export function LabelsLayer({ map, geometry }: { map: GameMap; geometry: BoardGeometry }): ReactNode {
  return (
    <g className="mv-labels">
      {map.provinces.map((p) => {
        const shape = geometry.shapes.get(p.id);
        if (!shape) return null;
        return (
          <text
            key={p.id}
            className={`mv-label${p.kind === "sea" ? " mv-sea" : ""}`}
            x={shape.label.x}
            y={shape.label.y}
          >
            {labelText(p.id)}
          </text>
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
              <circle cx={at.x} cy={at.y} r={8} fill="#FFFFFF" stroke={NEUTRAL.coastline} strokeWidth={1.2} />
              <text x={at.x} y={at.y + 3}>
                {c}
              </text>
            </g>
          );
        }),
      )}
    </g>
  );
}
