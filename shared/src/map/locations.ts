/** Reading locations: which province a location (a province, or one coast of it) lies in. */
import type { GameMap, LocationId, ProvinceId } from "./types";

/**
 * The province a location lies in: `stp/nc` → `stp`, `mun` → `mun`. A location the map does not
 * know gives the text before its `/` (so a coast still folds into its province).
 */
export function provinceOf(map: GameMap, location: LocationId): ProvinceId {
  return map.location.get(location)?.province ?? location.split("/")[0]!;
}
