/**
 * The units on the board (`mv-units`), and the dislodged ones beside them (offset, in a red ring,
 * their retreats in the title). Each carries its power's initial. A unit is clickable like its
 * province.
 */
import type { ReactNode } from "react";
import type { Position } from "../../../shared/src/game/position";
import { provinceOf } from "../../../shared/src/map/locations";
import type { GameMap, ProvinceId } from "../../../shared/src/map/types";
import { NEUTRAL, powerColor } from "./colors";
import { powerInitial } from "./initials";
import type { BoardGeometry } from "./layout";
import { DISLODGED_OFFSET, UnitGlyph } from "./pieces";

/** Units and dislodged units. */
export function UnitsLayer(props: {
  map: GameMap;
  geometry: BoardGeometry;
  position: Position;
  onProvince?: ((id: ProvinceId) => void) | undefined;
}): ReactNode {
  const { map, geometry, position, onProvince } = props;
  return (
    <g className="mv-units">
      {position.units.map((u) => {
        const at = geometry.point(u.location);
        return (
          <UnitGlyph
            key={u.location}
            type={u.type}
            color={powerColor(map, u.power)}
            mark={powerInitial(map, u.power)}
            x={at.x}
            y={at.y}
            testId={`unit-${u.location}`}
            title={`${map.power.get(u.power)?.adjective ?? u.power} ${u.type === "A" ? "army" : "fleet"} (${u.location})`}
            onClick={() => onProvince?.(provinceOf(map, u.location))}
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
              mark={powerInitial(map, d.unit.power)}
              x={x}
              y={y}
              testId={`unit-${d.unit.location}-dislodged`}
              title={`dislodged ${map.power.get(d.unit.power)?.adjective ?? d.unit.power} ${d.unit.type === "A" ? "army" : "fleet"} (${d.unit.location}); retreats: ${d.retreats.join(", ") || "none"}`}
              onClick={() => onProvince?.(provinceOf(map, d.unit.location))}
            />
          </g>
        );
      })}
    </g>
  );
}
