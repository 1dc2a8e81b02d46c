/**
 * What is drawn over the provinces and under the labels (`mv-overlay`): the borders (coastlines
 * bold, land borders thin, sea–sea borders faint and dashed, all kept steady as the board zooms),
 * the provinces the player may click next, a selected dislodged unit's retreats, and the selected
 * province's outline.
 */
import { useMemo, type ReactNode } from "react";
import type { Dislodgement } from "../../../shared/src/game/position";
import { provinceOf } from "../../../shared/src/map/locations";
import type { GameMap, ProvinceId } from "../../../shared/src/map/types";
import { polygonPath } from "./arrows";
import { NEUTRAL } from "./colors";
import type { BoardGeometry } from "./layout";

/** Path data of the border segments of one province (its outline, without inner seams). */
function outlineOf(geometry: BoardGeometry, id: ProvinceId): string {
  return geometry.borders
    .filter((b) => b.between[0] === id || b.between[1] === id)
    .map((b) => `M${b.a.x.toFixed(1)},${b.a.y.toFixed(1)} L${b.b.x.toFixed(1)},${b.b.y.toFixed(1)}`)
    .join(" ");
}

/** Borders and highlights. `zoom` is the board's zoom level (1 = the whole board). */
export function OverlayLayer(props: {
  map: GameMap;
  geometry: BoardGeometry;
  zoom: number;
  dislodged: readonly Dislodgement[];
  selected: ProvinceId | null;
  targets: readonly ProvinceId[];
}): ReactNode {
  const { map, geometry, zoom: k, dislodged, selected, targets } = props;

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

  const selectedDislodged = dislodged.find((d) => provinceOf(map, d.unit.location) === selected);

  return (
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
          d={outlineOf(geometry, provinceOf(map, loc))}
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
  );
}
