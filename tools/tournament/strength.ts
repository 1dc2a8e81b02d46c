/**
 * The strength protocol of bot tournaments (one bot against six baselines, seat-rotated): per bot,
 * its share of all supply centres at the end (fair share 1/P) with a 95% confidence interval, and
 * its solo and elimination rates with Wilson 95% intervals; and how the games ended, by kind and
 * year. Pure: records in, numbers and lines out.
 */
import type { BotMatchRecord } from "../../shared/src/bots";
import { ci95, mean } from "./stats";

/** A rate with its Wilson 95% interval. */
export interface Rate {
  readonly count: number;
  readonly of: number;
  readonly rate: number;
  readonly low: number;
  readonly high: number;
}

/** The Wilson score 95% interval of `count` successes in `of` trials (0–0 for none). */
export function wilson95(count: number, of: number): Rate {
  if (of === 0) return { count, of, rate: 0, low: 0, high: 0 };
  const z = 1.959964;
  const p = count / of;
  const centre = (p + (z * z) / (2 * of)) / (1 + (z * z) / of);
  const half = (z / (1 + (z * z) / of)) * Math.sqrt((p * (1 - p)) / of + (z * z) / (4 * of * of));
  return { count, of, rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** One bot's figures under the protocol. */
export interface Strength {
  readonly label: string;
  readonly seats: number;
  /** Mean share of all the map's centres at the end, and the half-width of its 95% interval. */
  readonly share: number;
  readonly shareCi: number | null;
  /** The fair share: 1 / powers. */
  readonly fair: number;
  readonly solos: Rate;
  readonly eliminations: Rate;
}

/** The protocol figures of every bot label, in the order given. */
export function strengths(
  records: readonly BotMatchRecord[],
  labels: readonly string[],
  supplyCentres: number,
  powers: number,
): Strength[] {
  return [...new Set(labels)].map((label) => {
    const seats = records.flatMap((r) =>
      r.powers.filter((p) => p.label === label).map((p) => ({ game: r, power: p })),
    );
    const shares = seats.map((s) => s.power.centres / supplyCentres);
    const ci = ci95(shares);
    return {
      label,
      seats: seats.length,
      share: mean(shares),
      shareCi: ci,
      fair: 1 / powers,
      solos: wilson95(
        seats.filter((s) => s.game.result.kind === "solo" && s.game.result.winner === s.power.power).length,
        seats.length,
      ),
      eliminations: wilson95(seats.filter((s) => s.power.eliminatedIn !== null).length, seats.length),
    };
  });
}

/** How many games ended in each way, by kind and year, in time order. */
export function endsByYear(
  records: readonly BotMatchRecord[],
): { kind: string; year: number; games: number }[] {
  const counts = new Map<string, { kind: string; year: number; games: number }>();
  for (const r of records) {
    const key = `${r.result.at.year}|${r.result.kind}`;
    const entry = counts.get(key) ?? { kind: r.result.kind, year: r.result.at.year, games: 0 };
    entry.games++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => a.year - b.year || a.kind.localeCompare(b.kind));
}

/** A fraction as a percentage with one decimal. */
function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/** A rate and its interval, e.g. "12/140 = 8.6% (95% CI 5.0–14.4%)". */
function rateText(r: Rate): string {
  return `${r.count}/${r.of} = ${pct(r.rate)} (95% CI ${pct(r.low)}–${pct(r.high)})`;
}

/** One line per bot: centre share, solos and eliminations with their intervals. */
export function formatStrengths(list: readonly Strength[]): string[] {
  return list.map((s) => {
    const ci =
      s.shareCi === null
        ? ""
        : ` (95% CI ${pct(Math.max(0, s.share - s.shareCi))}–${pct(Math.min(1, s.share + s.shareCi))})`;
    return (
      `${s.label}: centre share ${pct(s.share)}${ci}, fair ${pct(s.fair)} · ` +
      `solos ${rateText(s.solos)} · eliminations ${rateText(s.eliminations)}`
    );
  });
}

/** The line of game ends by year, e.g. "ends: 1907 draw×68 · 1908 draw×22 · 1920 year-limit×50". */
export function formatEnds(records: readonly BotMatchRecord[]): string {
  return `ends: ${endsByYear(records)
    .map((e) => `${e.year} ${e.kind}×${e.games}`)
    .join(" · ")}`;
}
