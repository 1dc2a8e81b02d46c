/**
 * Miscommunication: the paper is not perfect. With probability `p` a defection goes unreported,
 * or is reported as the wrong kind — the classroom lever for "noise erodes cooperation".
 *
 * The model, for each defection independently and in the order given:
 * 1. one draw `u`: if `u < p` the paper misses it (it goes to `missed`, not to `reported`);
 * 2. otherwise a second draw `v`: if `v < p` the paper misreports its kind (see
 *    `misreportedKind`: a surprise reads as announced, an announced defection as a surprise, and
 *    a retaliation — still a retaliation in truth — reads as a surprise);
 * 3. otherwise it is reported as it happened.
 * So a defection is missed with probability p, misreported with (1 − p)·p, and reported right
 * with (1 − p)². With `p = 0` (or anything not above 0) nothing changes and the generator is not
 * touched, so a game without noise prints a paper that does not depend on it. `p` above 1 counts
 * as 1.
 */
import type { Rng } from "../random";
import type { Defection, DefectionKind } from "../trust/types";

/** What the paper makes of the phase's defections. */
export interface Miscommunication {
  /** What the paper prints, in the order given: correct reports, and misreports with the wrong kind. */
  readonly reported: Defection[];
  /** The defections the paper did not print, as they truly were. */
  readonly missed: Defection[];
  /** The defections the paper printed with the wrong kind, as they truly were. */
  readonly misreported: Defection[];
}

/** The kind the paper prints when it gets a defection's kind wrong. */
export function misreportedKind(kind: DefectionKind): DefectionKind {
  return kind === "surprise" ? "announced" : "surprise";
}

/**
 * Passes the phase's defections through a paper that misses or misreports each with
 * probability `p`. Pure: the same defections, `p` and generator state give the same result.
 */
export function applyMiscommunication(
  defections: readonly Defection[],
  p: number,
  rng: Rng,
): Miscommunication {
  if (!(p > 0)) return { reported: [...defections], missed: [], misreported: [] };
  const chance = Math.min(p, 1);
  const reported: Defection[] = [];
  const missed: Defection[] = [];
  const misreported: Defection[] = [];
  for (const defection of defections) {
    if (rng.next() < chance) {
      missed.push(defection);
      continue;
    }
    if (rng.next() < chance) {
      misreported.push(defection);
      reported.push({ ...defection, kind: misreportedKind(defection.kind) });
    } else {
      reported.push(defection);
    }
  }
  return { reported, missed, misreported };
}
