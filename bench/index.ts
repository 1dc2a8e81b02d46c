/**
 * `npm run bench`: throughput of the hot paths of the rules core on realistic full boards —
 * movement adjudication, legal-order generation for every power, order parsing and formatting.
 * Prints one line per benchmark with operations per second and mean microseconds per operation.
 * `--quick` runs a short pass (fewer positions, a fraction of a second each) as a smoke test.
 * Everything runs in this one thread; see docs/bench.md.
 */
import { cpus, loadavg } from "node:os";
import { adjudicateMovement } from "../shared/src/adjudicator/movement";
import { getMap } from "../shared/src/map/registry";
import { legalOrders } from "../shared/src/orders/legal";
import { formatOrder, parseOrder } from "../shared/src/orders/notation";
import type { Order } from "../shared/src/orders/types";
import { movementSamples, type MovementSample } from "./fixtures";
import { formatMeasurement, measure, type Benchmark } from "./harness";

/** How long to run: full figures, or a smoke test. */
interface Settings {
  readonly positions: number;
  readonly minUnits: number;
  readonly budgetMs: number;
  readonly warmupMs: number;
  readonly rounds: number;
}

const FULL: Settings = { positions: 1000, minUnits: 20, budgetMs: 2500, warmupMs: 500, rounds: 10 };
const QUICK: Settings = { positions: 200, minUnits: 20, budgetMs: 300, warmupMs: 100, rounds: 5 };

/** The settings chosen by the command line; unknown arguments are an error. */
function settingsFrom(args: readonly string[]): Settings {
  for (const a of args) if (a !== "--quick") throw new Error(`unknown argument "${a}" (only --quick)`);
  return args.includes("--quick") ? QUICK : FULL;
}

/** The four benchmarks over one set of samples, every input built here, before any timing. */
function benchmarks(samples: readonly MovementSample[]): Benchmark<unknown>[] {
  const map = getMap("classic")!;
  const orders: Order[] = samples.flatMap((s) => s.orders);
  const texts = orders.map((o) => formatOrder(o, { withPower: true }));
  for (const text of texts) {
    if (!parseOrder(text, { map, phase: "movement" }).ok) throw new Error(`does not parse: "${text}"`);
  }
  const adjudicate: Benchmark<MovementSample> = {
    name: "adjudicate: full-board classic movement phases",
    unit: "positions",
    inputs: samples,
    run: (s) => adjudicateMovement(map, s.position.units, s.orders).units.length,
  };
  const legal: Benchmark<MovementSample> = {
    name: "legal orders: full board, all 7 powers",
    unit: "positions",
    inputs: samples,
    // A fresh units array per operation, so the per-board index cached on it is rebuilt each time.
    run: (s) => {
      const position = { ...s.position, units: s.position.units.slice() };
      let n = 0;
      for (const power of map.powers) {
        const legal = legalOrders(map, position, power.id);
        if (legal.phase === "movement") for (const u of legal.units) n += u.orders.length;
      }
      return n;
    },
  };
  const parse: Benchmark<string> = {
    name: "parse: parseOrder, one order",
    unit: "orders",
    inputs: texts,
    run: (text) => (parseOrder(text, { map, phase: "movement" }).ok ? 1 : 0),
  };
  const format: Benchmark<Order> = {
    name: "format: formatOrder, one order",
    unit: "orders",
    inputs: orders,
    run: (o) => formatOrder(o, { withPower: true }).length,
  };
  return [adjudicate, legal, parse, format] as Benchmark<unknown>[];
}

function main(): void {
  const settings = settingsFrom(process.argv.slice(2));
  const map = getMap("classic")!;
  const samples = movementSamples(map, settings.positions, settings.minUnits);
  const units = samples.reduce((sum, s) => sum + s.position.units.length, 0) / samples.length;
  const all = benchmarks(samples);
  const width = Math.max(...all.map((b) => b.name.length));
  console.log(
    `# node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} (${cpus().length} cores, ` +
      `load average ${(loadavg()[0] ?? 0).toFixed(2)}), one thread`,
  );
  console.log(
    `# ${samples.length} classic movement positions from random games, ${units.toFixed(1)} units on ` +
      `average; ${settings.warmupMs} ms warm-up, then ${settings.rounds} rounds in ${settings.budgetMs} ms ` +
      `per benchmark; median round shown`,
  );
  let sink = 0;
  for (const bench of all) {
    const m = measure(bench, settings.budgetMs, settings.warmupMs, settings.rounds);
    sink += m.sink;
    console.log(formatMeasurement(m, width));
  }
  if (!Number.isFinite(sink)) console.log("# (sink)"); // uses the results, so no work is skipped
}

main();
