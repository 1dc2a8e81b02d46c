// Property tests: loadMap returns a Result for any input — it never throws — and every problem it
// reports carries a known code and a message.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import amberData from "../../assets/maps/amber.json";
import classicData from "../../assets/maps/classic.json";
import { loadMap, MAP_ERROR_CODES } from "../../shared/src/map";

type Path = readonly (string | number)[];

/** Every path to a value inside `value` (objects and arrays), the root excluded. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  return [];
}

/** A copy of `data` with the value at `path` deleted (or replaced, when `replacement` is given). */
function mutate(data: unknown, path: Path, replacement?: { value: unknown }): unknown {
  const copy = structuredClone(data) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (replacement) parent[last] = replacement.value;
  else if (Array.isArray(parent) && typeof last === "number") parent.splice(last, 1);
  else Reflect.deleteProperty(parent, last);
  return copy;
}

/** Loads and checks the shape of the answer; throws (failing the property) only on a defect. */
function loadsCleanly(json: unknown): boolean {
  const result = loadMap(json);
  if (result.ok) return true;
  expect(result.error.length).toBeGreaterThan(0);
  for (const e of result.error) {
    expect(MAP_ERROR_CODES).toContain(e.code);
    expect(e.message.length).toBeGreaterThan(0);
  }
  return true;
}

/** Values that tend to break loaders: ids of other places, inherited names, wrong types. */
const nasty = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    "constructor",
    "toString",
    "__proto__",
    "hasOwnProperty",
    "lon",
    "stp/nc",
    "stp",
    "nth",
    "ENG",
  ),
  fc.constantFrom("", "A", "F", "coast", "sea", "land", -1, 0, 1e9, Number.NaN, null, [], {}),
  fc.array(fc.constantFrom("lon", "wal", "constructor", "nth", "spa/sc", "mun", "xyz")),
);

describe.each([
  ["classic", classicData],
  ["amber", amberData],
] as const)("loadMap on mutations of %s", (_name, data) => {
  const paths = pathsOf(data);

  it("never throws when a random key or element is deleted", () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), (path) => loadsCleanly(mutate(data, path))),
      { numRuns: 300 },
    );
  });

  it("never throws when a random value is replaced", () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), nasty, (path, value) =>
        loadsCleanly(mutate(data, path, { value })),
      ),
      { numRuns: 300 },
    );
  });

  it("never throws after several mutations in a row", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...paths), fc.option(nasty, { nil: undefined }), fc.boolean()), {
          minLength: 2,
          maxLength: 6,
        }),
        (steps) => {
          let json: unknown = data;
          for (const [path, value, replace] of steps) {
            try {
              json = mutate(json, path, replace ? { value } : undefined);
            } catch {
              // an earlier step removed this path's parent; skip the step
            }
          }
          return loadsCleanly(json);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('accepts a province named "constructor" (an inherited property) without throwing', () => {
    const id = "constructor";
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(data.armyAdjacency)), (neighbour) => {
        const copy = structuredClone(data) as unknown as {
          provinces: unknown[];
          armyAdjacency: Record<string, string[]>;
        };
        copy.provinces.push({ id, name: id, kind: "land", supplyCenter: false, coasts: [], aliases: [] });
        copy.armyAdjacency[neighbour]!.push(id);
        const result = loadMap(copy);
        expect(result.ok).toBe(false);
        return loadsCleanly(copy);
      }),
      { numRuns: 40 },
    );
  });
});

describe("loadMap on arbitrary input", () => {
  it("never throws on any JSON-like value", () => {
    fc.assert(
      fc.property(fc.anything(), (json) => {
        const result = loadMap(json);
        expect(result.ok).toBe(false);
        return loadsCleanly(json);
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on objects with map-like keys", () => {
    const key = fc.constantFrom(
      "format",
      "id",
      "name",
      "description",
      "victoryCenters",
      "startYear",
      "powers",
      "provinces",
      "armyAdjacency",
      "fleetAdjacency",
      "start",
      "playerCounts",
    );
    fc.assert(
      fc.property(fc.dictionary(key, nasty), (json) => loadsCleanly({ ...json, format: "entente-map/1" })),
      { numRuns: 500 },
    );
  });
});
