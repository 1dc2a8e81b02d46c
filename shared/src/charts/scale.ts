/**
 * Chart axes shared by the client's charts and the tournament report: round tick values and the
 * mapping from a value to a pixel, both from d3-scale's linear scale. Pure: no DOM, no text.
 */
import { scaleLinear } from "d3-scale";

/** What `linearAxis` is asked for. */
export interface LinearAxisOptions {
  /** The values to show, `[low, high]`; an empty range (`high <= low`) becomes `[low, low + 1]`. */
  readonly domain: readonly [number, number];
  /** The pixels the domain spans, `[atLow, atHigh]` (reversed for a vertical axis). */
  readonly range: readonly [number, number];
  readonly ticks?: number; // about how many tick steps (default 5)
  readonly nice?: boolean; // widen the domain to round ticks at both ends (default true)
}

/** A linear axis: its (possibly widened) domain, its ticks and its value → pixel mapping. */
export interface LinearAxis {
  readonly domain: readonly [number, number]; // after widening to round ticks, when `nice`
  readonly ticks: readonly number[]; // round values inside the domain, ascending
  readonly toPixel: (value: number) => number;
}

/** A linear axis over `domain` drawn on `range`, with round ticks (1, 2 or 5 × 10ⁿ apart). */
export function linearAxis(options: LinearAxisOptions): LinearAxis {
  const count = options.ticks ?? 5;
  const [low, high] = options.domain;
  const scale = scaleLinear()
    .domain(high > low ? [low, high] : [low, low + 1])
    .range([options.range[0], options.range[1]]);
  if (options.nice ?? true) scale.nice(count);
  const [from, to] = scale.domain() as [number, number];
  return { domain: [from, to], ticks: scale.ticks(count), toPixel: (value) => scale(value) };
}

/**
 * Round tick values enclosing `[low, high]`: the first at or below `low`, the last at or above
 * `high`, about `count` steps apart. An empty range becomes `[low, low + 1]`.
 */
export function niceTicks(low: number, high: number, count = 5): number[] {
  return [...linearAxis({ domain: [low, high], range: [0, 1], ticks: count }).ticks];
}
