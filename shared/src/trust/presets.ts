/**
 * Presets: whole rule sets by name, so a teacher can run the same map under two theories and
 * compare. `default` is DESIGN.md's table; `realist` keeps the trust layer but lets reputation
 * count for nothing in the score; `liberal` makes reputation and prestige weigh heavily.
 */
import type { Preset } from "./types";

const standard: Preset = {
  id: "default",
  name: "Default",
  description: "The standard trust rules: reputation and prestige count a little in the statesman score.",
  reputation: {
    start: 50,
    surpriseDefection: -15,
    announcedDefection: -5,
    retaliation: 0,
    honouredToEnd: 3,
    yearWithoutDefection: 2,
    leak: -3,
    leakExposingBrokenPromise: 0,
  },
  prestige: { start: 50, surpriseVictim: -5, announcedVictim: 0 },
  capacity: { base: 2, centersPerUnit: 5 },
  scoring: { centers: 0.6, reputation: 0.25, prestige: 0.15 },
  miscommunication: 0,
};

/** Every preset by id. */
export const PRESETS: Readonly<Record<string, Preset>> = {
  default: standard,
  realist: {
    ...standard,
    id: "realist",
    name: "Realist",
    description: "Power is all that counts: reputation and prestige are reported but do not score.",
    scoring: { centers: 1, reputation: 0, prestige: 0 },
  },
  liberal: {
    ...standard,
    id: "liberal",
    name: "Liberal",
    description: "Institutions and standing matter: broken words cost more and standing weighs heavily.",
    reputation: { ...standard.reputation, surpriseDefection: -20, announcedDefection: -8, honouredToEnd: 5 },
    prestige: { ...standard.prestige, surpriseVictim: -8 },
    scoring: { centers: 0.4, reputation: 0.4, prestige: 0.2 },
  },
};

/** Ids of the presets. */
export const PRESET_IDS = Object.keys(PRESETS);

/** A preset by id, or null. */
export function getPreset(id: string): Preset | null {
  return Object.hasOwn(PRESETS, id) ? PRESETS[id]! : null;
}
