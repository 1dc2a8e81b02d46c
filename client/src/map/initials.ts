/**
 * The letter that marks what a power owns on the board (its units and supply centres), so
 * ownership is never shown by colour alone. Pure: no DOM, no React.
 */
import type { GameMap, PowerId } from "../../../shared/src/map/types";

/**
 * Each power's mark on a map: the first letter of its name, upper case (A for Austria, E for
 * England). When two powers' names share that letter, each of them takes the shortest beginning of
 * its name that no other power's name shares ("Ge" and "Gr"); a name that is a beginning of another
 * takes the power's id. The same map always gives the same marks.
 */
export function powerInitials(map: Pick<GameMap, "powers">): ReadonlyMap<PowerId, string> {
  const names = map.powers.map((p) => p.name.trim().toLowerCase());
  const out = new Map<PowerId, string>();
  map.powers.forEach((p, i) => {
    const name = names[i]!;
    for (let n = 1; n <= name.length; n++) {
      const prefix = name.slice(0, n);
      if (names.every((other, j) => j === i || !other.startsWith(prefix))) {
        out.set(p.id, p.name.trim().slice(0, 1).toUpperCase() + p.name.trim().slice(1, n));
        return;
      }
    }
    out.set(p.id, p.id);
  });
  return out;
}

const cache = new WeakMap<object, ReadonlyMap<PowerId, string>>();

/** The mark of `power` on `map` (cached per map); the power's id when the map does not know it. */
export function powerInitial(map: GameMap, power: PowerId): string {
  let marks = cache.get(map);
  if (!marks) {
    marks = powerInitials(map);
    cache.set(map, marks);
  }
  return marks.get(power) ?? power;
}
