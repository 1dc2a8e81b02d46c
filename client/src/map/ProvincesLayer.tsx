/**
 * The board's provinces: one button per province (click, tap, or focus and press Enter/Space),
 * filled by the owner of its supply centre (seas blue, unowned land beige, inland a shade darker),
 * with an accessible name saying what stands there (`provinceName`); impassable areas hatched.
 * Only the `current` province is a Tab stop (a roving tabindex): MapView moves it with the arrows.
 */
import type { KeyboardEvent, ReactNode } from "react";
import type { Position } from "../../../shared/src/game/position";
import { provinceOf } from "../../../shared/src/map/locations";
import type { GameMap, Province, ProvinceId, Unit } from "../../../shared/src/map/types";
import { placeName } from "../game/orderModel";
import { polygonPath } from "./arrows";
import { NEUTRAL, powerColor, tint } from "./colors";
import type { BoardGeometry } from "./layout";

/** The fill of a province: sea blue; land by the owner of its centre; inland a shade darker. */
function provinceFill(map: GameMap, p: Province, owner: string | undefined): string {
  if (p.kind === "sea") return NEUTRAL.sea;
  if (owner) return tint(powerColor(map, owner), p.kind === "land" ? 0.62 : 0.5);
  return p.kind === "land" ? NEUTRAL.inland : NEUTRAL.coast;
}

/** The hatch pattern of impassable areas (`url(#mv-hatch-<map id>)`), for the SVG's `<defs>`. */
export function HatchPattern({ mapId }: { mapId: string }): ReactNode {
  return (
    <pattern
      id={`mv-hatch-${mapId}`}
      width={8}
      height={8}
      patternUnits="userSpaceOnUse"
      patternTransform="rotate(45)"
    >
      <rect width={8} height={8} fill={NEUTRAL.impassable} />
      <line x1={0} y1={0} x2={0} y2={8} stroke="#9C978C" strokeWidth={3} />
    </pattern>
  );
}

/** "Austrian army", "dislodged Russian fleet in St Petersburg (south coast)". */
function unitWords(map: GameMap, u: Unit, dislodged: boolean): string {
  const adjective = map.power.get(u.power)?.adjective ?? u.power;
  const coast = map.location.get(u.location)?.coast ?? null;
  const on = coast === null ? "" : ` in ${placeName(map, u.location)}`;
  return `${dislodged ? "dislodged " : ""}${adjective} ${u.type === "A" ? "army" : "fleet"}${on}`;
}

/**
 * A province's accessible name: its full name, the unit in it, whose centre it is, and its part in
 * the order being given — "Vienna, Austrian army, Austria's centre, selected".
 */
export function provinceName(
  map: GameMap,
  position: Position,
  p: Province,
  marks: { selected: boolean; target: boolean },
): string {
  const parts = [p.name];
  const unit = position.units.find((u) => provinceOf(map, u.location) === p.id);
  if (unit) parts.push(unitWords(map, unit, false));
  const d = position.dislodged.find((x) => provinceOf(map, x.unit.location) === p.id);
  if (d) parts.push(unitWords(map, d.unit, true));
  if (p.supplyCenter) {
    const owner = position.supplyCenters[p.id];
    parts.push(owner ? `${map.power.get(owner)?.name ?? owner}'s centre` : "neutral centre");
  }
  if (marks.target) parts.push("possible target");
  if (marks.selected) parts.push("selected");
  return parts.join(", ");
}

/** The provinces as buttons, and the impassable areas (`mv-provinces`). */
export function ProvincesLayer(props: {
  map: GameMap;
  geometry: BoardGeometry;
  position: Position;
  selected: ProvinceId | null;
  targets: readonly ProvinceId[];
  /** The province that is the board's Tab stop (tabindex 0; every other one is -1). */
  current: ProvinceId | null;
  onProvince?: ((id: ProvinceId) => void) | undefined;
  /** A province got the focus (by Tab, arrow or pointer): it becomes `current`. */
  onFocusProvince: (id: ProvinceId) => void;
}): ReactNode {
  const { map, geometry, position, selected, targets, current, onProvince, onFocusProvince } = props;

  const onKey = (e: KeyboardEvent<SVGGElement>, id: ProvinceId) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      onProvince?.(id);
    }
  };

  return (
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
            data-province={p.id}
            role="button"
            tabIndex={p.id === current ? 0 : -1}
            aria-label={provinceName(map, position, p, {
              selected: selected === p.id,
              target: targets.includes(p.id),
            })}
            aria-pressed={selected === p.id ? true : undefined}
            onClick={() => onProvince?.(p.id)}
            onKeyDown={(e) => onKey(e, p.id)}
            onFocus={() => onFocusProvince(p.id)}
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
  );
}
