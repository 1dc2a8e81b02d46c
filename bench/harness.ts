/**
 * The timing harness of the benchmarks: warm-up passes, then timed rounds of whole passes over a
 * prepared input list, timed with `process.hrtime.bigint`. The clock is read once per pass, never
 * per operation, so its cost stays out of the figures. The median round is reported, with the
 * spread of the rounds, so that a burst of load from other processes shows instead of skewing.
 */

/** One benchmark: a name, what one operation is, and the operation over prepared inputs. */
export interface Benchmark<T> {
  /** The printed name, e.g. `adjudicate: full-board classic movement phases`. */
  readonly name: string;
  /** What the input list holds, for the printed count, e.g. `positions`. */
  readonly unit: string;
  /** The inputs, all built before timing starts. */
  readonly inputs: readonly T[];
  /** One operation; its return value is folded into a sink so the work cannot be skipped. */
  readonly run: (input: T) => number;
}

/** What one benchmark measured. */
export interface Measurement {
  readonly name: string;
  readonly unit: string;
  readonly inputs: number;
  /** Operations per second of each timed round, in the order they ran. */
  readonly rounds: readonly number[];
  readonly sink: number;
}

/**
 * Runs a benchmark: untimed warm-up passes over all inputs for at least `warmupMs`, then
 * `rounds` timed rounds of whole passes, each at least `budgetMs / rounds` long.
 */
export function measure<T>(
  bench: Benchmark<T>,
  budgetMs: number,
  warmupMs: number,
  rounds = 10,
): Measurement {
  const { inputs, run } = bench;
  if (inputs.length === 0) throw new Error(`${bench.name}: no inputs`);
  let sink = 0;
  const pass = (): void => {
    for (let i = 0; i < inputs.length; i++) sink += run(inputs[i]!);
  };
  const warmupEnd = process.hrtime.bigint() + BigInt(Math.round(warmupMs * 1e6));
  do pass();
  while (process.hrtime.bigint() < warmupEnd);

  const roundBudget = BigInt(Math.round((budgetMs / rounds) * 1e6));
  const perSecond: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    let passes = 0;
    let elapsed = 0n;
    do {
      pass();
      passes++;
      elapsed = process.hrtime.bigint() - start;
    } while (elapsed < roundBudget);
    perSecond.push((passes * inputs.length * 1e9) / Number(elapsed));
  }
  return { name: bench.name, unit: bench.unit, inputs: inputs.length, rounds: perSecond, sink };
}

/** The median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * One printed line, padded so that the columns of several lines line up:
 * `name   23,456 ops/s   42.6 µs/op   (1,000 positions)   best 24,001 ops/s, ±3% over 10 rounds`.
 * The main figures are the median round; then the fastest round, and the spread: half the range
 * of the rounds, relative to the median.
 */
export function formatMeasurement(m: Measurement, nameWidth: number): string {
  const perSecond = median(m.rounds);
  const microseconds = 1e6 / perSecond;
  const micro = microseconds < 10 ? twoDecimals.format(microseconds) : oneDecimal.format(microseconds);
  const spread = (Math.max(...m.rounds) - Math.min(...m.rounds)) / 2 / perSecond;
  return [
    m.name.padEnd(nameWidth),
    `${integer.format(perSecond).padStart(11)} ops/s`,
    `${micro.padStart(8)} µs/op`,
    `(${integer.format(m.inputs)} ${m.unit})`.padEnd(17),
    `best ${integer.format(Math.max(...m.rounds))} ops/s, ±${Math.round(spread * 100)}% over ${m.rounds.length} rounds`,
  ].join("   ");
}
