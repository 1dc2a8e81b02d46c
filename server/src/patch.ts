/**
 * Cheap JSON patches between two filtered states. boardgame.io diffs each seat's whole filtered
 * state after every action (rfc6902 deep comparison), which grows with the game's history. Our
 * states share every unchanged subtree by reference (immer, and `playerView` keeps references), so
 * a diff that stops at `===` costs what changed, and appended history becomes `add` operations.
 * The result is a valid RFC 6902 patch: the client applies it as before.
 */
import { getFilterPlayerView } from "boardgame.io/internal";
import type { Game } from "boardgame.io";

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

/** A boardgame.io payload as sent to one socket. */
export interface Payload {
  readonly type: string;
  readonly args: unknown[];
}

/**
 * boardgame.io's per-seat filter, with our diff for `patch` payloads: each seat's previous and new
 * filtered states come from boardgame.io's own filter, and only the patch between them is ours.
 */
export function seatFilter(game: Game): (playerID: string | null, payload: Payload) => Payload {
  const filter = getFilterPlayerView(game) as unknown as (
    playerID: string | null,
    payload: Payload,
  ) => Payload;
  return (playerID, payload) => {
    if (payload.type !== "patch") return filter(playerID, payload);
    const [matchID, prevStateID, prevState, state] = payload.args as [
      string,
      number,
      { _stateID: number },
      { _stateID: number },
    ];
    const before = filter(playerID, { type: "update", args: [matchID, prevState] }).args[1];
    const after = filter(playerID, { type: "update", args: [matchID, state] });
    const [, filtered, log] = after.args;
    return { type: "patch", args: [matchID, prevStateID, state._stateID, diff(before, filtered), log] };
  };
}
