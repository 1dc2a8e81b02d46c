/**
 * The board's provinces: one button per province (click, tap, or focus and press Enter/Space),
 * filled by the owner of its supply centre (seas blue, unowned land beige, inland a shade darker),
 * with an accessible name saying what stands there; impassable areas hatched.
 */
import { useMemo, type KeyboardEvent, type ReactNode } from "react";
import type { Position } from "../../../shared/src/game/position";
import { provinceOf } from "../../../shared/src/map/locations";
import type { GameMap, Province, ProvinceId, Unit } from "../../../shared/src/map/types";
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

/** The provinces as buttons, and the impassable areas (`mv-provinces`). */
export function ProvincesLayer(props: {
  map: GameMap;
  geometry: BoardGeometry;
  position: Position;
  selected: ProvinceId | null;
  targets: readonly ProvinceId[];
  onProvince?: ((id: ProvinceId) => void) | undefined;
}): ReactNode {
  const { map, geometry, position, selected, targets, onProvince } = props;
  const powerName = (id: string) => map.power.get(id)?.name ?? id;
  const unitAt = useMemo(() => {
    const m = new Map<ProvinceId, Unit>();
    for (const u of position.units) m.set(provinceOf(map, u.location), u);
    return m;
  }, [map, position.units]);

  const onKey = (e: KeyboardEvent<SVGGElement>, id: ProvinceId) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      onProvince?.(id);
    }
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
    const d = position.dislodged.find((x) => provinceOf(map, x.unit.location) === p.id);
    if (d)
      parts.push(
        `dislodged ${map.power.get(d.unit.power)?.adjective ?? d.unit.power} ${d.unit.type === "A" ? "army" : "fleet"}`,
      );
    if (targets.includes(p.id)) parts.push("possible target");
    if (selected === p.id) parts.push("selected");
    return parts.join(", ");
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
            role="button"
            tabIndex={0}
            aria-label={ariaFor(p)}
            aria-pressed={selected === p.id ? true : undefined}
            onClick={() => onProvince?.(p.id)}
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
  );
}
