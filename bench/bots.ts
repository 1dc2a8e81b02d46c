/**
 * `npm run bench:bots`: plays full seven-power classic games with bots for every power, every phase
 * (adjustments too), to the 1920 limit or a solo, on one thread, and prints the median, p90 and
 * mean seconds per game and who won. Two kinds of game:
 * - board only (`tactics`): the orders of each tactics, adjudicated, nothing else;
 * - whole matches (`match`): `playBotMatch` — the trust layer, the newspaper, each bot's turn on its
 *   own player view, with steady (no diplomacy) and with a table of seven personalities.
 * `npm run bench:bots -- 21` plays 21 games (default 11); `--no-lookahead` skips the (slower)
 * look-ahead line, which plays fewer games.
 */
import { botOrders, type Tactics } from "../shared/src/bots/tactics";
import { centreCounts, initialPosition, resolvePhase, soloWinner } from "../shared/src/game/phases";
import { getMap } from "../shared/src/map/registry";
import type { PowerId } from "../shared/src/map/types";
import { createRng } from "../shared/src/random";
import { botProfile, playBotMatch, type Personality } from "../shared/src/bots";

const LAST_YEAR = 1920;
const map = getMap("classic")!;

/** One game's outcome. */
interface GameRun {
  readonly seconds: number;
  readonly winner: PowerId | null;
  readonly leader: PowerId;
}

/** Plays one game with `tactics` for every power. */
function playGame(tactics: Tactics, seed: string): GameRun {
  const started = performance.now();
  const rng = createRng(seed);
  let position = initialPosition(map);
  let winner: PowerId | null = null;
  while (position.year <= LAST_YEAR && winner === null) {
    const orders = map.powers.flatMap((p) => botOrders(tactics, map, position, p.id, rng));
    position = resolvePhase(map, position, orders).next;
    winner = soloWinner(map, position);
  }
  const counts = [...centreCounts(map, position)].sort((a, b) => b[1] - a[1]);
  return { seconds: (performance.now() - started) / 1000, winner, leader: counts[0]![0] };
}

/** The q-quantile of sorted numbers (nearest rank). */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Plays `games` games and prints one summary line. */
function report(tactics: Tactics, games: number): void {
  const runs = Array.from({ length: games }, (_, i) => playGame(tactics, `bench-${tactics}-${i}`));
  const secs = runs.map((r) => r.seconds).sort((a, b) => a - b);
  const mean = secs.reduce((a, b) => a + b, 0) / secs.length;
  const solos = runs.filter((r) => r.winner !== null);
  const tally = (xs: readonly (PowerId | null)[]): string => {
    const m = new Map<string, number>();
    for (const x of xs) if (x !== null) m.set(x, (m.get(x) ?? 0) + 1);
    return [...m].map(([p, n]) => `${p}×${n}`).join(" ") || "-";
  };
  console.log(
    `${tactics.padEnd(9)} games=${games} median=${quantile(secs, 0.5).toFixed(3)}s p90=${quantile(secs, 0.9).toFixed(3)}s ` +
      `mean=${mean.toFixed(3)}s solos=${solos.length} winners: ${tally(solos.map((r) => r.winner))} ` +
      `leaders: ${tally(runs.map((r) => r.leader))}`,
  );
}

/** Plays `games` whole bot matches with the given personalities (cycled over the seats) and prints a line. */
function reportMatches(name: string, personalities: readonly Personality[], games: number): void {
  const secs: number[] = [];
  const kinds = new Map<string, number>();
  for (let i = 0; i < games; i++) {
    const started = performance.now();
    const record = playBotMatch({
      mapId: "classic",
      seats: map.powers.map((_, s) => {
        const personality = personalities[s % personalities.length]!;
        return { label: personality, profile: botProfile(personality) };
      }),
      seed: `bench-match-${name}-${i}`,
      yearLimit: LAST_YEAR,
    });
    secs.push((performance.now() - started) / 1000);
    kinds.set(record.result.kind, (kinds.get(record.result.kind) ?? 0) + 1);
  }
  secs.sort((a, b) => a - b);
  const mean = secs.reduce((a, b) => a + b, 0) / secs.length;
  console.log(
    `match/${name.padEnd(9)} games=${games} median=${quantile(secs, 0.5).toFixed(3)}s p90=${quantile(secs, 0.9).toFixed(3)}s ` +
      `mean=${mean.toFixed(3)}s ends: ${[...kinds].map(([k, n]) => `${k}×${n}`).join(" ")}`,
  );
}

const args = process.argv.slice(2);
const games = Number(args.find((a) => /^\d+$/.test(a)) ?? 11);
report("baseline", games);
reportMatches("steady", ["steady"], games);
reportMatches(
  "mixed",
  ["copycat", "grudger", "detective", "always-cooperate", "always-cheat", "backstabber", "honest-rival"],
  games,
);
if (!args.includes("--no-lookahead")) report("lookahead", Math.max(1, Math.ceil(games / 4)));
