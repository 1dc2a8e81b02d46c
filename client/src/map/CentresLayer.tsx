/**
 * The supply centres (`mv-centres`): a dot left of the province's label, in the owner's colour
 * (white when neutral).
 */
import type { ReactNode } from "react";
import type { Position } from "../../../shared/src/game/position";
import type { GameMap } from "../../../shared/src/map/types";
import { NEUTRAL, powerColor } from "./colors";
import type { BoardGeometry } from "./layout";
import { labelText } from "./LabelsLayer";

/** A dot per supply centre. */
export function CentresLayer(props: {
  map: GameMap;
  geometry: BoardGeometry;
  position: Position;
}): ReactNode {
  const { map, geometry, position } = props;
  return (
    <g className="mv-centres">
      {map.provinces.map((p) => {
        const shape = geometry.shapes.get(p.id);
        if (!shape || !p.supplyCenter) return null;
        const owner = position.supplyCenters[p.id];
        return (
          <circle
            key={p.id}
            className="mv-centre"
            cx={shape.label.x - labelText(p.id).length * 3.6 - 7}
            cy={shape.label.y - 4}
            r={5}
            fill={owner ? powerColor(map, owner) : NEUTRAL.centre}
            stroke={NEUTRAL.ink}
            strokeWidth={1.4}
          />
        );
      })}
    </g>
  );
}
