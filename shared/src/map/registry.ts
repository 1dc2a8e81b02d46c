/**
 * The maps that ship with the game, loaded once from `assets/maps/`. Importing JSON keeps the
 * rules core free of I/O: the bundler or runtime inlines the data.
 */
import amberData from "../../../assets/maps/amber.json";
import classicData from "../../../assets/maps/classic.json";
import { loadMap } from "./load";
import type { GameMap } from "./types";

const SOURCES = {
  classic: classicData,
  amber: amberData,
} as const;

/** Ids of the shipped maps. */
export const MAP_IDS = Object.keys(SOURCES) as readonly MapId[];
/** A shipped map's id. */
export type MapId = keyof typeof SOURCES;

const cache = new Map<string, GameMap>();

/**
 * Returns a shipped map by id, or null for an unknown id. A shipped map that fails validation is a
 * build defect, so that throws with every problem listed.
 */
export function getMap(id: string): GameMap | null {
  const cached = cache.get(id);
  if (cached) return cached;
  if (!Object.hasOwn(SOURCES, id)) return null;
  const loaded = loadMap(SOURCES[id as MapId]);
  if (!loaded.ok) {
    throw new Error(
      `shipped map "${id}" is invalid:\n${loaded.error.map((e) => `${e.code}: ${e.message}`).join("\n")}`,
    );
  }
  cache.set(id, loaded.value);
  return loaded.value;
}
