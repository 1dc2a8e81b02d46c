/**
 * Diplomatic personalities: the strategies of the iterated trust game, played partner by partner
 * over commitments. Each round (movement phase) a bot takes a stance towards every other power —
 * keep the peace, give notice and keep it one last time, or attack — and says whether it will sign
 * with that power. "Cooperating" is keeping the commitments one signs; "cheating" is breaking them.
 *
 * The stance rests only on the partner facts (built from the bot's newspaper-fed ledger and the
 * commitments it can see) and a seeded draw, so it is pure and replays from its seed.
 */
import type { Rng } from "../random";
import type { Tactics } from "./tactics";

/** Every personality, by id. */
export const PERSONALITIES = [
  "steady",
  "always-cooperate",
  "always-cheat",
  "copycat",
  "grudger",
  "detective",
  "copykitten",
  "simpleton",
  "random",
  "honest-rival",
  "backstabber",
  "verifier",
] as const;
/** One of `PERSONALITIES`. */
export type Personality = (typeof PERSONALITIES)[number];

/** What a personality is, for people: its name, one line, and its default honesty. */
export interface PersonalityInfo {
  readonly name: string;
  readonly description: string;
  /** The chance it gives notice when it breaks a commitment (0: never, 1: always). */
  readonly honesty: number;
}

/** The personalities described. */
export const PERSONALITY_INFO: Readonly<Record<Personality, PersonalityInfo>> = {
  steady: {
    name: "Steady",
    description: "Plays the board and signs nothing.",
    honesty: 1,
  },
  "always-cooperate": {
    name: "Always cooperate",
    description: "Signs with every neighbour and keeps every word, whatever others do.",
    honesty: 1,
  },
  "always-cheat": {
    name: "Always cheat",
    description: "Signs whatever it is offered and breaks it at once.",
    honesty: 0,
  },
  copycat: {
    name: "Copycat",
    description: "Starts in good faith, then does what you did last round: strikes back once, then forgives.",
    honesty: 0.5,
  },
  grudger: {
    name: "Grudger",
    description: "Keeps faith until you harm it once; after that, never again.",
    honesty: 0.5,
  },
  detective: {
    name: "Detective",
    description:
      "Tests you: keeps faith, stabs once, keeps faith twice; if you struck back it plays copycat, if not it exploits you.",
    honesty: 0,
  },
  copykitten: {
    name: "Copykitten",
    description: "Like copycat, but strikes back only after you harm it two rounds running.",
    honesty: 0.5,
  },
  simpleton: {
    name: "Simpleton",
    description: "Starts in good faith; if you kept faith it repeats its last move, if not it switches.",
    honesty: 0.5,
  },
  random: {
    name: "Random",
    description: "Keeps faith or breaks it by a coin toss each round.",
    honesty: 0.5,
  },
  "honest-rival": {
    name: "Honest rival",
    description:
      "Signs and keeps its word, but when a partner lies open it gives notice first and attacks after.",
    honesty: 1,
  },
  backstabber: {
    name: "Backstabber",
    description: "A model ally until peace is settled — then one stab, without a word.",
    honesty: 0,
  },
  verifier: {
    name: "Verifier",
    description:
      "Signs only commitments the engine can verify, keeps them, and strikes back once when cheated.",
    honesty: 0.5,
  },
};

/** A bot: how it fights, how it deals, and how honest it is when it breaks its word. */
export interface BotProfile {
  readonly personality: Personality;
  readonly tactics: Tactics;
  /** 0–1: the chance it gives notice when it breaks a commitment; a lie of reassurance is sent below 0.5. */
  readonly honesty: number;
}

/** A profile with the personality's default honesty. */
export function botProfile(
  personality: Personality,
  tactics: Tactics = "baseline",
  honesty?: number,
): BotProfile {
  return { personality, tactics, honesty: honesty ?? PERSONALITY_INFO[personality].honesty };
}

/** How a bot stands towards one power this round. */
export type Stance =
  | "keep" // keep the peace with it where there is a commitment (or one being made)
  | "renounce" // give notice on every commitment with it, and keep it this round
  | "attack"; // attack it, breaking whatever is in force

/** A bot's intent towards one power this round. */
export interface PartnerIntent {
  readonly stance: Stance;
  /** Whether it will propose to, or accept from, this power. */
  readonly sign: boolean;
}

