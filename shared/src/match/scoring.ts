/**
 * Scoring systems, chosen per match: solo/draw (classic), sum of squares, and statesman — a mix
 * of the share of centres with reputation and prestige, by the preset's weights. Scores are
 * points out of 100 for each power in play; in statesman, a power's share of centres is measured
 * against the centres a solo needs (a solo is a full share).
 *
 * `scoreBreakdown` says how each power's score is made (its terms); `score` is the total of those
 * terms, so the score and its explanation are one computation.
 */
import { centreCounts } from "../game/phases";
import type { Position } from "../game/position";
import type { GameMap, PowerId } from "../map/types";
import type { Preset, ScoringWeights } from "../trust/types";
import type { MatchResult, ScoringSystem } from "./types";

/** What a scoring system looks at. */
export interface ScoringInput {
  readonly map: GameMap;
  readonly powers: readonly PowerId[]; // powers in play
  readonly position: Position; // the final board
  readonly reputation: Readonly<Record<PowerId, number>>;
  readonly prestige: Readonly<Record<PowerId, number>>;
  readonly kind: MatchResult["kind"];
  readonly winner: PowerId | null;
  readonly survivors: readonly PowerId[];
}

/** What one term of a score counts. */
export type ScoreTermKind =
  | "solo" // the whole score, to the power that soloed
  | "survivor-share" // solo/draw: an equal share among the survivors
  | "squares" // sum of squares: the power's centres squared, as a share of every power's
  | "centres" // statesman: the share of the centres a solo needs, by the preset's weight
  | "reputation" // statesman: reputation by the preset's weight
  | "prestige"; // statesman: prestige by the preset's weight

/** One term of a power's score. */
export interface ScoreTerm {
  readonly kind: ScoreTermKind;
  readonly value: number; // what is counted: centres squared, a share (0–1), reputation, prestige; 1 for solo
  readonly weight: number; // what it is multiplied by (statesman: the preset's weight; 100 for a share)
  readonly points: number; // the term's points (unrounded)
}

/** How one power's score was made. */
export interface PowerScoreBreakdown {
  readonly power: PowerId;
  readonly centres: number; // supply centres on the final board
  readonly reputation: number; // at the end
  readonly prestige: number; // at the end
  readonly terms: readonly ScoreTerm[]; // none: the power scores nothing
  readonly total: number; // the score: the terms' sum, rounded to hundredths
}

/** How a finished match was scored, power by power. */
export interface ScoreBreakdown {
  readonly system: ScoringSystem;
  readonly weights: ScoringWeights; // the preset's (only statesman uses them)
  readonly soloCentres: number; // the centres a solo needs (the map's victory count)
  readonly squaresTotal: number; // every power's centres squared, summed (sum of squares)
  readonly powers: readonly PowerScoreBreakdown[]; // in the order of `input.powers`
}

const round = (x: number): number => Math.round(x * 100) / 100;

/** The terms' sum, rounded: summed from the last term, as `a + (b + c)`. */
function totalOf(terms: readonly ScoreTerm[]): number {
  return round(terms.reduceRight((sum, t) => t.points + sum, 0));
}

/** The terms of one power's score under `system`. */
function termsOf(
  system: ScoringSystem,
  w: ScoringWeights,
  input: ScoringInput,
  power: PowerId,
  centres: number,
  soloCentres: number,
  squaresTotal: number,
): ScoreTerm[] {
  const solo: ScoreTerm = { kind: "solo", value: 1, weight: 100, points: 100 };
  switch (system) {
    case "solo-draw":
      if (input.winner) return input.winner === power ? [solo] : [];
      if (!input.survivors.includes(power)) return [];
      return [
        {
          kind: "survivor-share",
          value: 1 / input.survivors.length,
          weight: 100,
          points: 100 / input.survivors.length,
        },
      ];
    case "sum-of-squares": {
      if (input.winner) return input.winner === power ? [solo] : [];
      const square = centres ** 2;
      const points = squaresTotal === 0 ? 0 : (100 * square) / squaresTotal;
      return [{ kind: "squares", value: square, weight: 100, points }];
    }
    case "statesman": {
      const share = Math.min(1, centres / soloCentres);
      const reputation = input.reputation[power] ?? 0;
      const prestige = input.prestige[power] ?? 0;
      return [
        { kind: "centres", value: share, weight: w.centers, points: 100 * w.centers * share },
        { kind: "reputation", value: reputation, weight: w.reputation, points: w.reputation * reputation },
        { kind: "prestige", value: prestige, weight: w.prestige, points: w.prestige * prestige },
      ];
    }
  }
}

/** How each power's score is made under one system: its centres, standing, terms and total. */
export function scoreBreakdown(system: ScoringSystem, preset: Preset, input: ScoringInput): ScoreBreakdown {
  const counts = centreCounts(input.map, input.position);
  const centresOf = (p: PowerId): number => counts.get(p) ?? 0;
  const soloCentres = Math.max(1, input.map.victoryCenters);
  const squaresTotal = input.powers.reduce((s, p) => s + centresOf(p) ** 2, 0);
  const powers = input.powers.map((power): PowerScoreBreakdown => {
    const centres = centresOf(power);
    const terms = termsOf(system, preset.scoring, input, power, centres, soloCentres, squaresTotal);
    return {
      power,
      centres,
      reputation: input.reputation[power] ?? 0,
      prestige: input.prestige[power] ?? 0,
      terms,
      total: totalOf(terms),
    };
  });
  return { system, weights: preset.scoring, soloCentres, squaresTotal, powers };
}

/** Scores a finished match with one system: the totals of `scoreBreakdown`. */
export function score(system: ScoringSystem, preset: Preset, input: ScoringInput): Record<PowerId, number> {
  const result: Record<PowerId, number> = {};
  for (const p of scoreBreakdown(system, preset, input).powers) result[p.power] = p.total;
  return result;
}
