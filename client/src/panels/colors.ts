/**
 * Power colours for the panels' charts, chips and network: the board's own (`powerColor` from
 * `client/src/map/colors.ts`, colour-blind-safe, by the power's place on the map), so a power looks
 * the same on the board and in the panels.
 */
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import { NEUTRAL, powerColor as boardColor } from "../map/colors";

/** A power's colour; grey before the map is known. */
export function powerColor(map: GameMap | null, power: PowerId): string {
  return map === null ? NEUTRAL.failed : boardColor(map, power);
}
