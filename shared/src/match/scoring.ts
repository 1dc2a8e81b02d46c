/**
 * Scoring systems, chosen per match: solo/draw (classic), sum of squares, and statesman — a mix
 * of the share of centres with reputation and prestige, by the preset's weights. Scores are
 * points out of 100 for each power in play; in statesman, a power's share of centres is measured
 * against the centres a solo needs (a solo is a full share).
 */
import { centreCounts } from "../game/phases";
import type { Position } from "../game/position";
import type { GameMap, PowerId } from "../map/types";
import type { Preset } from "../trust/types";
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

const round = (x: number): number => Math.round(x * 100) / 100;

/** Scores a finished match with one system. */
export function score(system: ScoringSystem, preset: Preset, input: ScoringInput): Record<PowerId, number> {
  const centres = centreCounts(input.map, input.position);
  const result: Record<PowerId, number> = {};
  for (const p of input.powers) result[p] = 0;
  switch (system) {
    case "solo-draw":
      if (input.winner) result[input.winner] = 100;
      else for (const p of input.survivors) result[p] = round(100 / input.survivors.length);
      return result;
    case "sum-of-squares": {
      if (input.winner) {
        result[input.winner] = 100;
        return result;
      }
      const total = input.powers.reduce((s, p) => s + (centres.get(p) ?? 0) ** 2, 0);
      for (const p of input.powers)
        result[p] = total === 0 ? 0 : round((100 * (centres.get(p) ?? 0) ** 2) / total);
      return result;
    }
    case "statesman": {
      const w = preset.scoring;
      for (const p of input.powers) {
        const share = Math.min(1, (centres.get(p) ?? 0) / Math.max(1, input.map.victoryCenters));
        const standing = w.reputation * (input.reputation[p] ?? 0) + w.prestige * (input.prestige[p] ?? 0);
        result[p] = round(100 * w.centers * share + standing);
      }
      return result;
    }
  }
}
