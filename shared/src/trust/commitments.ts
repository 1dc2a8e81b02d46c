/**
 * Commitments between powers: who is allied with whom, which commitments are in force, and how
 * much verification capacity they use. Lifecycle changes (propose, accept, …) are actions in
 * `match/actions.ts`; endings at the close of a phase are in `match/resolve.ts`.
 */
import type { PowerId } from "../map/types";
import { seasonEndsWith } from "./calendar";
import type { Commitment, SeasonRef } from "./types";

/** Whether a commitment is in force. */
export function inForce(c: Commitment): boolean {
  return c.status === "active";
}

/** The commitments in force between two powers. */
export function commitmentsBetween(commitments: readonly Commitment[], a: PowerId, b: PowerId): Commitment[] {
  return commitments.filter((c) => inForce(c) && c.parties.includes(a) && c.parties.includes(b));
}

/** Two powers are allies while any commitment between them is in force. */
export function areAllies(commitments: readonly Commitment[], a: PowerId, b: PowerId): boolean {
  return a !== b && commitmentsBetween(commitments, a, b).length > 0;
}

/** Every ally of a power. */
export function alliesOf(commitments: readonly Commitment[], power: PowerId): PowerId[] {
  const allies = new Set<PowerId>();
  for (const c of commitments) {
    if (!inForce(c) || !c.parties.includes(power)) continue;
    for (const p of c.parties) if (p !== power) allies.add(p);
  }
  return [...allies];
}

/**
 * Whether a commitment's term ends with the phase just played (`now`), `next` coming after it: it
 * stays in force through the season it names, up to the last phase played in it or before it
 * (`seasonEndsWith`). An open-ended term never ends.
 */
export function endsWith(c: Commitment, now: SeasonRef, next: SeasonRef): boolean {
  return c.until !== null && seasonEndsWith(c.until, now, next);
}
