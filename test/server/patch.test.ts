/**
 * The per-seat patch: applying `diff(a, b)` to `a` gives `b`, for any JSON values, and shared
 * subtrees cost no operations.
 */
import { applyPatch } from "rfc6902";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diff } from "../../server/src/patch";

// rfc6902's applyPatch mishandles keys that name Object.prototype members (`__proto__`, `valueOf`…);
// our states never have them (payloads are schema-checked), so the generator leaves them out.
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);
const json = fc
  .jsonValue({ maxDepth: 4 })
  .map((v) => JSON.parse(JSON.stringify(v)) as unknown)
  .filter((v) => !prototypeKeys.some((k) => JSON.stringify(v).includes(`"${k}"`)));

describe("diff", () => {
  it("turns a into b for any JSON values (RFC 6902)", () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        const doc = { root: structuredClone(a) };
        const errors = applyPatch(doc, diff({ root: a }, { root: b }));
        expect(errors.every((e) => e === null)).toBe(true);
        expect(doc.root).toEqual(b);
      }),
      { numRuns: 2_000 },
    );
  });

  it("appends to a grown list and leaves shared subtrees alone", () => {
    const history = [{ phase: 1 }, { phase: 2 }];
    const editions = [{ n: 1 }];
    const before = { history, editions, orders: { ENG: ["a"] } };
    const after = { history: [...history, { phase: 3 }], editions, orders: { ENG: ["a", "b"] } };
    expect(diff(before, after)).toEqual([
      { op: "add", path: "/history/2", value: { phase: 3 } },
      { op: "add", path: "/orders/ENG/1", value: "b" },
    ]);
  });

  it("escapes keys and drops undefined fields", () => {
    expect(diff({ "a/b": 1, gone: 2 }, { "a/b": 2, gone: undefined, "~x": 3 })).toEqual([
      { op: "remove", path: "/gone" },
      { op: "replace", path: "/a~1b", value: 2 },
      { op: "add", path: "/~0x", value: 3 },
    ]);
  });
});
