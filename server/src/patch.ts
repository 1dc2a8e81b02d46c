/**
 * Cheap JSON patches between two views of a match. Our states share every unchanged subtree by
 * reference (immer, and `playerView` keeps references and reuses its history), so a diff that
 * stops at `===` costs what changed, and appended history becomes `add` operations. The result is
 * a valid RFC 6902 patch, which boardgame.io's client applies.
 */

/** One RFC 6902 operation. */
export type PatchOperation =
  | { readonly op: "add"; readonly path: string; readonly value: unknown }
  | { readonly op: "remove"; readonly path: string }
  | { readonly op: "replace"; readonly path: string; readonly value: unknown };

const escape = (key: string): string => key.replace(/~/g, "~0").replace(/\//g, "~1");

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);

/** The operations that turn `a` into `b` (JSON values: `undefined` fields count as absent). */
export function diff(a: unknown, b: unknown, path = "", ops: PatchOperation[] = []): PatchOperation[] {
  if (a === b) return ops;
  if (Array.isArray(a) && Array.isArray(b)) {
    const shared = Math.min(a.length, b.length);
    if (b.length >= a.length) {
      for (let i = 0; i < shared; i++) diff(a[i], b[i], `${path}/${i}`, ops);
      for (let i = a.length; i < b.length; i++) ops.push({ op: "add", path: `${path}/${i}`, value: b[i] });
      return ops;
    }
    ops.push({ op: "replace", path, value: b });
    return ops;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const key of Object.keys(a)) {
      if (a[key] !== undefined && b[key] === undefined)
        ops.push({ op: "remove", path: `${path}/${escape(key)}` });
    }
    for (const key of Object.keys(b)) {
      const vb = b[key];
      if (vb === undefined) continue;
      const va = a[key];
      if (va === undefined) ops.push({ op: "add", path: `${path}/${escape(key)}`, value: vb });
      else diff(va, vb, `${path}/${escape(key)}`, ops);
    }
    return ops;
  }
  ops.push({ op: "replace", path, value: b });
  return ops;
}
