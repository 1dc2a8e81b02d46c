/**
 * The teacher keys a browser holds (client/src/classroom/teacherKeys.ts): reading them back from
 * storage, remembering one, and the key a dashboard address carries in its fragment.
 */
import { describe, expect, it } from "vitest";
import {
  chooseTeacherKey,
  keyFromFragment,
  parseHeldClasses,
  withClass,
  type HeldClass,
} from "../../client/src/classroom/teacherKeys";

const KEY = "tk_2b7QxR-9aZp4LmN0sVw8yE";
const held = (classId: string, over: Partial<HeldClass> = {}): HeldClass => ({
  classId,
  name: `Class ${classId}`,
  teacherKey: `${KEY}${classId}`,
  createdAt: 1000,
  ...over,
});

describe("keyFromFragment", () => {
  it("reads a key with or without its #", () => {
    expect(keyFromFragment(`#${KEY}`)).toBe(KEY);
    expect(keyFromFragment(KEY)).toBe(KEY);
    expect(keyFromFragment(`#${encodeURIComponent(KEY)}`)).toBe(KEY);
  });
  it("takes no skip link, empty fragment or odd text for a key", () => {
    for (const hash of [
      "",
      "#",
      "#main",
      "#board",
      "#not a key at all",
      "#%E0%A4%A",
      `#${"x".repeat(600)}`,
    ]) {
      expect(keyFromFragment(hash), hash).toBeNull();
    }
  });
});

describe("chooseTeacherKey", () => {
  it("prefers the key in the address, then the stored one, else none", () => {
    expect(chooseTeacherKey(`#${KEY}`, "stored-key-123")).toEqual({ key: KEY, fromAddress: true });
    expect(chooseTeacherKey("", "stored-key-123")).toEqual({ key: "stored-key-123", fromAddress: false });
    expect(chooseTeacherKey("#main", "stored-key-123")).toEqual({
      key: "stored-key-123",
      fromAddress: false,
    });
    expect(chooseTeacherKey("", null)).toBeNull();
  });
});

describe("stored classes", () => {
  it("reads only well-formed records, and nothing from junk", () => {
    const text = JSON.stringify([held("a"), { classId: "b" }, held("c", { teacherKey: "" }), 7, held("d")]);
    expect(parseHeldClasses(text).map((c) => c.classId)).toEqual(["a", "d"]);
    expect(parseHeldClasses("not json")).toEqual([]);
    expect(parseHeldClasses(null)).toEqual([]);
    expect(parseHeldClasses('{"a":1}')).toEqual([]);
  });
  it("replaces an older record of a class, keeping when it was first held and its name", () => {
    const before = [held("a"), held("b")];
    const after = withClass(before, held("a", { name: "", teacherKey: "new-key-456789", createdAt: 5000 }));
    expect(after.map((c) => c.classId)).toEqual(["b", "a"]);
    expect(after[1]).toEqual({
      classId: "a",
      name: "Class a",
      teacherKey: "new-key-456789",
      createdAt: 1000,
    });
    expect(withClass(before, held("c")).map((c) => c.classId)).toEqual(["a", "b", "c"]);
  });
});
