/** The map model: types, loading and validation, and the maps that ship with the game. */
export * from "./types";
export { loadMap, mapDataSchema, formatUnit, parseUnitString, MAP_FORMAT, MAP_ERROR_CODES } from "./load";
export type { MapData, MapError, MapErrorCode } from "./load";
export { getMap, MAP_IDS } from "./registry";
export type { MapId } from "./registry";
export { tablesOf } from "./tables";
export { provinceOf } from "./locations";
export type { MapTables } from "./tables";