/** What a bot knows of one partner when it takes its stance (all from its own view). */
export interface PartnerFacts {
  readonly round: number; // this round
  readonly firstRound: number; // the match's first round
  readonly harmedMe: readonly number[]; // rounds the paper reported the partner harming the bot
  readonly harmedByMe: readonly number[]; // rounds the paper reported the bot harming the partner
  readonly inForce: boolean; // a commitment between them is in force
  readonly roundsInForce: number; // rounds the oldest commitment in force has run (0 if none)
  readonly renouncedLastRound: boolean; // the bot ended a commitment with the partner by notice last round
  readonly stabbedBefore: boolean; // the bot has defected against the partner before
  readonly opening: boolean; // the partner has a centre the bot could take this round
  /** The paper's record makes the partner a serial backstabber (see `serialBackstabber` in diplomacy.ts). */
  readonly serial?: boolean;
}

/** Personalities that heed a partner's record: they sign nothing new with a serial backstabber and join others against it. */
const WARY: ReadonlySet<Personality> = new Set([
  "copycat",
  "grudger",
  "copykitten",
  "simpleton",
  "honest-rival",
  "verifier",
  "detective",
]);

/** Whether a personality heeds a partner's record: turns down serial backstabbers and targets them. */
export function heedsRecords(personality: Personality): boolean {
  return WARY.has(personality);
}

const KEEP: PartnerIntent = { stance: "keep", sign: true };
const HOSTILE: PartnerIntent = { stance: "attack", sign: false };
const LURE: PartnerIntent = { stance: "attack", sign: true };

/** Tit for tat: the partner's last move, answered. */
function copycat(f: PartnerFacts): PartnerIntent {
  return f.harmedMe.includes(f.round - 1) ? HOSTILE : KEEP;
}

/**
 * The stance of `personality` towards one partner this round. A personality that heeds records
 * (`heedsRecords`) signs nothing new with a serial backstabber.
 */
export function partnerIntent(personality: Personality, f: PartnerFacts, rng: Rng): PartnerIntent {
  const intent = stanceOf(personality, f, rng);
  if (f.serial === true && heedsRecords(personality) && !f.inForce && intent.sign)
    return { ...intent, sign: false };
  return intent;
}

/** The stance rules of each personality. */
function stanceOf(personality: Personality, f: PartnerFacts, rng: Rng): PartnerIntent {
  const last = f.round - 1;
  switch (personality) {
    case "steady":
      return { stance: "keep", sign: false };
    case "always-cooperate":
      return KEEP;
    case "always-cheat":
      return LURE;
    case "copycat":
    case "verifier":
      return copycat(f);
    case "grudger":
      return f.harmedMe.length > 0 ? HOSTILE : KEEP;
    case "copykitten":
      return f.harmedMe.includes(last) && f.harmedMe.includes(last - 1) ? HOSTILE : KEEP;
    case "detective": {
      const step = f.round - f.firstRound;
      if (step < 4) return step === 1 ? LURE : KEEP; // keep, stab, keep, keep
      const struckBack = f.harmedMe.some((r) => r >= f.firstRound + 2); // answers to the stab
      return struckBack ? copycat(f) : LURE;
    }
    case "simpleton": {
      if (f.round === f.firstRound) return KEEP;
      const iDefected = f.harmedByMe.includes(last);
      const theyDefected = f.harmedMe.includes(last);
      const defectNow = theyDefected ? !iDefected : iDefected; // win-stay, lose-shift
      return defectNow ? HOSTILE : KEEP;
    }
    case "random":
      return rng.next() < 0.5 ? HOSTILE : KEEP;
    case "honest-rival":
      // It turns on a partner when the board pays (a settled pact, a centre open) or the record
      // says the partner will turn first (a serial backstabber): always with notice first.
      if (f.inForce)
        return (f.roundsInForce >= 2 && f.opening) || f.serial === true
          ? { stance: "renounce", sign: false }
          : KEEP;
      if (f.renouncedLastRound || f.harmedMe.includes(last)) return HOSTILE;
      return KEEP;
    case "backstabber":
      if (f.stabbedBefore) return copycat(f);
      if (f.inForce && f.opening && (f.roundsInForce >= 3 || f.serial === true)) return LURE; // first, if the partner stabs too
      return KEEP;
  }
}
