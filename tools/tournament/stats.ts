/**
 * The little statistics a tournament table needs: means, sample variances, Student's t quantile
 * and 95% confidence intervals, for one mean and for the difference of two (Welch). Pure.
 */

/** The mean of some numbers (0 for none). */
export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** The sample variance (n − 1 denominator; 0 for fewer than two numbers). */
export function variance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
}

/** Student's t 0.975 quantiles for 1–30 degrees of freedom. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/**
 * The 0.975 quantile of Student's t with `df` degrees of freedom (df may be fractional, as in
 * Welch's test): the table up to 30, then the Cornish–Fisher expansion around the normal 1.96.
 */
export function t975(df: number): number {
  if (!(df >= 1)) return Number.POSITIVE_INFINITY;
  if (df <= 30) {
    const lo = Math.floor(df);
    const hi = Math.min(30, lo + 1);
    const a = T975[lo - 1]!;
    const b = T975[hi - 1]!;
    return a + (b - a) * (df - lo);
  }
  const z = 1.959964;
  return (
    z +
    (z ** 3 + z) / (4 * df) +
    (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2) +
    (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3)
  );
}

/** Half the width of the 95% confidence interval of the mean of `xs` (null for fewer than two). */
export function ci95(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  return t975(xs.length - 1) * Math.sqrt(variance(xs) / xs.length);
}

/** The difference of two means with its 95% confidence interval. */
export interface MeanDifference {
  readonly difference: number; // mean(a) − mean(b)
  readonly low: number;
  readonly high: number;
  readonly df: number; // Welch–Satterthwaite degrees of freedom
  readonly na: number;
  readonly nb: number;
}

/** Welch's 95% interval for mean(a) − mean(b); null when either side has fewer than two numbers. */
export function welch(a: readonly number[], b: readonly number[]): MeanDifference | null {
  if (a.length < 2 || b.length < 2) return null;
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const difference = mean(a) - mean(b);
  const se = Math.sqrt(va + vb);
  const df =
    se === 0
      ? a.length + b.length - 2
      : (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const half = t975(df) * se;
  return { difference, low: difference - half, high: difference + half, df, na: a.length, nb: b.length };
}
