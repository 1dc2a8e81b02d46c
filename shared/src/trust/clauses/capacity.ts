/**
 * Verification capacity: each power can have the engine watch only so many clauses at once
 * (by default 2 + ⌊centres ÷ 5⌋). Every verifiable clause in force uses one unit of each party's
 * capacity; free text uses none.
 */
import type { PowerId } from "../../map/types";
import type { Clause, Commitment, Preset } from "../types";
import { isVerifiable } from "./index";

/** A power's verification capacity with the given number of supply centres: base + ⌊centres ÷ centersPerUnit⌋. */
export function verificationCapacity(preset: Preset, centers: number): number {
  const { base, centersPerUnit } = preset.capacity;
  return base + (centersPerUnit > 0 ? Math.floor(Math.max(0, centers) / centersPerUnit) : 0);
}

/** How many units of capacity a set of clauses costs each party: one per verifiable clause. */
export function capacityCost(clauses: readonly Clause[]): number {
  return clauses.filter(isVerifiable).length;
}

/** How much of a power's capacity is in use: the verifiable clauses of active commitments it is a party to. */
export function capacityUsed(commitments: readonly Commitment[], power: PowerId): number {
  return commitments
    .filter((c) => c.status === "active" && c.parties.includes(power))
    .reduce((sum, c) => sum + capacityCost(c.clauses), 0);
}

/** How much capacity a power has left (negative when it is over, e.g. after losing centres). */
export function capacityLeft(
  preset: Preset,
  commitments: readonly Commitment[],
  power: PowerId,
  centers: number,
): number {
  return verificationCapacity(preset, centers) - capacityUsed(commitments, power);
}

/**
 * Whether a new commitment of `parties` with `clauses` fits every party's capacity next to the
 * active `commitments`: the first party (in the order given) that would go over, or null when all fit.
 * A commitment of free text only always fits.
 */
export function fitsCapacity(
  preset: Preset,
  commitments: readonly Commitment[],
  centresOf: (power: PowerId) => number,
  parties: readonly PowerId[],
  clauses: readonly Clause[],
): PowerId | null {
  const cost = capacityCost(clauses);
  if (cost === 0) return null;
  return parties.find((p) => capacityLeft(preset, commitments, p, centresOf(p)) < cost) ?? null;
}
