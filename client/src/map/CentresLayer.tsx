/**
 * The supply centres (`mv-centres`): a dot at the lower left of the province's unit spot (clear of
 * the unit, its tag, the name below it and the coast markers on both shipped maps), in the owner's
 * colour with the owner's initial on it (black or white, whichever contrasts more), or white and
 * empty when neutral — so who owns a centre is not told by colour alone.
 */
import type { ReactNode } from "react";
import type { Position } from "../../../shared/src/game/position";
import type { GameMap } from "../../../shared/src/map/types";
import { NEUTRAL, inkOn, powerColor } from "./colors";
import { powerInitial } from "./initials";
import type { BoardGeometry } from "./layout";

/** Where a centre's dot sits, from its province's anchor (map units). */
const CENTRE_OFFSET = { x: -20, y: 8 } as const;

/** A dot per supply centre. */
export function CentresLayer(props: {
  map: GameMap;
  geometry: BoardGeometry;
  position: Position;
}): ReactNode {
  const { map, geometry, position } = props;
  return (
    <g className="mv-centres" aria-hidden="true">
      {map.provinces.map((p) => {
        const shape = geometry.shapes.get(p.id);
        if (!shape || !p.supplyCenter) return null;
        const owner = position.supplyCenters[p.id];
        const cx = shape.anchor.x + CENTRE_OFFSET.x;
        const cy = shape.anchor.y + CENTRE_OFFSET.y;
        if (!owner)
          return (
            <circle
              key={p.id}
              className="mv-centre"
              cx={cx}
              cy={cy}
              r={5}
              fill={NEUTRAL.centre}
              stroke={NEUTRAL.ink}
              strokeWidth={1.4}
            />
          );
        const fill = powerColor(map, owner);
        const mark = powerInitial(map, owner);
        return (
          <g key={p.id} className="mv-centre" data-owner={owner}>
            <circle
              cx={cx}
              cy={cy}
              r={mark.length > 1 ? 8 : 6.5}
              fill={fill}
              stroke={NEUTRAL.ink}
              strokeWidth={1.4}
            />
            <text className="mv-centre-mark" x={cx} y={cy + 3} fill={inkOn(fill)}>
              {mark}
            </text>
          </g>
        );
      })}
    </g>
  );
}
